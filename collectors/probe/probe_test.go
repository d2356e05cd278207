package probe

import (
	"context"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/mcptest"
)

var testNow = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func run(t *testing.T, targets ...Target) ([]*evidence.Endpoint, []*evidence.Tool, map[string][]byte) {
	t.Helper()
	res, err := Run(context.Background(), targets, Options{Now: testNow, Version: "test", RequestTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var eps []*evidence.Endpoint
	var tools []*evidence.Tool
	for _, s := range res.Subjects {
		if err := evidence.ValidateSubject(s); err != nil {
			t.Errorf("schema: %v", err)
		}
		switch v := s.(type) {
		case *evidence.Endpoint:
			eps = append(eps, v)
		case *evidence.Tool:
			tools = append(tools, v)
		}
	}
	return eps, tools, res.Files
}

func bearer() http.Header { return http.Header{"Authorization": {"Bearer " + mcptest.Token}} }

func TestBenignEndpoint(t *testing.T) {
	srv := mcptest.Benign(t)
	eps, tools, files := run(t, URLTarget(srv.URL, nil))
	if len(eps) != 1 {
		t.Fatalf("endpoints = %d", len(eps))
	}
	ep := eps[0]
	checks := []struct {
		name      string
		got, want any
	}{
		{"reachable", ep.Reachable, true},
		{"error", ep.Error, ""},
		{"transport", ep.Transport, evidence.TransportStreamableHTTP},
		{"authentication", ep.Authentication, evidence.EndpointAuthNone},
		{"unauthenticated initialize", ep.UnauthenticatedInit, true},
		{"unauthenticated tools/list", ep.UnauthenticatedList, true},
		{"origin", ep.OriginValidation, evidence.OriginEnforced},
		{"loopback", ep.Loopback, true},
		{"server name", ep.ServerName, "benign"},
		{"server version", ep.ServerVersion, "1.2.3"},
		{"tools", ep.Tools, 3},
		{"prompts", ep.Prompts, 1},
		{"resource templates", ep.ResourceTemplates, 1},
		{"session issued", ep.Session != nil && ep.Session.Issued, true},
		{"session random", ep.Session != nil && !ep.Session.Predictable && ep.Session.EntropyBits >= 100, true},
		{"cors", ep.CORSAllowOrigin, ""},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if ep.ProtocolVersion == "" {
		t.Error("no protocol version")
	}
	for _, tool := range tools {
		if n := len(tool.HiddenInstructions) + len(tool.InvisibleUnicode) + len(tool.EncodedBlobs) + len(tool.ANSIEscapes) + len(tool.Homoglyphs); n > 0 {
			t.Errorf("benign %s %s flagged: %+v", tool.Type, tool.Name, tool)
		}
		if tool.Provenance.File == "" || !strings.HasPrefix(tool.Provenance.File, "probe/") {
			t.Errorf("tool %s provenance file %q", tool.Name, tool.Provenance.File)
		}
	}
	if len(files) != 1 {
		t.Fatalf("files = %d", len(files))
	}
	for _, data := range files {
		var rec Record
		if err := json.Unmarshal(data, &rec); err != nil {
			t.Fatal(err)
		}
		if len(rec.Exchanges) < 4 || len(rec.Definitions) != 5 {
			t.Errorf("record has %d exchanges, %d definitions", len(rec.Exchanges), len(rec.Definitions))
		}
	}
}

func TestProtectedEndpoint(t *testing.T) {
	srv := mcptest.Protected(t)
	url := srv.URL + "/mcp"
	t.Run("without credentials", func(t *testing.T) {
		eps, tools, _ := run(t, URLTarget(url, nil))
		ep := eps[0]
		if ep.Authentication != evidence.EndpointAuthRequired || ep.UnauthenticatedInit || ep.UnauthenticatedStatus != 401 {
			t.Errorf("auth = %s init=%v status=%d", ep.Authentication, ep.UnauthenticatedInit, ep.UnauthenticatedStatus)
		}
		if ep.Challenge == nil || !strings.HasSuffix(ep.Challenge.ResourceMetadata, "/.well-known/oauth-protected-resource/mcp") {
			t.Errorf("challenge = %+v", ep.Challenge)
		}
		if !ep.ResourceMetadata || ep.ProtectedResource == nil || !ep.ProtectedResource.ResourceMatches || ep.ProtectedResource.DiscoveredVia != "www-authenticate" {
			t.Errorf("protected resource = %+v", ep.ProtectedResource)
		}
		if !ep.AuthServerMetadata || !ep.PKCES256 || !ep.DynamicClientRegistration {
			t.Errorf("AS metadata=%v pkce=%v dcr=%v %+v", ep.AuthServerMetadata, ep.PKCES256, ep.DynamicClientRegistration, ep.AuthorizationServers)
		}
		if len(tools) != 0 {
			t.Errorf("listed %d definitions without credentials", len(tools))
		}
	})
	t.Run("with a token", func(t *testing.T) {
		eps, tools, files := run(t, URLTarget(url, bearer()))
		ep := eps[0]
		if ep.Error != "" || ep.Tools != 1 || len(tools) != 1 {
			t.Errorf("error=%q tools=%d", ep.Error, ep.Tools)
		}
		if ep.QueryToken != evidence.TestRejected {
			t.Errorf("query token = %s", ep.QueryToken)
		}
		if ep.OriginValidation != evidence.OriginEnforced {
			t.Errorf("origin = %s", ep.OriginValidation)
		}
		for _, data := range files {
			if strings.Contains(string(data), mcptest.Token) {
				t.Error("token in the probe record")
			}
		}
		blob, _ := json.Marshal(eps)
		if strings.Contains(string(blob), mcptest.Token) {
			t.Error("token in the endpoint subject")
		}
	})
}

func TestWeakEndpoint(t *testing.T) {
	srv := mcptest.Weak(t)
	eps, _, files := run(t, URLTarget(srv.URL, bearer()))
	ep := eps[0]
	if ep.Authentication != evidence.EndpointAuthRequired {
		t.Errorf("authentication = %s", ep.Authentication)
	}
	if ep.QueryToken != evidence.TestAccepted {
		t.Errorf("query token = %s", ep.QueryToken)
	}
	if ep.OriginValidation != evidence.OriginMissing {
		t.Errorf("origin = %s", ep.OriginValidation)
	}
	if ep.CORSAllowOrigin != "*" || !ep.CORSAllowCredentials {
		t.Errorf("cors = %q credentials=%v", ep.CORSAllowOrigin, ep.CORSAllowCredentials)
	}
	if ep.Session == nil || !ep.Session.Predictable || ep.Session.EntropyBits > 16 {
		t.Errorf("session = %+v", ep.Session)
	}
	if ep.ResourceMetadata || ep.Challenge == nil || ep.Challenge.ResourceMetadata != "" {
		t.Errorf("resource metadata = %v challenge = %+v", ep.ResourceMetadata, ep.Challenge)
	}
	for _, data := range files {
		if strings.Contains(string(data), mcptest.Token) {
			t.Error("token in the probe record")
		}
		if strings.Contains(string(data), "session-1") {
			t.Error("session id in the probe record")
		}
	}
}

func TestPolicyRefusesBeforeSending(t *testing.T) {
	for _, u := range []string{"http://169.254.169.254/latest/meta-data", "http://metadata.google.internal/computeMetadata/v1/",
		"http://10.1.2.3/mcp", "http://[fe80::1]/mcp", "http://100.100.100.200/mcp"} {
		eps, _, files := run(t, URLTarget(u, nil))
		if !strings.Contains(eps[0].Error, "refused") || eps[0].Reachable {
			t.Errorf("%s: error = %q", u, eps[0].Error)
		}
		for _, data := range files {
			var rec Record
			_ = json.Unmarshal(data, &rec)
			if len(rec.Exchanges) > 0 {
				t.Errorf("%s: %d requests recorded", u, len(rec.Exchanges))
			}
		}
	}
}

func TestPrivateAllowedWithFlag(t *testing.T) {
	p := Policy{AllowPrivate: true}
	if err := p.CheckHost("10.1.2.3"); err != nil {
		t.Error(err)
	}
	if err := p.CheckHost("169.254.169.254"); err == nil {
		t.Error("link-local allowed")
	}
	if err := (Policy{}).CheckHost("127.0.0.1"); err != nil {
		t.Error(err)
	}
}

func TestPoisonedDefinitions(t *testing.T) {
	poisoned := mcptest.Poisoned(t)
	benign := mcptest.Benign(t)
	_, tools, _ := run(t, URLTarget(poisoned.URL, nil), URLTarget(benign.URL, nil))
	byName := map[string]*evidence.Tool{}
	for _, tool := range tools {
		if tool.Server == poisoned.URL {
			byName[tool.Type+"/"+tool.Name] = tool
		}
	}
	for _, p := range mcptest.Poisonings {
		tool := byName[p.Type+"/"+p.Tool]
		if tool == nil {
			t.Errorf("%s %s not listed", p.Type, p.Tool)
			continue
		}
		matches := factMatches(tool, p.Fact)
		found := false
		for _, m := range matches {
			if m.Rule == p.Rule && (p.Decoded == "" || strings.Contains(m.Decoded, p.Decoded)) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s %s: no %s match of rule %s (decoded %q) in %+v", p.Type, p.Tool, p.Fact, p.Rule, p.Decoded, matches)
		}
	}
	if tool := byName["tool/delete_repo"]; tool == nil || !tool.Destructive || !tool.ReadOnlyHint {
		t.Errorf("delete_repo: %+v", tool)
	}
	if tool := byName["tool/drop_table"]; tool == nil || !tool.Destructive || tool.DestructiveHint != evidence.HintUnset {
		t.Errorf("drop_table: %+v", tool)
	}
	if tool := byName["tool/describe"]; tool == nil || tool.DescriptionLength < 5000 {
		t.Errorf("describe: length %d", tool.DescriptionLength)
	}
	if tool := byName["tool/add"]; tool == nil || len(tool.NameCollisions) != 1 || tool.NameCollisions[0] != benign.URL {
		t.Errorf("add collisions: %v", tool.NameCollisions)
	}
	if tool := byName["tool/r\u0435ad_file"]; tool == nil || len(tool.NameCollisions) != 1 {
		t.Errorf("look-alike read_file collisions: %v", tool.NameCollisions)
	}
	if tool := byName["tool/translate"]; tool != nil && strings.ContainsRune(tool.InvisibleUnicode[0].Excerpt, 0xE0073) {
		t.Errorf("excerpt shows raw tag characters: %q", tool.InvisibleUnicode[0].Excerpt)
	}
	if tool := byName["tool/get_weather"]; tool != nil && strings.Contains(tool.ANSIEscapes[0].Excerpt, "\x1b") {
		t.Errorf("excerpt holds a raw escape: %q", tool.ANSIEscapes[0].Excerpt)
	}
}

// factMatches returns the matches of one heuristic fact by its JSON name.
func factMatches(t *evidence.Tool, fact string) []evidence.TextMatch {
	data, _ := json.Marshal(t)
	var m map[string]json.RawMessage
	_ = json.Unmarshal(data, &m)
	var out []evidence.TextMatch
	_ = json.Unmarshal(m[fact], &out)
	return out
}

// TestLegacyAuthorizationServerMetadata: a server of revision 2025-03-26
// publishes no resource metadata but serves authorization server metadata
// at its own origin; the probe records it, and resource metadata stays false.
func TestLegacyAuthorizationServerMetadata(t *testing.T) {
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	mux.HandleFunc("/.well-known/oauth-authorization-server", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"issuer": srv.URL, "authorization_endpoint": srv.URL + "/authorize",
			"token_endpoint": srv.URL + "/token", "response_types_supported": []string{"code"}})
	})
	mux.HandleFunc("/mcp", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("WWW-Authenticate", "Bearer")
		http.Error(w, "unauthorized", http.StatusUnauthorized)
	})
	eps, _, _ := run(t, URLTarget(srv.URL+"/mcp", nil))
	ep := eps[0]
	if ep.ResourceMetadata || !ep.AuthServerMetadata || len(ep.AuthorizationServers) != 1 || ep.PKCES256 {
		t.Errorf("resource metadata %v, AS metadata %v %+v, pkce %v", ep.ResourceMetadata, ep.AuthServerMetadata, ep.AuthorizationServers, ep.PKCES256)
	}
}

