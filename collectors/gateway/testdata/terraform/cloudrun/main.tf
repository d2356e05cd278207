# The GitHub MCP server on Cloud Run (v2 API), open to unauthenticated
# callers the way the provider's "Allow unauthenticated invocations"
# example grants roles/run.invoker to allUsers.
resource "google_cloud_run_v2_service" "github_mcp" {
  name                = "github-mcp"
  location            = var.region
  deletion_protection = false
  ingress             = "INGRESS_TRAFFIC_ALL"

  template {
    service_account = google_service_account.mcp.email
    containers {
      image = "ghcr.io/github/github-mcp-server:v0.9.0"
      args  = ["http", "--port", "8080"]
      ports {
        container_port = 8080
      }
      env {
        name  = "GITHUB_PERSONAL_ACCESS_TOKEN"
        value = var.github_token
      }
      env {
        name  = "GITHUB_TOOLSETS"
        value = local.toolsets
      }
      env {
        name = "OPENAI_API_KEY"
        value_source {
          secret_key_ref {
            secret  = google_secret_manager_secret.openai.secret_id
            version = "latest"
          }
        }
      }
    }
  }
}

resource "google_cloud_run_v2_service_iam_member" "public" {
  project  = google_cloud_run_v2_service.github_mcp.project
  location = google_cloud_run_v2_service.github_mcp.location
  name     = google_cloud_run_v2_service.github_mcp.name
  role     = "roles/run.invoker"
  member   = "allUsers"
}

resource "google_service_account" "mcp" {
  account_id = "github-mcp"
}
