package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"text/template"
	"text/template/parse"

	"gopkg.in/yaml.v3"

	"github.com/mlops-maturity/terraform-provider-mlops/templates"
)

// A CI platform is one folder, templates/platform/<name>/: its pipeline
// templates per capability, platform.yaml (what the platform is: its title,
// where its pipeline files live, the words its documentation uses) and
// partials/*.tmpl (the platform's share of files every platform renders,
// such as the release runbook). Adding a platform means adding a folder;
// nothing outside it names the platform.

// platformFile describes a platform inside its folder.
const platformFile = "platform.yaml"

// partialsDir holds a platform's named templates, each defined as
// "<platform>/<partial>" and called from any template as
// {{ platform "<partial>" . }}.
const partialsDir = "partials"

// Platform is what templates/platform/<name>/platform.yaml says of a CI platform.
type Platform struct {
	Name string `yaml:"-"`
	// Title is the platform's name in prose ("GitHub Actions").
	Title string `yaml:"title"`
	// Order sorts the built-in platforms; the first is the default.
	Order int `yaml:"order"`
	// PipelineGlobs match the rendered paths that the platform runs as
	// pipelines (path.Match patterns, "/"-separated).
	PipelineGlobs []string `yaml:"pipeline_globs"`
	// Validator names how tests check the pipeline files: "actionlint", or a
	// JSON schema file name of internal/testschemas.
	Validator string `yaml:"validator"`
	// Words are the platform's terms that shared templates use, as
	// {{ .Platform.Words.<key> }}. Every platform defines the same keys.
	Words map[string]string `yaml:"words"`
}

// IsPipelineFile reports whether a rendered path is one of the platform's
// pipeline definitions.
func (p Platform) IsPipelineFile(rel string) bool {
	for _, g := range p.PipelineGlobs {
		if ok, _ := path.Match(g, rel); ok {
			return true
		}
	}
	return false
}

// builtinPlatforms reads the platforms of the embedded template tree, in
// their declared order. The tree is part of the binary, so a broken
// platform.yaml is a build defect and panics at start.
func builtinPlatforms() []Platform {
	ps, err := readPlatforms(templates.FS)
	if err != nil {
		panic(err)
	}
	return ps
}

// readPlatforms reads every platform/<name>/platform.yaml of fsys.
func readPlatforms(fsys fs.FS) ([]Platform, error) {
	dirs, err := fs.ReadDir(fsys, "platform")
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	var out []Platform
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		p, ok, err := readPlatform(fsys, d.Name())
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Order != out[j].Order {
			return out[i].Order < out[j].Order
		}
		return out[i].Name < out[j].Name
	})
	return out, checkSameWords(out)
}

func readPlatform(fsys fs.FS, name string) (Platform, bool, error) {
	file := path.Join("platform", name, platformFile)
	raw, err := fs.ReadFile(fsys, file)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return Platform{}, false, nil
		}
		return Platform{}, false, err
	}
	var p Platform
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		return Platform{}, false, fmt.Errorf("%s: %w", file, err)
	}
	p.Name = name
	switch {
	case p.Title == "":
		return Platform{}, false, fmt.Errorf("%s: title is required", file)
	case len(p.PipelineGlobs) == 0:
		return Platform{}, false, fmt.Errorf("%s: pipeline_globs is required (the paths the platform runs as pipelines)", file)
	}
	for _, g := range p.PipelineGlobs {
		if _, err := path.Match(g, ""); err != nil {
			return Platform{}, false, fmt.Errorf("%s: pipeline_globs: %q: %w", file, g, err)
		}
	}
	return p, true, nil
}

// checkSameWords makes every platform define the same words, so a shared
// template that uses one renders on every platform.
func checkSameWords(ps []Platform) error {
	if len(ps) < 2 {
		return nil
	}
	want := sortedWordKeys(ps[0].Words)
	for _, p := range ps[1:] {
		if got := sortedWordKeys(p.Words); !slices.Equal(got, want) {
			return fmt.Errorf("platform/%s/%s defines the words %v, platform/%s/%s defines %v: every platform needs the same words",
				p.Name, platformFile, got, ps[0].Name, platformFile, want)
		}
	}
	return nil
}

func sortedWordKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// isPartial reports whether a template path is one of a platform's
// partials: platform/<name>/partials/<file>.tmpl.
func isPartial(p string) (platform string, ok bool) {
	parts := strings.Split(p, "/")
	if len(parts) == 4 && parts[0] == "platform" && parts[2] == partialsDir {
		return parts[1], true
	}
	return "", false
}

// addPartials parses a partials file into the set and checks that it
// defines only "<platform>/..." templates and nothing at its top level. It
// returns the names it defined.
func addPartials(set *template.Template, source, platform, body string) ([]string, error) {
	before := map[string]bool{}
	for _, t := range set.Templates() {
		before[t.Name()] = true
	}
	t, err := set.New(source).Parse(body)
	if err != nil {
		return nil, fmt.Errorf("template %w", err)
	}
	if t.Tree != nil && !onlyWhitespace(t.Root) {
		return nil, fmt.Errorf("%s: a partials file holds only {{define \"%s/<name>\"}} blocks", source, platform)
	}
	var names []string
	for _, d := range set.Templates() {
		name := d.Name()
		if name == source || before[name] {
			continue
		}
		if !strings.HasPrefix(name, platform+"/") {
			return nil, fmt.Errorf("%s defines %q: a partial of platform %s is named %q", source, name, platform, platform+"/"+path.Base(name))
		}
		names = append(names, name)
	}
	return names, nil
}

func onlyWhitespace(n *parse.ListNode) bool {
	if n == nil {
		return true
	}
	for _, node := range n.Nodes {
		text, ok := node.(*parse.TextNode)
		if !ok || strings.TrimSpace(string(text.Text)) != "" {
			return false
		}
	}
	return true
}

// checkPartials makes every platform define the same partials, so a shared
// template that calls one renders on every platform.
func (l *Library) checkPartials() error {
	byPlatform := map[string][]string{}
	for name := range l.partials {
		platform, partial, _ := strings.Cut(name, "/")
		byPlatform[platform] = append(byPlatform[platform], partial)
	}
	var first string
	var want []string
	for _, p := range l.platformOrder() {
		got := byPlatform[p]
		sort.Strings(got)
		if first == "" {
			first, want = p, got
			continue
		}
		if !slices.Equal(got, want) {
			return fmt.Errorf("platform/%s/%s defines the partials %v, platform/%s/%s defines %v: every platform needs the same partials",
				p, partialsDir, got, first, partialsDir, want)
		}
	}
	return nil
}

func (l *Library) platformOrder() []string {
	names := make([]string, 0, len(l.platforms))
	for n := range l.platforms {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Platform returns what the library knows of a CI platform.
func (l *Library) Platform(name string) (Platform, bool) {
	p, ok := l.platforms[name]
	return p, ok
}

// platformFunc is the template function {{ platform "<partial>" . }}: it
// renders the partial of the platform the template is rendered for.
func (l *Library) platformFunc(partial string, data Data) (string, error) {
	name := data.Stack.Platform + "/" + partial
	t, ok := l.partials[name]
	if !ok {
		return "", fmt.Errorf("platform %s has no partial %q (templates/platform/%s/%s/)", data.Stack.Platform, partial, data.Stack.Platform, partialsDir)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	return buf.String(), nil
}

func platformNames(ps []Platform) []string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	return names
}

// checkPlatformFolders refuses a platform folder that no platform.yaml
// describes, here or in the library the folder overrides.
func (l *Library) checkPlatformFolders(fsys fs.FS) error {
	dirs, err := fs.ReadDir(fsys, "platform")
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	for _, d := range dirs {
		if _, ok := l.platforms[d.Name()]; d.IsDir() && !ok && len(l.platforms) > 0 {
			return fmt.Errorf("platform/%s has no %s: a CI platform folder says what the platform is (see the built-in platforms)", d.Name(), platformFile)
		}
	}
	return nil
}
