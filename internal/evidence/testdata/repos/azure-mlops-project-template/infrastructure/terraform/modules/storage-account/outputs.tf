output "id" {
  value = azurerm_storage_account.st.id
}

output "name" {
  value = azurerm_storage_account.st.name
}
