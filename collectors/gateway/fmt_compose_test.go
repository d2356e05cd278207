package gateway

import (
	"slices"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
)

// TestDockerMCPGatewayFlags checks how gateway run flags and the image
// release decide a Docker MCP Gateway's facts, with the product's defaults
// for flags left out.
func TestDockerMCPGatewayFlags(t *testing.T) {
	tests := []struct {
		name    string
		service string
		check   func(t *testing.T, gw *evidence.Gateway)
	}{
		{"stdio by default", `
    image: docker/mcp-gateway:v0.44.0
    command: ["--servers=fetch"]`, func(t *testing.T, gw *evidence.Gateway) {
			if gw.Authentication.Mode != "local" || len(gw.Listeners) != 0 {
				t.Errorf("mode %s listeners %v, want local and none", gw.Authentication.Mode, gw.Listeners)
			}
			if !*gw.SecretBlocking || !*gw.SignatureVerify || !gw.Audit.Enabled {
				t.Error("block-secrets, verify-signatures and log-calls default to true")
			}
			if gw.Version != "v0.44.0" || gw.Image == nil || gw.Image.Pinning != "tag" {
				t.Errorf("version %q image %+v", gw.Version, gw.Image)
			}
		}},
		{"streaming requires the token", `
    image: docker/mcp-gateway:v0.44.0
    environment:
      MCP_GATEWAY_AUTH_TOKEN: s3cr3t-0123456789abcdefghij
    ports: ["127.0.0.1:9000:8811"]
    command: ["--transport=streaming", "--tools", "search"]`, func(t *testing.T, gw *evidence.Gateway) {
			if gw.Authentication.Mode != "required" || !slices.Contains(gw.Authentication.Kinds, "api-key") {
				t.Errorf("authentication %+v", gw.Authentication)
			}
			if v := gw.Credentials["MCP_GATEWAY_AUTH_TOKEN"]; v.Kind != evidence.ValueLiteralSecret {
				t.Errorf("token classified %q, want literal-secret", v.Kind)
			}
			var host evidence.Listener
			for _, l := range gw.Listeners {
				if l.Exposure == evidence.ExposureLoopback {
					host = l
				}
			}
			if host.Port != 9000 || host.TargetPort != 8811 || host.Transport != "streamable-http" {
				t.Errorf("listeners %+v, want 127.0.0.1:9000 → 8811", gw.Listeners)
			}
			if gw.Authorization.Kind != "allow-list" || !gw.Authorization.PerTool {
				t.Errorf("authorization %+v, want a tool allow-list", gw.Authorization)
			}
			if !gw.DNSRebinding {
				t.Error("HTTP transports accept only localhost origins")
			}
		}},
		{"releases before v0.43.1 serve containers unauthenticated", `
    image: docker/mcp-gateway:v0.42.3
    ports: ["8811:8811"]
    command: ["--transport=sse"]`, func(t *testing.T, gw *evidence.Gateway) {
			if gw.Authentication.Mode != "none" {
				t.Errorf("mode %s, want none", gw.Authentication.Mode)
			}
			if gw.Listeners[0].Exposure != evidence.ExposureAllInterfaces || gw.Listeners[0].Transport != "sse" {
				t.Errorf("listeners %+v", gw.Listeners)
			}
		}},
		{"allow-unauthenticated", `
    image: docker/mcp-gateway
    command: --transport streaming --allow-unauthenticated --port 9999`, func(t *testing.T, gw *evidence.Gateway) {
			if gw.Authentication.Mode != "none" || gw.Listeners[0].Port != 9999 {
				t.Errorf("mode %s listeners %+v", gw.Authentication.Mode, gw.Listeners)
			}
		}},
		{"safeguards switched off", `
    image: docker/mcp-gateway@sha256:1111111111111111111111111111111111111111111111111111111111111111
    privileged: true
    environment: ["DOCKER_MCP_ALLOW_INSECURE_REMOTE_URLS=1"]
    volumes: ["/var/run/docker.sock:/var/run/docker.sock"]
    command: ["--block-secrets=false", "--verify-signatures=false", "--block-network", "--debug-dns"]`, func(t *testing.T, gw *evidence.Gateway) {
			if *gw.SecretBlocking || *gw.SignatureVerify {
				t.Error("secret blocking and signature verification are switched off")
			}
			if gw.Egress != "restricted" || !gw.Debug {
				t.Errorf("egress %s debug %v", gw.Egress, gw.Debug)
			}
			if gw.SSRF == nil || gw.SSRF.Protection {
				t.Errorf("ssrf %+v, want off", gw.SSRF)
			}
			if gw.Container == nil || !gw.Container.Privileged || !gw.Container.DockerSocket || !gw.Image.Pinned {
				t.Errorf("container %+v image %+v", gw.Container, gw.Image)
			}
		}},
		{"API socket and a CLI in another image", `
    image: docker:cli
    use_api_socket: true
    command: docker mcp gateway run --transport=streaming --servers=duckduckgo,fetch`, func(t *testing.T, gw *evidence.Gateway) {
			if !gw.Container.DockerSocket {
				t.Error("use_api_socket gives the container the Docker API")
			}
			if gw.Authentication.Mode != "required" {
				t.Errorf("mode %s: outside the image the gateway has required a token since v0.25", gw.Authentication.Mode)
			}
			if len(gw.Servers) != 2 {
				t.Errorf("servers %v, want duckduckgo and fetch", gw.Servers)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := analyze(t, "deploy/compose.yaml", "services:\n  mcp-gateway:"+tt.service+"\n")
			if r.src.Status != evidence.StatusOK {
				t.Fatalf("status %s %v", r.src.Status, r.src.Diagnostics)
			}
			gw := r.gateway(t)
			if gw.Product != "docker-mcp-gateway" || gw.Name != "mcp-gateway" {
				t.Errorf("product %s name %s", gw.Product, gw.Name)
			}
			tt.check(t, gw)
		})
	}
}

// TestComposeRejectsUnknownGatewayFlags checks that a flag gateway run does
// not know (it then refuses to start) makes the file a schema error.
func TestComposeRejectsUnknownGatewayFlags(t *testing.T) {
	r := analyze(t, "compose.yaml", "services:\n  gw:\n    image: docker/mcp-gateway:v0.44.0\n    command: [\"--transport=sse\", \"--auth-token=x\"]\n")
	if r.src.Status != evidence.StatusSchemaError || len(r.gateway(t).ConfigErrors) != 1 {
		t.Errorf("status %s config errors %v", r.src.Status, r.gateway(t).ConfigErrors)
	}
}

// TestComposeMCPServerServices checks that a service running an MCP server
// image becomes a server judged as a container launch.
func TestComposeMCPServerServices(t *testing.T) {
	r := analyze(t, "compose.yaml", `services:
  github:
    image: ghcr.io/github/github-mcp-server:latest
    privileged: true
    network_mode: host
    ports: ["8080:8080"]
    volumes:
      - type: bind
        source: /
        target: /host
    environment:
      GITHUB_PERSONAL_ACCESS_TOKEN: ghp_0123456789abcdefghijklmnopqrstuvwxyz
      LOG_LEVEL: debug
  fetch:
    image: mcp/fetch@sha256:2222222222222222222222222222222222222222222222222222222222222222
  web:
    image: nginx:1.27
`)
	if len(r.gateways) != 0 || len(r.servers) != 2 {
		t.Fatalf("%d gateways %d servers, want the two MCP server services", len(r.gateways), len(r.servers))
	}
	g := r.servers["github"]
	c := g.Launch.Container
	if g.Launch.Runner != "docker" || !c.Privileged || !c.HostNetwork || !c.PublishedAllInterfaces || len(c.Mounts) != 1 || !c.Mounts[0].Broad {
		t.Errorf("github container %+v", c)
	}
	if g.Launch.Package.Pinning != "latest" || g.Scope != evidence.ScopeProject || g.Client != "docker-compose" {
		t.Errorf("github package %+v scope %s client %s", g.Launch.Package, g.Scope, g.Client)
	}
	if g.Env["GITHUB_PERSONAL_ACCESS_TOKEN"].Kind != evidence.ValueLiteralSecret || g.Env["LOG_LEVEL"].Kind != evidence.ValueLiteral {
		t.Errorf("env %+v", g.Env)
	}
	if f := r.servers["fetch"]; !f.Launch.Package.Pinned {
		t.Errorf("fetch package %+v, want pinned by digest", f.Launch.Package)
	}
	for _, data := range r.out.Files {
		if strings.Contains(string(data), "ghp_0123456789") {
			t.Error("stored copy keeps the token")
		}
	}
}

// TestComposeOverrideWithoutImage checks that a service with no image and
// no build is a schema error at its line, and that its settings are still
// read.
func TestComposeOverrideWithoutImage(t *testing.T) {
	r := analyze(t, "docker-compose.sso.yml", `services:
  gateway:
    environment:
      - SSO_ENABLED=true
      - SSO_KEYCLOAK_BASE_URL=http://keycloak:8080
      - SSO_KEYCLOAK_CLIENT_SECRET=keycloak-dev-secret
`)
	if r.src.Status != evidence.StatusSchemaError || r.src.Diagnostics[0].Line != 2 {
		t.Fatalf("status %s diagnostics %v, want a schema error at line 2", r.src.Status, r.src.Diagnostics)
	}
	gw := r.gateway(t)
	if gw.Product != "contextforge" || gw.Credentials["SSO_KEYCLOAK_CLIENT_SECRET"].Kind != evidence.ValueLiteralSecret || !gw.Authentication.InsecureKeySource {
		t.Errorf("gateway %+v", gw)
	}
}

// TestComposeRecognition checks which Compose files are read.
func TestComposeRecognition(t *testing.T) {
	tests := []struct {
		path, yaml string
		want       bool
	}{
		{"compose.yaml", "services:\n  web:\n    image: nginx\n", false},
		{"docker-compose.yml", "services:\n  app:\n    image: demo\n    environment: [MCP_URL=http://gw:8811]\n", true},
		{"stack.yaml", "services:\n  gw:\n    image: docker/mcp-gateway\n", true},
		{"stack.yaml", "services:\n  app:\n    image: demo\n    environment: [MCP_URL=http://gw:8811]\n", false},
	}
	for _, tt := range tests {
		format, _ := formatOf(tt.path, tt.yaml)
		if got := format == "compose"; got != tt.want {
			t.Errorf("%s %q: read %v, want %v", tt.path, tt.yaml, got, tt.want)
		}
	}
}
