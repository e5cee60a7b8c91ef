package scaffold

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestInspect(t *testing.T) {
	const content = "generated\n"
	tests := []struct {
		name         string
		change       func(t *testing.T, root, outside string) // applied to a tree holding a/file.txt = content
		wantModified bool
		wantMissing  bool
	}{
		{name: "unchanged", change: func(t *testing.T, root, outside string) {}},
		{
			name:         "edited",
			change:       func(t *testing.T, root, outside string) { writeDisk(t, root, "a/file.txt", "edited\n") },
			wantModified: true,
		},
		{
			name:        "deleted",
			change:      func(t *testing.T, root, outside string) { remove(t, filepath.Join(root, "a", "file.txt")) },
			wantMissing: true,
		},
		{
			name: "replaced by a symlink to identical content",
			change: func(t *testing.T, root, outside string) {
				writeDisk(t, outside, "same.txt", content)
				remove(t, filepath.Join(root, "a", "file.txt"))
				symlink(t, filepath.Join(outside, "same.txt"), filepath.Join(root, "a", "file.txt"))
			},
			wantModified: true,
		},
		{
			name: "replaced by a directory",
			change: func(t *testing.T, root, outside string) {
				remove(t, filepath.Join(root, "a", "file.txt"))
				mkdir(t, filepath.Join(root, "a", "file.txt"))
			},
			wantModified: true,
		},
		{
			name: "parent folder replaced by a symlink",
			change: func(t *testing.T, root, outside string) {
				writeDisk(t, outside, "file.txt", content)
				if err := os.RemoveAll(filepath.Join(root, "a")); err != nil {
					t.Fatal(err)
				}
				symlink(t, outside, filepath.Join(root, "a"))
			},
			wantModified: true,
		},
		{
			name: "parent folder replaced by a file",
			change: func(t *testing.T, root, outside string) {
				if err := os.RemoveAll(filepath.Join(root, "a")); err != nil {
					t.Fatal(err)
				}
				writeDisk(t, root, "a", "x")
			},
			wantMissing: true,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root, outside := t.TempDir(), t.TempDir()
			writeDisk(t, root, "a/file.txt", content)
			writeDisk(t, root, "other.txt", "other\n")
			tc.change(t, root, outside)

			st, err := Inspect(root, map[string]string{
				"a/file.txt": HashBytes([]byte(content)),
				"other.txt":  HashBytes([]byte("other\n")),
			})
			if err != nil {
				t.Fatal(err)
			}
			var wantModified, wantMissing []string
			if tc.wantModified {
				wantModified = []string{"a/file.txt"}
			}
			if tc.wantMissing {
				wantMissing = []string{"a/file.txt"}
			}
			if !slices.Equal(st.Modified, wantModified) || !slices.Equal(st.Missing, wantMissing) {
				t.Errorf("Inspect = %+v, want Modified %v Missing %v", st, wantModified, wantMissing)
			}
		})
	}
}

func TestInspectMissingRoot(t *testing.T) {
	st, err := Inspect(filepath.Join(t.TempDir(), "gone"), map[string]string{"b.txt": hashB, "a.txt": hashA})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(st.Missing, []string{"a.txt", "b.txt"}) || len(st.Modified) != 0 {
		t.Errorf("Inspect = %+v, want everything missing, sorted", st)
	}
}

func TestInspectRefusesBadPath(t *testing.T) {
	if _, err := Inspect(t.TempDir(), map[string]string{"../x": hashA}); err == nil {
		t.Fatal("Inspect accepted a path outside the root")
	}
}

func remove(t *testing.T, p string) {
	t.Helper()
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
}
