package gateway

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// agentgatewayFormat reads agentgateway's local configuration file
// (agentgateway -f config.yaml), in both forms its schema accepts: the
// low-level binds/listeners/routes (and gateways/routes) form and the
// simplified top-level mcp form.
//
// agentgateway deserialises the file with unknown fields denied at every
// level, so a misspelt or invented key (a "rateLimit" policy, an "http" MCP
// target) makes it refuse the whole file: such keys become config errors of
// the gateway. Policies the file leaves unset take agentgateway's documented
// defaults: jwtAuth, apiKey and basicAuth default to mode optional (a request
// without credentials passes), mcpAuthentication to strict, DNS-rebinding
// protection is off, and every bind listens on all interfaces.
//
// One file is one agentgateway process, so it is one gateway subject; a
// gateway is as strong as its weakest MCP route (authentication,
// authorization, rate limits and origin checks are taken from the weakest
// route that leads to MCP servers; CORS origins and token passthrough from
// any).
var agentgatewayFormat = &format{
	id:        "agentgateway/config",
	product:   "agentgateway",
	syntax:    postree.YAML,
	name:      agentgatewayName,
	recognise: recogniseAgentgateway,
	read:      readAgentgateway,
	syn:       secrets.SyntaxFor("agentgateway"),
}

// agentgatewayName matches YAML files whose path names agentgateway; the
// content decides.
func agentgatewayName(p string) files.Strength {
	if ext := strings.ToLower(path.Ext(p)); (ext == ".yaml" || ext == ".yml") && strings.Contains(strings.ToLower(p), "agentgateway") {
		return files.Weak
	}
	return files.None
}

// recogniseAgentgateway accepts a document with agentgateway's shape: binds
// whose entries have listeners, a top-level mcp with targets, or gateways
// with routes; or a document that names agentgateway's schema.
func recogniseAgentgateway(f *files.File, root *postree.Node, _ bool) bool {
	if !root.IsObject() {
		return false
	}
	if binds := root.Get("binds"); binds.IsArray() {
		for _, b := range binds.Items {
			if b.IsObject() && b.Has("listeners") {
				return true
			}
		}
	}
	if mcp := root.Get("mcp"); mcp.IsObject() && mcp.Get("targets").IsArray() {
		return true
	}
	if root.Get("gateways").IsObject() && (root.Get("routes").IsArray() || root.Has("mcp")) {
		return true
	}
	return bytes.Contains(f.Data, []byte("agentgateway.dev/schema"))
}

// Keys agentgateway accepts, by object type (the union across versions, so
// that a file written for another release is not reported as rejected).
var (
	agwRootKeys = keys("config", "binds", "frontendPolicies", "policies", "workloads", "services", "backends",
		"routeGroups", "gateways", "routes", "tcpRoutes", "llm", "mcp", "ui")
	agwBindKeys     = keys("port", "listeners", "tunnelProtocol", "mode")
	agwListenerKeys = keys("name", "namespace", "gatewayName", "hostname", "protocol", "tls", "routes", "tcpRoutes", "policies")
	agwRouteKeys    = keys("name", "namespace", "ruleName", "routeName", "hostnames", "matches", "policies", "backends")
	agwGatewayKeys  = keys("port", "protocol", "listeners", "tls", "oidc", "jwtAuth", "authorization", "extAuthz",
		"extProc", "cors", "transformations", "basicAuth", "apiKey")
	agwGatewayListenerKeys = keys("name", "hostname", "protocol", "tls", "oidc", "jwtAuth", "authorization",
		"extAuthz", "extProc", "cors", "transformations", "basicAuth", "apiKey")
	agwBackendKeys   = keys("weight", "policies", "service", "backend", "host", "internal", "dynamic", "mcp", "ai", "aws", "routeGroup", "invalid")
	agwMCPKeys       = keys("targets", "statefulMode", "prefixMode", "failureMode", "dnsRebindingProtection")
	agwSimpleMCPKeys = keys("gateways", "port", "policies", "targets", "statefulMode", "prefixMode", "failureMode", "dnsRebindingProtection")
	agwTargetKeys    = keys("name", "policies", "sse", "mcp", "stdio", "openapi")
	agwStdioKeys     = keys("cmd", "args", "env", "clearEnv")
	agwPolicyKeys    = keys("requestHeaderModifier", "responseHeaderModifier", "requestRedirect", "urlRewrite",
		"requestMirror", "directResponse", "cors", "mcpAuthorization", "mcpGuardrails", "extMcp", "authorization",
		"mcpAuthentication", "a2a", "ai", "backendTLS", "backendTunnel", "backendAuth", "localRateLimit",
		"remoteRateLimit", "jwtAuth", "oidc", "basicAuth", "apiKey", "extAuthz", "extProc", "transformations",
		"csrf", "buffer", "timeout", "retry", "delay")
)

