package provider

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

func benchInputs(dir string) targetInputs {
	c := maturity.MustDefault()
	return targetInputs{
		name:      "bench-project",
		outputDir: dir,
		scope:     scopeNextLevel,
		stack:     scaffold.DefaultStack,
		decl:      maturity.Declaration{Capabilities: c.IDsOf(c.LevelSet(1, 1)), Target: 2},
	}
}

// BenchmarkPlanTarget is the provider's share of planning one new target:
// evaluate, render the next level, check the folder, decide, and
// convert the result to Terraform values.
func BenchmarkPlanTarget(b *testing.B) {
	data := newProviderData("bench", maturity.MustDefault())
	base := b.TempDir()
	r := &maturityTargetResource{data: data}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		in := benchInputs(filepath.Join(base, fmt.Sprint(i)))
		i++
		p, diags := planTarget(data, in, planMode{create: true})
		if diags.HasError() {
			b.Fatal(diags)
		}
		var m maturityTargetResourceModel
		r.setComputed(&m, p)
	}
}

// BenchmarkPlanTargetUnchanged plans a target whose scaffold is on disk
// already: the no-op re-plan.
func BenchmarkPlanTargetUnchanged(b *testing.B) {
	data := newProviderData("bench", maturity.MustDefault())
	dir := b.TempDir()
	in := benchInputs(dir)
	p, diags := planTarget(data, in, planMode{create: true})
	if diags.HasError() {
		b.Fatal(diags)
	}
	if _, err := scaffold.Apply(p.changes.Root, p.changes.Files, scaffold.ApplyOptions{Name: in.name, Stack: in.stack, InputsDigest: p.digest}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := planTarget(data, in, planMode{owner: in.name}); diags.HasError() {
			b.Fatal(diags)
		}
	}
}

// BenchmarkPlanTargetUnchangedRender is BenchmarkPlanTargetUnchanged with
// rendering forced, as before the inputs digest was recorded.
func BenchmarkPlanTargetUnchangedRender(b *testing.B) {
	data := newProviderData("bench", maturity.MustDefault())
	dir := b.TempDir()
	in := benchInputs(dir)
	p, diags := planTarget(data, in, planMode{create: true})
	if diags.HasError() {
		b.Fatal(diags)
	}
	if _, err := scaffold.Apply(p.changes.Root, p.changes.Files, scaffold.ApplyOptions{Name: in.name, Stack: in.stack, InputsDigest: p.digest}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := planTarget(data, in, planMode{owner: in.name, render: true}); diags.HasError() {
			b.Fatal(diags)
		}
	}
}
