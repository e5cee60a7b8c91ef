# A project with the level 1 basics that aims for level 3. The plan shows the
# level 2 gaps; apply writes the level 2 scaffold into ./churn-model.
resource "mlops_maturity_target" "churn" {
  name         = "churn-model"
  target_level = 3
  output_dir   = "${path.root}/churn-model"

  capabilities = [
    "automated_data_pipeline",
    "automated_builds",
    "application_unit_tests",
    "model_integration_tests",
    "scoring_script_versioned",
  ]

  exemptions = {
    automated_application_release = "batch scoring only: there is no service to release"
  }

  variables = {
    python_version = "3.12"
    default_branch = "main"
  }
}

output "churn_level" {
  value = mlops_maturity_target.churn.current_level
}

output "churn_next_level_gaps" {
  value = mlops_maturity_target.churn.next_level_gaps
}
