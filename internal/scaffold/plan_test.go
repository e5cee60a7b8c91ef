package scaffold

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func capFile(rel, content, capability string) File {
	f := newFile(rel, content, 0)
	f.Capability = capability
	return f
}

// planWorld is a folder whose scaffold was applied from first (stack a)
// and whose files were then edited or deleted as edits says ("" deletes).
func planWorld(t *testing.T, first []File, edits map[string]string) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "out")
	mustApply(t, root, first, ApplyOptions{Name: "p", Stack: Stack{Platform: "a"}, Instance: "i1"})
	for rel, content := range edits {
		if content == "" {
			if err := os.Remove(filepath.Join(root, rel)); err != nil {
				t.Fatal(err)
			}
			continue
		}
		writeDisk(t, root, rel, content)
	}
	return root
}

// TestPlan pins what scaffold.Plan decides for the files of a prior
// scaffold: writes, kept edits, deletions on a switch, and the hand-over
// of the files of declared capabilities, and that Apply does exactly that.
func TestPlan(t *testing.T) {
	first := []File{
		capFile("MLOPS.md", "contract\n", ProjectCapability),
		capFile("MATURITY.md", "level 1\n", ReportCapability),
		capFile("a/train.py", "train\n", "cap_a"),
		capFile("a/edited.py", "generated\n", "cap_a"),
		capFile("b/serve.py", "serve\n", "cap_b"),
		capFile("b/edited.py", "generated\n", "cap_b"),
		capFile("pipe/a.yml", "on: push\n", "cap_b"),
	}
	edited := map[string]string{"a/edited.py": "ours\n", "b/edited.py": "ours\n"}
	tests := []struct {
		name     string
		edits    map[string]string
		rendered []File
		opts     PlanOptions
		// want holds the sorted lists of the plan by name.
		want map[string][]string
	}{
		{
			name:     "files accumulate while their capability is a gap",
			edits:    edited,
			rendered: []File{capFile("MLOPS.md", "contract\n", ProjectCapability), capFile("b/serve.py", "serve v2\n", "cap_b")},
			opts:     PlanOptions{Name: "p", Stack: Stack{Platform: "a"}},
			want: map[string][]string{
				"managed":  {"MATURITY.md", "MLOPS.md", "a/edited.py", "a/train.py", "b/edited.py", "b/serve.py", "pipe/a.yml"},
				"modified": {"a/edited.py", "b/edited.py"}, "writes": {"b/serve.py"},
			},
		},
		{
			name:     "a declared capability's files are handed over, edited or not",
			edits:    edited,
			rendered: []File{capFile("MLOPS.md", "contract\n", ProjectCapability), capFile("b/serve.py", "serve\n", "cap_b")},
			opts:     PlanOptions{Name: "p", Stack: Stack{Platform: "a"}, Adoption: Adoption{Capabilities: map[string]bool{"cap_a": true}}},
			want: map[string][]string{
				"managed":  {"MATURITY.md", "MLOPS.md", "b/edited.py", "b/serve.py", "pipe/a.yml"},
				"modified": {"b/edited.py"}, "adopt": {"a/edited.py", "a/train.py"},
			},
		},
		{
			name:     "a met target hands over the project files with the code",
			rendered: []File{capFile("MATURITY.md", "level 2\n", ReportCapability)},
			opts:     PlanOptions{Name: "p", Stack: Stack{Platform: "a"}, Adoption: Adoption{Capabilities: map[string]bool{"cap_a": true, "cap_b": true}}},
			want: map[string][]string{
				"managed": {"MATURITY.md"}, "writes": {"MATURITY.md"},
				"adopt": {"MLOPS.md", "a/edited.py", "a/train.py", "b/edited.py", "b/serve.py", "pipe/a.yml"},
			},
		},
		{
			name:     "a switch deletes the unedited files of gaps, keeps edits and hands over declared ones",
			edits:    edited,
			rendered: []File{capFile("MLOPS.md", "contract\n", ProjectCapability), capFile("b/serve.py", "serve\n", "cap_b"), capFile("pipe/b.yml", "jobs\n", "cap_b")},
			opts:     PlanOptions{Name: "p", Stack: Stack{Platform: "b"}, Adoption: Adoption{Capabilities: map[string]bool{"cap_a": true}}},
			want: map[string][]string{
				"managed": {"MLOPS.md", "b/serve.py", "pipe/b.yml"}, "writes": {"pipe/b.yml"},
				"release": {"MATURITY.md", "b/edited.py", "pipe/a.yml"}, "deletes": {"MATURITY.md", "pipe/a.yml"}, "keptEdits": {"b/edited.py"},
				"adopt": {"a/edited.py", "a/train.py"},
			},
		},
		{
			name:     "a deleted managed file leaves the manifest, or is written again when rendered",
			edits:    map[string]string{"a/train.py": "", "b/serve.py": ""},
			rendered: []File{capFile("MLOPS.md", "contract\n", ProjectCapability), capFile("b/serve.py", "serve\n", "cap_b")},
			opts:     PlanOptions{Name: "p", Stack: Stack{Platform: "a"}},
			want: map[string][]string{
				"managed": {"MATURITY.md", "MLOPS.md", "a/edited.py", "b/edited.py", "b/serve.py", "pipe/a.yml"},
				"writes":  {"b/serve.py"}, "release": {"a/train.py"}, "recreated": {"b/serve.py"},
			},
		},
		{
			name:     "CRLF line endings are not edits",
			edits:    map[string]string{"a/train.py": "train\r\n", "MLOPS.md": "contract\r\n"},
			rendered: []File{capFile("MLOPS.md", "contract\n", ProjectCapability)},
			opts:     PlanOptions{Name: "p", Stack: Stack{Platform: "a"}},
			want: map[string][]string{
				"managed": {"MATURITY.md", "MLOPS.md", "a/edited.py", "a/train.py", "b/edited.py", "b/serve.py", "pipe/a.yml"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := planWorld(t, first, tt.edits)
			prior := mustReadManifest(t, root)
			p, err := Plan(root, tt.rendered, prior, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			var writes, recreated []string
			for _, d := range p.Decisions {
				if d.Action == ActionWrite {
					writes = append(writes, d.File.Path)
				}
			}
			for rel := range p.Recreated {
				recreated = append(recreated, rel)
			}
			slices.Sort(recreated)
			got := map[string][]string{
				"managed": slices.Sorted(maps.Keys(p.Managed)), "modified": p.Modified, "writes": writes, "release": p.Release,
				"deletes": p.Deletes, "keptEdits": p.KeptEdits, "adopt": p.Adopt, "recreated": recreated,
			}
			for name, list := range got {
				if strings.Join(list, ",") != strings.Join(tt.want[name], ",") {
					t.Errorf("%s = %v, want %v", name, list, tt.want[name])
				}
			}

			// Apply does what the plan said, and the manifest afterwards
			// describes the plan's managed files and hand-overs.
			opts := p.Options(ApplyOptions{Name: tt.opts.Name, Stack: tt.opts.Stack, Instance: "i1"})
			res := mustApply(t, root, p.Files, opts)
			if strings.Join(res.Deleted, ",") != strings.Join(p.Deletes, ",") || strings.Join(res.Adopted, ",") != strings.Join(p.Adopt, ",") {
				t.Errorf("apply deleted %v and adopted %v; the plan said %v and %v", res.Deleted, res.Adopted, p.Deletes, p.Adopt)
			}
			m := mustReadManifest(t, root)
			if strings.Join(slices.Sorted(maps.Keys(m.Hashes())), ",") != strings.Join(slices.Sorted(maps.Keys(p.Managed)), ",") {
				t.Errorf("the manifest manages %v, the plan %v", slices.Sorted(maps.Keys(m.Hashes())), slices.Sorted(maps.Keys(p.Managed)))
			}
			for _, rel := range p.Adopt {
				if !m.Files[rel].Adopted || !exists(filepath.Join(root, rel)) {
					t.Errorf("%s must be on disk and marked adopted: %+v", rel, m.Files[rel])
				}
			}
			for _, rel := range p.Deletes {
				if exists(filepath.Join(root, rel)) {
					t.Errorf("%s was planned for deletion but is still there", rel)
				}
			}
			// Nothing the team owns is ever deleted, not even by destroy.
			if _, err := Remove(root, nil); err != nil {
				t.Fatal(err)
			}
			for _, rel := range append(append([]string{}, p.Adopt...), p.KeptEdits...) {
				if !exists(filepath.Join(root, rel)) {
					t.Errorf("destroy deleted %s, which is the team's", rel)
				}
			}
		})
	}
}

// TestPlanAdoptedRenderedAgain: a file the team owns that the scaffold
// renders again (its capability is a gap once more) is taken back only
// while it still holds the generated content; an edited one is left alone.
func TestPlanAdoptedRenderedAgain(t *testing.T) {
	first := []File{capFile("a/train.py", "train\n", "cap_a"), capFile("a/edited.py", "generated\n", "cap_a")}
	root := planWorld(t, first, nil)
	mustApply(t, root, nil, ApplyOptions{Name: "p", Stack: Stack{Platform: "a"}, Adopt: []string{"a/train.py", "a/edited.py"}})
	writeDisk(t, root, "a/edited.py", "ours\n")
	rendered := []File{capFile("a/train.py", "train v2\n", "cap_a"), capFile("a/edited.py", "generated v2\n", "cap_a")}
	p, err := Plan(root, rendered, mustReadManifest(t, root), PlanOptions{Name: "p", Stack: Stack{Platform: "a"}, OverwriteModified: true})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(p.Remanage, ",") != "a/train.py" || strings.Join(p.KeptAdopted, ",") != "a/edited.py" || len(p.Overwrites) != 0 {
		t.Fatalf("remanage %v, kept adopted %v, overwrites %v", p.Remanage, p.KeptAdopted, p.Overwrites)
	}
	mustApply(t, root, p.Files, p.Options(ApplyOptions{Name: "p", Stack: Stack{Platform: "a"}, OverwriteModified: true}))
	if readDisk(t, root, "a/edited.py") != "ours\n" || readDisk(t, root, "a/train.py") != "train v2\n" {
		t.Fatal("the edited adopted file must stay and the untouched one be updated")
	}
	m := mustReadManifest(t, root)
	if m.Files["a/train.py"].Adopted || !m.Files["a/edited.py"].Adopted {
		t.Fatalf("manifest entries: %+v", m.Files)
	}
}

// TestPlanRemove: destroy deletes the managed files as generated and
// leaves edited ones and those the team owns, as PlanRemove says.
func TestPlanRemove(t *testing.T) {
	first := []File{
		capFile("MLOPS.md", "contract\n", ProjectCapability),
		capFile("a/train.py", "train\n", "cap_a"),
		capFile("b/serve.py", "serve\n", "cap_b"),
		capFile("b/edited.py", "generated\n", "cap_b"),
	}
	root := planWorld(t, first, map[string]string{"b/edited.py": "ours\n"})
	m := mustReadManifest(t, root)
	a := Adoption{Capabilities: map[string]bool{"cap_a": true}}
	rp, err := PlanRemove(root, m, a)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rp.Deletes, ",") != "b/serve.py" || strings.Join(rp.KeptEdits, ",") != "b/edited.py" ||
		strings.Join(rp.KeptAdopted, ",") != "MLOPS.md,a/train.py" {
		t.Fatalf("remove plan %+v", rp)
	}
	res, err := RemoveWith(root, m, a)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(res.Removed, ",") != strings.Join(rp.Deletes, ",") {
		t.Fatalf("removed %v, planned %v", res.Removed, rp.Deletes)
	}
	for _, rel := range []string{"MLOPS.md", "a/train.py", "b/edited.py"} {
		if !exists(filepath.Join(root, rel)) {
			t.Errorf("%s must stay", rel)
		}
	}
	if exists(filepath.Join(root, StateDir, "manifest.json")) {
		t.Error("destroy must remove the manifest")
	}
}

// TestApplyNothingWritesNothing: with nothing to write (scaffold = "none")
// a folder without a scaffold is not even created; destroy removes the
// folders above output_dir that apply created, once empty.
func TestApplyNothingWritesNothing(t *testing.T) {
	base := t.TempDir()
	root := filepath.Join(base, "x", "y", "out")
	if _, err := Apply(root, nil, ApplyOptions{Name: "p"}); err != nil {
		t.Fatal(err)
	}
	if exists(filepath.Join(base, "x")) {
		t.Fatal("an apply with nothing to write created folders")
	}
	mustApply(t, root, []File{newFile("a.txt", "a", 0)}, ApplyOptions{Name: "p"})
	if m := mustReadManifest(t, root); m.CreatedParents != 2 || !m.CreatedRoot {
		t.Fatalf("created parents %d, root %v", m.CreatedParents, m.CreatedRoot)
	}
	if _, err := Remove(root, nil); err != nil {
		t.Fatal(err)
	}
	if exists(filepath.Join(base, "x")) {
		t.Fatal("destroy left the empty folders it created")
	}
}

// TestCheckOutputDir: one owner per folder. Another project's or another
// instance's scaffold is refused with the import command; the target's
// own (an update, or the create of its replacement) and a manifest
// without an instance are accepted.
func TestCheckOutputDir(t *testing.T) {
	root := filepath.Join(t.TempDir(), "out")
	mustApply(t, root, []File{newFile("a.txt", "a", 0)}, ApplyOptions{Name: "p", Instance: "i1"})
	tests := []struct {
		name    string
		owner   Owner
		wantErr string
	}{
		{"update of the owner", Owner{Name: "p", Instance: "i1"}, ""},
		{"update of a state from before instances", Owner{Name: "p"}, ""},
		{"replacement of the owner", Owner{Create: true, Name: "p", Replaces: "i1"}, ""},
		{"another state, same name", Owner{Create: true, Name: "p", Display: "./out"}, "terraform import ADDRESS ./out"},
		{"another project", Owner{Create: true, Name: "q", Display: "./out"}, `scaffold of project "p"`},
		{"update of another instance", Owner{Name: "p", Instance: "i2"}, "another resource instance (i1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := CheckOutputDir(root, tt.owner)
			if tt.wantErr == "" {
				if err != nil || m == nil {
					t.Fatalf("want the manifest, got %v %v", m, err)
				}
				return
			}
			var fe *FolderError
			if !errors.As(err, &fe) || !strings.Contains(fe.Detail, tt.wantErr) {
				t.Fatalf("want an error with %q, got %v", tt.wantErr, err)
			}
		})
	}
	legacy := filepath.Join(t.TempDir(), "legacy")
	mustApply(t, legacy, []File{newFile("a.txt", "a", 0)}, ApplyOptions{Name: "p"})
	if _, err := CheckOutputDir(legacy, Owner{Create: true, Name: "p"}); err != nil {
		t.Fatalf("a manifest without an instance is taken over by its project: %v", err)
	}
	// Under the lock, Apply refuses another instance too.
	if _, err := Apply(root, []File{newFile("b.txt", "b", 0)}, ApplyOptions{Name: "p", Instance: "i2"}); !errors.Is(err, ErrForeignScaffold) {
		t.Fatalf("want ErrForeignScaffold, got %v", err)
	}
}

