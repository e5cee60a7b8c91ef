package scaffold

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// RemoveResult lists, sorted, the files Remove deleted, the edited ones it
// kept and those it left because the team owns them.
type RemoveResult struct {
	Removed, KeptModified, KeptAdopted []string
}

// removeLockOwner names Remove in the lock, for the message another run sees.
const removeLockOwner = "remove"

// Remove deletes what the generator wrote under root, as recorded in m (the
// manifest on disk when m is nil): files still holding the generated content,
// then the folders it created when they are empty, then its own state. Edited
// files are kept; nothing is removed through a symlink.
func Remove(root string, m *Manifest) (*RemoveResult, error) {
	return RemoveWith(root, m, Adoption{})
}

// RemoveWith is Remove that also leaves every file the team owns under a
// (see Adoption), besides those marked adopted.
func RemoveWith(root string, m *Manifest, a Adoption) (*RemoveResult, error) {
	abs, err := absRoot(root)
	if err != nil {
		return nil, err
	}
	if m != nil {
		if err := m.validate(); err != nil {
			return nil, fmt.Errorf("refusing to remove anything: %w", err)
		}
	}
	r, ok, err := openExistingRoot(abs)
	if err != nil {
		return nil, err
	}
	if !ok {
		return &RemoveResult{}, nil
	}
	defer r.Close()

	release, err := AcquireLock(abs, removeLockOwner)
	if err != nil {
		return nil, err
	}
	if m == nil {
		if m, err = readManifestFresh(abs); err != nil {
			err = fmt.Errorf("refusing to remove anything: %w", err)
			return nil, errors.Join(err, release())
		}
	}
	res, err := removeLocked(r, abs, m, a)
	if err = errors.Join(err, release()); err != nil {
		return res, err
	}
	if m != nil && m.CreatedRoot {
		removeEmptyRoot(abs, m.CreatedParents)
	}
	return res, nil
}

// removeEmptyRoot removes the output folder the generator created when
// nothing is left in it, then as many of the parents it created with it
// as are empty; a folder that is now a symlink or holds anything stays.
func removeEmptyRoot(abs string, parents int) {
	dir := abs
	for i := 0; i <= parents; i++ {
		if info, err := os.Lstat(dir); err != nil || !info.IsDir() {
			return
		}
		if os.Remove(dir) != nil { // fails, harmlessly, when the folder is not empty
			return
		}
		dir = filepath.Dir(dir)
	}
}

func removeLocked(r *os.Root, abs string, m *Manifest, a Adoption) (*RemoveResult, error) {
	res := &RemoveResult{}
	if m == nil {
		return res, nil
	}
	owned := a.owns(m.Files, false)
	rels := make([]string, 0, len(m.Files))
	for rel := range m.Files {
		rels = append(rels, rel)
	}
	sort.Strings(rels)
	for _, rel := range rels {
		if owned[rel] {
			res.KeptAdopted = append(res.KeptAdopted, rel)
			continue
		}
		state, err := probe(r, abs, rel, m.Files[rel].SHA256)
		if err != nil {
			return res, err
		}
		switch state {
		case stateModified:
			res.KeptModified = append(res.KeptModified, rel)
		case stateSame:
			if err := r.Remove(rel); err != nil {
				return res, err
			}
			res.Removed = append(res.Removed, rel)
		}
	}
	for _, dir := range deepestFirst(m.CreatedDirs) {
		if err := removeEmptyDir(r, abs, dir); err != nil {
			return res, err
		}
	}
	// The manifest goes last, so an interrupted Remove can be run again.
	if err := removeStateFile(r, abs, manifestRel); err != nil {
		return res, err
	}
	return res, nil
}

func deepestFirst(dirs []string) []string {
	out := append([]string(nil), dirs...)
	sort.Slice(out, func(i, j int) bool {
		di, dj := strings.Count(out[i], "/"), strings.Count(out[j], "/")
		if di != dj {
			return di > dj
		}
		return out[i] > out[j]
	})
	return out
}

// removeEmptyDir removes rel when it is a real, empty folder and leaves it
// alone otherwise.
func removeEmptyDir(r *os.Root, abs, rel string) error {
	info, err := locate(r, abs, rel)
	if errors.Is(err, errSymlink) || errors.Is(err, errNotDir) {
		return nil
	}
	if err != nil || info == nil || checkDir(abs, rel, info) != nil {
		return err
	}
	empty, err := isEmptyDir(r, rel)
	if err != nil || !empty {
		return err
	}
	return r.Remove(rel)
}

func isEmptyDir(r *os.Root, rel string) (bool, error) {
	d, err := r.Open(rel)
	if err != nil {
		return false, err
	}
	defer d.Close()
	_, err = d.Readdirnames(1)
	if errors.Is(err, io.EOF) {
		return true, nil
	}
	return false, err
}

// removeStateFile removes a file of the state folder, refusing a symlinked one.
func removeStateFile(r *os.Root, abs, rel string) error {
	info, err := locate(r, abs, rel)
	if err != nil || info == nil {
		return err
	}
	return r.Remove(rel)
}
