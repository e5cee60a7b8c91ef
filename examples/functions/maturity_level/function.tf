# The level reached by a list of capability ids (Terraform 1.8 or later).
output "level" {
  value = provider::mlops::maturity_level([
    "automated_data_pipeline",
    "automated_builds",
    "application_unit_tests",
    "model_integration_tests",
    "automated_application_release",
    "scoring_script_versioned",
  ])
}

# Exempted capabilities count as met, as on the mlops_maturity_target
# resource and data source. Pass the keys of the same exemptions map to get
# the same level: 1 here.
locals {
  capabilities = [
    "automated_data_pipeline",
    "automated_builds",
    "application_unit_tests",
    "model_integration_tests",
    "scoring_script_versioned",
  ]
  exemptions = {
    automated_application_release = "batch scoring only, no service to release"
  }
}

output "level_with_exemptions" {
  value = provider::mlops::maturity_level(local.capabilities, keys(local.exemptions))
}
