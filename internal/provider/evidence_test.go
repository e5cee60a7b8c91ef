package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// detectedIsScaffolded is a state check: detected_capabilities holds every
// catalog capability the manifest in dir has files of (a scaffold may also
// show capabilities of lower levels: a training workflow runs the ingest).
type detectedIsScaffolded struct{ dir string }

func (c detectedIsScaffolded) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	attrs, err := stateAttributes(req.State, targetAddress)
	if err != nil {
		resp.Error = err
		return
	}
	m, err := scaffold.ReadManifest(c.dir)
	if err != nil || m == nil {
		resp.Error = fmt.Errorf("manifest: %w", err)
		return
	}
	want := []string{}
	for _, f := range m.Files {
		if _, ok := maturity.MustDefault().Lookup(f.Capability); ok && !slices.Contains(want, f.Capability) {
			want = append(want, f.Capability)
		}
	}
	got := []string{}
	raw, _ := attrs["detected_capabilities"].([]any)
	for _, v := range raw {
		got = append(got, fmt.Sprint(v))
	}
	sort.Strings(want)
	sort.Strings(got)
	for _, id := range want {
		if !slices.Contains(got, id) {
			resp.Error = fmt.Errorf("scaffolded %s is not detected: detected %v, scaffolded %v", id, got, want)
			return
		}
	}
	if len(want) < 9 {
		resp.Error = fmt.Errorf("only %v were scaffolded", want)
	}
}

