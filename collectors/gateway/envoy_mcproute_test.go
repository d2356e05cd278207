package gateway

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
)

// The Envoy AI Gateway fixtures in testdata/envoy-ai-gateway follow the
// project's MCP examples (examples/mcp: mcp_example.yaml and
// mcp_oauth_keycloak.yaml) and the MCPRoute authorization documentation
// (site/docs/capabilities/mcp): apikey/ aggregates two remote servers with
// injected keys, a tool selector and an MCP access log; oauth/ protects a
// route with MCP OAuth and per-tool rules on scopes and claims behind an
// HTTPS listener on an internal Service, with Envoy Gateway rate-limit and
// CORS policies on the Gateway.

// readFixture returns a testdata file's text.
func readFixture(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestEnvoyAIGatewayAPIKeys checks a route without client authentication
// and with upstream keys.
func TestEnvoyAIGatewayAPIKeys(t *testing.T) {
	gws, srvs, in, handed := interpretWith(t, EnvoyAIGatewayInterpreter{}, readFixture(t, "envoy-ai-gateway/apikey/mcp.yaml"))
	gw := gws["tools"]
	if gw == nil || gw.Product != "envoy-ai-gateway" || gw.Authentication.Mode != "none" {
		t.Fatalf("gateway %+v", gw)
	}
	if len(gw.Listeners) != 1 || gw.Listeners[0].Port != 80 || gw.Listeners[0].TLS || gw.Listeners[0].Exposure != evidence.ExposurePublic || gw.Listeners[0].Path != "/mcp" {
		t.Errorf("listeners %+v: Envoy Gateway's default LoadBalancer Service", gw.Listeners)
	}
	if !gw.Audit.Enabled {
		t.Error("the access log records the MCP tool")
	}
	if gw.Authorization.Kind != "allow-list" || !gw.Authorization.PerTool || gw.Authorization.PerCaller {
		t.Errorf("authorization %+v: the tool selector limits the tools for everyone", gw.Authorization)
	}
	gh := srvs["github"]
	if gh == nil || gh.Remote == nil || gh.Remote.URL != "https://api.githubcopilot.com:443/mcp/readonly" {
		t.Fatalf("github %+v: the Backend over TLS (BackendTLSPolicy)", gh)
	}
	if gh.Auth.Kind != evidence.AuthStaticBearer || gh.Auth.Value == nil || gh.Auth.Value.Kind != evidence.ValueSecretReference {
		t.Errorf("github auth %+v: the key comes from a Secret", gh.Auth)
	}
	search := srvs["search"]
	if search.Remote.Scheme != "http" || search.Auth.Header != "x-api-key" || search.Auth.Value.Kind != evidence.ValueLiteralSecret {
		t.Errorf("search %+v %+v: plain HTTP, inline key", search.Remote, search.Auth)
	}
	if v := gw.Credentials["backendRefs[search].securityPolicy.apiKey.inline"]; v.Kind != evidence.ValueLiteralSecret {
		t.Errorf("inline key %+v", v)
	}
	if !slices.Contains(handed, "sk-live-7f3a9c2e5b8d1f4a6c0e9b2d5f8a1c4e") {
		t.Error("the inline key is handed to the set's redactor")
	}
	if !slices.Equal(gw.PassthroughHeaders, []string{"X-User-Token"}) {
		t.Errorf("passthrough %v", gw.PassthroughHeaders)
	}
	if len(in.Diagnostics) == 0 {
		t.Error("a route without securityPolicy is noted")
	}
}

// TestEnvoyAIGatewayOAuth checks MCP OAuth, authorization rules and the
// policies attached to the Gateway.
func TestEnvoyAIGatewayOAuth(t *testing.T) {
	gws, srvs, _, _ := interpretWith(t, EnvoyAIGatewayInterpreter{}, readFixture(t, "envoy-ai-gateway/oauth/mcp.yaml"))
	gw := gws["mcp-route"]
	a := gw.Authentication
	if a.Mode != "required" || !a.TokenValidation || !a.ResourceMetadata || a.Resource != "https://mcp.example.com/mcp" || a.AudienceNotResource {
		t.Errorf("authentication %+v", a)
	}
	z := gw.Authorization
	if z.Kind != "allow-list" || !z.PerTool || !z.PerCaller || !z.ReadsClaims || len(z.Unrestricted) != 0 {
		t.Errorf("authorization %+v", z)
	}
	l := gw.Listeners[0]
	if !l.TLS || l.Exposure != evidence.ExposureInternal || !slices.Equal(l.Hosts, []string{"mcp.example.com"}) || !gw.DNSRebinding {
		t.Errorf("listener %+v rebinding %v", l, gw.DNSRebinding)
	}
	if !gw.RateLimit || !slices.Equal(gw.CORSOrigins, []string{"https://chat.example.com"}) || !gw.CORSCredentials {
		t.Errorf("rate limit %v cors %v %v", gw.RateLimit, gw.CORSOrigins, gw.CORSCredentials)
	}
	if s := srvs["mcp-backend"]; s == nil || s.Remote.URL != "http://mcp-backend.default.svc.cluster.local:8080/mcp" {
		t.Errorf("backend %+v", s)
	}
}

// TestEnvoyAIGatewayRules checks how authorization rules are judged.
func TestEnvoyAIGatewayRules(t *testing.T) {
	route := func(authz string) string {
		return `apiVersion: aigateway.envoyproxy.io/v1beta1
kind: MCPRoute
metadata: {name: r, namespace: default}
spec:
  parentRefs: [{name: missing}]
  securityPolicy:
    oauth:
      issuer: https://idp.example.com
      protectedResourceMetadata: {resource: https://mcp.example.com/mcp}
    authorization:
` + authz + `
  backendRefs: [{name: svc, port: 80}]
`
	}
	tests := []struct {
		name, authz  string
		kind         string
		perTool      bool
		unrestricted int
	}{
		{"tool rule on scopes", "      rules: [{source: {jwt: {scopes: [read]}}, target: {tools: [{backend: svc, tool: list}]}}]", "allow-list", true, 0},
		{"CEL on the tool without caller", "      rules: [{cel: 'request.mcp.tool == \"list\"'}]", "cel", true, 1},
		{"default allow", "      defaultAction: Allow\n      rules: [{source: {jwt: {scopes: [admin]}}, action: Deny}]", "allow-list", false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gws, _, in, _ := interpretWith(t, EnvoyAIGatewayInterpreter{}, route(tt.authz))
			z := gws["r"].Authorization
			if z.Kind != tt.kind || z.PerTool != tt.perTool || len(z.Unrestricted) != tt.unrestricted {
				t.Errorf("authorization %+v", z)
			}
			if len(in.Diagnostics) == 0 || in.Diagnostics[0].Line == 0 {
				t.Errorf("diagnostics %+v: the missing Gateway is reported at its line", in.Diagnostics)
			}
		})
	}
}
