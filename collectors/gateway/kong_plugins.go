package gateway

import (
	"sort"
	"strconv"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
)

// kongAuthKinds are Kong's authentication plugins and the mechanism each
// accepts.
var kongAuthKinds = map[string]string{
	"ai-mcp-oauth2": "oauth", "openid-connect": "oidc", "oauth2": "oauth", "oauth2-introspection": "oauth",
	"jwt": "jwt", "key-auth": "api-key", "key-auth-enc": "api-key", "hmac-auth": "api-key", "vault-auth": "api-key",
	"basic-auth": "basic", "ldap-auth": "basic", "ldap-auth-advanced": "basic", "mtls-auth": "mtls",
}

// kongRateLimits are Kong's rate-limiting plugins.
var kongRateLimits = []string{"rate-limiting", "rate-limiting-advanced", "ai-rate-limiting-advanced", "service-protection"}

// kongLogs are Kong's logging plugins: they write the log serializer's
// record of each request (including the AI MCP Proxy's MCP fields when it
// adds them).
var kongLogs = []string{"file-log", "http-log", "tcp-log", "udp-log", "syslog", "loggly", "kafka-log",
	"datadog", "opentelemetry", "splunk-log"}

// sortedPlugins returns the effective plugins in name order, so facts are
// read deterministically.
func sortedPlugins(eff map[string]*kongPlugin) []*kongPlugin {
	names := make([]string, 0, len(eff))
	for n := range eff {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]*kongPlugin, len(names))
	for i, n := range names {
		out[i] = eff[n]
	}
	return out
}

// readAuthentication folds the authentication plugins of an MCP route into
// the gateway. Kong runs every authentication plugin on a route, so one
// without an anonymous consumer makes credentials required; plugins that
// all fall back to an anonymous consumer make them optional.
func (r *kongReader) readAuthentication(rt *kongRoute, eff map[string]*kongPlugin, mode string) {
	b, gw := r.b, r.gw
	a := &gw.Authentication
	routeMode := evidence.GatewayAuthNone
	for _, p := range sortedPlugins(eff) {
		kind, ok := kongAuthKinds[p.name]
		if !ok {
			continue
		}
		addKind(a, kind)
		pm := evidence.GatewayAuthRequired
		if anon := p.str("anonymous"); anon != "" {
			pm = evidence.GatewayAuthOptional
			b.info(p.config.Get("anonymous"), "%s on route %s lets requests without valid credentials through as an anonymous consumer", p.name, rt.name)
		}
		switch p.name {
		case "ai-mcp-oauth2":
			r.mcpOAuth2(p, rt, mode)
		case "openid-connect":
			pm = r.openIDConnect(p, pm)
		case "key-auth", "key-auth-enc":
			if p.flag("key_in_query", true) {
				a.TokenInQuery = true
			}
			if !p.flag("hide_credentials", false) {
				gw.PassthroughHeaders = append(gw.PassthroughHeaders, p.list("key_names", "apikey")...)
			}
		case "basic-auth", "ldap-auth", "ldap-auth-advanced":
			if !p.flag("hide_credentials", false) {
				gw.PassthroughHeaders = append(gw.PassthroughHeaders, "Authorization")
			}
		case "jwt":
			if len(p.list("uri_param_names", "jwt")) > 0 {
				a.TokenInQuery = true
			}
			if !containsFold(p.list("claims_to_verify"), "exp") {
				a.NonExpiringTokens = true
			}
			// The jwt plugin has no setting to strip the token: the
			// client's JWT always reaches the upstream.
			r.passthrough()
		case "oauth2":
			exp := 7200
			if s := p.str("token_expiration"); s != "" {
				if f, err := strconv.ParseFloat(s, 64); err == nil {
					exp = int(f)
				}
			}
			if exp <= 0 {
				a.NonExpiringTokens = true
			} else if m := (exp + 59) / 60; m > a.TokenExpiryMinutes {
				a.TokenExpiryMinutes = m
			}
			if !p.flag("hide_credentials", false) {
				r.passthrough()
			}
		case "oauth2-introspection":
			if !p.flag("hide_credentials", false) {
				r.passthrough()
			}
		}
		routeMode = strongerMode(routeMode, pm)
	}
	if routeMode == evidence.GatewayAuthNone {
		b.info(rt.node, "route %s has no authentication plugin: any caller that reaches Kong reaches its MCP server", rt.name)
	}
	r.mode = weakerMode(r.mode, routeMode)
}

