package scaffold

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
	"sync"
	"time"
)

// hashCache remembers the sha256 of files by their identity and change
// time, so a file hashed by a refresh is not read again by the plan that
// follows in the same process. Any write to a file changes its ctime, which
// no user can set back, so a cached hash never outlives the content.
// Files changed within racyWindow of being hashed are not cached: file
// times tick coarsely, and a second write within one tick could otherwise
// keep the same ctime.
var hashCache = struct {
	sync.Mutex
	byFile map[fileStamp]string
}{byFile: map[fileStamp]string{}}

// racyWindow is a variable so that a test can cache fresh files.
var racyWindow = 2 * time.Second

const (
	maxCachedHashes  = 1 << 16
	uncachedSentinel = ""
)

// fileStamp identifies one content of one file.
type fileStamp struct {
	exact        bool // hashed byte for byte (see normalizesEOL)
	dev, ino     uint64
	size         int64
	mtime, ctime int64 // nanoseconds
}

// hashFileInfo is hashFile for a file whose Lstat is info. rel may be the
// name of the file inside its opened folder: only its extension counts.
func hashFileInfo(r *os.Root, rel string, info fs.FileInfo) (string, error) {
	stamp, ok := stampOf(info)
	stamp.exact = exactKinds[strings.ToLower(path.Ext(rel))]
	if ok {
		hashCache.Lock()
		sum := hashCache.byFile[stamp]
		hashCache.Unlock()
		if sum != uncachedSentinel {
			return sum, nil
		}
	}
	sum, err := hashFile(r, rel)
	if err != nil || !ok || time.Since(time.Unix(0, stamp.ctime)) < racyWindow {
		return sum, err
	}
	hashCache.Lock()
	if len(hashCache.byFile) >= maxCachedHashes {
		hashCache.byFile = map[fileStamp]string{}
	}
	hashCache.byFile[stamp] = sum
	hashCache.Unlock()
	return sum, nil
}

// String is the stamp as the manifest records it.
func (s fileStamp) String() string {
	return fmt.Sprintf("%d:%d:%d:%d:%d", s.dev, s.ino, s.size, s.mtime, s.ctime)
}

// settledStamp is the stamp of info as a manifest may record it: "" when
// the platform has none or the file changed within racyWindow, since a
// second write within one tick of the file times could keep the stamp.
// Any later change sets a ctime past the recorded one, so a recorded
// stamp that matches the disk vouches for the content hashed with it.
func settledStamp(info fs.FileInfo) string {
	stamp, ok := stampOf(info)
	if !ok || time.Since(time.Unix(0, stamp.ctime)) < racyWindow {
		return ""
	}
	return stamp.String()
}

// stampMatches reports whether info is the file a recorded stamp names,
// unchanged since.
func stampMatches(info fs.FileInfo, recorded string) bool {
	if recorded == "" {
		return false
	}
	stamp, ok := stampOf(info)
	return ok && stamp.String() == recorded
}
