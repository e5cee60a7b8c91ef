package scaffold

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestApplyRefusesUnsafeRelativePaths(t *testing.T) {
	tests := []struct {
		name, path, want string
	}{
		{"dot dot", "..", "leaves the output folder"},
		{"climbs out", "a/../../x", "leaves the output folder"},
		{"absolute", "/etc/x", "absolute"},
		{"state folder", ".mlops/x", "reserved"},
		{"state folder itself", ".mlops", "reserved"},
		{"empty", "", "empty path"},
		{"backslash", `a\b`, "backslashes"},
		{"root itself", ".", "leaves the output folder"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			root := filepath.Join(parent, "out")
			if err := os.Mkdir(root, 0o755); err != nil {
				t.Fatal(err)
			}
			files := []File{newFile("good.txt", "good", 0), {Path: tc.path, Content: []byte("x"), SHA256: HashBytes([]byte("x"))}}
			_, err := Apply(root, files, ApplyOptions{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tc.want)
			}
			if got := treeListing(t, parent); !slices.Equal(got, []string{"out"}) {
				t.Errorf("a refused Apply left %v", got)
			}
		})
	}
}

func TestApplyRefusesUnsafeDisk(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, root, outside string)
		file  string
		want  string
	}{
		{
			name: "symlinked dir pointing outside",
			setup: func(t *testing.T, root, outside string) {
				symlink(t, outside, filepath.Join(root, "link"))
			},
			file: "link/x.txt",
			want: "link is a symlink; refusing to follow it out of the output folder",
		},
		{
			name: "symlinked dir deeper down",
			setup: func(t *testing.T, root, outside string) {
				mkdir(t, filepath.Join(root, "a"))
				symlink(t, outside, filepath.Join(root, "a", "b"))
			},
			file: "a/b/c/x.txt",
			want: "b is a symlink",
		},
		{
			name: "symlinked dir pointing inside",
			setup: func(t *testing.T, root, outside string) {
				mkdir(t, filepath.Join(root, "real"))
				symlink(t, filepath.Join(root, "real"), filepath.Join(root, "alias"))
			},
			file: "alias/x.txt",
			want: "alias is a symlink",
		},
		{
			name: "symlinked file pointing inside",
			setup: func(t *testing.T, root, outside string) {
				writeDisk(t, root, "inside.txt", "keep")
				symlink(t, filepath.Join(root, "inside.txt"), filepath.Join(root, "x.txt"))
			},
			file: "x.txt",
			want: "x.txt is a symlink",
		},
		{
			name: "symlinked file pointing outside",
			setup: func(t *testing.T, root, outside string) {
				symlink(t, filepath.Join(outside, "target.txt"), filepath.Join(root, "x.txt"))
			},
			file: "x.txt",
			want: "x.txt is a symlink",
		},
		{
			name: "file where a dir is expected",
			setup: func(t *testing.T, root, outside string) {
				writeDisk(t, root, "a", "a file")
			},
			file: "a/x.txt",
			want: "a exists and is not a directory",
		},
		{
			name: "dir where the file goes",
			setup: func(t *testing.T, root, outside string) {
				mkdir(t, filepath.Join(root, "x.txt"))
			},
			file: "x.txt",
			want: "x.txt exists and is not a regular file",
		},
		{
			name: "symlinked state folder",
			setup: func(t *testing.T, root, outside string) {
				symlink(t, outside, filepath.Join(root, StateDir))
			},
			file: "x.txt",
			want: ".mlops is a symlink",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root, outside := t.TempDir(), t.TempDir()
			tc.setup(t, root, outside)
			before := treeListing(t, root)
			files := []File{newFile("aaa-first.txt", "first", 0), newFile(tc.file, "new", 0)}
			_, err := Apply(root, files, ApplyOptions{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tc.want)
			}
			if got := treeListing(t, outside); len(got) != 0 {
				t.Errorf("outside folder is no longer empty: %v", got)
			}
			if after := treeListing(t, root); !slices.Equal(before, after) {
				t.Errorf("a refused Apply changed the tree: %v -> %v", before, after)
			}
			if tc.name == "symlinked file pointing inside" && readDisk(t, root, "inside.txt") != "keep" {
				t.Error("symlink target was written")
			}
		})
	}
}

func TestApplyThroughSymlinkedRoot(t *testing.T) {
	real := filepath.Join(t.TempDir(), "real")
	mkdir(t, real)
	link := filepath.Join(t.TempDir(), "link")
	symlink(t, real, link)

	res := mustApply(t, link, []File{newFile("a/b.txt", "hello", 0)}, ApplyOptions{})
	if !slices.Equal(res.Written, []string{"a/b.txt"}) {
		t.Fatalf("Written = %v", res.Written)
	}
	if got := readDisk(t, real, "a/b.txt"); got != "hello" {
		t.Errorf("content = %q", got)
	}
	if m := mustReadManifest(t, link); !slices.Equal(m.CreatedDirs, []string{"a"}) {
		t.Errorf("CreatedDirs = %v", m.CreatedDirs)
	}
}

func TestEnsureDirsRecordsCreated(t *testing.T) {
	tests := []struct {
		name     string
		existing string
		dir      string
		want     []string
	}{
		{"none exist", "", "a/b/c", []string{"a", "a/b", "a/b/c"}},
		{"some exist", "a/b", "a/b/c/d", []string{"a/b/c", "a/b/c/d"}},
		{"all exist", "a/b", "a/b", nil},
		{"top level", "", ".", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			if tc.existing != "" {
				mkdir(t, filepath.Join(root, filepath.FromSlash(tc.existing)))
			}
			r, err := os.OpenRoot(root)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			got, err := ensureDirs(r, root, tc.dir)
			if err != nil || !slices.Equal(got, tc.want) {
				t.Fatalf("ensureDirs = %v, %v; want %v", got, err, tc.want)
			}
			if info, err := os.Stat(filepath.Join(root, filepath.FromSlash(tc.dir))); err != nil || !info.IsDir() {
				t.Errorf("%s not created: %v", tc.dir, err)
			}
		})
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

func mkdir(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
}
