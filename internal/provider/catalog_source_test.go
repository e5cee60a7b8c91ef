package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// threeLevelCatalog is a custom model unlike the built-in one: three
// levels, two dimensions, four capabilities.
const threeLevelCatalog = `
levels:
  - {number: 0, name: Ad hoc}
  - {number: 1, name: Repeatable}
  - {number: 2, name: Managed}
dimensions: [data, ops]
capabilities:
  - {id: data_versioning, level: 1, dimension: data, title: Data versioning}
  - {id: ops_runbook, level: 1, dimension: ops, title: Runbook}
  - {id: data_contracts, level: 2, dimension: data, title: Data contracts}
  - {id: ops_alerting, level: 2, dimension: ops, title: Alerting}
`

func customProvider(catalog string) string {
	return fmt.Sprintf("provider \"mlops\" {\n  catalog = <<-EOT\n%s\n  EOT\n}\n", catalog)
}

// TestCustomCatalog: the provider's catalog drives the resource, both data
// sources and the checks: levels, gaps, ranges, ids and suggestions.
func TestCustomCatalog(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "project")
	config := customProvider(threeLevelCatalog) + fmt.Sprintf(`
resource "mlops_maturity_target" "test" {
  name         = "custom"
  target_level = 2
  output_dir   = %q
  scaffold     = "none"
  capabilities = ["data_versioning", "ops_runbook", "ops_alerting"]
}

data "mlops_maturity_target" "test" {
  target_level = 2
  capabilities = ["data_versioning", "ops_runbook", "ops_alerting"]
  exemptions   = { data_contracts = "no upstream producers" }
}

data "mlops_maturity_model" "test" {}
`, dir)
	resource.UnitTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(targetAddress, at("current_level"), knownvalue.Int64Exact(1)),
					plancheck.ExpectKnownValue(targetAddress, at("next_level"), knownvalue.Int64Exact(2)),
					plancheck.ExpectKnownValue(targetAddress, at("gaps"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("data_contracts")})),
					plancheck.ExpectKnownValue(targetAddress, at("file_count"), knownvalue.Int64Exact(0)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.mlops_maturity_target.test", at("current_level"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue("data.mlops_maturity_target.test", at("target_met"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.mlops_maturity_target.test", at("dimension_scores"), knownvalue.MapExact(map[string]knownvalue.Check{
						"data": knownvalue.Float64Exact(1), "ops": knownvalue.Float64Exact(1),
					})),
					statecheck.ExpectKnownValue("data.mlops_maturity_model.test", at("levels"), knownvalue.ListSizeExact(3)),
					statecheck.ExpectKnownValue("data.mlops_maturity_model.test", at("capabilities"), knownvalue.ListSizeExact(4)),
				},
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// TestCustomCatalogBadInput: checks follow the custom catalog, and a
// broken catalog is an error on catalog that names the line; nothing is
// written either way.
func TestCustomCatalogBadInput(t *testing.T) {
	tests := []struct {
		name    string
		catalog string
		target  string
		want    string
	}{
		{"level above the custom range", threeLevelCatalog, `target_level = 3`,
			`(?s)Invalid maturity level.*target_level is 3; it must be a whole number from 0 to 2: 0 \(Ad hoc\), 1 \(Repeatable\), 2 \(Managed\)`},
		{"misspelt custom id", threeLevelCatalog, "target_level = 2\n  capabilities = [\"data_versionning\"]",
			`(?s)In capabilities: "data_versionning" is not a capability id.*Did you mean\s+"data_versioning"`},
		{"built-in id unknown to the custom model", threeLevelCatalog, "target_level = 1\n  capabilities = [\"automated_builds\"]",
			`(?s)"automated_builds" is not a capability id.*Allowed ids: data_contracts, data_versioning, ops_alerting, ops_runbook`},
		{"capability of an unknown dimension", strings.Replace(threeLevelCatalog, "dimension: ops, title: Alerting", "dimension: operations, title: Alerting", 1),
			`target_level = 1`, `(?s)Invalid maturity catalog.*line 11: capability "ops_alerting": unknown dimension "operations"`},
		{"not a catalog", "levels: [", `target_level = 1`, `(?s)Invalid maturity catalog.*line`},
		{"misspelt field", strings.Replace(threeLevelCatalog, "title: Runbook", "titel: Runbook", 1), `target_level = 1`,
			`(?s)Invalid maturity catalog.*line 9: field titel not found`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			world := t.TempDir()
			before := treeSnapshot(t, world)
			resource.UnitTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: customProvider(tt.catalog) + fmt.Sprintf(`
resource "mlops_maturity_target" "test" {
  name       = "custom"
  output_dir = %q
  %s
}`, filepath.Join(world, "out"), tt.target),
					ExpectError: wrapTolerant(tt.want),
				}},
			})
			if diff := diffSnapshots(before, treeSnapshot(t, world)); diff != "" {
				t.Fatalf("a refused plan changed the filesystem:\n%s", diff)
			}
		})
	}
}

