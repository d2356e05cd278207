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

// toolhiveGroup is the API group of ToolHive's custom resources.
const toolhiveGroup = "toolhive.stacklok.dev"

// ToolHiveInterpreter reads ToolHive's custom resources (v1alpha1 and
// v1beta1) into gateways: an MCPServer is a proxy (its gateway) in front of
// the server container (a server behind it); an MCPRemoteProxy is a proxy
// in front of a remote server; a VirtualMCPServer aggregates the servers of
// an MCPGroup. References are resolved in the set: oidcConfigRef to an
// MCPOIDCConfig, authzConfigRef to an MCPAuthzConfig, authzConfig of type
// configMap and permission profiles of type configMap to ConfigMaps,
// telemetryConfigRef to an MCPTelemetryConfig, in the object's namespace. A reference to an object the set does not hold is
// reported (the operator does not start the server then), and so is a field
// the current CRDs no longer have (the API server drops it): the inline
// spec.oidcConfig, replaced by oidcConfigRef.
type ToolHiveInterpreter struct{}

// Name returns the provenance collector of what the interpreter emits.
func (ToolHiveInterpreter) Name() string { return collectorName + "/toolhive" }

// Interpret reads every ToolHive resource of the set.
func (t ToolHiveInterpreter) Interpret(ctx context.Context, set *kubeobj.Set) kubeobj.Interpretation {
	var out kubeobj.Interpretation
	r := &thReader{set: set, red: secrets.NewRedactor(), servers: map[string][]*evidence.Server{}}
	for _, o := range set.Objects {
		if ctx.Err() != nil {
			break
		}
		if o.Group() != toolhiveGroup {
			continue
		}
		switch o.Kind {
		case "MCPServer":
			r.mcpServer(o)
		case "MCPRemoteProxy":
			r.remoteProxy(o)
		}
	}
	for _, o := range set.OfKind(toolhiveGroup, "VirtualMCPServer") {
		r.virtual(o)
	}
	r.red.Each(set.Secret)
	for _, b := range r.builders {
		out.Subjects = append(out.Subjects, b.subjects()...)
		out.Diagnostics = append(out.Diagnostics, b.diags...)
	}
	frontAcrossObjects(out.Subjects)
	return out
}

// frontAcrossObjects lists on each gateway every server that links to it,
// whichever object declared the server (a VirtualMCPServer fronts the
// MCPServers of its group).
func frontAcrossObjects(subjects []evidence.Subject) {
	fronted := map[string][]string{}
	for _, s := range subjects {
		if srv, ok := s.(*evidence.Server); ok {
			for _, l := range srv.Links {
				fronted[l] = append(fronted[l], srv.ID)
			}
		}
	}
	for _, s := range subjects {
		if gw, ok := s.(*evidence.Gateway); ok {
			gw.Servers = distinct(fronted[gw.ID])
		}
	}
}

// thReader reads the ToolHive objects of one set.
type thReader struct {
	set      *kubeobj.Set
	red      *secrets.Redactor
	builders []*builder
	// servers are the servers of each MCPGroup (namespace/name), for the
	// virtual MCP servers that aggregate them.
	servers map[string][]*evidence.Server
}

// builder starts the builder of one object: subject IDs from the set, the
// object's provenance and source.
func (r *thReader) builder(o *kubeobj.Object) *builder {
	set := r.set
	at := site{
		path:     set.Origin.Name(),
		sourceID: set.SourceOf(o),
		prov:     func(n *postree.Node) evidence.Provenance { return o.ProvenanceAt("", n) },
		diag:     func(sev string, n *postree.Node, msg string) evidence.Diagnostic { return set.Diag(sev, o, n, msg) },
		secret:   set.Secret,
		red:      r.red,
	}
	b := newBuilder(at, "toolhive", "toolhive/"+strings.ToLower(o.Kind), secrets.Syntax{Client: "toolhive"})
	r.builders = append(r.builders, b)
	return b
}

// gateway starts the gateway of a ToolHive object, identified as the set
// identifies its subjects and linked to the object's workload.
func (r *thReader) gateway(b *builder, o *kubeobj.Object) *evidence.Gateway {
	gw := b.newGateway(o.Name, o.Root)
	gw.ID = r.set.SubjectID(evidence.KindGateway, o)
	gw.Links = append(gw.Links, r.set.WorkloadID(o))
	return gw
}

