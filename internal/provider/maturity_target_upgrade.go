package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// maturityTargetModelV1 is the state of schema versions 0 and 1: the
// absolute output folder as id, gaps as objects, every file in a map, and
// the Markdown report.
type maturityTargetModelV1 struct {
	ID                types.String `tfsdk:"id"`
	Name              types.String `tfsdk:"name"`
	TargetLevel       types.Int64  `tfsdk:"target_level"`
	Capabilities      types.Set    `tfsdk:"capabilities"`
	Exemptions        types.Map    `tfsdk:"exemptions"`
	OutputDir         types.String `tfsdk:"output_dir"`
	Scaffold          types.String `tfsdk:"scaffold"`
	Platform          types.String `tfsdk:"platform"`
	Registry          types.String `tfsdk:"registry"`
	Monitoring        types.String `tfsdk:"monitoring"`
	Variables         types.Map    `tfsdk:"variables"`
	TemplateDir       types.String `tfsdk:"template_dir"`
	OverwriteModified types.Bool   `tfsdk:"overwrite_modified"`
	CurrentLevel      types.Int64  `tfsdk:"current_level"`
	NextLevel         types.Int64  `tfsdk:"next_level"`
	TargetMet         types.Bool   `tfsdk:"target_met"`
	Gaps              types.List   `tfsdk:"gaps"`
	NextLevelGaps     types.List   `tfsdk:"next_level_gaps"`
	Files             types.Map    `tfsdk:"files"`
	ModifiedFiles     types.List   `tfsdk:"modified_files"`
	Report            types.String `tfsdk:"report"`
}

// UpgradeState reads states of schema versions 0 and 1. Both carry the
// same values (version 0 declared gaps as nested attributes); the upgrade
// keeps the inputs, turns gaps into ids and the files map into a count and
// a digest, drops the report and the absolute path, and takes the instance
// id from the manifest in output_dir.
func (r *maturityTargetResource) UpgradeState(context.Context) map[int64]resource.StateUpgrader {
	upgraders := map[int64]resource.StateUpgrader{}
	for _, version := range []int64{0, 1} {
		prior := targetSchemaV1(version)
		upgraders[version] = resource.StateUpgrader{PriorSchema: &prior, StateUpgrader: upgradeFromV1}
	}
	return upgraders
}

func upgradeFromV1(ctx context.Context, req resource.UpgradeStateRequest, resp *resource.UpgradeStateResponse) {
	var old maturityTargetModelV1
	resp.Diagnostics.Append(req.State.Get(ctx, &old)...)
	if resp.Diagnostics.HasError() {
		return
	}
	m, diags := upgradedModel(ctx, &old)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

func upgradedModel(ctx context.Context, old *maturityTargetModelV1) (*maturityTargetResourceModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	m := &maturityTargetResourceModel{
		ID:                      old.Name,
		Name:                    old.Name,
		TargetLevel:             types.NumberValue(numberOf(int(old.TargetLevel.ValueInt64()))),
		Capabilities:            old.Capabilities,
		Exemptions:              old.Exemptions,
		OutputDir:               old.OutputDir,
		Scaffold:                old.Scaffold,
		Platform:                old.Platform,
		Registry:                old.Registry,
		Monitoring:              old.Monitoring,
		Variables:               old.Variables,
		TemplateDir:             old.TemplateDir,
		OverwriteModified:       old.OverwriteModified,
		PlanWarning:             types.BoolValue(true),
		EvidenceDir:             types.StringNull(),
		EvidenceMode:            types.StringValue(evidenceModes[0]),
		Detected:                types.ListNull(types.StringType),
		DeclaredWithoutEvidence: types.ListNull(types.StringType),
		DetectedNotDeclared:     types.ListNull(types.StringType),
		CurrentLevel:            old.CurrentLevel,
		NextLevel:               old.NextLevel,
		TargetMet:               old.TargetMet,
		NextLevelGaps:           old.NextLevelGaps,
		ModifiedFiles:           old.ModifiedFiles,
	}
	ids := []string{}
	for _, e := range old.Gaps.Elements() {
		obj, ok := e.(types.Object)
		if !ok {
			continue
		}
		if id, ok := obj.Attributes()["id"].(types.String); ok {
			ids = append(ids, id.ValueString())
		}
	}
	m.Gaps = stringList(ids)
	files := map[string]string{}
	if !old.Files.IsNull() && !old.Files.IsUnknown() {
		diags.Append(old.Files.ElementsAs(ctx, &files, false)...)
	}
	var modified []string
	if !old.ModifiedFiles.IsNull() && !old.ModifiedFiles.IsUnknown() {
		diags.Append(old.ModifiedFiles.ElementsAs(ctx, &modified, false)...)
	}
	setFiles(m, files, modified)
	// The instance that owns the folder, when its manifest records one;
	// null otherwise, as for a state from before instance ids.
	m.InstanceID = types.StringNull()
	if manifest, err := scaffold.ReadManifest(old.OutputDir.ValueString()); err == nil && manifest != nil && manifest.Name == old.Name.ValueString() {
		m.InstanceID = nullable(manifest.Instance)
	}
	return m, diags
}

// targetSchemaV1 is the schema of state version 1, or of version 0 where
// gaps were nested attributes. Only the types matter to read an old state.
func targetSchemaV1(version int64) schema.Schema {
	str := schema.StringAttribute{Optional: true, Computed: true}
	strMap := schema.MapAttribute{ElementType: types.StringType, Optional: true, Computed: true}
	strList := schema.ListAttribute{ElementType: types.StringType, Computed: true}
	num := schema.Int64Attribute{Optional: true, Computed: true}
	flag := schema.BoolAttribute{Optional: true, Computed: true}
	attrs := map[string]schema.Attribute{
		"id": str, "name": str, "output_dir": str, "scaffold": str, "platform": str, "registry": str,
		"monitoring": str, "template_dir": str, "report": str,
		"target_level": num, "current_level": num, "next_level": num,
		"capabilities": schema.SetAttribute{ElementType: types.StringType, Optional: true, Computed: true},
		"exemptions":   strMap, "variables": strMap, "files": strMap,
		"overwrite_modified": flag, "target_met": flag,
		"next_level_gaps": strList, "modified_files": strList,
		"gaps": schema.ListAttribute{ElementType: gapObjectType, Computed: true},
	}
	if version == 0 {
		nested := map[string]schema.Attribute{}
		for name, t := range gapObjectType.AttrTypes {
			if t == types.Int64Type {
				nested[name] = schema.Int64Attribute{Computed: true}
				continue
			}
			nested[name] = schema.StringAttribute{Computed: true}
		}
		attrs["gaps"] = schema.ListNestedAttribute{Computed: true, NestedObject: schema.NestedAttributeObject{Attributes: nested}}
	}
	return schema.Schema{Version: version, Attributes: attrs}
}
