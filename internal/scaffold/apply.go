package scaffold

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Action is what Apply does with one rendered file.
type Action string

const (
	ActionWrite         Action = "write"
	ActionUnchanged     Action = "unchanged"
	ActionKeepModified  Action = "keep_modified"
	ActionKeepUnmanaged Action = "keep_unmanaged"
)

// ErrForeignScaffold is wrapped by the error of an Apply into a folder that
// holds another project's scaffold.
var ErrForeignScaffold = errors.New("output_dir belongs to another target")

// ReasonNewFile is the reason of a write to a path that does not exist.
const ReasonNewFile = "new file"

// Decision is the action for one file and why.
type Decision struct {
	File   File
	Action Action
	Reason string
	// OverwritesEdit marks a write that replaces a user's edit, which only
	// happens when overwriteModified is set.
	OverwritesEdit bool
	// pendingOnDisk: the file holds the pending content of an interrupted
	// apply, which the intent record must keep recognising as generated.
	pendingOnDisk bool
	// stamp is the settled stamp (see settledStamp) of a file found
	// unchanged, taken before it was hashed.
	stamp string
}

// writeFileHook, when set, runs before each rename into place; tests use it to
// fail in the middle of a write.
var writeFileHook func(rel string) error

// Decide reads the disk (Lstat and a streamed sha256 only) and decides, without
// writing anything, what to do with each file. prev is the previous manifest's
// files. Any unsafe or conflicting path is an error for the whole call.
func Decide(root string, files []File, prev map[string]ManifestFile, overwriteModified bool) ([]Decision, error) {
	abs, err := absRoot(root)
	if err != nil {
		return nil, err
	}
	files, err = normalizeFiles(files)
	if err != nil {
		return nil, err
	}
	r, ok, err := openExistingRoot(abs)
	if err != nil {
		return nil, err
	}
	if ok {
		defer r.Close()
	}
	memo := newDirMemo()
	defer memo.close()
	return decide(r, abs, files, prev, overwriteModified, memo)
}

