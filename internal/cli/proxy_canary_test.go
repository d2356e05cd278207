package cli

import (
	"strings"
	"testing"
)

// Canary secrets planted in proxy and gateway configurations. Each holds
// "CANARY", so no output may contain that word at all.
const (
	canaryConsumerKey = "CANARYconsumerKey0123456789"
	canaryClient      = "CANARYclientSecret9876543210"
	canaryUpstream    = "ghp_CANARYupstream0123456789abcdefghijkl"
	canarySession     = "CANARYsessionSecret1357924680"
)

// proxyCanaryTree returns gateway and proxy configurations (Kong
// declarative files, nginx configurations, Terraform modules, Kubernetes
// custom resources of gateways) with canaries in consumer
// credentials, plugin secrets, upstream headers, variables and private
// keys, including files that do not parse.
func proxyCanaryTree() map[string]string {
	r := strings.NewReplacer("$KEY", canaryConsumerKey, "$CLIENT", canaryClient, "$UP", canaryUpstream, "$SESSION", canarySession)
	files := map[string]string{
		"kong/kong.yaml": `_format_version: "3.0"
services:
  - name: mcp
    url: https://mcp.internal:8443/mcp
    routes:
      - name: mcp
        paths: [/mcp]
    plugins:
      - name: request-transformer
        config:
          replace:
            headers: ["Authorization:Bearer $UP"]
plugins:
  - name: ai-mcp-proxy
    config: {mode: passthrough-listener}
  - name: ai-mcp-oauth2
    config:
      resource: https://mcp.example.com/mcp
      authorization_servers: [https://idp.example.com]
      client_id: kong
      client_secret: "$CLIENT"
  - name: openid-connect
    service: mcp
    config:
      issuer: https://idp.example.com
      session_secret: $SESSION
consumers:
  - username: agent
    keyauth_credentials: [{key: $KEY}]
    basicauth_credentials: [{username: agent, password: "$SESSION"}]
`,
		"kong/broken/kong.yaml": "_format_version: \"3.0\"\nconsumers:\n  - username: x\n    keyauth_credentials: [{key: $KEY}\n  bad: [\n",
		"nginx/conf.d/mcp.conf": `server {
    listen 8080;
    set $api_token "$CLIENT";
    location /mcp {
        proxy_pass http://mcp:8000/mcp;
        proxy_set_header Authorization "Bearer $UP";
        proxy_set_header X-Api-Key '$KEY';
    }
}
`,
		"terraform/main.tf": `resource "google_cloud_run_v2_service" "mcp" {
  name = "github-mcp"
  template {
    containers {
      image = "ghcr.io/github/github-mcp-server:v1.0.0"
      env {
        name  = "GITHUB_PERSONAL_ACCESS_TOKEN"
        value = var.token
      }
    }
  }
}
resource "aws_ecs_task_definition" "mcp" {
  container_definitions = jsonencode([{ name = "slack-mcp", image = "mcp/slack:1.0", environment = [{ name = "SLACK_BOT_TOKEN", value = "$UP" }] }])
}
resource "docker_container" "mcp" {
  name  = "fetch-mcp"
  image = "mcp/fetch:1.0"
  env   = ["API_KEY=$KEY"]
}
`,
		"terraform/k8s/main.tf": `resource "kubernetes_secret_v1" "mcp" {
  metadata {
    name = "mcp"
  }
  data = {
    token = "$SESSION"
  }
}
resource "kubernetes_deployment_v1" "mcp" {
  metadata {
    name = "github-mcp"
  }
  spec {
    template {
      spec {
        container {
          name  = "mcp"
          image = "ghcr.io/github/github-mcp-server:v1.0.0"
          env {
            name  = "GITHUB_TOKEN"
            value = "$UP"
          }
        }
      }
    }
  }
}
`,
		"terraform/variables.tf":   "variable \"token\" {\n  default = \"$CLIENT\"\n}\n",
		"terraform/broken/main.tf": "resource \"docker_container\" \"mcp\" {\n  env = [\"SESSION_SECRET=$SESSION\"\n",
		"envoy/mcp.yaml": `apiVersion: aigateway.envoyproxy.io/v1beta1
kind: MCPRoute
metadata: {name: tools, namespace: ai}
spec:
  parentRefs: [{name: gw}]
  backendRefs:
    - name: search
      kind: Service
      port: 8080
      securityPolicy:
        apiKey: {inline: "$UP"}
`,
		"microsoft/gateway.yaml": `apiVersion: apps/v1
kind: Deployment
metadata: {name: gw, namespace: adapter}
spec:
  template:
    spec:
      containers:
        - name: gw
          image: ghcr.io/microsoft/mcp-gateway:1.4.0
          env:
            - {name: GatewaySettings__Secret, value: "$SESSION"}
            - {name: Redis__ConnectionString, value: "redis:6379,password=$KEY"}
`,
		"kmcp/mcpserver.yaml": `apiVersion: kagent.dev/v1alpha1
kind: MCPServer
metadata: {name: github, namespace: kagent}
spec:
  transportType: stdio
  deployment:
    image: node:22-alpine
    cmd: npx
    args: ["-y", "@modelcontextprotocol/server-github@1.0.0", "--token", "$UP"]
    env: {GITHUB_PERSONAL_ACCESS_TOKEN: "$KEY"}
`,
		"nginx/broken/conf.d/mcp.conf": "server {\n  location /mcp {\n    proxy_set_header X-Api-Key \"$SESSION\"\n    proxy_pass http://mcp:8000\n  }\n",
	}
	for k, v := range files {
		files[k] = r.Replace(v)
	}
	return files
}

// TestNoCanaryFromProxyConfigs assesses gateway and proxy configurations
// full of secrets: none reaches any output, report or bundle file.
func TestNoCanaryFromProxyConfigs(t *testing.T) {
	checkNoCanary(t, proxyCanaryTree(), canaryConsumerKey, canaryClient, canaryUpstream, canarySession, "CANARY")
}
