package provider

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// overrideCache keeps the libraries built from users' template_dir folders,
// keyed by folder and a fingerprint of its files, so hundreds of targets that
// share one folder parse it once.
type overrideCache struct {
	mu    sync.Mutex
	byKey map[string]*scaffold.Library
}

func newOverrideCache() *overrideCache {
	return &overrideCache{byKey: map[string]*scaffold.Library{}}
}

// libraryKey returns the built-in library with the templates of dir on
// top, and the fingerprint of dir's files it was built from (the cache
// key), which changes with any edit in dir.
func (c *overrideCache) libraryKey(dir string) (*scaffold.Library, string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, "", err
	}
	info, err := os.Stat(abs)
	if err != nil {
		return nil, "", fmt.Errorf("template_dir %q does not exist or cannot be read: %w", dir, err)
	}
	if !info.IsDir() {
		return nil, "", fmt.Errorf("template_dir %q is not a folder", dir)
	}
	key, err := fingerprint(abs)
	if err != nil {
		return nil, "", err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if lib, ok := c.byKey[key]; ok {
		return lib, key, nil
	}
	builtin, err := scaffold.Builtin()
	if err != nil {
		return nil, "", err
	}
	lib, err := builtin.WithOverrides(os.DirFS(abs))
	if err != nil {
		return nil, "", fmt.Errorf("template_dir %q: %w", dir, err)
	}
	c.byKey[key] = lib
	return lib, key, nil
}

// fingerprint names the folder and the size and modification time of every
// file in it: any edit gives a new key.
func fingerprint(root string) (string, error) {
	var b strings.Builder
	b.WriteString(root)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "\n%s %d %d", p, info.Size(), info.ModTime().UnixNano())
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("template_dir %q: %w", root, err)
	}
	return b.String(), nil
}
