package scaffold

import (
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mlops-maturity/terraform-provider-mlops/templates"
)

const (
	alphaYAML = "title: Alpha CI\norder: 1\npipeline_globs: [.alpha/*.yml]\nvalidator: actionlint\nwords: {pipeline: job}\n"
	betaYAML  = "title: Beta CI\norder: 2\npipeline_globs: [.beta/ci/*.yml]\nvalidator: beta.json\nwords: {pipeline: build}\n"
)

func TestPlatformFolders(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		wantErr string
	}{
		{"two platforms", map[string]string{
			"platform/alpha/platform.yaml": alphaYAML, "platform/beta/platform.yaml": betaYAML,
		}, ""},
		{"title missing", map[string]string{
			"platform/alpha/platform.yaml": "order: 1\npipeline_globs: [a]\n",
		}, "platform/alpha/platform.yaml: title is required"},
		{"no pipeline globs", map[string]string{
			"platform/alpha/platform.yaml": "title: A\n",
		}, "pipeline_globs is required"},
		{"bad glob", map[string]string{
			"platform/alpha/platform.yaml": "title: A\npipeline_globs: ['[']\n",
		}, `pipeline_globs: "["`},
		{"unknown field", map[string]string{
			"platform/alpha/platform.yaml": alphaYAML + "colour: blue\n",
		}, "field colour not found"},
		{"different words", map[string]string{
			"platform/alpha/platform.yaml": alphaYAML,
			"platform/beta/platform.yaml":  strings.Replace(betaYAML, "{pipeline: build}", "{workflow: build}", 1),
		}, "every platform needs the same words"},
		{"folder without platform.yaml", map[string]string{
			"platform/alpha/platform.yaml":  alphaYAML,
			"platform/gamma/cap/x.yml.tmpl": "x",
		}, "platform/gamma has no platform.yaml"},
		{"partial of another platform", map[string]string{
			"platform/alpha/platform.yaml":         alphaYAML,
			"platform/alpha/partials/release.tmpl": `{{define "beta/steps"}}x{{end}}`,
		}, `a partial of platform alpha is named "alpha/steps"`},
		{"text outside a define", map[string]string{
			"platform/alpha/platform.yaml":         alphaYAML,
			"platform/alpha/partials/release.tmpl": `stray {{define "alpha/steps"}}x{{end}}`,
		}, "holds only {{define"},
		{"partial missing on one platform", map[string]string{
			"platform/alpha/platform.yaml":         alphaYAML,
			"platform/beta/platform.yaml":          betaYAML,
			"platform/alpha/partials/release.tmpl": `{{define "alpha/steps"}}x{{end}}`,
		}, "every platform needs the same partials"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for p, body := range tt.files {
				fsys[p] = &fstest.MapFile{Data: []byte(body)}
			}
			_, err := Parse(fsys)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("Parse: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("Parse error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestPlatformPartialsAndWords(t *testing.T) {
	fsys := fstest.MapFS{
		"platform/alpha/platform.yaml":         {Data: []byte(alphaYAML)},
		"platform/beta/platform.yaml":          {Data: []byte(betaYAML)},
		"platform/alpha/partials/release.tmpl": {Data: []byte(`{{define "alpha/steps"}}alpha steps of {{ .Name }}{{end}}`)},
		"platform/beta/partials/release.tmpl":  {Data: []byte(`{{define "beta/steps"}}beta steps of {{ .Name }}{{end}}`)},
		"common/cap/RUNBOOK.md.tmpl":           {Data: []byte(`{{ .Platform.Title }}: run the {{ .Platform.Words.pipeline }}; {{ platform "steps" . }}`)},
		"common/cap/BAD.md.tmpl.off":           {Data: []byte(`ignored`)},
	}
	lib, err := Parse(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for platform, want := range map[string]string{
		"alpha": "Alpha CI: run the job; alpha steps of demo",
		"beta":  "Beta CI: run the build; beta steps of demo",
	} {
		stack := Stack{Platform: platform}
		files, err := lib.Render(stack, []string{"cap"}, Data{Name: "demo", Stack: stack})
		if err != nil {
			t.Fatalf("%s: %v", platform, err)
		}
		if len(files) != 1 || string(files[0].Content) != want {
			t.Errorf("%s rendered %+v, want %q", platform, files, want)
		}
	}
	unknown := Stack{Platform: "gamma"}
	if _, err := lib.Render(unknown, []string{"cap"}, Data{Name: "demo", Stack: unknown}); err == nil {
		t.Error("a platform without platform.yaml rendered its words")
	}
}

// TestBuiltinPlatformsAreTheFolders: the platform list is the folders of
// templates/platform, each described by its platform.yaml, the default first.
func TestBuiltinPlatformsAreTheFolders(t *testing.T) {
	dirs, err := os.ReadDir("../../templates/platform")
	if err != nil {
		t.Fatal(err)
	}
	var folders []string
	for _, d := range dirs {
		if d.IsDir() {
			folders = append(folders, d.Name())
		}
	}
	got := slices.Clone(Platforms)
	slices.Sort(got)
	if !slices.Equal(got, folders) {
		t.Errorf("Platforms = %v, folders of templates/platform = %v", Platforms, folders)
	}
	if Platforms[0] != "github_actions" || DefaultStack.Platform != "github_actions" {
		t.Errorf("the default platform is %s, want github_actions first", Platforms[0])
	}
	ps, err := readPlatforms(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.Validator == "" {
			t.Errorf("platform %s: validator is empty", p.Name)
		}
	}
}

func TestWithVars(t *testing.T) {
	base := Data{Name: "demo", Vars: map[string]string{"ns": "demo", "replicas": "3"}}
	got, err := withVars(base, "ns", "demo-staging", "replicas", "1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Vars["ns"] != "demo-staging" || got.Vars["replicas"] != "1" || got.Name != "demo" {
		t.Errorf("withVars = %+v", got)
	}
	if base.Vars["ns"] != "demo" {
		t.Error("withVars changed the caller's variables")
	}
	for _, pairs := range [][]string{{"ns"}, {"unknown", "x"}} {
		if _, err := withVars(base, pairs...); err == nil {
			t.Errorf("withVars(%q) gave no error", pairs)
		}
	}
}
