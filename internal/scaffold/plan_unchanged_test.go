package scaffold

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"testing"
)

// TestPlanUnchanged pins when a re-plan may skip rendering: only for the
// inputs digest the last apply recorded, with every file still as
// generated, and then its plan is the one Plan gives for the same files.
func TestPlanUnchanged(t *testing.T) {
	files := []File{
		capFile("MLOPS.md", "contract\n", ProjectCapability),
		capFile("MATURITY.md", "level 1\n", ReportCapability),
		capFile("a/train.py", "train\n", "cap_a"),
		capFile("b/deep/serve.py", "serve\n", "cap_b"),
	}
	stack := Stack{Platform: "a"}
	opts := PlanOptions{Name: "p", Stack: stack, Instance: "i1"}
	tests := []struct {
		name string
		// setup changes the folder (or the manifest) after the apply.
		setup  func(t *testing.T, root string)
		digest string
		opts   func(PlanOptions) PlanOptions
		// applyDigest is what the apply recorded; "" records none.
		applyDigest string
		want        bool
	}{
		{name: "same inputs, untouched files", applyDigest: "d1", digest: "d1", want: true},
		{name: "CRLF line endings are no edit", applyDigest: "d1", digest: "d1", want: true,
			setup: func(t *testing.T, root string) { writeDisk(t, root, "a/train.py", "train\r\n") }},
		{name: "other inputs", applyDigest: "d1", digest: "d2"},
		{name: "no digest made", applyDigest: "d1", digest: ""},
		{name: "manifest from before the digest", applyDigest: "", digest: ""},
		{name: "edited file", applyDigest: "d1", digest: "d1",
			setup: func(t *testing.T, root string) { writeDisk(t, root, "a/train.py", "ours\n") }},
		{name: "deleted file", applyDigest: "d1", digest: "d1",
			setup: func(t *testing.T, root string) { mustRemove(t, filepath.Join(root, "b", "deep", "serve.py")) }},
		{name: "symlinked folder", applyDigest: "d1", digest: "d1",
			setup: func(t *testing.T, root string) {
				other := t.TempDir()
				writeDisk(t, other, "serve.py", "serve\n")
				mustRemove(t, filepath.Join(root, "b", "deep", "serve.py"))
				mustRemove(t, filepath.Join(root, "b", "deep"))
				if err := os.Symlink(other, filepath.Join(root, "b", "deep")); err != nil {
					t.Fatal(err)
				}
			}},
		{name: "renamed target", applyDigest: "d1", digest: "d1", opts: func(o PlanOptions) PlanOptions { o.Name = "q"; return o }},
		{name: "other stack", applyDigest: "d1", digest: "d1", opts: func(o PlanOptions) PlanOptions { o.Stack = Stack{Platform: "b"}; return o }},
		{name: "fresh manifest", applyDigest: "d1", digest: "d1", opts: func(o PlanOptions) PlanOptions { o.Fresh = true; return o }},
		{name: "a capability now declared (its files go to the team)", applyDigest: "d1", digest: "d1",
			opts: func(o PlanOptions) PlanOptions {
				o.Adoption = Adoption{Capabilities: map[string]bool{"cap_a": true}}
				return o
			}},
		{name: "a pending write of an interrupted apply", applyDigest: "d1", digest: "d1",
			setup: func(t *testing.T, root string) {
				editManifest(t, root, func(m *Manifest) {
					e := m.Files["a/train.py"]
					e.Pending = HashBytes([]byte("x"))
					m.Files["a/train.py"] = e
				})
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := filepath.Join(t.TempDir(), "out")
			mustApply(t, root, files, ApplyOptions{Name: "p", Stack: stack, Instance: "i1", InputsDigest: tt.applyDigest})
			if got := mustReadManifest(t, root).InputsDigest; got != tt.applyDigest {
				t.Fatalf("recorded digest %q, want %q", got, tt.applyDigest)
			}
			if tt.setup != nil {
				tt.setup(t, root)
			}
			o := opts
			if tt.opts != nil {
				o = tt.opts(o)
			}
			prior := mustReadManifest(t, root)
			p, ok, err := PlanUnchanged(root, prior, tt.digest, o)
			if err != nil || ok != tt.want {
				t.Fatalf("PlanUnchanged ok = %v, %v; want %v", ok, err, tt.want)
			}
			if !ok {
				return
			}
			full, err := Plan(root, files, prior, o)
			if err != nil {
				t.Fatal(err)
			}
			if !p.FromManifest || !maps.Equal(p.Managed, full.Managed) || len(full.Modified) > 0 {
				t.Fatalf("managed %v, Plan's %v (modified %v)", p.Managed, full.Managed, full.Modified)
			}
			if n, _ := full.Writes(); n != 0 {
				t.Fatalf("Plan writes %d files where PlanUnchanged saw none", n)
			}
		})
	}
}

// TestApplyRecordsDigestOnlyWhenClean: an apply that keeps a file as the
// user has it records no inputs digest, so the next plan renders and shows
// the kept file again.
func TestApplyRecordsDigestOnlyWhenClean(t *testing.T) {
	files := []File{capFile("a/train.py", "train\n", "cap_a"), capFile("b/serve.py", "serve\n", "cap_b")}
	tests := []struct {
		name  string
		setup func(t *testing.T, root string)
		want  string
	}{
		{name: "all written", want: "d1"},
		{name: "an unmanaged file kept", want: "", setup: func(t *testing.T, root string) { writeDisk(t, root, "b/serve.py", "theirs\n") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := filepath.Join(t.TempDir(), "out")
			if tt.setup != nil {
				tt.setup(t, root)
			}
			mustApply(t, root, files, ApplyOptions{Name: "p", InputsDigest: "d1"})
			if got := mustReadManifest(t, root).InputsDigest; got != tt.want {
				t.Fatalf("recorded digest %q, want %q", got, tt.want)
			}
		})
	}
	// An edit kept at the next apply drops the digest recorded before.
	root := filepath.Join(t.TempDir(), "out")
	mustApply(t, root, files, ApplyOptions{Name: "p", InputsDigest: "d1"})
	writeDisk(t, root, "a/train.py", "ours\n")
	mustApply(t, root, files, ApplyOptions{Name: "p", InputsDigest: "d1"})
	if got := mustReadManifest(t, root).InputsDigest; got != "" {
		t.Fatalf("digest %q recorded over a kept edit", got)
	}
}

func mustRemove(t *testing.T, p string) {
	t.Helper()
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
}

// editManifest rewrites the folder's manifest through edit.
func editManifest(t *testing.T, root string, edit func(*Manifest)) {
	t.Helper()
	m := mustReadManifest(t, root)
	edit(m)
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(manifestRel)), b, 0o644); err != nil {
		t.Fatal(err)
	}
}
