# Your own maturity model: the provider's catalog replaces the built-in one,
# so levels, ids and checks follow model.yaml. Capabilities of your own have
# no built-in templates; this target only assesses (scaffold = "none").
terraform {
  required_providers {
    mlops = {
      source = "mlops-maturity/mlops"
    }
  }
}

provider "mlops" {
  catalog = file("${path.module}/model.yaml")
}

resource "mlops_maturity_target" "forecast" {
  name         = "forecast"
  target_level = 2
  output_dir   = "${path.root}/forecast"
  scaffold     = "none"

  capabilities = [
    "orchestrated_pipeline",
    "continuous_training",
    "metadata_store",
  ]
}

data "mlops_maturity_target" "forecast" {
  target_level  = 2
  minimum_level = 1
  capabilities  = mlops_maturity_target.forecast.capabilities
}

output "level" {
  value = mlops_maturity_target.forecast.current_level
}

output "next_level_gaps" {
  value = mlops_maturity_target.forecast.next_level_gaps
}
