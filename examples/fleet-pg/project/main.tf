# One ML project's root module, as its repository carries it (in infra/, so
# the scaffold goes to the repository root, ".."). Its state lives in the
# fleet's PostgreSQL database, in the workspace named after the project. The
# platform team creates that workspace once when it onboards the project
# (terraform workspace new churn-model); the repository's CI then runs, with
# the database's URL in the secret PG_CONN_STR:
#
#   terraform init -input=false
#   terraform workspace select churn-model
#   terraform plan  -input=false -lock-timeout=5m -out=plan.tfplan   # pull requests
#   terraform apply -input=false -lock-timeout=5m plan.tfplan        # the main branch
#
# -lock-timeout matters: the backend holds a workspace's lock for a whole plan
# or apply, and briefly takes one lock shared by all workspaces whenever any
# of them locks. Commit the scaffold apply writes (with .mlops/manifest.json):
# a CI checkout without those files would plan to write them again.
terraform {
  required_providers {
    mlops = {
      source = "mlops-maturity/mlops"
    }
  }

  # conn_str is read from the environment variable PG_CONN_STR, so neither the
  # configuration nor the state holds the database's password.
  backend "pg" {
    schema_name = "mlops_fleet"
  }
}

variable "target_level" {
  type        = number
  description = "The level the project aims for (0 to 4)."
}

variable "capabilities" {
  type        = list(string)
  default     = []
  description = "The capability ids the project has."
}

variable "exemptions" {
  type        = map(string)
  default     = {}
  description = "Capability id to the reason it does not apply."
}

variable "minimum_level" {
  type        = number
  default     = null
  description = "The level the platform team expects the project to keep; null for none."
}

variable "output_dir" {
  type        = string
  default     = ".."
  description = "Where the scaffold is written: the repository root when this file lives in infra/."
}

resource "mlops_maturity_target" "this" {
  # The workspace is the project: the platform reads it back by this name.
  name         = terraform.workspace
  target_level = var.target_level
  capabilities = var.capabilities
  exemptions   = var.exemptions
  output_dir   = var.output_dir

  lifecycle {
    precondition {
      condition     = terraform.workspace != "default"
      error_message = "Select the project's workspace first: terraform workspace new <project-name> (or select it)."
    }
  }
}

# What the platform workspace reads through terraform_remote_state: the
# declaration (so the portfolio evaluates it with the same catalog) and the
# level this workspace reached.
output "maturity" {
  value = {
    target_level  = mlops_maturity_target.this.target_level
    capabilities  = mlops_maturity_target.this.capabilities
    exemptions    = mlops_maturity_target.this.exemptions
    minimum_level = var.minimum_level
    current_level = mlops_maturity_target.this.current_level
  }
}
