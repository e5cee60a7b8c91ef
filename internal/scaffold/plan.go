package scaffold

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// ReportCapability owns the report files (MATURITY.md and its pictures) in
// the manifest: they follow the assessment, not a capability of the model.
const ReportCapability = "maturity_report"

// Adoption is the rule that hands generated files over to the team. A file
// is the team's once its capability is declared or exempted; the project
// files every scaffold shares (MLOPS.md, src/<package>/...) follow once the
// scaffold renders no capability any more and the folder holds adopted
// code, which builds on them. Report files are never handed over: they
// follow the assessment. A file marked adopted in the manifest stays the
// team's.
type Adoption struct {
	// Capabilities are the ids the project declares or exempts.
	Capabilities map[string]bool
}

// owns reports whether the team owns the manifest entries of files, as a
// set of paths, given whether the scaffold still renders capability files.
func (a Adoption) owns(files map[string]ManifestFile, rendersCapabilities bool) map[string]bool {
	out := map[string]bool{}
	code := false
	for p, e := range files {
		if e.Adopted || a.Capabilities[e.Capability] {
			out[p] = true
			code = code || (e.Capability != ProjectCapability && e.Capability != ReportCapability)
		}
	}
	if code && !rendersCapabilities {
		for p, e := range files {
			if e.Capability == ProjectCapability {
				out[p] = true
			}
		}
	}
	return out
}

// PlanOptions say whose target a plan is for and how it treats edits.
type PlanOptions struct {
	Name     string
	Stack    Stack
	Instance string
	// Fresh starts a new manifest instead of extending the prior one: a
	// target created (or replaced) on a folder that still holds its own
	// scaffold takes over only what it renders now.
	Fresh             bool
	OverwriteModified bool
	Adoption          Adoption
}

// ApplyPlan is what Apply will do with a folder, decided without writing
// anything: the writes and the files it keeps, overwrites, deletes and hands
// over to the team. Every list is sorted.
type ApplyPlan struct {
	Root string
	// Files are the rendered files Apply receives: those the team owns
	// are left out (see KeptAdopted).
	Files     []File
	Decisions []Decision
	Fresh     bool
	// Managed is every managed file after apply: path -> sha256.
	Managed map[string]string
	// Modified are managed files whose content differs from Managed.
	Modified []string
	// Unmanaged are files the scaffold would write but the user already has.
	Unmanaged []string
	// Overwrites are edited files apply replaces (overwrite_modified).
	Overwrites []string
	// Recreated are managed files that are gone and written again.
	Recreated map[string]bool
	// Release are managed files that leave the manifest: gone from disk,
	// or left behind by a switch of stack or name.
	Release []string
	// Deletes are the released files apply deletes: still as generated.
	Deletes []string
	// KeptEdits are the released files that were edited: they stay on
	// disk, no longer managed.
	KeptEdits []string
	// Adopt are managed files handed over to the team by this apply.
	Adopt []string
	// KeptAdopted are files the team owns that the scaffold renders
	// again: apply leaves them alone.
	KeptAdopted []string
	// Remanage are adopted files that the scaffold renders again for a
	// capability no longer declared and that still hold their generated
	// content: they are managed again.
	Remanage []string
	// FromManifest marks a plan made by PlanUnchanged: it has no rendered
	// files, so it must never be applied; apply renders and plans again.
	FromManifest bool
}

