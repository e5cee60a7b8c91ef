package scaffold

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const (
	crashRootEnv      = "MLOPS_CRASH_TEST_ROOT"
	crashVersionEnv   = "MLOPS_CRASH_TEST_VERSION"
	crashKillAfterEnv = "MLOPS_CRASH_TEST_KILL_AFTER"
	crashFiles        = 300
	crashFileSize     = 48 << 10
	// crashReady is what the child prints once it has put some files in
	// place, just before it stops to be killed.
	crashReady = "renamed files; waiting to be killed"
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
// when the parent starts it with crashRootEnv set. After it has renamed
// the given number of files into place it tells the parent and blocks, so
// the kill always lands in the middle of the writes, however busy the
// machine is.
func TestCrashChild(t *testing.T) {
	root := os.Getenv(crashRootEnv)
	if root == "" {
		return
	}
	killAfter, err := strconv.Atoi(os.Getenv(crashKillAfterEnv))
	if err != nil {
		t.Fatal(err)
	}
	renamed := 0
	writeFileHook = func(rel string) error {
		if rel == manifestRel {
			return nil
		}
		if renamed == killAfter {
			fmt.Println(crashReady)
			select {} // until SIGKILL
		}
		renamed++
		return nil
	}
	if _, err := Apply(root, crashScaffold(os.Getenv(crashVersionEnv)), ApplyOptions{Name: "crash", LockOwner: "crash child"}); err != nil {
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
	// Each round writes one version over the disk and is killed after the
	// given number of renames (of the files whose content changes).
	rounds := []struct {
		version   string
		killAfter int
	}{{"new", 50}, {"new", 120}, {"old", 10}, {"new", 100}, {"old", 149}, {"new", 1}}
	mixed := 0
	for i, round := range rounds {
		killMidWrite(t, root, round.version, round.killAfter)
		checkCrashInvariants(t, root, valid)
		// The child died holding the lock; a dead owner's lock is stale.
		counts := countVersions(t, root)
		if counts["old"] > 0 && counts["new"] > 0 {
			mixed++
		}
		t.Logf("round %d (%s, killed after %d renames): %v", i, round.version, round.killAfter, counts)
	}
	if mixed == 0 {
		t.Fatal("no round left old and new files side by side; the test proved nothing")
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

// killMidWrite starts a child that applies the given version, waits until
// it reports that it renamed killAfter files, and kills it with SIGKILL.
func killMidWrite(t *testing.T, root, version string, killAfter int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashRootEnv+"="+root, crashVersionEnv+"="+version, crashKillAfterEnv+"="+strconv.Itoa(killAfter))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := false
	scanner := bufio.NewScanner(stdout)
	for scanner.Scan() {
		if scanner.Text() == crashReady {
			ready = true
			break
		}
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	if !ready {
		t.Fatalf("the %s child ended before renaming %d files", version, killAfter)
	}
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