// mcpServer reads an MCPServer: the ToolHive proxy and the server behind it.
func (r *thReader) mcpServer(o *kubeobj.Object) {
	b := r.builder(o)
	spec := o.Spec()
	gw := r.gateway(b, o)
	transport, _ := spec.Str("transport")
	r.proxyListener(gw, o, spec, transport)
	r.authentication(b, gw, o, spec.Get("oidcConfigRef"), spec.Get("oidcConfig"))
	r.authorization(b, gw, o, spec)
	readAudit(gw, spec.Get("audit"))
	r.telemetry(b, gw, o, spec, spec.Get("telemetry"))
	gw.RateLimit = spec.Get("rateLimiting").IsObject()
	r.permissionProfile(b, gw, o, spec.Get("permissionProfile"))
	r.externalAuth(b, gw, o, spec.Get("externalAuthConfigRef"))
	r.proxyEnv(b, gw, spec.Lookup("resourceOverrides", "proxyDeployment", "env"))
	if spec.Has("port") && !spec.Has("proxyPort") {
		b.warn(spec.Get("port"), "spec.port was renamed proxyPort; current operators ignore it and use the default port")
	}

	s := b.newServer(gw, o.Name, o.Root)
	s.ID = r.set.SubjectID(evidence.KindServer, o)
	s.Links = append(s.Links, r.set.WorkloadID(o))
	s.Transport = thTransport(transport)
	s.Auth = evidence.Auth{Kind: evidence.AuthLocal}
	env := map[string]string{}
	for _, e := range items(spec.Get("env")) {
		name, _ := e.Str("name")
		value, _ := e.Scalar("value")
		if name != "" {
			env[name] = value
		}
	}
	b.env(s, env)
	if g, ok := spec.Lookup("groupRef").Str("name"); ok {
		key := o.Namespace + "/" + g
		r.servers[key] = append(r.servers[key], s)
	}
}

// thTransport maps a ToolHive transport to the server's transport.
func thTransport(t string) string {
	switch t {
	case "sse":
		return evidence.TransportSSE
	case "streamable-http":
		return evidence.TransportStreamableHTTP
	case "", "stdio":
		return evidence.TransportStdio
	}
	return evidence.TransportUnknown
}

// proxyListener describes the proxy's Service: mcp-<name>-proxy on
// proxyPort (8080 by default), reachable inside the cluster.
func (r *thReader) proxyListener(gw *evidence.Gateway, o *kubeobj.Object, spec *postree.Node, transport string) {
	port := intMember(spec, "proxyPort")
	if port == 0 {
		port = 8080
	}
	svc := "mcp-" + o.Name + "-proxy"
	l := evidence.Listener{Bind: "0.0.0.0", Port: port, Exposure: evidence.ExposureInternal,
		Hosts: []string{svc, svc + "." + o.Namespace, svc + "." + o.Namespace + ".svc", svc + "." + o.Namespace + ".svc.cluster.local"}}
	mode := transport
	if transport == "stdio" || transport == "" {
		mode, _ = spec.Str("proxyMode")
		if mode == "" {
			mode = "streamable-http"
		}
	}
	if mode == "sse" {
		l.Path, l.Transport = "/sse", evidence.TransportSSE
	} else {
		l.Path, l.Transport = "/mcp", evidence.TransportStreamableHTTP
	}
	gw.Listeners = []evidence.Listener{l}
}

