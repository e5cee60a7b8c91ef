terraform {
  backend "azurerm" {
  }
}