// passthrough records that the client's token reaches the upstream.
func (r *kongReader) passthrough() {
	r.gw.TokenPassthrough = true
	r.gw.UpstreamAuth = append(r.gw.UpstreamAuth, "passthrough")
}

// mcpOAuth2 reads the AI MCP OAuth2 plugin: Kong serves protected resource
// metadata for config.resource and validates that tokens were issued for it
// (unless insecure_relaxed_audience_validation), and strips the token
// before proxying unless passthrough_credentials is set.
func (r *kongReader) mcpOAuth2(p *kongPlugin, rt *kongRoute, mode string) {
	b, gw := r.b, r.gw
	a := &gw.Authentication
	a.ResourceMetadata = true
	resource := p.str("resource")
	if resource != "" {
		a.Resource = resource
	}
	a.Issuers = append(a.Issuers, p.list("authorization_servers")...)
	if j := p.str("jwks_endpoint"); j != "" {
		a.JWKS = append(a.JWKS, j)
	}
	if p.flag("insecure_relaxed_audience_validation", false) {
		b.warn(p.config.Get("insecure_relaxed_audience_validation"), "ai-mcp-oauth2 on route %s accepts tokens whatever their audience (insecure_relaxed_audience_validation)", rt.name)
	} else if resource != "" {
		a.Audiences = append(a.Audiences, resource)
	}
	if p.flag("passthrough_credentials", false) {
		r.passthrough()
	}
	if on, _ := p.config.Lookup("token_exchange").Boolean("enabled"); on {
		gw.UpstreamAuth = append(gw.UpstreamAuth, "token-exchange")
	}
	if !p.flag("ssl_verify", true) {
		b.warn(p.config.Get("ssl_verify"), "ai-mcp-oauth2 on route %s does not verify the TLS certificates of the authorization server (ssl_verify: false)", rt.name)
	}
	if mode == "conversion-listener" {
		b.warn(p.node, "ai-mcp-oauth2 treats every request as MCP: Kong documents that it must not share a route with ai-mcp-proxy in conversion-listener mode, where non-MCP requests then fail")
	}
}

// openIDConnect reads the OpenID Connect plugin and returns the route's
// authentication mode under it.
func (r *kongReader) openIDConnect(p *kongPlugin, mode string) string {
	b, gw := r.b, r.gw
	a := &gw.Authentication
	if iss := p.str("issuer"); iss != "" {
		a.Issuers = append(a.Issuers, iss)
	}
	a.Audiences = append(a.Audiences, p.list("audience_required")...)
	methods := p.list("auth_methods", "authorization_code", "bearer", "client_credentials", "introspection",
		"kong_oauth2", "password", "refresh_token", "session", "userinfo")
	if containsFold(methods, "bearer") && containsFold(p.list("bearer_token_param_type", "header", "query", "body"), "query") {
		a.TokenInQuery = true
	}
	if h := p.config.Get("upstream_access_token_header"); h == nil || h.Kind == postree.String && h.Text != "" {
		r.passthrough()
	}
	if len(items(p.config.Lookup("token_exchange", "subject_token_issuers"))) > 0 {
		gw.UpstreamAuth = append(gw.UpstreamAuth, "token-exchange")
	}
	if !p.flag("verify_signature", true) {
		b.warn(p.config.Get("verify_signature"), "openid-connect accepts tokens without verifying their signature (verify_signature: false): anyone can mint one")
		return evidence.GatewayAuthNone
	}
	return mode
}

// kongTool is one tool an AI MCP Proxy plugin defines, with its ACL.
type kongTool struct {
	name string
	acl  bool
}

// readAuthorization folds what decides which caller may use which tool on
// an MCP route: the AI MCP Proxy's per-tool ACLs (default_acl and each
// tool's acl), the OPA plugin, or the ACL plugin (whole route).
func (r *kongReader) readAuthorization(rt *kongRoute, eff map[string]*kongPlugin, proxy *kongPlugin, mode string) {
	z := evidence.GatewayAuthorization{Kind: "none"}
	rank := 0
	if proxy != nil {
		tools, defaults := r.tools(proxy, mode)
		listed := false
		for _, t := range tools {
			listed = listed || t.acl
		}
		if listed || defaults {
			z = evidence.GatewayAuthorization{Kind: "allow-list", PerTool: true, PerCaller: true,
				ReadsClaims: proxy.str("acl_attribute_type") == "oauth_access_token"}
			rank = 2
			if !defaults {
				for _, t := range tools {
					if !t.acl {
						r.unrestricted = append(r.unrestricted, "route "+rt.name+": tool "+t.name+" (no acl, no default_acl)")
					}
				}
				if mode == "passthrough-listener" {
					r.unrestricted = append(r.unrestricted, "route "+rt.name+": upstream tools not listed in tools (no default_acl)")
				}
			}
		}
	}
	if opa := eff["opa"]; opa != nil && rank < 2 {
		z = evidence.GatewayAuthorization{Kind: "opa", PerCaller: true, PerTool: opa.flag("include_body_in_opa_input", false)}
		rank = 1
		if z.PerTool {
			rank = 2
		} else {
			r.b.info(opa.node, "the OPA policy of route %s does not receive the request body (include_body_in_opa_input), so it cannot tell which tool is called", rt.name)
		}
	}
	if acl := eff["acl"]; acl != nil && rank == 0 {
		z = evidence.GatewayAuthorization{Kind: "allow-list", PerCaller: true}
		rank = 1
	}
	if rank < r.authzRank {
		r.authzRank, r.authz = rank, z
	}
}

