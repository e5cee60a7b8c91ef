package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
)

const level1HCL = `["automated_data_pipeline", "automated_builds", "application_unit_tests", "model_integration_tests", "automated_application_release", "scoring_script_versioned"]`

// functionTest calls the function on expr in an output.
func functionTest(t *testing.T, expr string, step resource.TestStep) {
	t.Helper()
	step.Config = `output "level" { value = provider::mlops::maturity_level(` + expr + `) }`
	functionTestCase(t, step)
}

func functionTestCase(t *testing.T, steps ...resource.TestStep) {
	t.Helper()
	resource.UnitTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps:                    steps,
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
		{"empty exemptions", level1HCL + `, []`, 1},
		{"level 1 minus one, exempted", `setsubtract(` + level1HCL + `, ["automated_builds"]), ["automated_builds"]`, 1},
		{"level 1 all exempted", `[], ` + level1HCL, 1},
		{"duplicate exemptions", `[], concat(` + level1HCL + `, ` + level1HCL + `)`, 1},
		{"exemption above a gap", `["automated_builds"], ["ab_testing"]`, 0},
		{"exemptions from a map's keys", `[], keys({ for id in ` + level1HCL + ` : id => "not applicable" })`, 1},
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
		wantErr *regexp.Regexp
	}{
		{"misspelt id", `["experiment_traking"]`,
			regexp.MustCompile(`"experiment_traking" is not a\s+capability id(.|\s)*Did you mean\s+"experiment_tracking"`)},
		{"null argument", `null`, regexp.MustCompile(`(?i)argument must not be null`)},
		{"wrong type", `"automated_builds"`, regexp.MustCompile(`(?i)list of string required`)},
		{"null element", `[null]`, wrapTolerant(`element 0 of capabilities is null`)},
		{"misspelt exemption", `[], ["experiment_traking"]`,
			regexp.MustCompile(`"exemptions"(.|\s)*"experiment_traking" is not a\s+capability id(.|\s)*Did you mean\s+"experiment_tracking"`)},
		{"declared and exempted", `["automated_builds"], ["automated_builds"]`,
			wrapTolerant(`"exemptions" parameter: "automated_builds" is listed in capabilities and in exemptions`)},
		{"exemptions given twice", `[], [], ["automated_builds"]`, wrapTolerant(`exemptions is given 2 times; give at most one list`)},
		{"null exemptions", `[], null`, regexp.MustCompile(`(?i)argument must not be null`)},
		{"null exemption element", `[], ["automated_builds", null]`, wrapTolerant(`element 1 of exemptions is null`)},
		{"exemptions not a list", `[], "automated_builds"`, regexp.MustCompile(`(?i)list of string required`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			functionTest(t, tt.expr, resource.TestStep{ExpectError: tt.wantErr})
		})
	}
}

// agreementCase is one project: what it declares, what it exempts and the
// level the maturity model gives it.
type agreementCase struct {
	name         string
	capabilities []string
	exemptions   []string
	want         int64
}

// agreementCases are built from the catalog's levels; the expected levels
// are written out, not computed.
func agreementCases(c *maturity.Catalog) []agreementCase {
	level := func(n int) []string { return c.IDsOf(c.LevelSet(n, n)) }
	upTo := func(n int) []string { return c.IDsOf(c.LevelSet(1, n)) }
	l1, l2 := level(1), level(2)
	var firstOfEach, allButFirst []string
	for n := 1; n <= c.MaxLevel(); n++ {
		ids := level(n)
		firstOfEach = append(firstOfEach, ids[0])
		allButFirst = append(allButFirst, ids[1:]...)
	}
	return []agreementCase{
		{name: "nothing", want: 0},
		{name: "level 1 declared", capabilities: l1, want: 1},
		// The project of the issue: the function ignored the exemption and
		// said 0 where the resource said 1.
		{name: "level 1 with one exempted", capabilities: without(l1, "automated_application_release"),
			exemptions: []string{"automated_application_release"}, want: 1},
		{name: "level 1 only exempted", exemptions: l1, want: 1},
		{name: "level 2 half exempted", capabilities: append(append([]string{}, l1...), everyOther(l2, 0)...),
			exemptions: everyOther(l2, 1), want: 2},
		{name: "exemptions above a gap", capabilities: without(l1, "automated_builds"), exemptions: l2, want: 0},
		{name: "exemption above the level reached", capabilities: l1, exemptions: []string{"ab_testing"}, want: 1},
		{name: "whole ladder, one exemption per level", capabilities: allButFirst, exemptions: firstOfEach, want: 4},
		{name: "whole ladder minus one", capabilities: without(upTo(c.MaxLevel()), "automated_retraining"), want: 3},
	}
}

