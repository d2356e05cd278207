package gateway_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/pipeline"
)

// benchFormats are one file of each gateway format the collector reads,
// numbered by %[1]d: agentgateway, Docker MCP Gateway in Compose, a Docker
// MCP catalog, ContextForge settings, a LiteLLM proxy config, ToolHive's
// Cedar authorization config, vMCP config and custom resources, Kong
// declarative config, an nginx server, a Terraform Cloud Run module, an
// Envoy AI Gateway MCPRoute, a kmcp MCPServer, a Microsoft MCP Gateway
// deployment, and ContextForge chart values.
var benchFormats = []struct{ name, body string }{
	{"agentgateway/config.yaml", `binds:
- port: %[2]d
  listeners:
  - hostname: mcp-%[1]d.acme.example
    routes:
    - policies:
        mcpAuthentication:
          issuer: https://login.acme.example/realms/mcp
          audiences: [https://mcp-%[1]d.acme.example/mcp]
          resourceMetadata: {resource: https://mcp-%[1]d.acme.example/mcp}
        mcpAuthorization:
          rules: ['jwt.sub == "svc-%[1]d" && mcp.tool.name == "search"']
        localRateLimit: [{maxTokens: 10, tokensPerFill: 1, fillInterval: 1s}]
      backends:
      - mcp:
          targets:
          - {name: docs, mcp: {host: "https://docs-%[1]d.internal.acme.example/mcp"}}
          - {name: time, stdio: {cmd: uvx, args: ["mcp-server-time==2025.9.%[1]d"]}}
`},
	{"compose.yaml", `services:
  gateway:
    image: docker/mcp-gateway:v0.45.0
    command: ["--transport=streaming", "--port=8811", "--servers=duckduckgo,fetch", "--verify-signatures"]
    ports: ["127.0.0.1:%[2]d:8811"]
    environment:
      MCP_GATEWAY_AUTH_TOKEN: ${MCP_GATEWAY_AUTH_TOKEN}
    volumes: ["/var/run/docker.sock:/var/run/docker.sock"]
  github:
    image: ghcr.io/github/github-mcp-server:v0.%[1]d.0
    environment:
      GITHUB_PERSONAL_ACCESS_TOKEN: ${GITHUB_TOKEN}
`},
	{"catalog.yaml", `name: team-%[1]d
displayName: Team %[1]d
registry:
  search-%[1]d:
    description: Search
    title: Search
    type: remote
    remote: {url: "https://search-%[1]d.acme.example/mcp", transport_type: streamable-http}
  notes-%[1]d:
    description: Notes
    title: Notes
    type: server
    image: mcp/notes:1.%[1]d.0
    secrets: [{name: notes.token, env: NOTES_TOKEN}]
`},
	{".env", `HOST=0.0.0.0
PORT=%[2]d
MCPGATEWAY_UI_ENABLED=false
MCPGATEWAY_ADMIN_API_ENABLED=true
AUTH_REQUIRED=true
JWT_AUDIENCE=https://gw-%[1]d.acme.example/mcp
REQUIRE_STRONG_SECRETS=true
`},
	{"litellm/config.yaml", `model_list: []
general_settings:
  master_key: os.environ/LITELLM_MASTER_KEY
mcp_servers:
  github_%[1]d:
    url: https://api.githubcopilot.com/mcp
    auth_type: bearer_token
    authentication_token: os.environ/GITHUB_TOKEN
    allowed_tools: [get_issue, search_code]
`},
	{"authz-config.json", `{"version": "1.0", "type": "cedarv1", "cedar": {"policies": [
  "permit(principal == Client::\"svc-%[1]d\", action == Action::\"call_tool\", resource == Tool::\"search\");",
  "permit(principal, action == Action::\"list_tools\", resource);"
], "entities_json": "[]"}}
`},
	{"vmcp-config.yaml", `name: vmcp-%[1]d
groupRef: team-%[1]d
incomingAuth:
  type: oidc
  oidc: {issuer: "https://login.acme.example", audience: "https://vmcp-%[1]d.acme.example/mcp"}
outgoingAuth:
  source: inline
  default: {type: token_exchange}
`},
	{"toolhive.yaml", `apiVersion: toolhive.stacklok.dev/v1alpha1
kind: MCPServer
metadata: {name: fetch-%[1]d, namespace: team-%[1]d}
spec:
  image: ghcr.io/stackloklabs/gofetch/server:1.0.%[1]d
  transport: streamable-http
  proxyPort: 8080
  permissionProfile: {type: builtin, name: network}
  oidcConfig: {type: configMap, configMap: {name: oidc}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: oidc, namespace: team-%[1]d}
data: {issuer: "https://login.acme.example", audience: "https://fetch-%[1]d.acme.example/mcp"}
`},
	{"kong.yaml", `_format_version: "3.0"
services:
  - name: mcp-%[1]d
    url: https://mcp-%[1]d.internal.acme.example/mcp
    tls_verify: true
    routes:
      - name: mcp-%[1]d
        paths: [/mcp]
        protocols: [https]
        hosts: [mcp-%[1]d.acme.example]
plugins:
  - name: ai-mcp-proxy
    route: mcp-%[1]d
    config: {mode: passthrough-listener, logging: {log_audits: true}}
  - name: ai-mcp-oauth2
    route: mcp-%[1]d
    config:
      resource: https://mcp-%[1]d.acme.example/mcp
      authorization_servers: [https://login.acme.example/realms/mcp]
  - name: rate-limiting
    config: {minute: 600}
  - name: http-log
    config: {http_endpoint: https://logs.acme.example}
`},
	{"conf.d/mcp.conf", `server {
    listen 443 ssl;
    server_name mcp-%[1]d.acme.example;
    location /mcp {
        auth_request /auth;
        limit_req zone=mcp burst=20;
        proxy_pass http://10.1.%[1]d.5:8080;
        proxy_set_header Authorization "";
    }
}
`},
	{"infra/main.tf", `resource "google_cloud_run_v2_service" "mcp" {
  name    = "mcp-%[1]d"
  ingress = "INGRESS_TRAFFIC_INTERNAL_ONLY"
  template {
    containers {
      image = "ghcr.io/github/github-mcp-server:v0.%[1]d.0"
      env {
        name  = "GITHUB_PERSONAL_ACCESS_TOKEN"
        value = var.github_token
      }
    }
  }
}
resource "google_cloud_run_v2_service_iam_member" "agents" {
  name   = google_cloud_run_v2_service.mcp.name
  role   = "roles/run.invoker"
  member = "serviceAccount:agents-%[1]d@acme.iam.gserviceaccount.com"
}
variable "github_token" {}
`},
	{"envoy/mcp.yaml", `apiVersion: aigateway.envoyproxy.io/v1beta1
kind: MCPRoute
metadata: {name: mcp-%[1]d, namespace: team-%[1]d}
spec:
  parentRefs: [{name: gw}]
  securityPolicy:
    oauth:
      issuer: https://login.acme.example/realms/mcp
      audiences: [https://mcp-%[1]d.acme.example/mcp]
      protectedResourceMetadata: {resource: https://mcp-%[1]d.acme.example/mcp}
  backendRefs: [{name: search, port: 8080}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: team-%[1]d}
spec:
  gatewayClassName: eg
  listeners: [{name: https, protocol: HTTPS, port: 443, hostname: mcp-%[1]d.acme.example}]
`},
	{"kmcp/mcpserver.yaml", `apiVersion: kagent.dev/v1alpha1
kind: MCPServer
metadata: {name: time-%[1]d, namespace: team-%[1]d}
spec:
  transportType: stdio
  deployment: {image: "python:3.12-slim", cmd: uvx, args: ["mcp-server-time==2025.9.%[1]d"], port: 3000}
`},
	{"ms/gateway.yaml", `apiVersion: apps/v1
kind: Deployment
metadata: {name: gateway-%[1]d, namespace: team-%[1]d}
spec:
  selector: {matchLabels: {app: gw}}
  template:
    metadata: {labels: {app: gw}}
    spec:
      containers:
        - name: gw
          image: ghcr.io/microsoft/mcp-gateway:1.%[1]d.0
          env:
            - {name: ASPNETCORE_ENVIRONMENT, value: Production}
            - {name: AzureAd__TenantId, value: tenant-%[1]d}
            - {name: AzureAd__Audience, value: "api://mcp-%[1]d"}
`},
	{"charts/values.yaml", `mcpContextForge:
  image: {repository: ghcr.io/ibm/mcp-context-forge, tag: 0.8.%[1]d}
  service: {type: ClusterIP, port: 80}
  config: {HOST: 0.0.0.0, PORT: "4444", MCPGATEWAY_UI_ENABLED: "false"}
  secret: {BASIC_AUTH_USER: admin, BASIC_AUTH_PASSWORD: changeme}
`},
}

