package scaffold

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"
)

// LockInfo is the body of the lock file.
type LockInfo struct {
	Owner   string    `json:"owner"`
	PID     int       `json:"pid"`
	Host    string    `json:"host"`
	Created time.Time `json:"created"`
}

// ErrLocked is wrapped by every error that reports a lock held by someone else.
var ErrLocked = errors.New("output folder is locked")

// StaleLockAfter is the age after which a lock is considered abandoned.
var StaleLockAfter = 10 * time.Minute

const (
	lockRel     = StateDir + "/lock"
	maxLockSize = 64 << 10
)

// heldRoots guards roots locked by this process. Two resources of one
// terraform run share the provider process, hence its PID and host, so the
// lock file alone cannot tell them apart.
var heldRoots = struct {
	sync.Mutex
	owners map[string]string
}{owners: map[string]string{}}

// AcquireLock takes the lock of the output folder root, creating .mlops/lock
// exclusively. A stale lock (older than StaleLockAfter, or left by a process
// of this host that no longer exists) is removed and acquisition retried once.
// release removes the lock; calling it more than once is harmless.
func AcquireLock(root, owner string) (release func() error, err error) {
	abs, err := absRoot(root)
	if err != nil {
		return nil, err
	}
	key := lockKey(abs)
	if err := claimInProcess(key, abs, owner); err != nil {
		return nil, err
	}
	releaseFile, err := acquireFileLock(abs, owner)
	if err != nil {
		unclaimInProcess(key)
		return nil, err
	}
	var once sync.Once
	var releaseErr error
	return func() error {
		once.Do(func() {
			releaseErr = releaseFile()
			unclaimInProcess(key)
		})
		return releaseErr
	}, nil
}

// lockKey identifies the folder itself, whichever path leads to it.
func lockKey(abs string) string {
	if resolved, err := filepath.EvalSymlinks(abs); err == nil {
		return resolved
	}
	return abs
}

func claimInProcess(key, abs, owner string) error {
	heldRoots.Lock()
	defer heldRoots.Unlock()
	if holder, held := heldRoots.owners[key]; held {
		return fmt.Errorf("%w: %s is in use by %q in this provider process; give each resource its own output folder", ErrLocked, abs, holder)
	}
	heldRoots.owners[key] = owner
	return nil
}

func unclaimInProcess(key string) {
	heldRoots.Lock()
	defer heldRoots.Unlock()
	delete(heldRoots.owners, key)
}

func acquireFileLock(abs, owner string) (func() error, error) {
	r, err := os.OpenRoot(abs)
	if err != nil {
		return nil, err
	}
	release, err := createLock(r, abs, owner)
	if err != nil {
		r.Close()
		return nil, err
	}
	return release, nil
}

func createLock(r *os.Root, abs, owner string) (func() error, error) {
	if _, err := ensureDirs(r, abs, StateDir); err != nil {
		return nil, err
	}
	body, err := json.Marshal(LockInfo{Owner: owner, PID: os.Getpid(), Host: hostname(), Created: time.Now().UTC()})
	if err != nil {
		return nil, err
	}
	for attempt := 0; ; attempt++ {
		err := writeLockFile(r, body)
		if errors.Is(err, fs.ErrNotExist) {
			// A run releasing its lock removed the empty state folder meanwhile.
			if _, err = ensureDirs(r, abs, StateDir); err == nil {
				err = writeLockFile(r, body)
			}
		}
		if err == nil {
			return func() error { return releaseLockFile(r, abs, body) }, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
		existing, stale, desc, err := judgeLock(r, abs)
		if err != nil {
			return nil, err
		}
		if !stale || attempt > 0 {
			return nil, fmt.Errorf("%w %s; if no other terraform run is using this folder, delete %s", ErrLocked, desc, displayPath(abs, lockRel))
		}
		if err := removeStaleLock(r, existing); err != nil {
			return nil, err
		}
	}
}

func writeLockFile(r *os.Root, body []byte) error {
	f, err := r.OpenFile(lockRel, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(body)
	if err == nil {
		err = f.Sync()
	}
	if err = errors.Join(err, f.Close()); err != nil {
		_ = r.Remove(lockRel)
	}
	return err
}

// judgeLock reads the existing lock and says whether it is stale, and
// describes its holder for the error message. existing is nil when the lock
// vanished meanwhile (which counts as stale: just retry).
func judgeLock(r *os.Root, abs string) (existing []byte, stale bool, desc string, err error) {
	const vanished = "(the lock file changed while being read)"
	info, err := locate(r, abs, lockRel)
	if err != nil {
		return nil, false, "", err
	}
	if info == nil {
		return nil, true, vanished, nil
	}
	if err := checkRegular(abs, lockRel, info); err != nil {
		return nil, false, "", err
	}
	existing, err = readSmall(r, lockRel, maxLockSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, true, vanished, nil
	}
	if err != nil {
		return nil, false, "", err
	}
	var li LockInfo
	if err := json.Unmarshal(existing, &li); err != nil || li.Created.IsZero() {
		// Possibly a lock being written right now: only its age can make it stale.
		age := ageSince(info.ModTime())
		return existing, age > StaleLockAfter, fmt.Sprintf("(unreadable lock file, %s old)", age), nil //nolint:nilerr // judged by age instead
	}
	age := ageSince(li.Created)
	stale = age > StaleLockAfter || (li.Host == hostname() && processGone(li.PID))
	desc = fmt.Sprintf("by %q (pid %d on host %s, %s old)", li.Owner, li.PID, li.Host, age)
	return existing, stale, desc, nil
}

// removeStaleLock removes the lock only if it still holds the bytes judged
// stale, which narrows (but cannot close) the window in which two runs both
// judge a lock stale and one removes the lock the other just took.
func removeStaleLock(r *os.Root, judged []byte) error {
	if judged == nil {
		return nil
	}
	current, err := readSmall(r, lockRel, maxLockSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil || !bytes.Equal(current, judged) {
		return err
	}
	if err := r.Remove(lockRel); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// releaseLockFile removes the lock if it is still ours, then the state folder
// if that leaves it empty, and closes r.
func releaseLockFile(r *os.Root, abs string, body []byte) error {
	defer r.Close()
	current, err := readSmall(r, lockRel, maxLockSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !bytes.Equal(current, body) {
		return fmt.Errorf("%s was replaced by another run while this one held it; leaving it in place", displayPath(abs, lockRel))
	}
	if err := r.Remove(lockRel); err != nil {
		return err
	}
	return removeEmptyDir(r, abs, StateDir)
}

func readSmall(r *os.Root, rel string, limit int64) ([]byte, error) {
	f, err := r.Open(rel)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit))
}

func ageSince(t time.Time) time.Duration {
	age := time.Since(t).Round(time.Second)
	if age < 0 {
		return 0
	}
	return age
}

func hostname() string {
	h, err := os.Hostname()
	if err != nil {
		return "unknown"
	}
	return h
}

// processGone reports whether no process with this PID exists. On Unix this is
// kill(pid, 0) failing with ESRCH; where that cannot be asked (Windows) the
// process is assumed alive and only age makes the lock stale.
func processGone(pid int) bool {
	if pid <= 0 {
		return false
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	defer func() { _ = p.Release() }()
	return errors.Is(p.Signal(syscall.Signal(0)), os.ErrProcessDone)
}
