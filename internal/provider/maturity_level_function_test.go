package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

const level1HCL = `["automated_data_pipeline", "automated_builds", "application_unit_tests", "model_integration_tests", "automated_application_release", "scoring_script_versioned"]`

// functionTest calls the function on expr in an output.
func functionTest(t *testing.T, expr string, step resource.TestStep) {
	t.Helper()
	step.Config = `output "level" { value = provider::mlops::maturity_level(` + expr + `) }`
	resource.UnitTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps:                    []resource.TestStep{step},
	})
}

func TestMaturityLevelFunction(t *testing.T) {
	tests := []struct {
		name string
		expr string
		want int64
	}{
		{"empty list", `[]`, 0},
		{"level 1 minus one", `["automated_builds"]`, 0},
		{"level 1", level1HCL, 1},
		{"level 1 plus level 3", `concat(` + level1HCL + `, ["ab_testing"])`, 1},
		{"duplicates", `concat(` + level1HCL + `, ` + level1HCL + `)`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			functionTest(t, tt.expr, resource.TestStep{ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("level", knownvalue.Int64Exact(tt.want)),
			}})
		})
	}
}

func TestMaturityLevelFunctionErrors(t *testing.T) {
	tests := []struct {
		name    string
		expr    string
		wantErr string
	}{
		{"misspelt id", `["experiment_traking"]`, `"experiment_traking" is not a\s+capability id(.|\s)*Did you mean\s+"experiment_tracking"`},
		{"null argument", `null`, `(?i)argument must not be null`},
		{"wrong type", `"automated_builds"`, `(?i)list of string required`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			functionTest(t, tt.expr, resource.TestStep{ExpectError: regexp.MustCompile(tt.wantErr)})
		})
	}
}
