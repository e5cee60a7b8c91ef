# Gate CI on a minimum level: the plan fails, naming the gaps, when the
# project is below level 2.
data "mlops_maturity_target" "gate" {
  target_level  = 3
  minimum_level = 2

  capabilities = [
    "automated_data_pipeline",
    "automated_builds",
    "application_unit_tests",
    "model_integration_tests",
    "automated_application_release",
    "scoring_script_versioned",
  ]
}

output "dimension_scores" {
  value = data.mlops_maturity_target.gate.dimension_scores
}
