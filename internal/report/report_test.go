package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/report"
)

// pngDir is where the rendered PNGs go: a temporary folder, or
// MLOPS_REPORT_PNG_DIR to keep them for a look.
func pngDir(t *testing.T) string {
	if d := os.Getenv("MLOPS_REPORT_PNG_DIR"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// must fails the test on a rendering error: must(t)(report.Markdown(in)).
func must(t *testing.T) func(string, error) string {
	return func(s string, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
}

func TestProjectReportsGolden(t *testing.T) {
	dir := pngDir(t)
	for _, pc := range projectCases(t) {
		t.Run(pc.name, func(t *testing.T) {
			formats := []struct {
				ext    string
				render func(report.Input) (string, error)
			}{
				{"md", report.Markdown},
				{"scorecard.svg", report.Scorecard},
				{"badge.svg", report.Badge},
				{"endpoint.json", report.BadgeEndpoint},
				{"sarif", report.SARIF},
				{"json", report.JSON},
			}
			for _, f := range formats {
				out := must(t)(f.render(pc.input))
				golden(t, pc.name+"."+f.ext, []byte(out))
				if strings.HasSuffix(f.ext, ".svg") {
					renderPNG(t, out, dir, pc.name+"."+strings.TrimSuffix(f.ext, ".svg"))
				}
			}
		})
	}
}

func TestMarkdown(t *testing.T) {
	c := maturity.MustDefault()
	level1 := c.IDsOf(c.LevelSet(1, 1))
	exemptions := map[string]string{"ab_testing": "no live traffic | yet"}
	a, err := c.Evaluate(maturity.Declaration{Capabilities: level1, Exemptions: exemptions, Target: 3})
	if err != nil {
		t.Fatal(err)
	}
	in := report.Input{Catalog: c, Assessment: a, Project: "churn-model", Exemptions: exemptions,
		Writes: []string{"src/x/train.py (experiment_tracking)"}, Evidence: map[string][]string{"automated_builds": {".github/workflows/ci.yml:1"}}}
	md := must(t)(report.Markdown(in))
	for _, want := range []string{
		"# MLOps maturity of churn-model: level 1 (DevOps but no MLOps)\n",
		"- Target: level 3 (Automated Model Deployment), not met\n",
		"- Next level: 2 (Automated Training), 9 missing\n",
		"| Level | People | Model creation | Model release | Application integration | Technology | Highlights |\n",
		"| **1** DevOps but no MLOps (current) | · | ✅ Automated data pipeline |",
		"| **3** Automated Model Deployment (target) |",
		"➖ A/B testing (exempted: no live traffic \\| yet)",
		"❌ Experiment tracking",
		"### Level 2: Automated Training\n",
		"- [ ] **Experiment tracking** (`experiment_tracking`, Model creation): Every training run",
		"## Exemptions\n\n- `ab_testing`: no live traffic \\| yet\n",
		"## Evidence\n\n- `automated_builds`: .github/workflows/ci.yml:1\n",
		"## Next apply writes\n\n- src/x/train.py (experiment_tracking)\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "- [ ] **A/B testing**") {
		t.Error("an exempted capability must not be listed as a gap")
	}
	// Every table row has as many cells as the header.
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "| **") {
			if n := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|"); n != len(c.Dimensions)+2 {
				t.Errorf("row has %d separators, want %d: %s", n, len(c.Dimensions)+2, line)
			}
		}
	}

	top, err := c.Evaluate(maturity.Declaration{Capabilities: c.IDsOf(c.LevelSet(1, 4)), Target: 4})
	if err != nil {
		t.Fatal(err)
	}
	md = must(t)(report.Markdown(report.Input{Catalog: c, Assessment: top}))
	for _, want := range []string{"# MLOps maturity: level 4", "top level is reached", "No gaps up to the target level.", "(current, target)"} {
		if !strings.Contains(md, want) {
			t.Errorf("top-level report lacks %q:\n%s", want, md)
		}
	}
}

func TestBadRequestsAreErrors(t *testing.T) {
	c := maturity.MustDefault()
	bad := []report.Input{
		{},
		{Catalog: c, Assessment: maturity.Assessment{Current: 9}},
		{Catalog: c, Assessment: maturity.Assessment{Target: -1}},
	}
	for i, in := range bad {
		for name, render := range map[string]func(report.Input) (string, error){
			"Markdown": report.Markdown, "Scorecard": report.Scorecard, "Badge": report.Badge,
			"BadgeEndpoint": report.BadgeEndpoint, "SARIF": report.SARIF, "JSON": report.JSON,
		} {
			if _, err := render(in); err == nil {
				t.Errorf("%s of bad input %d: no error", name, i)
			}
		}
	}
}

