package report_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"image/png"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/report"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/testschemas"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// projectCase is one assessed project of the golden tests.
type projectCase struct {
	name  string
	input report.Input
}

// projectInput assesses a project that has every capability of levels
// 1..level and the first half of the next level's, aiming two levels higher.
// With exempt, one capability of the next level is exempted instead.
func projectInput(t testing.TB, level int, exempt bool) report.Input {
	t.Helper()
	c := maturity.MustDefault()
	ids := c.IDsOf(c.LevelSet(1, level))
	next := c.IDsOf(c.LevelSet(level+1, level+1))
	ids = append(ids, next[:len(next)/2]...)
	decl := maturity.Declaration{Capabilities: ids, Target: min(level+2, c.MaxLevel())}
	if exempt {
		decl.Exemptions = map[string]string{}
		if len(next) > 0 {
			decl.Exemptions[next[len(next)-1]] = "does not apply: batch scoring only, no service | no live traffic"
		} else {
			decl.Capabilities = ids[:len(ids)-1]
			decl.Exemptions[ids[len(ids)-1]] = "no production traffic to feed back"
		}
	}
	a, err := c.Evaluate(decl)
	if err != nil {
		t.Fatal(err)
	}
	if a.Current != level {
		t.Fatalf("test project meant for level %d is at level %d", level, a.Current)
	}
	return report.Input{Catalog: c, Assessment: a, Project: "churn-model", Exemptions: decl.Exemptions,
		Source: &report.Location{Path: "infra/mlops/main.tf", Line: 12}}
}

// projectCases are levels 0 to 4, with and without exemptions.
func projectCases(t testing.TB) []projectCase {
	var cases []projectCase
	for level := 0; level <= maturity.MustDefault().MaxLevel(); level++ {
		cases = append(cases,
			projectCase{fmt.Sprintf("level%d", level), projectInput(t, level, false)},
			projectCase{fmt.Sprintf("level%d-exempt", level), projectInput(t, level, true)})
	}
	return cases
}

// fleetOf builds a reproducible fleet of n projects spread over every level,
// some with a minimum level they miss.
func fleetOf(t testing.TB, n int) report.Fleet {
	t.Helper()
	c := maturity.MustDefault()
	rng := rand.New(rand.NewPCG(uint64(n), 42))
	teams := []string{"churn", "fraud", "pricing", "search-ranking", "demand-forecast", "recommendations", "credit-risk", "support-triage"}
	f := report.Fleet{Catalog: c}
	for i := range n {
		level := rng.IntN(c.MaxLevel() + 1)
		ids := c.IDsOf(c.LevelSet(1, level))
		for _, id := range c.IDsOf(c.LevelSet(level+1, c.MaxLevel())) {
			if rng.IntN(3) == 0 {
				ids = append(ids, id)
			}
		}
		decl := maturity.Declaration{Capabilities: ids, Target: min(level+rng.IntN(3), c.MaxLevel())}
		a, err := c.Evaluate(decl)
		if err != nil {
			t.Fatal(err)
		}
		p := report.Input{Assessment: a, Project: fmt.Sprintf("%s-%03d", teams[i%len(teams)], i)}
		if i%3 == 0 {
			minimum := min(a.Current+rng.IntN(2), c.MaxLevel())
			p.Minimum = &minimum
		}
		f.Projects = append(f.Projects, p)
	}
	return f
}

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/report -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from its golden file (run go test ./internal/report -update and review the diff)", name)
	}
}

// External references an SVG must not hold: it has to render on its own, in
// GitHub's image proxy and offline.
var externalRefs = []*regexp.Regexp{
	regexp.MustCompile(`(?i)<script`),
	regexp.MustCompile(`(?i)<image`),
	regexp.MustCompile(`(?i)<foreignObject`),
	regexp.MustCompile(`(?i)@import`),
	regexp.MustCompile(`(?i)@font-face`),
	regexp.MustCompile(`(?i)href\s*=`),
	regexp.MustCompile(`(?i)url\(\s*[^#\s]`),
	regexp.MustCompile(`(?i)\son[a-z]+\s*=`),
}

// checkSVG decodes the whole document as XML and rejects external
// references; it returns the declared width and height.
func checkSVG(t *testing.T, doc string) (width, height int) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(doc))
	depth, roots := 0, 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
				if el.Name.Local != "svg" || el.Name.Space != "http://www.w3.org/2000/svg" {
					t.Fatalf("root element is %v, want svg in the SVG namespace", el.Name)
				}
				for _, at := range el.Attr {
					switch at.Name.Local {
					case "width":
						width, _ = strconv.Atoi(at.Value)
					case "height":
						height, _ = strconv.Atoi(at.Value)
					}
				}
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	if roots != 1 || depth != 0 {
		t.Fatalf("SVG has %d root elements, ends at depth %d", roots, depth)
	}
	if width <= 0 || height <= 0 {
		t.Fatalf("SVG has no integer width and height (%d x %d)", width, height)
	}
	for _, re := range externalRefs {
		if loc := re.FindStringIndex(doc); loc != nil {
			t.Errorf("SVG holds an external reference or active content %q: %q", re, doc[loc[0]:min(loc[1]+40, len(doc))])
		}
	}
	return width, height
}

// renderPNG renders an SVG with rsvg-convert into dir and checks that the
// PNG has the SVG's size.
func renderPNG(t *testing.T, doc, dir, name string) {
	t.Helper()
	width, height := checkSVG(t, doc)
	rsvg, err := exec.LookPath("rsvg-convert")
	if err != nil {
		t.Fatal("rsvg-convert not found: install the Debian package librsvg2-bin (apt-get install librsvg2-bin)")
	}
	svgFile := filepath.Join(dir, name+".svg")
	pngFile := filepath.Join(dir, name+".png")
	if err := os.WriteFile(svgFile, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(rsvg, "--format", "png", "--output", pngFile, svgFile).CombinedOutput(); err != nil {
		t.Fatalf("rsvg-convert %s: %v\n%s", name, err, out)
	}
	f, err := os.Open(pngFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		t.Fatalf("%s: rendered PNG does not decode: %v", name, err)
	}
	if cfg.Width != width || cfg.Height != height {
		t.Errorf("%s: PNG is %dx%d, want %dx%d", name, cfg.Width, cfg.Height, width, height)
	}
}

// loadSARIFSchema compiles the vendored SARIF 2.1.0 schema once.
func loadSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	return testschemas.Must(t, testschemas.SARIF)
}
