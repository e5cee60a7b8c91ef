package evidence_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/evidence"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
)

// customCatalog has one capability whose only rule is given as YAML: the
// scanner knows nothing of capabilities beyond what a catalog says.
func customCatalog(t *testing.T, rule string) *maturity.Catalog {
	t.Helper()
	doc := "levels: [{number: 0, name: none}, {number: 1, name: one}]\ndimensions: [d]\ncapabilities:\n  - id: marker\n    level: 1\n    dimension: d\n    title: Marker\n    evidence:\n" + rule
	cat, err := maturity.Parse([]byte(doc))
	if err != nil {
		t.Fatalf("parse custom catalog: %v", err)
	}
	return cat
}

const markerRule = "      - name: marker-file\n        files: [\"**/*.txt\"]\n        all: ['(?m)^MARKER$']\n"

func write(t *testing.T, dir, rel, body string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// markerPaths lists the files of the custom catalog's evidence.
func markerPaths(t *testing.T, res *evidence.Result) []string {
	t.Helper()
	f, ok := res.Finding("marker")
	if !ok {
		t.Fatal("no finding for marker")
	}
	var paths []string
	for _, e := range f.Evidence {
		paths = append(paths, e.Path)
	}
	return paths
}

func TestRulesAreDataOfTheCatalog(t *testing.T) {
	cat := customCatalog(t, markerRule)
	res, err := evidence.Scan(fstest.MapFS{
		"notes/a.txt": {Data: []byte("first\nMARKER\n")},
		"notes/b.txt": {Data: []byte("no marker here\n")},
		"c.md":        {Data: []byte("MARKER\n")},
	}, cat, evidence.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := res.Finding("marker")
	want := []evidence.Evidence{{Path: "notes/a.txt", Line: 2, Rule: "marker-file", Reason: "marker-file"}}
	if !f.Detected || !slices.Equal(f.Evidence, want) {
		t.Fatalf("finding %+v, want detected with %+v", f, want)
	}
	if got := res.Detected(); !slices.Equal(got, []string{"marker"}) {
		t.Fatalf("Detected() = %v", got)
	}
	if got := res.EvidenceMap(); !slices.Equal(got["marker"], []string{"notes/a.txt:2"}) {
		t.Fatalf("EvidenceMap() = %v", got)
	}
	if res.Stats.Files != 3 || res.Stats.Read != 2 {
		t.Fatalf("stats %+v: want 3 files seen, the 2 matching the glob read", res.Stats)
	}
}

func TestRequiredConditionsAndNone(t *testing.T) {
	rule := "      - name: needs-both\n        files: [\"ci.txt\"]\n        all: ['pytest']\n        none: ['(?m)^disabled$']\n        requires:\n          - files: [\"tests/*.txt\"]\n            any: ['def test_']\n"
	cat := customCatalog(t, rule)
	cases := []struct {
		name  string
		files map[string]string
		want  bool
	}{
		{"both", map[string]string{"ci.txt": "run pytest", "tests/a.txt": "def test_a"}, true},
		{"no required file", map[string]string{"ci.txt": "run pytest"}, false},
		{"required file without content", map[string]string{"ci.txt": "run pytest", "tests/a.txt": "helpers"}, false},
		{"excluded by none", map[string]string{"ci.txt": "run pytest\ndisabled\n", "tests/a.txt": "def test_a"}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for p, b := range tc.files {
				fsys[p] = &fstest.MapFile{Data: []byte(b)}
			}
			res, err := evidence.Scan(fsys, cat, evidence.Options{})
			if err != nil {
				t.Fatal(err)
			}
			f, _ := res.Finding("marker")
			if f.Detected != tc.want {
				t.Fatalf("detected %v, want %v (%+v)", f.Detected, tc.want, f.Evidence)
			}
			if tc.want && !slices.Equal(markerPaths(t, res), []string{"ci.txt", "tests/a.txt"}) {
				t.Fatalf("evidence %+v: want the file and the required one", f.Evidence)
			}
		})
	}
}

func TestSkippedFolders(t *testing.T) {
	cat := customCatalog(t, markerRule)
	dir := t.TempDir()
	for _, rel := range []string{
		".git/x.txt", "node_modules/pkg/x.txt", ".venv/x.txt", "venv/x.txt", "myenv/lib/x.txt",
		"build/lib/x.txt", "dist/x.txt", "target/x.txt", "src/__pycache__/x.txt", ".tox/py/x.txt",
		".terraform/x.txt", "pkg.egg-info/x.txt", ".mlops/x.txt",
	} {
		write(t, dir, rel, "MARKER\n")
	}
	write(t, dir, "myenv/pyvenv.cfg", "home = /usr/bin\n")
	write(t, dir, "env/notes/x.txt", "MARKER\n") // "env" without pyvenv.cfg is an ordinary folder
	for _, rel := range []string{"testdata/x.txt", "tests/fixtures/x.txt", "mlruns/0/x.txt", "models/churn/x.txt"} {
		write(t, dir, rel, "MARKER\n") // fixtures, test data and logged models are not the project
	}
	write(t, dir, "models/churn/MLmodel", "flavors: {}\n")
	res, err := evidence.ScanDir(dir, cat, evidence.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := markerPaths(t, res); !slices.Equal(got, []string{"env/notes/x.txt"}) {
		t.Fatalf("evidence from %v, want only env/notes/x.txt", got)
	}
	// A build folder that is not Python build output holds build
	// configuration (Cloud Build files, CI scripts): it is read.
	dir2 := t.TempDir()
	write(t, dir2, "build/cloudbuild/x.txt", "MARKER\n")
	res, err = evidence.ScanDir(dir2, cat, evidence.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := markerPaths(t, res); !slices.Equal(got, []string{"build/cloudbuild/x.txt"}) {
		t.Fatalf("evidence from %v, want build/cloudbuild/x.txt", got)
	}
}

func TestSymlinksAreNeverFollowed(t *testing.T) {
	cat := customCatalog(t, markerRule)
	outside := t.TempDir()
	write(t, outside, "secret/x.txt", "MARKER\n")
	dir := t.TempDir()
	write(t, dir, "real.txt", "nothing\n")
	if err := os.Symlink(filepath.Join(outside, "secret"), filepath.Join(dir, "linked-dir")); err != nil {
		t.Skipf("symlinks unavailable: %v", err)
	}
	if err := os.Symlink(filepath.Join(outside, "secret", "x.txt"), filepath.Join(dir, "linked.txt")); err != nil {
		t.Fatal(err)
	}
	res, err := evidence.ScanDir(dir, cat, evidence.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f, _ := res.Finding("marker"); f.Detected {
		t.Fatalf("followed a symlink out of the tree: %+v", f.Evidence)
	}
	if res.Stats.NotRegular != 2 {
		t.Fatalf("stats %+v: want 2 links seen and skipped", res.Stats)
	}
}

func TestLargeAndBinaryFilesAreNotRead(t *testing.T) {
	cat := customCatalog(t, markerRule)
	huge := "MARKER\n" + strings.Repeat("x", 2<<20)
	binary := "MARKER\n\x00\x01\x02"
	res, err := evidence.Scan(fstest.MapFS{
		"huge.txt":   {Data: []byte(huge)},
		"binary.txt": {Data: []byte(binary)},
		"small.txt":  {Data: []byte("MARKER\n")},
	}, cat, evidence.Options{MaxFileSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	if got := markerPaths(t, res); !slices.Equal(got, []string{"small.txt"}) {
		t.Fatalf("evidence %v, want only small.txt", got)
	}
	if res.Stats.TooLarge != 1 || res.Stats.Binary != 1 || res.Stats.Read != 1 {
		t.Fatalf("stats %+v", res.Stats)
	}
}

func TestEvidenceIsBoundedAndOrdered(t *testing.T) {
	cat := customCatalog(t, markerRule)
	fsys := fstest.MapFS{}
	for _, name := range []string{"d.txt", "a.txt", "c.txt", "b.txt", "e.txt"} {
		fsys[name] = &fstest.MapFile{Data: []byte("MARKER\n")}
	}
	res, err := evidence.Scan(fsys, cat, evidence.Options{MaxEvidence: 3})
	if err != nil {
		t.Fatal(err)
	}
	if got := markerPaths(t, res); !slices.Equal(got, []string{"a.txt", "b.txt", "c.txt"}) {
		t.Fatalf("evidence %v", got)
	}
}

func TestScanDirErrors(t *testing.T) {
	if _, err := evidence.ScanDir(filepath.Join(t.TempDir(), "missing"), maturity.MustDefault(), evidence.Options{}); err == nil {
		t.Fatal("scanning a missing folder succeeded")
	}
	if _, err := evidence.Scan(fstest.MapFS{}, nil, evidence.Options{}); err == nil {
		t.Fatal("scanning without a catalog succeeded")
	}
}

// TestCaseFoldedPatterns checks the literal pre-check agrees with the regular
// expression when case is ignored, including runes that fold to ASCII.
func TestCaseFoldedPatterns(t *testing.T) {
	cat := customCatalog(t, "      - name: folded\n        files: [\"*.txt\"]\n        all: ['(?i)schedule']\n")
	for _, body := range []string{"SCHEDULE", "Schedule", "\u017fchedule"} {
		res, err := evidence.Scan(fstest.MapFS{"a.txt": {Data: []byte(body)}}, cat, evidence.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if f, _ := res.Finding("marker"); !f.Detected {
			t.Errorf("%q not matched by (?i)schedule", body)
		}
	}
}

func TestLineOfTheDecidingMatch(t *testing.T) {
	res := scanRepo(t, repo{".github/workflows/train.yml": "name: train\n\non:\n  schedule:\n    - cron: '0 3 * * 1'\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python train.py\n"})
	f, _ := res.Finding("automated_training")
	if !f.Detected || f.Evidence[0].Line != 4 || f.Evidence[0].String() != ".github/workflows/train.yml:4" {
		t.Fatalf("evidence %+v: want the schedule on line 4", f.Evidence)
	}
	if !bytes.Contains([]byte(f.Evidence[0].Rule), []byte("schedul")) {
		t.Fatalf("rule %q", f.Evidence[0].Rule)
	}
}
