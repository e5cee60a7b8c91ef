# The scaffold that reaches level 2, as path -> content, without writing any
# file: feed it to a provider that pushes files to a remote repository (see
# examples/remote-repository for github_repository_file).
data "mlops_scaffold" "churn" {
  name         = "churn-model"
  target_level = 2
  platform     = "gitlab_ci"

  capabilities = [
    "automated_data_pipeline",
    "automated_builds",
    "application_unit_tests",
    "model_integration_tests",
    "automated_application_release",
    "scoring_script_versioned",
  ]
}

output "paths" {
  value = keys(data.mlops_scaffold.churn.files)
}

output "files_sha256" {
  value = data.mlops_scaffold.churn.files_sha256
}
