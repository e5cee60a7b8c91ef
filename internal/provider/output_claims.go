package provider

import (
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// outputClaims remembers, for one graph walk of one terraform run (the
// provider is configured again for every walk), which target planned which
// output folder. Two targets of one configuration on the same folder, or
// one inside the other, would race at apply; they are refused at plan.
type outputClaims struct {
	mu     sync.Mutex
	byRoot map[string]string // absolute output folder -> project name
}

func newOutputClaims() *outputClaims {
	return &outputClaims{byRoot: map[string]string{}}
}

// outputConflict is another target whose folder clashes with a claim.
type outputConflict struct {
	name, root string
	same       bool // the same folder, not a nested one
}

// claim records that project name plans into root and returns the other
// targets whose folder is the same as root, inside it or around it. A
// project planned twice (as in a replacement) does not clash with itself.
func (c *outputClaims) claim(root, name string) []outputConflict {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []outputConflict
	for other, owner := range c.byRoot {
		if owner == name {
			continue
		}
		switch {
		case other == root:
			out = append(out, outputConflict{name: owner, root: other, same: true})
		case within(root, other), within(other, root):
			out = append(out, outputConflict{name: owner, root: other})
		}
	}
	if _, taken := c.byRoot[root]; !taken {
		c.byRoot[root] = name
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// within reports whether path lies strictly inside dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
