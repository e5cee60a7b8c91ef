package evidence_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/evidence"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
)

// benchFiles is the size of the generated tree.
const benchFiles = 50_000

// writeBenchTree writes a repository of n files shaped like a large ML
// monorepo: Python packages with tests (most files), data and config files,
// notes and binary assets, plus a few CI pipelines, so the scan reads and
// matches files the way it does on a real repository.
func writeBenchTree(tb testing.TB, dir string, n int) {
	tb.Helper()
	py := []byte("import numpy as np\nfrom sklearn.linear_model import LogisticRegression\n\n\ndef fit(x, y):\n    model = LogisticRegression()\n    model.fit(x, y)\n    return model\n\n\ndef predict(model, x):\n    return model.predict(x)\n")
	test := []byte("from pkg import mod\n\n\ndef test_predict():\n    assert mod.predict is not None\n")
	csv := []byte("id,feature_a,feature_b,label\n1,0.5,0.25,1\n2,0.75,0.5,0\n")
	yml := []byte("name: config\nparams:\n  alpha: 0.5\n  l1_ratio: 0.1\n")
	md := []byte("# Notes\n\nExperiments of the week.\n")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	kinds := []struct {
		rel  string
		body []byte
	}{
		{"src/pkg%03d/module_%05d.py", py}, {"src/pkg%03d/module_%05d.py", py}, {"src/pkg%03d/module_%05d.py", py},
		{"src/pkg%03d/model_%05d.py", py}, {"tests/pkg%03d/test_module_%05d.py", test}, {"tests/pkg%03d/test_model_%05d.py", test},
		{"data/part%03d/rows_%05d.csv", csv}, {"configs/c%03d/params_%05d.yaml", yml}, {"docs/d%03d/note_%05d.md", md},
		{"assets/a%03d/plot_%05d.png", png},
	}
	perDir := 50
	for i := 0; i < n; i++ {
		k := kinds[i%len(kinds)]
		group := i / len(kinds)
		rel := fmt.Sprintf(k.rel, group/perDir, i)
		writeFile(tb, dir, rel, k.body)
	}
	writeFile(tb, dir, ".github/workflows/ci.yml", []byte("on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pip install -r requirements.txt\n      - run: pytest\n"))
	writeFile(tb, dir, ".github/workflows/train.yml", []byte("on:\n  schedule:\n    - cron: \"0 3 * * 1\"\njobs:\n  train:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python src/train.py\n"))
}

func writeFile(tb testing.TB, dir, rel string, body []byte) {
	tb.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(p, body, 0o644); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkScan50k scans a generated tree of 50,000 files with the built-in
// catalog's rules and reports files per second.
func BenchmarkScan50k(b *testing.B) {
	dir := b.TempDir()
	writeBenchTree(b, dir, benchFiles)
	cat := maturity.MustDefault()
	var res *evidence.Result
	cpu0, cpuOK := cpuTime()
	for b.Loop() {
		var err error
		if res, err = evidence.ScanDir(dir, cat, evidence.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	if res.Stats.Files < benchFiles {
		b.Fatalf("scanned %d files, want %d", res.Stats.Files, benchFiles)
	}
	b.ReportMetric(float64(res.Stats.Files)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
	// CPU time, user and system, tells the cost of a scan on a shared
	// machine where wall time depends on the neighbours.
	if cpu1, ok := cpuTime(); ok && cpuOK {
		b.ReportMetric((cpu1-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	}
	b.ReportMetric(float64(res.Stats.Read), "files-read/op")
}
