package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
	"gopkg.in/yaml.v3"
)

// goreleaserConfig is the part of .goreleaser.yml the Terraform registry
// depends on.
type goreleaserConfig struct {
	Version     int    `yaml:"version"`
	ProjectName string `yaml:"project_name"`
	Builds      []struct {
		Env     []string `yaml:"env"`
		Flags   []string `yaml:"flags"`
		Ldflags []string `yaml:"ldflags"`
		Goos    []string `yaml:"goos"`
		Goarch  []string `yaml:"goarch"`
		Binary  string   `yaml:"binary"`
	} `yaml:"builds"`
	Archives []struct {
		Formats      []string `yaml:"formats"`
		NameTemplate string   `yaml:"name_template"`
	} `yaml:"archives"`
	Checksum struct {
		NameTemplate string      `yaml:"name_template"`
		Algorithm    string      `yaml:"algorithm"`
		ExtraFiles   []extraFile `yaml:"extra_files"`
	} `yaml:"checksum"`
	Signs []struct {
		Artifacts string   `yaml:"artifacts"`
		Args      []string `yaml:"args"`
	} `yaml:"signs"`
	Release struct {
		ExtraFiles []extraFile `yaml:"extra_files"`
	} `yaml:"release"`
}

type extraFile struct {
	Glob         string `yaml:"glob"`
	NameTemplate string `yaml:"name_template"`
}

const manifestFile = "terraform-registry-manifest.json"

var manifestAsset = extraFile{Glob: manifestFile, NameTemplate: "{{ .ProjectName }}_{{ .Version }}_manifest.json"}

func readGoreleaser(t *testing.T) goreleaserConfig {
	t.Helper()
	data, err := os.ReadFile(".goreleaser.yml")
	if err != nil {
		t.Fatal(err)
	}
	var c goreleaserConfig
	if err := yaml.Unmarshal(data, &c); err != nil {
		t.Fatalf(".goreleaser.yml: %v", err)
	}
	return c
}

// TestGoreleaserConfig checks what the registry requires of a release: zips
// named terraform-provider-<name>_<version>_<os>_<arch>, a SHA256SUMS file
// with its detached GPG signature, and the registry manifest published
// under the release's name.
func TestGoreleaserConfig(t *testing.T) {
	c := readGoreleaser(t)
	if c.Version != 2 {
		t.Errorf("version = %d, want 2 (GoReleaser v2 configuration)", c.Version)
	}
	if c.ProjectName != "terraform-provider-mlops" {
		t.Errorf("project_name = %q, want terraform-provider-mlops: the registry reads the provider name from the file names", c.ProjectName)
	}
	if len(c.Builds) != 1 {
		t.Fatalf("builds: %d entries, want 1", len(c.Builds))
	}
	b := c.Builds[0]
	if !slices.Contains(b.Env, "CGO_ENABLED=0") {
		t.Errorf("builds.env = %v, want CGO_ENABLED=0", b.Env)
	}
	if !slices.Contains(b.Flags, "-trimpath") {
		t.Errorf("builds.flags = %v, want -trimpath", b.Flags)
	}
	if !regexp.MustCompile(`-X main\.version=\{\{ ?\.Version ?\}\}`).MatchString(strings.Join(b.Ldflags, " ")) {
		t.Errorf("builds.ldflags = %v, want -X main.version={{ .Version }}", b.Ldflags)
	}
	for _, goos := range []string{"linux", "darwin", "windows", "freebsd"} {
		if !slices.Contains(b.Goos, goos) {
			t.Errorf("builds.goos = %v, missing %s", b.Goos, goos)
		}
	}
	for _, arch := range []string{"amd64", "arm64", "386", "arm"} {
		if !slices.Contains(b.Goarch, arch) {
			t.Errorf("builds.goarch = %v, missing %s", b.Goarch, arch)
		}
	}
	if b.Binary != "{{ .ProjectName }}_v{{ .Version }}" {
		t.Errorf("builds.binary = %q, want {{ .ProjectName }}_v{{ .Version }}", b.Binary)
	}
	if len(c.Archives) != 1 || !slices.Equal(c.Archives[0].Formats, []string{"zip"}) ||
		c.Archives[0].NameTemplate != "{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}" {
		t.Errorf("archives = %+v, want one zip archive named {{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}", c.Archives)
	}
	if c.Checksum.NameTemplate != "{{ .ProjectName }}_{{ .Version }}_SHA256SUMS" || c.Checksum.Algorithm != "sha256" {
		t.Errorf("checksum = %+v, want sha256 into {{ .ProjectName }}_{{ .Version }}_SHA256SUMS", c.Checksum)
	}
	if !slices.Contains(c.Checksum.ExtraFiles, manifestAsset) {
		t.Errorf("checksum.extra_files = %+v, want %+v: the manifest is part of the signed sums", c.Checksum.ExtraFiles, manifestAsset)
	}
	if !slices.Contains(c.Release.ExtraFiles, manifestAsset) {
		t.Errorf("release.extra_files = %+v, want %+v", c.Release.ExtraFiles, manifestAsset)
	}
	if len(c.Signs) != 1 || c.Signs[0].Artifacts != "checksum" {
		t.Fatalf("signs = %+v, want one entry signing the checksum file", c.Signs)
	}
	args := strings.Join(c.Signs[0].Args, " ")
	for _, want := range []string{"--batch", "--local-user {{ .Env.GPG_FINGERPRINT }}", "--output ${signature}", "--detach-sign ${artifact}"} {
		if !strings.Contains(args, want) {
			t.Errorf("signs.args = %q, missing %q", args, want)
		}
	}
	// -X main.version only takes effect if the variable exists.
	if version != "dev" {
		t.Errorf("main.version = %q in a test build, want the default dev", version)
	}
}

