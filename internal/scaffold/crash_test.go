package scaffold

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const (
	crashRootEnv    = "MLOPS_CRASH_TEST_ROOT"
	crashFiles      = 300
	crashFileSize   = 48 << 10
	crashChildDelay = 5 * time.Millisecond
)

// crashScaffold is a large scaffold whose every file carries the version in
// its content, so old and new can be told apart.
func crashScaffold(version string) []File {
	files := make([]File, crashFiles)
	for i := range files {
		content := bytes.Repeat([]byte(fmt.Sprintf("%s file %d\n", version, i)), crashFileSize/16)
		files[i] = File{
			Path:       fmt.Sprintf("pkg%d/file%d.py", i%7, i),
			Content:    content,
			SHA256:     HashBytes(content),
			Capability: "crash",
			Mode:       0o644,
		}
	}
	return files
}

// TestCrashChild is the process the crash test kills. It only does work
// when the parent starts it with crashRootEnv set.
func TestCrashChild(t *testing.T) {
	root := os.Getenv(crashRootEnv)
	if root == "" {
		return
	}
	if _, err := Apply(root, crashScaffold(os.Getenv("MLOPS_CRASH_TEST_VERSION")), ApplyOptions{Name: "crash", LockOwner: "crash child"}); err != nil {
		t.Fatal(err)
	}
}

// TestKilledMidWriteConverges kills a process with SIGKILL while it writes
// a large scaffold over an older one, several times, and proves that every
// file is always the old or the new content, that the manifest is always
// readable and consistent with the disk, and that the next apply converges.
func TestKilledMidWriteConverges(t *testing.T) {
	root := t.TempDir()
	old, next := crashScaffold("old"), crashScaffold("new")
	if _, err := Apply(root, old, ApplyOptions{Name: "crash"}); err != nil {
		t.Fatal(err)
	}
	valid := map[string]map[string]bool{}
	for i := range old {
		valid[old[i].Path] = map[string]bool{old[i].SHA256: true, next[i].SHA256: true}
	}
	killedMidway, mixed := 0, 0
	for round, version := range []string{"new", "new", "old", "new", "old", "new"} {
		before := manifestModTime(t, root)
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashRootEnv+"="+root, "MLOPS_CRASH_TEST_VERSION="+version)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		waitForIntent(t, root, before)
		time.Sleep(crashChildDelay * time.Duration(1+round%3))
		_ = cmd.Process.Kill()
		if err := cmd.Wait(); err != nil {
			killedMidway++
		}
		checkCrashInvariants(t, root, valid)
		// The child may have died holding the lock; a dead owner's lock is stale.
		counts := countVersions(t, root)
		if counts["old"] > 0 && counts["new"] > 0 {
			mixed++
		}
		t.Logf("round %d (%s): %v", round, version, counts)
	}
	if killedMidway == 0 || mixed == 0 {
		t.Fatalf("no child was killed in the middle of its writes (%d killed, %d mixed); the test proved nothing", killedMidway, mixed)
	}
	res, err := Apply(root, next, ApplyOptions{Name: "crash"})
	if err != nil {
		t.Fatalf("the apply after the crashes: %v", err)
	}
	assertManifestMatchesDisk(t, root, res.Manifest)
	for _, f := range next {
		if got := res.Manifest.Files[f.Path].SHA256; got != f.SHA256 {
			t.Fatalf("%s: manifest has %s, want the new content", f.Path, got)
		}
	}
	assertNoTempFiles(t, root)
}

func manifestModTime(t *testing.T, root string) time.Time {
	t.Helper()
	info, err := os.Stat(filepath.Join(root, StateDir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	return info.ModTime()
}

// waitForIntent returns once the child has recorded its intent, that is
// once it is about to write files.
func waitForIntent(t *testing.T, root string, before time.Time) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if info, err := os.Stat(filepath.Join(root, StateDir, "manifest.json")); err == nil && info.ModTime().After(before) {
			return
		}
		time.Sleep(200 * time.Microsecond)
	}
	t.Fatal("the child never started writing")
}

func checkCrashInvariants(t *testing.T, root string, valid map[string]map[string]bool) {
	t.Helper()
	for rel, ok := range valid {
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatalf("%s vanished: %v", rel, err)
		}
		if !ok[HashBytes(b)] {
			t.Fatalf("%s is neither the old nor the new content (%d bytes): a torn write", rel, len(b))
		}
	}
	m, err := ReadManifest(root)
	if err != nil || m == nil {
		t.Fatalf("the manifest is unreadable after a crash: %v", err)
	}
	for rel, entry := range m.Files {
		if !valid[rel][entry.SHA256] || (entry.Pending != "" && !valid[rel][entry.Pending]) {
			t.Fatalf("manifest entry %s has a hash that was never generated", rel)
		}
		b, _ := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		if disk := HashBytes(b); disk != entry.SHA256 && disk != entry.Pending {
			t.Fatalf("%s on disk (%.8s, %d bytes, starts %q) matches neither the manifest's hash %.8s nor its pending one %.8s", rel, disk, len(b), b[:min(len(b), 8)], entry.SHA256, entry.Pending)
		}
	}
	for _, version := range []string{"old", "new"} {
		decisions, err := Decide(root, crashScaffold(version), m.Files, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range decisions {
			if d.Action == ActionKeepModified || d.Action == ActionKeepUnmanaged {
				t.Fatalf("after a crash, applying the %s scaffold would mistake %s for a user edit (%s)", version, d.File.Path, d.Action)
			}
		}
	}
}

func countVersions(t *testing.T, root string) map[string]int {
	t.Helper()
	counts := map[string]int{}
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(p, StateDir) {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch {
		case strings.Contains(d.Name(), tempMarker):
			counts["temp"]++
		case bytes.HasPrefix(b, []byte("old")):
			counts["old"]++
		default:
			counts["new"]++
		}
		return nil
	})
	return counts
}