// writeGatewayFleet writes n gateway files, the formats in turn, each in a
// folder of its own.
func writeGatewayFleet(tb testing.TB, dir string, n int) {
	tb.Helper()
	for i := 0; i < n; i++ {
		f := benchFormats[i%len(benchFormats)]
		p := filepath.Join(dir, fmt.Sprintf("team-%04d", i), filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, fmt.Appendf(nil, f.body, i, 10000+i), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkCollectAndAssess1000GatewayFiles collects 1,000 gateway files of
// every format the gateway collector reads (the topology pass included) and
// evaluates the whole catalog over them.
func BenchmarkCollectAndAssess1000GatewayFiles(b *testing.B) {
	const n = 1000
	dir := b.TempDir()
	writeGatewayFleet(b, dir, n)
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		bundle, err := pipeline.Collect(ctx, collectors.Request{Paths: []string{dir}, Now: now, Version: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		sources, gateways, catalogs := 0, 0, 0
		for _, s := range bundle.Subjects {
			switch v := s.(type) {
			case *evidence.Source:
				sources++
				if v.Status != evidence.StatusOK {
					b.Fatalf("%s: %s %v", v.Provenance.File, v.Status, v.Diagnostics)
				}
				if filepath.Base(v.Provenance.File) == "catalog.yaml" {
					catalogs++ // a catalog lists servers for a gateway configured elsewhere
				}
			case *evidence.Gateway:
				gateways++
			}
		}
		if sources != n || gateways < n-catalogs {
			b.Fatalf("%d sources and %d gateways from %d files", sources, gateways, n)
		}
		res, err := pipeline.Evaluate(ctx, bundle, pipeline.EvaluateOptions{Now: now, Version: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		if res.Counts.Error != 0 {
			b.Fatalf("%d evaluation errors", res.Counts.Error)
		}
	}
	b.ReportMetric(float64(n), "files/op")
}

// TestGatewayFleetIsRead checks the benchmark's files once (a few of each
// format): every one is read as a gateway without a diagnostic error.
func TestGatewayFleetIsRead(t *testing.T) {
	dir := t.TempDir()
	writeGatewayFleet(t, dir, 2*len(benchFormats))
	bundle, err := pipeline.Collect(context.Background(), collectors.Request{Paths: []string{dir}, Now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	products := map[string]int{}
	for _, s := range bundle.Subjects {
		switch v := s.(type) {
		case *evidence.Source:
			if v.Status != evidence.StatusOK {
				t.Errorf("%s: %s", v.Provenance.File, v.Status)
			}
			for _, d := range v.Diagnostics {
				if d.Severity == "error" {
					t.Errorf("%s: %s", v.Provenance.File, d.Message)
				}
			}
		case *evidence.Gateway:
			products[v.Product]++
		}
	}
	for _, p := range []string{"agentgateway", "docker-mcp-gateway", "contextforge", "litellm", "toolhive",
		"kong", "nginx", "cloud-run", "envoy-ai-gateway", "kmcp", "microsoft-mcp-gateway"} {
		if products[p] == 0 {
			t.Errorf("no %s gateway read; got %v", p, products)
		}
	}
}
