package launch

import (
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

func TestAnalyzeRemote(t *testing.T) {
	tests := []struct {
		name, client, url string
		headers           map[string]string
		scheme, host      string
		port              int
		loopback, private bool
		templated         bool
		authKind          string
		inQuery           bool
		authValueKind     string
	}{
		{"https public", "cursor", "https://mcp.sentry.dev/mcp/ferdi-fd/cape-gis", nil, "https", "mcp.sentry.dev", 443, false, false, false, "none", false, ""},
		{"loopback http", "cursor", "http://localhost:3111/mcp", nil, "http", "localhost", 3111, true, false, false, "none", false, ""},
		{"127 sse", "windsurf", "http://127.0.0.1:5001/mcp/sse", nil, "http", "127.0.0.1", 5001, true, false, false, "none", false, ""},
		{"ipv6 loopback", "cursor", "http://[::1]:8000/mcp", nil, "http", "::1", 8000, true, false, false, "none", false, ""},
		{"unspecified", "cursor", "http://0.0.0.0:8000/mcp", nil, "http", "0.0.0.0", 8000, true, false, false, "none", false, ""},
		{"rfc1918", "cursor", "http://192.168.1.10/mcp", nil, "http", "192.168.1.10", 80, false, true, false, "none", false, ""},
		{"link local", "cursor", "http://169.254.169.254/", nil, "http", "169.254.169.254", 80, false, true, false, "none", false, ""},
		{"ula", "cursor", "http://[fd00::1]/", nil, "http", "fd00::1", 80, false, true, false, "none", false, ""},
		{"cluster svc", "claude-desktop", "https://bookapi-mcp-server.default.svc.cluster.local/", nil, "https", "bookapi-mcp-server.default.svc.cluster.local", 443, false, true, false, "none", false, ""},
		{"single label", "cursor", "http://bookapi:8080", nil, "http", "bookapi", 8080, false, true, false, "none", false, ""},
		{"templated host", "vscode", "https://${input:home-assistant-domain}/mcp_server/sse",
			map[string]string{"Authorization": "Bearer ${input:home-assistant-token}"}, "https", "", 443, false, false, true, "static-bearer", false, "input-reference"},
		{"whole url input", "vscode", "${input:CARTO_MCP_URL}", nil, "", "", 0, false, false, true, "none", false, ""},
		{"bearer literal", "cursor", "https://api.example.com/mcp", map[string]string{"Authorization": "Bearer abcdef1234567890"}, "https", "api.example.com", 443, false, false, false, "static-bearer", false, "literal-secret"},
		{"basic header", "cursor", "https://api.example.com/mcp", map[string]string{"Authorization": "Basic dXNlcjpwYXNz"}, "https", "api.example.com", 443, false, false, false, "basic", false, "literal-secret"},
		{"api key header", "cursor", "https://api.example.com/mcp", map[string]string{"X-API-Key": "${env:KEY}"}, "https", "api.example.com", 443, false, false, false, "api-key", false, "env-reference"},
		{"token in query", "cursor", "https://api.example.com/mcp?api_key=abcdef1234567890&x=1", nil, "https", "api.example.com", 443, false, false, false, "api-key", true, "literal-secret"},
		{"userinfo", "cursor", "https://user:hunter2hunter2@api.example.com/mcp", nil, "https", "api.example.com", 443, false, false, false, "basic", false, "literal-secret"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			red := secrets.NewRedactor()
			r, auth := AnalyzeRemote(tt.url, tt.headers, secrets.SyntaxFor(tt.client), red)
			if r.Scheme != tt.scheme || r.Host != tt.host || r.Port != tt.port || r.Loopback != tt.loopback || r.Private != tt.private || r.Templated != tt.templated {
				t.Errorf("remote = %+v", r)
			}
			if auth.Kind != tt.authKind || auth.InQuery != tt.inQuery {
				t.Errorf("auth = %+v; want kind %s inQuery %v", auth, tt.authKind, tt.inQuery)
			}
			if tt.authValueKind != "" && (auth.Value == nil || auth.Value.Kind != tt.authValueKind) {
				t.Errorf("auth value = %+v; want %s", auth.Value, tt.authValueKind)
			}
			for _, s := range []string{"abcdef1234567890", "hunter2hunter2", "dXNlcjpwYXNz"} {
				if strings.Contains(r.URL, s) {
					t.Errorf("URL %q reveals a secret", r.URL)
				}
				for _, h := range r.Headers {
					if strings.Contains(h.Text, s) {
						t.Errorf("header %+v reveals a secret", h)
					}
				}
			}
		})
	}
}

func TestHostScopeReasons(t *testing.T) {
	for host, want := range map[string][2]bool{
		"localhost": {true, false}, "app.localhost": {true, false}, "127.1.2.3": {true, false},
		"10.0.0.1": {false, true}, "172.16.5.4": {false, true}, "printer.local": {false, true},
		"db.internal": {false, true}, "api.svc": {false, true}, "example.com": {false, false}, "8.8.8.8": {false, false},
	} {
		lb, pv := hostScope(host)
		if lb != want[0] || pv != want[1] {
			t.Errorf("hostScope(%s) = %v,%v; want %v", host, lb, pv, want)
		}
	}
	_ = evidence.AuthNone
}