// TestUntrustedCertificate: a certificate that does not verify is recorded
// (version, expiry, the error) and nothing is sent to the endpoint.
func TestUntrustedCertificate(t *testing.T) {
	var requests int
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { requests++ }))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is expected
	srv.StartTLS()
	t.Cleanup(srv.Close)
	eps, tools, _ := run(t, URLTarget(srv.URL+"/mcp", bearer()))
	ep := eps[0]
	if ep.TLSVerified || ep.TLSError == "" || ep.TLSVersion != "1.3" || ep.CertificateDaysLeft == nil || ep.CertificateExpires == "" {
		t.Errorf("tls: verified=%v error=%q version=%q expires=%q", ep.TLSVerified, ep.TLSError, ep.TLSVersion, ep.CertificateExpires)
	}
	if requests != 0 || len(tools) != 0 {
		t.Errorf("%d requests reached a server whose certificate did not verify", requests)
	}
}

func TestSessionAnalysis(t *testing.T) {
	tests := []struct {
		name        string
		ids         []string
		predictable bool
		minBits     int
		maxBits     int
	}{
		{"uuids", []string{"3f2b8c1e-9a4d-4e6f-8b1a-2c3d4e5f6a7b", "a1b2c3d4-e5f6-4a7b-9c8d-0e1f2a3b4c5d", "77e0c2a9-1b3d-4f5e-a6b7-c8d9e0f1a2b3"}, false, 100, 130},
		{"counter", []string{"session-1", "session-2", "session-3"}, true, 0, 8},
		{"padded counter", []string{"000041", "000042", "000043"}, true, 0, 8},
		{"hex counter", []string{"sess-00ff", "sess-0100", "sess-0101"}, true, 0, 16},
		{"random base64url", []string{"Xk3_Pq9vLm2Nb7Rt5Yw1Zc8Hj4Gf6Ds0", "aB9cD8eF7gH6iJ5kL4mN3oP2qR1sT0uV", "wX1yZ2aB3cD4eF5gH6iJ7kL8mN9oP0qR"}, false, 150, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := analyzeSessions(tt.ids)
			if s.Predictable != tt.predictable || s.EntropyBits < tt.minBits || s.EntropyBits > tt.maxBits {
				t.Errorf("predictable=%v bits=%d", s.Predictable, s.EntropyBits)
			}
		})
	}
}

