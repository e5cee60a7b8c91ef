package provider

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestUpgradeStateFromVersion0 feeds a version 0 state (gaps as nested
// attributes) through the upgrader and expects every value unchanged.
func TestUpgradeStateFromVersion0(t *testing.T) {
	ctx := context.Background()
	data, err := newProviderData("test")
	if err != nil {
		t.Fatal(err)
	}
	r := &maturityTargetResource{data: data}
	in := benchInputs(filepath.Join(t.TempDir(), "project"))
	p, diags := planTarget(data, in, nil, "")
	if diags.HasError() {
		t.Fatal(diags)
	}
	want := maturityTargetResourceModel{
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
	}
	r.setComputed(&want, p)
	if len(p.files) == 0 || want.Gaps.IsNull() || len(want.Gaps.Elements()) == 0 {
		t.Fatal("the fixture must carry files and gaps")
	}

	v0 := targetSchemaV0()
	old := tfsdk.State{Schema: v0, Raw: tftypes.NewValue(v0.Type().TerraformType(ctx), nil)}
	if d := old.Set(ctx, &want); d.HasError() {
		t.Fatalf("write a version 0 state: %v", d)
	}
	current := targetSchema()
	resp := resource.UpgradeStateResponse{State: tfsdk.State{Schema: current, Raw: tftypes.NewValue(current.Type().TerraformType(ctx), nil)}}
	upgrader, ok := r.UpgradeState(ctx)[0]
	if !ok || upgrader.PriorSchema == nil {
		t.Fatal("no upgrader from version 0")
	}
	upgrader.StateUpgrader(ctx, resource.UpgradeStateRequest{State: &old}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("upgrade: %v", resp.Diagnostics)
	}
	var got maturityTargetResourceModel
	if d := resp.State.Get(ctx, &got); d.HasError() {
		t.Fatal(d)
	}
	if !got.Gaps.Equal(want.Gaps) || !got.Files.Equal(want.Files) || !got.Report.Equal(want.Report) ||
		!got.Exemptions.Equal(want.Exemptions) || !got.Variables.Equal(want.Variables) || !got.ID.Equal(want.ID) ||
		!got.CurrentLevel.Equal(want.CurrentLevel) || !got.NextLevelGaps.Equal(want.NextLevelGaps) {
		t.Fatalf("the upgraded state differs:\n got %+v\nwant %+v", got, want)
	}
	if current.Version != 1 || v0.Version != 0 {
		t.Fatalf("schema versions: current %d, prior %d", current.Version, v0.Version)
	}
}
