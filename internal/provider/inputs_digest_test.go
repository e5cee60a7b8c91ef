package provider

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// TestReplanSkipsRenderOnlyForSameInputs: after an apply, a re-plan of the
// same inputs is made from the manifest; any change of an input the files
// depend on (a variable, the declaration, the scope, template_dir's
// content, the generator version) or of a file renders again, and apply
// never receives a plan without rendered files.
func TestReplanSkipsRenderOnlyForSameInputs(t *testing.T) {
	tmplDir := t.TempDir()
	writeFile(t, filepath.Join(tmplDir, "common", "project", "MLOPS.md.tmpl"), "our contract for {{ .Name }}\n")
	tests := []struct {
		name   string
		change func(in *targetInputs, data **providerData, dir string)
		skip   bool
	}{
		{name: "nothing changed", skip: true},
		{name: "a variable", change: func(in *targetInputs, _ **providerData, _ string) {
			in.vars = map[string]string{"python_version": "3.11"}
		}},
		{name: "a declared capability", change: func(in *targetInputs, _ **providerData, _ string) {
			c := maturity.MustDefault()
			in.decl.Capabilities = c.IDsOf(c.LevelSet(1, 1))[:1]
		}},
		{name: "the scope", change: func(in *targetInputs, _ **providerData, _ string) { in.scope = scopeTargetLevel }},
		{name: "the generator version", change: func(_ *targetInputs, data **providerData, _ string) {
			*data = newProviderData("other", maturity.MustDefault())
		}},
		{name: "a template in template_dir", change: func(in *targetInputs, _ **providerData, _ string) {
			in.templateDir = tmplDir
		}},
		{name: "an edited file", change: func(_ *targetInputs, _ **providerData, dir string) {
			writeFile(t, filepath.Join(dir, "MLOPS.md"), "ours\n")
		}},
		{name: "a deleted file", change: func(_ *targetInputs, _ **providerData, dir string) {
			if err := os.Remove(filepath.Join(dir, "MATURITY.md")); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := newProviderData("test", maturity.MustDefault())
			dir := t.TempDir()
			in := benchInputs(dir)
			applyTarget(t, data, in)
			if tt.change != nil {
				tt.change(&in, &data, dir)
			}
			p, diags := planTarget(data, in, planMode{owner: in.name})
			if diags.HasError() {
				t.Fatal(diags)
			}
			if p.changes.FromManifest != tt.skip {
				t.Fatalf("plan made from the manifest: %v, want %v", p.changes.FromManifest, tt.skip)
			}
			full, diags := planTarget(data, in, planMode{owner: in.name, render: true})
			if diags.HasError() {
				t.Fatal(diags)
			}
			if full.changes.FromManifest || len(full.changes.Files) == 0 {
				t.Fatal("a plan for apply came without rendered files")
			}
			gotCount, gotSHA := scaffold.Digest(p.changes.Managed)
			wantCount, wantSHA := scaffold.Digest(full.changes.Managed)
			if gotCount != wantCount || gotSHA != wantSHA || len(p.changes.Modified) != len(full.changes.Modified) || p.digest != full.digest {
				t.Fatalf("plans differ: %d %s vs rendered %d %s", gotCount, gotSHA, wantCount, wantSHA)
			}
		})
	}
}

// applyTarget plans and applies a new target as Create does.
func applyTarget(t *testing.T, data *providerData, in targetInputs) {
	t.Helper()
	p, diags := planTarget(data, in, planMode{create: true, render: true})
	if diags.HasError() {
		t.Fatal(diags)
	}
	if _, err := scaffold.Apply(p.changes.Root, p.changes.Files, p.changes.Options(scaffold.ApplyOptions{Name: in.name, Stack: in.stack, InputsDigest: p.digest})); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