// agwTargetKinds are the MCP target types agentgateway reads.
var agwTargetKinds = []string{"stdio", "mcp", "sse", "openapi"}

// keys builds a key set.
func keys(list ...string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, k := range list {
		m[k] = true
	}
	return m
}

// agwReader reads one agentgateway file.
type agwReader struct {
	b  *builder
	gw *evidence.Gateway
	// named are the top-level backends by name, for routes that refer to
	// them; targeted are policies attached by target.
	named    map[string]*postree.Node
	targeted []agwTargeted
	// routes is how many routes lead to MCP servers; the protections below
	// hold only if every such route has them.
	routes int
	mode   string
	// simpleGateways are the policies of the gateways the top-level mcp
	// form attaches to; originOff records an MCP backend of the route being
	// read without DNS-rebinding protection.
	simpleGateways    []*postree.Node
	originOff         bool
	perTool, perCall  bool
	readsClaims       bool
	rateLimited       bool
	originChecked     bool
	authorizationKind string
	// guards are the mcpGuardrails processors by the MCP backends they cover.
	guards agwGuards
}

// agwTargeted is a policy attached from the top-level policies list.
type agwTargeted struct {
	target string // gateway, listenerSet, route or backend
	name   string
	policy *postree.Node
}

// readAgentgateway reads the whole file into one gateway.
func readAgentgateway(b *builder, root *postree.Node) {
	r := &agwReader{b: b, named: map[string]*postree.Node{}, mode: evidence.GatewayAuthRequired,
		perTool: true, perCall: true, rateLimited: true, originChecked: true}
	r.gw = b.newGateway(gatewayName(b.at.path, "agentgateway"), root)
	r.gw.Audit.Enabled = true // access logs, with the MCP method and tool, are written by default
	r.checkKeys(root, agwRootKeys, "the top level")
	r.readConfig(root.Get("config"))
	r.readFrontend(root.Get("frontendPolicies"))
	r.readNamed(root)
	for i, bind := range items(root.Get("binds")) {
		r.readBind(bind, i)
	}
	r.readGateways(root)
	if mcp := root.Get("mcp"); mcp.IsObject() {
		r.readSimpleMCP(mcp, root)
	}
	r.finish()
}

// gatewayName names the gateway a file declares: its folder for a generic
// file name (examples/mcp-basic/config.yaml → mcp-basic), else the file's
// stem. For the flattened name of a copied file
// ("owner__repo__examples_mcp-basic_config.yaml") the folder is the
// segment before the generic name.
func gatewayName(p, fallback string) string {
	base := path.Base(p)
	flat := strings.Contains(base, "__")
	base = baseName(p)
	stem := strings.TrimSuffix(base, path.Ext(base))
	dir := path.Base(path.Dir(p))
	if flat {
		parts := strings.Split(stem, "_")
		stem = parts[len(parts)-1]
		dir = ""
		if len(parts) > 1 {
			dir = parts[len(parts)-2]
		}
	}
	switch {
	case !genericStem[stem] && stem != "":
		return stem
	case dir != "" && dir != "." && dir != "/":
		return dir
	}
	return fallback
}

// genericStem are file stems that say nothing about what the file
// configures.
var genericStem = map[string]bool{"config": true, "values": true, "compose": true, "docker-compose": true,
	"gateway": true, "settings": true, ".env": true, "env": true, "": true}

// checkKeys reports keys of obj agentgateway does not accept.
func (r *agwReader) checkKeys(obj *postree.Node, known map[string]bool, where string) {
	if !obj.IsObject() {
		return
	}
	for i, k := range obj.Keys {
		if !known[k] {
			r.b.rejected(r.gw, obj.Vals[i], "unknown field %q in %s", k, where)
		}
	}
}

