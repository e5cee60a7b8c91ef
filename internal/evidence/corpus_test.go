package evidence_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/evidence"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
)

// The corpus: public repositories this project did not write, trimmed to
// the files evidence rules read, each with a README.md that names its origin
// (owner/name@commit) and argues the expected result per capability.
const corpusDir = "testdata/repos"

// Floors the scanner must reach on the corpus, over every capability of
// every repository.
const (
	minPrecision = 0.9
	minRecall    = 0.8
	minCorpus    = 30
)

var (
	originLine = regexp.MustCompile("(?m)^Origin: `([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)@([0-9a-f]{40})`")
	expectRow  = regexp.MustCompile(`^\|\s*([a-z_]+)\s*\|\s*(yes|no)\s*\|\s*(.+?)\s*\|$`)
)

// corpusRepo is one repository of the corpus with what a reader expects.
type corpusRepo struct {
	name   string
	origin string
	want   map[string]bool // capability -> expected; unlisted ones are expected absent
}

func loadCorpus(t *testing.T, cat *maturity.Catalog) []corpusRepo {
	t.Helper()
	entries, err := os.ReadDir(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	var out []corpusRepo
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		readme := filepath.Join(corpusDir, e.Name(), "README.md")
		r := corpusRepo{name: e.Name(), want: map[string]bool{}}
		f, err := os.Open(readme)
		if err != nil {
			t.Fatalf("%s: every corpus repository needs a README.md with its origin and expectations: %v", e.Name(), err)
		}
		sc := bufio.NewScanner(f)
		var text strings.Builder
		for sc.Scan() {
			line := sc.Text()
			text.WriteString(line + "\n")
			m := expectRow.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			if _, ok := cat.Lookup(m[1]); !ok {
				t.Errorf("%s: README names unknown capability %q", e.Name(), m[1])
			}
			if _, dup := r.want[m[1]]; dup {
				t.Errorf("%s: README lists %s twice", e.Name(), m[1])
			}
			r.want[m[1]] = m[2] == "yes"
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
		o := originLine.FindStringSubmatch(text.String())
		if o == nil {
			t.Errorf("%s: README has no \"Origin: `owner/name@commit`\" line", e.Name())
		} else {
			r.origin = o[1] + "@" + o[2]
		}
		if !hasLicence(filepath.Join(corpusDir, e.Name())) {
			t.Errorf("%s: the repository's licence file must be kept", e.Name())
		}
		out = append(out, r)
	}
	return out
}

func hasLicence(dir string) bool {
	entries, _ := os.ReadDir(dir)
	return slices.ContainsFunc(entries, func(e os.DirEntry) bool {
		return strings.HasPrefix(strings.ToUpper(e.Name()), "LICEN")
	})
}

// score counts one capability's outcomes over the corpus.
type score struct{ tp, fp, fn int }

func (s score) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s score) recall() float64    { return ratio(s.tp, s.tp+s.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// TestCorpus scores the scanner on the corpus of real repositories: every
// capability a README expects must be detected, and nothing else. It fails
// below the precision and recall floors and prints the figures per
// capability (go test -v -run TestCorpus).
func TestCorpus(t *testing.T) {
	cat := maturity.MustDefault()
	repos := loadCorpus(t, cat)
	if len(repos) < minCorpus {
		t.Fatalf("corpus has %d repositories, want at least %d", len(repos), minCorpus)
	}
	scores := map[string]*score{}
	for _, cp := range cat.Capabilities {
		scores[cp.ID] = &score{}
	}
	var total score
	for _, r := range repos {
		res, err := evidence.ScanDir(filepath.Join(corpusDir, r.name), cat, evidence.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range res.Findings {
			checkPointers(t, r.name, f)
			want := r.want[f.ID]
			s := scores[f.ID]
			switch {
			case f.Detected && want:
				s.tp++
			case f.Detected:
				s.fp++
				t.Logf("%s: false positive %s: %v", r.name, f.ID, f.Evidence)
			case want:
				s.fn++
				t.Logf("%s: missed %s", r.name, f.ID)
			}
		}
	}
	ids := make([]string, 0, len(scores))
	for id, s := range scores {
		ids = append(ids, id)
		total.tp, total.fp, total.fn = total.tp+s.tp, total.fp+s.fp, total.fn+s.fn
	}
	sort.Strings(ids)
	var table strings.Builder
	fmt.Fprintf(&table, "%-30s %4s %4s %4s %9s %6s\n", "capability", "tp", "fp", "fn", "precision", "recall")
	for _, id := range ids {
		s := scores[id]
		fmt.Fprintf(&table, "%-30s %4d %4d %4d %9.2f %6.2f\n", id, s.tp, s.fp, s.fn, s.precision(), s.recall())
	}
	fmt.Fprintf(&table, "%-30s %4d %4d %4d %9.2f %6.2f\n", "all", total.tp, total.fp, total.fn, total.precision(), total.recall())
	t.Logf("corpus of %d repositories\n%s", len(repos), table.String())
	if total.precision() < minPrecision || total.recall() < minRecall {
		t.Errorf("precision %.2f (floor %.2f), recall %.2f (floor %.2f)", total.precision(), minPrecision, total.recall(), minRecall)
	}
}

// checkPointers fails when a piece of evidence points at a blank line or at
// a comment: the pointer must be the line that decided.
func checkPointers(t *testing.T, repo string, f evidence.Finding) {
	t.Helper()
	for _, e := range f.Evidence {
		b, err := os.ReadFile(filepath.Join(corpusDir, repo, filepath.FromSlash(e.Path)))
		if err != nil {
			t.Errorf("%s: %s evidence %s: %v", repo, f.ID, e, err)
			continue
		}
		lines := strings.Split(string(b), "\n")
		if e.Line < 1 || e.Line > len(lines) {
			t.Errorf("%s: %s evidence %s is past the end of the file", repo, f.ID, e)
			continue
		}
		line := strings.TrimSpace(lines[e.Line-1])
		line = strings.TrimPrefix(line, `"`) // a notebook's source line
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "//") {
			t.Errorf("%s: %s evidence %s (rule %s) points at %q, a blank line or a comment", repo, f.ID, e, e.Rule, lines[e.Line-1])
		}
	}
}
