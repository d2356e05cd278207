package gateway

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
)

// IBM ContextForge (mcp-context-forge) is configured by environment
// variables, written in a .env file, a Compose service's environment or the
// chart's values (mcpContextForge.config and .secret). A setting a
// configuration leaves out takes the documented default of mcpgateway's
// Settings: AUTH_REQUIRED and MCP_CLIENT_AUTH_ENABLED true, HOST 127.0.0.1,
// SECURE_COOKIES true, REQUIRE_TOKEN_EXPIRATION true, SSRF protection on
// with loopback and private networks blocked, TRUST_PROXY_AUTH, header
// passthrough, SKIP_SSL_VERIFY, query-parameter authentication, DEBUG,
// SECURITY_LOGGING_ENABLED and AUDIT_TRAIL_ENABLED false, rate limiting on.

// setting is one configured ContextForge setting.
type setting struct {
	value string
	node  *postree.Node
}

// cfSettings are the settings one configuration writes, by name.
type cfSettings map[string]setting

// str returns a setting's value, or def when it is not set.
func (s cfSettings) str(name, def string) string {
	if v, ok := s[name]; ok {
		return strings.TrimSpace(v.value)
	}
	return def
}

// flag returns a boolean setting (pydantic's reading: true/1/yes/on), or
// def when it is not set.
func (s cfSettings) flag(name string, def bool) bool {
	v, ok := s[name]
	if !ok {
		return def
	}
	switch strings.ToLower(strings.Trim(strings.TrimSpace(v.value), `"'`)) {
	case "1", "true", "yes", "on", "y", "t":
		return true
	case "0", "false", "no", "off", "n", "f", "":
		return false
	}
	return def
}

