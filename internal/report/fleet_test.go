package report_test

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/report"
)

var fleetSizes = []int{1, 20, 200}

func TestFleetGolden(t *testing.T) {
	dir := pngDir(t)
	for _, n := range fleetSizes {
		t.Run(fmt.Sprintf("fleet%d", n), func(t *testing.T) {
			f := fleetOf(t, n)
			name := fmt.Sprintf("fleet%d", n)
			md := must(t)(report.FleetMarkdown(f))
			golden(t, name+".md", []byte(md))
			js := must(t)(report.FleetJSON(f))
			golden(t, name+".json", []byte(js))
			svg := must(t)(report.FleetScorecard(f))
			golden(t, name+".svg", []byte(svg))
			renderPNG(t, svg, dir, name)
			for _, p := range f.Projects {
				if !strings.Contains(svg, ">"+p.Project+"</text>") {
					t.Errorf("fleet picture lacks project %s", p.Project)
				}
			}
		})
	}
}

func TestFleetSummary(t *testing.T) {
	for _, n := range fleetSizes {
		f := fleetOf(t, n)
		s, err := f.Summarize()
		if err != nil {
			t.Fatal(err)
		}
		total := 0
		for _, count := range s.Histogram {
			total += count
		}
		if total != n || len(s.Levels) != n || len(s.Order) != n {
			t.Errorf("fleet of %d: histogram counts %d, levels %d, order %d", n, total, len(s.Levels), len(s.Order))
		}
		var wantBelow []string
		sums := make([]float64, len(f.Catalog.Dimensions))
		for _, p := range f.Projects {
			if p.Minimum != nil && p.Assessment.Current < *p.Minimum {
				wantBelow = append(wantBelow, p.Project)
			}
			for d, score := range f.Catalog.DimensionScores(p.Assessment) {
				sums[d] += score
			}
		}
		slices.Sort(wantBelow)
		if !slices.Equal(s.BelowMinimum, wantBelow) && (len(wantBelow) > 0 || len(s.BelowMinimum) > 0) {
			t.Errorf("fleet of %d: below minimum %v, want %v", n, s.BelowMinimum, wantBelow)
		}
		if n >= 20 && len(wantBelow) == 0 {
			t.Errorf("the fleet of %d has no project below its minimum: the test fleet should have some", n)
		}
		for d := range sums {
			if math.Abs(s.DimensionScores[d]-sums[d]/float64(n)) > 1e-9 {
				t.Errorf("fleet of %d: dimension %d average %v, want %v", n, d, s.DimensionScores[d], sums[d]/float64(n))
			}
		}
		for i := 1; i < len(s.Order); i++ {
			a, b := f.Projects[s.Order[i-1]], f.Projects[s.Order[i]]
			if a.Assessment.Current > b.Assessment.Current || (a.Assessment.Current == b.Assessment.Current && a.Project > b.Project) {
				t.Errorf("fleet of %d: %s (level %d) is sorted before %s (level %d)", n, a.Project, a.Assessment.Current, b.Project, b.Assessment.Current)
			}
		}
	}
}

func TestFleetJSONRoundTrips(t *testing.T) {
	f := fleetOf(t, 20)
	out := must(t)(report.FleetJSON(f))
	var doc report.FleetDocument
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	again, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if string(again)+"\n" != out {
		t.Error("fleet JSON does not round-trip")
	}
	if doc.ProjectCount != 20 || len(doc.Projects) != 20 || len(doc.LevelHistogram) != 5 {
		t.Errorf("fleet document: %d projects (%d listed), histogram %v", doc.ProjectCount, len(doc.Projects), doc.LevelHistogram)
	}
}

func TestEmptyFleet(t *testing.T) {
	f := report.Fleet{Catalog: maturity.MustDefault()}
	md := must(t)(report.FleetMarkdown(f))
	if !strings.Contains(md, "portfolio: 0 projects") {
		t.Errorf("empty fleet report:\n%s", md)
	}
	svg := must(t)(report.FleetScorecard(f))
	checkSVG(t, svg)
	js := must(t)(report.FleetJSON(f))
	var doc report.FleetDocument
	if err := json.Unmarshal([]byte(js), &doc); err != nil || doc.ProjectCount != 0 || doc.Projects == nil || doc.BelowMinimum == nil {
		t.Errorf("empty fleet JSON (%v): %s", err, js)
	}
}

func TestFleetRejectsDuplicateNames(t *testing.T) {
	f := fleetOf(t, 2)
	f.Projects[1].Project = f.Projects[0].Project
	if _, err := f.Summarize(); err == nil {
		t.Error("two projects with one name must be an error")
	}
}

// TestDocsPictures keeps the pictures the README shows (docs/images) equal to
// what the package draws; -update rewrites them.
func TestDocsPictures(t *testing.T) {
	pictures := map[string]func() (string, error){
		"scorecard.svg": func() (string, error) { return report.Scorecard(projectInput(t, 2, true)) },
		"badge.svg":     func() (string, error) { return report.Badge(projectInput(t, 2, true)) },
		"portfolio.svg": func() (string, error) { return report.FleetScorecard(fleetOf(t, 20)) },
	}
	for name, draw := range pictures {
		got := must(t)(draw())
		file := filepath.Join("..", "..", "docs", "images", name)
		if *update {
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (run go test ./internal/report -update to create it)", err)
		}
		if string(want) != got {
			t.Errorf("docs/images/%s is out of date: run go test ./internal/report -update", name)
		}
	}
}

// TestHostileNamesStayText: names with markup characters are escaped in
// every format, so they can neither break the XML nor the Markdown table.
func TestHostileNamesStayText(t *testing.T) {
	const name = `<script>alert("x")</script> & 'q' | pipe`
	f := fleetOf(t, 3)
	f.Projects[0].Project = name
	checkSVG(t, must(t)(report.FleetScorecard(f)))
	md := must(t)(report.FleetMarkdown(f))
	if strings.Contains(md, "<script>") || !strings.Contains(md, `\| pipe`) {
		t.Errorf("fleet Markdown does not escape the name:\n%s", md)
	}
	in := projectInput(t, 1, true)
	in.Project = name
	checkSVG(t, must(t)(report.Scorecard(in)))
	if md := must(t)(report.Markdown(in)); strings.Contains(md, "<script>") {
		t.Errorf("Markdown does not escape the name:\n%s", md)
	}
	var doc report.Document
	if err := json.Unmarshal([]byte(must(t)(report.JSON(in))), &doc); err != nil || doc.Project != name {
		t.Errorf("JSON loses the name (%v): %q", err, doc.Project)
	}
}

func BenchmarkFleetScorecard200(b *testing.B) {
	f := fleetOf(b, 200)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := report.FleetScorecard(f); err != nil {
			b.Fatal(err)
		}
	}
}
