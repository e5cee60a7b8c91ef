package provider

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/report"
)

const portfolioAddress = "data.mlops_portfolio.fleet"

// allReports asks the portfolio for every rendered report.
const allReports = `reports = ["report", "report_json", "scorecard_svg"]`

// Capabilities of levels 1 and 2, to build projects at known levels.
const (
	level1IDs = `"automated_data_pipeline", "automated_builds", "application_unit_tests", "model_integration_tests", "automated_application_release", "scoring_script_versioned"`
	level2IDs = `"managed_compute", "experiment_tracking", "training_code_versioned", "model_registry", "automated_training", "centralized_training_metrics", "scoring_script_tests", "engineering_managed_release", "ds_de_collaboration"`
)

// portfolioConfig is a fleet of three: churn at level 2, fraud at level 1
// with an exemption (minimum 2, so below it), pricing at level 0.
func portfolioConfig(enforce string) string {
	return fmt.Sprintf(`
locals {
  level1 = [%s]
  level2 = [%s]
}

data "mlops_portfolio" "fleet" {
  %s
  projects = {
    churn = {
      target_level  = 3
      capabilities  = concat(local.level1, local.level2)
      minimum_level = 2
    }
    fraud = {
      target_level  = 2
      capabilities  = setsubtract(local.level1, ["automated_application_release"])
      exemptions    = { automated_application_release = "batch scoring only" }
      minimum_level = 2
    }
    pricing = {
      target_level = 1
      capabilities = ["automated_builds"]
    }
  }
}`, level1IDs, level2IDs, enforce)
}

func TestPortfolioDataSource(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: portfolioConfig(allReports),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(portfolioAddress, at("levels"), knownvalue.MapExact(map[string]knownvalue.Check{
					"churn": knownvalue.Int64Exact(2), "fraud": knownvalue.Int64Exact(1), "pricing": knownvalue.Int64Exact(0),
				})),
				statecheck.ExpectKnownValue(portfolioAddress, at("level_histogram"), knownvalue.MapExact(map[string]knownvalue.Check{
					"0": knownvalue.Int64Exact(1), "1": knownvalue.Int64Exact(1), "2": knownvalue.Int64Exact(1),
					"3": knownvalue.Int64Exact(0), "4": knownvalue.Int64Exact(0),
				})),
				statecheck.ExpectKnownValue(portfolioAddress, at("below_minimum"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("fraud"),
				})),
				// people: churn 1/2 (ds_de_collaboration of level 3 missing), fraud 0/1, pricing 1 (none up to level 1).
				statecheck.ExpectKnownValue(portfolioAddress, at("dimension_scores").AtMapKey("people"),
					knownvalue.Float64Func(func(v float64) error { return near(v, (0.5+0+1)/3) })),
				statecheck.ExpectKnownValue(portfolioAddress, at("dimension_scores"), knownvalue.MapSizeExact(6)),
				statecheck.ExpectKnownValue(portfolioAddress, at("report"), knownvalue.StringRegexp(regexp.MustCompile(
					`(?s)# MLOps maturity portfolio: 3 projects.*Below their minimum level \(1\):\*\* .fraud.*\| pricing \| 0 No MLOps .*\| fraud \| 1 DevOps but no MLOps \| 2 \| 2 ⚠️ below .*\| churn \| 2 Automated Training \|`))),
				statecheck.ExpectKnownValue(portfolioAddress, at("report_json"), knownvalue.StringFunc(func(v string) error {
					var d report.FleetDocument
					dec := json.NewDecoder(strings.NewReader(v))
					dec.DisallowUnknownFields()
					if err := dec.Decode(&d); err != nil {
						return err
					}
					if d.ProjectCount != 3 || len(d.Projects) != 3 || d.Projects[0].Project != "pricing" || d.Projects[2].Project != "churn" ||
						d.Projects[1].Exemptions["automated_application_release"] != "batch scoring only" || !d.Projects[1].BelowMinimum {
						return fmt.Errorf("report_json does not match the fleet: %+v", d)
					}
					return nil
				})),
				statecheck.ExpectKnownValue(portfolioAddress, at("scorecard_svg"), wellFormedSVG(">fraud</text>")),
				statecheck.ExpectKnownValue(portfolioAddress, at("scorecard_svg"), wellFormedSVG(">3 projects · median level 1 · 1 below their minimum</text>")),
			},
		}},
	})
}

func near(got, want float64) error {
	if d := got - want; d > 1e-9 || d < -1e-9 {
		return fmt.Errorf("got %v, want %v", got, want)
	}
	return nil
}

func TestPortfolioEnforceMinimum(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: portfolioConfig("enforce_minimum = false"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(portfolioAddress, at("below_minimum"), knownvalue.ListSizeExact(1)),
				},
			},
			{
				Config: portfolioConfig("enforce_minimum = true"),
				ExpectError: wrapTolerant(`(?s)Projects below their minimum maturity level.*1 of 3 projects are below their minimum_level: - fraud: level 1 ` +
					`\(DevOps but no MLOps\), minimum 2 \(Automated Training\); missing: ds_de_collaboration, experiment_tracking`),
			},
		},
	})
}

