output "id" {
  value = azurerm_application_insights.appi.id
}