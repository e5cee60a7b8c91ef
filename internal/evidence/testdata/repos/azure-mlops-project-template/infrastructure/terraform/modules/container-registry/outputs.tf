output "id" {
  value = azurerm_container_registry.cr.id
}