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

	"github.com/mlops-maturity/terraform-provider-mlops/internal/evidence"
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
	outputDir   string // as configured; resolved against the working directory at every call
	scope       string
	stack       scaffold.Stack
	decl        maturity.Declaration
	vars        map[string]string
	templateDir string
	overwrite   bool
	// evidenceDir is the repository scanned for evidence, as configured ("" for none).
	evidenceDir  string
	evidenceMode string
}

// planMode says whose scaffold output_dir may already hold.
type planMode struct {
	// create: the target is new (or being replaced); a scaffold of the same
	// project in output_dir is taken over afresh, another project's refused.
	create bool
	// owner is the project name in state for an existing target: its own
	// manifest carries that name (the new name differs after a rename).
	owner string
}

// targetPlan is what a target looks like after the next apply, computed
// without writing anything.
type targetPlan struct {
	root       string
	assessment maturity.Assessment
	rendered   []scaffold.File
	decisions  []scaffold.Decision
	fresh      bool              // apply starts a new manifest (see planMode.create)
	files      map[string]string // every managed file after apply: path -> sha256
	modified   []string          // managed files whose content differs from files
	unmanaged  []string          // files the scaffold would write but that the user already has
	overwrites []string          // edited files apply replaces (overwrite_modified)
	release    []string          // managed files apply stops managing
	released   []string          // of those, edited ones that stay on disk
	recreated  map[string]bool   // managed files that are gone and written again
	evidence   *evidenceView     // nil without evidence_dir
}

// planTarget evaluates the declaration, renders the scaffold in scope and
// decides, against the disk and the manifest in output_dir, what apply will
// do. It reads the disk but never writes.
func planTarget(data *providerData, in targetInputs, mode planMode) (*targetPlan, diag.Diagnostics) {
	catalog := data.catalog
	// With evidence_mode = "require", the level follows the repository: the
	// evaluator scores the declaration the scan confirms.
	scanned, diags := scanEvidence(catalog, in.decl, in.evidenceDir, in.evidenceMode, in.outputDir, nil)
	if diags.HasError() {
		return nil, diags
	}
	scored := in
	if scanned != nil {
		scored.decl = scanned.comparison.Effective
	}
	a, lib, d := prepareTarget(data, scored)
	diags.Append(d...)
	if diags.HasError() {
		return nil, diags
	}
	root, err := filepath.Abs(in.outputDir)
	if err != nil {
		diags.AddAttributeError(path.Root("output_dir"), "Invalid output_dir", err.Error())
		return nil, diags
	}
	p := &targetPlan{root: root, assessment: a}

	manifest, d := checkOutputDir(root, in.name, mode)
	diags.Append(d...)
	if diags.HasError() {
		return nil, diags
	}
	p.fresh = mode.create && manifest != nil
	var prior *scaffold.Manifest
	if !p.fresh {
		prior = manifest
	}
	scope := scopeOf(a, in.scope)
	switched := prior != nil && (prior.Name != in.name || prior.Stack != in.stack)
	if switched && scope != 0 {
		// A new stack or name renders again every capability the old
		// scaffold served, so nothing that was generated is lost.
		scope |= servedCapabilities(catalog, prior)
	}
	p.rendered, d = renderFiles(catalog, lib, in, a, scope)
	diags.Append(d...)
	if diags.HasError() {
		return nil, diags
	}
	if err := p.decide(in, prior, switched && scope != 0); err != nil {
		diags.AddAttributeError(path.Root("output_dir"), "Unsafe output folder", err.Error())
		return nil, diags
	}
	p.evidence = scanned
	if planned := plannedInto(in.evidenceDir, p); scanned != nil && len(planned) > 0 && in.evidenceMode != string(evidence.ModeRequire) {
		// What apply writes into the scanned folder is evidence too, so the
		// plan after apply detects exactly what this one shows. In require
		// mode the level, the gaps and the lists all describe the folder as
		// it is: the scaffold counts from the plan after apply, which then
		// shows the level it reached.
		p.evidence, d = scanEvidence(catalog, in.decl, in.evidenceDir, in.evidenceMode, in.outputDir, planned)
		diags.Append(d...)
	}
	return p, diags
}

// renderFiles renders the capabilities in scope and, unless the scaffold
// is "none", the report files: everything apply writes.
func renderFiles(catalog *maturity.Catalog, lib *scaffold.Library, in targetInputs, a maturity.Assessment, scope maturity.Set) ([]scaffold.File, diag.Diagnostics) {
	files, diags := renderScope(catalog, lib, in, a, scope)
	if diags.HasError() || in.scope == scopeNone {
		return files, diags
	}
	reports, err := reportFiles(catalog, in, a)
	if err != nil {
		diags.AddError("Rendering the maturity report failed", err.Error())
		return nil, diags
	}
	return append(files, reports...), diags
}

// reportCapability owns the report files in the manifest: they follow the
// assessment, not a capability of the model.
const reportCapability = "maturity_report"

