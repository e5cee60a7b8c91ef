package evidence

import (
	"os"
	"path/filepath"
	"testing"
)

// TestOpenRefusesALink covers a file that became a link after the walk
// listed it: the open itself must not follow it.
func TestOpenRefusesALink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(target, []byte("MARKER\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(dir, "link.txt")); err != nil {
		t.Skipf("symlinks unavailable: %v", err)
	}
	if f, err := dirFS(dir).Open("link.txt"); err == nil {
		f.Close()
		t.Fatal("opened a symbolic link")
	}
	if _, err := dirFS(dir).Open("../x"); err == nil {
		t.Fatal("opened a path outside the folder")
	}
}