// TestCustomCatalogScaffold: a custom capability is scaffolded from
// template_dir, and refused with a clear error without it.
func TestCustomCatalogScaffold(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "project")
	templates := t.TempDir()
	writeTestFile(t, filepath.Join(templates, "common/data_versioning/data/README.md.tmpl"), "# {{ .Name }}: data is versioned here\n")
	target := func(extra string) string {
		return customProvider(threeLevelCatalog) + fmt.Sprintf(`
resource "mlops_maturity_target" "test" {
  name         = "custom"
  target_level = 1
  output_dir   = %q
  capabilities = ["ops_runbook"]
%s
}`, dir, extra)
	}
	resource.UnitTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      target(""),
				ExpectError: wrapTolerant(`(?s)No templates for these capabilities.*No template serves data_versioning: capabilities of your own catalog have no built-in templates`),
			},
			{
				Config: target(fmt.Sprintf("  template_dir = %q", templates)),
				ConfigStateChecks: []statecheck.StateCheck{expectFilesOnDisk(dir, 1).including(map[string]string{
					"data/README.md": hashOf([]byte("# custom: data is versioned here\n")),
				})},
				Check: func(*terraform.State) error {
					if _, err := os.Stat(filepath.Join(dir, ".github")); !os.IsNotExist(err) {
						return fmt.Errorf("the custom scaffold wrote built-in files: %w", err)
					}
					return nil
				},
			},
		},
	})
}

// TestCustomCatalogExample plans examples/custom-catalog, the model shipped
// as an example of the format.
func TestCustomCatalogExample(t *testing.T) {
	example, err := os.ReadFile("../../examples/custom-catalog/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	model, err := filepath.Abs("../../examples/custom-catalog/model.yaml")
	if err != nil {
		t.Fatal(err)
	}
	config := strings.Replace(string(example), `file("${path.module}/model.yaml")`, fmt.Sprintf("file(%q)", model), 1)
	config = strings.Replace(config, `"${path.root}/forecast"`, fmt.Sprintf("%q", filepath.Join(t.TempDir(), "forecast")), 1)
	start := strings.Index(config, `provider "mlops"`)
	if start < 0 {
		t.Fatal("the example has no provider block")
	}
	config = config[start:]
	resource.UnitTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("mlops_maturity_target.forecast", at("current_level"), knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownValue("mlops_maturity_target.forecast", at("next_level_gaps"), knownvalue.ListSizeExact(3)),
			},
		}},
	})
}

// TestCustomCatalogFunction: the function, which Terraform calls without
// the provider's configuration, follows the catalog named by
// MLOPS_CATALOG_FILE and agrees with the data source under the same
// catalog, exemptions included.
func TestCustomCatalogFunction(t *testing.T) {
	file := filepath.Join(t.TempDir(), "model.yaml")
	writeTestFile(t, file, threeLevelCatalog)
	t.Setenv(catalogFileEnv, file)
	functionTestCase(t, resource.TestStep{
		Config: `
data "mlops_maturity_target" "same" {
  target_level = 2
  capabilities = ["data_versioning", "ops_runbook", "ops_alerting"]
  exemptions   = { data_contracts = "no upstream producers" }
}

output "level" {
  value = provider::mlops::maturity_level(["data_versioning", "ops_runbook", "ops_alerting"], ["data_contracts"])
}

output "agrees" {
  value = provider::mlops::maturity_level(["data_versioning", "ops_runbook", "ops_alerting"], ["data_contracts"]) == data.mlops_maturity_target.same.current_level
}`,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("level", knownvalue.Int64Exact(2)),
			statecheck.ExpectKnownOutputValue("agrees", knownvalue.Bool(true)),
		},
	})
	functionTestCase(t, resource.TestStep{
		Config:      `output "level" { value = provider::mlops::maturity_level(["automated_builds"]) }`,
		ExpectError: wrapTolerant(`(?s)"automated_builds" is not a capability id.*Allowed ids: data_contracts, data_versioning`),
	})
}