// authentication reads an oidcConfigRef (resolved to its MCPOIDCConfig) or
// the removed inline oidcConfig. Without either the proxy accepts every
// request.
func (r *thReader) authentication(b *builder, gw *evidence.Gateway, o *kubeobj.Object, ref, inline *postree.Node) {
	a := &gw.Authentication
	a.Mode = evidence.GatewayAuthNone
	if inline.IsObject() && o.Kind == "MCPServer" {
		b.ignored(gw, inline, "spec.oidcConfig of %s (removed from MCPServer; current operators drop it, so the proxy runs without authentication: use oidcConfigRef)", o.Ref())
	}
	if !ref.IsObject() {
		return
	}
	name, _ := ref.Str("name")
	cfg := r.set.Find(toolhiveGroup, "MCPOIDCConfig", o.Namespace, name)
	if cfg == nil {
		a.Mode = evidence.GatewayAuthUnknown
		r.missing(b, gw, o, ref, "oidcConfigRef", "MCPOIDCConfig", name, ": the operator does not start the proxy until it exists")
		return
	}
	cs := cfg.Spec()
	typ, _ := cs.Str("type")
	switch {
	case cs.Get("inline").IsObject() && (typ == "" || typ == "inline"):
		inl := cs.Get("inline")
		readOIDC(b, gw, inl)
		if insecure, _ := inl.Boolean("insecureAllowHTTP"); insecure {
			b.info(inl.Get("insecureAllowHTTP"), "MCPOIDCConfig %s allows an HTTP issuer and JWKS (insecureAllowHTTP)", cfg.Ref())
		}
		if priv, _ := inl.Boolean("jwksAllowPrivateIP"); priv {
			gw.SSRF = &evidence.GatewaySSRF{Protection: true, PrivateTargets: true}
		}
	default:
		sa := cs.Get("kubernetesServiceAccount")
		a.Mode = evidence.GatewayAuthRequired
		a.Kinds = append(a.Kinds, "service-account")
		iss, ok := sa.Str("issuer")
		if !ok {
			iss = "https://kubernetes.default.svc"
		}
		a.Issuers = append(a.Issuers, iss)
		finishKeySource(a)
	}
	if aud, ok := ref.Str("audience"); ok && aud != "" {
		a.Audiences = append(a.Audiences, aud)
	}
	if res, ok := ref.Str("resourceUrl"); ok {
		a.Resource, a.ResourceMetadata = res, true
	}
	if !containsFold(a.Kinds, "service-account") {
		finishTokenFacts(a)
	}
}

// authorization reads authzConfigRef (an MCPAuthzConfig) or the inline or
// ConfigMap authzConfig.
func (r *thReader) authorization(b *builder, gw *evidence.Gateway, o *kubeobj.Object, spec *postree.Node) {
	if ref := spec.Get("authzConfigRef"); ref.IsObject() {
		name, _ := ref.Str("name")
		cfg := r.set.Find(toolhiveGroup, "MCPAuthzConfig", o.Namespace, name)
		if cfg == nil {
			r.missing(b, gw, o, ref, "authzConfigRef", "MCPAuthzConfig", name, "")
			return
		}
		r.authzDocument(b, gw, cfg.Spec(), cfg.Spec().Get("config"))
		return
	}
	az := spec.Get("authzConfig")
	if !az.IsObject() {
		return
	}
	if inline := az.Get("inline"); inline.IsObject() {
		policies, _ := inline.Strings("policies")
		readCedar(b, gw, policies, inline.Get("policies"))
		return
	}
	cm := az.Get("configMap")
	name, _ := cm.Str("name")
	key, ok := cm.Str("key")
	if !ok {
		key = "authz.json"
	}
	obj := r.set.Find("", "ConfigMap", o.Namespace, name)
	if obj == nil {
		r.missing(b, gw, o, cm, "authzConfig", "ConfigMap", name, "")
		return
	}
	text, _ := obj.Root.Get("data").Str(key)
	doc, perr := postree.ParseYAML([]byte(text))
	if perr != nil {
		b.warn(obj.Root, "the authorization config in ConfigMap %s (key %s) does not parse: %s", obj.Ref(), key, perr.Msg)
		return
	}
	r.authzDocument(b, gw, doc, doc.Get("cedar"))
}

// authzDocument reads an authorization config: {type: cedarv1, cedar:
// {policies}} (or the MCPAuthzConfig's config).
func (r *thReader) authzDocument(b *builder, gw *evidence.Gateway, doc, cedar *postree.Node) {
	typ, _ := doc.Str("type")
	if typ == "httpv1" {
		gw.Authorization = evidence.GatewayAuthorization{Kind: "external", PerTool: true, PerCaller: true}
		return
	}
	policies := cedar.Get("policies")
	if policies == nil {
		policies = cedar.Lookup("cedar", "policies")
	}
	var texts []string
	for _, p := range items(policies) {
		if s, ok := p.ScalarText(); ok {
			texts = append(texts, s)
		}
	}
	readCedar(b, gw, texts, policies)
}

