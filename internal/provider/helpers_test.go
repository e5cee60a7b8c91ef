package provider

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// treeSnapshot records every entry below dir: kind, mode and content hash.
func treeSnapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	snap := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			snap[rel] = "symlink " + target
		case info.IsDir():
			snap[rel] = fmt.Sprintf("dir %v", info.Mode().Perm())
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			snap[rel] = fmt.Sprintf("file %v %s", info.Mode().Perm(), hashOf(b))
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatalf("snapshot %s: %v", dir, err)
	}
	return snap
}

func diffSnapshots(before, after map[string]string) string {
	var diffs []string
	for k, v := range before {
		if after[k] != v {
			diffs = append(diffs, fmt.Sprintf("%s: %q -> %q", k, v, after[k]))
		}
	}
	for k, v := range after {
		if _, ok := before[k]; !ok {
			diffs = append(diffs, fmt.Sprintf("%s: new %q", k, v))
		}
	}
	sort.Strings(diffs)
	return strings.Join(diffs, "\n")
}

func hashOf(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func writeTestFile(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// filesMatchDisk is a state check: every entry of the resource's files
// attribute exists in dir with that sha256, except the listed edited ones,
// which must differ.
type filesMatchDisk struct {
	address string
	dir     string
	edited  map[string]bool
	minimum int
}

func expectFilesOnDisk(dir string, minimum int, edited ...string) statecheck.StateCheck {
	e := map[string]bool{}
	for _, p := range edited {
		e[p] = true
	}
	return filesMatchDisk{address: targetAddress, dir: dir, edited: e, minimum: minimum}
}

func (c filesMatchDisk) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	files, err := stateFiles(req.State, c.address)
	if err != nil {
		resp.Error = err
		return
	}
	if len(files) < c.minimum {
		resp.Error = fmt.Errorf("files has %d entries, want at least %d", len(files), c.minimum)
		return
	}
	for rel, want := range files {
		b, err := os.ReadFile(filepath.Join(c.dir, filepath.FromSlash(rel)))
		if err != nil {
			resp.Error = fmt.Errorf("managed file %s: %w", rel, err)
			return
		}
		same := hashOf(b) == want
		if c.edited[rel] == same {
			resp.Error = fmt.Errorf("managed file %s: on-disk hash matches state = %v, want %v", rel, same, !c.edited[rel])
			return
		}
	}
}

func stateFiles(state *tfjson.State, address string) (map[string]string, error) {
	if state == nil || state.Values == nil || state.Values.RootModule == nil {
		return nil, fmt.Errorf("no state")
	}
	for _, r := range state.Values.RootModule.Resources {
		if r.Address != address {
			continue
		}
		raw, ok := r.AttributeValues["files"].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s has no files map", address)
		}
		out := make(map[string]string, len(raw))
		for k, v := range raw {
			s, _ := v.(string)
			out[k] = s
		}
		return out, nil
	}
	return nil, fmt.Errorf("%s not in state", address)
}

// wrapTolerant compiles an error pattern in which every space also matches
// the line breaks terraform puts into long diagnostics.
func wrapTolerant(pattern string) *regexp.Regexp {
	return regexp.MustCompile(strings.ReplaceAll(pattern, " ", `\s+`))
}
