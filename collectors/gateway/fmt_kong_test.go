package gateway

import (
	"slices"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
)

// The Kong fixtures in testdata/kong follow shapes Kong documents for the
// AI MCP Proxy and AI MCP OAuth2 plugins (developer.konghq.com/plugins/
// ai-mcp-proxy and ai-mcp-oauth2 examples):
//   - passthrough-oauth2.yaml: "Configure AI Gateway passthrough for existing
//     MCP Servers" with "Configure the AI MCP Oauth2 plugin" (decK env
//     references for the introspection client);
//   - conversion-acl.yaml: "Set access control rules for MCP tools based on
//     consumer groups" (conversion-listener, key-auth, default_acl);
//   - listener.yaml: "Aggregate MCP tools from conversion-only mode plugins"
//     (listener with server.tag) behind openid-connect;
//   - kong.json: a DB-less kong.json proxying an MCP server with jwt, acl,
//     cors and request-transformer.

// TestKongGolden reads every Kong fixture and compares the subjects with
// testdata/golden/kong.json.
func TestKongGolden(t *testing.T) {
	checkFixturesGolden(t, "kong", "kong.json")
}

// kongFixture reads one fixture of testdata/kong.
func kongFixture(t *testing.T, name string) read {
	t.Helper()
	return fixture(t, "kong", name, "deploy")
}