// reportFiles are MATURITY.md and its pictures, rendered from the
// assessment alone (never from what apply writes, which would be stale once
// written), so they change exactly when the assessment does.
func reportFiles(catalog *maturity.Catalog, in targetInputs, a maturity.Assessment) ([]scaffold.File, error) {
	files, err := report.ProjectFiles(report.Input{Catalog: catalog, Assessment: a, Project: in.name, Exemptions: in.decl.Exemptions})
	if err != nil {
		return nil, err
	}
	out := make([]scaffold.File, 0, len(files))
	for _, rel := range []string{report.MaturityPath, report.ScorecardPath, report.BadgePath} {
		content := files[rel]
		out = append(out, scaffold.File{Path: rel, Content: content, SHA256: scaffold.HashBytes(content), Capability: reportCapability, Mode: 0o644})
	}
	return out, nil
}

// prepareTarget evaluates the declaration and loads the templates it renders
// with: the built-in ones, or those of template_dir on top.
func prepareTarget(data *providerData, in targetInputs) (maturity.Assessment, *scaffold.Library, diag.Diagnostics) {
	var diags diag.Diagnostics
	a, err := data.catalog.Evaluate(in.decl)
	if err != nil {
		diags.AddError("Evaluating the declaration failed", err.Error())
		return a, nil, diags
	}
	lib, d := libraryFor(data, in)
	diags.Append(d...)
	return a, lib, diags
}

// renderTarget renders what apply writes into an empty folder (no manifest
// yet, so the scope alone decides), reading nothing but template_dir.
func renderTarget(data *providerData, in targetInputs) ([]scaffold.File, maturity.Assessment, diag.Diagnostics) {
	a, lib, diags := prepareTarget(data, in)
	if diags.HasError() {
		return nil, a, diags
	}
	files, d := renderFiles(data.catalog, lib, in, a, scopeOf(a, in.scope))
	diags.Append(d...)
	return files, a, diags
}