// permissionProfile reads the server container's permission profile: the
// builtin network profile opens egress. In Kubernetes the profile's
// network rules are not what confines the pod (NetworkPolicies are, judged
// on the workload), so egress is otherwise left unknown.
func (r *thReader) permissionProfile(b *builder, gw *evidence.Gateway, o *kubeobj.Object, p *postree.Node) {
	if !p.IsObject() {
		return
	}
	typ, _ := p.Str("type")
	name, _ := p.Str("name")
	switch typ {
	case "builtin":
		if name == "network" {
			gw.Egress = "open"
		}
	case "configMap", "configmap":
		cm := r.set.Find("", "ConfigMap", o.Namespace, name)
		if cm == nil {
			r.missing(b, gw, o, p, "permissionProfile", "ConfigMap", name, "")
			return
		}
		key, _ := p.Str("key")
		text, _ := cm.Root.Get("data").Str(key)
		if doc, _, perr := postree.ParseJSON([]byte(text), postree.NewLines([]byte(text))); perr == nil {
			if all, _ := doc.Lookup("network", "outbound").Boolean("insecure_allow_all"); all {
				gw.Egress = "open"
			}
		}
	}
}

// externalAuth reads an MCPExternalAuthConfig: how the proxy obtains
// credentials for the server behind it.
func (r *thReader) externalAuth(b *builder, gw *evidence.Gateway, o *kubeobj.Object, ref *postree.Node) {
	if !ref.IsObject() {
		return
	}
	name, _ := ref.Str("name")
	cfg := r.set.Find(toolhiveGroup, "MCPExternalAuthConfig", o.Namespace, name)
	if cfg == nil {
		r.missing(b, gw, o, ref, "externalAuthConfigRef", "MCPExternalAuthConfig", name, "")
		return
	}
	typ, _ := cfg.Spec().Str("type")
	switch strings.ToLower(typ) {
	case "tokenexchange":
		gw.UpstreamAuth = append(gw.UpstreamAuth, "token-exchange")
	case "headerinjection":
		gw.UpstreamAuth = append(gw.UpstreamAuth, "static")
	case "embeddedauthserver":
		gw.UpstreamAuth = append(gw.UpstreamAuth, "oauth-client")
	}
}

// telemetry reads where a ToolHive object exports traces. A
// telemetryConfigRef to a shared MCPTelemetryConfig takes the place of the
// object's inline settings (which the operator then ignores); the referenced
// spec is read in its nested form (openTelemetry with an endpoint and
// tracing.enabled, which the operator validates; an explicit enabled: false
// switches it off) or its earlier flat one (tracingEnabled, endpoint).
func (r *thReader) telemetry(b *builder, gw *evidence.Gateway, o *kubeobj.Object, spec, inline *postree.Node) {
	ref := spec.Get("telemetryConfigRef")
	if !ref.IsObject() {
		readProxyTelemetry(gw, inline)
		readTelemetry(gw, inline)
		return
	}
	name, _ := ref.Str("name")
	cfg := r.set.Find(toolhiveGroup, "MCPTelemetryConfig", o.Namespace, name)
	if cfg == nil {
		r.missing(b, gw, o, ref, "telemetryConfigRef", "MCPTelemetryConfig", name, "")
		return
	}
	otel := cfg.Spec().Get("openTelemetry")
	if !otel.IsObject() {
		readTelemetry(gw, cfg.Spec())
		return
	}
	endpoint, _ := otel.Str("endpoint")
	tracing, _ := otel.Get("tracing").Boolean("enabled")
	if on, set := otel.Boolean("enabled"); (on || !set) && tracing && strings.TrimSpace(endpoint) != "" {
		gw.Audit.Tracing, gw.Audit.TraceExporter = true, "otlp"
	}
}