func TestSARIFValidatesAgainstTheSchema(t *testing.T) {
	schema := loadSARIFSchema(t)
	c := maturity.MustDefault()
	for _, pc := range projectCases(t) {
		t.Run(pc.name, func(t *testing.T) {
			out := must(t)(report.SARIF(pc.input))
			var log struct {
				Version string `json:"version"`
				Runs    []struct {
					Tool struct {
						Driver struct {
							Name  string `json:"name"`
							Rules []struct {
								ID               string                `json:"id"`
								ShortDescription struct{ Text string } `json:"shortDescription"`
								FullDescription  struct{ Text string } `json:"fullDescription"`
								Help             struct{ Text, Markdown string }
								HelpURI          string `json:"helpUri"`
							} `json:"rules"`
						} `json:"driver"`
					} `json:"tool"`
					Results []struct {
						RuleID    string `json:"ruleId"`
						RuleIndex int    `json:"ruleIndex"`
						Level     string `json:"level"`
						Message   struct{ Text string }
						Locations []struct {
							PhysicalLocation struct {
								ArtifactLocation struct{ URI string }    `json:"artifactLocation"`
								Region           struct{ StartLine int } `json:"region"`
							} `json:"physicalLocation"`
						} `json:"locations"`
					} `json:"results"`
				} `json:"runs"`
			}
			if err := json.Unmarshal([]byte(out), &log); err != nil {
				t.Fatal(err)
			}
			if log.Version != "2.1.0" || len(log.Runs) != 1 {
				t.Fatalf("version %q with %d runs, want 2.1.0 with 1", log.Version, len(log.Runs))
			}
			run := log.Runs[0]
			rules := run.Tool.Driver.Rules
			if len(rules) != len(c.Capabilities) {
				t.Errorf("%d rules, want one per capability (%d)", len(rules), len(c.Capabilities))
			}
			for i, r := range rules {
				cp := &c.Capabilities[i]
				if r.ID != cp.ID || r.ShortDescription.Text != cp.Title || r.FullDescription.Text != cp.Description ||
					!strings.Contains(r.Help.Text, cp.SeedReference.Section) || !strings.HasSuffix(r.HelpURI, "#"+cp.SeedReference.Section) {
					t.Errorf("rule %d does not describe %s: %+v", i, cp.ID, r)
				}
			}
			gaps := c.CapabilitiesOf(pc.input.Assessment.Gaps)
			if len(run.Results) != len(gaps) {
				t.Fatalf("%d results, want one per gap (%d)", len(run.Results), len(gaps))
			}
			for i, res := range run.Results {
				cp := gaps[i]
				want := "warning"
				if cp.Level == pc.input.Assessment.Next {
					want = "error"
				}
				if res.RuleID != cp.ID || rules[res.RuleIndex].ID != cp.ID || res.Level != want || !strings.Contains(res.Message.Text, cp.Title) {
					t.Errorf("result %d for %s (level %d): %+v, want level %s", i, cp.ID, cp.Level, res, want)
				}
				if len(res.Locations) != 1 || res.Locations[0].PhysicalLocation.ArtifactLocation.URI != "infra/mlops/main.tf" ||
					res.Locations[0].PhysicalLocation.Region.StartLine != 12 {
					t.Errorf("result %d is not located at the declaring file: %+v", i, res.Locations)
				}
			}
			doc, err := jsonDecode(out)
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate(doc); err != nil {
				t.Errorf("SARIF does not validate against the 2.1.0 schema: %v", err)
			}
		})
	}
}

func TestSARIFWithoutLocation(t *testing.T) {
	in := projectInput(t, 1, false)
	in.Source = nil
	out := must(t)(report.SARIF(in))
	if strings.Contains(out, `"locations"`) || !strings.Contains(out, `"results":[{`) {
		t.Errorf("without a source file, results have no location (GitHub rejects a logical-only one):\n%s", out)
	}
	in.Source = &report.Location{Path: "main.tf"}
	out = must(t)(report.SARIF(in))
	if !strings.Contains(out, `"artifactLocation":{"uri":"main.tf","uriBaseId":"%SRCROOT%"}`) || strings.Contains(out, `"region"`) {
		t.Errorf("a source file without a line is a whole-file location:\n%s", out)
	}
	schema := loadSARIFSchema(t)
	doc, err := jsonDecode(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Error(err)
	}
}

