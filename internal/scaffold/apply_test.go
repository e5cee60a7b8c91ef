package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// --- helpers shared by the tests of this package ---

func newFile(rel, content string, mode fs.FileMode) File {
	return File{Path: rel, Content: []byte(content), SHA256: HashBytes([]byte(content)), Capability: "cap", Mode: mode}
}

func writeDisk(t *testing.T, root, rel, content string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readDisk(t *testing.T, root, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// treeListing returns every path below root, "/"-separated and sorted.
func treeListing(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != root {
			rel, _ := filepath.Rel(root, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func assertNoTempFiles(t *testing.T, root string) {
	t.Helper()
	for _, p := range treeListing(t, root) {
		if strings.Contains(p, ".mlops-tmp-") {
			t.Errorf("temporary file left behind: %s", p)
		}
	}
}

// assertManifestMatchesDisk checks that every manifest entry describes the
// file on disk (no test edits files it then expects to match).
func assertManifestMatchesDisk(t *testing.T, root string, m *Manifest) {
	t.Helper()
	for rel, mf := range m.Files {
		if got := HashBytes([]byte(readDisk(t, root, rel))); got != mf.SHA256 {
			t.Errorf("manifest entry %s: hash %s, disk %s", rel, mf.SHA256, got)
		}
	}
}

func mustApply(t *testing.T, root string, files []File, opts ApplyOptions) *Result {
	t.Helper()
	res, err := Apply(root, files, opts)
	if err != nil {
		t.Fatalf("Apply: %v", err)
	}
	return res
}

func mustReadManifest(t *testing.T, root string) *Manifest {
	t.Helper()
	m, err := ReadManifest(root)
	if err != nil || m == nil {
		t.Fatalf("ReadManifest: %v, %v", m, err)
	}
	return m
}

func manifestFiles(files []File) map[string]ManifestFile {
	m := map[string]ManifestFile{}
	for _, f := range files {
		m[f.Path] = ManifestFile{SHA256: f.SHA256, Capability: f.Capability}
	}
	return m
}

func manyFiles(n int, version string) []File {
	files := make([]File, n)
	for i := range files {
		files[i] = newFile(fmt.Sprintf("dir%d/file%02d.txt", i%3, i), fmt.Sprintf("file %d %s\n", i, version), 0o644)
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return files
}

// --- tests ---

func TestDecideActions(t *testing.T) {
	const rel = "pkg/file.txt"
	newContent, oldContent, edited := "new\n", "old\n", "edited by the user\n"
	managed := map[string]ManifestFile{rel: {SHA256: HashBytes([]byte(oldContent)), Capability: "cap"}}
	tests := []struct {
		name      string
		disk      string // "" means the file is missing
		prev      map[string]ManifestFile
		overwrite bool
		want      Action
	}{
		{"missing", "", nil, false, ActionWrite},
		{"missing managed", "", managed, false, ActionWrite},
		{"same content unmanaged is adopted", newContent, nil, false, ActionUnchanged},
		{"same content managed", newContent, managed, false, ActionUnchanged},
		{"template output changed", oldContent, managed, false, ActionWrite},
		{"user edited", edited, managed, false, ActionKeepModified},
		{"user edited, overwrite", edited, managed, true, ActionWrite},
		{"unmanaged other content", edited, nil, false, ActionKeepUnmanaged},
		{"unmanaged other content, overwrite", edited, nil, true, ActionKeepUnmanaged},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			if tc.disk != "" {
				writeDisk(t, root, rel, tc.disk)
			}
			before := treeListing(t, root)
			ds, err := Decide(root, []File{newFile(rel, newContent, 0o644)}, tc.prev, tc.overwrite)
			if err != nil {
				t.Fatal(err)
			}
			if len(ds) != 1 || ds[0].Action != tc.want || ds[0].Reason == "" {
				t.Fatalf("decisions = %+v, want one %q with a reason", ds, tc.want)
			}
			if after := treeListing(t, root); !slices.Equal(before, after) {
				t.Errorf("Decide changed the tree: %v -> %v", before, after)
			}
		})
	}
}

func TestDecideRefusesConflictingFiles(t *testing.T) {
	tests := []struct {
		name  string
		files []File
		want  string
	}{
		{"duplicate", []File{newFile("a.txt", "1", 0), newFile("./a.txt", "2", 0)}, "listed twice"},
		{"file is a folder of another", []File{newFile("a", "1", 0), newFile("a/b.txt", "2", 0)}, "both a file and the folder"},
		{"hash mismatch", []File{{Path: "a.txt", Content: []byte("x"), SHA256: HashBytes([]byte("y"))}}, "does not match"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			if _, err := Apply(root, tc.files, ApplyOptions{}); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
			if got := treeListing(t, root); len(got) != 0 {
				t.Errorf("Apply left %v", got)
			}
		})
	}
}

func TestDecideOnMissingRootWritesEverything(t *testing.T) {
	root := filepath.Join(t.TempDir(), "not", "yet")
	ds, err := Decide(root, []File{newFile("a/b.txt", "x", 0)}, nil, false)
	if err != nil || len(ds) != 1 || ds[0].Action != ActionWrite {
		t.Fatalf("Decide = %+v, %v", ds, err)
	}
	if exists(root) {
		t.Error("Decide created the root")
	}
}

func TestApplyResultAndManifest(t *testing.T) {
	root := filepath.Join(t.TempDir(), "out")
	writeDisk(t, root, "same.txt", "same\n")
	writeDisk(t, root, "mine.txt", "the user's own\n")
	files := []File{
		newFile("new/deep/file.txt", "new\n", 0o644),
		newFile("same.txt", "same\n", 0o644),
		newFile("mine.txt", "generated\n", 0o644),
	}
	opts := ApplyOptions{GeneratorVersion: "1.2.3", Name: "demo", Stack: DefaultStack, LockOwner: "test"}
	res := mustApply(t, root, files, opts)

	check := func(name string, got, want []string) {
		t.Helper()
		if !slices.Equal(got, want) {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	check("Written", res.Written, []string{"new/deep/file.txt"})
	check("Unchanged", res.Unchanged, []string{"same.txt"})
	check("KeptUnmanaged", res.KeptUnmanaged, []string{"mine.txt"})
	check("KeptModified", res.KeptModified, nil)

	m := mustReadManifest(t, root)
	if m.Name != "demo" || m.GeneratorVersion != "1.2.3" || m.Stack != DefaultStack || m.FormatVersion != ManifestFormatVersion {
		t.Errorf("manifest header = %+v", m)
	}
	check("manifest files", slices.Sorted(maps.Keys(m.Files)), []string{"new/deep/file.txt", "same.txt"})
	check("CreatedDirs", m.CreatedDirs, []string{"new", "new/deep"})
	if got := readDisk(t, root, "mine.txt"); got != "the user's own\n" {
		t.Errorf("unmanaged file overwritten: %q", got)
	}
	assertManifestMatchesDisk(t, root, m)
	assertNoTempFiles(t, root)
	if exists(filepath.Join(root, lockRel)) {
		t.Error("lock left behind")
	}
}

func TestApplyAccumulates(t *testing.T) {
	root := t.TempDir()
	mustApply(t, root, []File{newFile("a/one.txt", "1\n", 0), newFile("b/two.txt", "2\n", 0)}, ApplyOptions{})
	res := mustApply(t, root, []File{newFile("b/two.txt", "2 v2\n", 0), newFile("c/three.txt", "3\n", 0)}, ApplyOptions{})
	if !slices.Equal(res.Written, []string{"b/two.txt", "c/three.txt"}) {
		t.Errorf("Written = %v", res.Written)
	}
	m := mustReadManifest(t, root)
	if got := slices.Sorted(maps.Keys(m.Files)); !slices.Equal(got, []string{"a/one.txt", "b/two.txt", "c/three.txt"}) {
		t.Errorf("manifest files = %v", got)
	}
	if m.Files["b/two.txt"].SHA256 != HashBytes([]byte("2 v2\n")) {
		t.Error("updated entry keeps the old hash")
	}
	if !slices.Equal(m.CreatedDirs, []string{"a", "b", "c"}) {
		t.Errorf("CreatedDirs = %v", m.CreatedDirs)
	}
	assertManifestMatchesDisk(t, root, m)
}

func TestApplyKeepModified(t *testing.T) {
	const rel = "train.py"
	v1, v2, edit := "v1\n", "v2\n", "user edit\n"
	tests := []struct {
		overwrite    bool
		wantDisk     string
		wantManifest string
		wantKept     bool
	}{
		{overwrite: false, wantDisk: edit, wantManifest: v1, wantKept: true},
		{overwrite: true, wantDisk: v2, wantManifest: v2, wantKept: false},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("overwrite=%v", tc.overwrite), func(t *testing.T) {
			root := t.TempDir()
			mustApply(t, root, []File{newFile(rel, v1, 0)}, ApplyOptions{})
			writeDisk(t, root, rel, edit)
			res := mustApply(t, root, []File{newFile(rel, v2, 0)}, ApplyOptions{OverwriteModified: tc.overwrite})
			if got := slices.Equal(res.KeptModified, []string{rel}); got != tc.wantKept {
				t.Errorf("KeptModified = %v", res.KeptModified)
			}
			if got := readDisk(t, root, rel); got != tc.wantDisk {
				t.Errorf("disk = %q, want %q", got, tc.wantDisk)
			}
			if got := mustReadManifest(t, root).Files[rel].SHA256; got != HashBytes([]byte(tc.wantManifest)) {
				t.Errorf("manifest hash is not the hash of %q", tc.wantManifest)
			}
		})
	}
}

func TestApplyKeepUnmanaged(t *testing.T) {
	for _, overwrite := range []bool{false, true} {
		t.Run(fmt.Sprintf("overwrite=%v", overwrite), func(t *testing.T) {
			root := t.TempDir()
			writeDisk(t, root, "README.md", "mine\n")
			res := mustApply(t, root, []File{newFile("README.md", "generated\n", 0)}, ApplyOptions{OverwriteModified: overwrite})
			if !slices.Equal(res.KeptUnmanaged, []string{"README.md"}) {
				t.Errorf("KeptUnmanaged = %v", res.KeptUnmanaged)
			}
			if got := readDisk(t, root, "README.md"); got != "mine\n" {
				t.Errorf("user file overwritten: %q", got)
			}
			if _, ok := mustReadManifest(t, root).Files["README.md"]; ok {
				t.Error("unmanaged file added to the manifest")
			}
		})
	}
}

func TestApplyModes(t *testing.T) {
	tests := []struct {
		mode, want fs.FileMode
	}{{0o644, 0o644}, {0o755, 0o755}, {0, 0o644}}
	for _, tc := range tests {
		t.Run(tc.mode.String(), func(t *testing.T) {
			root := t.TempDir()
			mustApply(t, root, []File{newFile("bin/run.sh", "#!/bin/sh\n", tc.mode)}, ApplyOptions{})
			info, err := os.Stat(filepath.Join(root, "bin", "run.sh"))
			if err != nil {
				t.Fatal(err)
			}
			if got := info.Mode().Perm(); got != tc.want {
				t.Errorf("mode = %v, want %v", got, tc.want)
			}
			assertNoTempFiles(t, root)
		})
	}
}

func TestApplyIsAtomicUnderFailure(t *testing.T) {
	const n = 50
	v1, v2 := manyFiles(n, "v1"), manyFiles(n, "v2")
	allDirs := []string{"dir0", "dir1", "dir2"}
	tests := []struct {
		name         string
		initial      []File // applied before the failing run
		failAt       int    // fail before renaming the failAt-th file (1-based); 0: fail on the manifest
		wantManifest bool   // whether a manifest must exist after the failure
		wantDirs     []string
	}{
		{"fresh root, middle", nil, 25, true, allDirs},
		{"fresh root, first file", nil, 1, true, allDirs},
		{"update, middle", v1, 25, true, allDirs},
		{"update, last file", v1, n, true, allDirs},
		{"update, manifest", v1, 0, true, allDirs},
		// Writing the manifest fails from the start: the intent record
		// cannot be written, so nothing is written and the next run creates
		// (and records) the folders itself.
		{"fresh root, manifest", nil, 0, false, []string{"dir0", "dir1", "dir2"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			if tc.initial != nil {
				mustApply(t, root, tc.initial, ApplyOptions{})
			}
			calls := 0
			injected := errors.New("injected failure")
			writeFileHook = func(rel string) error {
				if rel == manifestRel {
					if tc.failAt == 0 {
						return injected
					}
					return nil
				}
				calls++
				if calls == tc.failAt {
					return injected
				}
				return nil
			}
			_, err := Apply(root, v2, ApplyOptions{})
			writeFileHook = nil
			if !errors.Is(err, injected) {
				t.Fatalf("Apply err = %v, want the injected failure", err)
			}

			assertNoTempFiles(t, root)
			for i, f := range v2 {
				p := filepath.Join(root, filepath.FromSlash(f.Path))
				if !exists(p) {
					if tc.initial != nil {
						t.Errorf("%s disappeared", f.Path)
					}
					continue
				}
				if got := readDisk(t, root, f.Path); got != string(f.Content) && (tc.initial == nil || got != string(v1[i].Content)) {
					t.Errorf("%s holds neither old nor new content: %q", f.Path, got)
				}
			}
			m, err := ReadManifest(root)
			if err != nil {
				t.Fatal(err)
			}
			if (m != nil) != tc.wantManifest {
				t.Fatalf("manifest present = %v, want %v", m != nil, tc.wantManifest)
			}
			switch {
			case m != nil && tc.failAt == 0:
				// The manifest could not be replaced, so it is the old one.
				if !maps.Equal(m.Files, manifestFiles(tc.initial)) {
					t.Errorf("manifest changed although writing it failed")
				}
			case m != nil:
				assertManifestMatchesDisk(t, root, m)
			}
			if exists(filepath.Join(root, lockRel)) {
				t.Error("lock left behind after a failure")
			}

			res := mustApply(t, root, v2, ApplyOptions{})
			if got := len(res.Written) + len(res.Unchanged); got != n {
				t.Errorf("second Apply wrote or kept %d files, want %d", got, n)
			}
			m = mustReadManifest(t, root)
			if len(m.Files) != n {
				t.Errorf("manifest lists %d files, want %d", len(m.Files), n)
			}
			for _, f := range v2 {
				if readDisk(t, root, f.Path) != string(f.Content) || m.Files[f.Path].SHA256 != f.SHA256 {
					t.Errorf("%s did not converge", f.Path)
				}
			}
			if !slices.Equal(m.CreatedDirs, tc.wantDirs) {
				t.Errorf("CreatedDirs = %v", m.CreatedDirs)
			}
			assertNoTempFiles(t, root)
		})
	}
}

// TestApplyReleaseAndFresh: Release drops files from the manifest and
// removes the unedited ones; Fresh ignores the previous manifest's files, so
// unchanged ones stay managed and edited ones become the user's.
func TestApplyReleaseAndFresh(t *testing.T) {
	tests := []struct {
		name        string
		opts        ApplyOptions
		render      []File
		wantManaged []string
		wantOnDisk  []string
		wantGone    []string
		wantResult  func(*Result) []string
	}{
		{
			name:        "release",
			opts:        ApplyOptions{Name: "p", Release: []string{"old/a.txt", "old/edited.txt", "kept.txt"}},
			render:      []File{newFile("kept.txt", "kept", 0), newFile("new.txt", "new", 0)},
			wantManaged: []string{"kept.txt", "new.txt"},
			wantOnDisk:  []string{"old/edited.txt", "kept.txt", "new.txt"},
			wantGone:    []string{"old/a.txt"},
			wantResult:  func(r *Result) []string { return append(append([]string{}, r.Deleted...), r.KeptEdits...) },
		},
		{
			name:        "fresh",
			opts:        ApplyOptions{Name: "p", Fresh: true},
			render:      []File{newFile("kept.txt", "kept", 0), newFile("old/edited.txt", "generated", 0)},
			wantManaged: []string{"kept.txt"},
			wantOnDisk:  []string{"old/a.txt", "old/edited.txt", "kept.txt"},
			wantResult:  func(r *Result) []string { return r.KeptUnmanaged },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := filepath.Join(t.TempDir(), "out")
			mustApply(t, root, []File{newFile("old/a.txt", "a", 0), newFile("old/edited.txt", "generated", 0), newFile("kept.txt", "kept", 0)}, ApplyOptions{Name: "p"})
			writeDisk(t, root, "old/edited.txt", "the user's edit")
			res := mustApply(t, root, tt.render, tt.opts)
			m := mustReadManifest(t, root)
			if got := slices.Sorted(maps.Keys(m.Files)); !slices.Equal(got, tt.wantManaged) {
				t.Errorf("managed %v, want %v", got, tt.wantManaged)
			}
			for _, p := range tt.wantOnDisk {
				if !exists(filepath.Join(root, p)) {
					t.Errorf("%s must stay on disk", p)
				}
			}
			for _, p := range tt.wantGone {
				if exists(filepath.Join(root, p)) {
					t.Errorf("%s must be removed", p)
				}
			}
			if got := readDisk(t, root, "old/edited.txt"); got != "the user's edit" {
				t.Errorf("the edit was lost: %q", got)
			}
			if got := tt.wantResult(res); len(got) == 0 {
				t.Errorf("the result does not report the released or unmanaged files: %+v", res)
			}
			assertManifestMatchesDisk(t, root, m)
		})
	}
}

// TestRemoveDeletesCreatedRoot: Remove deletes the output folder when Apply
// created it and nothing is left, and keeps a folder that existed before or
// still holds something.
func TestRemoveDeletesCreatedRoot(t *testing.T) {
	tests := []struct {
		name      string
		existed   bool
		leftover  bool
		wantExist bool
	}{
		{"created and empty", false, false, false},
		{"created, user file left", false, true, true},
		{"existed before", true, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := filepath.Join(t.TempDir(), "out")
			if tt.existed {
				if err := os.Mkdir(root, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			mustApply(t, root, []File{newFile("src/a.txt", "a", 0)}, ApplyOptions{Name: "p"})
			if tt.leftover {
				writeDisk(t, root, "notes.txt", "mine")
			}
			if _, err := Remove(root, nil); err != nil {
				t.Fatal(err)
			}
			if got := exists(root); got != tt.wantExist {
				t.Fatalf("output folder exists = %v, want %v", got, tt.wantExist)
			}
		})
	}
}

// TestApplyRefusesAnotherProjectsFolder: with an owner given, Apply checks
// under the lock that the folder's manifest is that project's, and writes
// nothing into another project's scaffold.
func TestApplyRefusesAnotherProjectsFolder(t *testing.T) {
	root := filepath.Join(t.TempDir(), "out")
	mustApply(t, root, []File{newFile("a.txt", "a", 0)}, ApplyOptions{Name: "first"})
	_, err := Apply(root, []File{newFile("b.txt", "b", 0)}, ApplyOptions{Name: "second", Owner: "second"})
	if !errors.Is(err, ErrForeignScaffold) {
		t.Fatalf("want ErrForeignScaffold, got %v", err)
	}
	if exists(filepath.Join(root, "b.txt")) || mustReadManifest(t, root).Name != "first" {
		t.Fatal("a refused apply wrote into the other project's folder")
	}
	mustApply(t, root, []File{newFile("b.txt", "b", 0)}, ApplyOptions{Name: "first", Owner: "first"})
}