// readConfig reads the runtime settings: logging, tracing, the admin
// address.
func (r *agwReader) readConfig(cfg *postree.Node) {
	if !cfg.IsObject() {
		return
	}
	gw := r.gw
	if logging := cfg.Get("logging"); logging.IsObject() {
		if level, ok := logging.Str("level"); ok {
			switch l := strings.ToLower(level); {
			case strings.Contains(l, "debug") || strings.Contains(l, "trace"):
				gw.Debug = true
			case l == "off" || l == "error" || strings.HasPrefix(l, "warn"):
				gw.Audit.Enabled = false
			}
		}
		r.readLogPolicy(logging)
	}
	if tr := cfg.Get("tracing"); tr.IsObject() {
		if _, ok := tr.Str("otlpEndpoint"); ok {
			gw.Audit.Tracing, gw.Audit.TraceExporter = true, "otlp"
		}
		r.headerCredentials(tr.Get("headers"), "config.tracing.headers")
	}
	for _, k := range []string{"caAuthToken", "xdsAuthToken"} {
		if v, ok := cfg.Str(k); ok {
			r.b.credential(gw, "config."+k, v)
		}
	}
	if sess := cfg.Get("session"); sess.IsObject() {
		if v, ok := sess.Str("key"); ok {
			r.b.credential(gw, "config.session.key", v)
		}
	}
	if addr, ok := cfg.Str("adminAddr"); ok && addr != "off" && !strings.HasPrefix(addr, "unix:") {
		host, port := splitHostPort(addr)
		if l := listenerAt(host, port, false); !l.Loopback {
			r.b.warn(cfg.Get("adminAddr"), "the admin UI and API (adminAddr %s) are reachable from other machines; they can read and change the whole configuration", addr)
		}
	}
}

// readLogPolicy reads an access-log policy (config.logging or
// frontendPolicies.accessLog): a filter that drops every request turns
// logging off; fields that add request bodies or headers log payloads or
// credentials.
func (r *agwReader) readLogPolicy(n *postree.Node) {
	if f, ok := n.Str("filter"); ok && strings.TrimSpace(f) == "false" {
		r.gw.Audit.Enabled = false
	}
	add := n.Lookup("fields", "add")
	if !add.IsObject() {
		return
	}
	for _, v := range add.Vals {
		expr, _ := v.ScalarText()
		e := strings.ToLower(expr)
		if strings.Contains(e, "body") || strings.Contains(e, "arguments") || strings.Contains(e, "params") {
			r.gw.Audit.Payloads = true
		}
		if strings.Contains(e, "authorization") || strings.Contains(e, "cookie") || strings.Contains(e, "jwt.raw") {
			r.gw.Audit.Credentials = true
		}
	}
}

// readFrontend reads the global frontend policies.
func (r *agwReader) readFrontend(fp *postree.Node) {
	if !fp.IsObject() {
		return
	}
	for _, k := range []string{"accessLog", "logging"} {
		if n := fp.Get(k); n.IsObject() {
			r.readLogPolicy(n)
		}
	}
	if tr := fp.Get("tracing"); tr.IsObject() {
		r.gw.Audit.Tracing, r.gw.Audit.TraceExporter = true, "otlp"
	}
}

// readNamed indexes top-level backends and targeted policies.
func (r *agwReader) readNamed(root *postree.Node) {
	for _, be := range items(root.Get("backends")) {
		if name, ok := be.Str("name"); ok {
			r.named[name] = be
		}
	}
	for _, p := range items(root.Get("policies")) {
		target, pol := p.Get("target"), p.Get("policy")
		if !target.IsObject() || !pol.IsObject() {
			continue
		}
		for i, k := range target.Keys {
			name, _ := target.Vals[i].ScalarText()
			if target.Vals[i].IsObject() {
				name, _ = target.Vals[i].Str("name")
			}
			r.targeted = append(r.targeted, agwTargeted{target: k, name: lastSegment(name), policy: pol})
		}
		r.checkKeys(pol, agwPolicyKeys, "a policy")
	}
}

