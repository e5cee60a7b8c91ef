package evidence

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
)

// DefaultMaxFileSize is the largest file the scanner reads unless told otherwise.
const DefaultMaxFileSize = 1 << 20

// DefaultMaxEvidence bounds the evidence kept per capability.
const DefaultMaxEvidence = 20

// binaryProbe is how much of a file is searched for a NUL byte.
const binaryProbe = 8000

// skippedDirs are folder names the scanner never enters.
var skippedDirs = map[string]bool{
	".git": true, ".hg": true, ".svn": true, ".mlops": true,
	"node_modules": true, ".venv": true, "venv": true,
	"__pycache__": true, ".tox": true, ".nox": true, ".terraform": true,
	".mypy_cache": true, ".pytest_cache": true, ".ruff_cache": true, ".ipynb_checkpoints": true,
	"dist": true, "target": true, ".eggs": true, "site-packages": true,
	// Fixtures and test data describe other projects, not this one; local
	// MLflow stores hold logged models and their environments.
	"testdata": true, "test_data": true, "test-data": true, "fixtures": true, "__fixtures__": true,
	"mlruns": true, "mlartifacts": true,
}

// skipFolder reports whether a folder holding these entries is not the
// project's own: a virtual environment (pyvenv.cfg), a logged MLflow model
// (MLmodel, beside its conda.yaml and requirements.txt, describes the model
// artifact, not an environment the team manages), or, for a folder named
// build, Python build output (lib, bdist.*). Another build folder holds build
// configuration (Cloud Build files, CI scripts) and is read.
func skipFolder(name string, entries []fs.DirEntry) bool {
	if hasEntry(entries, "pyvenv.cfg") || hasEntry(entries, "MLmodel") {
		return true
	}
	if name != "build" {
		return false
	}
	return slices.ContainsFunc(entries, func(e fs.DirEntry) bool {
		n := e.Name()
		return e.IsDir() && (n == "lib" || strings.HasPrefix(n, "lib.") || strings.HasPrefix(n, "bdist.") || strings.HasPrefix(n, "temp."))
	})
}

// Options tune a scan; the zero value gives the defaults.
type Options struct {
	// MaxFileSize: larger files are not read (default DefaultMaxFileSize).
	MaxFileSize int64
	// MaxEvidence bounds the evidence kept per capability (default DefaultMaxEvidence).
	MaxEvidence int
	// Workers read files in parallel (default GOMAXPROCS, at most 8).
	Workers int
}

// Evidence is one file that shows a capability.
type Evidence struct {
	Path string // slash-separated, relative to the scanned folder
	Line int    // 1-based line of the match that decided
	Rule string // name of the catalog rule that held
	// Reason is the rule's reason in words (its name when the catalog
	// gives none).
	Reason string
}

// String renders the evidence as "path:line".
func (e Evidence) String() string { return e.Path + ":" + strconv.Itoa(e.Line) }

// Finding is the outcome for one capability.
type Finding struct {
	ID       string
	Detected bool
	Evidence []Evidence // empty when not detected
}

// Stats counts what a scan looked at.
type Stats struct {
	Files       int // regular files found outside skipped folders
	Read        int // files read because a rule's glob matched
	TooLarge    int // matched but larger than MaxFileSize
	Binary      int // matched but binary
	NotRegular  int // symbolic links and other non-regular entries, never followed
	SkippedDirs int // folders not entered
	Unreadable  int // files or folders that could not be read
}

// Result is the outcome of a scan: one finding per capability, in catalog order.
type Result struct {
	Findings []Finding
	Stats    Stats
	// ManagedFolders lists the folders (relative, "." for the root) that
	// hold a .mlops record of this provider: their generated files are a
	// scaffold, which callers may tell apart from the team's own work.
	ManagedFolders []string
}

// Detected returns the ids of detected capabilities in catalog order.
func (r *Result) Detected() []string {
	var ids []string
	for _, f := range r.Findings {
		if f.Detected {
			ids = append(ids, f.ID)
		}
	}
	return ids
}

// Finding returns the finding of a capability.
func (r *Result) Finding(id string) (Finding, bool) {
	for _, f := range r.Findings {
		if f.ID == id {
			return f, true
		}
	}
	return Finding{}, false
}

// EvidenceMap returns, per detected capability, its evidence as "path:line".
func (r *Result) EvidenceMap() map[string][]string {
	m := map[string][]string{}
	for _, f := range r.Findings {
		if !f.Detected {
			continue
		}
		lines := make([]string, len(f.Evidence))
		for i, e := range f.Evidence {
			lines[i] = e.String()
		}
		m[f.ID] = lines
	}
	return m
}