// TestKongFixtures checks the facts each documented shape yields.
func TestKongFixtures(t *testing.T) {
	t.Run("passthrough with ai-mcp-oauth2", func(t *testing.T) {
		r := kongFixture(t, "passthrough-oauth2.yaml")
		gw := r.gateway(t)
		a := gw.Authentication
		if a.Mode != "required" || !a.TokenValidation || !a.ResourceMetadata || a.Resource != "https://mcp.example.com/mcp" {
			t.Errorf("authentication %+v", a)
		}
		if !slices.Equal(a.Audiences, []string{"https://mcp.example.com/mcp"}) || a.AudienceNotResource {
			t.Errorf("audiences %v: the plugin validates the resource as audience", a.Audiences)
		}
		if gw.TokenPassthrough {
			t.Error("ai-mcp-oauth2 strips the token unless passthrough_credentials")
		}
		if !gw.RateLimit || !gw.Audit.Enabled || gw.Audit.Payloads || !gw.DNSRebinding {
			t.Errorf("rate limit %v audit %+v host check %v", gw.RateLimit, gw.Audit, gw.DNSRebinding)
		}
		if len(gw.Listeners) != 1 || !gw.Listeners[0].TLS || gw.Listeners[0].Port != 8443 {
			t.Errorf("listeners %+v: the route accepts https only", gw.Listeners)
		}
		if !gw.UpstreamTLSUnverified {
			t.Error("an https service without tls_verify is reached without verification")
		}
		if v := gw.Credentials["plugins[ai-mcp-oauth2@mcp-route].config.client_secret"]; v.Kind != evidence.ValueEnvReference || v.Ref != "DECK_CLIENT_SECRET" {
			t.Errorf("client_secret %+v, want the decK env reference", v)
		}
		s := r.servers["mcp-route"]
		if s.Remote == nil || s.Remote.Host != "mcp.internal.example.com" || s.Client != "kong" {
			t.Errorf("server %+v", s)
		}
	})
	t.Run("conversion with tool ACLs and key-auth", func(t *testing.T) {
		r := kongFixture(t, "conversion-acl.yaml")
		gw := r.gateway(t)
		if gw.Authentication.Mode != "required" || !slices.Equal(gw.Authentication.Kinds, []string{"api-key"}) {
			t.Errorf("authentication %+v", gw.Authentication)
		}
		if !gw.Authentication.TokenInQuery {
			t.Error("key-auth reads keys from the query string by default")
		}
		if !slices.Equal(gw.PassthroughHeaders, []string{"apikey"}) {
			t.Errorf("passthrough headers %v: key-auth forwards the key (hide_credentials false)", gw.PassthroughHeaders)
		}
		z := gw.Authorization
		if z.Kind != "allow-list" || !z.PerTool || !z.PerCaller || len(z.Unrestricted) != 0 {
			t.Errorf("authorization %+v: default_acl covers every tool", z)
		}
		if !slices.Equal(gw.CORSOrigins, []string{"*"}) || !gw.CORSCredentials {
			t.Errorf("cors %v %v: a cors plugin without origins allows all", gw.CORSOrigins, gw.CORSCredentials)
		}
		if gw.Audit.Enabled || !gw.Audit.Credentials {
			t.Errorf("audit %+v: file-log without MCP logging records requests, and the apikey header", gw.Audit)
		}
		for _, who := range []string{"alice", "bob"} {
			if v := gw.Credentials["consumers["+who+"].keyauth_credentials[0].key"]; v.Kind != evidence.ValueLiteralSecret {
				t.Errorf("%s's key classified %q", who, v.Kind)
			}
		}
	})
	t.Run("listener over conversion-only tools", func(t *testing.T) {
		r := kongFixture(t, "listener.yaml")
		gw := r.gateway(t)
		if len(r.servers) != 1 || r.servers["mcp-listener"] == nil {
			t.Fatalf("servers %v: conversion-only routes serve nothing", r.servers)
		}
		z := gw.Authorization
		if !z.PerTool || !z.ReadsClaims || !slices.Equal(z.Unrestricted, []string{"route mcp-listener: tool delete-user (no acl, no default_acl)"}) {
			t.Errorf("authorization %+v", z)
		}
		a := gw.Authentication
		if !slices.Equal(a.Kinds, []string{"oidc"}) || !a.TokenInQuery || !gw.TokenPassthrough {
			t.Errorf("authentication %+v passthrough %v: openid-connect defaults", a, gw.TokenPassthrough)
		}
		for _, k := range []string{"plugins[openid-connect@mcp-listener].config.client_secret[0]", "plugins[openid-connect@mcp-listener].config.session_secret"} {
			if gw.Credentials[k].Kind != evidence.ValueLiteralSecret {
				t.Errorf("%s: %+v", k, gw.Credentials[k])
			}
		}
	})
	t.Run("plain proxy in kong.json", func(t *testing.T) {
		r := kongFixture(t, "kong.json")
		gw := r.gateway(t)
		a := gw.Authentication
		if a.Mode != "required" || !a.NonExpiringTokens || !a.TokenInQuery || !gw.TokenPassthrough {
			t.Errorf("jwt defaults: %+v passthrough %v", a, gw.TokenPassthrough)
		}
		if gw.Authorization.Kind != "allow-list" || gw.Authorization.PerTool {
			t.Errorf("authorization %+v: the acl plugin decides per route", gw.Authorization)
		}
		if !slices.Contains(gw.UpstreamAuth, "static") || r.servers["github-mcp"].Auth.Value == nil {
			t.Errorf("upstream auth %v: the transformer adds a token", gw.UpstreamAuth)
		}
		for _, k := range []string{"certificates[0].key", "consumers[ci-agent].jwt_secrets[0].secret"} {
			if gw.Credentials[k].Kind != evidence.ValueLiteralSecret {
				t.Errorf("%s: %+v", k, gw.Credentials[k])
			}
		}
		if slices.Contains(gw.Authentication.Kinds, "api-key") {
			t.Error("a disabled key-auth plugin authenticates nobody")
		}
	})
}

// TestKongPluginScope checks Kong's precedence: a route's plugin overrides
// its service's, which overrides a global one; plugins scoped to a consumer
// or to some protocols do not protect every request.
func TestKongPluginScope(t *testing.T) {
	tests := []struct {
		name, plugins string
		mode          string
	}{
		{"global key-auth", "plugins:\n  - name: key-auth\n", "required"},
		{"anonymous fallback", "plugins:\n  - name: key-auth\n    config: {anonymous: guest}\n", "optional"},
		{"route overrides global", "plugins:\n  - name: key-auth\n  - name: key-auth\n    route: mcp\n    config: {anonymous: guest}\n", "optional"},
		{"other service", "plugins:\n  - name: key-auth\n    service: other\n", "none"},
		{"consumer scoped", "plugins:\n  - name: key-auth\n    consumer: alice\n", "none"},
		{"https only on an http route", "plugins:\n  - name: basic-auth\n    protocols: [https]\n", "none"},
		{"unsigned oidc", "plugins:\n  - name: openid-connect\n    config: {issuer: https://idp.example.com, verify_signature: false}\n", "none"},
		{"two plugins, one strict", "plugins:\n  - name: key-auth\n    config: {anonymous: guest}\n  - name: mtls-auth\n", "required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := analyze(t, "kong.yaml", "_format_version: \"3.0\"\nservices:\n  - name: mcp-backend\n    url: http://mcp:8080/mcp\n    routes:\n      - name: mcp\n        paths: [/mcp]\n"+tt.plugins)
			if got := r.gateway(t).Authentication.Mode; got != tt.mode {
				t.Errorf("mode %s, want %s", got, tt.mode)
			}
		})
	}
}

