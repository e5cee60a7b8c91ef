package report_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/report"
)

// explainedInput is a level 1 project whose folder was scanned: two
// detections (one of them in this provider's scaffold) and one declared
// capability without evidence.
func explainedInput(t *testing.T, require bool) report.Input {
	in := projectInput(t, 1, false)
	in.Scan = &report.Scan{
		Detections: []report.Detection{
			{Capability: "automated_builds", Rule: "github-actions-build", Path: ".github/workflows/ci.yml", Line: 14,
				Reason: "A GitHub Actions workflow on push or pull request installs, builds, lints or tests the project."},
			{Capability: "application_unit_tests", Rule: "ci-runs-tests", Path: "mlops/.github/workflows/test.yml", Line: 9,
				Reason: "CI runs the test suite and the repository holds tests for it.", Scaffolded: true},
		},
		DeclaredWithoutEvidence: []string{"scoring_script_versioned"},
		Require:                 require,
	}
	return in
}

func TestJSONExplainsEvidence(t *testing.T) {
	out := must(t)(report.JSON(explainedInput(t, false)))
	var doc struct {
		Evidence                []map[string]any `json:"evidence"`
		DeclaredWithoutEvidence []string         `json:"declared_without_evidence"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Evidence) != 2 {
		t.Fatalf("evidence %v, want 2 detections", doc.Evidence)
	}
	first := doc.Evidence[0]
	for _, k := range []string{"capability", "rule", "path", "line", "reason"} {
		if _, ok := first[k]; !ok {
			t.Errorf("detection %v has no %q", first, k)
		}
	}
	if first["rule"] != "github-actions-build" || first["line"] != float64(14) || first["scaffolded"] != nil {
		t.Errorf("first detection %v", first)
	}
	if doc.Evidence[1]["scaffolded"] != true {
		t.Errorf("scaffold detection not labelled: %v", doc.Evidence[1])
	}
	if strings.Join(doc.DeclaredWithoutEvidence, ",") != "scoring_script_versioned" {
		t.Errorf("declared_without_evidence %v", doc.DeclaredWithoutEvidence)
	}
	// Without a scan the document has neither field.
	plain := must(t)(report.JSON(projectInput(t, 1, false)))
	if strings.Contains(plain, `"evidence": [`) || strings.Contains(plain, "declared_without_evidence") {
		t.Errorf("report without a scan explains evidence:\n%s", plain)
	}
}

func TestMarkdownExplainsEvidence(t *testing.T) {
	md := must(t)(report.Markdown(explainedInput(t, false)))
	for _, want := range []string{
		"| `automated_builds` | `.github/workflows/ci.yml:14` | `github-actions-build` | A GitHub Actions workflow",
		"`ci-runs-tests` | CI runs the test suite and the repository holds tests for it. *(scaffolded by this provider, not yet adopted)* |",
		"✅ Versioned scoring script (declared, no evidence found)",
		"Declared without evidence, they count as met only because they are declared (evidence_mode \"report\"): `scoring_script_versioned`.",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
	// A met capability beside "no evidence" is always said so: no cell shows
	// the declared capability as plainly met.
	if strings.Contains(md, "✅ Versioned scoring script<br>") || strings.Contains(md, "✅ Versioned scoring script |") {
		t.Errorf("a declared capability without evidence is shown plainly met:\n%s", md)
	}
	req := must(t)(report.Markdown(explainedInput(t, true)))
	if !strings.Contains(req, "they count as gaps (evidence_mode \"require\")") {
		t.Errorf("require mode not said:\n%s", req)
	}
}

func TestSARIFNamesTheEvidenceRule(t *testing.T) {
	out := must(t)(report.SARIF(explainedInput(t, false)))
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID     string `json:"ruleId"`
				Kind       string `json:"kind"`
				Message    struct{ Text string }
				Properties map[string]any `json:"properties"`
				Locations  []struct {
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
	var passes int
	for _, r := range log.Runs[0].Results {
		if r.Kind != "pass" {
			continue
		}
		passes++
		if r.RuleID == "automated_builds" {
			loc := r.Locations[0].PhysicalLocation
			if r.Properties["evidence_rule"] != "github-actions-build" || !strings.Contains(r.Message.Text, `rule "github-actions-build"`) ||
				loc.ArtifactLocation.URI != ".github/workflows/ci.yml" || loc.Region.StartLine != 14 {
				t.Errorf("detection result %+v", r)
			}
		}
	}
	if passes != 2 {
		t.Errorf("%d passing results, want one per detection (2)", passes)
	}
	doc, err := jsonDecode(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := loadSARIFSchema(t).Validate(doc); err != nil {
		t.Errorf("SARIF with detections does not validate against the 2.1.0 schema: %v", err)
	}
}