// TestPortfolioEmpty: an empty fleet is valid and reports nothing below.
func TestPortfolioEmpty(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
data "mlops_portfolio" "fleet" {
  projects        = {}
  enforce_minimum = true
  reports         = ["scorecard_svg"]
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(portfolioAddress, at("levels"), knownvalue.MapSizeExact(0)),
				statecheck.ExpectKnownValue(portfolioAddress, at("level_histogram").AtMapKey("0"), knownvalue.Int64Exact(0)),
				statecheck.ExpectKnownValue(portfolioAddress, at("below_minimum"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue(portfolioAddress, at("dimension_scores"), knownvalue.MapSizeExact(0)),
				statecheck.ExpectKnownValue(portfolioAddress, at("scorecard_svg"), wellFormedSVG(">No projects.</text>")),
			},
		}},
	})
}

// TestPortfolioBadInput: every bad input fails at plan, naming the project's
// attribute and what is allowed.
func TestPortfolioBadInput(t *testing.T) {
	tests := []struct {
		name    string
		project string
		wantErr string
	}{
		{"misspelt capability", `{ target_level = 2, capabilities = ["experiment_traking"] }`,
			`In projects\["churn"\].capabilities: "experiment_traking" is not a capability id.*Did you mean "experiment_tracking"`},
		{"misspelt exemption", `{ target_level = 2, exemptions = { modle_registry = "no models" } }`,
			`In projects\["churn"\].exemptions: "modle_registry" is not a capability id.*Did you mean "model_registry"`},
		{"empty exemption reason", `{ target_level = 2, exemptions = { ab_testing = " " } }`,
			`projects\["churn"\].exemptions\["ab_testing"\] is empty; an exemption needs a reason`},
		{"declared and exempted", `{ target_level = 2, capabilities = ["ab_testing"], exemptions = { ab_testing = "no traffic" } }`,
			`projects\["churn"\]: "ab_testing" is both declared in capabilities and exempted`},
		{"target above 4", `{ target_level = 5 }`, `(?s)Invalid maturity level.*projects\["churn"\].target_level is 5; it must be a whole number from 0 to 4`},
		{"minimum above 4", `{ target_level = 2, minimum_level = 7 }`, `(?s)Invalid maturity level.*projects\["churn"\].minimum_level is 7; it must be a whole number from 0 to 4`},
		{"missing target", `{ capabilities = [] }`, `Incorrect attribute value type.*attribute "target_level" is required`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      "data \"mlops_portfolio\" \"fleet\" {\n  projects = { churn = " + tt.project + " }\n}",
					ExpectError: wrapTolerant("(?s)" + tt.wantErr),
				}},
			})
		})
	}
}

// TestPortfolioFromTargets feeds the portfolio from mlops_maturity_target
// resources with a for expression, as the docs show. (The test framework
// cannot track resources with for_each, so the map is built by hand.)
func TestPortfolioFromTargets(t *testing.T) {
	dir := t.TempDir()
	resource.UnitTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "mlops_maturity_target" "churn" {
  name         = "churn-model"
  target_level = 2
  capabilities = [%s]
  output_dir   = "%s/churn-model"
  scaffold     = "none"
}

resource "mlops_maturity_target" "fraud" {
  name         = "fraud-model"
  target_level = 1
  capabilities = ["automated_builds"]
  exemptions   = { automated_application_release = "batch scoring only" }
  output_dir   = "%s/fraud-model"
  scaffold     = "none"
}

locals {
  all = { (mlops_maturity_target.churn.name) = mlops_maturity_target.churn, (mlops_maturity_target.fraud.name) = mlops_maturity_target.fraud }
}

data "mlops_portfolio" "fleet" {
  projects = {
    for k, t in local.all : k => {
      target_level  = t.target_level
      capabilities  = t.capabilities
      exemptions    = t.exemptions
      minimum_level = 1
    }
  }
}`, level1IDs, dir, dir),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(portfolioAddress, at("levels"), knownvalue.MapExact(map[string]knownvalue.Check{
					"churn-model": knownvalue.Int64Exact(1), "fraud-model": knownvalue.Int64Exact(0),
				})),
				statecheck.ExpectKnownValue(portfolioAddress, at("below_minimum"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("fraud-model"),
				})),
			},
		}},
	})
}

// TestPortfolioReportsOptIn: the rendered reports are null unless named in
// reports, and each named one is computed alone; the summary outputs are
// there either way.
func TestPortfolioReportsOptIn(t *testing.T) {
	isNull := func(name string) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(portfolioAddress, at(name), knownvalue.Null())
	}
	summary := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(portfolioAddress, at("levels"), knownvalue.MapSizeExact(3)),
		statecheck.ExpectKnownValue(portfolioAddress, at("level_histogram"), knownvalue.MapSizeExact(5)),
		statecheck.ExpectKnownValue(portfolioAddress, at("below_minimum"), knownvalue.ListSizeExact(1)),
		statecheck.ExpectKnownValue(portfolioAddress, at("dimension_scores"), knownvalue.MapSizeExact(6)),
	}
	tests := []struct {
		name    string
		reports string
		checks  []statecheck.StateCheck
	}{
		{"default", "", []statecheck.StateCheck{isNull("report"), isNull("report_json"), isNull("scorecard_svg")}},
		{"empty", "reports = []", []statecheck.StateCheck{isNull("report"), isNull("report_json"), isNull("scorecard_svg")}},
		{"json only", `reports = ["report_json"]`, []statecheck.StateCheck{
			isNull("report"), isNull("scorecard_svg"),
			statecheck.ExpectKnownValue(portfolioAddress, at("report_json"), knownvalue.StringRegexp(regexp.MustCompile(`^\{\s*"schema_version": 1,\s*"project_count": 3,`))),
		}},
		{"markdown and picture", `reports = ["report", "scorecard_svg"]`, []statecheck.StateCheck{
			isNull("report_json"),
			statecheck.ExpectKnownValue(portfolioAddress, at("report"), knownvalue.StringRegexp(regexp.MustCompile(`^# MLOps maturity portfolio: 3 projects`))),
			statecheck.ExpectKnownValue(portfolioAddress, at("scorecard_svg"), wellFormedSVG(">fraud</text>")),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:            portfolioConfig(tt.reports),
					ConfigStateChecks: append(slices.Clone(summary), tt.checks...),
				}},
			})
		})
	}
}

