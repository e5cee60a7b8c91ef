terraform {
  required_providers {
    mlops = {
      source = "mlops-maturity/mlops"
    }
  }
}

# The provider needs no configuration.
provider "mlops" {}
