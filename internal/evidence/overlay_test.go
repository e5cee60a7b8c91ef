package evidence_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/evidence"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// TestScanDirWithPlannedFiles: scanning a folder together with files still
// to be written finds what scanning the folder after the write finds, for
// every stack, whether the folder is missing, empty or holds part of them.
func TestScanDirWithPlannedFiles(t *testing.T) {
	cat := maturity.MustDefault()
	lib := builtinLibrary(t)
	for _, stack := range scaffold.BuiltinStacks() {
		written, want := writeScaffold(t, lib, cat, stack, 3)
		planned := map[string][]byte{}
		half := t.TempDir()
		i := 0
		err := filepath.WalkDir(written, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(written, p)
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if i++; i%2 == 0 {
				planned[filepath.ToSlash(rel)] = b
				return nil
			}
			target := filepath.Join(half, rel)
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				return err
			}
			return os.WriteFile(target, b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
		all := map[string][]byte{}
		for p, b := range planned {
			all[p] = b
		}
		_ = filepath.WalkDir(half, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(half, p)
				all[filepath.ToSlash(rel)], _ = os.ReadFile(p)
			}
			return nil
		})
		for name, scan := range map[string]func() (*evidence.Result, error){
			"missing folder": func() (*evidence.Result, error) {
				return evidence.ScanDirWith(filepath.Join(t.TempDir(), "not-yet"), all, cat, evidence.Options{})
			},
			"half on disk": func() (*evidence.Result, error) { return evidence.ScanDirWith(half, planned, cat, evidence.Options{}) },
		} {
			res, err := scan()
			if err != nil {
				t.Fatalf("%+v %s: %v", stack, name, err)
			}
			if got := res.Detected(); !slices.Equal(sorted(got), sorted(want)) {
				t.Errorf("%+v %s: detected %s, scaffolded %s", stack, name, strings.Join(got, ","), strings.Join(want, ","))
			}
		}
	}
}

func sorted(ids []string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}
