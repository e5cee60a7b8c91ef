output "id" {
  value = azurerm_key_vault.kv.id
}