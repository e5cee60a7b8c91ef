package scaffold

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestRemove(t *testing.T) {
	files := []File{
		newFile("top.txt", "top\n", 0),
		newFile("a/b/c.txt", "c\n", 0),
		newFile("a/d.txt", "d\n", 0),
		newFile("e/f.txt", "f\n", 0),
		newFile("g/h/i.sh", "#!/bin/sh\n", 0o755),
	}
	tests := []struct {
		name        string
		fromDisk    bool // pass a nil manifest so Remove reads it
		change      func(t *testing.T, root, outside string)
		wantRemoved []string
		wantKept    []string
		wantLeft    []string // the tree after Remove
	}{
		{
			name:        "everything unchanged",
			change:      func(t *testing.T, root, outside string) {},
			wantRemoved: []string{"a/b/c.txt", "a/d.txt", "e/f.txt", "g/h/i.sh", "top.txt"},
			wantLeft:    nil,
		},
		{
			name:     "edited file kept, user file keeps its folder",
			fromDisk: true,
			change: func(t *testing.T, root, outside string) {
				writeDisk(t, root, "a/d.txt", "mine\n")
				writeDisk(t, root, "e/user.txt", "u")
			},
			wantRemoved: []string{"a/b/c.txt", "e/f.txt", "g/h/i.sh", "top.txt"},
			wantKept:    []string{"a/d.txt"},
			wantLeft:    []string{"a", "a/d.txt", "e", "e/user.txt"},
		},
		{
			name:        "already deleted file is skipped",
			change:      func(t *testing.T, root, outside string) { remove(t, filepath.Join(root, "top.txt")) },
			wantRemoved: []string{"a/b/c.txt", "a/d.txt", "e/f.txt", "g/h/i.sh"},
		},
		{
			name: "file replaced by a symlink to identical content is kept",
			change: func(t *testing.T, root, outside string) {
				remove(t, filepath.Join(root, "top.txt"))
				writeDisk(t, outside, "top.txt", "top\n")
				symlink(t, filepath.Join(outside, "top.txt"), filepath.Join(root, "top.txt"))
			},
			wantRemoved: []string{"a/b/c.txt", "a/d.txt", "e/f.txt", "g/h/i.sh"},
			wantKept:    []string{"top.txt"},
			wantLeft:    []string{"top.txt"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root, outside := t.TempDir(), t.TempDir()
			m := mustApply(t, root, files, ApplyOptions{}).Manifest
			tc.change(t, root, outside)
			outsideBefore := treeListing(t, outside)
			if tc.fromDisk {
				m = nil
			}
			res, err := Remove(root, m)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(res.Removed, tc.wantRemoved) || !slices.Equal(res.KeptModified, tc.wantKept) {
				t.Errorf("Remove = %+v, want removed %v kept %v", res, tc.wantRemoved, tc.wantKept)
			}
			if got := treeListing(t, root); !slices.Equal(got, tc.wantLeft) {
				t.Errorf("left %v, want %v", got, tc.wantLeft)
			}
			if got := treeListing(t, outside); !slices.Equal(got, outsideBefore) {
				t.Errorf("outside folder changed: %v -> %v", outsideBefore, got)
			}
		})
	}
}

func TestRemoveNeverFollowsSymlinkedFolder(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	writeDisk(t, outside, "x.txt", "x")
	symlink(t, outside, filepath.Join(root, "link"))
	m := &Manifest{Files: map[string]ManifestFile{"link/x.txt": {SHA256: HashBytes([]byte("x"))}}, CreatedDirs: []string{"link"}}
	res, err := Remove(root, m)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.KeptModified, []string{"link/x.txt"}) || len(res.Removed) != 0 {
		t.Errorf("Remove = %+v", res)
	}
	if got := treeListing(t, outside); !slices.Equal(got, []string{"x.txt"}) {
		t.Errorf("outside folder = %v", got)
	}
	if !exists(filepath.Join(root, "link")) {
		t.Error("the user's symlink was removed")
	}
}

func TestRemoveRefusesHostileManifest(t *testing.T) {
	tests := []struct {
		name string
		m    func(outsideRel, outsideAbs string) *Manifest
	}{
		{"parent path", func(rel, abs string) *Manifest { return filesManifest(rel, hashA) }},
		{"absolute path", func(rel, abs string) *Manifest { return filesManifest(abs, hashA) }},
		{"state folder", func(rel, abs string) *Manifest { return filesManifest(".mlops/manifest.json", hashA) }},
		{"bad hash", func(rel, abs string) *Manifest { return filesManifest("inside.txt", "not-a-hash") }},
		{"hostile created dir", func(rel, abs string) *Manifest {
			m := filesManifest("inside.txt", hashA)
			m.CreatedDirs = []string{"../outside"}
			return m
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			root := filepath.Join(parent, "root")
			writeDisk(t, root, "inside.txt", "a")
			writeDisk(t, parent, "outside/victim.txt", "a")
			before := treeListing(t, parent)

			_, err := Remove(root, tc.m("../outside/victim.txt", filepath.Join(parent, "outside", "victim.txt")))
			if err == nil || !strings.Contains(err.Error(), "refusing to remove anything") {
				t.Fatalf("err = %v, want a refusal", err)
			}
			if after := treeListing(t, parent); !slices.Equal(before, after) {
				t.Errorf("a refused Remove changed the tree: %v -> %v", before, after)
			}
		})
	}
}

func TestRemoveRefusesHostileManifestOnDisk(t *testing.T) {
	parent := t.TempDir()
	root := filepath.Join(parent, "root")
	writeDisk(t, parent, "victim.txt", "a")
	writeDisk(t, root, manifestRel, `{"format_version":1,"files":{"../victim.txt":{"sha256":"`+hashA+`"}}}`)
	before := treeListing(t, parent)
	if _, err := Remove(root, nil); err == nil || !strings.Contains(err.Error(), "refusing to remove anything") {
		t.Fatalf("err = %v, want a refusal", err)
	}
	if after := treeListing(t, parent); !slices.Equal(before, after) {
		t.Errorf("a refused Remove changed the tree: %v -> %v", before, after)
	}
}

func TestRemoveMissingRoot(t *testing.T) {
	res, err := Remove(filepath.Join(t.TempDir(), "gone"), filesManifest("a.txt", hashA))
	if err != nil || len(res.Removed)+len(res.KeptModified) != 0 {
		t.Fatalf("Remove = %+v, %v", res, err)
	}
}

func filesManifest(rel, hash string) *Manifest {
	return &Manifest{FormatVersion: 1, Files: map[string]ManifestFile{rel: {SHA256: hash}}}
}