// TestPortfolioReportsBadInput: an unknown report name is refused at the
// attribute, listing the allowed names.
func TestPortfolioReportsBadInput(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      portfolioConfig(`reports = ["report", "pdf"]`),
			ExpectError: wrapTolerant(`(?s)Attribute reports\[Value\("pdf"\)\] value must be one of: \["report" "report_json" "scorecard_svg"\], got: "pdf"`),
		}},
	})
}

// TestPortfolioEvidence: projects take evidence_dir and evidence_mode with
// the resource's meaning. The same declaration of every level 1 capability
// reaches level 1 on its word, and in "report" mode beside a repository
// that shows only some of them; in "require" mode the level follows the
// repository (Lightning-AI/deep-learning-project-template from the evidence
// corpus: a CI build and unit tests, nothing else of level 1), level 0.
func TestPortfolioEvidence(t *testing.T) {
	repo, err := filepath.Abs("../evidence/testdata/repos/lightning-project-template")
	if err != nil {
		t.Fatal(err)
	}
	config := fmt.Sprintf(`
locals {
  level1 = [%s]
}

data "mlops_portfolio" "fleet" {
  projects = {
    declared = {
      target_level = 1
      capabilities = local.level1
    }
    reported = {
      target_level  = 1
      capabilities  = local.level1
      evidence_dir  = %q
    }
    required = {
      target_level  = 1
      capabilities  = local.level1
      evidence_dir  = %q
      evidence_mode = "require"
    }
    exempted = {
      target_level  = 1
      capabilities  = ["automated_builds", "application_unit_tests"]
      exemptions    = { for id in setsubtract(local.level1, ["automated_builds", "application_unit_tests"]) : id => "not applicable" }
      evidence_dir  = %q
      evidence_mode = "require"
    }
  }
}`, level1IDs, repo, repo, repo)
	resource.UnitTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(portfolioAddress, at("levels"), knownvalue.MapExact(map[string]knownvalue.Check{
					"declared": knownvalue.Int64Exact(1),
					"reported": knownvalue.Int64Exact(1),
					"required": knownvalue.Int64Exact(0),
					"exempted": knownvalue.Int64Exact(1), // what it declares is found; the rest is exempted
				})),
				statecheck.ExpectKnownValue(portfolioAddress, at("level_histogram"), knownvalue.MapExact(map[string]knownvalue.Check{
					"0": knownvalue.Int64Exact(1), "1": knownvalue.Int64Exact(3),
					"2": knownvalue.Int64Exact(0), "3": knownvalue.Int64Exact(0), "4": knownvalue.Int64Exact(0),
				})),
			},
		}},
	})
}

// TestPortfolioEvidenceBadInput: a project's evidence inputs are checked
// where the user wrote them.
func TestPortfolioEvidenceBadInput(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no-such-repo")
	for name, tc := range map[string]struct{ attrs, want string }{
		"mode":    {`evidence_mode = "strict"`, `(?s)projects\["app"\]\.evidence_mode.*value must be one of`},
		"missing": {fmt.Sprintf("evidence_dir = %q", missing), `(?s)Invalid evidence_dir.*no-such-repo\s+is\s+not\s+a\s+readable\s+folder`},
		"empty":   {`evidence_dir = ""`, `(?s)projects\["app"\]\.evidence_dir.*at least 1`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: fmt.Sprintf(`
data "mlops_portfolio" "fleet" {
  projects = {
    app = {
      target_level = 1
      %s
    }
  }
}`, tc.attrs),
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}
