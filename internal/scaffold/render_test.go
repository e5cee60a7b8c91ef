package scaffold

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func mapFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for k, v := range files {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return m
}

func testVars(t *testing.T, lib *Library, name string) Data {
	t.Helper()
	vars, err := lib.ResolveVars(name, PackageName(name), nil)
	if err != nil {
		t.Fatal(err)
	}
	return Data{Name: name, Package: PackageName(name), Stack: DefaultStack, Vars: vars}
}

func TestRenderLayoutAndOverrides(t *testing.T) {
	base := mapFS(map[string]string{
		"variables.yaml":                                     "greeting: hello {{.Name}}\nbranch: main\n",
		"common/project/README.md.tmpl":                      "# {{ .Name }}\n",
		"common/cap_a/src/{{.Package}}/a.py.tmpl":            "print({{ .Vars.greeting | quote }})\n",
		"common/cap_a/run.sh.tmpl":                           "#!/bin/sh\necho {{ .Vars.branch }}\n",
		"platform/github_actions/cap_a/ci.yml.tmpl":          "on: push\n",
		"platform/gitlab_ci/cap_a/.gitlab/a.yml.tmpl":        "stages: [a]\n",
		"common/cap_b/b.txt.tmpl":                            "b\n",
		"common/cap_a/not-a-template.txt":                    "ignored",
		"monitoring/prometheus/cap_b/rules.yml.tmpl":         "groups: []\n",
		"registry/mlflow/cap_b/{{.Vars.branch}}/branch.tmpl": "{{ .Stack.Registry }}\n",
	})
	lib, err := Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	files, err := lib.Render(DefaultStack, []string{"cap_a"}, testVars(t, lib, "my-app"))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range files {
		got[f.Path] = f.Capability + " " + f.Mode.String() + " " + string(f.Content)
		if f.SHA256 != HashBytes(f.Content) {
			t.Errorf("%s: hash does not match content", f.Path)
		}
	}
	want := map[string]string{
		"README.md":       "project -rw-r--r-- # my-app\n",
		"src/my_app/a.py": "cap_a -rw-r--r-- print(\"hello my-app\")\n",
		"run.sh":          "cap_a -rwxr-xr-x #!/bin/sh\necho main\n",
		"ci.yml":          "cap_a -rw-r--r-- on: push\n",
	}
	if len(got) != len(want) {
		t.Fatalf("rendered %v, want %v", keys(got), keys(want))
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q, want %q", k, got[k], v)
		}
	}
	if !sort.SliceIsSorted(files, func(i, j int) bool { return files[i].Path < files[j].Path }) {
		t.Error("files are not sorted by path")
	}

	over, err := lib.WithOverrides(mapFS(map[string]string{
		"variables.yaml":                 "branch: trunk\n",
		"common/cap_a/run.sh.tmpl":       "#!/bin/sh\necho custom {{ .Vars.branch }}\n",
		"common/cap_a/extra/new.md.tmpl": "new\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	files, err = over.Render(DefaultStack, []string{"cap_a"}, testVars(t, over, "my-app"))
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]string{}
	for _, f := range files {
		byPath[f.Path] = string(f.Content)
	}
	if byPath["run.sh"] != "#!/bin/sh\necho custom trunk\n" || byPath["extra/new.md"] != "new\n" || byPath["src/my_app/a.py"] == "" {
		t.Fatalf("overrides: %v", byPath)
	}
	again, err := lib.Render(DefaultStack, []string{"cap_a"}, testVars(t, lib, "my-app"))
	if err != nil || string(again[2].Content) != "#!/bin/sh\necho main\n" {
		t.Fatalf("an override leaked into the base library: %q %v", again[2].Content, err)
	}
}

func TestRenderErrors(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		wantErr string
	}{
		{"parse error names file and line", map[string]string{"common/cap_a/x.tmpl": "ok\n{{ if }}\n"}, "common/cap_a/x.tmpl:2"},
		{"template outside the layout", map[string]string{"x.tmpl": "x"}, "a template must live at"},
		{"bad path template", map[string]string{"common/cap_a/{{.Nope}/x.tmpl": "x"}, "template path common/cap_a/{{.Nope}/x.tmpl"},
		{"variables not a map", map[string]string{"variables.yaml": "- a\n- b\n", "common/cap_a/x.tmpl": "x"}, "variables.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(mapFS(tt.files))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("got %v, want an error containing %q", err, tt.wantErr)
			}
		})
	}

	renderErrors := []struct {
		name    string
		files   map[string]string
		wantErr string
	}{
		{"unknown variable", map[string]string{"common/cap_a/x.tmpl": "{{ .Vars.nope }}"}, `map has no entry for key "nope"`},
		{"path escaping the root", map[string]string{"common/cap_a/{{.Vars.dir}}/x.tmpl": "x", "variables.yaml": "dir: ../..\n"}, "leaves the output folder"},
		{"absolute path", map[string]string{"common/cap_a/{{.Vars.dir}}x.tmpl": "x", "variables.yaml": "dir: /etc/\n"}, "is absolute"},
		{"reserved state folder", map[string]string{"common/cap_a/.mlops/x.tmpl": "x"}, "reserved"},
		{"two owners", map[string]string{"common/cap_a/same.txt.tmpl": "a", "common/cap_b/same.txt.tmpl": "b"}, "every file needs one owner"},
	}
	for _, tt := range renderErrors {
		t.Run(tt.name, func(t *testing.T) {
			lib, err := Parse(mapFS(tt.files))
			if err != nil {
				t.Fatal(err)
			}
			_, err = lib.Render(DefaultStack, []string{"cap_a", "cap_b"}, testVars(t, lib, "x"))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("got %v, want an error containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestBuiltinParsesOnce(t *testing.T) {
	a, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Builtin()
	if a != b {
		t.Fatal("Builtin parsed the templates twice")
	}
}

// TestGoldenLevel1 renders the level 1 scaffold of a fixed project with the
// built-in templates and compares it with testdata/golden/level1; run with
// -update after an intended template change and review the diff.
func TestGoldenLevel1(t *testing.T) {
	lib, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	c := maturity.MustDefault()
	files, err := lib.Render(DefaultStack, c.IDsOf(c.LevelSet(1, 1)), testVars(t, lib, "golden-app"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("testdata", "golden", "level1")
	if *update {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			p := filepath.Join(dir, filepath.FromSlash(f.Path)+".golden")
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, f.Content, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	seen := map[string]bool{}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path)+".golden")
		seen[p] = true
		want, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("%s: no golden file (run go test ./internal/scaffold -run Golden -update)", f.Path)
			continue
		}
		if !bytes.Equal(want, f.Content) {
			t.Errorf("%s differs from its golden file (run with -update and review the diff)", f.Path)
		}
	}
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !seen[p] {
			t.Errorf("golden file %s is no longer rendered", p)
		}
		return nil
	})
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestTemplatesHaveNoMergeConflictMarkers: a merge left half-resolved would
// render its markers into every scaffold; no template may hold one.
func TestTemplatesHaveNoMergeConflictMarkers(t *testing.T) {
	root := filepath.Join("..", "..", "templates")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		content, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(content), "\n") {
			for _, marker := range []string{"<<<<<<< ", ">>>>>>> "} {
				if strings.HasPrefix(line, marker) {
					t.Errorf("%s:%d: merge conflict marker %q", path, i+1, line)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
