//go:build !linux

package scaffold

import (
	"errors"
	"os"
	"path"
	"runtime"
)

// flushSyncsFiles: without syncfs(2), each file is synced when written.
const flushSyncsFiles = false

// flushAll syncs the folders of the staged files, which makes their renames
// durable; the files themselves were synced when written.
func flushAll(r *os.Root, files []staged) error {
	seen := map[string]bool{}
	for _, s := range files {
		dir := path.Dir(s.rel)
		if seen[dir] {
			continue
		}
		seen[dir] = true
		if err := syncDir(r, dir); err != nil {
			return err
		}
	}
	return nil
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