// TestMaturityTargetEvidenceClosesTheLoop: with evidence_dir = output_dir,
// the plan detects what apply scaffolds, the re-plan after apply is empty,
// and evidence_mode = "require" makes the level follow the folder.
func TestMaturityTargetEvidenceClosesTheLoop(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "project")
	withEvidence := func(mode string) string {
		return targetConfig(dir, fmt.Sprintf("  evidence_dir  = %q\n  evidence_mode = %q", dir, mode))
	}
	level1 := maturity.MustDefault().IDsOf(maturity.MustDefault().LevelSet(1, 1))
	resource.UnitTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: withEvidence("report"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					// In report mode the declaration counts; the plan already
					// sees the scaffold it is about to write.
					plancheck.ExpectKnownValue(targetAddress, at("current_level"), knownvalue.Int64Exact(1)),
					plancheck.ExpectKnownValue(targetAddress, at("detected_not_declared"), knownvalue.ListPartial(map[int]knownvalue.Check{
						0: knownvalue.StringExact("ds_de_collaboration"),
					})),
				}},
				ConfigStateChecks: []statecheck.StateCheck{detectedIsScaffolded{dir: dir}, expectFilesOnDisk(dir, 15)},
			},
			{
				Config:           withEvidence("report"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config: withEvidence("require"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					// The level 1 capabilities are declared, but the folder shows
					// only some of them: the level follows the folder.
					plancheck.ExpectKnownValue(targetAddress, at("current_level"), knownvalue.Int64Exact(0)),
					plancheck.ExpectKnownValue(targetAddress, at("declared_without_evidence"), knownvalue.ListPartial(map[int]knownvalue.Check{
						0: knownvalue.StringRegexp(wrapTolerant(`^(` + strings.Join(level1, "|") + `)$`)),
					})),
				}},
				// Apply scaffolds the level 1 gaps; they count from the next plan on.
				ExpectNonEmptyPlan: true,
			},
			{
				Config: withEvidence("require"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(targetAddress, at("current_level"), knownvalue.Int64Exact(1)),
					plancheck.ExpectKnownValue(targetAddress, at("declared_without_evidence"), knownvalue.ListSizeExact(0)),
				}},
			},
			{
				Config:           withEvidence("require"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// TestMaturityTargetDataSourceEvidence scans mlflow/mlflow-example from the
// evidence corpus: the data source shows declared against detected, the
// evidence by path and line, explains each detection in report_json (the
// capability, the rule that decided, the deciding line and the rule's
// reason) and names the rule in the Markdown and SARIF reports; in require
// mode it scores only what it found.
func TestMaturityTargetDataSourceEvidence(t *testing.T) {
	repo, err := filepath.Abs("../evidence/testdata/repos/mlflow-example")
	if err != nil {
		t.Fatal(err)
	}
	const address = "data.mlops_maturity_target.test"
	config := func(mode string) string {
		return fmt.Sprintf(`
data "mlops_maturity_target" "test" {
  target_level  = 2
  capabilities  = ["experiment_tracking", "model_registry", "automated_builds"]
  evidence_dir  = %q
  evidence_mode = %q
}`, repo, mode)
	}
	ids := func(v ...string) knownvalue.Check {
		checks := make([]knownvalue.Check, len(v))
		for i, id := range v {
			checks[i] = knownvalue.StringExact(id)
		}
		return knownvalue.ListExact(checks)
	}
	resource.UnitTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config("report"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(address, at("detected_capabilities"), ids("experiment_tracking", "managed_compute")),
					statecheck.ExpectKnownValue(address, at("declared_without_evidence"), ids("automated_builds", "model_registry")),
					statecheck.ExpectKnownValue(address, at("detected_not_declared"), ids("managed_compute")),
					statecheck.ExpectKnownValue(address, at("evidence").AtMapKey("experiment_tracking"), knownvalue.ListPartial(map[int]knownvalue.Check{
						0: knownvalue.StringExact("MLproject:5"),
					})),
					statecheck.ExpectKnownValue(address, at("report_json"), knownvalue.StringFunc(checkEvidenceExplained)),
					// The Markdown names the rule and never shows a declared
					// capability as met beside "no evidence" without saying so.
					statecheck.ExpectKnownValue(address, at("report"), knownvalue.StringRegexp(wrapTolerant(
						"(?s)`experiment_tracking` \\| `MLproject:5` \\| `mlproject` \\|.*Model registry \\(declared, no evidence found\\)|"+
							"(?s)Model registry \\(declared, no evidence found\\).*`experiment_tracking` \\| `MLproject:5` \\| `mlproject` \\|"))),
					statecheck.ExpectKnownValue(address, at("report"), knownvalue.StringRegexp(wrapTolerant(
						"Declared without evidence, they count as met only because they are declared \\(evidence_mode \"report\"\\): `automated_builds`, `model_registry`"))),
					statecheck.ExpectKnownValue(address, at("report_sarif"), knownvalue.StringRegexp(wrapTolerant(`"evidence_rule":"mlproject"`))),
				},
			},
			{
				Config: config("require"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(address, at("current_level"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue(address, at("gaps"), knownvalue.SetPartial([]knownvalue.Check{knownvalue.StringExact("automated_builds")})),
					statecheck.ExpectKnownValue(address, at("report"), knownvalue.StringRegexp(wrapTolerant(
						"Declared without evidence, they count as gaps \\(evidence_mode \"require\"\\)"))),
				},
			},
		},
	})
}