// list returns a list setting, written as JSON or comma-separated.
func (s cfSettings) list(name string, def []string) []string {
	v, ok := s[name]
	if !ok {
		return def
	}
	raw := strings.TrimSpace(v.value)
	var out []string
	if strings.HasPrefix(raw, "[") && json.Unmarshal([]byte(raw), &out) == nil {
		return out
	}
	for _, p := range strings.Split(raw, ",") {
		if p = strings.Trim(strings.TrimSpace(p), `"'`); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// cfCredentials are ContextForge's credential settings.
var cfCredentials = []string{"JWT_SECRET_KEY", "AUTH_ENCRYPTION_SECRET", "BASIC_AUTH_PASSWORD", "PLATFORM_ADMIN_PASSWORD",
	"DEFAULT_USER_PASSWORD", "SSO_KEYCLOAK_CLIENT_SECRET", "SSO_GITHUB_CLIENT_SECRET", "SSO_GOOGLE_CLIENT_SECRET",
	"SSO_IBM_VERIFY_CLIENT_SECRET", "SSO_OKTA_CLIENT_SECRET", "SSO_ENTRA_CLIENT_SECRET", "SSO_GENERIC_CLIENT_SECRET",
	"DATABASE_URL", "REDIS_URL", "CSRF_SECRET_KEY", "IDENTITY_CLAIMS_SECRET", "SMTP_PASSWORD"}

// cfDefaults are credential values ContextForge's documentation, .env
// example and chart ship, by setting.
var cfDefaults = map[string][]string{
	"JWT_SECRET_KEY":          {"my-test-key", "my-test-key-but-now-longer-than-32-bytes", "__replace_me__"},
	"AUTH_ENCRYPTION_SECRET":  {"my-test-salt", "__replace_me__"},
	"BASIC_AUTH_PASSWORD":     {"changeme"},
	"PLATFORM_ADMIN_PASSWORD": {"changeme", "changeme123"},
	"DEFAULT_USER_PASSWORD":   {"changeme"},
}

// cfKnown are setting names only ContextForge uses; a Compose service whose
// environment has two of them is ContextForge.
var cfKnown = keys("MCPGATEWAY_UI_ENABLED", "MCPGATEWAY_ADMIN_API_ENABLED", "MCP_CLIENT_AUTH_ENABLED", "TRUST_PROXY_AUTH",
	"PLATFORM_ADMIN_EMAIL", "PLATFORM_ADMIN_PASSWORD", "BASIC_AUTH_PASSWORD", "BASIC_AUTH_USER", "AUTH_ENCRYPTION_SECRET",
	"SSO_KEYCLOAK_BASE_URL", "SSO_KEYCLOAK_REALM", "SSO_KEYCLOAK_CLIENT_ID", "SSO_KEYCLOAK_CLIENT_SECRET",
	"SSO_PRESERVE_ADMIN_AUTH", "SSO_AUTO_CREATE_USERS", "SSRF_ALLOW_PRIVATE_NETWORKS", "SSRF_PROTECTION_ENABLED",
	"MCPGATEWAY_A2A_ENABLED", "REQUIRE_STRONG_SECRETS", "ENABLE_HEADER_PASSTHROUGH", "MCP_REQUIRE_AUTH",
	"SECURITY_LOGGING_ENABLED", "INSECURE_ALLOW_QUERYPARAM_AUTH", "MCPGATEWAY_BULK_IMPORT_RATE_LIMIT")

// looksContextForge reports whether an environment is ContextForge's.
func looksContextForge(env map[string]envEntry) bool {
	n := 0
	for k := range env {
		if cfKnown[k] {
			n++
		}
	}
	return n >= 2
}

// readContextForge sets what ContextForge's settings mean on gw.
func readContextForge(b *builder, gw *evidence.Gateway, s cfSettings, decl *postree.Node) {
	a := &gw.Authentication
	authRequired := s.flag("AUTH_REQUIRED", true)
	mcpAuth := s.flag("MCP_REQUIRE_AUTH", authRequired)
	clientAuth := s.flag("MCP_CLIENT_AUTH_ENABLED", true)
	trustProxy := s.flag("TRUST_PROXY_AUTH", false)
	switch {
	case !clientAuth && trustProxy:
		a.Mode = evidence.GatewayAuthRequired
		a.Kinds = append(a.Kinds, "header-trust")
		a.TrustedHeader = s.str("PROXY_USER_HEADER", "X-Authenticated-User")
	case !clientAuth || !authRequired && !mcpAuth:
		a.Mode = evidence.GatewayAuthNone
	case !mcpAuth:
		// MCP_REQUIRE_AUTH=false serves public items without a token.
		a.Mode = evidence.GatewayAuthOptional
		a.Kinds = append(a.Kinds, "jwt")
	default:
		a.Mode = evidence.GatewayAuthRequired
		a.Kinds = append(a.Kinds, "jwt")
	}
	if s.flag("API_ALLOW_BASIC_AUTH", false) {
		a.Kinds = append(a.Kinds, "basic")
	}
	if s.flag("SSO_ENABLED", false) {
		a.Kinds = append(a.Kinds, "oidc")
		for _, k := range []string{"SSO_KEYCLOAK_BASE_URL", "SSO_GENERIC_ISSUER", "SSO_OKTA_ISSUER", "SSO_IBM_VERIFY_ISSUER"} {
			if v := s.str(k, ""); v != "" {
				a.Issuers = append(a.Issuers, v)
			}
		}
	}
	if v := s.str("TOKEN_EXPIRY", ""); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n > 0 {
			a.TokenExpiryMinutes = n
		}
	}
	a.NonExpiringTokens = !s.flag("REQUIRE_TOKEN_EXPIRATION", true)
	a.TokenInQuery = s.flag("INSECURE_ALLOW_QUERYPARAM_AUTH", false)
	finishKeySource(a)

	// Authorization: roles grant permissions, and every tool, server and
	// resource is visible privately, to its team or publicly: access is
	// decided per tool and per caller.
	gw.Authorization = evidence.GatewayAuthorization{Kind: "rbac", PerTool: true, PerCaller: true}
	if s.flag("JWT_AUDIENCE_VERIFICATION", true) {
		a.Audiences = append(a.Audiences, s.str("JWT_AUDIENCE", "mcpgateway-api"))
	}
	if a.Mode == evidence.GatewayAuthNone {
		gw.Authorization = evidence.GatewayAuthorization{Kind: "none"}
	}

	for i := range gw.Listeners {
		if s.flag("SSL", false) {
			gw.Listeners[i].TLS = true
		}
	}

	gw.Audit.Enabled = s.flag("SECURITY_LOGGING_ENABLED", false) || s.flag("AUDIT_TRAIL_ENABLED", false)
	gw.Audit.Payloads = s.flag("LOG_REQUESTS", false)
	contextForgeTracing(gw, s)
	contextForgePlugins(b, gw, s, decl)
	level := strings.ToUpper(s.str("LOG_LEVEL", "ERROR"))
	gw.Debug = s.flag("DEBUG", false) || s.flag("DEV_MODE", false) || level == "DEBUG"
	if level == "DEBUG" {
		gw.Audit.Credentials = true
	}
	gw.RateLimit = s.flag("RATE_LIMITING_ENABLED", true)
	cookies := s.flag("SECURE_COOKIES", true)
	gw.SecureCookies = &cookies
	if s.flag("CORS_ENABLED", true) {
		gw.CORSOrigins = s.list("ALLOWED_ORIGINS", []string{"http://localhost", "http://localhost:4444"})
		gw.CORSCredentials = s.flag("CORS_ALLOW_CREDENTIALS", true)
	}
	gw.UpstreamTLSUnverified = s.flag("SKIP_SSL_VERIFY", false)
	gw.SSRF = &evidence.GatewaySSRF{
		Protection:     s.flag("SSRF_PROTECTION_ENABLED", true),
		PrivateTargets: s.flag("SSRF_ALLOW_PRIVATE_NETWORKS", false),
		Localhost:      s.flag("SSRF_ALLOW_LOCALHOST", false),
	}
	if s.flag("ENABLE_HEADER_PASSTHROUGH", false) {
		forwardHeaders(gw, s.list("DEFAULT_PASSTHROUGH_HEADERS", nil))
	}
	gw.WeakSecretsRefused = s.flag("REQUIRE_STRONG_SECRETS", false)
	if s.flag("MCPGATEWAY_UI_ENABLED", false) && !authRequired {
		b.warn(decl, "the admin UI is enabled while AUTH_REQUIRED is false")
	}

	isCredential := keys(cfCredentials...)
	for _, name := range sortedKeys(s) {
		v := s[name]
		if !isCredential[name] {
			// Any other setting that holds a literal secret is a credential
			// too: a token by its shape, a password in a URL, or a value
			// under a name that says it is one (REDIS_PASSWORD).
			val := b.value(name, v.value)
			if val.Kind == evidence.ValueLiteralSecret && (val.Reason != "key-name" || credentialName(name)) {
				b.credential(gw, name, v.value)
			}
			continue
		}
		val := b.credential(gw, name, v.value)
		if isDocumentedDefault(name, v.value, val) {
			gw.DefaultCredentials = append(gw.DefaultCredentials, name)
		}
	}
}

// listenFrom returns the listener ContextForge's HOST and PORT settings
// describe (127.0.0.1:4444 by default).
func listenFrom(s cfSettings) evidence.Listener {
	port := atoi(s.str("PORT", "4444"))
	l := listenerAt(strings.Trim(s.str("HOST", "127.0.0.1"), `"'`), port, s.flag("SSL", false))
	l.Path = "/mcp"
	return l
}

// isDocumentedDefault reports whether a credential is a value the product's
// documentation ships, or a well-known weak default.
func isDocumentedDefault(name, raw string, v evidence.Value) bool {
	raw = strings.ToLower(strings.Trim(strings.TrimSpace(raw), `"'`))
	for _, d := range cfDefaults[name] {
		if raw == d || strings.HasSuffix(d, "__") && strings.HasPrefix(raw, d) {
			return true
		}
	}
	return v.Reason == "weak-default"
}

// finishKeySource derives whether identity-provider metadata or keys are
// fetched over plain HTTP from another host.
func finishKeySource(a *evidence.GatewayAuthentication) {
	for _, raw := range append(append([]string{}, a.Issuers...), a.JWKS...) {
		if u, ok := httpURLHost(raw); ok && !isLoopbackHost(u) {
			a.InsecureKeySource = true
		}
	}
}

// httpURLHost returns the host of a plain-HTTP URL.
func httpURLHost(raw string) (string, bool) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(raw), "http://")
	if !ok {
		return "", false
	}
	host, _, _ := strings.Cut(rest, "/")
	if h, _, found := strings.Cut(host, ":"); found && !strings.HasPrefix(host, "[") {
		host = h
	}
	return host, true
}

