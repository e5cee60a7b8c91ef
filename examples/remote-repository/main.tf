# Scaffolds for remote repositories: the data source mlops_scaffold renders the
# files that reach the next level, and the GitHub provider commits them to a
# repository, one github_repository_file per file. Nothing is written to local
# disk.
#
#   export GITHUB_TOKEN=...   a token that may write to the repository
#   terraform plan            shows the level, the gaps and one file per path
#   terraform apply           commits the files to the branch
#
# The content of every file is in the plan and the state of this
# configuration. For a local folder, the resource mlops_maturity_target is the
# lean choice: it keeps only a count and a digest in state.
terraform {
  required_providers {
    github = {
      source  = "integrations/github"
      version = "~> 6.0"
    }
    mlops = {
      source = "mlops-maturity/mlops"
    }
  }
}

variable "github_owner" {
  description = "Organization or user that owns the repository."
  type        = string
}

variable "repository" {
  description = "Existing repository the scaffold is committed to; its name is also the project slug used in the files."
  type        = string
  default     = "churn-model"
}

variable "branch" {
  description = "Branch the scaffold is committed to."
  type        = string
  default     = "main"
}

provider "github" {
  owner = var.github_owner
}

data "mlops_scaffold" "churn" {
  name         = var.repository
  target_level = 2
  platform     = "github_actions"

  capabilities = [
    "automated_data_pipeline",
    "automated_builds",
    "application_unit_tests",
    "model_integration_tests",
    "automated_application_release",
    "scoring_script_versioned",
  ]

  variables = {
    default_branch = var.branch
  }
}

resource "github_repository_file" "scaffold" {
  for_each = data.mlops_scaffold.churn.files

  repository          = var.repository
  branch              = var.branch
  file                = each.key
  content             = each.value
  commit_message      = "Scaffold ${each.key} for MLOps level ${data.mlops_scaffold.churn.next_level}"
  overwrite_on_create = true

  # Unlike the resource mlops_maturity_target, which keeps a file you edit,
  # this provider puts the generated content back on the next apply. To keep
  # edits made in the repository, uncomment:
  # lifecycle {
  #   ignore_changes = [content]
  # }
}

output "current_level" {
  value = data.mlops_scaffold.churn.current_level
}

output "next_level_gaps" {
  value = data.mlops_scaffold.churn.next_level_gaps
}

output "file_count" {
  value = data.mlops_scaffold.churn.file_count
}

# The repository keeps no file mode: run these with their interpreter, or mark
# them executable in a commit of your own (git update-index --chmod=+x).
output "executable_files" {
  value = data.mlops_scaffold.churn.executable_files
}