// PlanUnchanged is the plan of a folder that needs nothing, found without
// rendering: prior recorded, at its last apply, digest as the digest of the
// inputs its files were rendered from (the caller's to compute: generator,
// templates, catalog, name, stack, scope, declaration, variables), every
// rendered file then held its rendered content, and every file it lists
// still does. Rendering the same inputs again gives the same files, which
// Plan would all find unchanged, so the plan is the manifest's: every file
// managed, nothing to write, keep, release or hand over. ok is false, with
// no error, whenever that cannot be shown: a digest of other (or no)
// inputs, a switch of name or stack, a file edited, missing or pending, a
// file the team owns or would own by the adoption rule; the caller then
// renders and calls Plan.
func PlanUnchanged(root string, prior *Manifest, digest string, opts PlanOptions) (p *ApplyPlan, ok bool, err error) {
	if prior == nil || digest == "" || prior.InputsDigest != digest || opts.Fresh || Switched(prior, opts.Name, opts.Stack) {
		return nil, false, nil
	}
	for _, e := range prior.Files {
		if e.Adopted || e.Pending != "" || opts.Adoption.Capabilities[e.Capability] {
			return nil, false, nil
		}
	}
	abs, err := absRoot(root)
	if err != nil {
		return nil, false, err
	}
	managed := prior.Hashes()
	if !asGenerated(abs, managed, prior.Stamps()) {
		return nil, false, nil
	}
	return &ApplyPlan{Root: abs, Managed: managed, Recreated: map[string]bool{}, FromManifest: true}, true, nil
}

// asGenerated reports whether every file of files (path -> sha256) is on
// disk with that content. An error (a folder that is a file, ...) says
// false: it is Plan's to report.
func asGenerated(abs string, files, stamps map[string]string) bool {
	st, err := InspectStamped(abs, files, stamps)
	return err == nil && len(st.Modified)+len(st.Missing) == 0
}

// Switched reports whether a target named name with stack replaces the
// scaffold of prior in place (a new stack or name).
func Switched(prior *Manifest, name string, stack Stack) bool {
	return prior != nil && (prior.Name != name || prior.Stack != stack)
}

// Plan decides, against the disk and the prior manifest (nil for none),
// what Apply will do with the rendered files. It reads the disk but never
// writes. Managed files that are not rendered again stay managed (files
// accumulate) unless a switch of stack or name leaves them behind, or the
// team owns them (see Adoption).
func Plan(root string, rendered []File, prior *Manifest, opts PlanOptions) (*ApplyPlan, error) {
	abs, err := absRoot(root)
	if err != nil {
		return nil, err
	}
	p := &ApplyPlan{Root: abs, Fresh: opts.Fresh, Managed: map[string]string{}}
	var prev map[string]ManifestFile
	if prior != nil && !opts.Fresh {
		prev = prior.Files
	}
	rendersCapabilities := false
	for _, f := range rendered {
		rendersCapabilities = rendersCapabilities || (f.Capability != ProjectCapability && f.Capability != ReportCapability)
	}
	owned := opts.Adoption.owns(prev, rendersCapabilities)
	decidePrev, err := p.splitRendered(rendered, prev, opts.Adoption)
	if err != nil {
		return nil, err
	}
	decisions, err := Decide(abs, p.Files, decidePrev, opts.OverwriteModified)
	if err != nil {
		return nil, err
	}
	p.Decisions = decisions
	rendered2 := p.record(decisions, decidePrev)
	release := Switched(prior, opts.Name, opts.Stack) && !opts.Fresh && rendersCapabilities
	if err := p.rest(prev, rendered2, owned, release); err != nil {
		return nil, err
	}
	for _, list := range [][]string{p.Modified, p.Unmanaged, p.Overwrites, p.Release, p.Deletes, p.KeptEdits, p.Adopt, p.KeptAdopted, p.Remanage} {
		sort.Strings(list)
	}
	return p, nil
}

// splitRendered leaves out of p.Files the rendered files the team owns and
// returns the prior entries Decide compares with: the managed ones, and
// the adopted ones taken back (see ApplyPlan.Remanage).
func (p *ApplyPlan) splitRendered(rendered []File, prev map[string]ManifestFile, a Adoption) (map[string]ManifestFile, error) {
	out := make(map[string]ManifestFile, len(prev))
	for k, v := range prev {
		if !v.Adopted {
			out[k] = v
		}
	}
	adopted := map[string]string{}
	for _, f := range rendered {
		if e, ok := prev[f.Path]; ok && e.Adopted && !a.Capabilities[f.Capability] {
			adopted[f.Path] = e.SHA256
		}
	}
	status, err := Inspect(p.Root, adopted)
	if err != nil {
		return nil, err
	}
	changed := map[string]bool{}
	for _, rel := range append(status.Modified, status.Missing...) {
		changed[rel] = true
	}
	for _, f := range rendered {
		e, ok := prev[f.Path]
		switch {
		case !ok || !e.Adopted:
			p.Files = append(p.Files, f)
		case adopted[f.Path] != "" && !changed[f.Path]:
			e.Adopted = false
			out[f.Path] = e
			p.Remanage = append(p.Remanage, f.Path)
			p.Files = append(p.Files, f)
		default:
			p.KeptAdopted = append(p.KeptAdopted, f.Path)
		}
	}
	return out, nil
}

