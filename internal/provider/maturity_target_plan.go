package provider

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/report"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// Scaffold scopes.
const (
	scopeNextLevel   = "next_level"
	scopeTargetLevel = "target_level"
	scopeNone        = "none"
)

// targetInputs is a target's configuration in domain terms.
type targetInputs struct {
	name        string
	outputDir   string
	scope       string
	stack       scaffold.Stack
	decl        maturity.Declaration
	vars        map[string]string
	templateDir string
	overwrite   bool
}

// targetPlan is what a target looks like after the next apply, computed
// without writing anything.
type targetPlan struct {
	root       string
	assessment maturity.Assessment
	rendered   []scaffold.File
	decisions  []scaffold.Decision
	files      map[string]string // every managed file after apply: path -> sha256
	modified   []string          // managed files whose content differs from files
	unmanaged  []string          // files the scaffold would write but that the user already has
	report     string
}

// planTarget evaluates the declaration, renders the scaffold in scope and
// decides, against the disk and the previously managed files, what apply
// will do. It reads the disk but never writes. owner is the project whose
// manifest may already be in output_dir: "" when the target is new.
func planTarget(data *providerData, in targetInputs, prior map[string]string, owner string) (*targetPlan, diag.Diagnostics) {
	var diags diag.Diagnostics
	catalog := data.catalog
	a, err := catalog.Evaluate(in.decl)
	if err != nil {
		diags.AddError("Evaluating the declaration failed", err.Error())
		return nil, diags
	}
	root, err := filepath.Abs(in.outputDir)
	if err != nil {
		diags.AddAttributeError(path.Root("output_dir"), "Invalid output_dir", err.Error())
		return nil, diags
	}
	p := &targetPlan{root: root, assessment: a}

	lib, d := libraryFor(data, in)
	diags.Append(d...)
	if diags.HasError() {
		return nil, diags
	}
	scope := scopeOf(a, in.scope)
	p.rendered, d = renderScope(catalog, lib, in, a, scope)
	diags.Append(d...)
	if diags.HasError() {
		return nil, diags
	}
	manifest, d := checkOutputDir(root, owner)
	diags.Append(d...)
	if diags.HasError() {
		return nil, diags
	}
	if err := p.decide(in, prior, manifest); err != nil {
		diags.AddAttributeError(path.Root("output_dir"), "Unsafe output folder", err.Error())
		return nil, diags
	}
	p.report, _ = report.Markdown(report.Input{Catalog: catalog, Assessment: a, Project: in.name, Exemptions: in.decl.Exemptions, Writes: scaffoldLines(p.rendered)})
	return p, diags
}

func scopeOf(a maturity.Assessment, scope string) maturity.Set {
	switch scope {
	case scopeNone:
		return 0
	case scopeTargetLevel:
		return a.Gaps
	default:
		if a.Current < a.Target {
			return a.NextGaps
		}
		return 0
	}
}

func libraryFor(data *providerData, in targetInputs) (*scaffold.Library, diag.Diagnostics) {
	var diags diag.Diagnostics
	if in.templateDir == "" {
		lib, err := data.templates()
		if err != nil {
			diags.AddError("Loading the built-in templates failed", err.Error())
			return nil, diags
		}
		return lib, diags
	}
	lib, err := data.overrides.library(in.templateDir)
	if err != nil {
		diags.AddAttributeError(path.Root("template_dir"), "Invalid template_dir", err.Error())
		return nil, diags
	}
	return lib, nil
}

func renderScope(catalog *maturity.Catalog, lib *scaffold.Library, in targetInputs, a maturity.Assessment, scope maturity.Set) ([]scaffold.File, diag.Diagnostics) {
	var diags diag.Diagnostics
	if in.templateDir == "" {
		diags.Append(checkVariableNames(lib, in.vars)...)
		if diags.HasError() {
			return nil, diags
		}
	}
	if scope == 0 {
		return nil, diags
	}
	pkg := scaffold.PackageName(in.name)
	vars, err := lib.ResolveVars(in.name, pkg, in.vars)
	if err != nil {
		diags.AddAttributeError(path.Root("variables"), "Invalid variables", err.Error())
		return nil, diags
	}
	present := make(map[string]bool, len(catalog.Capabilities))
	for _, id := range catalog.IDsOf(a.Met() | scope) {
		present[id] = true
	}
	ids := catalog.IDsOf(scope)
	files, err := lib.Render(in.stack, ids, scaffold.Data{Name: in.name, Package: pkg, Stack: in.stack, Vars: vars, Capabilities: present})
	if err != nil {
		attr := path.Root("variables")
		if in.templateDir != "" {
			attr = path.Root("template_dir")
		}
		diags.AddAttributeError(attr, "Rendering the scaffold failed", err.Error())
		return nil, diags
	}
	diags.Append(checkStackCoverage(lib, in.stack, ids, files)...)
	return files, diags
}