// decide is Decide on normalized files in the opened output folder (r is
// nil when it does not exist); memo keeps the folders it checks open.
func decide(r *os.Root, abs string, files []File, prev map[string]ManifestFile, overwriteModified bool, memo *dirMemo) ([]Decision, error) {
	out := make([]Decision, 0, len(files))
	for _, f := range files {
		d, err := decideFile(r, abs, f, prev, overwriteModified, memo)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// normalizeFiles cleans every path and refuses duplicates, a file that is also
// another file's folder, and a hash that does not match the content.
func normalizeFiles(files []File) ([]File, error) {
	out := make([]File, len(files))
	seen := make(map[string]bool, len(files))
	for i, f := range files {
		rel, err := CleanRelative(f.Path)
		if err != nil {
			return nil, err
		}
		if seen[rel] {
			return nil, fmt.Errorf("%s is listed twice", rel)
		}
		if f.SHA256 != ContentHash(rel, f.Content) {
			return nil, fmt.Errorf("%s: sha256 does not match its content", rel)
		}
		seen[rel] = true
		f.Path = rel
		out[i] = f
	}
	for _, f := range out {
		for d := path.Dir(f.Path); d != "."; d = path.Dir(d) {
			if seen[d] {
				return nil, fmt.Errorf("%s is both a file and the folder of %s", d, f.Path)
			}
		}
	}
	return out, nil
}

func decideFile(r *os.Root, abs string, f File, prev map[string]ManifestFile, overwriteModified bool, memo *dirMemo) (Decision, error) {
	info, err := resolveFileMemo(r, abs, f.Path, memo)
	if err != nil {
		return Decision{}, err
	}
	if info == nil {
		return Decision{File: f, Action: ActionWrite, Reason: ReasonNewFile}, nil
	}
	at, name := memo.at(r, f.Path)
	disk, err := hashFileInfo(at, name, info)
	if err != nil {
		return Decision{}, err
	}
	p, managed := prev[f.Path]
	switch {
	case disk == f.SHA256:
		return Decision{File: f, Action: ActionUnchanged, Reason: "already has this content", stamp: settledStamp(info)}, nil
	case managed && disk == p.SHA256:
		return Decision{File: f, Action: ActionWrite, Reason: "template output changed"}, nil
	case managed && disk == p.Pending:
		return Decision{File: f, Action: ActionWrite, Reason: "an interrupted apply left other generated content", pendingOnDisk: true}, nil
	case managed && overwriteModified:
		return Decision{File: f, Action: ActionWrite, Reason: "edited since generated; overwriting as asked", OverwritesEdit: true}, nil
	case managed:
		return Decision{File: f, Action: ActionKeepModified, Reason: "edited since generated"}, nil
	default:
		return Decision{File: f, Action: ActionKeepUnmanaged, Reason: "exists and was not written by the generator"}, nil
	}
}

// ApplyOptions configure Apply.
type ApplyOptions struct {
	OverwriteModified bool
	GeneratorVersion  string
	Name              string
	Stack             Stack
	LockOwner         string
	Target            *Target // recorded in the manifest for import
	// Fresh starts a new manifest instead of extending the one in the
	// folder: a target created on a folder that still holds its own earlier
	// scaffold (a replacement) takes over only what it renders now.
	Fresh bool
	// Owner is the project whose manifest the folder may hold (checked under
	// the lock, so two runs that both planned an empty folder cannot both
	// write into it); "" accepts any.
	Owner string
	// Release lists managed files the target stops managing (after a switch
	// of stack or name): they leave the manifest, and each one still holding
	// its generated content is removed; an edited one stays in place.
	Release []string
	// Adopt lists managed files handed over to the team: they stay on disk
	// and in the manifest, marked adopted, and are never deleted.
	Adopt []string
	// Remanage lists adopted files rendered again that become managed.
	Remanage []string
	// Instance is the resource instance that owns the folder, recorded in
	// the manifest once the apply succeeded; "" keeps the recorded one.
	// A manifest of another instance is refused like another Owner.
	Instance string
	// InputsDigest is recorded in the manifest when every file is
	// written or already as rendered (see PlanUnchanged).
	InputsDigest string
}

// Result lists, sorted, what Apply did with each file, and the manifest it wrote.
type Result struct {
	Written, Unchanged, KeptModified, KeptUnmanaged []string
	// Deleted files were released and removed; KeptEdits were released
	// but edited, so they stay, no longer managed.
	Deleted, KeptEdits []string
	// Adopted files were handed over to the team.
	Adopted  []string
	Manifest *Manifest
}

// Apply writes files under root: it decides for all files first, so a path
// error writes nothing; then replaces each file atomically, and writes the
// manifest last. Every file on disk is always either its old or its new
// content.
func Apply(root string, files []File, opts ApplyOptions) (res *Result, err error) {
	abs, err := absRoot(root)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		// Nothing to write (scaffold = "none"): a folder without a scaffold
		// stays untouched, not even a manifest.
		if m, err := readManifestFresh(abs); err != nil || m == nil {
			return &Result{}, err
		}
	}
	createdParents := missingParents(abs)
	_, statErr := os.Lstat(abs)
	createdRoot := errors.Is(statErr, fs.ErrNotExist)
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return nil, err
	}
	release, err := AcquireLock(abs, opts.LockOwner)
	if err != nil {
		return nil, err
	}
	defer func() {
		if rerr := release(); rerr != nil {
			err = errors.Join(err, rerr)
		}
	}()
	return applyLocked(abs, files, opts, createdRoot, createdParents)
}

// missingParents counts the folders above abs that do not exist yet.
func missingParents(abs string) int {
	n := 0
	for dir := filepath.Dir(abs); dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
		if _, err := os.Lstat(dir); !errors.Is(err, fs.ErrNotExist) {
			break
		}
		n++
	}
	return n
}

