package gateway

import (
	"slices"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
)

// The nginx fixtures in testdata/nginx follow the shapes nginx documents
// (nginx.org ngx_http_auth_request_module, ngx_http_auth_basic_module,
// ngx_http_limit_req_module, NGINX Plus ngx_http_auth_jwt_module, and the
// official image's envsubst templates) with the proxy settings the
// Streamable HTTP and SSE transports need:
//   - nginx.conf: an http block with an upstream, a rate limit zone, a
//     redirect server and a TLS server whose /mcp location is protected
//     by auth_request (oauth2-proxy);
//   - conf.d/mcp.conf: a server with basic authentication, CORS reflecting
//     the origin, a static upstream token, and an unauthenticated /sse;
//   - sites-available/mcp-jwt: auth_jwt with keys from a JWKS subrequest,
//     the token accepted from the query, request bodies in the access log;
//   - templates/default.conf.template: an envsubst template on loopback with
//     an Origin check and an API key from the environment.

// TestNginxGolden reads every nginx fixture and compares the subjects with
// testdata/golden/nginx.json.
func TestNginxGolden(t *testing.T) {
	checkFixturesGolden(t, "nginx", "nginx.json")
}

// nginxFixture reads one fixture of testdata/nginx.
func nginxFixture(t *testing.T, name string) read {
	t.Helper()
	return fixture(t, "nginx", name, "etc/nginx")
}

// TestNginxFixtures checks the facts each documented shape yields.
func TestNginxFixtures(t *testing.T) {
	t.Run("auth_request behind TLS", func(t *testing.T) {
		r := nginxFixture(t, "nginx.conf")
		gw := r.gateway(t)
		if len(r.servers) != 1 {
			t.Fatalf("servers %v: internal auth locations serve no client", r.servers)
		}
		s := r.servers["mcp.example.com/mcp"]
		if s == nil || s.Remote == nil || s.Remote.URL != "http://10.0.12.5:8080/mcp" {
			t.Fatalf("server %+v: the upstream block's server with the location path", s)
		}
		if gw.Authentication.Mode != "required" || gw.Authorization.Kind != "external" || gw.Authorization.PerTool {
			t.Errorf("authentication %+v authorization %+v", gw.Authentication, gw.Authorization)
		}
		if !gw.RateLimit || !gw.TokenPassthrough {
			t.Errorf("rate limit %v passthrough %v: limit_req applies, the client's Authorization is forwarded", gw.RateLimit, gw.TokenPassthrough)
		}
		for _, l := range gw.Listeners {
			if !l.TLS || l.Port != 443 || !slices.Equal(l.Hosts, []string{"mcp.example.com"}) {
				t.Errorf("listener %+v", l)
			}
		}
		if gw.DNSRebinding {
			t.Error("the TLS server is the only one on 443, so it answers every host name")
		}
	})
	t.Run("basic auth, static token, open SSE", func(t *testing.T) {
		r := nginxFixture(t, "conf.d/mcp.conf")
		gw := r.gateway(t)
		if gw.Authentication.Mode != "none" || !slices.Equal(gw.Authentication.Kinds, []string{"basic"}) {
			t.Errorf("authentication %+v: /sse has none", gw.Authentication)
		}
		if r.servers["/sse"].Transport != evidence.TransportSSE {
			t.Errorf("/sse transport %s", r.servers["/sse"].Transport)
		}
		if !slices.Equal(gw.CORSOrigins, []string{"*"}) || !gw.CORSCredentials {
			t.Errorf("cors %v %v: reflecting $http_origin allows every origin", gw.CORSOrigins, gw.CORSCredentials)
		}
		if v := gw.Credentials["proxy_set_header Authorization"]; v.Kind != evidence.ValueLiteralSecret || !slices.Contains(gw.UpstreamAuth, "static") {
			t.Errorf("upstream token %+v, upstream auth %v", v, gw.UpstreamAuth)
		}
		if gw.TokenPassthrough || len(gw.PassthroughHeaders) != 0 {
			t.Errorf("passthrough %v %v: nginx replaces the Authorization header", gw.TokenPassthrough, gw.PassthroughHeaders)
		}
		if gh := r.servers["/github/mcp/"]; gh.Auth.Value == nil || gh.Remote.URL != "http://127.0.0.1:3000/mcp" {
			t.Errorf("github server %+v", gh)
		}
	})
	t.Run("auth_jwt with query tokens and logged bodies", func(t *testing.T) {
		r := nginxFixture(t, "sites-available/mcp-jwt")
		gw := r.gateway(t)
		a := gw.Authentication
		if a.Mode != "required" || !a.TokenInQuery || !slices.Equal(a.JWKS, []string{"https://idp.example.com/oauth2/v1/keys"}) {
			t.Errorf("authentication %+v", a)
		}
		if !gw.Audit.Enabled || !gw.Audit.Payloads || !gw.Audit.Credentials || !gw.Debug {
			t.Errorf("audit %+v debug %v", gw.Audit, gw.Debug)
		}
		if !gw.UpstreamTLSUnverified {
			t.Error("proxy_ssl_verify is off by default")
		}
	})
	t.Run("envsubst template", func(t *testing.T) {
		r := nginxFixture(t, "templates/default.conf.template")
		gw := r.gateway(t)
		if r.src.Format != "nginx/template" || gw.Name != "default" {
			t.Errorf("format %s name %s", r.src.Format, gw.Name)
		}
		if v := gw.Credentials["proxy_set_header X-API-Key"]; v.Kind != evidence.ValueEnvReference || v.Ref != "MCP_API_KEY" {
			t.Errorf("api key %+v, want the environment reference", v)
		}
		if !gw.DNSRebinding || gw.UpstreamTLSUnverified {
			t.Errorf("origin check %v, unverified upstream %v", gw.DNSRebinding, gw.UpstreamTLSUnverified)
		}
		if l := gw.Listeners[0]; l.Exposure != evidence.ExposureLoopback || l.Port != 9000 {
			t.Errorf("listener %+v", l)
		}
		if s := r.servers["localhost/mcp"]; s.Remote == nil || !s.Remote.Templated {
			t.Errorf("server %+v: the upstream comes from the environment", s.Remote)
		}
	})
}