// record fills the managed files from the decisions and returns the set of
// rendered paths.
func (p *ApplyPlan) record(decisions []Decision, prev map[string]ManifestFile) map[string]bool {
	rendered := make(map[string]bool, len(decisions))
	for _, d := range decisions {
		rendered[d.File.Path] = true
		if _, managed := prev[d.File.Path]; managed && d.Action == ActionWrite && d.Reason == ReasonNewFile {
			if p.Recreated == nil {
				p.Recreated = map[string]bool{}
			}
			p.Recreated[d.File.Path] = true
		}
		switch d.Action {
		case ActionWrite, ActionUnchanged:
			p.Managed[d.File.Path] = d.File.SHA256
			if d.OverwritesEdit {
				p.Overwrites = append(p.Overwrites, d.File.Path)
			}
		case ActionKeepModified:
			p.Managed[d.File.Path] = prev[d.File.Path].SHA256
			p.Modified = append(p.Modified, d.File.Path)
		case ActionKeepUnmanaged:
			p.Unmanaged = append(p.Unmanaged, d.File.Path)
		}
	}
	for _, rel := range p.KeptAdopted {
		rendered[rel] = true
	}
	return rendered
}

// rest decides for the prior entries that are not rendered again: a gone
// file leaves the manifest; one the team owns is handed over; on a switch
// (release) the others leave it too, deleted when unchanged and kept when
// edited; otherwise they stay managed.
func (p *ApplyPlan) rest(prev map[string]ManifestFile, rendered, owned map[string]bool, release bool) error {
	rest := map[string]string{}
	for k, v := range prev {
		if !rendered[k] && !v.Adopted {
			rest[k] = v.SHA256
		}
	}
	status, err := Inspect(p.Root, rest)
	if err != nil {
		return err
	}
	missing := toSet(status.Missing)
	edited := toSet(status.Modified)
	for k, sha := range rest {
		switch {
		case missing[k]:
			p.Release = append(p.Release, k)
		case owned[k]:
			p.Adopt = append(p.Adopt, k)
		case release:
			p.Release = append(p.Release, k)
			if edited[k] {
				p.KeptEdits = append(p.KeptEdits, k)
			} else {
				p.Deletes = append(p.Deletes, k)
			}
		default:
			p.Managed[k] = sha
			if edited[k] {
				p.Modified = append(p.Modified, k)
			}
		}
	}
	return nil
}

func toSet(list []string) map[string]bool {
	out := make(map[string]bool, len(list))
	for _, v := range list {
		out[v] = true
	}
	return out
}

// Writes counts the files apply writes, per capability.
func (p *ApplyPlan) Writes() (total int, byCapability map[string]int) {
	byCapability = map[string]int{}
	for _, d := range p.Decisions {
		if d.Action == ActionWrite {
			total++
			byCapability[d.File.Capability]++
		}
	}
	return total, byCapability
}

// Options are the ApplyOptions that carry out this plan.
func (p *ApplyPlan) Options(opts ApplyOptions) ApplyOptions {
	opts.Fresh = p.Fresh
	opts.Release = p.Release
	opts.Adopt = p.Adopt
	opts.Remanage = p.Remanage
	return opts
}

// RemovePlan is what destroy does with a folder: the files it deletes and
// those it leaves, edited or the team's. Every list is sorted.
type RemovePlan struct {
	Deletes, KeptEdits, KeptAdopted []string
}

