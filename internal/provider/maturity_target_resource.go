package provider

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

var (
	_ resource.ResourceWithUpgradeState     = (*maturityTargetResource)(nil)
	_ resource.Resource                     = (*maturityTargetResource)(nil)
	_ resource.ResourceWithConfigure        = (*maturityTargetResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*maturityTargetResource)(nil)
	_ resource.ResourceWithImportState      = (*maturityTargetResource)(nil)
	_ resource.ResourceWithConfigValidators = (*maturityTargetResource)(nil)
)

var (
	platforms   = scaffold.Platforms
	registries  = scaffold.Registries
	monitorings = scaffold.Monitorings
	scopes      = scaffold.Scopes
)

// NewMaturityTargetResource is the resource mlops_maturity_target.
func NewMaturityTargetResource() resource.Resource { return &maturityTargetResource{} }

type maturityTargetResource struct{ data *providerData }

// maturityTargetResourceModel is the state of schema version 2: inputs,
// ids, counts and digests. The per-file record lives in the manifest in
// output_dir, long text in the data source.
type maturityTargetResourceModel struct {
	ID                      types.String `tfsdk:"id"`
	Name                    types.String `tfsdk:"name"`
	TargetLevel             types.Number `tfsdk:"target_level"`
	Capabilities            types.Set    `tfsdk:"capabilities"`
	Exemptions              types.Map    `tfsdk:"exemptions"`
	OutputDir               types.String `tfsdk:"output_dir"`
	Scaffold                types.String `tfsdk:"scaffold"`
	Platform                types.String `tfsdk:"platform"`
	Registry                types.String `tfsdk:"registry"`
	Monitoring              types.String `tfsdk:"monitoring"`
	Variables               types.Map    `tfsdk:"variables"`
	TemplateDir             types.String `tfsdk:"template_dir"`
	OverwriteModified       types.Bool   `tfsdk:"overwrite_modified"`
	PlanWarning             types.Bool   `tfsdk:"plan_warning"`
	EvidenceDir             types.String `tfsdk:"evidence_dir"`
	EvidenceMode            types.String `tfsdk:"evidence_mode"`
	Detected                types.List   `tfsdk:"detected_capabilities"`
	DeclaredWithoutEvidence types.List   `tfsdk:"declared_without_evidence"`
	DetectedNotDeclared     types.List   `tfsdk:"detected_not_declared"`
	CurrentLevel            types.Int64  `tfsdk:"current_level"`
	NextLevel               types.Int64  `tfsdk:"next_level"`
	TargetMet               types.Bool   `tfsdk:"target_met"`
	Gaps                    types.List   `tfsdk:"gaps"`
	NextLevelGaps           types.List   `tfsdk:"next_level_gaps"`
	FileCount               types.Int64  `tfsdk:"file_count"`
	FilesSHA256             types.String `tfsdk:"files_sha256"`
	ModifiedFiles           types.List   `tfsdk:"modified_files"`
	InstanceID              types.String `tfsdk:"instance_id"`
}

func (r *maturityTargetResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_maturity_target"
}

func (r *maturityTargetResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = targetSchema()
}

// targetSchemaVersion is the version of the resource's state. Version 0
// held gaps as nested attributes, version 1 as objects, both with a files
// map and a report (see UpgradeState).
const targetSchemaVersion = 2

const switchDescription = " Changing it is an in-place update: apply writes the files of the new stack (for every capability the old " +
	"scaffold served that is still a gap), deletes the old files you did not edit (the plan names them) and stops managing the ones you " +
	"did, which stay in place; files your team adopted are never deleted."

