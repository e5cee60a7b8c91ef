# The MLOps maturity of this repository's ML project, assessed on every pull
# request by .github/workflows/mlops-maturity.yml. Declare what the project
# has in capabilities; the workflow posts the report, uploads the gaps to
# code scanning, and fails when the project falls below minimum_level.

terraform {
  required_version = ">= 1.8"
  required_providers {
    mlops = {
      source = "mlops-maturity/mlops"
    }
  }
}

# The workflow first plans with enforce_minimum = false to publish the
# reports, then with true to gate the pull request.
variable "enforce_minimum" {
  type        = bool
  default     = true
  description = "Fail the plan when the project is below local.minimum_level."
}

locals {
  minimum_level = 1

  # Where this file sits in the repository: code scanning shows the gaps here.
  source_file = "infra/mlops/main.tf"
}

data "mlops_maturity_target" "project" {
  name          = "churn-model"
  source_file   = local.source_file
  target_level  = 3
  minimum_level = var.enforce_minimum ? local.minimum_level : null

  capabilities = [
    "automated_data_pipeline",
    "automated_builds",
    "application_unit_tests",
    "model_integration_tests",
    "scoring_script_versioned",
    "experiment_tracking",
  ]

  exemptions = {
    automated_application_release = "batch scoring only: there is no service to release"
  }
}

output "current_level" {
  value = data.mlops_maturity_target.project.current_level
}

output "report_markdown" {
  value = data.mlops_maturity_target.project.report
}

output "report_sarif" {
  value = data.mlops_maturity_target.project.report_sarif
}

output "report_json" {
  value = data.mlops_maturity_target.project.report_json
}

output "scorecard_svg" {
  value = data.mlops_maturity_target.project.scorecard_svg
}

output "badge_svg" {
  value = data.mlops_maturity_target.project.badge_svg
}
