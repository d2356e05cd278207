# No MCP here: a bucket and its lifecycle.
resource "google_storage_bucket" "logs" {
  name     = "acme-logs"
  location = "EU"
}
