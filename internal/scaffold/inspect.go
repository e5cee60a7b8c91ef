package scaffold

import (
	"errors"
	"os"
	"sort"
)

// Status lists, sorted, the files that differ from what was generated.
type Status struct {
	Modified, Missing []string
}

// diskState is what a path holds compared with an expected hash.
type diskState int

const (
	stateMissing diskState = iota
	stateSame
	// stateModified covers other content, and anything that is not a regular
	// file reached without symlinks: such a path is never followed.
	stateModified
)

// Inspect compares the files under root with their expected sha256 (rel path
// -> hash). It never follows a symlink. A missing root means every file is
// missing.
func Inspect(root string, files map[string]string) (Status, error) {
	return InspectStamped(root, files, nil)
}

// InspectStamped is Inspect that trusts a recorded stamp (path -> stamp,
// see ManifestFile.Stamp): a file whose Lstat still matches its stamp is
// as recorded without being read.
func InspectStamped(root string, files, stamps map[string]string) (Status, error) {
	abs, err := absRoot(root)
	if err != nil {
		return Status{}, err
	}
	rels := make([]string, 0, len(files))
	for rel := range files {
		rels = append(rels, rel)
	}
	sort.Strings(rels)
	r, ok, err := openExistingRoot(abs)
	if err != nil {
		return Status{}, err
	}
	if ok {
		defer r.Close()
	}
	var st Status
	memo := newDirMemo()
	defer memo.close()
	for _, rel := range rels {
		clean, err := CleanRelative(rel)
		if err != nil {
			return Status{}, err
		}
		state := stateMissing
		if ok {
			if state, err = probeMemo(r, abs, clean, files[rel], stamps[rel], memo); err != nil {
				return Status{}, err
			}
		}
		switch state {
		case stateMissing:
			st.Missing = append(st.Missing, rel)
		case stateModified:
			st.Modified = append(st.Modified, rel)
		}
	}
	return st, nil
}

// probe compares the file at rel (already clean) with the hash want.
func probe(r *os.Root, abs, rel, want string) (diskState, error) {
	return probeMemo(r, abs, rel, want, "", nil)
}

func probeMemo(r *os.Root, abs, rel, want, stamp string, memo *dirMemo) (diskState, error) {
	info, err := locateMemo(r, abs, rel, memo)
	switch {
	case errors.Is(err, errSymlink):
		return stateModified, nil
	case errors.Is(err, errNotDir):
		return stateMissing, nil // a file where a folder was: rel itself cannot exist
	case err != nil:
		return 0, err
	case info == nil:
		return stateMissing, nil
	case !info.Mode().IsRegular():
		return stateModified, nil
	case stampMatches(info, stamp):
		return stateSame, nil
	}
	at, name := memo.at(r, rel)
	got, err := hashFileInfo(at, name, info)
	if err != nil {
		return 0, err
	}
	if got != want {
		return stateModified, nil
	}
	return stateSame, nil
}
