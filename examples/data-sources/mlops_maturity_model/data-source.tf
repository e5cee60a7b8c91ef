data "mlops_maturity_model" "model" {}

# Every capability id of level 2.
output "level_2_capabilities" {
  value = [for c in data.mlops_maturity_model.model.capabilities : c.id if c.level == 2]
}