func applyLocked(abs string, files []File, opts ApplyOptions, createdRoot bool, createdParents int) (*Result, error) {
	prev, err := readManifestFresh(abs)
	if err != nil {
		return nil, err
	}
	if prev != nil && opts.Owner != "" && prev.Name != opts.Owner {
		return nil, fmt.Errorf("%w: %s holds the scaffold of project %q; nothing was written", ErrForeignScaffold, abs, prev.Name)
	}
	if prev != nil && opts.Instance != "" && prev.Instance != "" && prev.Instance != opts.Instance {
		return nil, fmt.Errorf("%w: %s holds the scaffold of another resource instance (%s); nothing was written", ErrForeignScaffold, abs, prev.Instance)
	}
	prevFiles := managedEntries(prev, opts)
	files, err = normalizeFiles(files)
	if err != nil {
		return nil, err
	}
	r, err := os.OpenRoot(abs)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	// One set of open folders serves the decisions and the writes.
	memo := newDirMemo()
	defer memo.close()
	decisions, err := decide(r, abs, files, prevFiles, opts.OverwriteModified, memo)
	if err != nil {
		return nil, err
	}
	removeStaleTemps(r, decisions)

	m := nextManifest(prev, opts)
	if createdRoot {
		m.CreatedRoot, m.CreatedParents = true, createdParents
	}
	released := releaseEntries(m, decisions, opts.Release)
	res := &Result{Manifest: m}
	adoptEntries(m, decisions, opts.Adopt, res)
	if err := replaceFiles(r, abs, m, decisions, memo); err != nil {
		return nil, err
	}
	if opts.Instance != "" {
		m.Instance = opts.Instance
	}
	m.InputsDigest = cleanDigest(decisions, opts.InputsDigest)
	for _, d := range decisions {
		f := d.File
		entry := ManifestFile{SHA256: f.SHA256, Capability: f.Capability}
		switch d.Action {
		case ActionWrite:
			m.Files[f.Path] = entry
			res.Written = append(res.Written, f.Path)
		case ActionUnchanged:
			entry.Stamp = d.stamp
			m.Files[f.Path] = entry
			res.Unchanged = append(res.Unchanged, f.Path)
		case ActionKeepModified:
			// The manifest keeps the generated hash, so the edit stays detectable.
			res.KeptModified = append(res.KeptModified, f.Path)
		case ActionKeepUnmanaged:
			res.KeptUnmanaged = append(res.KeptUnmanaged, f.Path)
		}
	}
	if !sameManifest(prev, m) {
		if err := writeManifest(r, abs, m); err != nil {
			return nil, err
		}
	}
	// Released files go only once the manifest no longer lists them, so a
	// crash in between leaves at worst an unmanaged copy, never a lost one.
	if err := removeReleased(r, abs, released, res); err != nil {
		return res, err
	}
	removeEmptiedDirs(r, abs, m.CreatedDirs, res.Deleted)
	for _, list := range [][]string{res.Written, res.Unchanged, res.KeptModified, res.KeptUnmanaged, res.Deleted, res.KeptEdits, res.Adopted} {
		sort.Strings(list)
	}
	return res, nil
}

// cleanDigest is the inputs digest to record: digest when every rendered
// file now holds its rendered content, "" when one was kept as the user
// has it (edited, or never generated), which rendering again would report.
func cleanDigest(decisions []Decision, digest string) string {
	for _, d := range decisions {
		if d.Action != ActionWrite && d.Action != ActionUnchanged {
			return ""
		}
	}
	return digest
}

// managedEntries are the prior manifest entries Decide compares with: the
// managed ones and those taken back from the team (opts.Remanage); none
// for a fresh manifest.
func managedEntries(prev *Manifest, opts ApplyOptions) map[string]ManifestFile {
	if prev == nil || opts.Fresh {
		return nil
	}
	remanage := toSet(opts.Remanage)
	out := make(map[string]ManifestFile, len(prev.Files))
	for k, v := range prev.Files {
		if v.Adopted && !remanage[k] {
			continue
		}
		v.Adopted = false
		out[k] = v
	}
	return out
}

// adoptEntries marks the listed managed files that are not rendered again
// as the team's.
func adoptEntries(m *Manifest, decisions []Decision, adopt []string, res *Result) {
	rendered := make(map[string]bool, len(decisions))
	for _, d := range decisions {
		rendered[d.File.Path] = true
	}
	for _, p := range adopt {
		entry, ok := m.Files[p]
		if !ok || rendered[p] || entry.Adopted {
			continue
		}
		entry.Adopted, entry.Pending = true, ""
		m.Files[p] = entry
		res.Adopted = append(res.Adopted, p)
	}
}

// releaseEntries drops the released paths that are not rendered again from
// m and returns them with the hash they were generated with.
func releaseEntries(m *Manifest, decisions []Decision, release []string) map[string]string {
	rendered := make(map[string]bool, len(decisions))
	for _, d := range decisions {
		rendered[d.File.Path] = true
	}
	out := make(map[string]string, len(release))
	for _, p := range release {
		entry, managed := m.Files[p]
		if !managed || rendered[p] {
			continue
		}
		out[p] = entry.SHA256
		delete(m.Files, p)
	}
	return out
}

// removeReleased removes each released file that still holds its generated
// content and keeps the edited ones.
func removeReleased(r *os.Root, abs string, released map[string]string, res *Result) error {
	for p, sha := range released {
		state, err := probe(r, abs, p, sha)
		if err != nil {
			return err
		}
		switch state {
		case stateSame:
			if err := r.Remove(p); err != nil {
				return err
			}
			res.Deleted = append(res.Deleted, p)
		case stateModified:
			res.KeptEdits = append(res.KeptEdits, p)
		}
	}
	return nil
}