// contextForge reads a Compose service running ContextForge.
func (r *composeReader) contextForge(name string, svc *postree.Node) {
	b := r.b
	decl := r.services.Get(name)
	gw := b.newProductGateway("contextforge", name, decl)
	settings := cfSettings{}
	for k, e := range environment(svc.Get("environment")) {
		if e.set {
			settings[k] = setting{value: e.value, node: e.node}
		}
	}
	if svc.Has("image") || svc.Has("build") {
		res := r.container(svc, nil)
		gw.Container = res.Launch.Container
		gw.Image = res.Launch.Package
		if gw.Image != nil {
			gw.Version = gw.Image.Version
		}
		port := atoi(settings.str("PORT", "4444"))
		gw.Listeners = r.listeners(name, svc, gw.Container, port, false)
		if h := strings.Trim(settings.str("HOST", ""), `"'`); h != "" && isLoopbackHost(h) {
			gw.Listeners = []evidence.Listener{listenerAt(h, port, false)}
		}
	}
	readContextForge(b, gw, settings, decl)
}

// credentialName reports whether a setting's name says it holds a
// credential (…_PASSWORD, …_SECRET, …_TOKEN, …_KEY), as opposed to a
// setting merely about one (COOKIE_SAMESITE, TOKEN_EXPIRY).
func credentialName(name string) bool {
	n := strings.ToUpper(name)
	for _, suffix := range []string{"PASSWORD", "PASSWD", "_PASS", "SECRET", "_TOKEN", "_KEY", "APIKEY"} {
		if strings.HasSuffix(n, suffix) {
			return true
		}
	}
	return false
}
