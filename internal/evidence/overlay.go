package evidence

import (
	"errors"
	"io/fs"
	"os"
	"sort"
	"testing/fstest"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
)

// ScanDirWith scans root as it will be once files (slash-separated paths
// relative to root -> content) are written into it: a scaffold planned into
// the scanned folder is evidence of what it scaffolds before it exists.
// root may not exist yet.
func ScanDirWith(root string, files map[string][]byte, cat *maturity.Catalog, opts Options) (*Result, error) {
	info, err := os.Stat(root)
	exists := err == nil && info.IsDir()
	if exists && len(files) == 0 {
		return ScanDir(root, cat, opts)
	}
	upper := fstest.MapFS{}
	for p, content := range files {
		upper[p] = &fstest.MapFile{Data: content, Mode: 0o644}
	}
	var lower fs.FS
	if exists {
		lower = dirFS(root)
	}
	return Scan(overlayFS{lower: lower, upper: upper}, cat, opts)
}

// overlayFS shows the files of upper over those of lower (nil: none).
type overlayFS struct {
	lower fs.FS
	upper fstest.MapFS
}

func (o overlayFS) Open(name string) (fs.File, error) {
	if f, ok := o.upper[name]; ok && !f.Mode.IsDir() {
		return o.upper.Open(name)
	}
	if o.lower != nil {
		f, err := o.lower.Open(name)
		if err == nil || !errors.Is(err, fs.ErrNotExist) {
			return f, err
		}
	}
	return o.upper.Open(name)
}

func (o overlayFS) ReadDir(name string) ([]fs.DirEntry, error) {
	byName := map[string]fs.DirEntry{}
	found := false
	if o.lower != nil {
		entries, err := fs.ReadDir(o.lower, name)
		switch {
		case err == nil:
			found = true
			for _, e := range entries {
				byName[e.Name()] = e
			}
		case !errors.Is(err, fs.ErrNotExist):
			return nil, err
		}
	}
	if entries, err := o.upper.ReadDir(name); err == nil {
		found = true
		for _, e := range entries {
			byName[e.Name()] = e
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	out := make([]fs.DirEntry, 0, len(byName))
	for _, e := range byName {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

var _ fs.ReadDirFS = overlayFS{}