func targetSchema() schema.Schema {
	s := schema.Schema{
		Version: targetSchemaVersion,
		MarkdownDescription: "Declares the capabilities an ML project has and the maturity level it aims for. " +
			"`terraform plan` shows the current level, the next level and every missing capability, with one warning that names the project " +
			"and says what apply writes; `terraform apply` writes the pipeline, model registry and monitoring files that reach the next level " +
			"(or the target) into `output_dir`. Generated files are tracked by sha256 in `output_dir/.mlops/manifest.json`: a file you edit is " +
			"reported in `modified_files` and never overwritten or deleted unless `overwrite_modified` is set. Once you declare (or exempt) a " +
			"capability, its files are handed over to your team: no destroy, replacement, stack switch or move of `output_dir` deletes them, " +
			"and every plan that deletes or stops managing files names them. The state keeps ids, counts and " +
			"a digest only, and nothing in it depends on where the working directory is.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				MarkdownDescription: "Project slug, used in generated files (the Python package is the slug with `_` for `-`). " +
					"Must match `^[a-z][a-z0-9-]{0,62}$`." + switchDescription,
				Required:   true,
				Validators: []validator.String{projectNameValidator()},
			},
			"target_level": schema.NumberAttribute{
				MarkdownDescription: targetLevelDescription,
				Required:            true,
			},
			"capabilities": schema.SetAttribute{
				MarkdownDescription: capabilitiesDescription + " Defaults to none.",
				ElementType:         types.StringType,
				Optional:            true,
				Computed:            true,
				Default:             setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
			},
			"exemptions": schema.MapAttribute{
				MarkdownDescription: exemptionsDescription + " Defaults to none.",
				ElementType:         types.StringType,
				Optional:            true,
				Computed:            true,
				Default:             mapdefault.StaticValue(types.MapValueMust(types.StringType, nil)),
				Validators: []validator.Map{
					mapvalidator.ValueStringsAre(nonBlank{what: "an exemption needs a reason"}),
				},
			},
			"output_dir": schema.StringAttribute{
				MarkdownDescription: "Folder the scaffolding is written into, created when missing. Kept in state as configured: a relative path " +
					"resolves against the working directory at every run, so a workspace can move. Nothing is ever written outside it, and no " +
					"symlink inside it is followed. It must not be another target's folder or lie inside one (two targets of one configuration " +
					"that clash are refused at plan), nor hold the scaffold of another resource instance (another state): that is refused at plan " +
					"with the `terraform import` command that adopts it. Another spelling of the same folder (`${path.root}/x`, `x`, `./x/`, its " +
					"absolute path) is the same value: no diff. A filesystem root, the home folder and system folders are refused; `.` and the " +
					"folders above the working directory (a repository root) are allowed. Moving it to another folder replaces the target: the plan " +
					"names the files destroy deletes in the old folder (the unedited generated files); edited files and the files your team adopted " +
					"stay, and create writes the new folder.",
				Required:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{sameFolder{}, stringplanmodifier.RequiresReplace()},
			},
			"scaffold": schema.StringAttribute{
				MarkdownDescription: "What apply writes: `next_level` (default) writes the files of the missing capabilities of `next_level` while the target is not met; " +
					"`target_level` writes those of every missing capability up to `target_level`; `none` writes nothing.",
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(scopeNextLevel),
				Validators: []validator.String{stringvalidator.OneOf(scopes...)},
			},
			"platform":   stackAttribute("CI system the pipelines are written for", platforms),
			"registry":   stackAttribute("Model registry and experiment tracker", registries),
			"monitoring": stackAttribute("Monitoring stack of the deployed model", monitorings),
			"variables": schema.MapAttribute{
				MarkdownDescription: "Extra template values, for example `python_version`, `default_branch`, `model_name` or `train_command`. " +
					"Unknown names are an error (with a suggestion) unless `template_dir` is set. See the provider docs for every name and default.",
				ElementType: types.StringType,
				Optional:    true,
			},
			"template_dir": schema.StringAttribute{
				MarkdownDescription: "Folder of your own templates that override the built-in ones file by file, with the same layout " +
					"(`common/<capability>/<path>.tmpl`, `platform/<platform>/<capability>/<path>.tmpl`, ...). A template that fails to parse is an error naming the file and line.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"overwrite_modified": schema.BoolAttribute{
				MarkdownDescription: "When true, generated files you edited are overwritten with the newly rendered content, and the plan warning names each one. " +
					"Defaults to false: edited files are left alone and listed in `modified_files`.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
			},
			"plan_warning": schema.BoolAttribute{
				MarkdownDescription: "Defaults to true: the plan warns while the target is not met. Set it to false for a deliberate long-term target " +
					"to silence that warning; `gaps` still lists what is missing, and a plan that would overwrite an edited file always warns.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(true),
			},
			"id": schema.StringAttribute{
				MarkdownDescription: "The project `name`: it does not depend on where the working directory is.",
				Computed:            true,
			},
			"current_level":   schema.Int64Attribute{MarkdownDescription: currentLevelDescription, Computed: true},
			"next_level":      schema.Int64Attribute{MarkdownDescription: nextLevelDescription, Computed: true},
			"target_met":      schema.BoolAttribute{MarkdownDescription: targetMetDescription, Computed: true},
			"gaps":            schema.ListAttribute{MarkdownDescription: gapsDescription, ElementType: types.StringType, Computed: true},
			"next_level_gaps": schema.ListAttribute{MarkdownDescription: nextLevelGapsDescription, ElementType: types.StringType, Computed: true},
			"file_count": schema.Int64Attribute{
				MarkdownDescription: "Number of generated files this target manages in `output_dir` after apply. Known at plan time. " +
					"The per-file record (path, sha256, capability) is in `output_dir/.mlops/manifest.json`.",
				Computed: true,
			},
			"files_sha256": schema.StringAttribute{
				MarkdownDescription: "sha256 hex over the sorted lines `<path> <sha256>\\n` of every managed file after apply. Known at plan time; " +
					"it changes whenever apply would write, re-create or stop managing a file.",
				Computed: true,
			},
			"instance_id": schema.StringAttribute{
				MarkdownDescription: "Random id of this resource instance, made at create and recorded in the manifest: a folder belongs to one " +
					"instance, so a second state (or a re-created resource) cannot take over a scaffold another one manages. `-replace` and a new " +
					"`output_dir` keep it; `terraform import` reads it from the manifest. Null for a target created by a provider version before it.",
				Computed: true,
			},
			"modified_files": schema.ListAttribute{
				MarkdownDescription: "Managed files whose content on disk no longer matches the manifest: your edits, which are kept.",
				ElementType:         types.StringType,
				Computed:            true,
			},
		},
	}
	for name, a := range evidenceResourceAttributes() {
		s.Attributes[name] = a
	}
	return s
}

func evidenceModeResourceAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: evidenceModeDescription,
		Optional:            true,
		Computed:            true,
		Default:             stringdefault.StaticString(evidenceModes[0]),
		Validators:          []validator.String{stringvalidator.OneOf(evidenceModes...)},
	}
}

func stackAttribute(what string, allowed []string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: fmt.Sprintf("%s: `%s` (default), `%s`.", what, allowed[0], strings.Join(allowed[1:], "`, `")) + switchDescription,
		Optional:            true,
		Computed:            true,
		Default:             stringdefault.StaticString(allowed[0]),
		Validators:          []validator.String{stringvalidator.OneOf(allowed...)},
	}
}

func (r *maturityTargetResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{declaredAndExempted{}}
}

func (r *maturityTargetResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

// inputsOf converts the model into domain inputs; known is false while any
// input is unknown.
func inputsOf(ctx context.Context, m *maturityTargetResourceModel) (in targetInputs, known bool, diags diag.Diagnostics) {
	for _, v := range []attr.Value{m.Name, m.OutputDir, m.Scaffold, m.Platform, m.Registry, m.Monitoring, m.Variables, m.TemplateDir, m.OverwriteModified, m.EvidenceDir, m.EvidenceMode} {
		if v.IsUnknown() {
			return in, false, nil
		}
	}
	in.decl, known, diags = declarationOf(ctx, m.Capabilities, m.Exemptions, m.TargetLevel)
	if !known || diags.HasError() {
		return in, false, diags
	}
	if !m.Variables.IsNull() {
		for _, v := range m.Variables.Elements() {
			if v.IsUnknown() {
				return in, false, diags
			}
		}
		diags.Append(m.Variables.ElementsAs(ctx, &in.vars, false)...)
	}
	in.name = m.Name.ValueString()
	in.outputDir = m.OutputDir.ValueString()
	in.scope = m.Scaffold.ValueString()
	in.stack = scaffold.Stack{Platform: m.Platform.ValueString(), Registry: m.Registry.ValueString(), Monitoring: m.Monitoring.ValueString()}
	in.templateDir = m.TemplateDir.ValueString()
	in.overwrite = m.OverwriteModified.ValueBool()
	in.evidenceDir = m.EvidenceDir.ValueString()
	in.evidenceMode = m.EvidenceMode.ValueString()
	in.planWarning = m.PlanWarning.IsNull() || m.PlanWarning.ValueBool()
	return in, !diags.HasError(), diags
}

// setComputed copies a plan's results into the model.
func (r *maturityTargetResource) setComputed(m *maturityTargetResourceModel, p *targetPlan) {
	values := assessmentModelOf(r.data.catalog, p.assessment)
	m.ID = types.StringValue(m.Name.ValueString())
	m.CurrentLevel, m.NextLevel, m.TargetMet = values.CurrentLevel, values.NextLevel, values.TargetMet
	m.Gaps, m.NextLevelGaps = values.Gaps, values.NextLevelGaps
	m.Detected, m.DeclaredWithoutEvidence, m.DetectedNotDeclared = p.evidence.lists()
	setFiles(m, p.changes.Managed, p.changes.Modified)
}

func setFiles(m *maturityTargetResourceModel, files map[string]string, modified []string) {
	count, sha := scaffold.Digest(files)
	m.FileCount = types.Int64Value(int64(count))
	m.FilesSHA256 = types.StringValue(sha)
	m.ModifiedFiles = stringList(modified)
}

// setComputedAttributes writes the computed attributes into the planned
// object in one step (see replaceAttributes).
func setComputedAttributes(ctx context.Context, plan *tfsdk.Plan, m *maturityTargetResourceModel) diag.Diagnostics {
	raw, diags := replaceAttributes(ctx, plan.Raw, map[string]attr.Value{
		"id":                        m.ID,
		"current_level":             m.CurrentLevel,
		"next_level":                m.NextLevel,
		"target_met":                m.TargetMet,
		"gaps":                      m.Gaps,
		"next_level_gaps":           m.NextLevelGaps,
		"file_count":                m.FileCount,
		"files_sha256":              m.FilesSHA256,
		"modified_files":            m.ModifiedFiles,
		"detected_capabilities":     m.Detected,
		"declared_without_evidence": m.DeclaredWithoutEvidence,
		"detected_not_declared":     m.DetectedNotDeclared,
		"instance_id":               m.InstanceID,
	})
	if !diags.HasError() {
		plan.Raw = raw
	}
	return diags
}

// replaceAttributes returns the object obj with the given top-level
// attributes replaced, built in one step: the object's values are taken
// apart once and the object built again. Setting them one by one
// (SetAttribute) walks the schema for every attribute, and the framework's
// reflection over the whole model costs more still, which matters with
// hundreds of targets. A value whose type is not the attribute's is an
// error on that attribute, and obj is returned unchanged.
func replaceAttributes(ctx context.Context, obj tftypes.Value, values map[string]attr.Value) (tftypes.Value, diag.Diagnostics) {
	var diags diag.Diagnostics
	attrs, ok := objectAttributes(obj)
	if !ok {
		diags.AddError("Unexpected object", fmt.Sprintf("The object has type %s; expected a known object. This is a bug in the provider.", obj.Type()))
		return obj, diags
	}
	typ := obj.Type().(tftypes.Object)
	// As hands out the object's own map: copy it, so the request's object
	// (which shares it) is not changed behind the framework's back.
	vals := make(map[string]tftypes.Value, len(attrs))
	for k, v := range attrs {
		vals[k] = v
	}
	for name, value := range values {
		v, err := value.ToTerraformValue(ctx)
		if err == nil && !v.Type().Equal(typ.AttributeTypes[name]) {
			err = fmt.Errorf("value of type %s for an attribute of type %s", v.Type(), typ.AttributeTypes[name])
		}
		if err != nil {
			diags.AddAttributeError(path.Root(name), "Value conversion error", "Could not set the value: "+err.Error()+". This is a bug in the provider.")
			continue
		}
		vals[name] = v
	}
	if diags.HasError() {
		return obj, diags
	}
	return tftypes.NewValue(typ, vals), diags
}

// objectAttributes are the attribute values of a known, non-null object
// (shared with it: do not change them).
func objectAttributes(obj tftypes.Value) (map[string]tftypes.Value, bool) {
	if _, ok := obj.Type().(tftypes.Object); !ok || obj.IsNull() || !obj.IsKnown() {
		return nil, false
	}
	var attrs map[string]tftypes.Value
	if err := obj.As(&attrs); err != nil {
		return nil, false
	}
	return attrs, true
}

// stringAttribute reads a string attribute of a known object without the
// framework's schema walk; ok is false for another type.
func stringAttribute(attrs map[string]tftypes.Value, name string) (types.String, bool) {
	v, found := attrs[name]
	switch {
	case !found || !v.Type().Equal(tftypes.String):
		return types.StringNull(), false
	case !v.IsKnown():
		return types.StringUnknown(), true
	case v.IsNull():
		return types.StringNull(), true
	}
	var s string
	if err := v.As(&s); err != nil {
		return types.StringNull(), false
	}
	return types.StringValue(s), true
}

func stringMap(values map[string]string) types.Map {
	elems := make(map[string]attr.Value, len(values))
	for k, v := range values {
		elems[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, elems)
}

// privateReplaced is the key of the private state that carries the
// instance id of a target from the plan of its update to the plan of its
// replacement: Terraform plans a replacement again as a create, with the
// private data of the first plan and no state, and that create may take
// over the folder of the instance it replaces.
const privateReplaced = "replaced_instance"

// modeOf says, from the prior state (or, for the create of a replacement,
// the private data of the replaced object), whose scaffold output_dir may
// hold. The plan of an existing target records its instance for a
// replacement.
func modeOf(ctx context.Context, state tfsdk.State, prior privateReader, planned privateWriter, diags *diag.Diagnostics) planMode {
	if state.Raw.IsNull() {
		mode := planMode{create: true}
		if prior != nil {
			b, d := prior.GetKey(ctx, privateReplaced)
			diags.Append(d...)
			if len(b) > 0 {
				_ = json.Unmarshal(b, &mode.replaces)
			}
		}
		return mode
	}
	var name, instance types.String
	diags.Append(state.GetAttribute(ctx, path.Root("name"), &name)...)
	diags.Append(state.GetAttribute(ctx, path.Root("instance_id"), &instance)...)
	if planned != nil && instance.ValueString() != "" {
		b, _ := json.Marshal(instance.ValueString())
		diags.Append(planned.SetKey(ctx, privateReplaced, b)...)
	}
	return planMode{owner: name.ValueString(), instance: instance.ValueString()}
}

type privateReader interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

type privateWriter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// ModifyPlan computes the level, the gaps and what apply will write, so all
// of them show in the plan, and refuses an output_dir that clashes with
// another target of the configuration or belongs to another instance. A
// destroy plan names the files destroy deletes.
func (r *maturityTargetResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data == nil {
		return
	}
	if req.Plan.Raw.IsNull() {
		resp.Diagnostics.Append(r.warnDestroy(ctx, req.State)...)
		return
	}
	var plan maturityTargetResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(checkDeclaration(r.data.catalog, path.Empty(), plan.Capabilities, plan.Exemptions,
		map[string]types.Number{"target_level": plan.TargetLevel})...)
	if resp.Diagnostics.HasError() {
		return
	}
	in, known, diags := inputsOf(ctx, &plan)
	resp.Diagnostics.Append(diags...)
	if !known || resp.Diagnostics.HasError() {
		return
	}
	var prior privateReader
	if req.Private != nil {
		prior = req.Private
	}
	var planned privateWriter
	if resp.Private != nil {
		planned = resp.Private
	}
	mode := modeOf(ctx, req.State, prior, planned, &resp.Diagnostics)
	// A new output_dir replaces the target: destroy cleans the old folder
	// first, so the new one is planned as created, and the plan names what
	// destroy deletes there. (A -replace is planned again as a create by
	// Terraform itself, see modeOf.)
	replaced := ""
	if moved(ctx, req.State, plan.OutputDir, &resp.Diagnostics) {
		replaced = r.replacedText(ctx, req.State, &resp.Diagnostics)
		mode = planMode{create: true, replaces: mode.instance}
	}
	if r.refuseClash(in, &resp.Diagnostics) {
		return
	}
	p, diags := planTarget(r.data, in, mode)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.setComputed(&plan, p)
	// A new target gets its instance id at create.
	plan.InstanceID = types.StringUnknown()
	if !mode.create {
		plan.InstanceID = nullable(mode.instance)
	}
	resp.Diagnostics.Append(setComputedAttributes(ctx, &resp.Plan, &plan)...)
	r.data.plans.put(planKey(in, mode), p)
	addPlanWarning(&resp.Diagnostics, r.data, in, p, in.planWarning, replaced)
}

// moved reports whether the plan moves an existing target to another
// folder, which replaces it (another spelling of the folder is kept as it
// is in state by sameFolder, so it never gets here). The framework hands
// ModifyPlan no RequiresReplace of the attribute plan modifiers, so this
// compares the values itself.
func moved(ctx context.Context, state tfsdk.State, planned types.String, diags *diag.Diagnostics) bool {
	if state.Raw.IsNull() {
		return false
	}
	var prior types.String
	diags.Append(state.GetAttribute(ctx, path.Root("output_dir"), &prior)...)
	return !prior.IsNull() && !planned.IsUnknown() && prior.ValueString() != planned.ValueString()
}

// nullable is s as a string value, null when empty.
func nullable(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// removalOf reads, from a target's state, its folder and manifest and what
// destroy would do there; nil when the folder holds no scaffold of it.
func removalOf(ctx context.Context, state tfsdk.State, diags *diag.Diagnostics) (root, name string, rp *scaffold.RemovePlan) {
	var m maturityTargetResourceModel
	diags.Append(state.Get(ctx, &m)...)
	if diags.HasError() {
		return "", "", nil
	}
	decl, _, d := declarationOf(ctx, m.Capabilities, m.Exemptions, m.TargetLevel)
	diags.Append(d...)
	root, name = m.OutputDir.ValueString(), m.Name.ValueString()
	manifest, err := scaffold.ReadManifest(root)
	if err != nil || manifest == nil || manifest.Name != name || diags.HasError() {
		return root, name, nil
	}
	plan, err := scaffold.PlanRemove(root, manifest, adoptionOf(decl))
	if err != nil {
		return root, name, nil
	}
	return root, name, &plan
}

// removalText names what destroy deletes in root and what it leaves.
func removalText(root string, rp *scaffold.RemovePlan) string {
	var b strings.Builder
	if len(rp.Deletes) > 0 {
		fmt.Fprintf(&b, "Destroy DELETES %s from %s (generated, never edited): %s.", filesText(len(rp.Deletes)), root, fileList(rp.Deletes))
	} else {
		fmt.Fprintf(&b, "Destroy deletes no generated file from %s.", root)
	}
	if len(rp.KeptEdits) > 0 {
		fmt.Fprintf(&b, " It leaves %s you edited: %s.", filesText(len(rp.KeptEdits)), fileList(rp.KeptEdits))
	}
	if len(rp.KeptAdopted) > 0 {
		fmt.Fprintf(&b, " It leaves the %s your team adopted (declared or exempted capabilities).", filesText(len(rp.KeptAdopted)))
	}
	return b.String()
}

// warnDestroy names, in the plan of a destroy, the files it deletes.
func (r *maturityTargetResource) warnDestroy(ctx context.Context, state tfsdk.State) diag.Diagnostics {
	var diags diag.Diagnostics
	root, name, rp := removalOf(ctx, state, &diags)
	if rp == nil || len(rp.Deletes)+len(rp.KeptEdits)+len(rp.KeptAdopted) == 0 {
		return diags
	}
	diags.AddWarning(name+": destroy deletes generated files", removalText(root, rp))
	return diags
}

// replacedText says what the destroy half of a replacement does in the
// folder the target leaves.
func (r *maturityTargetResource) replacedText(ctx context.Context, state tfsdk.State, diags *diag.Diagnostics) string {
	root, _, rp := removalOf(ctx, state, diags)
	if rp == nil {
		return ""
	}
	return "output_dir moves, which replaces the target. " + removalText(root, rp)
}

// refuseClash claims output_dir for this target and refuses it when another
// target of the configuration has the same folder or a nested one.
func (r *maturityTargetResource) refuseClash(in targetInputs, diags *diag.Diagnostics) bool {
	root := absPath(in.outputDir)
	conflicts := r.data.claims.claim(root, in.name)
	for _, c := range conflicts {
		how := "the same output_dir"
		if !c.same {
			how = "an output_dir nested with this one (" + c.root + ")"
		}
		diags.AddAttributeError(path.Root("output_dir"), "Two targets share an output folder",
			fmt.Sprintf("Targets %q and %q both plan into %s: %s. Each target needs its own folder, and folders must not nest, "+
				"or their applies would overwrite each other's files. Give one of them another output_dir.", in.name, c.name, root, how))
	}
	return len(conflicts) > 0
}

func (r *maturityTargetResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan maturityTargetResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// The instance is born here: at plan it was unknown, and a
	// replacement's old object is destroyed by now, manifest included.
	plan.InstanceID = types.StringValue(newInstanceID())
	diags, wrote := r.apply(ctx, &plan, planMode{create: true, instance: plan.InstanceID.ValueString()})
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() && !wrote {
		return
	}
	// After a partial write the state records what is on disk, so Terraform
	// taints the target and the next apply converges.
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// newInstanceID is a random id of 16 hex digits.
func newInstanceID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}

func (r *maturityTargetResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan maturityTargetResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	mode := modeOf(ctx, req.State, nil, nil, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	diags, wrote := r.apply(ctx, &plan, mode)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() && !wrote {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// apply re-plans against the disk, refuses to go on when the result differs
// from the plan Terraform showed, then writes. wrote reports that files were
// written even though diags has an error; plan then holds what is on disk.
func (r *maturityTargetResource) apply(ctx context.Context, plan *maturityTargetResourceModel, mode planMode) (diags diag.Diagnostics, wrote bool) {
	in, known, d := inputsOf(ctx, plan)
	diags.Append(d...)
	if !known || diags.HasError() {
		diags.AddError("Unknown inputs at apply", "Every input of the target must be known at apply time.")
		return diags, false
	}
	// The plan of this very apply, when terraform just planned it in this
	// process; it is still checked against the plan Terraform showed.
	p := r.data.plans.take(planKey(in, mode))
	if p == nil || p.changes.FromManifest {
		// A plan made from the manifest alone has no rendered files.
		mode.render = true
		var d diag.Diagnostics
		p, d = planTarget(r.data, in, mode)
		diags.Append(d...)
		if diags.HasError() {
			return diags, false
		}
	}
	var plannedModified []string
	if !plan.ModifiedFiles.IsUnknown() {
		diags.Append(plan.ModifiedFiles.ElementsAs(ctx, &plannedModified, false)...)
	}
	if !plan.FilesSHA256.IsUnknown() && compareWithPlan(plan.FilesSHA256.ValueString(), plannedModified, p) != nil {
		diags.AddAttributeError(path.Root("output_dir"), "Output folder changed since plan",
			fmt.Sprintf("Files in %s or in template_dir changed between plan and apply, so apply would not do what the plan showed. "+
				"Nothing was written. Run terraform apply again to plan against the current files.", p.changes.Root))
		return diags, false
	}
	logDecisions(ctx, in.name, p)
	res, err := scaffold.Apply(p.changes.Root, p.changes.Files, p.changes.Options(scaffold.ApplyOptions{
		OverwriteModified: in.overwrite,
		GeneratorVersion:  r.data.version,
		Name:              in.name,
		Stack:             in.stack,
		LockOwner:         "terraform mlops_maturity_target " + in.name,
		Target:            manifestTarget(in),
		Owner:             ownerName(in, mode),
		Instance:          mode.instance,
		InputsDigest:      p.digest,
	}))
	if errors.Is(err, scaffold.ErrForeignScaffold) {
		diags.AddAttributeError(path.Root("output_dir"), "output_dir belongs to another target", err.Error()+
			". Another run wrote its scaffold there after this plan; give each target its own output_dir.")
		return diags, false
	}
	if err != nil {
		diags.AddAttributeError(path.Root("output_dir"), "Writing the scaffold failed",
			err.Error()+". Every file is either complete or untouched; the next apply continues from what was written.")
		return diags, r.recordPartial(plan, p)
	}
	tflog.Debug(ctx, "scaffold applied", map[string]any{
		"project": in.name, "written": len(res.Written), "unchanged": len(res.Unchanged), "kept_edited": len(res.KeptModified),
		"kept_unmanaged": len(res.KeptUnmanaged), "deleted": len(res.Deleted), "released_edited": len(res.KeptEdits), "adopted": len(res.Adopted),
	})
	r.setComputed(plan, p)
	return diags, false
}

// logDecisions traces, file by file, what apply is about to do; silent
// unless TF_LOG asks for trace output.
func logDecisions(ctx context.Context, name string, p *targetPlan) {
	for _, d := range p.changes.Decisions {
		action := string(d.Action)
		if p.changes.Recreated[d.File.Path] {
			action = "re-create"
		}
		tflog.Trace(ctx, "scaffold file", map[string]any{
			"project": name, "path": d.File.Path, "capability": d.File.Capability, "action": action, "reason": d.Reason,
		})
	}
	for _, rel := range p.changes.Release {
		tflog.Trace(ctx, "scaffold file", map[string]any{"project": name, "path": rel, "action": "release"})
	}
	for _, rel := range p.changes.Adopt {
		tflog.Trace(ctx, "scaffold file", map[string]any{"project": name, "path": rel, "action": "adopt"})
	}
}

// recordPartial puts into plan the files a failed apply did write, from the
// manifest it left, so the state matches the disk.
func (r *maturityTargetResource) recordPartial(plan *maturityTargetResourceModel, p *targetPlan) bool {
	m, err := scaffold.ReadManifest(p.changes.Root)
	if err != nil || m == nil || m.Name != plan.Name.ValueString() {
		return false
	}
	r.setComputed(plan, p)
	setFiles(plan, m.Hashes(), nil)
	return true
}

// Read detects edited and deleted files against the manifest in output_dir.
// A deleted file drops out of file_count and files_sha256, so the next plan
// shows its re-creation while its capability is in scope.
func (r *maturityTargetResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	// Read once per target on every plan: the state's values are read and
	// written without the framework's schema walk per attribute.
	attrs, ok := objectAttributes(req.State.Raw)
	name, okName := stringAttribute(attrs, "name")
	outputDir, okDir := stringAttribute(attrs, "output_dir")
	instance, okInstance := stringAttribute(attrs, "instance_id")
	if !ok || !okName || !okDir || !okInstance {
		resp.Diagnostics.AddError("Unexpected state", "The state of the target is not an object with name, output_dir and instance_id. This is a bug in the provider.")
		return
	}
	if name.IsNull() {
		r.readImport(ctx, req, resp)
		return
	}
	// The common case, once per target on every plan: touch only the
	// attributes a refresh can change.
	var m maturityTargetResourceModel
	manifest, diags := refreshFiles(outputDir.ValueString(), name.ValueString(), &m)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	values := map[string]attr.Value{"file_count": m.FileCount, "files_sha256": m.FilesSHA256, "modified_files": m.ModifiedFiles}
	if instance.IsNull() && manifest != nil && manifest.Instance != "" {
		// A state from before instance ids learns its own from the manifest.
		values["instance_id"] = types.StringValue(manifest.Instance)
	}
	raw, diags := replaceAttributes(ctx, resp.State.Raw, values)
	resp.Diagnostics.Append(diags...)
	if !diags.HasError() {
		resp.State.Raw = raw
	}
}

// refreshFiles sets the file attributes of m from the manifest of project
// name in outputDir and the disk: managed files that exist, and the edited
// ones among them. Another project's manifest, or none, means no files.
// It returns the manifest when it is the project's.
func refreshFiles(outputDir, name string, m *maturityTargetResourceModel) (*scaffold.Manifest, diag.Diagnostics) {
	var diags diag.Diagnostics
	manifest, err := scaffold.ReadManifest(outputDir)
	if err != nil {
		diags.AddAttributeError(path.Root("output_dir"), "Unreadable scaffold manifest", err.Error())
		return nil, diags
	}
	if manifest == nil || manifest.Name != name {
		setFiles(m, nil, nil)
		return nil, diags
	}
	files := manifest.Hashes()
	status, err := scaffold.InspectStamped(outputDir, files, manifest.Stamps())
	if err != nil {
		diags.AddAttributeError(path.Root("output_dir"), "Inspecting the scaffold failed", err.Error())
		return nil, diags
	}
	for _, missing := range status.Missing {
		delete(files, missing)
	}
	setFiles(m, files, status.Modified)
	return manifest, diags
}

// readImport fills a freshly imported target from the manifest in its folder.
func (r *maturityTargetResource) readImport(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state maturityTargetResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(r.readImported(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Delete removes the managed files that are unchanged, leaves edited files
// and the files the team owns (declared or exempted capabilities, see
// scaffold.Adoption), and the folders it created once empty.
func (r *maturityTargetResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state maturityTargetResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	decl, _, diags := declarationOf(ctx, state.Capabilities, state.Exemptions, state.TargetLevel)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	root, name := state.OutputDir.ValueString(), state.Name.ValueString()
	m, err := scaffold.ReadManifest(root)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("output_dir"), "Unreadable scaffold manifest", err.Error())
		return
	}
	if m == nil {
		return
	}
	if m.Name != name || (m.Instance != "" && !state.InstanceID.IsNull() && m.Instance != state.InstanceID.ValueString()) {
		resp.Diagnostics.AddWarning(name+": scaffold left in place",
			fmt.Sprintf("%s now holds the scaffold of project %q (instance %s), which this target does not manage, so destroy removed nothing there.",
				absPath(root), m.Name, m.Instance))
		return
	}
	res, err := scaffold.RemoveWith(root, m, adoptionOf(decl))
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("output_dir"), "Removing the scaffold failed", err.Error())
		return
	}
	tflog.Debug(ctx, "scaffold removed", map[string]any{"project": m.Name, "removed": len(res.Removed), "kept_edited": len(res.KeptModified), "kept_adopted": len(res.KeptAdopted)})
	for _, rel := range res.Removed {
		tflog.Trace(ctx, "scaffold file", map[string]any{"project": m.Name, "path": rel, "action": "remove"})
	}
	if len(res.KeptModified)+len(res.KeptAdopted) > 0 {
		sort.Strings(res.KeptModified)
		var parts []string
		if len(res.KeptModified) > 0 {
			parts = append(parts, fmt.Sprintf("These generated files were edited and are left in place in %s: %s.", absPath(root), fileList(res.KeptModified)))
		}
		if len(res.KeptAdopted) > 0 {
			parts = append(parts, fmt.Sprintf("The %s your team adopted stay in %s.", filesText(len(res.KeptAdopted)), absPath(root)))
		}
		resp.Diagnostics.AddWarning(m.Name+": files kept", strings.Join(parts, " "))
	}
}

// ImportState takes the output folder, in any spelling; Read fills the
// rest from its manifest.
func (r *maturityTargetResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if strings.TrimSpace(req.ID) == "" {
		resp.Diagnostics.AddError("Invalid import id", "The import id is the target's output_dir (any spelling of the folder).")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("output_dir"), req.ID)...)
}

func manifestTarget(in targetInputs) *scaffold.Target {
	caps := append([]string{}, in.decl.Capabilities...)
	sort.Strings(caps)
	var warning *bool
	if !in.planWarning {
		// Recorded only when it differs from the default, so manifests
		// of targets that keep it stay as they were.
		warning = &in.planWarning
	}
	return &scaffold.Target{
		Level:             in.decl.Target,
		Capabilities:      caps,
		Exemptions:        in.decl.Exemptions,
		Scope:             in.scope,
		Variables:         in.vars,
		TemplateDir:       in.templateDir,
		OverwriteModified: in.overwrite,
		EvidenceDir:       in.evidenceDir,
		EvidenceMode:      in.evidenceMode,
		PlanWarning:       warning,
	}
}

// readImported fills an imported target from the manifest in its folder:
// every input as the last apply recorded it, and the computed attributes
// as the plan computes them (the same assessment, evidence scan included),
// so the plan after an import with the same configuration is empty.
func (r *maturityTargetResource) readImported(ctx context.Context, state *maturityTargetResourceModel) diag.Diagnostics {
	var diags diag.Diagnostics
	root := state.OutputDir.ValueString()
	m, err := scaffold.ReadManifest(root)
	if err != nil {
		diags.AddError("Unreadable scaffold manifest", err.Error())
		return diags
	}
	if m == nil || m.Target == nil {
		diags.AddError("Nothing to import", fmt.Sprintf("%s has no scaffold manifest with a target (%s/manifest.json); "+
			"the import id is the output_dir of a scaffold written by this provider.", absPath(root), scaffold.StateDir))
		return diags
	}
	importedInputs(state, m)
	in, _, d := inputsOf(ctx, state)
	diags.Append(d...)
	if diags.HasError() {
		return diags
	}
	a, scanned, d := assess(r.data.catalog, in.decl, in.evidenceDir, in.evidenceMode, in.outputDir, nil)
	diags.Append(d...)
	if diags.HasError() {
		return diags
	}
	values := assessmentModelOf(r.data.catalog, a)
	state.ID = types.StringValue(m.Name)
	state.CurrentLevel, state.NextLevel, state.TargetMet = values.CurrentLevel, values.NextLevel, values.TargetMet
	state.Gaps, state.NextLevelGaps = values.Gaps, values.NextLevelGaps
	state.Detected, state.DeclaredWithoutEvidence, state.DetectedNotDeclared = scanned.lists()
	state.InstanceID = nullable(m.Instance)
	_, d = refreshFiles(root, m.Name, state)
	diags.Append(d...)
	return diags
}

// importedInputs sets the inputs of state from the manifest's record.
func importedInputs(state *maturityTargetResourceModel, m *scaffold.Manifest) {
	t := m.Target
	state.Name = types.StringValue(m.Name)
	state.TargetLevel = types.NumberValue(numberOf(t.Level))
	state.Capabilities = stringSet(t.Capabilities)
	state.Exemptions = stringMap(t.Exemptions)
	state.Scaffold = types.StringValue(t.Scope)
	state.Platform = types.StringValue(m.Stack.Platform)
	state.Registry = types.StringValue(m.Stack.Registry)
	state.Monitoring = types.StringValue(m.Stack.Monitoring)
	state.Variables = types.MapNull(types.StringType)
	if len(t.Variables) > 0 {
		state.Variables = stringMap(t.Variables)
	}
	state.TemplateDir = types.StringNull()
	if t.TemplateDir != "" {
		state.TemplateDir = types.StringValue(t.TemplateDir)
	}
	state.OverwriteModified = types.BoolValue(t.OverwriteModified)
	state.PlanWarning = types.BoolValue(t.PlanWarning == nil || *t.PlanWarning)
	state.EvidenceDir = types.StringNull()
	if t.EvidenceDir != "" {
		state.EvidenceDir = types.StringValue(t.EvidenceDir)
	}
	state.EvidenceMode = types.StringValue(evidenceModes[0])
	if t.EvidenceMode != "" {
		state.EvidenceMode = types.StringValue(t.EvidenceMode)
	}
}

func stringSet(values []string) types.Set {
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.StringValue(v)
	}
	return types.SetValueMust(types.StringType, elems)
}
