// Package scaffold renders the scaffolding templates of the capabilities a
// project is missing and writes them safely into the project's folder.
//
// Rendering is a pure function of its inputs (templates, stack, capabilities,
// variables), so the plan can show exactly the files, with their hashes, that
// apply will write.
package scaffold

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"text/template"

	"github.com/Masterminds/sprig/v3"
	"gopkg.in/yaml.v3"

	"github.com/mlops-maturity/terraform-provider-mlops/templates"
)

// ProjectCapability owns the files every scaffold shares (the project contract,
// the Python package root, the sample data). It is not a catalog capability:
// its files are written whenever any capability is scaffolded.
const ProjectCapability = "project"

// StateDir is the folder, inside the output folder, that holds the manifest and the lock.
const StateDir = ".mlops"

// templateSuffix marks a template file; the rendered path drops it.
const templateSuffix = ".tmpl"

// variablesFile holds the default template variables at the root of a template tree.
const variablesFile = "variables.yaml"

// Stack names the parts of the toolchain that vary between projects.
type Stack struct {
	Platform   string `json:"platform"`
	Registry   string `json:"registry"`
	Monitoring string `json:"monitoring"`
}

// The built-in stack parts, the default first. The platforms are the folders
// of templates/platform that hold a platform.yaml.
var (
	Platforms   = platformNames(builtinPlatforms())
	Registries  = []string{"mlflow", "azureml"}
	Monitorings = []string{"prometheus", "azure_monitor"}
)

// DefaultStack is GitHub Actions, MLflow and Prometheus.
var DefaultStack = Stack{Platform: Platforms[0], Registry: Registries[0], Monitoring: Monitorings[0]}

// BuiltinStacks is every combination of the built-in stack parts.
func BuiltinStacks() []Stack {
	stacks := make([]Stack, 0, len(Platforms)*len(Registries)*len(Monitorings))
	for _, p := range Platforms {
		for _, r := range Registries {
			for _, m := range Monitorings {
				stacks = append(stacks, Stack{Platform: p, Registry: r, Monitoring: m})
			}
		}
	}
	return stacks
}

// groups returns the template folders that make up a stack, in override order.
func (s Stack) groups() []string {
	return []string{
		"common",
		path.Join("platform", s.Platform),
		path.Join("registry", s.Registry),
		path.Join("monitoring", s.Monitoring),
	}
}

// Data is what every template sees as ".".
type Data struct {
	Name    string
	Package string
	Stack   Stack
	// Platform is what the stack's CI platform means (Render fills it in from
	// templates/platform/<name>/platform.yaml).
	Platform Platform
	Vars     map[string]string
	// Capabilities lists every capability the project has or will have after
	// this scaffold, so templates can mention the neighbours they compose with.
	Capabilities map[string]bool
	// Scaffolded lists the capabilities whose files this render writes (Render
	// fills it). A capability in Capabilities but not here is the team's own:
	// its files may have other names, so nothing may require them (a required
	// check naming a job that does not exist blocks every merge).
	Scaffolded map[string]bool
}

// File is one rendered file.
type File struct {
	Path       string // relative to the output folder, "/"-separated
	Content    []byte
	SHA256     string
	Capability string
	Mode       fs.FileMode
}

// entry is one parsed template file.
type entry struct {
	source     string // path inside the template tree, for error messages
	group      string
	capability string
	rel        string // path below the capability folder, ".tmpl" dropped
	pathTmpl   *template.Template
	bodyTmpl   *template.Template
}

// Library is a parsed template tree. It is immutable once built and safe for
// concurrent use.
type Library struct {
	// entries by capability, then by group+rel so an override replaces a built-in.
	entries  map[string]map[string]*entry
	defaults map[string]*variable
	// platforms by name, and their partials by "<platform>/<partial>".
	platforms map[string]Platform
	partials  map[string]*template.Template
}

// variable is a default value; a value that mentions .Name or .Package is a
// template, parsed once with the library.
type variable struct {
	value string
	tmpl  *template.Template
}

var (
	funcMapOnce sync.Once
	funcMap     template.FuncMap

	builtinOnce sync.Once
	builtin     *Library
	builtinErr  error
)

func templateFuncs() template.FuncMap {
	funcMapOnce.Do(func() { funcMap = sprig.TxtFuncMap() })
	return funcMap
}

// newTemplateSet returns an empty set of templates that share sprig's
// functions and the missingkey=error option. Templates created in one set
// share its function table instead of each copying sprig's two hundred
// entries, which makes parsing several times cheaper.
func newTemplateSet() *template.Template {
	return template.New("").Funcs(templateFuncs()).Option("missingkey=error")
}

// Builtin returns the library of embedded templates, parsed once per process.
func Builtin() (*Library, error) {
	builtinOnce.Do(func() { builtin, builtinErr = Parse(templates.FS) })
	return builtin, builtinErr
}