// proxyEnv reads the environment of the proxy: TOOLHIVE_DEBUG turns debug
// logging on.
func (r *thReader) proxyEnv(b *builder, gw *evidence.Gateway, env *postree.Node) {
	for _, e := range items(env) {
		name, _ := e.Str("name")
		value, _ := e.Scalar("value")
		if name == "" {
			continue
		}
		if gw.Env == nil {
			gw.Env = map[string]evidence.Value{}
		}
		gw.Env[name] = b.value(name, value)
		if name == "TOOLHIVE_DEBUG" && strings.EqualFold(value, "true") {
			gw.Debug = true
		}
	}
}

// remoteProxy reads an MCPRemoteProxy: a proxy in front of a remote server.
func (r *thReader) remoteProxy(o *kubeobj.Object) {
	b := r.builder(o)
	spec := o.Spec()
	gw := r.gateway(b, o)
	transport, _ := spec.Str("transport")
	if transport == "" {
		transport = "streamable-http"
	}
	r.proxyListener(gw, o, spec, transport)
	r.authentication(b, gw, o, spec.Get("oidcConfigRef"), nil)
	r.authorization(b, gw, o, spec)
	readAudit(gw, spec.Get("audit"))
	r.telemetry(b, gw, o, spec, spec.Get("telemetry"))
	r.externalAuth(b, gw, o, spec.Get("externalAuthConfigRef"))
	private, _ := spec.Boolean("allowPrivateEndpoint")
	gw.SSRF = &evidence.GatewaySSRF{Protection: true, PrivateTargets: private}
	s := b.newServer(gw, o.Name, o.Root)
	s.ID = r.set.SubjectID(evidence.KindServer, o)
	headers, _ := spec.Lookup("headerForward").StringMap("addPlaintextHeaders")
	u, _ := spec.Str("remoteUrl")
	b.remote(s, u, headers, thTransport(transport))
}

// virtual reads a VirtualMCPServer: one endpoint in front of the servers of
// an MCPGroup.
func (r *thReader) virtual(o *kubeobj.Object) {
	b := r.builder(o)
	spec := o.Spec()
	gw := r.gateway(b, o)
	svc := "vmcp-" + o.Name
	l := evidence.Listener{Bind: "0.0.0.0", Port: 4483, Exposure: evidence.ExposureInternal, Path: "/mcp",
		Transport: evidence.TransportStreamableHTTP, Hosts: []string{svc, svc + "." + o.Namespace + ".svc.cluster.local"}}
	switch st, _ := spec.Str("serviceType"); st {
	case "LoadBalancer":
		l.Exposure = evidence.ExposurePublic
	case "NodePort":
		l.Exposure = evidence.ExposureAllInterfaces
	}
	gw.Listeners = []evidence.Listener{l}
	in := spec.Get("incomingAuth")
	if typ, _ := in.Str("type"); strings.EqualFold(typ, "oidc") {
		r.authentication(b, gw, o, in.Get("oidcConfigRef"), nil)
	} else {
		gw.Authentication.Mode = evidence.GatewayAuthNone
	}
	r.authorization(b, gw, o, in)
	cfg := spec.Get("config")
	readAudit(gw, cfg.Get("audit"))
	r.telemetry(b, gw, o, spec, cfg.Get("telemetry"))
	gw.RateLimit = cfg.Get("rateLimiting").IsObject()
	if hs, ok := spec.Strings("passthroughHeaders"); ok {
		forwardHeaders(gw, hs)
	}
	group, _ := spec.Lookup("groupRef").Str("name")
	for _, s := range r.servers[o.Namespace+"/"+group] {
		s.Links = append(s.Links, gw.ID)
	}
}

// missing records a reference to an object the set does not hold: a
// warning at the reference, and the gateway's missing_references (the
// operator does not start a proxy whose references do not resolve).
func (r *thReader) missing(b *builder, gw *evidence.Gateway, o *kubeobj.Object, at *postree.Node, field, kind, name, why string) {
	ref := sprintNames("%s %s/%s", kind, o.Namespace, name)
	b.diags = append(b.diags, r.set.Diag("warning", o, at, fmt.Sprintf("%s names %s, which is not among the objects read%s", field, ref, why)))
	gw.MissingReferences = append(gw.MissingReferences, field+" → "+ref)
}