func jsonDecode(s string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	return v, dec.Decode(&v)
}

func TestJSONRoundTrips(t *testing.T) {
	for _, pc := range projectCases(t) {
		t.Run(pc.name, func(t *testing.T) {
			out := must(t)(report.JSON(pc.input))
			var doc report.Document
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
				t.Errorf("JSON does not round-trip:\n%s\n---\n%s", out, again)
			}
			a, c := pc.input.Assessment, pc.input.Catalog
			if doc.CurrentLevel != a.Current || doc.TargetLevel != a.Target || !slices.Equal(doc.Gaps, c.IDsOf(a.Gaps)) ||
				len(doc.Capabilities) != len(c.Capabilities) || len(doc.DimensionScores) != len(c.Dimensions) {
				t.Errorf("document does not match the assessment: %+v", doc)
			}
			for _, cs := range doc.Capabilities {
				if (cs.Status == report.StatusExempted) != (cs.ExemptionReason != "") {
					t.Errorf("%s: status %s with exemption reason %q", cs.ID, cs.Status, cs.ExemptionReason)
				}
			}
		})
	}
}

func TestBadgeEndpointHasTheShieldsFields(t *testing.T) {
	names := []string{"red", "orange", "yellow", "yellowgreen", "brightgreen"}
	for level := 0; level <= 4; level++ {
		out := must(t)(report.BadgeEndpoint(projectInput(t, level, false)))
		var m map[string]any
		if err := json.Unmarshal([]byte(out), &m); err != nil {
			t.Fatal(err)
		}
		want := map[string]any{"schemaVersion": float64(1), "label": "MLOps level", "message": fmt.Sprintf("%d/4", level), "color": names[level]}
		if len(m) != len(want) {
			t.Errorf("level %d: endpoint JSON has fields %v, want exactly %v", level, m, want)
		}
		for k, v := range want {
			if m[k] != v {
				t.Errorf("level %d: %s = %v, want %v", level, k, m[k], v)
			}
		}
		badge := must(t)(report.Badge(projectInput(t, level, false)))
		if !strings.Contains(badge, ">MLOps level</text>") || !strings.Contains(badge, fmt.Sprintf(">%d/4</text>", level)) {
			t.Errorf("level %d badge does not read \"MLOps level %d/4\":\n%s", level, level, badge)
		}
	}
}

func TestProjectFiles(t *testing.T) {
	in := projectInput(t, 2, true)
	files, err := report.ProjectFiles(in)
	if err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(files))
	for k := range files {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"MATURITY.md", "docs/maturity/badge.svg", "docs/maturity/scorecard.svg"}; !slices.Equal(keys, want) {
		t.Fatalf("files %v, want %v", keys, want)
	}
	md := string(files["MATURITY.md"])
	links := regexp.MustCompile(`!\[[^\]]*\]\(([^)]+)\)`).FindAllStringSubmatch(md, -1)
	if len(links) != 2 {
		t.Fatalf("MATURITY.md shows %d pictures, want the badge and the scorecard:\n%s", len(links), md)
	}
	for _, l := range links {
		target := path.Clean(l[1])
		if path.IsAbs(target) || strings.HasPrefix(target, "..") || files[target] == nil {
			t.Errorf("MATURITY.md links %q, which is not a relative path to one of the files", l[1])
		}
	}
	for p, content := range files {
		if strings.HasSuffix(p, ".svg") {
			checkSVG(t, string(content))
		}
	}
	scorecard := must(t)(report.Scorecard(in))
	if !bytes.Equal(files["docs/maturity/scorecard.svg"], []byte(scorecard)) {
		t.Error("the scaffold's scorecard differs from Scorecard's")
	}
}

func TestScorecardMarksTheLevels(t *testing.T) {
	for _, pc := range projectCases(t) {
		out := must(t)(report.Scorecard(pc.input))
		a := pc.input.Assessment
		for _, want := range []string{">churn-model</text>", fmt.Sprintf(">Level %d of 4: ", a.Current), ">current</text>", ">target</text>", ">all met</text>"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: scorecard lacks %q", pc.name, want)
			}
		}
	}
}

func BenchmarkMarkdown(b *testing.B) {
	in := projectInput(b, 1, true)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := report.Markdown(in); err != nil {
			b.Fatal(err)
		}
	}
}
