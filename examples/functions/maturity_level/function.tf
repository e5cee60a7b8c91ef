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
