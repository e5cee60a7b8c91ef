package scaffold

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// deadPID returns the PID of a process that has exited and been reaped.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

func lockBody(t *testing.T, li LockInfo) string {
	t.Helper()
	b, err := json.Marshal(li)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestAcquireLockWithExistingLockFile(t *testing.T) {
	host := hostname()
	old := time.Now().Add(-2 * StaleLockAfter)
	tests := []struct {
		name       string
		body       func(t *testing.T) string
		mtime      time.Time // zero: now
		wantLocked bool
		wantInMsg  []string
	}{
		{
			name:       "held by another host",
			body:       func(t *testing.T) string { return lockBody(t, LockInfo{"alice", 4242, "other-host", time.Now()}) },
			wantLocked: true,
			wantInMsg:  []string{`"alice"`, "pid 4242", "host other-host", "if no other terraform run is using this folder, delete", lockRel},
		},
		{
			name:       "held by a live process of this host",
			body:       func(t *testing.T) string { return lockBody(t, LockInfo{"bob", os.Getpid(), host, time.Now()}) },
			wantLocked: true,
			wantInMsg:  []string{`"bob"`},
		},
		{
			name:       "malformed and recent",
			body:       func(t *testing.T) string { return "{not json" },
			wantLocked: true,
			wantInMsg:  []string{"unreadable lock file"},
		},
		{
			name: "stale by age",
			body: func(t *testing.T) string { return lockBody(t, LockInfo{"alice", 4242, "other-host", old}) },
		},
		{
			name: "dead process of this host",
			body: func(t *testing.T) string { return lockBody(t, LockInfo{"carol", deadPID(t), host, time.Now()}) },
		},
		{
			name:  "malformed and old",
			body:  func(t *testing.T) string { return "" },
			mtime: old,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			body := tc.body(t)
			writeDisk(t, root, lockRel, body)
			lockPath := filepath.Join(root, lockRel)
			if !tc.mtime.IsZero() {
				if err := os.Chtimes(lockPath, tc.mtime, tc.mtime); err != nil {
					t.Fatal(err)
				}
			}
			release, err := AcquireLock(root, "me")
			if tc.wantLocked {
				if !errors.Is(err, ErrLocked) {
					t.Fatalf("err = %v, want ErrLocked", err)
				}
				for _, s := range tc.wantInMsg {
					if !strings.Contains(err.Error(), filepath.FromSlash(s)) {
						t.Errorf("message %q does not mention %q", err, s)
					}
				}
				if got := readDisk(t, root, lockRel); got != body {
					t.Errorf("a held lock was changed: %q", got)
				}
				return
			}
			if err != nil {
				t.Fatalf("stale lock not recovered: %v", err)
			}
			var li LockInfo
			if err := json.Unmarshal([]byte(readDisk(t, root, lockRel)), &li); err != nil || li.Owner != "me" || li.PID != os.Getpid() {
				t.Errorf("lock body = %+v, %v", li, err)
			}
			if err := release(); err != nil {
				t.Fatal(err)
			}
			if exists(filepath.Join(root, StateDir)) {
				t.Error("release left the empty state folder")
			}
		})
	}
}

func TestAcquireLockRefusesSymlinkedLockFile(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	writeDisk(t, outside, "lock", "{}")
	mkdir(t, filepath.Join(root, StateDir))
	symlink(t, filepath.Join(outside, "lock"), filepath.Join(root, lockRel))
	if _, err := AcquireLock(root, "me"); err == nil || !strings.Contains(err.Error(), "is a symlink") {
		t.Fatalf("err = %v, want a symlink refusal", err)
	}
	if got := readDisk(t, outside, "lock"); got != "{}" {
		t.Errorf("outside file changed: %q", got)
	}
}

func TestAcquireLockInProcess(t *testing.T) {
	root := t.TempDir()
	alias := filepath.Join(t.TempDir(), "alias")
	symlink(t, root, alias)

	release, err := AcquireLock(root, "first")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{root, alias, root + string(filepath.Separator) + "."} {
		if _, err := AcquireLock(path, "second"); !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), `"first"`) {
			t.Errorf("second acquire via %s: err = %v, want ErrLocked naming the first owner", path, err)
		}
	}
	if _, err := Apply(root, []File{newFile("x.txt", "x", 0)}, ApplyOptions{}); !errors.Is(err, ErrLocked) {
		t.Errorf("Apply while locked: err = %v", err)
	}
	if _, err := Remove(root, nil); !errors.Is(err, ErrLocked) {
		t.Errorf("Remove while locked: err = %v", err)
	}
	if exists(filepath.Join(root, "x.txt")) {
		t.Error("Apply wrote while the folder was locked")
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}
	if err := release(); err != nil {
		t.Errorf("second release: %v", err)
	}
	release, err = AcquireLock(alias, "third")
	if err != nil {
		t.Fatalf("acquire after release: %v", err)
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}
}

func TestConcurrentApplyDifferentRoots(t *testing.T) {
	const n = 8
	files := manyFiles(20, "v1")
	roots := make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range roots {
		roots[i] = filepath.Join(t.TempDir(), "out")
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = Apply(roots[i], files, ApplyOptions{LockOwner: fmt.Sprint("run ", i)})
		}()
	}
	wg.Wait()
	for i, root := range roots {
		if errs[i] != nil {
			t.Errorf("Apply %d: %v", i, errs[i])
			continue
		}
		m := mustReadManifest(t, root)
		if len(m.Files) != len(files) {
			t.Errorf("root %d: manifest lists %d files", i, len(m.Files))
		}
		assertManifestMatchesDisk(t, root, m)
		assertNoTempFiles(t, root)
	}
}

func TestConcurrentApplySameRoot(t *testing.T) {
	const n = 8
	root := t.TempDir()
	files := manyFiles(20, "v1")
	start := make(chan struct{})
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, errs[i] = Apply(root, files, ApplyOptions{LockOwner: fmt.Sprint("run ", i)})
		}()
	}
	close(start)
	wg.Wait()

	succeeded := 0
	for i, err := range errs {
		switch {
		case err == nil:
			succeeded++
		case !errors.Is(err, ErrLocked):
			t.Errorf("Apply %d failed with something other than ErrLocked: %v", i, err)
		}
	}
	if succeeded == 0 {
		t.Fatal("no Apply succeeded")
	}
	m := mustReadManifest(t, root)
	if len(m.Files) != len(files) {
		t.Errorf("manifest lists %d files, want %d", len(m.Files), len(files))
	}
	for _, f := range files {
		if readDisk(t, root, f.Path) != string(f.Content) {
			t.Errorf("%s has wrong content", f.Path)
		}
	}
	assertManifestMatchesDisk(t, root, m)
	assertNoTempFiles(t, root)
	if exists(filepath.Join(root, lockRel)) {
		t.Error("lock left behind")
	}
}