// TestRegistryManifest: the manifest declares the plugin protocol the
// provider serves (providerserver.Serve speaks protocol 6).
func TestRegistryManifest(t *testing.T) {
	data, err := os.ReadFile(manifestFile)
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Version  int `json:"version"`
		Metadata struct {
			ProtocolVersions []string `json:"protocol_versions"`
		} `json:"metadata"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("%s: %v", manifestFile, err)
	}
	if m.Version != 1 || !slices.Equal(m.Metadata.ProtocolVersions, []string{"6.0"}) {
		t.Errorf("%s = %+v, want version 1 and protocol_versions [6.0]", manifestFile, m)
	}
}

// TestWorkflows runs actionlint (and shellcheck) on every
// workflow and checks that every action is pinned to a commit or an exact
// release.
func TestWorkflows(t *testing.T) {
	files, err := filepath.Glob(".github/workflows/*.y*ml")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"release.yml", "test.yml"} {
		if !slices.Contains(files, filepath.Join(".github", "workflows", want)) {
			t.Fatalf("workflows %v: want .github/workflows/%s", files, want)
		}
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := actionlintFile(f, data); err != nil {
				t.Error(err)
			}
			for _, ref := range unpinnedActions(data) {
				t.Errorf("%s: %s is not pinned to a commit SHA (with a # vX.Y.Z comment) or an exact vX.Y.Z tag", f, ref)
			}
		})
	}
}

// TestReleaseWorkflow: a version tag runs GoReleaser with the GPG key the
// signs section of .goreleaser.yml names.
func TestReleaseWorkflow(t *testing.T) {
	data, err := os.ReadFile(".github/workflows/release.yml")
	if err != nil {
		t.Fatal(err)
	}
	var w struct {
		On struct {
			Push struct {
				Tags []string `yaml:"tags"`
			} `yaml:"push"`
		} `yaml:"on"`
		Permissions map[string]string `yaml:"permissions"`
		Jobs        map[string]struct {
			Steps []struct {
				ID   string            `yaml:"id"`
				Uses string            `yaml:"uses"`
				With map[string]string `yaml:"with"`
				Env  map[string]string `yaml:"env"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(data, &w); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(w.On.Push.Tags, []string{"v*"}) {
		t.Errorf("on.push.tags = %v, want [v*]", w.On.Push.Tags)
	}
	if w.Permissions["contents"] != "write" {
		t.Errorf("permissions = %v, want contents: write (creating a release)", w.Permissions)
	}
	var gpgStep, releaseRun bool
	for _, job := range w.Jobs {
		for _, s := range job.Steps {
			switch {
			case strings.HasPrefix(s.Uses, "crazy-max/ghaction-import-gpg@"):
				gpgStep = s.ID == "import_gpg" && s.With["gpg_private_key"] != ""
			case strings.HasPrefix(s.Uses, "goreleaser/goreleaser-action@"):
				releaseRun = strings.HasPrefix(s.With["args"], "release") &&
					s.Env["GPG_FINGERPRINT"] == "${{ steps.import_gpg.outputs.fingerprint }}"
			}
		}
	}
	if !gpgStep || !releaseRun {
		t.Errorf("release.yml: GPG key import step %v, GoReleaser release with GPG_FINGERPRINT from it %v; want both", gpgStep, releaseRun)
	}
}

