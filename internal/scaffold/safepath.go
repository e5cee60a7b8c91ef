package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// The problems a path below the output folder can have. They are wrapped with
// the offending path so callers can tell them apart with errors.Is.
var (
	errSymlink    = errors.New("is a symlink; refusing to follow it out of the output folder")
	errNotDir     = errors.New("exists and is not a directory")
	errNotRegular = errors.New("exists and is not a regular file")
)

// absRoot resolves the output folder to an absolute path. The folder itself
// may be a symlink to a directory; nothing below it may be.
func absRoot(root string) (string, error) {
	if root == "" {
		return "", errors.New("empty output folder path")
	}
	return filepath.Abs(root)
}

// openExistingRoot opens the output folder; ok is false when it does not exist.
func openExistingRoot(abs string) (r *os.Root, ok bool, err error) {
	info, err := os.Stat(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if !info.IsDir() {
		return nil, false, fmt.Errorf("output folder %s %w", abs, errNotDir)
	}
	r, err = os.OpenRoot(abs)
	if err != nil {
		return nil, false, err
	}
	return r, true, nil
}

// displayPath is the path users see in messages.
func displayPath(abs, rel string) string {
	return filepath.Join(abs, filepath.FromSlash(rel))
}

// locate checks, with Lstat, every existing directory component of rel (a
// clean "/"-separated path) and returns the Lstat of rel itself, or nil when
// rel does not exist. It does not judge rel itself.
func locate(r *os.Root, abs, rel string) (fs.FileInfo, error) {
	return locateMemo(r, abs, rel, nil)
}

// dirMemo remembers, within one call over many files, the folders already
// found to be real directories, so a scaffold of many files in few folders
// is not re-checked component by component for every file, and keeps each
// checked folder open: a file is then looked at with one call relative to
// its folder instead of one openat per path component. Only successes are
// remembered; a nil memo remembers nothing. close releases the folders.
type dirMemo struct {
	checked map[string]bool
	open    map[string]*os.Root
}

func newDirMemo() *dirMemo {
	return &dirMemo{checked: map[string]bool{}, open: map[string]*os.Root{}}
}

// folder returns dir (checked before, all its components real directories)
// opened once; "." is r itself.
func (m *dirMemo) folder(r *os.Root, dir string) (*os.Root, error) {
	if dir == "." {
		return r, nil
	}
	if f, ok := m.open[dir]; ok {
		return f, nil
	}
	f, err := r.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	m.open[dir] = f
	return f, nil
}

// at returns the handle and the name to reach rel by: its open folder and
// base name when the memo holds the folder, else r and rel.
func (m *dirMemo) at(r *os.Root, rel string) (*os.Root, string) {
	if m == nil {
		return r, rel
	}
	dir := path.Dir(rel)
	if dir == "." {
		return r, rel
	}
	if f, ok := m.open[dir]; ok {
		return f, path.Base(rel)
	}
	return r, rel
}

func (m *dirMemo) close() {
	if m == nil {
		return
	}
	for dir, f := range m.open {
		_ = f.Close()
		delete(m.open, dir)
	}
}

func locateMemo(r *os.Root, abs, rel string, memo *dirMemo) (fs.FileInfo, error) {
	parts := strings.Split(rel, "/")
	for i := 1; i < len(parts); i++ {
		dir := strings.Join(parts[:i], "/")
		if memo != nil && memo.checked[dir] {
			continue
		}
		info, err := r.Lstat(dir)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		if err := checkDir(abs, dir, info); err != nil {
			return nil, err
		}
		if memo != nil {
			memo.checked[dir] = true
		}
	}
	at, name := r, rel
	if memo != nil {
		f, err := memo.folder(r, path.Dir(rel))
		if err != nil {
			return nil, err
		}
		at, name = f, path.Base(rel)
	}
	info, err := at.Lstat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return info, err
}

func checkDir(abs, rel string, info fs.FileInfo) error {
	switch {
	case info.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("%s %w", displayPath(abs, rel), errSymlink)
	case !info.IsDir():
		return fmt.Errorf("%s %w", displayPath(abs, rel), errNotDir)
	}
	return nil
}

func checkRegular(abs, rel string, info fs.FileInfo) error {
	switch {
	case info.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("%s %w", displayPath(abs, rel), errSymlink)
	case !info.Mode().IsRegular():
		return fmt.Errorf("%s %w", displayPath(abs, rel), errNotRegular)
	}
	return nil
}

// resolveFileMemo is the gate for every file the engine decides on (the
// writer checks each folder again and the file itself, see stageWrites):
// rel must pass CleanRelative, no directory component may be a symlink or
// a non-directory, and the target, when it exists, must be a regular file.
// r may be nil when the output folder does not exist yet. It returns the
// target's Lstat (nil when missing).
func resolveFileMemo(r *os.Root, abs, rel string, memo *dirMemo) (fs.FileInfo, error) {
	clean, err := CleanRelative(rel)
	if err != nil {
		return nil, err
	}
	if r == nil {
		return nil, nil
	}
	info, err := locateMemo(r, abs, clean, memo)
	if err != nil || info == nil {
		return nil, err
	}
	if err := checkRegular(abs, clean, info); err != nil {
		return nil, err
	}
	return info, nil
}

// ensureDirs creates the missing components of relDir one by one (0755) and
// returns the ones it created. Every component is checked with Lstat, also
// after creating it, so a symlink swapped in is caught.
func ensureDirs(r *os.Root, abs, relDir string) ([]string, error) {
	if relDir == "." || relDir == "" {
		return nil, nil
	}
	var created []string
	parts := strings.Split(relDir, "/")
	for i := 1; i <= len(parts); i++ {
		dir := strings.Join(parts[:i], "/")
		info, err := r.Lstat(dir)
		if errors.Is(err, fs.ErrNotExist) {
			err = r.Mkdir(dir, 0o755)
			switch {
			case err == nil:
				created = append(created, dir)
			case !errors.Is(err, fs.ErrExist): // someone else may have just created it
				return created, err
			}
			info, err = r.Lstat(dir)
		}
		if err != nil {
			return created, err
		}
		if err := checkDir(abs, dir, info); err != nil {
			return created, err
		}
	}
	return created, nil
}

// hashFile streams the file through sha256. Callers check with Lstat first
// that rel is a regular file, so opening it cannot block on a FIFO.
func hashFile(r *os.Root, rel string) (string, error) {
	f, err := r.Open(rel)
	if err != nil {
		return "", err
	}
	defer f.Close()
	buf := hashBuffers.Get().(*[]byte)
	defer hashBuffers.Put(buf)
	// Streamed through buf: no file is ever read whole into memory.
	return hashStream(rel, f, *buf)
}

// hashBuffers recycles the read buffers of hashFile.
var hashBuffers = sync.Pool{New: func() any {
	b := make([]byte, 32<<10)
	return &b
}}