// Parse reads every "<group>/<capability>/<path>.tmpl" file of fsys, and the
// default variables from variables.yaml when present.
func Parse(fsys fs.FS) (*Library, error) {
	lib := &Library{entries: map[string]map[string]*entry{}, defaults: map[string]*variable{},
		platforms: map[string]Platform{}, partials: map[string]*template.Template{}}
	if err := lib.add(fsys); err != nil {
		return nil, err
	}
	return lib, nil
}

// WithOverrides returns a copy of the library in which every template of fsys
// replaces the built-in template at the same path, and new ones are added.
func (l *Library) WithOverrides(fsys fs.FS) (*Library, error) {
	out := &Library{entries: make(map[string]map[string]*entry, len(l.entries)), defaults: make(map[string]*variable, len(l.defaults))}
	for c, files := range l.entries {
		m := make(map[string]*entry, len(files))
		for k, v := range files {
			m[k] = v
		}
		out.entries[c] = m
	}
	for k, v := range l.defaults {
		out.defaults[k] = v
	}
	out.platforms = make(map[string]Platform, len(l.platforms))
	for k, v := range l.platforms {
		out.platforms[k] = v
	}
	out.partials = make(map[string]*template.Template, len(l.partials))
	for k, v := range l.partials {
		out.partials[k] = v
	}
	if err := out.add(fsys); err != nil {
		return nil, err
	}
	return out, nil
}

// Variables returns the names of the known template variables, sorted.
func (l *Library) Variables() []string {
	names := make([]string, 0, len(l.defaults))
	for k := range l.defaults {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// HasTemplatesFor reports whether any template exists for that part of a
// stack: "platform", "registry" or "monitoring" and its name.
func (l *Library) HasTemplatesFor(part, name string) bool {
	group := part + "/" + name
	for _, files := range l.entries {
		for _, e := range files {
			if e.group == group {
				return true
			}
		}
	}
	return false
}

// Capabilities returns the capability ids that have at least one template, sorted.
func (l *Library) Capabilities() []string {
	ids := make([]string, 0, len(l.entries))
	for k := range l.entries {
		ids = append(ids, k)
	}
	sort.Strings(ids)
	return ids
}

func (l *Library) add(fsys fs.FS) error {
	set := newTemplateSet().Funcs(template.FuncMap{"platform": l.platformFunc, "withVars": withVars})
	platforms, err := readPlatforms(fsys)
	if err != nil {
		return err
	}
	for _, p := range platforms {
		l.platforms[p.Name] = p
	}
	if err := l.checkPlatformFolders(fsys); err != nil {
		return err
	}
	if raw, err := fs.ReadFile(fsys, variablesFile); err == nil {
		vars := map[string]string{}
		if err := yaml.Unmarshal(raw, &vars); err != nil {
			return fmt.Errorf("%s: %w", variablesFile, err)
		}
		for k, v := range vars {
			def := &variable{value: v}
			if strings.Contains(v, "{{") {
				if def.tmpl, err = set.New(variablesFile + ": " + k).Parse(v); err != nil {
					return fmt.Errorf("%s: %w", variablesFile, err)
				}
			}
			l.defaults[k] = def
		}
	}
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, templateSuffix) {
			return nil
		}
		if platform, ok := isPartial(p); ok {
			raw, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			names, err := addPartials(set, p, platform, string(raw))
			if err != nil {
				return err
			}
			for _, n := range names {
				l.partials[n] = set
			}
			return nil
		}
		group, capability, rel, ok := splitTemplatePath(p)
		if !ok {
			return fmt.Errorf("%s: a template must live at common/<capability>/<path>.tmpl or <platform|registry|monitoring>/<name>/<capability>/<path>.tmpl", p)
		}
		raw, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		e, err := parseEntry(set, p, group, capability, rel, string(raw))
		if err != nil {
			return err
		}
		if l.entries[capability] == nil {
			l.entries[capability] = map[string]*entry{}
		}
		l.entries[capability][group+"/"+rel] = e
		return nil
	})
	if err != nil {
		return err
	}
	all := make([]Platform, 0, len(l.platforms))
	for _, name := range l.platformOrder() {
		all = append(all, l.platforms[name])
	}
	if err := checkSameWords(all); err != nil {
		return err
	}
	return l.checkPartials()
}

func splitTemplatePath(p string) (group, capability, rel string, ok bool) {
	parts := strings.Split(p, "/")
	switch {
	case len(parts) >= 3 && parts[0] == "common":
		group, capability, rel = parts[0], parts[1], path.Join(parts[2:]...)
	case len(parts) >= 4 && (parts[0] == "platform" || parts[0] == "registry" || parts[0] == "monitoring"):
		group, capability, rel = parts[0]+"/"+parts[1], parts[2], path.Join(parts[3:]...)
	default:
		return "", "", "", false
	}
	return group, capability, strings.TrimSuffix(rel, templateSuffix), true
}

func parseEntry(set *template.Template, source, group, capability, rel, body string) (*entry, error) {
	pathTmpl, err := set.New(source + " (path)").Parse(rel)
	if err != nil {
		return nil, fmt.Errorf("template path %s: %w", source, err)
	}
	bodyTmpl, err := set.New(source).Parse(body)
	if err != nil {
		return nil, fmt.Errorf("template %w", err)
	}
	return &entry{source: source, group: group, capability: capability, rel: rel, pathTmpl: pathTmpl, bodyTmpl: bodyTmpl}, nil
}

