package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
)

// plannedTarget is a plan as ModifyPlan receives it (computed attributes
// unknown) and the model with the results to write into it.
func plannedTarget(tb testing.TB) (tfsdk.Plan, maturityTargetResourceModel) {
	tb.Helper()
	ctx := context.Background()
	data := newProviderData("bench", maturity.MustDefault())
	r := &maturityTargetResource{data: data}
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	in := benchInputs(tb.TempDir())
	p, diags := planTarget(data, in, planMode{create: true})
	if diags.HasError() {
		tb.Fatal(diags)
	}
	// Every attribute unknown but the two the benchmark plans with.
	typ := sr.Schema.Type().TerraformType(ctx).(tftypes.Object)
	vals := make(map[string]tftypes.Value, len(typ.AttributeTypes))
	for name, t := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(t, tftypes.UnknownValue)
	}
	vals["name"] = tftypes.NewValue(tftypes.String, in.name)
	vals["output_dir"] = tftypes.NewValue(tftypes.String, in.outputDir)
	plan := tfsdk.Plan{Schema: sr.Schema, Raw: tftypes.NewValue(typ, vals)}
	var m maturityTargetResourceModel
	if d := plan.Get(ctx, &m); d.HasError() {
		tb.Fatal(d)
	}
	r.setComputed(&m, p)
	m.InstanceID = types.StringUnknown()
	return plan, m
}

// BenchmarkSetComputedAttributes is the last step of every plan of a
// target: writing the computed results into the planned object.
func BenchmarkSetComputedAttributes(b *testing.B) {
	ctx := context.Background()
	plan, m := plannedTarget(b)
	b.ReportAllocs()
	for b.Loop() {
		p := plan
		if d := setComputedAttributes(ctx, &p, &m); d.HasError() {
			b.Fatal(d)
		}
	}
}

// TestSetComputedAttributesOneStep: the planned object built in one step is
// the one SetAttribute per attribute gives, and it reads back as the model.
func TestSetComputedAttributesOneStep(t *testing.T) {
	ctx := context.Background()
	plan, m := plannedTarget(t)
	want := plan
	for name, value := range map[string]attr.Value{
		"id": m.ID, "current_level": m.CurrentLevel, "next_level": m.NextLevel, "target_met": m.TargetMet,
		"gaps": m.Gaps, "next_level_gaps": m.NextLevelGaps, "file_count": m.FileCount, "files_sha256": m.FilesSHA256,
		"modified_files": m.ModifiedFiles, "detected_capabilities": m.Detected, "declared_without_evidence": m.DeclaredWithoutEvidence,
		"detected_not_declared": m.DetectedNotDeclared, "instance_id": m.InstanceID,
	} {
		if d := want.SetAttribute(ctx, path.Root(name), value); d.HasError() {
			t.Fatal(d)
		}
	}
	before := plan.Raw.String()
	got := plan
	if d := setComputedAttributes(ctx, &got, &m); d.HasError() {
		t.Fatal(d)
	}
	// String shows every value, unknown ones included (Equal does not
	// tell an unknown from a known value).
	if got.Raw.String() != want.Raw.String() {
		t.Fatalf("one-step plan differs from SetAttribute's:\n got  %s\n want %s", got.Raw, want.Raw)
	}
	if plan.Raw.String() == got.Raw.String() || strings.Contains(got.Raw.String(), `"files_sha256":tftypes.String<unknown>`) {
		t.Fatal("nothing was set")
	}
	if plan.Raw.String() != before {
		t.Fatal("the input plan (which shares its values with the result) was changed in place")
	}
	var back maturityTargetResourceModel
	if d := got.Get(ctx, &back); d.HasError() {
		t.Fatal(d)
	}
	if !back.Gaps.Equal(m.Gaps) || !back.FilesSHA256.Equal(m.FilesSHA256) || back.FileCount.ValueInt64() == 0 {
		t.Fatalf("read back gaps %s files_sha256 %s file_count %s", back.Gaps, back.FilesSHA256, back.FileCount)
	}
}

// TestSetComputedAttributesWrongType: a value of the wrong type is an
// error on its attribute, and the plan is left as it was.
func TestSetComputedAttributesWrongType(t *testing.T) {
	ctx := context.Background()
	plan, m := plannedTarget(t)
	m.FileCount = types.Int64Null()
	m.Gaps = types.ListValueMust(types.Int64Type, nil)
	before := plan.Raw.String()
	d := setComputedAttributes(ctx, &plan, &m)
	if !d.HasError() || !strings.Contains(fmt.Sprint(d), "gaps") {
		t.Fatalf("want an error on gaps, got %v", d)
	}
	if plan.Raw.String() != before {
		t.Fatalf("plan changed despite the error:\n%s\n%s", before, plan.Raw.String())
	}
}

// TestStringAttribute reads strings from a state object without the
// framework, and refuses another type.
func TestStringAttribute(t *testing.T) {
	attrs := map[string]tftypes.Value{
		"set":     tftypes.NewValue(tftypes.String, "x"),
		"null":    tftypes.NewValue(tftypes.String, nil),
		"unknown": tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		"number":  tftypes.NewValue(tftypes.Number, 1),
	}
	tests := []struct {
		name string
		want types.String
		ok   bool
	}{
		{"set", types.StringValue("x"), true},
		{"null", types.StringNull(), true},
		{"unknown", types.StringUnknown(), true},
		{"number", types.StringNull(), false},
		{"missing", types.StringNull(), false},
	}
	for _, tt := range tests {
		got, ok := stringAttribute(attrs, tt.name)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("%s: got %s, %v; want %s, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}