// ScanDir scans the folder at root. Files are opened without following a
// final symbolic link (O_NOFOLLOW where the system has it) and must be
// regular files; folders that are links are never entered.
func ScanDir(root string, cat *maturity.Catalog, opts Options) (*Result, error) {
	info, err := os.Stat(root)
	if err != nil {
		return nil, fmt.Errorf("evidence: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("evidence: %s is not a folder", root)
	}
	return Scan(dirFS(root), cat, opts)
}

// dirFS is os.DirFS with opens that refuse symbolic links.
type dirFS string

func (d dirFS) join(name, op string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	return filepath.Join(string(d), filepath.FromSlash(name)), nil
}

func (d dirFS) Open(name string) (fs.File, error) {
	p, err := d.join(name, "open")
	if err != nil {
		return nil, err
	}
	f, err := openNoFollow(p)
	if err != nil {
		return nil, err
	}
	return f, nil
}

func (d dirFS) ReadDir(name string) ([]fs.DirEntry, error) {
	p, err := d.join(name, "readdir")
	if err != nil {
		return nil, err
	}
	return os.ReadDir(p)
}

// Scan scans a folder given as a file system. fsys should implement
// fs.ReadDirFS with entries that describe links as links (os.DirFS,
// os.Root.FS and fstest.MapFS do).
func Scan(fsys fs.FS, cat *maturity.Catalog, opts Options) (*Result, error) {
	if cat == nil {
		return nil, errors.New("evidence: no catalog")
	}
	opts = opts.withDefaults()
	rs := compileRules(cat)
	res := &Result{}
	cands, err := walk(fsys, rs, &res.Stats, &res.ManagedFolders)
	if err != nil {
		return nil, err
	}
	matches := evaluate(fsys, rs, cands, opts, &res.Stats)
	res.Findings = resolve(rs, matches, opts.MaxEvidence)
	return res, nil
}

func (o Options) withDefaults() Options {
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = DefaultMaxFileSize
	}
	if o.MaxEvidence <= 0 {
		o.MaxEvidence = DefaultMaxEvidence
	}
	if o.Workers <= 0 {
		o.Workers = min(runtime.GOMAXPROCS(0), 8)
	}
	return o
}

// candidate is a file at least one condition's glob matches.
type candidate struct {
	path  string
	conds []int
}

// walk lists the candidate files of the tree in path order, entering each
// folder once and never following a link.
func walk(fsys fs.FS, rs *ruleSet, st *Stats, managed *[]string) ([]candidate, error) {
	var cands []candidate
	var scratch []int
	var visit func(dir string, dirs []string) error
	visit = func(dir string, dirs []string) error {
		entries, err := fs.ReadDir(fsys, dir)
		if err != nil {
			if dir == "." {
				return fmt.Errorf("evidence: %w", err)
			}
			st.Unreadable++
			return nil
		}
		if dir != "." && skipFolder(path.Base(dir), entries) {
			st.SkippedDirs++
			return nil
		}
		for _, e := range entries {
			name := e.Name()
			rel := name
			if dir != "." {
				rel = dir + "/" + name
			}
			switch t := e.Type(); {
			case t.IsDir():
				if name == ".mlops" {
					*managed = append(*managed, dir)
				}
				if skippedDirs[name] || strings.HasSuffix(name, ".egg-info") {
					st.SkippedDirs++
					continue
				}
				if err := visit(rel, append(dirs[:len(dirs):len(dirs)], strings.ToLower(name))); err != nil {
					return err
				}
			case t.IsRegular():
				st.Files++
				scratch = rs.match(strings.ToLower(matchName(rel)), dirs, scratch[:0])
				if len(scratch) > 0 {
					cands = append(cands, candidate{path: rel, conds: dedupe(scratch)})
				}
			default:
				st.NotRegular++
			}
		}
		return nil
	}
	return cands, visit(".", nil)
}

func hasEntry(entries []fs.DirEntry, name string) bool {
	i := sort.Search(len(entries), func(i int) bool { return entries[i].Name() >= name })
	return i < len(entries) && entries[i].Name() == name
}

func dedupe(conds []int) []int {
	sort.Ints(conds)
	out := make([]int, 0, len(conds))
	for i, c := range conds {
		if i == 0 || c != conds[i-1] {
			out = append(out, c)
		}
	}
	return out
}

// match is one file that met one condition.
type match struct {
	path string
	line int
}

// outcome is what reading one candidate gave.
type outcome struct {
	skip  int   // 0 read, 1 too large, 2 binary, 3 not regular, 4 unreadable
	lines []int // per condition of the candidate, the line or 0 when unmet
}