// TestMaturityLevelFunctionAgreesWithTarget computes, in one configuration,
// the function's level, the data source's current_level and the resource's
// current_level for the same project, and checks all three against the
// expected level. The resource aims for the function's level, so it has
// nothing to write.
func TestMaturityLevelFunctionAgreesWithTarget(t *testing.T) {
	for _, tc := range agreementCases(maturity.MustDefault()) {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "project")
			functionTestCase(t, resource.TestStep{
				Config: agreementConfig(tc, dir),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("function", knownvalue.Int64Exact(tc.want)),
					statecheck.ExpectKnownOutputValue("data_source", knownvalue.Int64Exact(tc.want)),
					statecheck.ExpectKnownOutputValue("resource", knownvalue.Int64Exact(tc.want)),
					statecheck.ExpectKnownOutputValue("resource_target_met", knownvalue.Bool(true)),
				},
			})
		})
	}
}

func agreementConfig(tc agreementCase, dir string) string {
	call := "provider::mlops::maturity_level(local.capabilities)"
	if tc.exemptions != nil {
		call = "provider::mlops::maturity_level(local.capabilities, keys(local.exemptions))"
	}
	exemptions := make([]string, len(tc.exemptions))
	for i, id := range tc.exemptions {
		exemptions[i] = fmt.Sprintf("    %s = \"does not apply\"", id)
	}
	return fmt.Sprintf(`
locals {
  capabilities = %s
  exemptions = {
%s
  }
}

data "mlops_maturity_target" "project" {
  target_level = 0
  capabilities = local.capabilities
  exemptions   = local.exemptions
}

resource "mlops_maturity_target" "project" {
  name         = "agreement"
  output_dir   = %q
  target_level = %s
  capabilities = local.capabilities
  exemptions   = local.exemptions
}

output "function" { value = %s }
output "data_source" { value = data.mlops_maturity_target.project.current_level }
output "resource" { value = mlops_maturity_target.project.current_level }
output "resource_target_met" { value = mlops_maturity_target.project.target_met }
`, hclList(tc.capabilities), strings.Join(exemptions, "\n"), dir, call, call)
}

// TestMaturityLevelFunctionRejectsWhatTheTargetRejects: an id both declared
// and exempted is an error for the function, the data source and the
// resource alike, with the same explanation.
func TestMaturityLevelFunctionRejectsWhatTheTargetRejects(t *testing.T) {
	want := wrapTolerant(`"automated_builds" is listed in capabilities and in exemptions. A capability the project has needs no exemption`)
	dir := filepath.Join(t.TempDir(), "project")
	functionTestCase(t,
		resource.TestStep{
			Config:      `output "level" { value = provider::mlops::maturity_level(["automated_builds"], ["automated_builds"]) }`,
			ExpectError: want,
		},
		resource.TestStep{
			Config: `
data "mlops_maturity_target" "project" {
  target_level = 0
  capabilities = ["automated_builds"]
  exemptions   = { automated_builds = "does not apply" }
}`,
			ExpectError: want,
		},
		resource.TestStep{
			Config: fmt.Sprintf(`
resource "mlops_maturity_target" "project" {
  name         = "agreement"
  output_dir   = %q
  target_level = 0
  capabilities = ["automated_builds"]
  exemptions   = { automated_builds = "does not apply" }
}`, dir),
			ExpectError: want,
		},
	)
}

func hclList(ids []string) string {
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = fmt.Sprintf("%q", id)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

func without(ids []string, drop string) []string {
	var out []string
	for _, id := range ids {
		if id != drop {
			out = append(out, id)
		}
	}
	return out
}

// everyOther returns the ids at even (from 0) or odd (from 1) positions.
func everyOther(ids []string, from int) []string {
	var out []string
	for i := from; i < len(ids); i += 2 {
		out = append(out, ids[i])
	}
	return out
}

// TestMaturityLevelFunctionExample runs the documented example.
func TestMaturityLevelFunctionExample(t *testing.T) {
	example, err := os.ReadFile("../../examples/functions/maturity_level/function.tf")
	if err != nil {
		t.Fatal(err)
	}
	functionTestCase(t, resource.TestStep{
		Config: string(example),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("level", knownvalue.Int64Exact(1)),
			statecheck.ExpectKnownOutputValue("level_with_exemptions", knownvalue.Int64Exact(1)),
		},
	})
}