// checkVariableNames refuses a variable the built-in templates do not know,
// which is almost always a typo. With a template_dir, any name is allowed.
func checkVariableNames(lib *scaffold.Library, vars map[string]string) diag.Diagnostics {
	var diags diag.Diagnostics
	known := lib.Variables()
	names := make([]string, 0, len(vars))
	for k := range vars {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if i := sort.SearchStrings(known, k); i < len(known) && known[i] == k {
			continue
		}
		msg := fmt.Sprintf("%q is not a template variable.", k)
		if s := maturity.Closest(k, known); s != "" {
			msg += fmt.Sprintf(" Did you mean %q?", s)
		}
		diags.AddAttributeError(path.Root("variables").AtMapKey(k), "Unknown template variable",
			msg+" Allowed names: "+strings.Join(known, ", ")+". Custom names are allowed together with template_dir.")
	}
	return diags
}

// checkStackCoverage refuses a scaffold that would silently miss a
// capability because the chosen stack has no templates for it.
func checkStackCoverage(lib *scaffold.Library, stack scaffold.Stack, ids []string, files []scaffold.File) diag.Diagnostics {
	var diags diag.Diagnostics
	for _, part := range []struct{ attr, name string }{
		{"platform", stack.Platform}, {"registry", stack.Registry}, {"monitoring", stack.Monitoring},
	} {
		if !lib.HasTemplatesFor(part.attr, part.name) {
			diags.AddAttributeError(path.Root(part.attr), "No templates for this stack",
				fmt.Sprintf("The templates have nothing for %s = %q yet, so the scaffold would miss its %s files. Provide them in template_dir "+
					"(%s/%s/<capability>/<file>.tmpl), choose a %s that has templates, or set scaffold = \"none\".",
					part.attr, part.name, part.attr, part.attr, part.name, part.attr))
		}
	}
	if diags.HasError() {
		return diags
	}
	covered := make(map[string]bool, len(ids))
	for _, f := range files {
		covered[f.Capability] = true
	}
	var missing []string
	for _, id := range ids {
		if !covered[id] {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return diags
	}
	attr, value := "platform", stack.Platform
	switch {
	case stack.Platform != scaffold.DefaultStack.Platform:
	case stack.Registry != scaffold.DefaultStack.Registry:
		attr, value = "registry", stack.Registry
	case stack.Monitoring != scaffold.DefaultStack.Monitoring:
		attr, value = "monitoring", stack.Monitoring
	}
	diags.AddAttributeError(path.Root(attr), "No templates for this stack",
		fmt.Sprintf("The built-in templates do not cover %s = %q for: %s. Provide them in template_dir (for example platform/<name>/<capability>/<file>.tmpl), "+
			"use the default stack (github_actions, mlflow, prometheus), or set scaffold = \"none\".", attr, value, strings.Join(missing, ", ")))
	return diags
}

// checkOutputDir refuses a folder that is a file, that holds a scaffold
// other than owner's, or that sits inside another target's folder.
// It returns the manifest found there, if any.
func checkOutputDir(root, owner string) (*scaffold.Manifest, diag.Diagnostics) {
	var diags diag.Diagnostics
	at := path.Root("output_dir")
	if info, err := os.Stat(root); err == nil && !info.IsDir() {
		diags.AddAttributeError(at, "output_dir is not a folder", fmt.Sprintf("%s exists and is a file; output_dir must be a folder (it is created when missing).", root))
		return nil, diags
	}
	m, err := scaffold.ReadManifest(root)
	if err != nil {
		diags.AddAttributeError(at, "Unreadable scaffold manifest", err.Error())
		return nil, diags
	}
	if m != nil && (owner == "" || m.Name != owner) {
		diags.AddAttributeError(at, "output_dir belongs to another target",
			fmt.Sprintf("%s already holds the scaffold of project %q (see %s), which this target does not manage. "+
				"Each target needs its own output_dir; to manage that scaffold from this resource, import it: terraform import <address> %s",
				root, m.Name, filepath.Join(root, scaffold.StateDir, "manifest.json"), root))
		return nil, diags
	}
	for dir := filepath.Dir(root); ; dir = filepath.Dir(dir) {
		manifest := filepath.Join(dir, scaffold.StateDir, "manifest.json")
		if info, err := os.Lstat(manifest); err == nil && info.Mode().IsRegular() {
			diags.AddAttributeError(at, "output_dir is inside another target's folder",
				fmt.Sprintf("%s is inside %s, which holds a scaffold (%s). Targets must not nest: choose a folder outside it.", root, dir, manifest))
			return nil, diags
		}
		if dir == filepath.Dir(dir) {
			return m, diags
		}
	}
}

// decide works out, file by file, what apply will do, and the managed files
// and modified files that result. The manifest's pending hashes let a file
// written by an interrupted apply count as generated, not as a user edit.
func (p *targetPlan) decide(in targetInputs, prior map[string]string, manifest *scaffold.Manifest) error {
	prev := make(map[string]scaffold.ManifestFile, len(prior))
	for k, v := range prior {
		entry := scaffold.ManifestFile{SHA256: v}
		if manifest != nil {
			entry.Pending = manifest.Files[k].Pending
		}
		prev[k] = entry
	}
	decisions, err := scaffold.Decide(p.root, p.rendered, prev, in.overwrite)
	if err != nil {
		return err
	}
	p.decisions = decisions
	p.files = make(map[string]string, len(prior)+len(decisions))
	rendered := make(map[string]bool, len(decisions))
	for _, d := range decisions {
		rendered[d.File.Path] = true
		switch d.Action {
		case scaffold.ActionWrite, scaffold.ActionUnchanged:
			p.files[d.File.Path] = d.File.SHA256
		case scaffold.ActionKeepModified:
			p.files[d.File.Path] = prior[d.File.Path]
			p.modified = append(p.modified, d.File.Path)
		case scaffold.ActionKeepUnmanaged:
			p.unmanaged = append(p.unmanaged, d.File.Path)
		}
	}
	rest := make(map[string]string, len(prior))
	for k, v := range prior {
		if !rendered[k] {
			rest[k] = v
		}
	}
	status, err := scaffold.Inspect(p.root, rest)
	if err != nil {
		return err
	}
	missing := make(map[string]bool, len(status.Missing))
	for _, m := range status.Missing {
		missing[m] = true
	}
	for k, v := range rest {
		if !missing[k] {
			p.files[k] = v
		}
	}
	p.modified = append(p.modified, status.Modified...)
	sort.Strings(p.modified)
	return nil
}

// scaffoldLines summarises the scaffold per capability for the report; the
// files attribute lists every path, so the report stays short (plans and
// state grow with every byte of it).
func scaffoldLines(files []scaffold.File) []string {
	if len(files) == 0 {
		return nil
	}
	counts := map[string]int{}
	var order []string
	for _, f := range files {
		if counts[f.Capability] == 0 {
			order = append(order, f.Capability)
		}
		counts[f.Capability]++
	}
	sort.Strings(order)
	lines := make([]string, 0, len(order)+1)
	lines = append(lines, plural(len(files), "file")+" in all, listed in `files`")
	for _, c := range order {
		lines = append(lines, fmt.Sprintf("`%s`: %s", c, plural(counts[c], "file")))
	}
	return lines
}

var errPlanChanged = errors.New("changed since plan")

// compareWithPlan checks that what apply would do now is what the plan
// showed; anything else means the disk or the templates changed in between.
func compareWithPlan(planned, now map[string]string) error {
	var diffs []string
	for k, v := range planned {
		if now[k] != v {
			diffs = append(diffs, k)
		}
	}
	for k := range now {
		if _, ok := planned[k]; !ok {
			diffs = append(diffs, k)
		}
	}
	if len(diffs) == 0 {
		return nil
	}
	sort.Strings(diffs)
	return fmt.Errorf("%w: %s", errPlanChanged, strings.Join(diffs, ", "))
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