func TestParseHeader(t *testing.T) {
	t.Setenv("TG_HDR", "Bearer s3cr3t-value")
	tests := []struct {
		flag, name, value, err string
	}{
		{"Authorization=env:TG_HDR", "Authorization", "Bearer s3cr3t-value", ""},
		{"x-api-key=abc", "X-Api-Key", "abc", ""},
		{"X-Team: blue", "X-Team", "blue", ""},
		{"Authorization=env:TG_UNSET_VAR", "", "", "TG_UNSET_VAR is not set"},
		{"novalue", "", "", "want NAME=VALUE"},
	}
	for _, tt := range tests {
		name, value, err := ParseHeader(tt.flag)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: err = %v, want %q", tt.flag, err, tt.err)
			}
			continue
		}
		if err != nil || name != tt.name || value != tt.value {
			t.Errorf("%q: %q %q %v", tt.flag, name, value, err)
		}
	}
}

func TestServerTargetsResolveOwnCredentials(t *testing.T) {
	t.Setenv("TG_GH", "ghp_resolvedvalue")
	t.Setenv(InputVariable("api-key"), "input-value")
	srv := func(name string, headers map[string]evidence.Value) *evidence.Server {
		return &evidence.Server{Meta: evidence.Meta{Kind: evidence.KindServer, ID: "server:f#" + name, Name: name},
			Transport: evidence.TransportStreamableHTTP, Remote: &evidence.Remote{URL: "https://" + name + ".example/mcp", Headers: headers}}
	}
	subjects := []evidence.Subject{
		srv("gh", map[string]evidence.Value{"Authorization": {Kind: evidence.ValueEnvReference, Secret: true, Text: "Bearer ${env:TG_GH}", Ref: "TG_GH"}}),
		srv("vs", map[string]evidence.Value{"X-Key": {Kind: evidence.ValueInputReference, Secret: true, Text: "${input:api-key}", Ref: "api-key"}}),
		srv("lit", map[string]evidence.Value{"Authorization": {Kind: evidence.ValueLiteralSecret, Secret: true, Text: "[REDACTED:ghp_…(40)]"}}),
		srv("unset", map[string]evidence.Value{"Authorization": {Kind: evidence.ValueEnvReference, Secret: true, Text: "Bearer $NOPE_UNSET", Ref: "NOPE_UNSET"}}),
	}
	targets := ServerTargets(subjects, false)
	got := map[string]Target{}
	for _, tg := range targets {
		got[tg.Server] = tg
	}
	if h := got["gh"].Headers.Get("Authorization"); h != "Bearer ghp_resolvedvalue" || got["gh"].Skip != "" {
		t.Errorf("gh: %q skip %q", h, got["gh"].Skip)
	}
	if got["gh"].Headers.Get("X-Key") != "" || got["vs"].Headers.Get("Authorization") != "" {
		t.Error("a server received another server's credential")
	}
	if h := got["vs"].Headers.Get("X-Key"); h != "input-value" {
		t.Errorf("vs: %q", h)
	}
	if !strings.Contains(got["lit"].Skip, "literal credential") || !strings.Contains(got["unset"].Skip, "NOPE_UNSET") {
		t.Errorf("skips: %q / %q", got["lit"].Skip, got["unset"].Skip)
	}
}

// TestNoCredentialsAcrossHosts: a redirect to another host is not followed
// while the request carries a credential.
func TestNoCredentialsAcrossHosts(t *testing.T) {
	var leaked bool
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" || r.URL.Query().Get("access_token") != "" {
			leaked = true
		}
		http.Error(w, "no", http.StatusNotFound)
	}))
	t.Cleanup(other.Close)
	redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/mcp", http.StatusTemporaryRedirect)
	}))
	t.Cleanup(redirector.Close)
	eps, _, _ := run(t, URLTarget(redirector.URL+"/mcp", bearer()))
	if leaked {
		t.Fatal("a credential followed a redirect to another host")
	}
	if !strings.Contains(eps[0].Error, "initialize was not accepted") && !strings.Contains(eps[0].Error, "redirect") {
		t.Errorf("error = %q", eps[0].Error)
	}
}
