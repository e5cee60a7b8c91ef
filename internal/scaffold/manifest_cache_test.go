package scaffold

import (
	"os"
	"path/filepath"
	"testing"
)

// manifestStamp is the cache key of root's manifest as it is on disk.
func manifestStamp(t *testing.T, root string) (string, fileStamp) {
	t.Helper()
	abs, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Lstat(filepath.Join(abs, filepath.FromSlash(manifestRel)))
	if err != nil {
		t.Fatal(err)
	}
	stamp, ok := stampOf(info)
	if !ok {
		t.Skip("no file identity on this platform: the cache is never used")
	}
	return abs, stamp
}

// TestManifestCache: a manifest is parsed once per identity and change
// time; one changed within the racy window is not kept; callers get their
// own copy; Apply and Remove read the file itself under the lock.
func TestManifestCache(t *testing.T) {
	files := []File{capFile("a/train.py", "train\n", "cap_a")}
	root := filepath.Join(t.TempDir(), "out")
	mustApply(t, root, files, ApplyOptions{Name: "p", Instance: "i1"})
	abs, stamp := manifestStamp(t, root)

	// Just written: inside the racy window, so not kept.
	if _, err := ReadManifest(root); err != nil {
		t.Fatal(err)
	}
	if cachedManifestOf(abs, stamp) != nil {
		t.Fatal("a manifest changed within the racy window was kept")
	}

	// Kept once old enough; a copy that says another project shows which
	// reads use the cache.
	old := racyWindow
	racyWindow = 0
	t.Cleanup(func() { racyWindow = old })
	m := mustReadManifest(t, root)
	m.Name = "other"
	keepManifest(abs, stamp, m)
	got, err := ReadManifest(root)
	if err != nil || got.Name != "other" {
		t.Fatalf("ReadManifest did not use the cache: %v %v", got, err)
	}
	got.Files["x"] = ManifestFile{}
	if again, _ := ReadManifest(root); len(again.Files) != 1 {
		t.Fatalf("a caller's change reached the cache: %v", again.Files)
	}
	other := stamp
	other.ctime++
	if cachedManifestOf(abs, other) != nil {
		t.Fatal("a manifest of another change time was served from the cache")
	}

	// Apply with Owner "p" checks the file, which still says "p".
	if _, err := Apply(root, files, ApplyOptions{Name: "p", Owner: "p", Instance: "i1"}); err != nil {
		t.Fatalf("Apply read the cached manifest: %v", err)
	}
}