// checkEvidenceExplained checks report_json's evidence list against the
// files of mlflow-example: each detection names its capability, the catalog
// rule that decided, the deciding line (which holds what the rule looks
// for) and the rule's reason.
func checkEvidenceExplained(doc string) error {
	var d struct {
		Evidence []struct {
			Capability string `json:"capability"`
			Rule       string `json:"rule"`
			Path       string `json:"path"`
			Line       int    `json:"line"`
			Reason     string `json:"reason"`
		} `json:"evidence"`
		DeclaredWithoutEvidence []string `json:"declared_without_evidence"`
	}
	if err := json.Unmarshal([]byte(doc), &d); err != nil {
		return err
	}
	type key struct{ capability, rule, path string }
	want := map[key]string{ // deciding line's text
		{"managed_compute", "mlproject-environment", "MLproject"}:      "conda_env: conda.yaml",
		{"experiment_tracking", "mlproject", "MLproject"}:              "entry_points:",
		{"experiment_tracking", "training-code-logs-runs", "train.py"}: "with mlflow.start_run():",
	}
	seen := map[key]bool{}
	for _, e := range d.Evidence {
		k := key{e.Capability, e.Rule, e.Path}
		text, ok := want[k]
		if !ok {
			return fmt.Errorf("unexpected detection %+v", e)
		}
		if e.Reason == "" || e.Reason == e.Rule {
			return fmt.Errorf("detection %+v has no reason in words", e)
		}
		lines, err := os.ReadFile(filepath.Join("..", "evidence", "testdata", "repos", "mlflow-example", e.Path))
		if err != nil {
			return err
		}
		all := strings.Split(string(lines), "\n")
		if e.Line < 1 || e.Line > len(all) || strings.TrimSpace(all[e.Line-1]) != text {
			return fmt.Errorf("detection %+v points at a line that is not %q", e, text)
		}
		seen[k] = true
	}
	if len(seen) != len(want) {
		return fmt.Errorf("detections %+v, want %d", d.Evidence, len(want))
	}
	if !slices.Equal(d.DeclaredWithoutEvidence, []string{"automated_builds", "model_registry"}) {
		return fmt.Errorf("declared_without_evidence %v", d.DeclaredWithoutEvidence)
	}
	return nil
}

// TestDataSourceLabelsTheScaffold: a repository whose mlops folder holds
// this provider's scaffold. The data source scanning the repository labels
// the detections in the unedited generated files as scaffolded (not the
// team's work yet); once the team edits a file, its detections are theirs.
func TestDataSourceLabelsTheScaffold(t *testing.T) {
	repo := t.TempDir()
	out := filepath.Join(repo, "mlops")
	config := targetConfig(out, "") + fmt.Sprintf(`

data "mlops_maturity_target" "repo" {
  target_level = 2
  evidence_dir = %q
  depends_on   = [mlops_maturity_target.test]
}`, repo)
	const address = "data.mlops_maturity_target.repo"
	var edited string
	resource.UnitTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(address, at("report_json"), knownvalue.StringFunc(func(doc string) error {
						detections, err := detectionsOf(doc)
						if err != nil {
							return err
						}
						if len(detections) == 0 {
							return fmt.Errorf("no detections in the scaffolded repository")
						}
						for _, d := range detections {
							if !strings.HasPrefix(d.Path, "mlops/") || !d.Scaffolded {
								return fmt.Errorf("detection %+v in the scaffold is not labelled scaffolded", d)
							}
							if edited == "" && strings.HasSuffix(d.Path, ".py") {
								edited = d.Path
							}
						}
						if edited == "" {
							return fmt.Errorf("no Python file among %+v", detections)
						}
						return nil
					})),
					statecheck.ExpectKnownValue(address, at("report"), knownvalue.StringRegexp(wrapTolerant(`scaffolded by this provider, not yet adopted`))),
				},
			},
			{
				PreConfig: func() {
					p := filepath.Join(repo, filepath.FromSlash(edited))
					b, err := os.ReadFile(p)
					if err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(p, append(b, []byte("\n# edited by the team\n")...), 0o644); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(address, at("report_json"), knownvalue.StringFunc(func(doc string) error {
						detections, err := detectionsOf(doc)
						if err != nil {
							return err
						}
						var mine int
						for _, d := range detections {
							if d.Path == edited && d.Scaffolded {
								return fmt.Errorf("edited %s still labelled scaffolded", edited)
							}
							if d.Path == edited {
								mine++
							}
						}
						if mine == 0 {
							return fmt.Errorf("no detection left in the edited %s", edited)
						}
						return nil
					})),
				},
			},
		},
	})
}

type detection struct {
	Capability string `json:"capability"`
	Rule       string `json:"rule"`
	Path       string `json:"path"`
	Line       int    `json:"line"`
	Reason     string `json:"reason"`
	Scaffolded bool   `json:"scaffolded"`
}

func detectionsOf(doc string) ([]detection, error) {
	var d struct {
		Evidence []detection `json:"evidence"`
	}
	err := json.Unmarshal([]byte(doc), &d)
	return d.Evidence, err
}
