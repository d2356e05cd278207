package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/evidence"
)

// TestGatewayTopologyAcrossFiles checks that a client entry in one file
// pointing at a gateway configured in another is judged by the gateway's
// authentication: a pass names the authenticating gateway and its
// file:line, a failure names the gateway that lets requests through.
func TestGatewayTopologyAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, body string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// A Docker MCP Gateway on the local host, with its bearer token.
	write("app/compose.yaml", `services:
  gateway:
    image: docker/mcp-gateway:v0.45.0
    command: ["--transport=streaming", "--port=8811", "--servers=duckduckgo"]
    ports: ["127.0.0.1:8811:8811"]
    environment:
      MCP_GATEWAY_AUTH_TOKEN: ${MCP_GATEWAY_AUTH_TOKEN}
    volumes: ["/var/run/docker.sock:/var/run/docker.sock"]
`)
	write("app/.vscode/mcp.json", `{"servers": {"tools": {"type": "http", "url": "http://localhost:8811/mcp"}}}`)
	// agentgateway's simple form: port 3000 on every interface, no authentication.
	write("lab/agentgateway.yaml", `mcp:
  targets:
  - name: time
    stdio: {cmd: uvx, args: [mcp-server-time==2025.9.25]}
`)
	write("lab/.cursor/mcp.json", `{"mcpServers": {"lab": {"url": "http://127.0.0.1:3000/mcp", "headers": {"Authorization": "Bearer ${env:LAB_TOKEN}"}}}}`)
	// An agentgateway on a public name with MCP authentication.
	write("edge/agentgateway.yaml", `binds:
- port: 443
  listeners:
  - hostname: mcp.acme.example
    protocol: HTTPS
    tls: {cert: /certs/tls.crt, key: /certs/tls.key}
    routes:
    - policies:
        mcpAuthentication:
          issuer: https://login.acme.example/realms/mcp
          audiences: [https://mcp.acme.example/mcp]
          resourceMetadata: {resource: https://mcp.acme.example/mcp}
      backends:
      - mcp:
          targets: [{name: docs, mcp: {host: https://docs.internal.acme.example/mcp}}]
`)
	write("ops/.gemini/settings.json", `{"mcpServers": {"docs": {"httpUrl": "https://mcp.acme.example/mcp"}}}`)

	ctx := context.Background()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	b, err := Collect(ctx, collectors.Request{Paths: []string{dir}, Now: now, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Evaluate(ctx, b, EvaluateOptions{Now: now, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*evidence.Meta{}
	gatewayAt := map[string]string{}
	for _, s := range r.Subjects {
		m := s.Metadata()
		if m.Kind == evidence.KindServer && m.Provenance.File != "" {
			byName[m.Provenance.File+"#"+m.Name] = m
		}
		if m.Kind == evidence.KindGateway {
			gatewayAt[m.Provenance.File] = m.Provenance.Location()
		}
	}
	eval := func(control, key string) assess.Evaluation {
		t.Helper()
		m := byName[key]
		if m == nil {
			t.Fatalf("no server %s; have %v", key, keys(byName))
		}
		for _, c := range r.Controls {
			if c.Control.ID != control {
				continue
			}
			for _, e := range c.Evaluations {
				if e.SubjectID == m.ID {
					return e
				}
			}
		}
		t.Fatalf("%s has no evaluation of %s (links %v)", key, control, m.Links)
		return assess.Evaluation{}
	}
	for _, tc := range []struct {
		control, server, verdict, gateway, words string
	}{
		{"MCP-TRANSPORT-03", "app/.vscode/mcp.json#tools", "pass", "app/compose.yaml", "which requires authentication"},
		{"MCP-TRANSPORT-03", "lab/.cursor/mcp.json#lab", "fail", "lab/agentgateway.yaml", "(authentication none) at http://127.0.0.1:3000/mcp, which serves requests without a credential"},
		{"MCP-AUTH-01", "ops/.gemini/settings.json#docs", "pass", "edge/agentgateway.yaml", "which requires authentication"},
		{"MCP-AUTH-04", "ops/.gemini/settings.json#docs", "pass", "edge/agentgateway.yaml", "which requires authentication"},
	} {
		e := eval(tc.control, tc.server)
		loc := gatewayAt[tc.gateway]
		if loc == "" {
			t.Fatalf("no gateway collected from %s", tc.gateway)
		}
		if string(e.Verdict) != tc.verdict || !strings.Contains(e.Message, "gateway ") || !strings.Contains(e.Message, " in "+loc) || !strings.Contains(e.Message, tc.words) {
			t.Errorf("%s on %s: %s %q, want %s naming the gateway at %s and saying %q", tc.control, tc.server, e.Verdict, e.Message, tc.verdict, loc, tc.words)
		}
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