// PlanRemove decides, without writing, what Remove with the same manifest
// and adoption does in root.
func PlanRemove(root string, m *Manifest, a Adoption) (RemovePlan, error) {
	var rp RemovePlan
	if m == nil {
		return rp, nil
	}
	owned := a.owns(m.Files, false)
	managed := map[string]string{}
	for p, e := range m.Files {
		if owned[p] {
			rp.KeptAdopted = append(rp.KeptAdopted, p)
			continue
		}
		managed[p] = e.SHA256
	}
	status, err := Inspect(root, managed)
	if err != nil {
		return rp, err
	}
	gone := toSet(append(append([]string{}, status.Missing...), status.Modified...))
	for p := range managed {
		if !gone[p] {
			rp.Deletes = append(rp.Deletes, p)
		}
	}
	rp.KeptEdits = status.Modified
	sort.Strings(rp.Deletes)
	sort.Strings(rp.KeptAdopted)
	return rp, nil
}

// FolderError is a reason an output folder cannot be used, for the user.
type FolderError struct {
	Summary, Detail string
}

func (e *FolderError) Error() string { return e.Summary + ": " + e.Detail }

// Owner says which target plans into a folder, so CheckOutputDir can tell
// its own scaffold from another's.
type Owner struct {
	// Create: the target is new, or replaces itself.
	Create bool
	// Name is the project of the configuration (create), or in state.
	Name string
	// Instance is the target's instance id ("" when unknown).
	Instance string
	// Replaces is, on the create of a replacement, the instance id of the
	// object it replaces ("" otherwise).
	Replaces string
	// Display is output_dir as configured, for the import command.
	Display string
}

// CheckOutputDir refuses a folder that is a file, that holds the scaffold
// of another project or of another instance of this one (another state),
// or that lies inside another target's folder. It returns the manifest
// found there, if any. A manifest without an instance (written before
// instances were recorded, or by a create that did not finish) is taken
// over by a target of its name.
func CheckOutputDir(root string, o Owner) (*Manifest, error) {
	if info, err := os.Stat(root); err == nil && !info.IsDir() {
		return nil, &FolderError{"output_dir is not a folder", fmt.Sprintf("%s exists and is a file; output_dir must be a folder (it is created when missing).", root)}
	}
	m, err := ReadManifest(root)
	if err != nil {
		return nil, &FolderError{"Unreadable scaffold manifest", err.Error()}
	}
	manifest := filepath.Join(root, StateDir, "manifest.json")
	importHint := fmt.Sprintf("To manage that scaffold from this resource instead, import it: terraform import ADDRESS %s "+
		"(ADDRESS is this resource's address, on the \"with\" line above), or give this target another output_dir.", o.Display)
	switch {
	case m == nil:
	case m.Name != o.Name:
		return nil, &FolderError{"output_dir belongs to another target",
			fmt.Sprintf("%s already holds the scaffold of project %q (see %s), which this target does not manage. %s", root, m.Name, manifest, importHint)}
	case o.Create && m.Instance != "" && m.Instance != o.Replaces:
		return nil, &FolderError{"output_dir belongs to another target",
			fmt.Sprintf("%s already holds the scaffold of project %q written by another resource instance (%s, see %s): another Terraform state, "+
				"or a resource removed from this one, manages it. Creating this target would take it over, and each one's destroy would delete the other's files. %s",
				root, m.Name, m.Instance, manifest, importHint)}
	case !o.Create && o.Instance != "" && m.Instance != "" && m.Instance != o.Instance:
		return nil, &FolderError{"output_dir belongs to another target",
			fmt.Sprintf("%s now holds the scaffold of project %q written by another resource instance (%s, see %s), not this target's (%s). %s",
				root, m.Name, m.Instance, manifest, o.Instance, importHint)}
	}
	for dir := filepath.Dir(root); ; dir = filepath.Dir(dir) {
		other := filepath.Join(dir, StateDir, "manifest.json")
		if info, err := os.Lstat(other); err == nil && info.Mode().IsRegular() {
			return nil, &FolderError{"output_dir is inside another target's folder",
				fmt.Sprintf("%s is inside %s, which holds a scaffold (%s). Targets must not nest: choose a folder outside it.", root, dir, other)}
		}
		if dir == filepath.Dir(dir) {
			return m, nil
		}
	}
}
