# The platform team's root module: it reads every project's workspace from
# the shared PostgreSQL backend and rolls the fleet up with mlops_portfolio.
# Its own state lives in the same database, in another schema. Run it with
# the database's URL in PG_CONN_STR and the project names in a tfvars file:
#
#   terraform init -input=false
#   terraform apply -input=false -lock-timeout=5m -var-file=fleet.tfvars
terraform {
  required_providers {
    mlops = {
      source = "mlops-maturity/mlops"
    }
  }

  backend "pg" {
    schema_name = "mlops_platform"
  }
}

variable "projects" {
  type        = set(string)
  description = "The fleet: the names of the project workspaces in the schema mlops_fleet."
}

variable "minimum_level" {
  type        = number
  default     = null
  description = "A minimum for every project that sets none of its own."
}

variable "enforce_minimum" {
  type        = bool
  default     = false
  description = "Fail the plan, naming the projects, when any is below its minimum level."
}

# Each project's outputs, read-only: conn_str again comes from PG_CONN_STR, so
# it is kept out of this workspace's state.
data "terraform_remote_state" "project" {
  for_each  = var.projects
  backend   = "pg"
  workspace = each.key
  config = {
    schema_name = "mlops_fleet"
  }
}

data "mlops_portfolio" "fleet" {
  projects = {
    for name, s in data.terraform_remote_state.project : name => {
      target_level  = s.outputs.maturity.target_level
      capabilities  = s.outputs.maturity.capabilities
      exemptions    = s.outputs.maturity.exemptions
      minimum_level = try(coalesce(s.outputs.maturity.minimum_level, var.minimum_level), null)
    }
  }
  enforce_minimum = var.enforce_minimum
}

output "levels" {
  value = data.mlops_portfolio.fleet.levels
}

output "level_histogram" {
  value = data.mlops_portfolio.fleet.level_histogram
}

output "below_minimum" {
  value = data.mlops_portfolio.fleet.below_minimum
}

# The level each project's own last apply recorded: equal to levels while the
# projects and the platform run the same provider version and catalog.
output "recorded_levels" {
  value = { for name, s in data.terraform_remote_state.project : name => s.outputs.maturity.current_level }
}
