# MCP servers deployed with the Kubernetes provider (the provider's
# kubernetes_deployment_v1, kubernetes_service_v1, kubernetes_secret_v1 and
# kubernetes_manifest examples): the GitHub MCP server with its token in a
# Secret written in the module, exposed by a load balancer, and a kmcp
# MCPServer created from a manifest.
resource "kubernetes_secret_v1" "github" {
  metadata {
    name      = "github-mcp"
    namespace = "mcp"
  }
  data = {
    token = "ghp_Tf9Kx2Lm8Qw4Er6Ty1Ui3Op5As7Df0Gh2Jk4"
  }
}

resource "kubernetes_deployment_v1" "github_mcp" {
  metadata {
    name      = "github-mcp"
    namespace = "mcp"
    labels = {
      app = "github-mcp"
    }
  }
  spec {
    replicas = 1
    selector {
      match_labels = {
        app = "github-mcp"
      }
    }
    template {
      metadata {
        labels = {
          app = "github-mcp"
        }
      }
      spec {
        container {
          name  = "server"
          image = "ghcr.io/github/github-mcp-server:${var.release}"
          args  = ["http", "--port", "8080"]
          port {
            container_port = 8080
          }
          env {
            name = "GITHUB_PERSONAL_ACCESS_TOKEN"
            value_from {
              secret_key_ref {
                name = kubernetes_secret_v1.github.metadata[0].name
                key  = "token"
              }
            }
          }
          security_context {
            privileged                = true
            allow_privilege_escalation = true
          }
        }
      }
    }
  }
}

resource "kubernetes_service_v1" "github_mcp" {
  metadata {
    name      = "github-mcp"
    namespace = "mcp"
  }
  spec {
    type = "LoadBalancer"
    selector = {
      app = "github-mcp"
    }
    port {
      port        = 443
      target_port = 8080
    }
  }
}

resource "kubernetes_manifest" "time" {
  manifest = {
    apiVersion = "kagent.dev/v1alpha1"
    kind       = "MCPServer"
    metadata = {
      name      = "time"
      namespace = "mcp"
    }
    spec = {
      transportType = "stdio"
      deployment = {
        image = "python:3.12-slim"
        cmd   = "uvx"
        args  = ["mcp-server-time"]
        port  = 3000
      }
    }
  }
}

variable "release" {}
