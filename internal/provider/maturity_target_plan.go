package provider

import (
	"errors"
	"fmt"
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
	scopeNextLevel   = scaffold.ScopeNextLevel
	scopeTargetLevel = scaffold.ScopeTargetLevel
	scopeNone        = scaffold.ScopeNone
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
	planWarning  bool
}

// adoption is the rule that hands the files of declared and exempted
// capabilities over to the team.
func (in targetInputs) adoption() scaffold.Adoption {
	return adoptionOf(in.decl)
}

func adoptionOf(d maturity.Declaration) scaffold.Adoption {
	caps := make(map[string]bool, len(d.Capabilities)+len(d.Exemptions))
	for _, id := range d.Capabilities {
		caps[id] = true
	}
	for id := range d.Exemptions {
		caps[id] = true
	}
	return scaffold.Adoption{Capabilities: caps}
}

// planMode says whose scaffold output_dir may already hold.
type planMode struct {
	// create: the target is new (or being replaced); a scaffold of the same
	// project in output_dir is taken over afresh when it is its own.
	create bool
	// owner is the project name in state for an existing target: its own
	// manifest carries that name (the new name differs after a rename).
	owner string
	// instance is the target's instance id: in state for an update ("" for
	// a state from before instance ids), made by Create for a create.
	instance string
	// replaces is, for the create of a replacement, the instance id of the
	// object it replaces: its scaffold is the target's own.
	replaces string
	// render turns off the shortcut of scaffold.PlanUnchanged: apply
	// needs the rendered files.
	render bool
}

// targetPlan is what a target looks like after the next apply, computed
// without writing anything: the assessment, then what scaffold.Plan
// decided for the rendered files.
type targetPlan struct {
	assessment maturity.Assessment
	changes    *scaffold.ApplyPlan
	evidence   *evidenceView // nil without evidence_dir
	// digest is the render inputs' digest ("" for none), recorded in the
	// manifest by apply.
	digest string
}

// planTarget evaluates the declaration, renders the scaffold in scope and
// decides, against the disk and the manifest in output_dir, what apply will
// do: render -> scaffold.Plan. It reads the disk but never writes.
func planTarget(data *providerData, in targetInputs, mode planMode) (*targetPlan, diag.Diagnostics) {
	catalog := data.catalog
	root, diags := outputRoot(in.outputDir)
	if diags.HasError() {
		return nil, diags
	}
	a, scanned, d := assess(catalog, in.decl, in.evidenceDir, in.evidenceMode, in.outputDir, nil)
	diags.Append(d...)
	if diags.HasError() {
		return nil, diags
	}
	lib, libKey, d := libraryFor(data, in)
	diags.Append(d...)
	if diags.HasError() {
		return nil, diags
	}
	manifest, err := scaffold.CheckOutputDir(root, scaffold.Owner{
		Create: mode.create, Name: ownerName(in, mode), Instance: mode.instance, Replaces: mode.replaces, Display: in.outputDir,
	})
	if addFolderError(&diags, err) {
		return nil, diags
	}
	fresh := mode.create && manifest != nil
	prior := manifest
	if fresh {
		prior = nil
	}
	scope := scaffold.Scope(a, in.scope)
	if scaffold.Switched(prior, in.name, in.stack) && scope != 0 {
		// A new stack or name renders again every capability the old
		// scaffold served and the team does not own, so nothing that was
		// generated is lost.
		scope |= scaffold.Served(catalog, prior, in.adoption())
	}
	digest := inputsDigest(data, in, a, scope, libKey)
	opts := scaffold.PlanOptions{
		Name: in.name, Stack: in.stack, Instance: mode.instance, Fresh: fresh, OverwriteModified: in.overwrite, Adoption: in.adoption(),
	}
	if !mode.render && scanned == nil {
		// A re-plan of inputs the folder was last applied with, its files
		// untouched: nothing to render (evidence_dir is left out, as what
		// apply writes there counts as evidence, see below).
		if changes, ok, err := scaffold.PlanUnchanged(root, manifest, digest, opts); err == nil && ok {
			return &targetPlan{assessment: a, changes: changes, digest: digest}, diags
		}
	}
	rendered, d := renderFiles(catalog, lib, in, a, scope)
	diags.Append(d...)
	if diags.HasError() {
		return nil, diags
	}
	changes, err := scaffold.Plan(root, rendered, manifest, opts)
	if err != nil {
		diags.AddAttributeError(path.Root("output_dir"), "Unsafe output folder", err.Error())
		return nil, diags
	}
	p := &targetPlan{assessment: a, changes: changes, evidence: scanned, digest: digest}
	if planned := plannedInto(in.evidenceDir, p); scanned != nil && len(planned) > 0 && in.evidenceMode != string(evidence.ModeRequire) {
		// What apply writes into the scanned folder is evidence too, so the
		// plan after apply detects exactly what this one shows. In require
		// mode the level, the gaps and the lists all describe the folder as
		// it is: the scaffold counts from the plan after apply, which then
		// shows the level it reached.
		_, p.evidence, d = assess(catalog, in.decl, in.evidenceDir, in.evidenceMode, in.outputDir, planned)
		diags.Append(d...)
	}
	return p, diags
}

