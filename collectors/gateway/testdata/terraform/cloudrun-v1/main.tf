# The fetch MCP server on Cloud Run (v1 API, the provider's
# google_cloud_run_service and google_iam_policy examples): internal ingress,
# the invoker role granted through an IAM policy to any Google account, and
# an admin password committed as a variable default.
variable "admin_password" {
  default = "Sup3rS3cretAdm1n!2024"
}

resource "google_cloud_run_service" "fetch" {
  name     = "mcp-fetch"
  location = "us-central1"

  metadata {
    annotations = {
      "run.googleapis.com/ingress" = "internal"
    }
  }

  template {
    spec {
      containers {
        image = "mcp/fetch@sha256:0b7e1b2f5c8a4d3e6f9a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a"
        env {
          name  = "ADMIN_PASSWORD"
          value = var.admin_password
        }
        env {
          name = "UPSTREAM_TOKEN"
          value_from {
            secret_key_ref {
              name = "fetch-upstream-token"
              key  = "latest"
            }
          }
        }
      }
    }
  }
}

data "google_iam_policy" "invokers" {
  binding {
    role = "roles/run.invoker"
    members = [
      "allAuthenticatedUsers",
    ]
  }
}

resource "google_cloud_run_service_iam_policy" "invokers" {
  location    = google_cloud_run_service.fetch.location
  project     = google_cloud_run_service.fetch.project
  service     = google_cloud_run_service.fetch.name
  policy_data = data.google_iam_policy.invokers.policy_data
}
