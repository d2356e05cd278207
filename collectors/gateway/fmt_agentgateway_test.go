package gateway

import (
	"slices"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
)

// TestAgentgatewayDefaults checks the documented defaults agentgateway
// applies when a file leaves a policy unset: jwtAuth, apiKey and basicAuth
// are optional, mcpAuthentication strict, DNS-rebinding protection off, the
// simple mcp form listens on port 3000 on every interface.
func TestAgentgatewayDefaults(t *testing.T) {
	tests := []struct {
		name  string
		yaml  string
		check func(t *testing.T, gw *evidence.Gateway)
	}{
		{"simple form without policies", `
mcp:
  targets:
  - name: time
    stdio: {cmd: uvx, args: [mcp-server-time]}
`, func(t *testing.T, gw *evidence.Gateway) {
			if gw.Authentication.Mode != "none" || gw.Authorization.Kind != "none" || gw.DNSRebinding {
				t.Errorf("authentication %s, authorization %s, dns rebinding %v; want none, none, false", gw.Authentication.Mode, gw.Authorization.Kind, gw.DNSRebinding)
			}
			if len(gw.Listeners) != 1 || gw.Listeners[0].Port != 3000 || gw.Listeners[0].Exposure != evidence.ExposureAllInterfaces || gw.Listeners[0].TLS {
				t.Errorf("listeners %+v, want port 3000 on all interfaces, no TLS", gw.Listeners)
			}
			if !gw.Audit.Enabled {
				t.Error("access logs are on by default")
			}
		}},
		{"jwtAuth without mode is optional", `
mcp:
  port: 3001
  policies:
    jwtAuth: {issuer: https://idp.example.com, audiences: [https://gw.example.com/mcp], jwks: {url: https://idp.example.com/jwks}}
  targets: [{name: t, mcp: {host: https://up.example.com/mcp}}]
`, func(t *testing.T, gw *evidence.Gateway) {
			if gw.Authentication.Mode != "optional" || !slices.Contains(gw.Authentication.Kinds, "jwt") {
				t.Errorf("authentication %+v, want optional jwt", gw.Authentication)
			}
			if !gw.Authentication.TokenValidation || gw.Authentication.AudienceNotResource || gw.Authentication.InsecureKeySource {
				t.Errorf("token facts %+v", gw.Authentication)
			}
			if gw.Listeners[0].Port != 3001 {
				t.Errorf("port %d, want 3001", gw.Listeners[0].Port)
			}
		}},
		{"jwtAuth strict is required", `
mcp:
  policies:
    jwtAuth: {mode: strict, issuer: https://idp, jwks: {file: ./k}}
  targets: [{name: t, stdio: {cmd: node, args: [s.js]}}]
`, func(t *testing.T, gw *evidence.Gateway) {
			if gw.Authentication.Mode != "required" {
				t.Errorf("mode %s, want required", gw.Authentication.Mode)
			}
			if len(gw.Authentication.Audiences) != 0 {
				t.Errorf("audiences %v, want none", gw.Authentication.Audiences)
			}
		}},
		{"mcpAuthentication without mode is strict", `
binds:
- port: 3000
  listeners:
  - routes:
    - backends: [{mcp: {targets: [{name: e, stdio: {cmd: npx, args: ["@modelcontextprotocol/server-everything"]}}]}}]
      policies:
        mcpAuthentication:
          issuer: http://keycloak.internal:7080/realms/mcp
          audiences: [mcp_proxy]
          resourceMetadata:
            resource: http://localhost:3000/keycloak/mcp
            bearerMethodsSupported: [header, body, query]
`, func(t *testing.T, gw *evidence.Gateway) {
			a := gw.Authentication
			if a.Mode != "required" || !a.ResourceMetadata || a.Resource != "http://localhost:3000/keycloak/mcp" {
				t.Errorf("authentication %+v", a)
			}
			if !a.AudienceNotResource {
				t.Error("audience mcp_proxy is not the MCP resource")
			}
			if !a.InsecureKeySource {
				t.Error("an http issuer on another host is an insecure key source")
			}
			if !a.TokenInQuery {
				t.Error("bearerMethodsSupported query advertises tokens in the query")
			}
		}},
		{"authorization on claims, passthrough and rate limit", `
mcp:
  policies:
    backendAuth: {passthrough: {}}
    jwtAuth: {issuer: agentgateway.dev, audiences: [test.agentgateway.dev], jwks: {file: ./pub-key}}
    localRateLimit: [{maxTokens: 10, tokensPerFill: 1, fillInterval: 1s}]
    mcpAuthorization:
      rules:
      - 'mcp.tool.name == "echo"'
      - 'jwt.sub == "test-user" && mcp.tool.name == "get-sum"'
      - deny: 'mcp.tool.name == "rm"'
  targets: [{name: mcp2, mcp: {host: http://localhost:3001/mcp}}]
`, func(t *testing.T, gw *evidence.Gateway) {
			z := gw.Authorization
			if z.Kind != "cel" || !z.PerTool || !z.PerCaller || !z.ReadsClaims {
				t.Errorf("authorization %+v, want per-tool CEL reading claims", z)
			}
			if !slices.Contains(z.Unrestricted, `mcp.tool.name == "echo"`) {
				t.Errorf("unrestricted %v, want the echo rule (no caller condition)", z.Unrestricted)
			}
			if !gw.TokenPassthrough || !slices.Contains(gw.UpstreamAuth, "passthrough") {
				t.Errorf("passthrough %v %v", gw.TokenPassthrough, gw.UpstreamAuth)
			}
			if !gw.RateLimit {
				t.Error("localRateLimit is a rate limit")
			}
			if !gw.Authentication.AudienceNotResource {
				t.Error("test.agentgateway.dev is not a URI naming the resource")
			}
		}},
		{"weakest MCP route decides", `
binds:
- port: 3000
  listeners:
  - protocol: HTTPS
    tls: {cert: c.pem, key: k.pem}
    routes:
    - matches: [{path: {pathPrefix: /a}}]
      policies:
        mcpAuthentication: {issuer: https://idp, audiences: [https://gw/a], resourceMetadata: {resource: https://gw/a}}
        mcpAuthorization: {rules: ['jwt.sub == "x" && mcp.tool.name == "t"']}
      backends: [{mcp: {dnsRebindingProtection: true, targets: [{name: a, mcp: {host: https://a.example.com/mcp}}]}}]
    - matches: [{path: {pathPrefix: /b}}]
      backends: [{mcp: {targets: [{name: b, sse: {host: b.internal, port: 8080, path: /sse}}]}}]
`, func(t *testing.T, gw *evidence.Gateway) {
			if gw.Authentication.Mode != "none" || gw.Authorization.Kind != "none" || gw.DNSRebinding {
				t.Errorf("route /b has no policies: want none/none/false, got %s/%s/%v", gw.Authentication.Mode, gw.Authorization.Kind, gw.DNSRebinding)
			}
			if !gw.Listeners[0].TLS {
				t.Error("an HTTPS listener terminates TLS")
			}
		}},
		{"backend TLS without verification", `
mcp:
  targets:
  - name: up
    mcp: {host: https://up.example.com/mcp}
    policies:
      backendTLS: {insecure: true}
      backendAuth: {key: {value: sk-live-0123456789abcdefghijklmnop}}
`, func(t *testing.T, gw *evidence.Gateway) {
			if !gw.UpstreamTLSUnverified {
				t.Error("backendTLS insecure skips verification")
			}
			v, ok := gw.Credentials["backendAuth.key"]
			if !ok || v.Kind != evidence.ValueLiteralSecret {
				t.Errorf("credentials %+v, want the inline key as a literal secret", gw.Credentials)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := analyze(t, "deploy/agentgateway/config.yaml", tt.yaml)
			if r.src.Status != evidence.StatusOK {
				t.Fatalf("status %s %v", r.src.Status, r.src.Diagnostics)
			}
			gw := r.gateway(t)
			if gw.Name != "agentgateway" {
				t.Errorf("name %q, want the folder agentgateway", gw.Name)
			}
			tt.check(t, gw)
		})
	}
}

// TestAgentgatewayTargets checks that every MCP target becomes a server
// behind the gateway, judged like a client's own: stdio launches through
// launch analysis, remote targets through remote analysis.
func TestAgentgatewayTargets(t *testing.T) {
	r := analyze(t, "config.yaml", `
# yaml-language-server: $schema=https://agentgateway.dev/schema/config
mcp:
  targets:
  - name: everything
    stdio:
      cmd: npx
      args: ["@modelcontextprotocol/server-everything"]
      env: {GITHUB_TOKEN: ghp_0123456789abcdefghijklmnopqrstuvwxyz}
  - name: remote
    mcp: {host: http://mcp.internal.example.com:8080/mcp}
  - name: legacy
    sse: {host: localhost, port: 3001, path: /sse}
`)
	gw := r.gateway(t)
	if len(gw.Servers) != 3 {
		t.Fatalf("gateway fronts %v, want three servers", gw.Servers)
	}
	e := r.servers["everything"]
	if e.Transport != evidence.TransportStdio || e.Launch == nil || e.Launch.Runner != "npx" || !e.Launch.AutoInstall || e.Scope != evidence.ScopeGateway || e.Client != "agentgateway" {
		t.Errorf("everything: %+v", e)
	}
	if v := e.Env["GITHUB_TOKEN"]; v.Kind != evidence.ValueLiteralSecret {
		t.Errorf("GITHUB_TOKEN classified %s, want literal-secret", v.Kind)
	}
	if rm := r.servers["remote"]; rm.Transport != evidence.TransportStreamableHTTP || rm.Remote == nil || rm.Remote.Scheme != "http" || rm.Remote.Loopback {
		t.Errorf("remote: %+v", rm.Remote)
	}
	if l := r.servers["legacy"]; l.Transport != evidence.TransportSSE || l.Remote == nil || !l.Remote.Loopback || l.Remote.Port != 3001 {
		t.Errorf("legacy: %+v", l.Remote)
	}
	for _, f := range r.out.Files {
		if strings.Contains(string(f), "ghp_0123456789") {
			t.Error("stored copy keeps the token")
		}
	}
}

// TestAgentgatewayRejectedKeys checks that fields agentgateway does not
// accept are config errors at their line, and that the rest of the file is
// still read.
func TestAgentgatewayRejectedKeys(t *testing.T) {
	r := analyze(t, "agentgateway.yaml", `binds:
- port: 3000
  listeners:
  - routes:
    - policies:
        rateLimit: {requestsPerMinute: 100}
        cors: {allowOrigins: ["*"]}
      backends:
      - mcp:
          targets:
          - name: pg
            http: {url: "http://pg:8000/mcp"}
`)
	if r.src.Status != evidence.StatusSchemaError {
		t.Errorf("status %s, want schema-error: agentgateway refuses the file", r.src.Status)
	}
	gw := r.gateway(t)
	if len(gw.ConfigErrors) != 2 {
		t.Fatalf("config errors %v, want rateLimit and http", gw.ConfigErrors)
	}
	lines := map[int]bool{}
	for _, d := range r.src.Diagnostics {
		if d.Severity == "error" {
			lines[d.Line] = true
		}
	}
	if !lines[6] || !lines[12] {
		t.Errorf("diagnostics %v, want errors at lines 6 and 12", r.src.Diagnostics)
	}
	if !slices.Equal(gw.CORSOrigins, []string{"*"}) || gw.RateLimit {
		t.Errorf("cors %v rate limit %v: the rest of the file is read, the unknown policy limits nothing", gw.CORSOrigins, gw.RateLimit)
	}
	if pg := r.servers["pg"]; !pg.Ignored || !strings.Contains(pg.IgnoredReason, `"http"`) {
		t.Errorf("pg: ignored %v %q, want ignored naming the http target", pg.Ignored, pg.IgnoredReason)
	}
}

// TestAgentgatewayRecognition checks which YAML files are agentgateway's.
func TestAgentgatewayRecognition(t *testing.T) {
	tests := []struct {
		path, yaml string
		want       bool
	}{
		{"config.yaml", "binds:\n- port: 3000\n  listeners: []\n", true},
		{"config.yaml", "mcp:\n  targets: []\n", true},
		{"gw.yaml", "gateways:\n  default: {port: 3000}\nroutes: []\n", true},
		{"config.yaml", "# yaml-language-server: $schema=https://agentgateway.dev/schema/config\nllm:\n  models: []\n", true},
		{"config.yaml", "mcpServers:\n- name: x\n  command: y\n", false},
		{"agentgateway/compose.yaml", "services:\n  agw:\n    image: cr.agentgateway.dev/agentgateway\n", false},
	}
	for _, tt := range tests {
		format, _ := formatOf(tt.path, tt.yaml)
		if got := format == "agentgateway/config"; got != tt.want {
			t.Errorf("%s %q: recognised %v, want %v", tt.path, tt.yaml, got, tt.want)
		}
	}
}