// evaluate reads candidates, each at most once, and returns per condition
// the files that met it, in path order. Files that only a rule's required
// conditions look at are read afterwards, and only until each required
// condition whose rule's own condition held has one match: a repository with
// a CI pipeline that runs pytest needs one test file to prove there are
// tests, not all of them.
func evaluate(fsys fs.FS, rs *ruleSet, cands []candidate, opts Options, st *Stats) [][]match {
	matches := make([][]match, len(rs.conds))
	record := func(i int, o outcome) {
		switch o.skip {
		case 0:
			st.Read++
		case 1:
			st.TooLarge++
		case 2:
			st.Binary++
		case 3:
			st.NotRegular++
		default:
			st.Unreadable++
		}
		for j, line := range o.lines {
			if line > 0 {
				c := cands[i].conds[j]
				matches[c] = append(matches[c], match{path: cands[i].path, line: line})
			}
		}
	}
	var eager, deferred []int
	for i := range cands {
		if slices.ContainsFunc(cands[i].conds, func(c int) bool { return !rs.lazy[c] }) {
			eager = append(eager, i)
		} else {
			deferred = append(deferred, i)
		}
	}
	outs := readParallel(fsys, rs, cands, eager, opts)
	for k, i := range eager {
		record(i, outs[k])
	}
	needed := neededLazy(rs, matches)
	var buf []byte
	for _, i := range deferred {
		if len(needed) == 0 {
			break
		}
		if !slices.ContainsFunc(cands[i].conds, func(c int) bool { return needed[c] }) {
			continue
		}
		var o outcome
		o, buf = evalFile(fsys, rs, cands[i], opts.MaxFileSize, buf)
		record(i, o)
		for c := range needed {
			if len(matches[c]) > 0 {
				delete(needed, c)
			}
		}
	}
	return matches
}

// neededLazy returns the required conditions still unmet of the rules whose
// own condition holds.
func neededLazy(rs *ruleSet, matches [][]match) map[int]bool {
	needed := map[int]bool{}
	for _, rules := range rs.rules {
		for _, r := range rules {
			if len(matches[r.primary]) == 0 {
				continue
			}
			for _, req := range r.requires {
				if rs.lazy[req] && len(matches[req]) == 0 {
					needed[req] = true
				}
			}
		}
	}
	return needed
}

// readParallel evaluates the candidates at idx with a pool of workers.
func readParallel(fsys fs.FS, rs *ruleSet, cands []candidate, idx []int, opts Options) []outcome {
	outs := make([]outcome, len(idx))
	var wg sync.WaitGroup
	next := make(chan int, opts.Workers)
	for range opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			for k := range next {
				outs[k], buf = evalFile(fsys, rs, cands[idx[k]], opts.MaxFileSize, buf)
			}
		}()
	}
	for k := range idx {
		next <- k
	}
	close(next)
	wg.Wait()
	return outs
}

func evalFile(fsys fs.FS, rs *ruleSet, c candidate, limit int64, buf []byte) (outcome, []byte) {
	raw, buf, skip := readRegular(fsys, c.path, limit, buf)
	if skip != 0 {
		return outcome{skip: skip}, buf
	}
	if bytes.IndexByte(raw[:min(len(raw), binaryProbe)], 0) >= 0 {
		return outcome{skip: 2}, buf
	}
	ct := content{raw: maskComments(matchName(c.path), raw)}
	lines := make([]int, len(c.conds))
	for j, ci := range c.conds {
		if ok, off := rs.conds[ci].eval(&ct); ok {
			lines[j] = 1 + bytes.Count(raw[:off], []byte{'\n'})
		}
	}
	return outcome{lines: lines}, buf
}

// readRegular reads a regular file of at most limit bytes into buf.
func readRegular(fsys fs.FS, name string, limit int64, buf []byte) ([]byte, []byte, int) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, buf, 4
	}
	defer f.Close()
	info, err := f.Stat()
	switch {
	case err != nil:
		return nil, buf, 4
	case !info.Mode().IsRegular():
		return nil, buf, 3
	case info.Size() > limit:
		return nil, buf, 1
	}
	want := int(info.Size()) + 1 // one more byte tells a file that grew
	if cap(buf) < want {
		buf = make([]byte, want)
	}
	n, err := io.ReadFull(f, buf[:want])
	if int64(n) > limit {
		return nil, buf, 1
	}
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, buf, 4
	}
	return buf[:n], buf, 0
}

// resolve decides each capability from the conditions' matches.
func resolve(rs *ruleSet, matches [][]match, maxEvidence int) []Finding {
	out := make([]Finding, len(rs.ids))
	for i, id := range rs.ids {
		f := Finding{ID: id}
		seen := map[string]bool{}
		add := func(m match, r rule) {
			key := m.path + ":" + strconv.Itoa(m.line)
			if seen[key] || len(f.Evidence) >= maxEvidence {
				return
			}
			seen[key] = true
			f.Evidence = append(f.Evidence, Evidence{Path: m.path, Line: m.line, Rule: r.name, Reason: r.reason})
		}
		for _, r := range rs.rules[i] {
			if !holds(r, matches) {
				continue
			}
			f.Detected = true
			for _, m := range matches[r.primary] {
				add(m, r)
			}
			for _, req := range r.requires {
				add(matches[req][0], r)
			}
		}
		out[i] = f
	}
	return out
}

func holds(r rule, matches [][]match) bool {
	if len(matches[r.primary]) == 0 {
		return false
	}
	for _, req := range r.requires {
		if len(matches[req]) == 0 {
			return false
		}
	}
	return true
}
