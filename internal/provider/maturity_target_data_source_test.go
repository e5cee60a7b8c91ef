package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/report"
)

func TestMaturityTargetDataSource(t *testing.T) {
	const address = "data.mlops_maturity_target.test"
	sarifSchema := loadSARIFSchema(t)
	resource.UnitTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
data "mlops_maturity_target" "test" {
  name         = "churn-model"
  source_file  = "infra/mlops/main.tf"
  target_level = 2
  capabilities = ["automated_data_pipeline", "automated_builds", "application_unit_tests", "model_integration_tests", "scoring_script_versioned",
                  "experiment_tracking", "managed_compute", "training_code_versioned", "model_registry", "automated_training",
                  "centralized_training_metrics", "scoring_script_tests"]
  exemptions = {
    automated_application_release = "batch scoring only, no service to release"
    engineering_managed_release   = "two-person team"
  }
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(address, at("current_level"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue(address, at("next_level"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(address, at("target_met"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(address, at("gaps"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("ds_de_collaboration"),
					})),
					statecheck.ExpectKnownValue(address, at("next_level_gaps"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("ds_de_collaboration"),
					})),
					statecheck.ExpectKnownValue(address, at("dimension_scores"), knownvalue.MapExact(map[string]knownvalue.Check{
						"people":                  knownvalue.Float64Exact(0),
						"model_creation":          knownvalue.Float64Exact(1),
						"model_release":           knownvalue.Float64Exact(1),
						"application_integration": knownvalue.Float64Exact(1),
						"technology":              knownvalue.Float64Exact(1),
						"highlights":              knownvalue.Float64Exact(1),
					})),
					statecheck.ExpectKnownValue(address, at("report"), knownvalue.StringRegexp(regexp.MustCompile(
						`(?s)^# MLOps maturity of churn-model: level 1 \(DevOps but no MLOps\).*\| \*\*2\*\* Automated Training \(target\) \| ❌ .*### Level 2: Automated Training.*ds_de_collaboration.*## Exemptions.*automated_application_release`))),
					statecheck.ExpectKnownValue(address, at("report_json"), jsonDocument(func(d report.Document) error {
						if d.Project != "churn-model" || d.CurrentLevel != 1 || d.TargetLevel != 2 || len(d.Gaps) != 1 || d.Gaps[0] != "ds_de_collaboration" ||
							d.Exemptions["engineering_managed_release"] != "two-person team" || len(d.Capabilities) != 28 {
							return fmt.Errorf("report_json does not match the assessment: %+v", d)
						}
						return nil
					})),
					statecheck.ExpectKnownValue(address, at("report_sarif"), validSARIF(sarifSchema, func(ids []string) error {
						if len(ids) != 1 || ids[0] != "ds_de_collaboration" {
							return fmt.Errorf("SARIF results for %v, want ds_de_collaboration alone", ids)
						}
						return nil
					})),
					statecheck.ExpectKnownValue(address, at("report_sarif"), knownvalue.StringRegexp(regexp.MustCompile(`"uri":"infra/mlops/main.tf"`))),
					statecheck.ExpectKnownValue(address, at("scorecard_svg"), wellFormedSVG(">churn-model</text>")),
					statecheck.ExpectKnownValue(address, at("badge_svg"), wellFormedSVG(">1/4</text>")),
				},
			},
			{
				Config: `
data "mlops_maturity_target" "test" {
  target_level = 0
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(address, at("current_level"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue(address, at("next_level"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue(address, at("target_met"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(address, at("gaps"), knownvalue.ListSizeExact(0)),
					statecheck.ExpectKnownValue(address, at("next_level_gaps"), knownvalue.ListSizeExact(6)),
					statecheck.ExpectKnownValue(address, at("next_level_gaps").AtSliceIndex(0), knownvalue.StringExact("automated_data_pipeline")),
					statecheck.ExpectKnownValue(address, at("dimension_scores").AtMapKey("technology"), knownvalue.Float64Exact(1)),
					statecheck.ExpectKnownValue(address, at("report"), knownvalue.StringRegexp(regexp.MustCompile(`^# MLOps maturity: level 0 \(No MLOps\)`))),
					statecheck.ExpectKnownValue(address, at("report_sarif"), validSARIF(sarifSchema, func(ids []string) error {
						if len(ids) != 0 {
							return fmt.Errorf("target 0 has no gaps, SARIF has results for %v", ids)
						}
						return nil
					})),
					statecheck.ExpectKnownValue(address, at("badge_svg"), wellFormedSVG(">0/4</text>")),
					statecheck.ExpectKnownValue(address, at("scorecard_svg"), wellFormedSVG(">MLOps maturity</text>")),
				},
			},
			{
				Config: `
data "mlops_maturity_target" "test" {
  target_level = 1
  capabilities = ["automated_builds", "ab_testing"]
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(address, at("current_level"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue(address, at("gaps"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("automated_data_pipeline"),
						knownvalue.StringExact("scoring_script_versioned"),
						knownvalue.StringExact("application_unit_tests"),
						knownvalue.StringExact("automated_application_release"),
						knownvalue.StringExact("model_integration_tests"),
					})),
					statecheck.ExpectKnownValue(address, at("dimension_scores").AtMapKey("technology"), knownvalue.Float64Exact(1)),
					statecheck.ExpectKnownValue(address, at("dimension_scores").AtMapKey("application_integration"), knownvalue.Float64Exact(0)),
					statecheck.ExpectKnownValue(address, at("dimension_scores").AtMapKey("people"), knownvalue.Float64Exact(1)),
					statecheck.ExpectKnownValue(address, at("report_sarif"), validSARIF(sarifSchema, func(ids []string) error {
						if len(ids) != 5 {
							return fmt.Errorf("SARIF results for %v, want the 5 gaps", ids)
						}
						return nil
					})),
				},
			},
		},
	})
}

func TestMaturityTargetDataSourceMinimumLevel(t *testing.T) {
	config := func(minimum int) string {
		return fmt.Sprintf(`
data "mlops_maturity_target" "gate" {
  target_level  = 3
  minimum_level = %d
  capabilities  = ["automated_data_pipeline", "automated_builds", "application_unit_tests", "model_integration_tests", "automated_application_release", "scoring_script_versioned"]
}`, minimum)
	}
	resource.UnitTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config(1),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.mlops_maturity_target.gate", tfjsonpath.New("current_level"), knownvalue.Int64Exact(1)),
				},
			},
			{
				Config:      config(2),
				ExpectError: regexp.MustCompile(`(?s)Maturity level below the minimum.*level 1 \(DevOps but no MLOps\) but the\s+minimum is level 2.*managed_compute`),
			},
		},
	})
}

// TestMaturityTargetDataSourceBadInput checks that every bad input fails at
// plan with an error on the right attribute that says what is allowed.
func TestMaturityTargetDataSourceBadInput(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		wantErr string
	}{
		{"target above 4", `target_level = 5`, `(?s)Invalid maturity level.*target_level is 5; it must be a whole number from 0 to 4`},
		{"fractional target", `target_level = 1.5`, `(?s)Invalid maturity level.*target_level is 1.5; it must be a whole number from 0 to 4`},
		{"negative target", `target_level = -1`, `(?s)Invalid maturity level.*target_level is -1; it must be a whole number`},
		{"target not a number", `target_level = "three"`, `(?s)Incorrect attribute value type.*target_level`},
		{"missing target", ``, `(?s)Missing required argument.*target_level`},
		{"misspelt capability", `
  target_level = 2
  capabilities = ["experiment_traking"]`, `(?s)In capabilities: "experiment_traking" is not a\s+capability id.*Did you mean\s+"experiment_tracking"`},
		{"misspelt exemption", `
  target_level = 2
  exemptions   = { modle_registry = "no models" }`, `(?s)In exemptions: "modle_registry" is not a\s+capability id.*Did you mean\s+"model_registry"`},
		{"empty exemption reason", `
  target_level = 2
  exemptions   = { ab_testing = "  " }`, `(?s)exemptions\["ab_testing"\].*an exemption needs a reason`},
		{"declared and exempted", `
  target_level = 2
  capabilities = ["ab_testing"]
  exemptions   = { ab_testing = "no traffic" }`, `(?s)Capability both declared and exempted.*"ab_testing" is listed in\s+capabilities and in exemptions`},
		{"minimum above 4", `
  target_level  = 2
  minimum_level = 9`, `(?s)Invalid maturity level.*minimum_level is 9; it must be a whole number from 0 to 4`},
		{"bad name", `
  target_level = 2
  name         = "Churn Model"`, `(?s)name.*must be a project slug`},
		{"absolute source_file", `
  target_level = 2
  source_file  = "/home/me/main.tf"`, `(?s)source_file.*must be a path relative to the repository root`},
		{"source_file out of the repository", `
  target_level = 2
  source_file  = "../main.tf"`, `(?s)source_file.*must be a path relative to the repository root`},
		{"unknown argument", `
  target_level = 2
  output_dir   = "x"`, `(?s)Unsupported argument.*output_dir`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      "data \"mlops_maturity_target\" \"bad\" {\n" + tt.body + "\n}",
					ExpectError: regexp.MustCompile(tt.wantErr),
				}},
			})
		})
	}
}
