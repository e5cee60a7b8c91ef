package evidence_test

import (
	"bytes"
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/evidence"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
)

// FuzzScan puts arbitrary content at an arbitrary path beside a CI pipeline:
// the scan must not fail or panic, must be deterministic although files are
// read in parallel, and every piece of evidence must point at a line of a
// file that exists.
func FuzzScan(f *testing.F) {
	f.Add(".github/workflows/train.yml", []byte("on:\n  schedule:\n    - cron: '0 3 * * 1'\njobs:\n  t:\n    steps:\n      - run: python train.py\n"))
	f.Add("tests/test_model.py", []byte("import joblib\n\ndef test_x():\n    joblib.load('m').predict([[1]])\n"))
	f.Add("monitoring/rules.yml", []byte("groups:\n- rules:\n  - alert: ModelDrift\n    expr: model_drift > 0.2\n"))
	f.Add("a.txt", []byte("\x00\xff(?i)\u017f"))
	cat := maturity.MustDefault()
	f.Fuzz(func(t *testing.T, name string, body []byte) {
		if !fstestValidPath(name) {
			return
		}
		fsys := fstest.MapFS{
			name:                        {Data: body},
			".gitlab-ci.yml":            {Data: []byte("test:\n  script:\n    - pytest\n")},
			"tests/test_placeholder.py": {Data: []byte("def test_ok():\n    pass\n")},
		}
		first, err := evidence.Scan(fsys, cat, evidence.Options{Workers: 3})
		if err != nil {
			t.Fatal(err)
		}
		second, err := evidence.Scan(fsys, cat, evidence.Options{Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(first.Findings, second.Findings) {
			t.Fatalf("scans differ:\n%+v\n%+v", first.Findings, second.Findings)
		}
		for _, fd := range first.Findings {
			if fd.Detected != (len(fd.Evidence) > 0) {
				t.Fatalf("%s: detected %v with %d pieces of evidence", fd.ID, fd.Detected, len(fd.Evidence))
			}
			for _, e := range fd.Evidence {
				file, ok := fsys[e.Path]
				if !ok {
					t.Fatalf("%s: evidence in a missing file %q", fd.ID, e.Path)
				}
				if lines := bytes.Count(file.Data, []byte{'\n'}) + 1; e.Line < 1 || e.Line > lines {
					t.Fatalf("%s: line %d outside 1..%d of %s", fd.ID, e.Line, lines, e.Path)
				}
			}
		}
	})
}

// fstestValidPath keeps names that fstest.MapFS serves as one file beside
// the two fixed ones.
func fstestValidPath(name string) bool {
	for _, fixed := range []string{".gitlab-ci.yml", "tests/test_placeholder.py"} {
		if name == fixed || strings.HasPrefix(name, fixed+"/") || strings.HasPrefix(fixed, name+"/") {
			return false
		}
	}
	return fs.ValidPath(name) && name != "."
}