// tools returns the tools an AI MCP Proxy serves on a route and whether a
// default ACL for tools applies to them. A listener serves the tools of the
// conversion-only plugins tagged with its server.tag.
func (r *kongReader) tools(proxy *kongPlugin, mode string) ([]kongTool, bool) {
	sources := []*kongPlugin{proxy}
	if mode == "listener" {
		tag, _ := proxy.config.Lookup("server").Str("tag")
		for _, p := range r.plugins {
			if p.name == "ai-mcp-proxy" && p.enabled && p.str("mode") == "conversion-only" && containsFold(p.tags, tag) {
				sources = append(sources, p)
			}
		}
	}
	defaults := false
	for _, d := range items(proxy.config.Get("default_acl")) {
		scope, ok := d.Str("scope")
		if !ok || scope == "tools" {
			defaults = true
		}
	}
	var out []kongTool
	for _, src := range sources {
		for i, t := range items(src.config.Get("tools")) {
			name, _ := t.Str("name")
			if name == "" {
				name, _ = t.Lookup("annotations").Str("title")
			}
			if name == "" {
				method, _ := t.Str("method")
				path, _ := t.Str("path")
				name = strings.TrimSpace(method + " " + path)
			}
			if name == "" {
				name = "tools[" + strconv.Itoa(i) + "]"
			}
			acl := t.Get("acl")
			out = append(out, kongTool{name: name, acl: acl.IsObject() && len(acl.Keys) > 0})
		}
	}
	return out, defaults
}

// readTraffic folds rate limits, CORS, host checks, logging and tracing of
// an MCP route into the gateway.
func (r *kongReader) readTraffic(rt *kongRoute, eff map[string]*kongPlugin, proxy *kongPlugin) {
	gw := r.gw
	limited := false
	for _, name := range kongRateLimits {
		limited = limited || eff[name] != nil
	}
	r.rateLimited = r.rateLimited && limited
	// A route matched by host answers only requests for its host names,
	// which defeats DNS rebinding (the rebound name is the attacker's).
	r.hostChecked = r.hostChecked && len(rt.hosts) > 0
	if cors := eff["cors"]; cors != nil {
		origins := cors.list("origins")
		if len(origins) == 0 {
			origins = []string{"*"} // Kong allows every origin when none is listed
		}
		gw.CORSOrigins = append(gw.CORSOrigins, origins...)
		gw.CORSCredentials = gw.CORSCredentials || cors.flag("credentials", false)
	}
	logged := false
	for _, name := range kongLogs {
		logged = logged || eff[name] != nil
	}
	gw.Audit.Tracing = gw.Audit.Tracing || eff["opentelemetry"] != nil || eff["zipkin"] != nil
	audited := false
	if proxy != nil && logged {
		lg := proxy.config.Get("logging")
		stats, _ := lg.Boolean("log_statistics")
		audits, _ := lg.Boolean("log_audits")
		payloads, _ := lg.Boolean("log_payloads")
		audited = stats || audits || payloads
		gw.Audit.Payloads = gw.Audit.Payloads || payloads
	}
	if logged {
		// Kong's log serializer redacts Authorization and
		// Proxy-Authorization but writes every other request header: an API
		// key header that key-auth leaves in the request is logged.
		for _, name := range []string{"key-auth", "key-auth-enc"} {
			if p := eff[name]; p != nil && p.flag("key_in_header", true) && !p.flag("hide_credentials", false) {
				for _, h := range p.list("key_names", "apikey") {
					if !strings.EqualFold(h, "authorization") {
						gw.Audit.Credentials = true
					}
				}
			}
		}
	}
	r.audited = r.audited && audited
}