// TestCheckSafeRoot: a filesystem root, the home folder and system
// folders are refused, as written or through a symlink or "..";
// project folders are allowed.
func TestCheckSafeRoot(t *testing.T) {
	home, err := os.UserHomeDir()
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	link := filepath.Join(tmp, "root-link")
	if err := os.Symlink("/", link); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		want string // "" allowed
	}{
		{"/", "a filesystem root"},
		{"/tmp/../", "a filesystem root"},
		{link, "resolves to /"},
		{filepath.Join(link, "etc"), "a system folder"},
		{home, "the home folder"},
		{"/etc", "a system folder"},
		{"/etc/mlops/project", "inside the system folder /etc"},
		{"/usr", "a system folder"},
		{"/var", "a system folder"},
		{"/proc/self", "inside the system folder /proc"},
		{filepath.Join(tmp, "project"), ""},
		{"/var/lib/jenkins/workspace/project", ""},
		{filepath.Join(home, "src", "project"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			err := CheckSafeRoot(tt.path)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("want allowed, got %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("want an error with %q, got %v", tt.want, err)
			}
		})
	}
}

// TestGitRootAbove finds the repository a folder lies in, unless the
// folder is the repository root.
func TestGitRootAbove(t *testing.T) {
	repo := t.TempDir()
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got, above := GitRootAbove(filepath.Join(repo, "ml", "project")); !above || got != repo {
		t.Fatalf("want %s above, got %q %v", repo, got, above)
	}
	if _, above := GitRootAbove(repo); above {
		t.Fatal("the repository root itself is not below its root")
	}
}