// ResolveVars returns the default variables rendered for this project, with
// the user's values on top.
func (l *Library) ResolveVars(name, pkg string, user map[string]string) (map[string]string, error) {
	vars := make(map[string]string, len(l.defaults)+len(user))
	base := struct{ Name, Package string }{name, pkg}
	var buf bytes.Buffer
	for k, v := range l.defaults {
		if v.tmpl == nil {
			vars[k] = v.value
			continue
		}
		buf.Reset()
		if err := v.tmpl.Execute(&buf, base); err != nil {
			return nil, err
		}
		vars[k] = buf.String()
	}
	for k, v := range user {
		vars[k] = v
	}
	return vars, nil
}

// PackageName turns a project slug into a Python package name.
func PackageName(name string) string {
	return strings.ReplaceAll(name, "-", "_")
}

// Render renders the templates of the given capabilities (plus the project
// files) for a stack. The result is sorted by path; two templates that render
// to the same path are an error, since every file has exactly one owner.
func (l *Library) Render(stack Stack, capabilities []string, data Data) ([]File, error) {
	if len(capabilities) == 0 {
		return nil, nil
	}
	groups := stack.groups()
	data.Platform = l.platforms[stack.Platform]
	data.Scaffolded = make(map[string]bool, len(capabilities))
	for _, c := range capabilities {
		data.Scaffolded[c] = true
	}
	owners := map[string]string{}
	files := make([]File, 0, 8*len(capabilities))
	var buf bytes.Buffer
	for _, capability := range append([]string{ProjectCapability}, capabilities...) {
		for _, e := range l.entries[capability] {
			if !inGroups(e.group, groups) {
				continue
			}
			buf.Reset()
			if err := e.pathTmpl.Execute(&buf, data); err != nil {
				return nil, fmt.Errorf("render path of %s: %w", e.source, err)
			}
			rel, err := CleanRelative(buf.String())
			if err != nil {
				return nil, fmt.Errorf("template %s: %w", e.source, err)
			}
			if prev, dup := owners[rel]; dup {
				return nil, fmt.Errorf("%s is rendered by both %s and %s: every file needs one owner", rel, prev, e.source)
			}
			owners[rel] = e.source
			buf.Reset()
			if err := e.bodyTmpl.Execute(&buf, data); err != nil {
				return nil, fmt.Errorf("render %w", err)
			}
			content := bytes.Clone(buf.Bytes())
			files = append(files, File{
				Path:       rel,
				Content:    content,
				SHA256:     ContentHash(rel, content),
				Capability: capability,
				Mode:       modeFor(content),
			})
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

func inGroups(group string, groups []string) bool {
	for _, g := range groups {
		if g == group {
			return true
		}
	}
	return false
}

// modeFor gives executable scripts 0755 and everything else 0644.
func modeFor(content []byte) fs.FileMode {
	if bytes.HasPrefix(content, []byte("#!")) {
		return 0o755
	}
	return 0o644
}

// HashBytes returns the hex sha256 of b.
func HashBytes(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// CleanRelative checks that p is a relative, "/"-separated path that stays
// below its root, and returns it cleaned.
func CleanRelative(p string) (string, error) {
	if p == "" {
		return "", fmt.Errorf("empty path")
	}
	if strings.ContainsRune(p, '\\') || strings.ContainsRune(p, 0) {
		return "", fmt.Errorf("path %q: backslashes and NUL are not allowed", p)
	}
	if path.IsAbs(p) {
		return "", fmt.Errorf("path %q is absolute; it must be relative to the output folder", p)
	}
	clean := path.Clean(p)
	if clean == "." || clean == ".." || strings.HasPrefix(clean, "../") {
		return "", fmt.Errorf("path %q leaves the output folder", p)
	}
	if clean == StateDir || strings.HasPrefix(clean, StateDir+"/") {
		return "", fmt.Errorf("path %q: %s/ is reserved for the provider's own records", p, StateDir)
	}
	return clean, nil
}

// withVars is the template function {{ template "x" (withVars . "key" "value" ...) }}:
// the data with some variables replaced, so one template renders a manifest for
// another environment (deploy/k8s/staging renders deploy/k8s's templates with
// the staging namespace) instead of a copy that drifts from it.
func withVars(data Data, pairs ...string) (Data, error) {
	if len(pairs)%2 != 0 {
		return Data{}, fmt.Errorf("withVars takes key and value pairs, got %d values", len(pairs))
	}
	vars := make(map[string]string, len(data.Vars)+len(pairs)/2)
	for k, v := range data.Vars {
		vars[k] = v
	}
	for i := 0; i < len(pairs); i += 2 {
		if _, ok := vars[pairs[i]]; !ok {
			return Data{}, fmt.Errorf("withVars: %q is not a template variable", pairs[i])
		}
		vars[pairs[i]] = pairs[i+1]
	}
	data.Vars = vars
	return data, nil
}