// TestKongRejected checks that an AI MCP plugin Kong would refuse makes
// the file a schema error at the plugin's line, the rest still read.
func TestKongRejected(t *testing.T) {
	r := analyze(t, "deploy/kong.yaml", `_format_version: "3.0"
services:
  - name: mcp
    url: http://mcp:8080/mcp
    routes:
      - name: mcp
        paths: [/mcp]
        plugins:
          - name: ai-mcp-proxy
            config:
              mode: passthrough
          - name: ai-mcp-oauth2
            config:
              authorization_servers: [https://idp.example.com]
`)
	if r.src.Status != evidence.StatusSchemaError {
		t.Errorf("status %s, want schema-error", r.src.Status)
	}
	gw := r.gateway(t)
	if len(gw.ConfigErrors) != 2 {
		t.Errorf("config errors %v, want the mode and the missing resource", gw.ConfigErrors)
	}
	lines := map[int]bool{}
	for _, d := range r.src.Diagnostics {
		if d.Severity == "error" {
			lines[d.Line] = true
		}
	}
	if !lines[11] || !lines[12] {
		t.Errorf("diagnostics %v, want errors at lines 11 and 12", r.src.Diagnostics)
	}
}

// TestKongRecognition checks which files are Kong's MCP configuration.
func TestKongRecognition(t *testing.T) {
	tests := []struct {
		path, data string
		want       bool
	}{
		{"kong.yaml", "_format_version: \"3.0\"\nplugins:\n  - name: ai-mcp-proxy\n    config: {mode: listener}\n", true},
		{"deck/prod.yaml", "_format_version: \"3.0\"\nservices:\n  - name: github-mcp\n    url: http://gh:8080\n    routes: [{name: r, paths: [/x]}]\n", true},
		{"deck/api.yaml", "_format_version: \"3.0\"\nservices:\n  - name: billing\n    url: http://billing:8080\n    routes: [{name: r, paths: [/billing]}]\n", false},
		{"deck/api.yaml", "_format_version: \"3.0\"\nservices:\n  - name: billing\n    url: http://mcp-docs:8080\n    routes: [{name: r, paths: [/billing]}]\n", false},
		{"kong.json", `{"_format_version": "3.0", "routes": [{"name": "mcp", "paths": ["/mcp"]}]}`, true},
		{"config.yaml", "services:\n  mcp:\n    image: mcp/fetch\n", false},
	}
	for _, tt := range tests {
		format, _ := formatOf(tt.path, tt.data)
		if got := format == "kong/declarative"; got != tt.want {
			t.Errorf("%s %q: read as %q, want kong %v", tt.path, tt.data, format, tt.want)
		}
	}
}

// TestKongBadInput checks that a Kong file that does not parse is a parse
// error with its line when its name says Kong, and is left to others when
// nothing does.
func TestKongBadInput(t *testing.T) {
	out := filesCollect("gateway/kong.yaml", "_format_version: \"3.0\"\nservices:\n  - name: mcp\n    url: [unclosed\n")
	var src *evidence.Source
	for _, s := range out.Subjects {
		if v, ok := s.(*evidence.Source); ok {
			src = v
		}
	}
	if src == nil || src.Status != evidence.StatusParseError || src.Format != "kong/declarative" || src.Diagnostics[0].Line == 0 {
		t.Fatalf("source %+v, want a kong parse error with a line", src)
	}
	if format, _ := formatOf("deploy/other.json", `{"_format_version": "3.0", "services": [`); format == "kong/declarative" {
		t.Error("a broken JSON file that names nothing is not claimed as Kong's")
	}
	if !strings.Contains(src.Diagnostics[0].Message, "syntax error") {
		t.Errorf("message %q", src.Diagnostics[0].Message)
	}
}