// outputRoot resolves output_dir and refuses a folder no scaffold may go
// into: a filesystem root, the home folder or a system folder.
func outputRoot(outputDir string) (string, diag.Diagnostics) {
	var diags diag.Diagnostics
	root, err := filepath.Abs(outputDir)
	if err != nil {
		diags.AddAttributeError(path.Root("output_dir"), "Invalid output_dir", err.Error())
		return "", diags
	}
	addFolderError(&diags, scaffold.CheckSafeRoot(root))
	return root, diags
}

// addFolderError adds err, if any, as an error on output_dir.
func addFolderError(diags *diag.Diagnostics, err error) bool {
	if err == nil {
		return false
	}
	var fe *scaffold.FolderError
	if errors.As(err, &fe) {
		diags.AddAttributeError(path.Root("output_dir"), fe.Summary, fe.Detail)
	} else {
		diags.AddAttributeError(path.Root("output_dir"), "Invalid output_dir", err.Error())
	}
	return true
}

// ownerName is the project whose manifest output_dir may hold: this one
// when it is created (a replacement takes over its own scaffold), the one
// in state when it is updated (a rename writes under the new name).
func ownerName(in targetInputs, mode planMode) string {
	if mode.create {
		return in.name
	}
	return mode.owner
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
		out = append(out, scaffold.File{Path: rel, Content: content, SHA256: scaffold.ContentHash(rel, content), Capability: scaffold.ReportCapability, Mode: 0o644})
	}
	return out, nil
}

// renderTarget renders what apply writes into an empty folder (no manifest
// yet, so the scope alone decides), reading nothing but template_dir.
func renderTarget(data *providerData, in targetInputs) ([]scaffold.File, maturity.Assessment, diag.Diagnostics) {
	a, _, diags := assess(data.catalog, in.decl, "", "", "", nil)
	if diags.HasError() {
		return nil, a, diags
	}
	lib, _, d := libraryFor(data, in)
	diags.Append(d...)
	if diags.HasError() {
		return nil, a, diags
	}
	files, d := renderFiles(data.catalog, lib, in, a, scaffold.Scope(a, in.scope))
	diags.Append(d...)
	return files, a, diags
}

