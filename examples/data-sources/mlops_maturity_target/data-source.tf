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

# The same assessment in the formats CI systems and people read. Write them to
# files: after `terraform apply`, `terraform output -raw sarif > maturity.sarif`.
data "mlops_maturity_target" "report" {
  name         = "churn-model"
  source_file  = "infra/mlops/main.tf" # where code scanning shows the gaps
  target_level = 3

  capabilities = [
    "automated_data_pipeline",
    "automated_builds",
    "application_unit_tests",
    "model_integration_tests",
    "automated_application_release",
    "scoring_script_versioned",
  ]
}

output "sarif" {
  value = data.mlops_maturity_target.report.report_sarif # SARIF 2.1.0, one result per gap
}

output "scorecard" {
  value = data.mlops_maturity_target.report.scorecard_svg # the levels x dimensions grid
}

output "badge" {
  value = data.mlops_maturity_target.report.badge_svg # "MLOps level 1/4"
}
