package scaffold

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestHashCacheFollowsContent: a cached hash is reused for the same file
// stamp and never returned once the file has other content.
func TestHashCacheFollowsContent(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the hash cache only exists on Linux")
	}
	saved := racyWindow
	racyWindow = 0
	t.Cleanup(func() { racyWindow = saved })

	root := t.TempDir()
	r, err := os.OpenRoot(root)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	hashNow := func() (string, fileStamp) {
		t.Helper()
		info, err := os.Lstat(filepath.Join(root, "f.txt"))
		if err != nil {
			t.Fatal(err)
		}
		sum, err := hashFileInfo(r, "f.txt", info)
		if err != nil {
			t.Fatal(err)
		}
		stamp, _ := stampOf(info)
		return sum, stamp
	}
	for i, content := range []string{"first", "second content", "third, longer content"} {
		writeDisk(t, root, "f.txt", content)
		sum, stamp := hashNow()
		if sum != HashBytes([]byte(content)) {
			t.Fatalf("write %d: hash %s is not the content's", i, sum)
		}
		hashCache.Lock()
		cached := hashCache.byFile[stamp]
		hashCache.Unlock()
		if cached != sum {
			t.Fatalf("write %d: the hash was not cached under its stamp", i)
		}
		if again, _ := hashNow(); again != sum {
			t.Fatalf("write %d: the cached hash %s differs from %s", i, again, sum)
		}
	}
}

// TestHashCacheKeepsKinds: one file under two names, a text name and an
// exact kind (a hard link), is hashed by the rule of each name, also once
// the first hash is cached.
func TestHashCacheKeepsKinds(t *testing.T) {
	saved := racyWindow
	racyWindow = 0
	t.Cleanup(func() { racyWindow = saved })
	root := t.TempDir()
	writeDisk(t, root, "data.txt", "a,b\r\n1,2\r\n")
	if err := os.Link(filepath.Join(root, "data.txt"), filepath.Join(root, "data.csv")); err != nil {
		t.Fatal(err)
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, tt := range []struct{ rel, want string }{
		{"data.txt", HashBytes([]byte("a,b\n1,2\n"))},
		{"data.csv", HashBytes([]byte("a,b\r\n1,2\r\n"))},
		{"data.txt", HashBytes([]byte("a,b\n1,2\n"))},
	} {
		info, err := os.Lstat(filepath.Join(root, tt.rel))
		if err != nil {
			t.Fatal(err)
		}
		if got, err := hashFileInfo(r, tt.rel, info); err != nil || got != tt.want {
			t.Fatalf("%s: hash %s (%v), want %s", tt.rel, got, err, tt.want)
		}
	}
}
