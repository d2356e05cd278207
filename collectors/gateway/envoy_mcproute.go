package gateway

import (
	"context"
	"fmt"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/collectors/kubeobj"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// API groups of Envoy AI Gateway, Envoy Gateway and the Gateway API.
const (
	envoyAIGroup      = "aigateway.envoyproxy.io"
	envoyGatewayGroup = "gateway.envoyproxy.io"
	gatewayAPIGroup   = "gateway.networking.k8s.io"
)

// EnvoyAIGatewayInterpreter reads Envoy AI Gateway's MCPRoute (v1alpha1 and
// v1beta1) into a gateway per route: the listeners of the Gateway objects
// it attaches to (the Envoy Service Envoy Gateway provisions is a load
// balancer unless the EnvoyProxy says otherwise), its securityPolicy (MCP
// OAuth with protected resource metadata, API keys, external
// authorization, and authorization rules on JWT scopes, claims, tools and
// CEL, denying by default), plus the Envoy Gateway SecurityPolicy and
// BackendTrafficPolicy objects attached to that Gateway; and a server per
// backendRef (an Envoy Gateway Backend or a Service, over TLS when a
// BackendTLSPolicy targets it), with the API key the gateway injects and
// the client headers it forwards. Tool calls are audited when the
// EnvoyProxy's access log records the MCP tool.
type EnvoyAIGatewayInterpreter struct{}

// Name returns the provenance collector of what the interpreter emits.
func (EnvoyAIGatewayInterpreter) Name() string { return collectorName + "/envoy-ai-gateway" }

// Interpret reads every MCPRoute of the set.
func (EnvoyAIGatewayInterpreter) Interpret(ctx context.Context, set *kubeobj.Set) kubeobj.Interpretation {
	routes := set.OfKind(envoyAIGroup, "MCPRoute")
	if len(routes) == 0 {
		return kubeobj.Interpretation{}
	}
	r := &eagReader{set: set, red: secrets.NewRedactor()}
	for _, o := range routes {
		if ctx.Err() != nil {
			break
		}
		r.route(o)
	}
	return interpretation(set, r.red, r.builders)
}

// eagReader reads the MCPRoutes of one set.
type eagReader struct {
	set      *kubeobj.Set
	red      *secrets.Redactor
	builders []*builder
}

// route reads one MCPRoute.
func (r *eagReader) route(o *kubeobj.Object) {
	b := newBuilder(objectSite(r.set, o, r.red), "envoy-ai-gateway", "envoy-ai-gateway/mcproute", secrets.Syntax{Client: "envoy-ai-gateway"})
	r.builders = append(r.builders, b)
	gw := b.newGateway(o.Name, o.Root)
	gw.ID = r.set.SubjectID(evidence.KindGateway, o)
	spec := o.Spec()
	path, ok := spec.Str("path")
	if !ok {
		path = "/mcp"
	}
	hosts, _ := spec.Strings("hostnames")
	var parents []*kubeobj.Object
	for _, ref := range items(spec.Get("parentRefs")) {
		name, _ := ref.Str("name")
		ns := o.Namespace
		if v, ok := ref.Str("namespace"); ok {
			ns = v
		}
		g := r.set.Find(gatewayAPIGroup, "Gateway", ns, name)
		if g == nil {
			b.warn(ref, "Gateway %s/%s is not in the assessed objects: the listeners of MCPRoute %s are not known", ns, name, o.Name)
			continue
		}
		parents = append(parents, g)
		section, _ := ref.Str("sectionName")
		r.listeners(gw, g, section, hosts, path)
	}
	a := &gw.Authentication
	mode := evidence.GatewayAuthNone
	sp := spec.Get("securityPolicy")
	if oauth := sp.Get("oauth"); oauth.IsObject() {
		mode = evidence.GatewayAuthRequired
		tokenProvider(a, "oauth", oauth, oauth.Get("jwks"))
		if res, ok := oauth.Lookup("protectedResourceMetadata").Str("resource"); ok {
			a.ResourceMetadata, a.Resource = true, res
		}
	}
	mode = strongerMode(mode, r.apiKeyAuth(gw, sp.Get("apiKeyAuth")))
	if sp.Get("extAuth").IsObject() {
		addKind(a, "external")
		mode = evidence.GatewayAuthRequired
	}
	for _, g := range parents {
		for _, pol := range r.attached(g, o, "SecurityPolicy") {
			mode = strongerMode(mode, r.securityPolicy(gw, pol))
		}
		for _, pol := range r.attached(g, o, "BackendTrafficPolicy") {
			if pol.Spec().Has("rateLimit") {
				gw.RateLimit = true
			}
		}
		r.telemetry(gw, g)
	}
	a.Mode = mode
	if mode == evidence.GatewayAuthNone {
		b.info(o.Root, "MCPRoute %s has no securityPolicy: Envoy AI Gateway serves its MCP servers to any caller", o.Name)
	}
	r.authorization(gw, sp.Get("authorization"), spec)
	for i, ref := range items(spec.Get("backendRefs")) {
		r.backend(b, gw, o, ref, i)
	}
	finishTokenFacts(a)
}

// listeners adds the listeners of a Gateway (the one sectionName names,
// when set) that serve the route.
func (r *eagReader) listeners(gw *evidence.Gateway, g *kubeobj.Object, section string, hosts []string, path string) {
	exposure := evidence.ExposurePublic // Envoy Gateway provisions a LoadBalancer Service by default
	if proxy := r.envoyProxy(g); proxy != nil {
		switch t, _ := proxy.Spec().Lookup("provider", "kubernetes", "envoyService").Str("type"); t {
		case "ClusterIP":
			exposure = evidence.ExposureInternal
		case "NodePort":
			exposure = evidence.ExposureAllInterfaces
		}
	}
	for _, l := range items(g.Spec().Get("listeners")) {
		if name, _ := l.Str("name"); section != "" && name != section {
			continue
		}
		proto, _ := l.Str("protocol")
		port := intMember(l, "port")
		tls := strings.EqualFold(proto, "HTTPS") || strings.EqualFold(proto, "TLS")
		lh := hosts
		if h, ok := l.Str("hostname"); ok && len(lh) == 0 {
			lh = []string{h}
		}
		gw.Listeners = append(gw.Listeners, evidence.Listener{Port: port, TLS: tls, Exposure: exposure, Hosts: lh,
			Path: path, Transport: evidence.TransportStreamableHTTP})
		if len(lh) > 0 {
			// Envoy routes by host name: a request for a rebound name does
			// not reach the route.
			gw.DNSRebinding = true
		}
	}
}

// envoyProxy returns the EnvoyProxy a Gateway (or its GatewayClass) is
// parameterised with.
func (r *eagReader) envoyProxy(g *kubeobj.Object) *kubeobj.Object {
	if ref := g.Spec().Lookup("infrastructure", "parametersRef"); ref.IsObject() {
		if kind, _ := ref.Str("kind"); kind == "EnvoyProxy" {
			name, _ := ref.Str("name")
			if p := r.set.Find(envoyGatewayGroup, "EnvoyProxy", g.Namespace, name); p != nil {
				return p
			}
		}
	}
	class, _ := g.Spec().Str("gatewayClassName")
	if gc := r.set.Find(gatewayAPIGroup, "GatewayClass", "", class); gc != nil {
		ref := gc.Spec().Get("parametersRef")
		name, _ := ref.Str("name")
		ns, _ := ref.Str("namespace")
		return r.set.Find(envoyGatewayGroup, "EnvoyProxy", ns, name)
	}
	return nil
}

// telemetry reads what the Envoy proxies of a Gateway log and trace: tool
// calls are audited when an access log records the MCP tool or method, and
// credentials are logged when it records the Authorization header.
func (r *eagReader) telemetry(gw *evidence.Gateway, g *kubeobj.Object) {
	proxy := r.envoyProxy(g)
	if proxy == nil {
		return
	}
	tel := proxy.Spec().Get("telemetry")
	if tel.Has("tracing") {
		gw.Audit.Tracing = true
	}
	for _, s := range items(tel.Lookup("accessLog", "settings")) {
		text := strings.ToLower(flatten(s.Get("format")))
		if strings.Contains(text, "mcp_tool_name") || strings.Contains(text, "mcp_method") {
			gw.Audit.Enabled = true
		}
		if strings.Contains(text, "req(authorization)") {
			gw.Audit.Credentials = true
		}
	}
}

// flatten returns every scalar under n joined, for searching a format.
func flatten(n *postree.Node) string {
	if n == nil {
		return ""
	}
	if s, ok := n.ScalarText(); ok {
		return s
	}
	var parts []string
	for _, v := range n.Vals {
		parts = append(parts, flatten(v))
	}
	for _, v := range n.Items {
		parts = append(parts, flatten(v))
	}
	return strings.Join(parts, " ")
}

// attached returns the Envoy Gateway policies of a kind that target a
// Gateway, or the HTTPRoute the controller generates for the MCPRoute.
func (r *eagReader) attached(g, route *kubeobj.Object, kind string) []*kubeobj.Object {
	var out []*kubeobj.Object
	for _, pol := range r.set.InNamespace(envoyGatewayGroup, kind, g.Namespace) {
		refs := items(pol.Spec().Get("targetRefs"))
		if t := pol.Spec().Get("targetRef"); t.IsObject() {
			refs = append(refs, t)
		}
		for _, t := range refs {
			k, _ := t.Str("kind")
			name, _ := t.Str("name")
			if k == "Gateway" && name == g.Name || k == "HTTPRoute" && name == route.Name {
				out = append(out, pol)
				break
			}
		}
	}
	return out
}

// apiKeyAuth reads Envoy Gateway's API key authentication (credentials from
// Secrets, extracted from headers, query parameters or cookies).
func (r *eagReader) apiKeyAuth(gw *evidence.Gateway, n *postree.Node) string {
	if !n.IsObject() {
		return evidence.GatewayAuthNone
	}
	addKind(&gw.Authentication, "api-key")
	for _, from := range items(n.Get("extractFrom")) {
		if params, _ := from.Strings("params"); len(params) > 0 {
			gw.Authentication.TokenInQuery = true
		}
	}
	return evidence.GatewayAuthRequired
}

// tokenProvider records a validated token provider of kind: its issuer,
// audiences and remote JWKS (remoteJWKS under jwks).
func tokenProvider(a *evidence.GatewayAuthentication, kind string, p, jwks *postree.Node) {
	addKind(a, kind)
	if iss, ok := p.Str("issuer"); ok {
		a.Issuers = append(a.Issuers, iss)
	}
	aud, _ := p.Strings("audiences")
	a.Audiences = append(a.Audiences, aud...)
	if u, ok := jwks.Lookup("remoteJWKS").Str("uri"); ok {
		a.JWKS = append(a.JWKS, u)
	}
}

// securityPolicy reads an Envoy Gateway SecurityPolicy attached to the
// route's Gateway and returns the authentication it requires.
func (r *eagReader) securityPolicy(gw *evidence.Gateway, pol *kubeobj.Object) string {
	spec := pol.Spec()
	a := &gw.Authentication
	mode := r.apiKeyAuth(gw, spec.Get("apiKeyAuth"))
	for _, p := range items(spec.Lookup("jwt", "providers")) {
		mode = evidence.GatewayAuthRequired
		tokenProvider(a, "jwt", p, p)
		for _, from := range items(p.Lookup("extractFrom", "params")) {
			if from != nil {
				a.TokenInQuery = true
			}
		}
	}
	if oidc := spec.Get("oidc"); oidc.IsObject() {
		mode = evidence.GatewayAuthRequired
		addKind(a, "oidc")
		if iss, ok := oidc.Lookup("provider").Str("issuer"); ok {
			a.Issuers = append(a.Issuers, iss)
		}
	}
	if spec.Get("basicAuth").IsObject() {
		mode = evidence.GatewayAuthRequired
		addKind(a, "basic")
	}
	if spec.Get("extAuth").IsObject() {
		mode = evidence.GatewayAuthRequired
		addKind(a, "external")
	}
	if cors := spec.Get("cors"); cors.IsObject() {
		origins, _ := cors.Strings("allowOrigins")
		gw.CORSOrigins = append(gw.CORSOrigins, origins...)
		if v, _ := cors.Boolean("allowCredentials"); v {
			gw.CORSCredentials = true
		}
	}
	return mode
}

// authorization reads the route's authorization rules (first match
// decides; the default action is Deny), or, without rules, the tool
// selectors of its backends as an allow-list of tools.
func (r *eagReader) authorization(gw *evidence.Gateway, authz, spec *postree.Node) {
	z := &gw.Authorization
	if !authz.IsObject() {
		for _, ref := range items(spec.Get("backendRefs")) {
			if sel := ref.Get("toolSelector"); sel.IsObject() {
				z.Kind, z.PerTool = "allow-list", true
			}
		}
		return
	}
	z.Kind = "allow-list"
	if def, _ := authz.Str("defaultAction"); def == "Allow" {
		z.Unrestricted = append(z.Unrestricted, "defaultAction: Allow (requests no rule matches are allowed)")
	}
	for i, rule := range items(authz.Get("rules")) {
		cel, _ := rule.Str("cel")
		if cel != "" {
			z.Kind = "cel"
		}
		tools := items(rule.Lookup("target", "tools"))
		source := rule.Lookup("source", "jwt")
		if len(tools) > 0 || strings.Contains(cel, "request.mcp.tool") {
			z.PerTool = true
		}
		caller := source.IsObject() || strings.Contains(cel, "request.auth") || strings.Contains(cel, "request.headers")
		if caller {
			z.PerCaller = true
		}
		if source.IsObject() || strings.Contains(cel, "request.auth.jwt") {
			z.ReadsClaims = true
		}
		if action, _ := rule.Str("action"); action != "Deny" && !caller {
			z.Unrestricted = append(z.Unrestricted, fmt.Sprintf("rules[%d]: allows every caller", i))
		}
	}
}

// backend reads one backendRef into a server behind the gateway.
func (r *eagReader) backend(b *builder, gw *evidence.Gateway, route *kubeobj.Object, ref *postree.Node, index int) {
	name, _ := ref.Str("name")
	if name == "" {
		name = fmt.Sprintf("backendRefs[%d]", index)
	}
	s := b.newServer(gw, name, ref)
	s.Transport = evidence.TransportStreamableHTTP
	path, ok := ref.Str("path")
	if !ok {
		path = "/mcp"
	}
	kind, _ := ref.Str("kind")
	ns := route.Namespace
	if v, ok := ref.Str("namespace"); ok {
		ns = v
	}
	host, port := "", intMember(ref, "port")
	switch kind {
	case "Backend":
		be := r.set.Find(envoyGatewayGroup, "Backend", ns, name)
		if be == nil {
			b.warn(ref, "Backend %s/%s is not in the assessed objects: the address of MCP server %s is not known", ns, name, name)
			break
		}
		for _, ep := range items(be.Spec().Get("endpoints")) {
			if fq := ep.Get("fqdn"); fq.IsObject() {
				host, _ = fq.Str("hostname")
				port = intMember(fq, "port")
			} else if ip := ep.Get("ip"); ip.IsObject() {
				host, _ = ip.Str("address")
				port = intMember(ip, "port")
			}
			break
		}
	case "", "Service":
		host = name + "." + ns + ".svc.cluster.local"
	}
	var auth *evidence.Auth
	if key := ref.Lookup("securityPolicy", "apiKey"); key.IsObject() {
		gw.UpstreamAuth = append(gw.UpstreamAuth, "static")
		header, ok := key.Str("header")
		if !ok {
			header = "Authorization" // sent as "Bearer <key>"
		}
		auth = &evidence.Auth{Kind: evidence.AuthAPIKey, Header: header}
		if header == "Authorization" {
			auth.Kind = evidence.AuthStaticBearer
		}
		if inline := key.Get("inline"); inline != nil {
			v := b.credential(gw, "backendRefs["+name+"].securityPolicy.apiKey.inline", inline.Text)
			auth.Value = &v
		} else if sec, ok := key.Lookup("secretRef").Str("name"); ok {
			auth.Value = &evidence.Value{Kind: evidence.ValueSecretReference, Secret: true, Reason: "declared-secret", Text: "secret " + sec, Ref: sec}
		}
		if q, ok := key.Str("queryParam"); ok {
			auth.Kind, auth.Header, auth.InQuery = evidence.AuthAPIKey, "", true
			b.info(key, "the API key of MCP server %s is sent in the %s query parameter", name, q)
		}
	}
	for _, fh := range items(ref.Get("forwardHeaders")) {
		h, _ := fh.Str("name")
		gw.PassthroughHeaders = append(gw.PassthroughHeaders, h)
		if strings.EqualFold(h, "authorization") {
			gw.TokenPassthrough = true
			gw.UpstreamAuth = append(gw.UpstreamAuth, "passthrough")
		}
	}
	if host == "" {
		if auth != nil {
			s.Auth = *auth
		}
		return
	}
	scheme := "http"
	if r.tlsTo(kind, name, ns) {
		scheme = "https"
	}
	url := scheme + "://" + host
	if port > 0 {
		url += fmt.Sprintf(":%d", port)
	}
	b.remote(s, url+path, nil, evidence.TransportStreamableHTTP)
	if auth != nil {
		s.Auth = *auth
	}
}

// tlsTo reports whether a BackendTLSPolicy makes the gateway reach a
// backend over TLS.
func (r *eagReader) tlsTo(kind, name, ns string) bool {
	if kind == "" {
		kind = "Service"
	}
	for _, pol := range r.set.InNamespace(gatewayAPIGroup, "BackendTLSPolicy", ns) {
		for _, t := range items(pol.Spec().Get("targetRefs")) {
			k, _ := t.Str("kind")
			n, _ := t.Str("name")
			if k == kind && n == name {
				return true
			}
		}
	}
	return false
}
