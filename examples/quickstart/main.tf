# Quickstart: a team with the level 1 basics that aims for level 2.
#
#   terraform plan   shows level 1, the next level and its nine gaps
#   terraform apply  writes the level 2 scaffold into ./ml-project
terraform {
  required_providers {
    mlops = {
      source = "mlops-maturity/mlops"
    }
  }
}

resource "mlops_maturity_target" "quickstart" {
  name         = "quickstart"
  target_level = 2
  output_dir   = "${path.root}/ml-project"

  capabilities = [
    "automated_data_pipeline",
    "automated_builds",
    "application_unit_tests",
    "model_integration_tests",
    "automated_application_release",
    "scoring_script_versioned",
  ]
}

output "current_level" {
  value = mlops_maturity_target.quickstart.current_level
}

output "file_count" {
  value = mlops_maturity_target.quickstart.file_count
}