// TestInterruptedCreateLeavesNoInstance: a create that fails midway leaves
// a manifest without an instance, so the next create of the same project
// (Terraform re-creates the tainted target without its state) takes the
// folder over instead of being refused; a finished apply records it.
func TestInterruptedCreateLeavesNoInstance(t *testing.T) {
	root := filepath.Join(t.TempDir(), "out")
	files := []File{newFile("a.txt", "a", 0), newFile("b.txt", "b", 0)}
	writeFileHook = func(rel string) error {
		if rel == "b.txt" {
			return errors.New("disk full")
		}
		return nil
	}
	_, err := Apply(root, files, ApplyOptions{Name: "p", Instance: "i1"})
	writeFileHook = nil
	if err == nil {
		t.Fatal("the hook must fail the apply")
	}
	m := mustReadManifest(t, root)
	if m.Instance != "" || len(m.Files) == 0 {
		t.Fatalf("an interrupted create recorded instance %q (files %v)", m.Instance, m.Files)
	}
	if _, err := CheckOutputDir(root, Owner{Create: true, Name: "p"}); err != nil {
		t.Fatalf("the re-create must take the folder over: %v", err)
	}
	mustApply(t, root, files, ApplyOptions{Name: "p", Instance: "i2"})
	if m := mustReadManifest(t, root); m.Instance != "i2" {
		t.Fatalf("a finished apply records its instance, got %q", m.Instance)
	}
}
