package scaffold_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// renderNextLevel renders what apply writes for a team that declared every
// capability of levels 1..declared: the capabilities of the next level only,
// with the lower levels present but not scaffolded (the team's own files).
func renderNextLevel(t *testing.T, stack scaffold.Stack, declared int) (string, []scaffold.File) {
	t.Helper()
	cat := maturity.MustDefault()
	lib, err := scaffold.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	ids := cat.IDsOf(cat.LevelSet(declared+1, declared+1))
	data := testData(t, lib, cat.IDsOf(cat.LevelSet(1, declared+1)))
	data.Stack = stack
	files, err := lib.Render(stack, ids, data)
	if err != nil {
		t.Fatalf("render level %d: %v", declared+1, err)
	}
	dir := t.TempDir()
	if keep := os.Getenv("MLOPS_KEEP_RENDER"); keep != "" {
		dir = filepath.Join(keep, "next", stackName(stack), fmt.Sprintf("from-%d", declared))
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range files {
		target := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(target, f.Content, f.Mode); err != nil {
			t.Fatal(err)
		}
	}
	return dir, files
}

// TestNextLevelScaffoldsPassTheirOwnTests: the scaffold apply writes for a
// team at level L (levels 1..L declared, their files the team's own) passes
// its own generated tests, or skips them naming the file it expects, on
// every built-in stack.
func TestNextLevelScaffoldsPassTheirOwnTests(t *testing.T) {
	for _, stack := range scaffold.BuiltinStacks() {
		for declared := 0; declared <= 3; declared++ {
			t.Run(fmt.Sprintf("%s/from-level-%d", stackName(stack), declared), func(t *testing.T) {
				t.Parallel() // each subtest renders into its own folder and runs its own processes
				dir, _ := renderNextLevel(t, stack, declared)
				runGeneratedTests(t, dir)
			})
		}
	}
}
