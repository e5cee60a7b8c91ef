package scaffold

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"runtime"
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

// Decision is the action for one file and why.
type Decision struct {
	File   File
	Action Action
	Reason string
	// pendingOnDisk: the file holds the pending content of an interrupted
	// apply, which the intent record must keep recognising as generated.
	pendingOnDisk bool
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
	out := make([]Decision, 0, len(files))
	for _, f := range files {
		d, err := decideFile(r, abs, f, prev, overwriteModified)
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
		if f.SHA256 != HashBytes(f.Content) {
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

func decideFile(r *os.Root, abs string, f File, prev map[string]ManifestFile, overwriteModified bool) (Decision, error) {
	info, err := resolveFile(r, abs, f.Path)
	if err != nil {
		return Decision{}, err
	}
	if info == nil {
		return Decision{File: f, Action: ActionWrite, Reason: "new file"}, nil
	}
	disk, err := hashFile(r, f.Path)
	if err != nil {
		return Decision{}, err
	}
	p, managed := prev[f.Path]
	switch {
	case disk == f.SHA256:
		return Decision{File: f, Action: ActionUnchanged, Reason: "already has this content"}, nil
	case managed && disk == p.SHA256:
		return Decision{File: f, Action: ActionWrite, Reason: "template output changed"}, nil
	case managed && disk == p.Pending:
		return Decision{File: f, Action: ActionWrite, Reason: "an interrupted apply left other generated content", pendingOnDisk: true}, nil
	case managed && overwriteModified:
		return Decision{File: f, Action: ActionWrite, Reason: "edited since generated; overwriting as asked"}, nil
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
}

// Result lists, sorted, what Apply did with each file, and the manifest it wrote.
type Result struct {
	Written, Unchanged, KeptModified, KeptUnmanaged []string
	Manifest                                        *Manifest
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
	return applyLocked(abs, files, opts)
}

func applyLocked(abs string, files []File, opts ApplyOptions) (*Result, error) {
	prev, err := ReadManifest(abs)
	if err != nil {
		return nil, err
	}
	var prevFiles map[string]ManifestFile
	if prev != nil {
		prevFiles = prev.Files
	}
	decisions, err := Decide(abs, files, prevFiles, opts.OverwriteModified)
	if err != nil {
		return nil, err
	}
	r, err := os.OpenRoot(abs)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	removeStaleTemps(r, decisions)

	m := nextManifest(prev, opts)
	if err := writeIntent(r, abs, m, decisions); err != nil {
		return nil, err
	}
	res := &Result{Manifest: m}
	for _, d := range decisions {
		f := d.File
		entry := ManifestFile{SHA256: f.SHA256, Capability: f.Capability}
		switch d.Action {
		case ActionWrite:
			created, err := writeFile(r, abs, f)
			m.CreatedDirs = mergeDirs(m.CreatedDirs, created)
			if err != nil {
				// Record what did get written, so destroy can still clean it up.
				return nil, errors.Join(fmt.Errorf("write %s: %w", f.Path, err), writeManifest(r, abs, m))
			}
			m.Files[f.Path] = entry
			res.Written = append(res.Written, f.Path)
		case ActionUnchanged:
			m.Files[f.Path] = entry
			res.Unchanged = append(res.Unchanged, f.Path)
		case ActionKeepModified:
			// The manifest keeps the generated hash, so the edit stays detectable.
			res.KeptModified = append(res.KeptModified, f.Path)
		case ActionKeepUnmanaged:
			res.KeptUnmanaged = append(res.KeptUnmanaged, f.Path)
		}
	}
	if err := writeManifest(r, abs, m); err != nil {
		return nil, err
	}
	for _, list := range [][]string{res.Written, res.Unchanged, res.KeptModified, res.KeptUnmanaged} {
		sort.Strings(list)
	}
	return res, nil
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
	if prev != nil {
		for k, v := range prev.Files {
			m.Files[k] = v
		}
		m.CreatedDirs = mergeDirs(prev.CreatedDirs, nil)
	}
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
	return writeManifest(r, abs, &journal)
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

// writeFile checks the path again right before writing, creates the missing
// folders and replaces the file atomically. It returns the folders it created,
// also on error.
func writeFile(r *os.Root, abs string, f File) ([]string, error) {
	if _, err := resolveFile(r, abs, f.Path); err != nil {
		return nil, err
	}
	created, err := ensureDirs(r, abs, path.Dir(f.Path))
	if err != nil {
		return created, err
	}
	return created, writeAtomic(r, f.Path, f.Content, fileMode(f.Mode))
}

func fileMode(m fs.FileMode) fs.FileMode {
	if m.Perm() == 0 {
		return 0o644
	}
	return m.Perm()
}

// writeAtomic writes content to a temporary file next to rel and renames it
// over rel, so readers see either the old or the new content, never a part.
func writeAtomic(r *os.Root, rel string, content []byte, mode fs.FileMode) error {
	dir, base := path.Split(rel)
	tmp := dir + "." + base + tempMarker + randomSuffix()
	f, err := r.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	err = writeAndSync(f, content, mode)
	if err == nil && writeFileHook != nil {
		err = writeFileHook(rel)
	}
	if err == nil {
		err = r.Rename(tmp, rel)
	}
	if err != nil {
		_ = r.Remove(tmp)
		return err
	}
	return syncDir(r, dir)
}

func writeAndSync(f *os.File, content []byte, mode fs.FileMode) error {
	_, err := f.Write(content)
	if err == nil {
		err = f.Chmod(mode)
	}
	if err == nil {
		err = f.Sync()
	}
	return errors.Join(err, f.Close())
}

// syncDir makes a rename durable. Windows cannot fsync a directory.
func syncDir(r *os.Root, dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	if dir == "" {
		dir = "."
	}
	d, err := r.Open(dir)
	if err != nil {
		return err
	}
	return errors.Join(d.Sync(), d.Close())
}

func randomSuffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}
