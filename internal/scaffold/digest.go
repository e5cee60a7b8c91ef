package scaffold

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"sync"

	"github.com/mlops-maturity/terraform-provider-mlops/templates"
)

var (
	builtinDigestOnce sync.Once
	builtinDigest     string
)

// BuiltinDigest is the sha256 hex of the built-in templates (every path
// and content, in walk order), computed once per process: it changes with
// any template, also between builds that carry the same version.
func BuiltinDigest() string {
	builtinDigestOnce.Do(func() {
		h := sha256.New()
		err := fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(templates.FS, p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%s %d\n", p, len(b))
			_, _ = h.Write(b)
			return nil
		})
		if err != nil {
			// An unreadable embedded file cannot happen; a digest that
			// matches nothing recorded only costs the shortcut.
			builtinDigest = ""
			return
		}
		builtinDigest = hex.EncodeToString(h.Sum(nil))
	})
	return builtinDigest
}
