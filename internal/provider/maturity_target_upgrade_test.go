package provider

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// TestUpgradeStateFromVersions0And1 feeds states of schema versions 0 and 1
// (gaps as objects, a files map, a report, the absolute path as id) through
// the upgraders: inputs carry over, gaps become ids, the files become a
// count and a digest, the instance id comes from the manifest, and nothing
// path-dependent or long is left.
func TestUpgradeStateFromVersions0And1(t *testing.T) {
	ctx := context.Background()
	data := newProviderData("test", maturity.MustDefault())
	r := &maturityTargetResource{data: data}
	in := benchInputs(filepath.Join(t.TempDir(), "project"))
	p, diags := planTarget(data, in, planMode{create: true})
	if diags.HasError() {
		t.Fatal(diags)
	}
	if len(p.changes.Managed) == 0 || p.assessment.Gaps == 0 {
		t.Fatal("the fixture must carry files and gaps")
	}
	const instance = "0123456789abcdef"
	if _, err := scaffold.Apply(p.changes.Root, p.changes.Files, p.changes.Options(scaffold.ApplyOptions{Name: in.name, Stack: in.stack, Instance: instance})); err != nil {
		t.Fatal(err)
	}
	catalog := data.catalog
	gapObjects := []attr.Value{}
	for _, c := range catalog.CapabilitiesOf(p.assessment.Gaps) {
		gapObjects = append(gapObjects, types.ObjectValueMust(gapObjectType.AttrTypes, map[string]attr.Value{
			"id": types.StringValue(c.ID), "level": types.Int64Value(int64(c.Level)), "dimension": types.StringValue(c.Dimension),
			"title": types.StringValue(c.Title), "description": types.StringValue(c.Description),
		}))
	}
	modified := []string{"src/bench_project/train.py"}
	old := maturityTargetModelV1{
		ID:                types.StringValue(absPath(in.outputDir)),
		Name:              types.StringValue(in.name),
		TargetLevel:       types.Int64Value(int64(in.decl.Target)),
		Capabilities:      stringSet(in.decl.Capabilities),
		Exemptions:        stringMap(map[string]string{"ab_testing": "no live traffic"}),
		OutputDir:         types.StringValue(in.outputDir),
		Scaffold:          types.StringValue(in.scope),
		Platform:          types.StringValue(in.stack.Platform),
		Registry:          types.StringValue(in.stack.Registry),
		Monitoring:        types.StringValue(in.stack.Monitoring),
		Variables:         stringMap(map[string]string{"python_version": "3.11"}),
		TemplateDir:       types.StringNull(),
		OverwriteModified: types.BoolValue(false),
		CurrentLevel:      types.Int64Value(int64(p.assessment.Current)),
		NextLevel:         types.Int64Value(int64(p.assessment.Next)),
		TargetMet:         types.BoolValue(p.assessment.TargetMet),
		Gaps:              types.ListValueMust(gapObjectType, gapObjects),
		NextLevelGaps:     stringList(catalog.IDsOf(p.assessment.NextGaps)),
		Files:             stringMap(p.changes.Managed),
		ModifiedFiles:     stringList(modified),
		Report:            types.StringValue("# MLOps maturity\n\nlong text"),
	}
	wantCount, wantSHA := scaffold.Digest(p.changes.Managed)

	for _, version := range []int64{0, 1} {
		prior := targetSchemaV1(version)
		state := tfsdk.State{Schema: prior, Raw: tftypes.NewValue(prior.Type().TerraformType(ctx), nil)}
		if d := state.Set(ctx, &old); d.HasError() {
			t.Fatalf("write a version %d state: %v", version, d)
		}
		current := targetSchema()
		resp := resource.UpgradeStateResponse{State: tfsdk.State{Schema: current, Raw: tftypes.NewValue(current.Type().TerraformType(ctx), nil)}}
		upgrader, ok := r.UpgradeState(ctx)[version]
		if !ok || upgrader.PriorSchema == nil || upgrader.PriorSchema.Version != version {
			t.Fatalf("no upgrader from version %d", version)
		}
		upgrader.StateUpgrader(ctx, resource.UpgradeStateRequest{State: &state}, &resp)
		if resp.Diagnostics.HasError() {
			t.Fatalf("upgrade from %d: %v", version, resp.Diagnostics)
		}
		var got maturityTargetResourceModel
		if d := resp.State.Get(ctx, &got); d.HasError() {
			t.Fatal(d)
		}
		checks := map[string]bool{
			"id is the name":          got.ID.ValueString() == in.name,
			"gaps are ids":            got.Gaps.Equal(stringList(catalog.IDsOf(p.assessment.Gaps))),
			"file_count":              got.FileCount.ValueInt64() == int64(wantCount),
			"files_sha256":            got.FilesSHA256.ValueString() == wantSHA,
			"modified_files":          got.ModifiedFiles.Equal(stringList(modified)),
			"target_level":            levelOf(got.TargetLevel) == in.decl.Target,
			"inputs":                  got.Exemptions.Equal(old.Exemptions) && got.Variables.Equal(old.Variables) && got.OutputDir.Equal(old.OutputDir),
			"levels":                  got.CurrentLevel.Equal(old.CurrentLevel) && got.NextLevelGaps.Equal(old.NextLevelGaps),
			"plan_warning is default": got.PlanWarning.ValueBool(),
			"instance from manifest":  got.InstanceID.ValueString() == instance,
		}
		for what, ok := range checks {
			if !ok {
				t.Errorf("upgrade from version %d: %s is wrong: %+v", version, what, got)
			}
		}
	}
	if targetSchema().Version != 2 {
		t.Fatalf("current schema version %d, want 2", targetSchema().Version)
	}
}
