# The filesystem MCP server with the Docker provider: privileged, a broad
# host mount and a port on every interface (the provider's docker_container
# and docker_image examples).
terraform {
  required_providers {
    docker = {
      source  = "kreuzwerker/docker"
      version = "~> 3.0"
    }
  }
}

resource "docker_image" "filesystem" {
  name = "mcp/filesystem:latest"
}

resource "docker_container" "filesystem" {
  name       = "mcp-filesystem"
  image      = docker_image.filesystem.image_id
  privileged = true
  command    = ["/projects"]
  env        = ["LOG_LEVEL=debug", "GITHUB_TOKEN=ghp_Q1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6J7k8"]

  ports {
    internal = 8080
    external = 8080
  }

  volumes {
    host_path      = "/home/dev"
    container_path = "/projects"
  }
}
