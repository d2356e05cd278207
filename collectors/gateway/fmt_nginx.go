package gateway

import (
	"bytes"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// nginxFormat reads nginx configuration files (nginx.conf, conf.d/*.conf,
// sites-available and sites-enabled, any .conf with server blocks) whose
// locations proxy MCP: a location whose path, proxy_pass target or
// upstream names MCP, or any proxying location of a server whose
// server_name does. Each such location is a server behind the gateway; the
// file is one nginx gateway, as strong as its weakest MCP location.
//
// Directives are inherited as nginx inherits them: from http to server to
// location, and (for proxy_set_header, add_header, limit_req, allow/deny)
// only when the inner level sets none of its own. nginx's defaults fill
// what the file leaves out: a server without listen listens on *:80, access
// logs are on (in the combined format, which records the request line and
// its query string but no body), proxy_pass forwards every client header
// (Authorization included) and does not verify an upstream's certificate
// (proxy_ssl_verify off), and satisfy is all.
//
// Authentication is auth_basic, auth_request (an external service decides
// on every request, without its body), NGINX Plus auth_jwt, or client
// certificates (ssl_verify_client). nginx has no per-tool authorization:
// the JSON-RPC body naming the tool is not visible to these checks.
var nginxFormat = nginxFormatOf("nginx/conf", nginxName, secrets.SyntaxFor("nginx"))

// nginxTemplateFormat reads the templates the official nginx image renders
// with envsubst at start (/etc/nginx/templates/*.template): ${NAME} is an
// environment variable there.
var nginxTemplateFormat = nginxFormatOf("nginx/template", nginxTemplateName,
	secrets.Syntax{Client: "nginx-template", DollarBrace: true})

// nginxFormatOf is the nginx format under an id, with its names and the
// reference syntax it expands.
func nginxFormatOf(id string, name func(string) files.Strength, syn secrets.Syntax) *format {
	return &format{
		id:          id,
		product:     "nginx",
		parse:       parseNginx,
		parseSyntax: "nginx",
		name:        name,
		claimBroken: mentionsMCPLocation,
		brokenSecrets: func(f *files.File) {
			for _, s := range ngxLooseSecrets(f.Data) {
				f.Secret(s)
			}
		},
		recognise: recogniseNginx,
		read:      readNginx,
		syn:       syn,
	}
}

// nginxName matches nginx's own file names and folders; any other .conf
// file is read when its content has MCP locations.
func nginxName(p string) files.Strength {
	lower := strings.ToLower(p)
	b := strings.ToLower(baseName(p))
	switch {
	case strings.HasSuffix(b, ".template"):
		return files.None
	case b == "nginx.conf" || strings.HasSuffix(b, ".nginx") || strings.Contains(b, "nginx") && path.Ext(b) == ".conf":
		return files.Weak
	case strings.Contains(lower, "/sites-enabled/") || strings.Contains(lower, "/sites-available/") ||
		strings.HasPrefix(lower, "sites-enabled/") || strings.HasPrefix(lower, "sites-available/"):
		return files.Weak
	case path.Ext(b) == ".conf" && (strings.Contains(lower, "nginx") || strings.Contains(lower, "conf.d/")):
		return files.Weak
	case path.Ext(b) == ".conf":
		return files.Content
	}
	return files.None
}

// nginxTemplateName matches the image's templates (default.conf.template).
func nginxTemplateName(p string) files.Strength {
	if b := strings.ToLower(baseName(p)); strings.HasSuffix(b, ".conf.template") || strings.HasSuffix(b, ".nginx.template") {
		return files.Weak
	}
	return files.None
}

// mentionsMCPLocation reports whether a file that does not parse has a
// location or proxy_pass and mentions MCP: an nginx file that would proxy
// MCP if it parsed.
func mentionsMCPLocation(f *files.File) bool {
	lower := bytes.ToLower(f.Data)
	return bytes.Contains(lower, []byte("mcp")) && (bytes.Contains(lower, []byte("location")) || bytes.Contains(lower, []byte("proxy_pass")))
}

// recogniseNginx accepts a configuration with a location that proxies MCP.
func recogniseNginx(_ *files.File, root *postree.Node, _ bool) bool {
	r := &ngxReader{root: root, upstreams: map[string][]string{}}
	r.indexUpstreams(root)
	found := false
	r.walk(func(srv *ngxServer, loc *ngxLocation) { found = true })
	return found
}

// ngx helpers: directives are objects with name, args and block.

// ngxName returns a directive's name.
func ngxName(d *postree.Node) string {
	s, _ := d.Str("name")
	return s
}

// ngxArgs returns a directive's arguments as text.
func ngxArgs(d *postree.Node) []string {
	s, _ := d.Strings("args")
	return s
}

// ngxArg returns a directive's i-th argument ("" when absent).
func ngxArg(d *postree.Node, i int) string {
	if a := ngxArgs(d); i < len(a) {
		return a[i]
	}
	return ""
}

// ngxBlock returns a block directive's directives.
func ngxBlock(d *postree.Node) []*postree.Node {
	return items(d.Get("block"))
}

// ngxScope is one level of the configuration (http, server, location),
// innermost last.
type ngxScope []*postree.Node

// all returns the directives named name of the innermost level that has
// any: nginx's inheritance of array directives (proxy_set_header,
// add_header, limit_req, allow/deny).
func (s ngxScope) all(name string) []*postree.Node {
	for i := len(s) - 1; i >= 0; i-- {
		var out []*postree.Node
		for _, d := range items(s[i]) {
			if ngxName(d) == name {
				out = append(out, d)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// last returns the innermost setting of a single-valued directive.
func (s ngxScope) last(name string) *postree.Node {
	l := s.all(name)
	if len(l) == 0 {
		return nil
	}
	return l[len(l)-1]
}

// within returns the scope extended by a block.
func (s ngxScope) within(block *postree.Node) ngxScope {
	out := make(ngxScope, len(s), len(s)+1)
	copy(out, s)
	return append(out, block)
}

// ngxServer is a server block.
type ngxServer struct {
	node      *postree.Node
	scope     ngxScope
	listens   []*postree.Node
	names     []string
	defaultOn bool
}

// ngxLocation is a location that proxies MCP.
type ngxLocation struct {
	node  *postree.Node
	scope ngxScope
	path  string
	pass  string // the proxy_pass target
}

// ngxReader reads one nginx file.
type ngxReader struct {
	b         *builder
	gw        *evidence.Gateway
	root      *postree.Node
	upstreams map[string][]string
	formats   map[string]string // log_format name → format text

	// Facts folded over the MCP locations: a gateway is as strong as its
	// weakest location.
	locations   int
	mode        string
	external    bool
	rateLimited bool
	hostChecked bool
	audited     bool
}

// indexUpstreams records upstream blocks and log formats anywhere in the
// file.
func (r *ngxReader) indexUpstreams(block *postree.Node) {
	for _, d := range items(block) {
		switch ngxName(d) {
		case "upstream":
			name := ngxArg(d, 0)
			for _, s := range ngxBlock(d) {
				if ngxName(s) == "server" {
					r.upstreams[name] = append(r.upstreams[name], ngxArg(s, 0))
				}
			}
		case "log_format":
			if r.formats == nil {
				r.formats = map[string]string{}
			}
			args := ngxArgs(d)
			if len(args) > 1 {
				r.formats[args[0]] = strings.Join(args[1:], " ")
			}
		case "http":
			r.indexUpstreams(d.Get("block"))
		}
	}
}

// walk calls fn for every location that proxies MCP, with its server (nil
// for a file of locations included into a server elsewhere).
func (r *ngxReader) walk(fn func(*ngxServer, *ngxLocation)) {
	var visit func(block *postree.Node, scope ngxScope, srv *ngxServer)
	visit = func(block *postree.Node, scope ngxScope, srv *ngxServer) {
		for _, d := range items(block) {
			switch ngxName(d) {
			case "http":
				visit(d.Get("block"), scope.within(d.Get("block")), nil)
			case "server":
				if srv != nil {
					continue // an upstream's server line
				}
				s := &ngxServer{node: d, scope: scope.within(d.Get("block"))}
				for _, sd := range ngxBlock(d) {
					switch ngxName(sd) {
					case "listen":
						s.listens = append(s.listens, sd)
						if containsFold(ngxArgs(sd), "default_server") || containsFold(ngxArgs(sd), "default") {
							s.defaultOn = true
						}
					case "server_name":
						s.names = append(s.names, ngxArgs(sd)...)
					}
				}
				visit(d.Get("block"), s.scope, s)
			case "location":
				loc := &ngxLocation{node: d, scope: scope.within(d.Get("block")), path: locationPath(d)}
				if pass := loc.scope.last("proxy_pass"); pass != nil && !ngxInternal(d) && r.proxiesMCP(srv, loc, ngxArg(pass, 0)) {
					loc.pass = ngxArg(pass, 0)
					fn(srv, loc)
				}
				visit(d.Get("block"), loc.scope, srv)
			}
		}
	}
	visit(r.root, ngxScope{r.root}, nil)
}

// ngxInternal reports whether a location serves only nginx's own
// subrequests (an auth_request or JWKS endpoint), never clients.
func ngxInternal(loc *postree.Node) bool {
	for _, d := range ngxBlock(loc) {
		if ngxName(d) == "internal" {
			return true
		}
	}
	return false
}

// locationPath returns a location's path without its modifier (=, ~, ~*,
// ^~).
func locationPath(d *postree.Node) string {
	args := ngxArgs(d)
	if len(args) == 0 {
		return ""
	}
	switch args[0] {
	case "=", "~", "~*", "^~":
		if len(args) > 1 {
			return args[1]
		}
	}
	return args[len(args)-1]
}

// proxiesMCP reports whether a proxying location serves MCP: its path,
// its target or the target's upstream servers name MCP, or its server's
// names do.
func (r *ngxReader) proxiesMCP(srv *ngxServer, loc *ngxLocation, pass string) bool {
	if mcpNamed(loc.path) || mcpNamed(pass) {
		return true
	}
	if u, err := url.Parse(pass); err == nil {
		for _, s := range r.upstreams[u.Hostname()] {
			if mcpNamed(s) {
				return true
			}
		}
	}
	if srv != nil {
		for _, n := range srv.names {
			if mcpNamed(n) {
				return true
			}
		}
	}
	return false
}

// readNginx reads the file into one nginx gateway and a server per MCP
// location.
func readNginx(b *builder, root *postree.Node) {
	r := &ngxReader{b: b, root: root, upstreams: map[string][]string{}, mode: evidence.GatewayAuthRequired,
		rateLimited: true, hostChecked: true, audited: true, external: true}
	r.gw = b.newGateway(gatewayName(strings.TrimSuffix(b.at.path, ".template"), "nginx"), root)
	r.indexUpstreams(root)
	r.walk(r.readLocation)
	r.readSecrets(root)
	gw := r.gw
	gw.Authentication.Mode = r.mode
	gw.Authorization = evidence.GatewayAuthorization{Kind: "none"}
	if r.external {
		gw.Authorization = evidence.GatewayAuthorization{Kind: "external", PerCaller: true}
	}
	gw.RateLimit = r.rateLimited
	gw.DNSRebinding = r.hostChecked
	gw.Audit.Enabled = gw.Audit.Enabled && r.audited
	finishTokenFacts(&gw.Authentication)
}

// readLocation reads one MCP location into a server behind the gateway and
// folds its protections into the gateway.
func (r *ngxReader) readLocation(srv *ngxServer, loc *ngxLocation) {
	b, gw := r.b, r.gw
	r.locations++
	name := loc.path
	if srv != nil && len(srv.names) > 0 && srv.names[0] != "_" && srv.names[0] != "" {
		name = srv.names[0] + loc.path
	}
	s := b.newServer(gw, name, loc.node)
	s.Transport = evidence.TransportStreamableHTTP
	target, headers := r.upstreamTarget(loc)
	if strings.HasSuffix(strings.TrimSuffix(loc.path, "/"), "/sse") || strings.HasSuffix(strings.TrimSuffix(target, "/"), "/sse") {
		s.Transport = evidence.TransportSSE
	}
	if target != "" {
		b.remote(s, target, headers, s.Transport)
	}
	if strings.HasPrefix(strings.ToLower(loc.pass), "https://") {
		if v := loc.scope.last("proxy_ssl_verify"); v == nil || ngxArg(v, 0) != "on" {
			gw.UpstreamTLSUnverified = true
		}
	}
	r.listeners(srv, loc, s.Transport)
	auth := r.authentication(srv, loc)
	r.headers(loc, auth)
	r.mode = weakerMode(r.mode, auth.mode)
	r.traffic(srv, loc)
}

// upstreamTarget returns the URL a location proxies to (an upstream's name
// replaced by its first server, the location path appended when
// proxy_pass has no URI of its own) and the literal headers it sets.
func (r *ngxReader) upstreamTarget(loc *ngxLocation) (string, map[string]string) {
	pass := loc.pass
	u, err := url.Parse(pass)
	if err != nil || u.Host == "" || strings.Contains(u.Host, "$") {
		return pass, nil
	}
	if servers := r.upstreams[u.Hostname()]; len(servers) > 0 {
		u.Host = strings.TrimPrefix(servers[0], "unix:")
	}
	if u.Path == "" && !strings.ContainsAny(loc.path, "^$*()[]\\") {
		u.Path = loc.path
	}
	var headers map[string]string
	for _, h := range loc.scope.all("proxy_set_header") {
		name, value := ngxArg(h, 0), ngxArg(h, 1)
		if value != "" && !r.runtimeValue(value) {
			if headers == nil {
				headers = map[string]string{}
			}
			headers[name] = value
		}
	}
	return u.String(), headers
}

// listeners adds the listeners of the location's server: its listen
// directives (*:80 without any), TLS from the ssl parameter or ssl on.
func (r *ngxReader) listeners(srv *ngxServer, loc *ngxLocation, transport string) {
	if srv == nil {
		r.b.info(loc.node, "location %s is not inside a server block in this file: the listeners of the server that includes it are not known", loc.path)
		return
	}
	sslOn := false
	if d := srv.scope.last("ssl"); d != nil && ngxArg(d, 0) == "on" {
		sslOn = true
	}
	listens := srv.listens
	var hosts []string
	for _, n := range srv.names {
		if n != "_" && n != "" && !strings.HasPrefix(n, "~") {
			hosts = append(hosts, n)
		}
	}
	if len(listens) == 0 {
		l := listenerAt("", 80, sslOn)
		l.Hosts, l.Path, l.Transport = hosts, loc.path, transport
		r.gw.Listeners = append(r.gw.Listeners, l)
		return
	}
	for _, d := range listens {
		args := ngxArgs(d)
		if len(args) == 0 || strings.HasPrefix(args[0], "unix:") {
			continue
		}
		addr, port := ngxListenAddress(args[0])
		l := listenerAt(addr, port, sslOn || containsFold(args[1:], "ssl") || containsFold(args[1:], "quic"))
		l.Hosts, l.Path, l.Transport = hosts, loc.path, transport
		r.gw.Listeners = append(r.gw.Listeners, l)
	}
}

// ngxListenAddress splits a listen address ("443", "127.0.0.1:8080",
// "[::1]:80", "*:80", "localhost") into host and port (80 when absent).
func ngxListenAddress(a string) (string, int) {
	if p, err := strconv.Atoi(a); err == nil {
		return "", p
	}
	host, port := splitHostPort(a)
	if port == 0 {
		if strings.HasPrefix(a, "[") && !strings.HasSuffix(a, "]") {
			return a, 80
		}
		return strings.Trim(a, "[]"), 80
	}
	if host == "*" {
		host = ""
	}
	return strings.Trim(host, "[]"), port
}

// ngxAuth is how one location authenticates callers.
type ngxAuth struct {
	mode string
	// token is true when a bearer token authenticates the caller (auth_jwt,
	// auth_request), basic when a password does: the upstream receives
	// either unless nginx removes it.
	token, basic bool
}

// authentication reads how a location authenticates callers.
func (r *ngxReader) authentication(srv *ngxServer, loc *ngxLocation) ngxAuth {
	b, gw := r.b, r.gw
	a := &gw.Authentication
	mode, tokenAuth, basic := evidence.GatewayAuthNone, false, false
	if d := loc.scope.last("auth_basic"); d != nil && ngxArg(d, 0) != "off" {
		addKind(a, "basic")
		mode, basic = evidence.GatewayAuthRequired, true
	}
	external := false
	if d := loc.scope.last("auth_request"); d != nil && ngxArg(d, 0) != "off" {
		addKind(a, "external")
		mode, tokenAuth, external = evidence.GatewayAuthRequired, true, true
	}
	r.external = r.external && external
	if d := loc.scope.last("auth_jwt"); d != nil && ngxArg(d, 0) != "off" {
		addKind(a, "jwt")
		mode, tokenAuth = evidence.GatewayAuthRequired, true
		for _, arg := range ngxArgs(d)[1:] {
			if v, ok := strings.CutPrefix(arg, "token="); ok && strings.HasPrefix(v, "$arg_") {
				a.TokenInQuery = true
			}
		}
		if k := loc.scope.last("auth_jwt_key_request"); k != nil {
			a.JWKS = append(a.JWKS, r.subrequestTarget(srv, ngxArg(k, 0)))
		}
	}
	if srv != nil {
		if d := srv.scope.last("ssl_verify_client"); d != nil {
			switch ngxArg(d, 0) {
			case "on":
				addKind(a, "mtls")
				mode = evidence.GatewayAuthRequired
			case "optional", "optional_no_ca":
				addKind(a, "mtls")
				mode = strongerMode(mode, evidence.GatewayAuthOptional)
			}
		}
	}
	allows := loc.scope.all("allow")
	if d := loc.scope.last("satisfy"); d != nil && ngxArg(d, 0) == "any" && mode != evidence.GatewayAuthNone && len(allows) > 0 {
		for _, al := range allows {
			if ngxArg(al, 0) == "all" {
				b.warn(d, "satisfy any with allow all: location %s lets every caller in without credentials", loc.path)
				return ngxAuth{mode: evidence.GatewayAuthNone, token: tokenAuth, basic: basic}
			}
		}
		b.info(d, "satisfy any: callers from the allowed addresses of location %s skip authentication", loc.path)
		mode = evidence.GatewayAuthOptional
	}
	if len(allows) > 0 || len(loc.scope.all("deny")) > 0 {
		b.info(loc.node, "location %s restricts client addresses with allow/deny; that limits where callers connect from, not who they are", loc.path)
	}
	if mode == evidence.GatewayAuthNone {
		b.info(loc.node, "location %s proxies MCP without authentication: any caller that reaches nginx reaches the server", loc.path)
	}
	return ngxAuth{mode: mode, token: tokenAuth, basic: basic}
}

// subrequestTarget returns the URL an internal location proxies to, for a
// subrequest URI (auth_jwt_key_request /_jwks_uri), or the URI itself.
func (r *ngxReader) subrequestTarget(srv *ngxServer, uri string) string {
	if srv == nil || !strings.HasPrefix(uri, "/") {
		return uri
	}
	for _, d := range ngxBlock(srv.node) {
		if ngxName(d) == "location" && locationPath(d) == uri {
			for _, in := range ngxBlock(d) {
				if ngxName(in) == "proxy_pass" {
					return ngxArg(in, 0)
				}
			}
		}
	}
	return uri
}

// headers reads the request headers a location sets for the upstream:
// credentials nginx adds (static upstream credentials), client credentials
// it forwards, and whether the client's Authorization still reaches the
// upstream after nginx authenticated it.
func (r *ngxReader) headers(loc *ngxLocation, auth ngxAuth) {
	b, gw := r.b, r.gw
	authorization := "client" // nginx forwards client headers by default
	for _, h := range loc.scope.all("proxy_set_header") {
		name, value := ngxArg(h, 0), ngxArg(h, 1)
		lname := strings.ToLower(name)
		switch {
		case value == "" && lname == "authorization":
			authorization = "cleared"
		case strings.Contains(value, "$http_"):
			if lname == "authorization" || secrets.IsCredentialKey(name) || strings.Contains(strings.ToLower(value), "$http_authorization") {
				gw.PassthroughHeaders = append(gw.PassthroughHeaders, name)
			}
		case value != "" && !r.runtimeValue(value):
			if v := b.value(name, value); v.Secret {
				gw.UpstreamAuth = append(gw.UpstreamAuth, "static")
				r.secretArg(h, 1, "proxy_set_header "+name, value)
				if lname == "authorization" {
					authorization = "replaced"
				}
			}
		}
	}
	if authorization == "client" && auth.token {
		gw.TokenPassthrough = true
		gw.UpstreamAuth = append(gw.UpstreamAuth, "passthrough")
	}
	if authorization == "client" && auth.basic {
		gw.PassthroughHeaders = append(gw.PassthroughHeaders, "Authorization")
	}
}

// reNginxVar matches an nginx variable: $name or ${name}.
var reNginxVar = regexp.MustCompile(`\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)`)

// runtimeValue reports whether a value holds an nginx variable, which nginx
// fills per request (the client's headers, arguments, upstream responses).
// In a template the image renders with envsubst, ${NAME} is an environment
// variable, filled once at start.
func (r *ngxReader) runtimeValue(v string) bool {
	for _, m := range reNginxVar.FindAllString(v, -1) {
		if !(r.b.syn.DollarBrace && strings.HasPrefix(m, "${")) {
			return true
		}
	}
	return false
}

// reHostCheck matches a condition on the request's host or origin.
var reHostCheck = regexp.MustCompile(`\$(host|http_host|http_origin|server_name)\b`)

// traffic folds rate limits, CORS, host checks and logging of a location
// into the gateway.
func (r *ngxReader) traffic(srv *ngxServer, loc *ngxLocation) {
	gw := r.gw
	r.rateLimited = r.rateLimited && len(loc.scope.all("limit_req")) > 0
	for _, h := range loc.scope.all("add_header") {
		name, value := strings.ToLower(ngxArg(h, 0)), ngxArg(h, 1)
		switch name {
		case "access-control-allow-origin":
			if value == "$http_origin" {
				value = "*" // the request's own origin, whatever it is
			}
			gw.CORSOrigins = append(gw.CORSOrigins, value)
		case "access-control-allow-credentials":
			gw.CORSCredentials = gw.CORSCredentials || value == "true"
		}
	}
	r.hostChecked = r.hostChecked && r.checksHost(srv, loc)
	logged := true
	var format string
	if d := loc.scope.last("access_log"); d != nil {
		if ngxArg(d, 0) == "off" {
			logged = false
		} else if f := ngxArg(d, 1); f != "" {
			format = r.formats[f]
		}
	}
	if logged {
		if strings.Contains(format, "$request_body") {
			gw.Audit.Enabled, gw.Audit.Payloads = true, true
		}
		if strings.Contains(format, "$http_authorization") || gw.Authentication.TokenInQuery {
			gw.Audit.Credentials = true
		}
	}
	r.audited = r.audited && logged && strings.Contains(format, "$request_body")
	if d := loc.scope.last("error_log"); d != nil && ngxArg(d, 1) == "debug" {
		gw.Debug, gw.Audit.Credentials = true, true
	}
}

// checksHost reports whether requests for other host names cannot reach
// the location: an if on $host or $http_origin that returns an error, or a
// server with its own names that is not the default of its port while
// another server of the file is.
func (r *ngxReader) checksHost(srv *ngxServer, loc *ngxLocation) bool {
	for _, level := range loc.scope {
		for _, d := range items(level) {
			if ngxName(d) != "if" || !reHostCheck.MatchString(strings.Join(ngxArgs(d), " ")) {
				continue
			}
			for _, in := range ngxBlock(d) {
				if ngxName(in) == "return" && strings.HasPrefix(ngxArg(in, 0), "4") {
					return true
				}
			}
		}
	}
	if srv == nil || srv.defaultOn || len(srv.names) == 0 {
		return false
	}
	for _, n := range srv.names {
		if n == "_" || n == "" || strings.HasPrefix(n, "*") || strings.HasPrefix(n, "~") {
			return false
		}
	}
	for _, port := range ngxPorts(srv.node) {
		if r.defaultServer(port) == srv.node {
			return false // requests for any other name land here too
		}
	}
	return true
}

// ngxPorts returns the ports a server block listens on (80 without listen).
func ngxPorts(srv *postree.Node) []int {
	var out []int
	for _, d := range ngxBlock(srv) {
		if ngxName(d) == "listen" && !strings.HasPrefix(ngxArg(d, 0), "unix:") {
			_, port := ngxListenAddress(ngxArg(d, 0))
			out = append(out, port)
		}
	}
	if len(out) == 0 {
		out = []int{80}
	}
	return out
}

// defaultServer returns the server of the file that answers requests for
// unknown names on a port: the one marked default_server, else the first
// that listens on it.
func (r *ngxReader) defaultServer(port int) *postree.Node {
	var first *postree.Node
	for _, s := range r.serverBlocks() {
		for _, d := range ngxBlock(s) {
			if ngxName(d) != "listen" {
				continue
			}
			if _, p := ngxListenAddress(ngxArg(d, 0)); p != port {
				continue
			}
			if containsFold(ngxArgs(d), "default_server") || containsFold(ngxArgs(d), "default") {
				return s
			}
			if first == nil {
				first = s
			}
		}
		if first == nil && port == 80 && len(ngxPorts(s)) == 1 && !hasListen(s) {
			first = s
		}
	}
	return first
}

// hasListen reports whether a server block has a listen directive.
func hasListen(srv *postree.Node) bool {
	for _, d := range ngxBlock(srv) {
		if ngxName(d) == "listen" {
			return true
		}
	}
	return false
}

// serverBlocks returns the server blocks of the file in order.
func (r *ngxReader) serverBlocks() []*postree.Node {
	var out []*postree.Node
	for _, d := range items(r.root) {
		switch ngxName(d) {
		case "server":
			out = append(out, d)
		case "http":
			for _, s := range ngxBlock(d) {
				if ngxName(s) == "server" {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// readSecrets classifies credentials written anywhere in the file:
// variables set to literals under credential names, and the secret of
// secure_link_md5 expressions. Any other argument that looks like a
// credential after the word before it (a header name of a module nginx
// reads the same way) is removed from the stored copy.
func (r *ngxReader) readSecrets(block *postree.Node) {
	for _, d := range items(block) {
		args := items(d.Get("args"))
		for i, a := range args {
			key := ngxName(d)
			if i > 0 {
				key = strings.TrimPrefix(args[i-1].Text, "$")
			}
			if part, _ := secrets.SecretPart(key, a.Text); part != "" && !r.runtimeValue(a.Text) {
				r.b.secretNode(a)
				r.b.at.secret(part)
			}
		}
		switch ngxName(d) {
		case "set":
			name, value := strings.TrimPrefix(ngxArg(d, 0), "$"), ngxArg(d, 1)
			if secrets.IsCredentialKey(name) && value != "" && !r.runtimeValue(value) {
				r.secretArg(d, 1, "set $"+name, value)
			}
		case "secure_link_secret":
			r.secretArg(d, 0, "secure_link_secret", ngxArg(d, 0))
		}
		r.readSecrets(d.Get("block"))
	}
}

// ngxLooseSecrets returns the secrets of nginx text read word by word,
// without parsing it: a word after a credential-named word (a header name
// in proxy_set_header, a variable in set) when it looks like a credential
// under that name, and words that look like credentials on their own.
func ngxLooseSecrets(data []byte) []string {
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		words := strings.FieldsFunc(line, func(c rune) bool { return c == ' ' || c == '\t' || c == ';' || c == '\r' })
		for i, w := range words {
			w = strings.Trim(w, `"'`)
			key := ""
			if i > 0 {
				key = strings.TrimPrefix(strings.Trim(words[i-1], `"'`), "$")
			}
			if part, _ := secrets.SecretPart(key, w); part != "" && !strings.HasPrefix(w, "$") {
				out = append(out, part)
			}
		}
	}
	return out
}

// secretArg records the i-th argument of directive d as a credential
// named name.
func (r *ngxReader) secretArg(d *postree.Node, i int, name, raw string) {
	v := r.b.credential(r.gw, name, raw)
	if v.Kind == evidence.ValueLiteralSecret {
		if part, _ := secrets.SecretPart(name, raw); part != "" && part != raw {
			r.b.at.secret(part)
		}
		r.b.secretNode(d.Lookup("args", strconv.Itoa(i)))
	}
}
