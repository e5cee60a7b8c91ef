package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestMaturityModelDataSource(t *testing.T) {
	const address = "data.mlops_maturity_model.model"
	level := func(n int64, name string) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"number":  knownvalue.Int64Exact(n),
			"name":    knownvalue.StringExact(name),
			"summary": knownvalue.NotNull(),
		})
	}
	resource.UnitTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `data "mlops_maturity_model" "model" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(address, tfjsonpath.New("levels"), knownvalue.ListExact([]knownvalue.Check{
					level(0, "No MLOps"),
					level(1, "DevOps but no MLOps"),
					level(2, "Automated Training"),
					level(3, "Automated Model Deployment"),
					level(4, "Full MLOps Automated Retraining"),
				})),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("capabilities"), knownvalue.ListSizeExact(28)),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("capabilities").AtSliceIndex(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":             knownvalue.StringExact("automated_data_pipeline"),
					"level":          knownvalue.Int64Exact(1),
					"dimension":      knownvalue.StringExact("model_creation"),
					"title":          knownvalue.StringExact("Automated data pipeline"),
					"description":    knownvalue.NotNull(),
					"seed_reference": knownvalue.StringExact("level-1-devops-no-mlops, Model Creation"),
				})),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("capabilities").AtSliceIndex(27), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"id":        knownvalue.StringExact("zero_downtime_deployment"),
					"level":     knownvalue.Int64Exact(4),
					"dimension": knownvalue.StringExact("highlights"),
				})),
			},
		}},
	})
}
