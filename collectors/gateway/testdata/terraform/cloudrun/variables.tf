variable "region" {
  type    = string
  default = "europe-west1"
}

variable "github_token" {
  type      = string
  sensitive = true
}

locals {
  toolsets = "repos,issues,pull_requests"
}