func actionlintFile(path string, data []byte) error {
	sc, err := exec.LookPath("shellcheck")
	if err != nil {
		return errors.New("shellcheck not found on PATH: actionlint runs it on the run scripts (Debian: apt-get install shellcheck)")
	}
	opts := &actionlint.LinterOptions{LogWriter: io.Discard, Shellcheck: sc}
	var out bytes.Buffer
	linter, err := actionlint.NewLinter(&out, opts)
	if err != nil {
		return err
	}
	errs, err := linter.Lint(path, data, nil)
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		msgs := make([]string, len(errs))
		for i, e := range errs {
			msgs[i] = fmt.Sprintf("line %d: %s [%s]", e.Line, e.Message, e.Kind)
		}
		return fmt.Errorf("actionlint:\n  %s", strings.Join(msgs, "\n  "))
	}
	return nil
}

var (
	usesLine  = regexp.MustCompile(`(?m)^\s*(?:-\s+)?uses:\s*(\S+)(.*)$`)
	pinnedSHA = regexp.MustCompile(`@[0-9a-f]{40}$`)
	exactTag  = regexp.MustCompile(`@v\d+\.\d+\.\d+$`)
	tagNote   = regexp.MustCompile(`^\s*#\s*v\d+\.\d+\.\d+\s*$`)
)

// unpinnedActions lists the uses: references that are neither a full
// commit SHA followed by a version comment nor an exact release tag. Local
// actions (./...) and docker:// images are out of scope.
func unpinnedActions(workflow []byte) []string {
	var out []string
	for _, m := range usesLine.FindAllSubmatch(workflow, -1) {
		ref, rest := string(m[1]), string(m[2])
		switch {
		case strings.HasPrefix(ref, "./"), strings.HasPrefix(ref, "docker://"):
		case pinnedSHA.MatchString(ref) && tagNote.MatchString(rest):
		case exactTag.MatchString(ref):
		default:
			out = append(out, ref)
		}
	}
	return out
}

func TestUnpinnedActions(t *testing.T) {
	workflow := []byte(`
steps:
  - uses: actions/checkout@8e8c483db84b4bee98b60c0593521ed34d9990e8 # v6.0.1
  - uses: actions/setup-go@v6.2.0
  - uses: ./.github/actions/local
  - uses: actions/cache@v4
  - uses: actions/upload-artifact@8e8c483db84b4bee98b60c0593521ed34d9990e8
  - name: x
    uses: actions/setup-python@main
`)
	got := unpinnedActions(workflow)
	want := []string{"actions/cache@v4", "actions/upload-artifact@8e8c483db84b4bee98b60c0593521ed34d9990e8", "actions/setup-python@main"}
	if !slices.Equal(got, want) {
		t.Errorf("unpinnedActions = %q, want %q", got, want)
	}
}

// TestTestWorkflow: every pull request builds and lints, checks the generated
// docs, runs the domain packages' unit tests, and runs `make test` against
// the oldest supported and a recent Terraform, and the acceptance suite
// against OpenTofu.
func TestTestWorkflow(t *testing.T) {
	data, err := os.ReadFile(".github/workflows/test.yml")
	if err != nil {
		t.Fatal(err)
	}
	var w struct {
		On          map[string]any    `yaml:"on"`
		Permissions map[string]string `yaml:"permissions"`
		Jobs        map[string]struct {
			Strategy struct {
				Matrix map[string][]string `yaml:"matrix"`
			} `yaml:"strategy"`
			Steps []struct {
				Uses string            `yaml:"uses"`
				Run  string            `yaml:"run"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(data, &w); err != nil {
		t.Fatal(err)
	}
	if _, ok := w.On["pull_request"]; !ok {
		t.Error("test.yml does not run on pull_request")
	}
	if w.Permissions["contents"] != "read" || len(w.Permissions) != 1 {
		t.Errorf("permissions = %v, want contents: read only", w.Permissions)
	}
	runs := map[string][]string{} // command -> jobs that run it
	for name, job := range w.Jobs {
		for _, s := range job.Steps {
			for _, line := range strings.Split(s.Run, "\n") {
				if line = strings.TrimSpace(line); line != "" {
					runs[line] = append(runs[line], name)
				}
			}
		}
	}
	for _, cmd := range []string{"make lint", "make docs-check", "make testunit", "make test", "make testacc-tofu"} {
		if len(runs[cmd]) == 0 {
			t.Errorf("no job of test.yml runs %q", cmd)
		}
	}
	for _, job := range runs["make test"] {
		versions := w.Jobs[job].Strategy.Matrix["terraform"]
		if len(versions) < 2 || versions[0] != "1.8.*" {
			t.Errorf("job %s runs make test over Terraform %v; want the oldest supported (1.8) and a recent one", job, versions)
		}
	}
}