// removeEmptiedDirs removes the folders the generator created that the
// deleted files leave empty, deepest first.
func removeEmptiedDirs(r *os.Root, abs string, created, deleted []string) {
	if len(deleted) == 0 {
		return
	}
	parents := map[string]bool{}
	for _, p := range deleted {
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			parents[d] = true
		}
	}
	for _, d := range deepestFirst(created) {
		if parents[d] {
			_ = removeEmptyDir(r, abs, d)
		}
	}
}

// sameManifest reports whether writing m would change nothing, as on a no-op
// apply, which then costs no write and no flush.
func sameManifest(prev, m *Manifest) bool {
	if prev == nil {
		return false
	}
	a, errA := json.Marshal(prev)
	b, errB := json.Marshal(m)
	return errA == nil && errB == nil && bytes.Equal(a, b)
}

// nextManifest starts the new manifest from the previous one: entries accumulate.
func nextManifest(prev *Manifest, opts ApplyOptions) *Manifest {
	m := &Manifest{
		FormatVersion:    ManifestFormatVersion,
		GeneratorVersion: opts.GeneratorVersion,
		Name:             opts.Name,
		Stack:            opts.Stack,
		Files:            map[string]ManifestFile{},
		CreatedDirs:      []string{},
		Target:           opts.Target,
	}
	if prev == nil {
		return m
	}
	remanage := toSet(opts.Remanage)
	for k, v := range prev.Files {
		// A fresh manifest still remembers the files the team owns.
		if !opts.Fresh || (v.Adopted && !remanage[k]) {
			if remanage[k] {
				v.Adopted = false
			}
			m.Files[k] = v
		}
	}
	m.Instance = prev.Instance
	m.CreatedDirs = mergeDirs(prev.CreatedDirs, nil)
	m.CreatedRoot, m.CreatedParents = prev.CreatedRoot, prev.CreatedParents
	return m
}

// writeIntent records, before any file is written, the content each write
// is about to put in place, so a run killed midway leaves a manifest that
// still recognises every file as generated.
func writeIntent(r *os.Root, abs string, m *Manifest, decisions []Decision) error {
	journal := *m
	journal.Files = make(map[string]ManifestFile, len(m.Files)+len(decisions))
	for k, v := range m.Files {
		journal.Files[k] = v
	}
	pending := false
	for _, d := range decisions {
		if d.Action != ActionWrite {
			continue
		}
		pending = true
		entry, managed := journal.Files[d.File.Path]
		switch {
		case !managed:
			// A new file: once it exists it can only be the generated content.
			entry = ManifestFile{SHA256: d.File.SHA256, Capability: d.File.Capability}
		case d.pendingOnDisk:
			// The disk holds an earlier pending content: keep recognising it.
			entry = ManifestFile{SHA256: entry.Pending, Pending: d.File.SHA256, Capability: entry.Capability}
		default:
			entry.Pending = d.File.SHA256
		}
		journal.Files[d.File.Path] = entry
	}
	if !pending {
		return nil
	}
	return putManifest(r, abs, &journal)
}

// tempMarker is part of every temporary file name the engine writes.
const tempMarker = ".mlops-tmp-"

// removeStaleTemps deletes the temporary files an interrupted run left in
// the folders about to be written (and in the state folder). The lock
// guarantees that no live writer owns them.
func removeStaleTemps(r *os.Root, decisions []Decision) {
	dirs := map[string]bool{StateDir: true}
	for _, d := range decisions {
		if d.Action == ActionWrite {
			dirs[path.Dir(d.File.Path)] = true
		}
	}
	for dir := range dirs {
		f, err := r.Open(dir)
		if err != nil {
			continue
		}
		entries, _ := f.ReadDir(-1)
		_ = f.Close()
		for _, e := range entries {
			if e.Type().IsRegular() && strings.HasPrefix(e.Name(), ".") && strings.Contains(e.Name(), tempMarker) {
				_ = r.Remove(path.Join(dir, e.Name()))
			}
		}
	}
}

// staged is a file written under a temporary name next to its target. dir
// is its folder, opened once for all the files in it.
type staged struct {
	rel       string
	dir       *os.Root
	base, tmp string // names inside dir
}

