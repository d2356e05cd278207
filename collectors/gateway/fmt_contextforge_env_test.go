package gateway

import (
	"slices"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
)

// TestContextForgeSettings checks what ContextForge's settings mean, with
// the documented defaults for settings a file leaves out.
func TestContextForgeSettings(t *testing.T) {
	tests := []struct {
		name  string
		env   string
		check func(t *testing.T, gw *evidence.Gateway)
	}{
		{"defaults", "MCPGATEWAY_UI_ENABLED=false\nPLATFORM_ADMIN_EMAIL=admin@example.com\n", func(t *testing.T, gw *evidence.Gateway) {
			a := gw.Authentication
			if a.Mode != "required" || !slices.Contains(a.Kinds, "jwt") || a.NonExpiringTokens || a.TokenInQuery {
				t.Errorf("authentication %+v", a)
			}
			if l := gw.Listeners[0]; l.Bind != "127.0.0.1" || l.Port != 4444 || !l.Loopback {
				t.Errorf("listener %+v, want 127.0.0.1:4444", l)
			}
			if gw.SSRF == nil || !gw.SSRF.Protection || gw.SSRF.PrivateTargets || gw.SSRF.Localhost {
				t.Errorf("ssrf %+v", gw.SSRF)
			}
			if !*gw.SecureCookies || !gw.RateLimit || gw.Audit.Enabled || gw.Debug {
				t.Errorf("cookies %v rate limit %v audit %v debug %v", *gw.SecureCookies, gw.RateLimit, gw.Audit.Enabled, gw.Debug)
			}
			if gw.Authorization.Kind != "rbac" || !gw.Authorization.PerTool || !gw.Authorization.PerCaller {
				t.Errorf("authorization %+v: roles and per-tool visibility decide per tool and caller", gw.Authorization)
			}
			if len(gw.Authentication.Audiences) != 1 || gw.Authentication.Audiences[0] != "mcpgateway-api" || gw.Authentication.AudienceNotResource {
				t.Errorf("audiences %v: ContextForge checks its own tokens' audience, mcpgateway-api", gw.Authentication.Audiences)
			}
		}},
		{"weakened", `HOST=0.0.0.0
PORT=8000
AUTH_REQUIRED=false
MCP_CLIENT_AUTH_ENABLED=true
BASIC_AUTH_PASSWORD=changeme  # pragma: allowlist secret
JWT_SECRET_KEY="my-test-key"
PLATFORM_ADMIN_PASSWORD='Wq8#xLmN2!vTz9Rk'
SSRF_ALLOW_PRIVATE_NETWORKS=true
SECURE_COOKIES=false
REQUIRE_TOKEN_EXPIRATION=false
LOG_REQUESTS=true
SKIP_SSL_VERIFY=true
INSECURE_ALLOW_QUERYPARAM_AUTH=true
ENABLE_HEADER_PASSTHROUGH=true
DEFAULT_PASSTHROUGH_HEADERS=["Authorization", "X-Tenant-Id"]
ALLOWED_ORIGINS=*
DEBUG=true
`, func(t *testing.T, gw *evidence.Gateway) {
			if gw.Authentication.Mode != "none" || gw.Authorization.Kind != "none" {
				t.Errorf("mode %s authz %s, want none: AUTH_REQUIRED=false", gw.Authentication.Mode, gw.Authorization.Kind)
			}
			if l := gw.Listeners[0]; l.Exposure != evidence.ExposureAllInterfaces || l.Port != 8000 {
				t.Errorf("listener %+v", l)
			}
			if !slices.Equal(gw.DefaultCredentials, []string{"BASIC_AUTH_PASSWORD", "JWT_SECRET_KEY"}) {
				t.Errorf("default credentials %v", gw.DefaultCredentials)
			}
			if v := gw.Credentials["PLATFORM_ADMIN_PASSWORD"]; v.Kind != evidence.ValueLiteralSecret {
				t.Errorf("admin password %+v, want a literal secret", v)
			}
			if !gw.SSRF.PrivateTargets || *gw.SecureCookies || !gw.Authentication.NonExpiringTokens || !gw.Audit.Payloads {
				t.Error("ssrf, cookies, token expiry or payload logging not read")
			}
			if !gw.UpstreamTLSUnverified || !gw.Authentication.TokenInQuery || !gw.TokenPassthrough || !gw.Debug {
				t.Error("TLS verification, query tokens, passthrough or debug not read")
			}
			if !slices.Equal(gw.CORSOrigins, []string{"*"}) {
				t.Errorf("cors %v", gw.CORSOrigins)
			}
		}},
		{"trusted proxy header", "MCP_CLIENT_AUTH_ENABLED=false\nTRUST_PROXY_AUTH=true\nPROXY_USER_HEADER=X-Forwarded-User\n", func(t *testing.T, gw *evidence.Gateway) {
			a := gw.Authentication
			if !slices.Contains(a.Kinds, "header-trust") || a.TrustedHeader != "X-Forwarded-User" {
				t.Errorf("authentication %+v", a)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := analyze(t, "deploy/contextforge/.env", tt.env)
			if r.src.Status != evidence.StatusOK || r.src.Format != "contextforge/env" {
				t.Fatalf("status %s format %s", r.src.Status, r.src.Format)
			}
			gw := r.gateway(t)
			if gw.Name != "contextforge" || gw.Product != "contextforge" {
				t.Errorf("name %s product %s", gw.Name, gw.Product)
			}
			tt.check(t, gw)
		})
	}
}

// TestDotenvRecognition checks that only ContextForge's .env files are
// read: others hold unrelated secrets Tollgate has no business storing.
func TestDotenvRecognition(t *testing.T) {
	for _, tt := range []struct {
		path, env string
		want      bool
	}{
		{".env", "AUTH_REQUIRED=true\nBASIC_AUTH_PASSWORD=changeme\nMCPGATEWAY_UI_ENABLED=true\n", true},
		{".env.example", "PLATFORM_ADMIN_EMAIL=a@b.c\nTRUST_PROXY_AUTH=false\n", true},
		{".env", "DATABASE_URL=postgres://u:p@db/x\nSTRIPE_KEY=sk_live_x\n", false},
	} {
		format, stored := formatOf(tt.path, tt.env)
		if got := format == "contextforge/env"; got != tt.want {
			t.Errorf("%s: read %v, want %v", tt.path, got, tt.want)
		}
		if !tt.want && stored {
			t.Errorf("%s: stored although not a gateway file", tt.path)
		}
	}
}
