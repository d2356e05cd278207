package gateway

import (
	"bytes"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// kongYAMLFormat and kongJSONFormat read Kong Gateway's declarative
// configuration: the file decK syncs and DB-less Kong loads
// (_format_version with services, routes, plugins and consumers), in YAML
// or JSON.
//
// A route serves MCP when the AI MCP Proxy plugin applies to it in a
// listener mode (passthrough-listener proxies an upstream MCP server,
// conversion-listener turns the service's REST API into MCP tools, listener
// serves the tools of conversion-only plugins sharing its server.tag), when
// the AI MCP OAuth2 plugin protects it, or when its paths, name or service
// name an MCP endpoint (a plain reverse proxy in front of an MCP server).
// Each such route is one server behind the gateway; the file is one Kong
// gateway, as strong as its weakest MCP route.
//
// Plugins apply as Kong applies them: a plugin on the route overrides one of
// the same name on its service, which overrides a global one; disabled
// plugins and plugins scoped to one consumer do not protect every caller.
// Settings the file leaves out take Kong's documented defaults: key-auth
// and jwt also read credentials from the query string and forward them
// upstream (hide_credentials false), jwt verifies no expiry unless
// claims_to_verify names exp, openid-connect forwards the access token
// upstream and accepts it in the query, a cors plugin without origins
// allows every origin, a route accepts http and https, and an https service
// is reached without certificate verification unless it sets tls_verify.
// Kong's listen addresses are not in this file (kong.conf proxy_listen);
// its defaults, plain HTTP on 0.0.0.0:8000 and TLS on 0.0.0.0:8443, are
// assumed for the protocols each route accepts.
var (
	kongYAMLFormat = kongFormat(postree.YAML)
	kongJSONFormat = kongFormat(postree.JSON)
)

// kongFormat is the declarative format in one syntax.
func kongFormat(syn postree.Syntax) *format {
	return &format{
		id:        "kong/declarative",
		product:   "kong",
		syntax:    syn,
		name:      kongName,
		recognise: recogniseKong,
		read:      readKong,
		syn:       secrets.SyntaxFor("kong"),
	}
}

// kongName matches the names decK and DB-less Kong use by default
// (kong.yaml, kong.yml, kong.json); any other file in the syntax is
// recognised by its content.
func kongName(p string) files.Strength {
	switch strings.ToLower(baseName(p)) {
	case "kong.yaml", "kong.yml", "kong.json":
		return files.Weak
	}
	return files.None
}

// recogniseKong accepts a declarative configuration (_format_version with
// Kong entities) that configures MCP: an AI MCP plugin, or a route or
// service that names an MCP endpoint.
func recogniseKong(f *files.File, root *postree.Node, _ bool) bool {
	if _, ok := root.Scalar("_format_version"); !ok {
		return false
	}
	if !root.Has("services") && !root.Has("routes") && !root.Has("plugins") {
		return false
	}
	if !bytes.Contains(bytes.ToLower(f.Data), []byte("mcp")) {
		return false
	}
	if bytes.Contains(f.Data, []byte("ai-mcp-")) {
		return true
	}
	r := newKongReader(nil, root)
	for _, rt := range r.routes {
		if rt.namesMCP() {
			return true
		}
	}
	return false
}

// kongReader reads one declarative file.
type kongReader struct {
	b    *builder
	gw   *evidence.Gateway
	root *postree.Node

	services map[string]*kongService
	routes   []*kongRoute
	plugins  []*kongPlugin

	// Facts folded over the MCP routes: a gateway is as strong as its
	// weakest route.
	mcpRoutes int
	mode      string
	authzRank int
	authz     evidence.GatewayAuthorization
	// unrestricted are the tools of MCP routes no ACL covers.
	unrestricted []string
	rateLimited  bool
	hostChecked  bool
	audited      bool
	listenNoted  bool
}

// kongService is one service entity.
type kongService struct {
	node *postree.Node
	name string
	// url is the upstream URL: url, or protocol://host:port/path.
	url       string
	protocol  string
	tlsVerify *bool
}

// kongRoute is one route entity and the service it forwards to.
type kongRoute struct {
	node      *postree.Node
	name      string
	key       string // name, else id
	service   *kongService
	paths     []string
	hosts     []string
	protocols []string
}

// kongPlugin is one plugin entity with its scope.
type kongPlugin struct {
	name   string
	node   *postree.Node
	config *postree.Node
	// service, route and consumer are the names or ids the plugin is
	// scoped to ("" when not scoped).
	service, route, consumer string
	protocols                []string
	enabled                  bool
	tags                     []string
}

// level is the precedence of a plugin's scope: route over service over
// global.
func (p *kongPlugin) level() int {
	switch {
	case p.route != "":
		return 2
	case p.service != "":
		return 1
	}
	return 0
}

// str returns a config member as text.
func (p *kongPlugin) str(key string) string {
	s, _ := p.config.Scalar(key)
	return s
}

// flag returns a boolean config member, def when unset.
func (p *kongPlugin) flag(key string, def bool) bool {
	if v, ok := p.config.Boolean(key); ok {
		return v
	}
	return def
}

// list returns an array config member, def when unset.
func (p *kongPlugin) list(key string, def ...string) []string {
	if v, ok := p.config.Strings(key); ok {
		return v
	}
	return def
}

// newKongReader indexes the entities of a declarative file (b may be nil
// for recognition).
func newKongReader(b *builder, root *postree.Node) *kongReader {
	r := &kongReader{b: b, root: root, services: map[string]*kongService{}, mode: evidence.GatewayAuthRequired,
		authzRank: 3, rateLimited: true, hostChecked: true, audited: true}
	for i, s := range items(root.Get("services")) {
		svc := r.addService(s)
		for j, rt := range items(s.Get("routes")) {
			r.addRoute(rt, svc, fmt.Sprintf("services[%d].routes[%d]", i, j))
			r.addPlugins(rt.Get("plugins"), "", routeKey(rt, fmt.Sprintf("services[%d].routes[%d]", i, j)), "")
		}
		r.addPlugins(s.Get("plugins"), serviceKey(s), "", "")
	}
	for i, rt := range items(root.Get("routes")) {
		where := fmt.Sprintf("routes[%d]", i)
		r.addRoute(rt, r.services[entityRef(rt.Get("service"))], where)
		r.addPlugins(rt.Get("plugins"), "", routeKey(rt, where), "")
	}
	for _, c := range items(root.Get("consumers")) {
		name, _ := c.Str("username")
		r.addPlugins(c.Get("plugins"), "", "", "consumer:"+name)
	}
	r.addPlugins(root.Get("plugins"), "", "", "")
	return r
}

// serviceKey names a service by its name, else its id.
func serviceKey(s *postree.Node) string {
	if n, ok := s.Str("name"); ok && n != "" {
		return n
	}
	id, _ := s.Str("id")
	return id
}

// routeKey names a route by its name, else its id, else its place.
func routeKey(rt *postree.Node, where string) string {
	if n, ok := rt.Str("name"); ok && n != "" {
		return n
	}
	if id, ok := rt.Str("id"); ok && id != "" {
		return id
	}
	return where
}

// entityRef reads a reference to another entity: a name or id, or an
// object with one.
func entityRef(n *postree.Node) string {
	if n == nil {
		return ""
	}
	if s, ok := n.ScalarText(); ok {
		return s
	}
	if s, ok := n.Str("name"); ok {
		return s
	}
	s, _ := n.Str("id")
	return s
}

// addService indexes a service by name and id.
func (r *kongReader) addService(s *postree.Node) *kongService {
	svc := &kongService{node: s, name: serviceKey(s)}
	if u, ok := s.Str("url"); ok {
		svc.url = u
		if parsed, err := url.Parse(u); err == nil {
			svc.protocol = strings.ToLower(parsed.Scheme)
		}
	} else if host, ok := s.Scalar("host"); ok {
		svc.protocol = "http"
		if p, ok := s.Str("protocol"); ok {
			svc.protocol = strings.ToLower(p)
		}
		port := 80
		if p := intMember(s, "port"); p > 0 {
			port = p
		}
		p, _ := s.Str("path")
		svc.url = fmt.Sprintf("%s://%s:%d%s", svc.protocol, host, port, p)
	}
	if v, ok := s.Boolean("tls_verify"); ok {
		svc.tlsVerify = &v
	}
	for _, k := range []string{"name", "id"} {
		if v, ok := s.Str(k); ok && v != "" {
			r.services[v] = svc
		}
	}
	return svc
}

// addRoute records a route.
func (r *kongReader) addRoute(rt *postree.Node, svc *kongService, where string) {
	route := &kongRoute{node: rt, key: routeKey(rt, where), service: svc}
	route.name, _ = rt.Str("name")
	if route.name == "" {
		route.name = route.key
	}
	route.paths, _ = rt.Strings("paths")
	route.hosts, _ = rt.Strings("hosts")
	route.protocols, _ = rt.Strings("protocols")
	if len(route.protocols) == 0 {
		route.protocols = []string{"http", "https"}
	}
	r.routes = append(r.routes, route)
}

// addPlugins records the plugins of a list, scoped by where the list is
// nested (and by the plugins' own service, route and consumer fields).
func (r *kongReader) addPlugins(list *postree.Node, service, route, consumer string) {
	for _, p := range items(list) {
		name, _ := p.Str("name")
		pl := &kongPlugin{name: name, node: p, config: p.Get("config"), service: service, route: route,
			consumer: consumer, enabled: true}
		if v, ok := p.Boolean("enabled"); ok {
			pl.enabled = v
		}
		if s := entityRef(p.Get("service")); s != "" {
			pl.service = s
		}
		if s := entityRef(p.Get("route")); s != "" {
			pl.route = s
		}
		if s := entityRef(p.Get("consumer")); s != "" {
			pl.consumer = "consumer:" + s
		}
		if s := entityRef(p.Get("consumer_group")); s != "" {
			pl.consumer = "consumer_group:" + s
		}
		pl.protocols, _ = p.Strings("protocols")
		pl.tags, _ = p.Strings("tags")
		r.plugins = append(r.plugins, pl)
	}
}

// effective returns the plugins that run for every caller of a route, by
// name: the most specific enabled plugin of each name whose scope covers
// the route, and the plugins that skip some of the protocols the route
// accepts (which protect only part of its traffic).
func (r *kongReader) effective(rt *kongRoute) (map[string]*kongPlugin, []*kongPlugin) {
	out := map[string]*kongPlugin{}
	var partial []*kongPlugin
	for _, p := range r.plugins {
		if !p.enabled || p.consumer != "" || !r.covers(p, rt) {
			continue
		}
		if have, ok := out[p.name]; ok && have.level() >= p.level() {
			continue
		}
		out[p.name] = p
	}
	for name, p := range out {
		if len(p.protocols) == 0 {
			continue
		}
		for _, proto := range rt.protocols {
			if !containsFold(p.protocols, proto) {
				partial = append(partial, p)
				delete(out, name)
				break
			}
		}
	}
	return out, partial
}

// covers reports whether a plugin's scope includes a route.
func (r *kongReader) covers(p *kongPlugin, rt *kongRoute) bool {
	if p.route != "" && p.route != rt.key && !r.sameRoute(p.route, rt) {
		return false
	}
	if p.service != "" && (rt.service == nil || r.services[p.service] != rt.service) {
		return false
	}
	return true
}

// sameRoute reports whether ref names the route by its id.
func (r *kongReader) sameRoute(ref string, rt *kongRoute) bool {
	id, _ := rt.node.Str("id")
	return id != "" && id == ref
}

// namesMCP reports whether a route's paths, name or service name an MCP
// endpoint ("/mcp", "/github-mcp/", a service named mcp-server).
func (rt *kongRoute) namesMCP() bool {
	words := append([]string{rt.name}, rt.paths...)
	if rt.service != nil {
		words = append(words, rt.service.name)
	}
	for _, w := range words {
		if mcpNamed(w) {
			return true
		}
	}
	return false
}

// mcpNamed reports whether a name or path has a word that names MCP:
// "mcp", or a word starting or ending with it ("mcp-server" has "mcp";
// "githubmcp", "mcpserver").
func mcpNamed(s string) bool {
	lower := strings.ToLower(s)
	if !strings.Contains(lower, "mcp") {
		return false
	}
	for _, w := range strings.FieldsFunc(lower, func(c rune) bool { return !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') }) {
		if strings.HasPrefix(w, "mcp") || strings.HasSuffix(w, "mcp") {
			return true
		}
	}
	return false
}

// readKong reads the file into one Kong gateway and a server per MCP route.
func readKong(b *builder, root *postree.Node) {
	r := newKongReader(b, root)
	r.gw = b.newGateway(gatewayName(b.at.path, "kong"), root)
	r.readConsumers()
	r.readCertificates()
	for i, p := range r.plugins {
		r.checkPlugin(p, i)
	}
	for _, rt := range r.routes {
		r.readRoute(rt)
	}
	r.finish()
}

// kongModes are the ai-mcp-proxy modes.
var kongModes = map[string]bool{"passthrough-listener": true, "conversion-listener": true, "conversion-only": true, "listener": true}

// checkPlugin reports settings Kong refuses in an MCP plugin (it then
// refuses the whole declarative file) and hands the plugin's credentials
// to the redactor.
func (r *kongReader) checkPlugin(p *kongPlugin, index int) {
	where := kongPluginName(p, index)
	switch p.name {
	case "ai-mcp-proxy":
		mode := p.str("mode")
		switch {
		case mode == "":
			r.b.rejected(r.gw, p.node, "%s: config.mode is required (passthrough-listener, conversion-listener, conversion-only or listener)", where)
		case !kongModes[mode]:
			r.b.rejected(r.gw, p.config.Get("mode"), "%s: config.mode %q is not one of passthrough-listener, conversion-listener, conversion-only, listener", where, mode)
		}
	case "ai-mcp-oauth2":
		if p.str("resource") == "" {
			r.b.rejected(r.gw, p.node, "%s: config.resource is required", where)
		}
		if v, _ := p.config.Strings("authorization_servers"); len(v) == 0 {
			r.b.rejected(r.gw, p.node, "%s: config.authorization_servers is required", where)
		}
	}
	r.pluginCredentials(p.config, where+".config")
}

// kongPluginName names a plugin in messages and credential names:
// "plugins[ai-mcp-oauth2@mcp-route]".
func kongPluginName(p *kongPlugin, index int) string {
	scope := p.route
	if scope == "" {
		scope = p.service
	}
	if scope == "" {
		scope = strings.TrimPrefix(strings.TrimPrefix(p.consumer, "consumer:"), "consumer_group:")
	}
	name := p.name
	if name == "" {
		name = strconv.Itoa(index)
	}
	if scope != "" {
		name += "@" + secrets.RedactName(scope)
	}
	return "plugins[" + name + "]"
}

// kongSecretArrays are plugin settings that hold lists of secrets.
var kongSecretArrays = map[string]bool{"client_secret": true, "secrets": true, "client_jwk": true}

// kongNotSecret are plugin settings whose names read like credentials but
// hold names, switches or identifiers.
var kongNotSecret = map[string]bool{"key_names": true, "key_claim_name": true, "hide_credentials": true,
	"anonymous": true, "key_in_header": true, "key_in_query": true, "key_in_body": true, "session_cookie_name": true,
	"authorization_cookie_name": true, "bearer_token_cookie_name": true, "passthrough_credentials": true,
	"secret_is_base64": true, "upstream_access_token_header": true, "downstream_access_token_header": true,
	"actor_token_header": true, "actor_token_source": true, "actor_token_type": true, "subject_token_type": true,
	"requested_token_type": true, "access_token_claim_field": true, "token_exchange": true, "cache_tokens": true,
	"credential_claim": true}

// pluginCredentials classifies the credentials of a plugin's config (client
// secrets, session secrets, Redis passwords, private keys) wherever they
// are nested.
func (r *kongReader) pluginCredentials(n *postree.Node, where string) {
	for i, k := range members(n) {
		v := n.Vals[i]
		path := where + "." + k
		switch {
		case v.IsObject():
			r.pluginCredentials(v, path)
		case v.IsArray() && kongSecretArrays[k]:
			for j, it := range v.Items {
				if it.IsObject() {
					r.pluginCredentials(it, fmt.Sprintf("%s[%d]", path, j))
				} else if raw, ok := it.ScalarText(); ok {
					r.secretSetting(fmt.Sprintf("%s[%d]", path, j), it, raw)
				}
			}
		case v.IsArray():
			for j, it := range v.Items {
				if it.IsObject() {
					r.pluginCredentials(it, fmt.Sprintf("%s[%d]", path, j))
				}
			}
		case v.Kind == postree.String && !kongNotSecret[k] && (secrets.IsCredentialKey(k) || k == "d" || k == "k" || k == "p" || k == "q"):
			r.secretSetting(path, v, v.Text)
		}
	}
}

// secretSetting records a credential written at n.
func (r *kongReader) secretSetting(name string, n *postree.Node, raw string) {
	v := r.b.credential(r.gw, name, raw)
	if v.Kind == evidence.ValueLiteralSecret {
		r.b.secretNode(n)
	}
}

// kongConsumerSecrets are the secret fields of each consumer credential
// type.
var kongConsumerSecrets = []struct{ list, field string }{
	{"keyauth_credentials", "key"}, {"basicauth_credentials", "password"}, {"jwt_secrets", "secret"},
	{"hmacauth_credentials", "secret"}, {"oauth2_credentials", "client_secret"},
}

// readConsumers classifies the credentials of consumers: API keys,
// passwords and signing secrets that callers use, written in the file.
func (r *kongReader) readConsumers() {
	for i, c := range items(r.root.Get("consumers")) {
		who, _ := c.Str("username")
		if who == "" {
			who, _ = c.Str("custom_id")
		}
		who = secrets.RedactName(who)
		if who == "" {
			who = strconv.Itoa(i)
		}
		for _, cs := range kongConsumerSecrets {
			for j, cred := range items(c.Get(cs.list)) {
				n := cred.Get(cs.field)
				if n == nil {
					continue
				}
				if raw, ok := n.ScalarText(); ok {
					r.secretSetting(fmt.Sprintf("consumers[%s].%s[%d].%s", who, cs.list, j, cs.field), n, raw)
				}
			}
		}
	}
}

// readCertificates classifies the private keys of certificates.
func (r *kongReader) readCertificates() {
	for i, c := range items(r.root.Get("certificates")) {
		for _, k := range []string{"key", "key_alt"} {
			if n := c.Get(k); n != nil && n.Kind == postree.String {
				r.secretSetting(fmt.Sprintf("certificates[%d].%s", i, k), n, n.Text)
			}
		}
	}
}

// readRoute reads a route that serves MCP into a server behind the gateway
// and folds its protections into the gateway.
func (r *kongReader) readRoute(rt *kongRoute) {
	eff, partial := r.effective(rt)
	proxy := eff["ai-mcp-proxy"]
	mode := "proxy"
	if proxy != nil {
		mode = proxy.str("mode")
	}
	switch {
	case mode == "conversion-only" || (proxy != nil && !kongModes[mode]):
		return // defines tools for a listener; serves nothing itself
	case proxy == nil && eff["ai-mcp-oauth2"] == nil && !rt.namesMCP():
		return
	}
	b, gw := r.b, r.gw
	r.mcpRoutes++
	s := b.newServer(gw, rt.name, rt.node)
	s.Transport = evidence.TransportStreamableHTTP
	for _, p := range rt.paths {
		if strings.HasSuffix(strings.TrimSuffix(p, "/"), "/sse") {
			s.Transport = evidence.TransportSSE
		}
	}
	for _, p := range partial {
		b.warn(p.node, "plugin %s runs only for %s; route %s also accepts %s, where it does not apply",
			p.name, strings.Join(p.protocols, ", "), rt.name, strings.Join(rt.protocols, ", "))
	}
	headers := r.upstreamHeaders(eff["request-transformer"], eff["request-transformer-advanced"])
	switch mode {
	case "listener":
		tag, _ := proxy.config.Lookup("server").Str("tag")
		b.info(rt.node, "route %s serves the tools of conversion-only plugins tagged %q", rt.name, tag)
	case "conversion-listener":
		if rt.service != nil && rt.service.url != "" {
			b.remote(s, rt.service.url, headers, evidence.TransportStreamableHTTP)
		}
		b.info(rt.node, "route %s serves MCP tools Kong converts from the REST API of its service", rt.name)
	default:
		if rt.service != nil && rt.service.url != "" {
			b.remote(s, rt.service.url, headers, s.Transport)
		}
	}
	if rt.service != nil && rt.service.protocol == "https" && (rt.service.tlsVerify == nil || !*rt.service.tlsVerify) {
		gw.UpstreamTLSUnverified = true
		if rt.service.tlsVerify == nil {
			b.info(rt.service.node, "service %s sets no tls_verify: Kong does not verify the upstream certificate unless tls_verify is true (or nginx_proxy_proxy_ssl_verify is on in kong.conf)", rt.service.name)
		}
	}
	r.listeners(rt)
	r.readAuthentication(rt, eff, mode)
	r.readAuthorization(rt, eff, proxy, mode)
	r.readTraffic(rt, eff, proxy)
}

// listeners adds the listeners the route is served on: Kong's default
// proxy listeners for the protocols it accepts.
func (r *kongReader) listeners(rt *kongRoute) {
	if !r.listenNoted {
		r.listenNoted = true
		r.b.info(nil, "Kong's listen addresses are set in kong.conf (proxy_listen), not in this file: its defaults, plain HTTP on 0.0.0.0:8000 and TLS on 0.0.0.0:8443, are assumed")
	}
	path := ""
	if len(rt.paths) > 0 {
		path = rt.paths[0]
	}
	for _, proto := range rt.protocols {
		var l evidence.Listener
		switch strings.ToLower(proto) {
		case "http":
			l = listenerAt("0.0.0.0", 8000, false)
		case "https":
			l = listenerAt("0.0.0.0", 8443, true)
		default:
			continue
		}
		l.Hosts, l.Path, l.Transport = rt.hosts, path, evidence.TransportStreamableHTTP
		r.gw.Listeners = append(r.gw.Listeners, l)
	}
}

// upstreamHeaders reads the headers a request transformer adds to every
// upstream request ("Name:value" entries of add, replace and append) and
// records those that carry credentials as static upstream credentials.
func (r *kongReader) upstreamHeaders(plugins ...*kongPlugin) map[string]string {
	var out map[string]string
	for _, p := range plugins {
		if p == nil {
			continue
		}
		for _, op := range []string{"add", "replace", "append"} {
			for _, h := range items(p.config.Lookup(op, "headers")) {
				text, ok := h.ScalarText()
				name, value, found := strings.Cut(text, ":")
				if !ok || !found {
					continue
				}
				name, value = strings.TrimSpace(name), strings.TrimSpace(value)
				if out == nil {
					out = map[string]string{}
				}
				out[name] = value
				if v := r.b.value(name, value); v.Secret {
					r.gw.UpstreamAuth = append(r.gw.UpstreamAuth, "static")
					if part, _ := secrets.SecretPart(name, value); part != "" && v.Kind == evidence.ValueLiteralSecret {
						r.b.at.secret(part)
					}
					r.b.credential(r.gw, fmt.Sprintf("plugins[%s].config.%s.headers.%s", p.name, op, name), value)
				}
			}
		}
	}
	return out
}

// finish sets the route-derived facts of the gateway.
func (r *kongReader) finish() {
	gw := r.gw
	if r.mcpRoutes == 0 {
		r.b.info(nil, "no route serves MCP (conversion-only plugins define tools for a listener route)")
		gw.Authentication.Mode = evidence.GatewayAuthNone
		return
	}
	gw.Authentication.Mode = r.mode
	gw.Authorization = r.authz
	gw.Authorization.Unrestricted = r.unrestricted
	gw.RateLimit = r.rateLimited
	gw.DNSRebinding = r.hostChecked
	gw.Audit.Enabled = r.audited
	finishTokenFacts(&gw.Authentication)
}