// TestNginxDirectives checks nginx's inheritance and defaults on small
// configurations.
func TestNginxDirectives(t *testing.T) {
	tests := []struct {
		name, conf string
		check      func(t *testing.T, gw *evidence.Gateway)
	}{
		{"no listen is *:80", "server {\n location /mcp { proxy_pass http://mcp:8000; }\n}\n", func(t *testing.T, gw *evidence.Gateway) {
			if l := gw.Listeners[0]; l.Port != 80 || l.Exposure != evidence.ExposureAllInterfaces || l.TLS {
				t.Errorf("listener %+v", l)
			}
		}},
		{"auth_basic off in the location", "server {\n auth_basic \"x\";\n auth_basic_user_file /h;\n location /mcp { auth_basic off; proxy_pass http://mcp:8000; }\n}\n", func(t *testing.T, gw *evidence.Gateway) {
			if gw.Authentication.Mode != "none" {
				t.Errorf("mode %s", gw.Authentication.Mode)
			}
		}},
		{"server auth inherited", "server {\n auth_basic \"x\";\n location /mcp { proxy_pass http://mcp:8000; }\n}\n", func(t *testing.T, gw *evidence.Gateway) {
			if gw.Authentication.Mode != "required" || !slices.Equal(gw.PassthroughHeaders, []string{"Authorization"}) {
				t.Errorf("mode %s passthrough %v: the password is forwarded", gw.Authentication.Mode, gw.PassthroughHeaders)
			}
		}},
		{"satisfy any lets allowed addresses in", "server {\n satisfy any;\n allow 10.0.0.0/8;\n deny all;\n auth_basic \"x\";\n location /mcp { proxy_pass http://mcp:8000; }\n}\n", func(t *testing.T, gw *evidence.Gateway) {
			if gw.Authentication.Mode != "optional" {
				t.Errorf("mode %s", gw.Authentication.Mode)
			}
		}},
		{"a location's own headers replace the server's", "server {\n proxy_set_header Authorization \"\";\n location /mcp { auth_jwt \"m\"; proxy_set_header Host $host; proxy_pass http://mcp:8000; }\n}\n", func(t *testing.T, gw *evidence.Gateway) {
			if !gw.TokenPassthrough {
				t.Error("the server's header clearing does not apply where the location sets headers")
			}
		}},
		{"clearing the token", "server {\n location /mcp { auth_jwt \"m\"; proxy_set_header Authorization \"\"; proxy_pass http://mcp:8000; }\n}\n", func(t *testing.T, gw *evidence.Gateway) {
			if gw.TokenPassthrough {
				t.Error("nginx removes the token")
			}
		}},
		{"ssl on and a listen address", "server {\n listen 10.1.2.3:8443;\n ssl on;\n location /mcp { proxy_pass http://mcp:8000; }\n}\n", func(t *testing.T, gw *evidence.Gateway) {
			if l := gw.Listeners[0]; !l.TLS || l.Exposure != evidence.ExposureAddress || l.Bind != "10.1.2.3" {
				t.Errorf("listener %+v", l)
			}
		}},
		{"access log off", "server {\n access_log off;\n location /mcp { proxy_pass http://mcp:8000; }\n}\n", func(t *testing.T, gw *evidence.Gateway) {
			if gw.Audit.Enabled {
				t.Error("nothing is logged")
			}
		}},
		{"lua block skipped", "server {\n location /mcp {\n  access_by_lua_block { if ngx.var.x then ngx.exit(403) end; local t = {a = \"}\"} }\n  proxy_pass http://mcp:8000;\n }\n}\n", func(t *testing.T, gw *evidence.Gateway) {
			if len(gw.Servers) != 1 {
				t.Errorf("servers %v", gw.Servers)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := analyze(t, "conf.d/mcp.conf", tt.conf)
			tt.check(t, r.gateway(t))
		})
	}
}

// TestNginxRecognition checks which files are nginx configurations that
// proxy MCP.
func TestNginxRecognition(t *testing.T) {
	tests := []struct {
		path, data string
		want       string
	}{
		{"conf.d/mcp.conf", "server { location /mcp { proxy_pass http://x:1; } }", "nginx/conf"},
		{"deploy/proxy.conf", "server { server_name mcp.example.com; location / { proxy_pass http://127.0.0.1:8000; } }", "nginx/conf"},
		{"sites-enabled/default", "upstream github_mcp { server gh:8080; }\nserver { location / { proxy_pass http://github_mcp; } }", "nginx/conf"},
		{"conf.d/app.conf", "server { location /api { proxy_pass http://app:8080; } }", ""},
		{"conf.d/mcp.conf", "server { location /mcp { return 404; } }", ""},
		{"redis.conf", "maxmemory 2mb\nappendonly yes\n", ""},
		{"templates/default.conf.template", "server { location /mcp { proxy_pass ${UPSTREAM}; } }", "nginx/template"},
	}
	for _, tt := range tests {
		format, _ := formatOf(tt.path, tt.data)
		if !strings.HasPrefix(format, "nginx/") {
			format = "" // not read as nginx (a file named on its own is listed as unknown)
		}
		if format != tt.want {
			t.Errorf("%s %q: read as %q, want %q", tt.path, tt.data, format, tt.want)
		}
	}
}

// TestNginxBadInput checks that an nginx file that does not parse is a
// parse error at its line, as nginx -t reports it, when it would proxy MCP
// or its name says nginx; and that it is left alone otherwise.
func TestNginxBadInput(t *testing.T) {
	tests := []struct {
		path, data string
		line       int
		msg        string
	}{
		{"conf.d/mcp.conf", "server {\n  location /mcp {\n    proxy_pass http://mcp:8000\n  }\n}\n", 4, `unexpected "}"`},
		{"conf.d/mcp.conf", "server {\n  location /mcp {\n    proxy_pass http://mcp:8000;\n", 4, "unexpected end of file"},
		{"nginx.conf", "http {\n  server { listen \"80; }\n}\n", 2, "unterminated"},
		{"etc/nginx/nginx.conf", "events {}\n}\n", 2, `unexpected "}"`},
	}
	for _, tt := range tests {
		out := filesCollect(tt.path, tt.data)
		var src *evidence.Source
		for _, s := range out.Subjects {
			if v, ok := s.(*evidence.Source); ok {
				src = v
			}
		}
		if src == nil || src.Status != evidence.StatusParseError || len(src.Diagnostics) == 0 {
			t.Errorf("%s: source %+v, want a parse error", tt.path, src)
			continue
		}
		if d := src.Diagnostics[0]; d.Line != tt.line || !strings.Contains(d.Message, tt.msg) {
			t.Errorf("%s: diagnostic %+v, want line %d with %q", tt.path, d, tt.line, tt.msg)
		}
	}
	if format, _ := formatOf("deploy/other.conf", "server {\n"); strings.HasPrefix(format, "nginx/") {
		t.Errorf("a broken .conf that says nothing of nginx or MCP is read as %q", format)
	}
}