// lastSegment strips a namespace or gateway prefix ("ns/name" → "name").
func lastSegment(s string) string {
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// readBind reads one bind: a port on every interface and its listeners.
func (r *agwReader) readBind(bind *postree.Node, index int) {
	where := fmt.Sprintf("binds[%d]", index)
	r.checkKeys(bind, agwBindKeys, where)
	port := intMember(bind, "port")
	internal := false
	if mode, ok := bind.Str("mode"); ok && strings.EqualFold(mode, "internal") {
		internal = true
	}
	for j, l := range items(bind.Get("listeners")) {
		lwhere := fmt.Sprintf("%s.listeners[%d]", where, j)
		r.checkKeys(l, agwListenerKeys, lwhere)
		tls := l.Has("tls") || isTLSProtocol(l)
		mcp := false
		for k, route := range items(l.Get("routes")) {
			if r.readRoute(route, fmt.Sprintf("%s.routes[%d]", lwhere, k), []*postree.Node{l.Get("policies")}) {
				mcp = true
			}
		}
		if mcp && !internal && port > 0 {
			lis := listenerAt("", port, tls)
			if h, ok := l.Str("hostname"); ok && h != "*" {
				lis.Hosts = []string{h}
			}
			r.gw.Listeners = append(r.gw.Listeners, lis)
		}
		if tls && l.Lookup("tls", "root") != nil {
			addKind(&r.gw.Authentication, "mtls")
		}
	}
}

// isTLSProtocol reports whether a listener's protocol terminates TLS.
func isTLSProtocol(l *postree.Node) bool {
	p, _ := l.Str("protocol")
	return strings.EqualFold(p, "HTTPS") || strings.EqualFold(p, "TLS")
}

// readGateways reads the gateways/routes form: named gateways own ports,
// routes attach to them (the gateway "default" when they name none).
func (r *agwReader) readGateways(root *postree.Node) {
	gws := root.Get("gateways")
	type port struct {
		number  int
		tls     bool
		policy  *postree.Node
		listens []*postree.Node
	}
	ports := map[string]*port{}
	for i, name := range members(gws) {
		g := gws.Vals[i]
		r.checkKeys(g, agwGatewayKeys, "gateway "+strconv.Quote(name))
		p := &port{number: intMember(g, "port"), tls: g.Has("tls") || isTLSProtocol(g), policy: g}
		for _, l := range items(g.Get("listeners")) {
			r.checkKeys(l, agwGatewayListenerKeys, "a listener of gateway "+strconv.Quote(name))
			if l.Has("tls") || isTLSProtocol(l) {
				p.tls = true
			}
			p.listens = append(p.listens, l)
		}
		ports[name] = p
	}
	listen := func(names []string) []*postree.Node {
		var policies []*postree.Node
		for _, n := range names {
			gwName, _, _ := strings.Cut(n, "/")
			p := ports[gwName]
			if p == nil {
				continue
			}
			policies = append(policies, p.policy)
			policies = append(policies, p.listens...)
			if p.number > 0 {
				r.gw.Listeners = append(r.gw.Listeners, listenerAt("", p.number, p.tls))
			}
		}
		return policies
	}
	for i, route := range items(root.Get("routes")) {
		where := fmt.Sprintf("routes[%d]", i)
		known := keys("gateways")
		for k := range agwRouteKeys {
			known[k] = true
		}
		r.checkKeys(route, known, where)
		names := gatewayRefs(route.Get("gateways"))
		if len(names) == 0 {
			names = []string{"default"}
		}
		if r.routeLeadsToMCP(route) {
			r.readRoute(route, where, listen(names))
		}
	}
	if mcp := root.Get("mcp"); mcp.IsObject() && mcp.Has("gateways") || mcp.IsObject() && !mcp.Has("port") && ports["default"] != nil {
		names := gatewayRefs(mcp.Get("gateways"))
		if len(names) == 0 {
			names = []string{"default"}
		}
		r.simpleGateways = listen(names)
	}
}

// gatewayRefs reads a gateways reference: one name or a list.
func gatewayRefs(n *postree.Node) []string {
	if n == nil {
		return nil
	}
	if s, ok := n.ScalarText(); ok {
		return []string{s}
	}
	var out []string
	for _, it := range items(n) {
		if s, ok := it.ScalarText(); ok {
			out = append(out, s)
		}
	}
	return out
}

// routeLeadsToMCP reports whether a route has an MCP backend (inline or by
// reference to a top-level MCP backend).
func (r *agwReader) routeLeadsToMCP(route *postree.Node) bool {
	for _, be := range items(route.Get("backends")) {
		if be.Has("mcp") {
			return true
		}
		if name, ok := be.Str("backend"); ok && r.named[name].Has("mcp") {
			return true
		}
	}
	return false
}

// readRoute reads one route; listenerPolicies are the policies of the
// listeners and gateways it is attached to. It reports whether the route
// leads to MCP servers.
func (r *agwReader) readRoute(route *postree.Node, where string, listenerPolicies []*postree.Node) bool {
	r.checkKeys(route, agwRouteKeys, where)
	policies := route.Get("policies")
	r.checkKeys(policies, agwPolicyKeys, where+".policies")
	name, _ := route.Str("name")
	applied := append([]*postree.Node{}, listenerPolicies...)
	applied = append(applied, policies)
	for _, t := range r.targeted {
		if t.target == "gateway" || t.target == "listenerSet" || t.target == "route" && t.name != "" && t.name == name {
			applied = append(applied, t.policy)
		}
	}
	mcp := false
	for k, be := range items(route.Get("backends")) {
		bwhere := fmt.Sprintf("%s.backends[%d]", where, k)
		r.checkKeys(be, agwBackendKeys, bwhere)
		if !be.IsObject() {
			continue
		}
		backendPolicies := []*postree.Node{be.Get("policies")}
		spec := be.Get("mcp")
		if ref, ok := be.Str("backend"); ok && r.named[ref] != nil {
			spec = r.named[ref].Get("mcp")
			backendPolicies = append(backendPolicies, r.named[ref].Get("policies"))
		}
		for _, t := range r.targeted {
			if t.target == "backend" {
				backendPolicies = append(backendPolicies, t.policy)
			}
		}
		if spec.IsObject() {
			mcp = true
			r.readMCPBackend(spec, bwhere+".mcp", append(append([]*postree.Node{}, applied...), backendPolicies...))
		}
	}
	if mcp {
		r.readRoutePolicies(applied)
	}
	return mcp
}

// readSimpleMCP reads the top-level mcp form: one route, on its port (3000
// by default) or on the gateways it names.
func (r *agwReader) readSimpleMCP(mcp, root *postree.Node) {
	r.checkKeys(mcp, agwSimpleMCPKeys, "mcp")
	policies := mcp.Get("policies")
	r.checkKeys(policies, agwPolicyKeys, "mcp.policies")
	applied := append([]*postree.Node{}, r.simpleGateways...)
	applied = append(applied, policies)
	for _, t := range r.targeted {
		applied = append(applied, t.policy)
	}
	if !mcp.Has("gateways") && !(root.Get("gateways").Get("default") != nil && !mcp.Has("port")) {
		port := intMember(mcp, "port")
		if port == 0 {
			port = 3000
		}
		l := listenerAt("", port, false)
		l.Path = "/mcp"
		r.gw.Listeners = append(r.gw.Listeners, l)
	}
	r.readMCPBackend(mcp, "mcp", applied)
	r.readRoutePolicies(applied)
}

// readMCPBackend reads an MCP backend: its targets become servers.
func (r *agwReader) readMCPBackend(spec *postree.Node, where string, policies []*postree.Node) {
	if where != "mcp" {
		r.checkKeys(spec, agwMCPKeys, where)
	}
	if on, _ := spec.Boolean("dnsRebindingProtection"); !on {
		r.originOff = true
	}
	r.readGuardrails(policies)
	for i, t := range items(spec.Get("targets")) {
		r.readTarget(t, fmt.Sprintf("%s.targets[%d]", where, i), policies)
	}
}

// readTarget reads one MCP target into a server behind the gateway.
func (r *agwReader) readTarget(t *postree.Node, where string, policies []*postree.Node) {
	b := r.b
	r.checkKeys(t, agwTargetKeys, where)
	name, ok := t.Str("name")
	if !ok {
		name = where
	}
	s := b.newServer(r.gw, name, t)
	kind := ""
	for _, k := range agwTargetKinds {
		if t.Has(k) {
			kind = k
			break
		}
	}
	targetPolicies := append(append([]*postree.Node{}, policies...), t.Get("policies"))
	switch kind {
	case "stdio":
		st := t.Get("stdio")
		r.checkKeys(st, agwStdioKeys, where+".stdio")
		cmd, _ := st.Str("cmd")
		args, _ := st.Strings("args")
		env, _ := st.StringMap("env")
		b.stdio(s, cmd, args, env)
	case "mcp", "sse", "openapi":
		spec := t.Get(kind)
		transport := evidence.TransportStreamableHTTP
		if kind == "sse" {
			transport = evidence.TransportSSE
		}
		if u := agwTargetURL(spec); u != "" {
			b.remote(s, u, nil, transport)
		} else {
			s.Transport = transport
		}
		r.upstreamAuth(s, targetPolicies)
	default:
		for _, k := range t.Keys {
			if !agwTargetKeys[k] {
				s.Ignored = true
				s.IgnoredReason = fmt.Sprintf("agentgateway has no %q MCP target type (it reads stdio, mcp, sse and openapi) and rejects the file", k)
				if u, ok := t.Get(k).Str("url"); ok {
					b.remote(s, u, nil, evidence.TransportUnknown)
				}
				break
			}
		}
		if !s.Ignored {
			s.Ignored, s.IgnoredReason = true, "target has no stdio, mcp, sse or openapi specification"
		}
	}
	r.backendPolicies(targetPolicies)
}

// agwTargetURL builds the URL of a remote target: host is a URI or a host
// name (then port and path complete it; plain HTTP unless the URI says
// https).
func agwTargetURL(spec *postree.Node) string {
	host, ok := spec.Str("host")
	if !ok {
		if be, ok := spec.Str("backend"); ok {
			p, _ := spec.Str("path")
			return "http://" + be + p
		}
		return ""
	}
	if strings.Contains(host, "://") {
		return host
	}
	u := url.URL{Scheme: "http", Host: host}
	if port := intMember(spec, "port"); port > 0 {
		u.Host = fmt.Sprintf("%s:%d", host, port)
	}
	if p, ok := spec.Str("path"); ok {
		u.Path = p
	}
	return u.String()
}

// upstreamAuth sets how the gateway authenticates to a remote target.
func (r *agwReader) upstreamAuth(s *evidence.Server, policies []*postree.Node) {
	for _, p := range policies {
		ba := p.Get("backendAuth")
		if !ba.IsObject() {
			continue
		}
		switch {
		case ba.Has("passthrough"):
			s.Auth = evidence.Auth{Kind: evidence.AuthOAuth, Header: "Authorization"}
		case ba.Has("key"):
			raw, _ := ba.Get("key").Str("value")
			if raw == "" {
				raw, _ = ba.Str("key")
			}
			v := r.b.value("api_key", raw)
			s.Auth = evidence.Auth{Kind: evidence.AuthAPIKey, Value: &v}
		default:
			s.Auth = evidence.Auth{Kind: evidence.AuthOAuth}
		}
	}
}

// backendPolicies reads backend-level policies: upstream credentials and
// TLS verification.
func (r *agwReader) backendPolicies(policies []*postree.Node) {
	gw := r.gw
	for _, p := range policies {
		if ba := p.Get("backendAuth"); ba.IsObject() {
			for i, k := range ba.Keys {
				switch k {
				case "passthrough":
					gw.TokenPassthrough = true
					gw.UpstreamAuth = append(gw.UpstreamAuth, "passthrough")
				case "key":
					gw.UpstreamAuth = append(gw.UpstreamAuth, "static")
					v := ba.Vals[i]
					raw, _ := v.ScalarText()
					if v.IsObject() {
						raw, _ = v.Str("value")
					}
					if raw != "" && !strings.HasPrefix(raw, "file:") {
						r.b.credential(gw, "backendAuth.key", raw)
					}
				case "gcp", "aws", "azure":
					gw.UpstreamAuth = append(gw.UpstreamAuth, "workload-identity")
				case "jwtSign":
					gw.UpstreamAuth = append(gw.UpstreamAuth, "signed-jwt")
				case "oauthTokenExchange", "crossAppAccess":
					gw.UpstreamAuth = append(gw.UpstreamAuth, "token-exchange")
				case "copilot":
					gw.UpstreamAuth = append(gw.UpstreamAuth, "oauth-client")
				}
			}
		}
		if tls := p.Get("backendTLS"); tls.IsObject() {
			insecure, _ := tls.Boolean("insecure")
			insecureHost, _ := tls.Boolean("insecureHost")
			if insecure || insecureHost {
				gw.UpstreamTLSUnverified = true
			}
		}
	}
}

// readRoutePolicies folds the policies that apply to one MCP route into the
// gateway.
func (r *agwReader) readRoutePolicies(applied []*postree.Node) {
	gw := r.gw
	a := &gw.Authentication
	r.routes++
	mode := evidence.GatewayAuthNone
	rateLimited, originChecked := false, false
	authz := "none"
	perTool, perCaller, readsClaims := false, false, false
	for _, p := range applied {
		if !p.IsObject() {
			continue
		}
		if m := p.Get("mcpAuthentication"); m.IsObject() {
			mode = strongerMode(mode, agwMode(m, "mode", evidence.GatewayAuthRequired))
			addKind(a, "oauth")
			r.readTokenValidation(m)
			if rm := m.Get("resourceMetadata"); rm.IsObject() {
				a.ResourceMetadata = true
				if res, ok := rm.Str("resource"); ok {
					a.Resource = res
				}
				if methods, ok := rm.Strings("bearerMethodsSupported"); ok && containsFold(methods, "query") {
					a.TokenInQuery = true
				}
			}
			if m.Lookup("authorizationLocation", "queryParameter") != nil {
				a.TokenInQuery = true
			}
			if cs, ok := m.Str("clientSecret"); ok {
				r.b.credential(gw, "mcpAuthentication.clientSecret", cs)
			}
		}
		if j := p.Get("jwtAuth"); j.IsObject() {
			mode = strongerMode(mode, agwMode(j, "mode", evidence.GatewayAuthOptional))
			addKind(a, "jwt")
			r.readTokenValidation(j)
			for _, prov := range items(j.Get("providers")) {
				r.readTokenValidation(prov)
			}
			if j.Lookup("location", "queryParameter") != nil {
				a.TokenInQuery = true
			}
		}
		if k := p.Get("apiKey"); k.IsObject() {
			mode = strongerMode(mode, agwMode(k, "mode", evidence.GatewayAuthOptional))
			addKind(a, "api-key")
			for i, key := range items(k.Get("keys")) {
				if raw, ok := key.Str("key"); ok {
					r.b.credential(gw, fmt.Sprintf("apiKey.keys[%d]", i), raw)
				}
			}
		}
		if ba := p.Get("basicAuth"); ba.IsObject() {
			mode = strongerMode(mode, agwMode(ba, "mode", evidence.GatewayAuthOptional))
			addKind(a, "basic")
		}
		if o := p.Get("oidc"); o.IsObject() {
			mode = strongerMode(mode, evidence.GatewayAuthRequired)
			addKind(a, "oidc")
			if iss, ok := o.Str("issuer"); ok {
				a.Issuers = append(a.Issuers, iss)
			}
			if cs, ok := o.Str("clientSecret"); ok {
				r.b.credential(gw, "oidc.clientSecret", cs)
			}
		}
		if p.Has("extAuthz") {
			mode = strongerMode(mode, evidence.GatewayAuthRequired)
			addKind(a, "external")
			if authz == "none" {
				authz = "external"
			}
		}
		if c := p.Get("cors"); c.IsObject() {
			origins, _ := c.Strings("allowOrigins")
			gw.CORSOrigins = append(gw.CORSOrigins, origins...)
			if cred, _ := c.Boolean("allowCredentials"); cred {
				gw.CORSCredentials = true
			}
		}
		if p.Has("csrf") {
			originChecked = true
		}
		if p.Has("localRateLimit") || p.Has("remoteRateLimit") {
			rateLimited = true
		}
		for _, k := range []string{"mcpAuthorization", "authorization"} {
			rules := agwRules(p.Get(k))
			if len(rules) == 0 {
				continue
			}
			authz = "cel"
			for _, rule := range rules {
				refsTool := strings.Contains(rule, "mcp.tool") || strings.Contains(rule, "mcp.resource") || strings.Contains(rule, "mcp.prompt")
				refsCaller := celReadsCaller(rule)
				perTool = perTool || refsTool && k == "mcpAuthorization"
				perCaller = perCaller || refsCaller
				readsClaims = readsClaims || strings.Contains(rule, "jwt.")
				if !refsCaller {
					gw.Authorization.Unrestricted = append(gw.Authorization.Unrestricted, rule)
				}
			}
		}
	}
	if !r.originOff {
		originChecked = true
	}
	r.originOff = false
	// Fold into the gateway: the weakest route decides.
	if r.routes == 1 {
		r.mode, r.authorizationKind = mode, authz
	} else {
		r.mode = weakerMode(r.mode, mode)
		if authz == "none" {
			r.authorizationKind = "none"
		}
	}
	r.perTool = r.perTool && perTool
	r.perCall = r.perCall && perCaller
	r.readsClaims = r.readsClaims || readsClaims
	r.rateLimited = r.rateLimited && rateLimited
	r.originChecked = r.originChecked && originChecked
}

// agwMode reads a policy's mode (strict, optional, permissive) with the
// product's default for that policy.
func agwMode(n *postree.Node, key, def string) string {
	m, ok := n.Str(key)
	if !ok {
		return def
	}
	switch strings.ToLower(m) {
	case "strict":
		return evidence.GatewayAuthRequired
	case "optional", "permissive":
		return evidence.GatewayAuthOptional
	}
	return def
}

// readTokenValidation reads issuer, audiences and key source of a token
// validation policy.
func (r *agwReader) readTokenValidation(n *postree.Node) {
	a := &r.gw.Authentication
	if iss, ok := n.Str("issuer"); ok {
		a.Issuers = append(a.Issuers, iss)
	}
	if aud, ok := n.Strings("audiences"); ok {
		a.Audiences = append(a.Audiences, aud...)
	}
	if u, ok := n.Lookup("jwks").Str("url"); ok {
		a.JWKS = append(a.JWKS, u)
	}
}

// agwRules returns the CEL rules of an authorization policy: plain strings
// and {allow|deny|require: expr} objects, under rules (or the policy itself
// as a list).
func agwRules(p *postree.Node) []string {
	if p == nil {
		return nil
	}
	list := p.Get("rules")
	if list == nil && p.IsArray() {
		list = p
	}
	var out []string
	for _, it := range items(list) {
		if s, ok := it.ScalarText(); ok {
			out = append(out, s)
			continue
		}
		for _, k := range []string{"allow", "require", "deny"} {
			if s, ok := it.Str(k); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

// celReadsCaller reports whether a CEL rule depends on who the caller is:
// token claims, API key or basic-auth identity, or the source address.
func celReadsCaller(rule string) bool {
	for _, w := range []string{"jwt.", "apiKey.", "basicAuth.", "source.", "extauthz."} {
		if strings.Contains(rule, w) {
			return true
		}
	}
	return false
}

// containsFold reports whether list holds s, ignoring case.
func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(strings.TrimSpace(v), s) {
			return true
		}
	}
	return false
}

// headerCredentials classifies configured request headers that carry
// credentials.
func (r *agwReader) headerCredentials(h *postree.Node, where string) {
	if !h.IsObject() {
		return
	}
	for i, k := range h.Keys {
		raw, ok := h.Vals[i].ScalarText()
		if !ok {
			continue
		}
		if v := r.b.value(k, raw); v.Secret {
			r.b.credential(r.gw, where+"."+k, raw)
		}
	}
}

// finish sets the route-derived facts of the gateway.
func (r *agwReader) finish() {
	gw := r.gw
	if r.routes == 0 {
		r.b.info(nil, "no route leads to MCP servers")
		gw.Authentication.Mode = evidence.GatewayAuthNone
		return
	}
	gw.Authentication.Mode = r.mode
	gw.Authorization.Kind = r.authorizationKind
	gw.Authorization.PerTool = r.perTool && r.authorizationKind == "cel"
	gw.Authorization.PerCaller = r.perCall && r.authorizationKind != "none"
	gw.Authorization.ReadsClaims = r.readsClaims
	gw.RateLimit = r.rateLimited
	gw.DNSRebinding = r.originChecked
	finishTokenFacts(&gw.Authentication)
	r.finishGuardrails()
}

// finishTokenFacts derives the audience and key-source facts of token
// validation.
func finishTokenFacts(a *evidence.GatewayAuthentication) {
	for _, aud := range a.Audiences {
		u, err := url.Parse(aud)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			a.AudienceNotResource = true
		}
	}
	if a.Resource != "" && len(a.Audiences) > 0 {
		match := false
		for _, aud := range a.Audiences {
			if strings.TrimSuffix(aud, "/") == strings.TrimSuffix(a.Resource, "/") {
				match = true
			}
		}
		if !match {
			a.AudienceNotResource = true
		}
	}
	finishKeySource(a)
}

// intMember reads a member as an integer (0 when absent or not a number).
func intMember(n *postree.Node, key string) int {
	s, ok := n.Scalar(key)
	if !ok {
		return 0
	}
	i, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0
	}
	return i
}

// splitHostPort splits "host:port" (port 0 when absent or not a number).
func splitHostPort(addr string) (string, int) {
	i := strings.LastIndexByte(addr, ':')
	if i < 0 {
		return addr, 0
	}
	p, err := strconv.Atoi(addr[i+1:])
	if err != nil {
		return addr, 0
	}
	return addr[:i], p
}