// libraryFor returns the template library of the target and its key for
// the inputs digest (see templatesKey).
func libraryFor(data *providerData, in targetInputs) (*scaffold.Library, string, diag.Diagnostics) {
	var diags diag.Diagnostics
	if in.templateDir == "" {
		lib, err := data.templates()
		if err != nil {
			diags.AddError("Loading the built-in templates failed", err.Error())
			return nil, "", diags
		}
		return lib, templatesKey("", ""), diags
	}
	lib, fingerprint, err := data.overrides.libraryKey(in.templateDir)
	if err != nil {
		diags.AddAttributeError(path.Root("template_dir"), "Invalid template_dir", err.Error())
		return nil, "", diags
	}
	return lib, templatesKey(in.templateDir, fingerprint), nil
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
	for _, e := range lib.CheckCoverage(in.stack, ids, files) {
		diags.AddAttributeError(path.Root(e.Attribute), e.Summary, e.Detail)
	}
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

var errPlanChanged = errors.New("changed since plan")

// compareWithPlan checks that what apply would do now is what the plan
// showed; anything else means the disk or the templates changed in between.
func compareWithPlan(plannedSHA string, plannedModified []string, p *targetPlan) error {
	_, sha := scaffold.Digest(p.changes.Managed)
	if sha == plannedSHA && strings.Join(plannedModified, "\n") == strings.Join(p.changes.Modified, "\n") {
		return nil
	}
	return errPlanChanged
}

// filesText counts files: "1 file", "2 files".
func filesText(n int) string {
	if n == 1 {
		return "1 file"
	}
	return fmt.Sprintf("%d files", n)
}

// maxNamed is how many files a message names before it gives a count.
const maxNamed = 10

// fileList names the first ten files, then how many more there are.
func fileList(files []string) string {
	if len(files) <= maxNamed {
		return strings.Join(files, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(files[:maxNamed], ", "), len(files)-maxNamed)
}

// lossText says, whatever plan_warning says, which files an apply deletes
// from dir, leaves edited but no longer managed, or hands over to the team;
// "" when none.
func lossText(dir string, deletes, keptEdits, adopt []string) string {
	var b strings.Builder
	if len(deletes) > 0 {
		fmt.Fprintf(&b, "\n\nApply DELETES %s from %s (generated, never edited): %s.", filesText(len(deletes)), dir, fileList(deletes))
	}
	if len(keptEdits) > 0 {
		fmt.Fprintf(&b, "\n\nApply stops managing %s you edited, which stay in place: %s.", filesText(len(keptEdits)), fileList(keptEdits))
	}
	if len(adopt) > 0 {
		fmt.Fprintf(&b, "\n\nApply hands %s over to your team, as their capabilities are declared or exempted: they stay in place, "+
			"no longer managed or counted, and nothing deletes them: %s.", filesText(len(adopt)), fileList(adopt))
	}
	return strings.TrimPrefix(b.String(), "\n\n")
}

// warnPlan adds the plan's one warning: the project, its level and target,
// what the next level misses, and what apply will write, keep, overwrite,
// delete and hand over. None when the target is met and apply changes
// nothing; with plan_warning = false, only a plan that overwrites, deletes
// or stops managing a file warns.
func warnPlan(diags *diag.Diagnostics, data *providerData, in targetInputs, p *targetPlan, enabled bool) {
	addPlanWarning(diags, data, in, p, enabled, "")
}

// addPlanWarning is warnPlan with the text of a replacement: what destroy
// deletes in the folder it leaves.
func addPlanWarning(diags *diag.Diagnostics, data *providerData, in targetInputs, p *targetPlan, enabled bool, replaced string) {
	a := p.assessment
	c := p.changes
	writes, counts := c.Writes()
	loss := lossText(in.outputDir, c.Deletes, c.KeptEdits, c.Adopt)
	if len(c.Overwrites) == 0 && loss == "" && replaced == "" && (!enabled || (a.TargetMet && writes == 0)) {
		return
	}
	var b strings.Builder
	b.WriteString(levelText(data.catalog, a))
	if replaced != "" {
		b.WriteString("\n\n" + replaced)
	}
	if writes > 0 {
		fmt.Fprintf(&b, "\n\nApply writes %s into %s: %s.", filesText(writes), in.outputDir, capabilityCounts(counts))
		if writesNew(c, "MLOPS.md") {
			// A new scaffold: where to start, and how it becomes the team's.
			fmt.Fprintf(&b, " Start with %s/MLOPS.md; declare what your team owns: its files become yours.",
				strings.TrimRight(in.outputDir, "/"))
		}
	}
	if loss != "" {
		b.WriteString("\n\n" + loss)
	}
	if len(c.Overwrites) > 0 {
		fmt.Fprintf(&b, "\n\noverwrite_modified is set: apply OVERWRITES your edits to %s.", fileList(c.Overwrites))
	}
	if len(c.Modified) > 0 {
		fmt.Fprintf(&b, "\n\nApply keeps your edits to %s (overwrite_modified = true would replace them).", fileList(c.Modified))
	}
	if p.evidence != nil && len(p.evidence.comparison.DeclaredWithoutEvidence) > 0 {
		counts := "they still count, as evidence_mode is \"report\""
		if in.evidenceMode == string(evidence.ModeRequire) {
			counts = "they count as gaps, as evidence_mode is \"require\""
		}
		fmt.Fprintf(&b, "\n\nDeclared without evidence in %s (%s): %s.", in.evidenceDir, counts, strings.Join(p.evidence.comparison.DeclaredWithoutEvidence, ", "))
	}
	if len(c.Unmanaged) > 0 {
		fmt.Fprintf(&b, "\n\nThese files already exist with other content and are not managed by this target, so apply leaves them alone: %s.",
			fileList(c.Unmanaged))
	}
	if len(c.KeptAdopted) > 0 {
		fmt.Fprintf(&b, "\n\nThe scaffold renders files your team owns again; apply leaves them alone: %s.", fileList(c.KeptAdopted))
	}
	if repo, above := scaffold.GitRootAbove(c.Root); above && writes > 0 {
		fmt.Fprintf(&b, "\n\n%s is inside the git repository %s but not at its root: GitHub, GitLab and Azure DevOps only run pipeline files "+
			"from the repository root, so set output_dir to the repository root (or move the pipeline files there).", in.outputDir, repo)
	}
	diags.AddWarning(fmt.Sprintf("%s: MLOps level %d of target %d", in.name, a.Current, a.Target), b.String())
}

// writesNew reports whether apply creates rel.
func writesNew(c *scaffold.ApplyPlan, rel string) bool {
	for _, d := range c.Decisions {
		if d.File.Path == rel {
			return d.Action == scaffold.ActionWrite && d.Reason == scaffold.ReasonNewFile
		}
	}
	return false
}

// levelText names the level, the target and what is missing: the gaps of
// the next level, and the other gaps up to the target when there are more.
func levelText(c *maturity.Catalog, a maturity.Assessment) string {
	if a.TargetMet {
		return fmt.Sprintf("The project is at level %d (%s), which meets its target of level %d.", a.Current, c.LevelName(a.Current), a.Target)
	}
	missing := strings.Join(c.IDsOf(a.NextGaps), ", ")
	text := fmt.Sprintf("The project is at level %d (%s) and targets level %d (%s). Level %d (%s) is missing: %s.",
		a.Current, c.LevelName(a.Current), a.Target, c.LevelName(a.Target), a.Next, c.LevelName(a.Next), missing)
	if a.Target == a.Next {
		text = fmt.Sprintf("The project is at level %d (%s). Level %d (%s), its target, is missing: %s.",
			a.Current, c.LevelName(a.Current), a.Next, c.LevelName(a.Next), missing)
	}
	if later := a.Gaps &^ a.NextGaps; later != 0 {
		text += fmt.Sprintf(" Up to level %d, also missing: %s.", a.Target, strings.Join(c.IDsOf(later), ", "))
	}
	return text
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
