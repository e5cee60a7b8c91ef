# A platform team's view of its ML projects: levels, the histogram, who is
# below the minimum, and a report and picture to publish. The projects come
# straight from mlops_maturity_target resources (here declared with for_each).
locals {
  projects = {
    churn-model = {
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
    fraud-model = {
      target_level = 2
      capabilities = ["automated_builds", "application_unit_tests"]
    }
  }
}

resource "mlops_maturity_target" "all" {
  for_each     = local.projects
  name         = each.key
  target_level = each.value.target_level
  capabilities = each.value.capabilities
  output_dir   = "${path.root}/${each.key}"
}

data "mlops_portfolio" "fleet" {
  projects = {
    for name, t in mlops_maturity_target.all : name => {
      target_level  = t.target_level
      capabilities  = t.capabilities
      exemptions    = t.exemptions
      minimum_level = 1
    }
  }

  # Fail the plan, naming the projects, when any is below its minimum_level.
  enforce_minimum = false

  # The rendered reports are computed only when asked for (they grow with the
  # fleet and are kept in the state); levels and the histogram always are.
  reports = ["report", "scorecard_svg"]
}

output "levels" {
  value = data.mlops_portfolio.fleet.levels # { "churn-model" = 1, "fraud-model" = 0 }
}

output "below_minimum" {
  value = data.mlops_portfolio.fleet.below_minimum # ["fraud-model"]
}

# Publish the fleet report and picture next to the configuration.
resource "local_file" "portfolio_report" {
  filename = "${path.root}/PORTFOLIO.md"
  content  = data.mlops_portfolio.fleet.report
}

resource "local_file" "portfolio_scorecard" {
  filename = "${path.root}/portfolio.svg"
  content  = data.mlops_portfolio.fleet.scorecard_svg
}