// replaceFiles writes every file of a write decision in three steps: all
// contents to temporary files (and the intent record), one flush, then the
// renames and a second flush. Every file is always its old or its new
// content, and two flushes per apply cost far less than two per file. On
// error, files already renamed are recorded in the manifest so a later run
// or destroy knows them; nothing else has changed. memo holds the folders
// already checked and opened (by decide).
func replaceFiles(r *os.Root, abs string, m *Manifest, decisions []Decision, memo *dirMemo) error {
	files, created, err := stageWrites(r, abs, memo, decisions)
	if err == nil && len(files) > 0 {
		err = writeIntent(r, abs, m, decisions)
	}
	if err == nil && len(files) > 0 {
		err = flushAll(r, files)
	}
	if err != nil {
		// Nothing was replaced yet: leave the folder as it was.
		discard(r, files)
		removeEmptyDirs(r, created)
		return err
	}
	m.CreatedDirs = mergeDirs(m.CreatedDirs, created)
	for i, s := range files {
		err := error(nil)
		if writeFileHook != nil {
			err = writeFileHook(s.rel)
		}
		if err == nil {
			err = s.dir.Rename(s.tmp, s.base)
		}
		if err != nil {
			discard(r, files[i:])
			recordRenamed(m, decisions, files[:i])
			// Record what did get written, so destroy can still clean it up.
			return errors.Join(fmt.Errorf("write %s: %w", s.rel, err), flushAll(r, files[:i]), writeManifest(r, abs, m))
		}
	}
	return flushAll(r, files)
}

// stageWrites creates the missing folders and writes each file to a
// temporary name beside its target. Each folder is checked (every
// component a real directory, created where missing) and opened once; each
// file is then checked and created by its name in that folder, so no path
// is resolved from the output folder per file. It returns what it staged
// and the folders it created, also on error.
func stageWrites(r *os.Root, abs string, memo *dirMemo, decisions []Decision) ([]staged, []string, error) {
	var files []staged
	var created []string
	ensured := map[string]bool{}
	for _, d := range decisions {
		if d.Action != ActionWrite {
			continue
		}
		f := d.File
		folder := path.Dir(f.Path)
		if !ensured[folder] {
			made, err := ensureDirs(r, abs, folder)
			created = append(created, made...)
			if err != nil {
				return files, created, err
			}
			ensured[folder] = true
		}
		dir, err := memo.folder(r, folder)
		if err != nil {
			return files, created, err
		}
		base := path.Base(f.Path)
		// The file itself, when present, must still be a regular file.
		if info, err := dir.Lstat(base); err == nil {
			if err := checkRegular(abs, f.Path, info); err != nil {
				return files, created, err
			}
		} else if !errors.Is(err, fs.ErrNotExist) {
			return files, created, err
		}
		tmp := "." + base + tempMarker + randomSuffix()
		if err := writeTemp(dir, tmp, f.Content, fileMode(f.Mode)); err != nil {
			_ = dir.Remove(tmp)
			return files, created, fmt.Errorf("write %s: %w", f.Path, err)
		}
		files = append(files, staged{rel: f.Path, dir: dir, base: base, tmp: tmp})
	}
	return files, created, nil
}

// writeTemp writes a new temporary file. Where one filesystem-wide flush
// follows (see flushAll), the file itself is not synced.
func writeTemp(r *os.Root, tmp string, content []byte, mode fs.FileMode) error {
	f, err := r.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(content)
	if err == nil {
		err = f.Chmod(mode)
	}
	if err == nil && !flushSyncsFiles {
		err = f.Sync()
	}
	return errors.Join(err, f.Close())
}

// removeEmptyDirs removes the given folders, deepest first, where empty.
func removeEmptyDirs(r *os.Root, dirs []string) {
	for i := len(dirs) - 1; i >= 0; i-- {
		_ = r.Remove(dirs[i])
	}
}

func discard(_ *os.Root, files []staged) {
	for _, s := range files {
		_ = s.dir.Remove(s.tmp)
	}
}

// recordRenamed updates the manifest with the files that were replaced
// before a failure.
func recordRenamed(m *Manifest, decisions []Decision, renamed []staged) {
	done := make(map[string]bool, len(renamed))
	for _, s := range renamed {
		done[s.rel] = true
	}
	for _, d := range decisions {
		if done[d.File.Path] {
			m.Files[d.File.Path] = ManifestFile{SHA256: d.File.SHA256, Capability: d.File.Capability}
		}
	}
}

func fileMode(m fs.FileMode) fs.FileMode {
	if m.Perm() == 0 {
		return 0o644
	}
	return m.Perm()
}

func randomSuffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}