// servedCapabilities is the set of catalog capabilities that the manifest's
// files were generated for.
func servedCapabilities(catalog *maturity.Catalog, m *scaffold.Manifest) maturity.Set {
	ids := make([]string, 0, len(m.Files))
	for _, f := range m.Files {
		if _, ok := catalog.Lookup(f.Capability); ok {
			ids = append(ids, f.Capability)
		}
	}
	s, _ := catalog.SetOf(ids)
	return s
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
	known := map[string]bool{}
	for _, id := range lib.Capabilities() {
		known[id] = true
	}
	var missing, foreign []string
	for _, id := range ids {
		switch {
		case covered[id]:
		case !known[id]:
			foreign = append(foreign, id)
		default:
			missing = append(missing, id)
		}
	}
	if len(foreign) > 0 {
		diags.AddAttributeError(path.Root("template_dir"), "No templates for these capabilities",
			fmt.Sprintf("No template serves %s: capabilities of your own catalog have no built-in templates. Add them to template_dir "+
				"(common/<capability>/<file>.tmpl, or per stack under platform/, registry/, monitoring/), or set scaffold = \"none\".",
				strings.Join(foreign, ", ")))
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

// checkOutputDir refuses a folder that is a file, that holds another
// project's scaffold, or that sits inside another target's folder. It
// returns the manifest found there, if any.
func checkOutputDir(root, name string, mode planMode) (*scaffold.Manifest, diag.Diagnostics) {
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
	owner := mode.owner
	if mode.create {
		owner = name
	}
	if m != nil && m.Name != owner {
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
// With release, managed files that are not rendered again stop being
// managed; otherwise they stay managed while they exist (files accumulate).
func (p *targetPlan) decide(in targetInputs, prior *scaffold.Manifest, release bool) error {
	var prev map[string]scaffold.ManifestFile
	if prior != nil {
		prev = prior.Files
	}
	decisions, err := scaffold.Decide(p.root, p.rendered, prev, in.overwrite)
	if err != nil {
		return err
	}
	p.decisions = decisions
	p.files = make(map[string]string, len(prev)+len(decisions))
	rendered := make(map[string]bool, len(decisions))
	for _, d := range decisions {
		rendered[d.File.Path] = true
		if _, managed := prev[d.File.Path]; managed && d.Action == scaffold.ActionWrite && d.Reason == scaffold.ReasonNewFile {
			if p.recreated == nil {
				p.recreated = map[string]bool{}
			}
			p.recreated[d.File.Path] = true
		}
		switch d.Action {
		case scaffold.ActionWrite, scaffold.ActionUnchanged:
			p.files[d.File.Path] = d.File.SHA256
			if d.OverwritesEdit {
				p.overwrites = append(p.overwrites, d.File.Path)
			}
		case scaffold.ActionKeepModified:
			p.files[d.File.Path] = prev[d.File.Path].SHA256
			p.modified = append(p.modified, d.File.Path)
		case scaffold.ActionKeepUnmanaged:
			p.unmanaged = append(p.unmanaged, d.File.Path)
		}
	}
	rest := make(map[string]string, len(prev))
	for k, v := range prev {
		if !rendered[k] {
			rest[k] = v.SHA256
		}
	}
	status, err := scaffold.Inspect(p.root, rest)
	if err != nil {
		return err
	}
	// A managed file that is gone, or that a switch leaves behind, leaves
	// the manifest; an edited one left behind stays on disk.
	p.release = append(p.release, status.Missing...)
	missing := make(map[string]bool, len(status.Missing))
	for _, m := range status.Missing {
		missing[m] = true
	}
	edited := make(map[string]bool, len(status.Modified))
	for _, m := range status.Modified {
		edited[m] = true
	}
	for k, v := range rest {
		switch {
		case missing[k]:
		case release:
			p.release = append(p.release, k)
			if edited[k] {
				p.released = append(p.released, k)
			}
		default:
			p.files[k] = v
			if edited[k] {
				p.modified = append(p.modified, k)
			}
		}
	}
	for _, list := range [][]string{p.modified, p.release, p.released, p.overwrites, p.unmanaged} {
		sort.Strings(list)
	}
	return nil
}

// writesByCapability counts, per capability, the files apply writes.
func (p *targetPlan) writesByCapability() (total int, counts map[string]int) {
	counts = map[string]int{}
	for _, d := range p.decisions {
		if d.Action == scaffold.ActionWrite {
			total++
			counts[d.File.Capability]++
		}
	}
	return total, counts
}

var errPlanChanged = errors.New("changed since plan")

// compareWithPlan checks that what apply would do now is what the plan
// showed; anything else means the disk or the templates changed in between.
func compareWithPlan(plannedSHA string, plannedModified []string, p *targetPlan) error {
	_, sha := scaffold.Digest(p.files)
	if sha == plannedSHA && strings.Join(plannedModified, "\n") == strings.Join(p.modified, "\n") {
		return nil
	}
	return errPlanChanged
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// warnPlan adds the plan's one warning: the project, its level and target,
// what the next level misses, and what apply will write, keep and
// overwrite. None when the target is met and apply changes nothing; with
// plan_warning = false, only a plan that overwrites an edit warns.
func warnPlan(diags *diag.Diagnostics, data *providerData, in targetInputs, p *targetPlan, enabled bool) {
	a := p.assessment
	c := data.catalog
	writes, counts := p.writesByCapability()
	if len(p.overwrites) == 0 && (!enabled || (a.TargetMet && writes == 0)) {
		return
	}
	var b strings.Builder
	if a.TargetMet {
		fmt.Fprintf(&b, "The project is at level %d (%s), which meets its target of level %d.", a.Current, c.LevelName(a.Current), a.Target)
	} else {
		fmt.Fprintf(&b, "The project is at level %d (%s) and targets level %d (%s). Level %d (%s) is missing: %s.",
			a.Current, c.LevelName(a.Current), a.Target, c.LevelName(a.Target), a.Next, c.LevelName(a.Next), strings.Join(c.IDsOf(a.NextGaps), ", "))
	}
	if writes > 0 {
		fmt.Fprintf(&b, "\n\nApply writes %s into %s: %s.", plural(writes, "file"), in.outputDir, capabilityCounts(counts))
	}
	if len(p.overwrites) > 0 {
		fmt.Fprintf(&b, "\n\noverwrite_modified is set: apply OVERWRITES your edits to %s.", strings.Join(p.overwrites, ", "))
	}
	if len(p.modified) > 0 {
		fmt.Fprintf(&b, "\n\nApply keeps your edits to %s (overwrite_modified = true would replace them).", strings.Join(p.modified, ", "))
	}
	if len(p.released) > 0 {
		fmt.Fprintf(&b, "\n\nThe previous scaffold's edited files stay in place, no longer managed: %s.", strings.Join(p.released, ", "))
	}
	if p.evidence != nil && len(p.evidence.comparison.DeclaredWithoutEvidence) > 0 {
		counts := "they still count, as evidence_mode is \"report\""
		if in.evidenceMode == string(evidence.ModeRequire) {
			counts = "they count as gaps, as evidence_mode is \"require\""
		}
		fmt.Fprintf(&b, "\n\nDeclared without evidence in %s (%s): %s.", in.evidenceDir, counts, strings.Join(p.evidence.comparison.DeclaredWithoutEvidence, ", "))
	}
	if len(p.unmanaged) > 0 {
		fmt.Fprintf(&b, "\n\nThese files already exist with other content and are not managed by this target, so apply leaves them alone: %s.",
			strings.Join(p.unmanaged, ", "))
	}
	diags.AddWarning(fmt.Sprintf("%s: MLOps level %d of target %d", in.name, a.Current, a.Target), b.String())
}

// capabilityCounts lists "id (n)" per capability, in id order.
func capabilityCounts(counts map[string]int) string {
	ids := make([]string, 0, len(counts))
	for id := range counts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf("%s (%d)", id, counts[id])
	}
	return strings.Join(parts, ", ")
}

// absPath resolves a configured path against the working directory, for
// comparisons and messages; it is never stored.
func absPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return abs
}
