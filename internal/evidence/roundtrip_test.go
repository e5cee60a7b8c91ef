package evidence_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/evidence"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

func builtinLibrary(t *testing.T) *scaffold.Library {
	t.Helper()
	lib, err := scaffold.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

// writeScaffold renders every capability of levels 1..level for a stack into
// a fresh folder, as the resource writes it, and returns the folder and the
// scaffolded ids.
func writeScaffold(t *testing.T, lib *scaffold.Library, cat *maturity.Catalog, stack scaffold.Stack, level int) (string, []string) {
	t.Helper()
	ids := cat.IDsOf(cat.LevelSet(1, level))
	vars, err := lib.ResolveVars("demo-project", "demo_project", nil)
	if err != nil {
		t.Fatal(err)
	}
	caps := make(map[string]bool, len(ids))
	for _, id := range ids {
		caps[id] = true
	}
	data := scaffold.Data{Name: "demo-project", Package: "demo_project", Stack: stack, Vars: vars, Capabilities: caps}
	files, err := lib.Render(stack, ids, data)
	if err != nil {
		t.Fatalf("render levels 1..%d of %+v: %v", level, stack, err)
	}
	dir := t.TempDir()
	for _, f := range files {
		target := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(target, f.Content, f.Mode); err != nil {
			t.Fatal(err)
		}
	}
	return dir, ids
}

// TestRoundTripOfEveryStack closes the loop: the files scaffolded for levels
// 1..N are evidence of exactly the capabilities of levels 1..N, for every
// stack, so after apply the next plan detects what was scaffolded.
func TestRoundTripOfEveryStack(t *testing.T) {
	cat := maturity.MustDefault()
	lib := builtinLibrary(t)
	for _, stack := range scaffold.BuiltinStacks() {
		for level := 1; level <= cat.MaxLevel(); level++ {
			name := fmt.Sprintf("%s-%s-%s/level-%d", stack.Platform, stack.Registry, stack.Monitoring, level)
			t.Run(name, func(t *testing.T) {
				dir, want := writeScaffold(t, lib, cat, stack, level)
				res, err := evidence.ScanDir(dir, cat, evidence.Options{})
				if err != nil {
					t.Fatal(err)
				}
				got := res.Detected()
				for _, id := range want {
					if !slices.Contains(got, id) {
						t.Errorf("scaffolded %s is not detected", id)
					}
				}
				for _, id := range got {
					if !slices.Contains(want, id) {
						f, _ := res.Finding(id)
						t.Errorf("%s is detected but not scaffolded at level %d: %v", id, level, f.Evidence)
					}
				}
			})
		}
	}
}
