package provider

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
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

// filesMatchDisk is a state check: the resource's file_count and
// files_sha256 describe exactly the files of the manifest in dir, each of
// which exists there with its recorded sha256, except the listed edited
// ones, which must differ; and wanted paths are among them (with their
// sha256 where one is given).
type filesMatchDisk struct {
	address string
	dir     string
	edited  map[string]bool
	minimum int
	want    map[string]string
}

func expectFilesOnDisk(dir string, minimum int, edited ...string) filesMatchDisk {
	e := map[string]bool{}
	for _, p := range edited {
		e[p] = true
	}
	return filesMatchDisk{address: targetAddress, dir: dir, edited: e, minimum: minimum}
}

// including adds paths that must be managed: path -> sha256, or "" for any.
func (c filesMatchDisk) including(want map[string]string) filesMatchDisk {
	c.want = want
	return c
}

func (c filesMatchDisk) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = c.check(req.State)
}

func (c filesMatchDisk) check(state *tfjson.State) error {
	attrs, err := stateAttributes(state, c.address)
	if err != nil {
		return err
	}
	m, err := scaffold.ReadManifest(c.dir)
	if err != nil {
		return err
	}
	files := map[string]string{}
	if m != nil {
		files = m.Hashes()
	}
	count, sha := scaffold.Digest(files)
	if fmt.Sprint(attrs["file_count"]) != fmt.Sprint(count) {
		return fmt.Errorf("file_count is %v, the manifest lists %d files", attrs["file_count"], count)
	}
	if attrs["files_sha256"] != sha {
		return fmt.Errorf("files_sha256 is %v, the manifest's digest is %s", attrs["files_sha256"], sha)
	}
	if count < c.minimum {
		return fmt.Errorf("%d files are managed, want at least %d", count, c.minimum)
	}
	for rel, want := range c.want {
		got, ok := files[rel]
		if !ok || (want != "" && got != want) {
			return fmt.Errorf("%s is not managed with sha256 %q (manifest: %q)", rel, want, got)
		}
	}
	for rel, want := range files {
		b, err := os.ReadFile(filepath.Join(c.dir, filepath.FromSlash(rel)))
		if err != nil {
			return fmt.Errorf("managed file %s: %w", rel, err)
		}
		same := hashOf(b) == want
		if c.edited[rel] == same {
			return fmt.Errorf("managed file %s: on-disk hash matches the manifest = %v, want %v", rel, same, !c.edited[rel])
		}
	}
	return nil
}

// stateAttributes returns the attribute values of one resource in state.
func stateAttributes(state *tfjson.State, address string) (map[string]any, error) {
	if state == nil || state.Values == nil || state.Values.RootModule == nil {
		return nil, fmt.Errorf("no state")
	}
	for _, r := range state.Values.RootModule.Resources {
		if r.Address == address {
			return r.AttributeValues, nil
		}
	}
	return nil, fmt.Errorf("%s not in state", address)
}

// wrapTolerant compiles an error pattern in which every space also matches
// the line breaks terraform puts into long diagnostics.
func wrapTolerant(pattern string) *regexp.Regexp {
	return regexp.MustCompile(strings.ReplaceAll(pattern, " ", `\s+`))
}

// wellFormedXML decodes a whole XML document, token by token.
func wellFormedXML(b []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
