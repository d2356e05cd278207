package gateway

import (
	"fmt"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// toolhiveAuthzFormat reads a ToolHive authorization config (`thv run
// --authz-config`, the MCPAuthzConfig and ConfigMap payloads): type cedarv1
// with Cedar policies, or httpv1 delegating decisions to an external policy
// decision point. It is part of a gateway: the proxy it is given to decides
// authentication, audit and the rest.
var toolhiveAuthzFormat = &format{
	id:        "toolhive/authz-config",
	product:   "toolhive",
	syntax:    postree.JSON,
	recognise: recogniseToolHiveAuthz,
	read:      readToolHiveAuthz,
	syn:       secrets.Syntax{Client: "toolhive"},
}

// toolhiveAuthzYAMLFormat is the same config written in YAML.
var toolhiveAuthzYAMLFormat = &format{
	id:        "toolhive/authz-config",
	product:   "toolhive",
	syntax:    postree.YAML,
	recognise: recogniseToolHiveAuthz,
	read:      readToolHiveAuthz,
	syn:       secrets.Syntax{Client: "toolhive"},
}

// recogniseToolHiveAuthz accepts {type: cedarv1, cedar: {policies}} and
// {type: httpv1, …}.
func recogniseToolHiveAuthz(_ *files.File, root *postree.Node, _ bool) bool {
	typ, _ := root.Str("type")
	switch typ {
	case "cedarv1":
		return root.Get("cedar").IsObject()
	case "httpv1":
		return root.Has("http") || root.Has("pdp")
	}
	return false
}

// readToolHiveAuthz reads the policies into a partial gateway.
func readToolHiveAuthz(b *builder, root *postree.Node) {
	gw := b.newGateway(gatewayName(b.at.path, "toolhive"), root)
	gw.Partial = true
	gw.Authentication.Mode = evidence.GatewayAuthUnknown
	typ, _ := root.Str("type")
	if typ == "httpv1" {
		gw.Authorization = evidence.GatewayAuthorization{Kind: "external", PerTool: true, PerCaller: true}
		return
	}
	policies := root.Lookup("cedar", "policies")
	var texts []string
	for _, p := range items(policies) {
		if s, ok := p.ScalarText(); ok {
			texts = append(texts, s)
		}
	}
	readCedar(b, gw, texts, policies)
	if len(texts) == 0 {
		b.warn(policies, "no Cedar policies: ToolHive denies every request")
	}
}

// toolhiveProfileFormat reads a ToolHive permission profile (`thv run
// --permission-profile profile.json`): the filesystem and network access of
// a server's container. Network access is open with outbound
// insecure_allow_all, restricted to allow_host and allow_port otherwise.
var toolhiveProfileFormat = &format{
	id:        "toolhive/permission-profile",
	product:   "toolhive",
	syntax:    postree.JSON,
	recognise: recogniseToolHiveProfile,
	read:      readToolHiveProfile,
	syn:       secrets.Syntax{Client: "toolhive"},
}

// toolhiveProfileKeys are the keys of a permission profile.
var toolhiveProfileKeys = keys("name", "read", "write", "network", "privileged")

// recogniseToolHiveProfile accepts an object with a network.outbound
// section and only permission-profile keys.
func recogniseToolHiveProfile(_ *files.File, root *postree.Node, _ bool) bool {
	if !root.IsObject() || !root.Get("network").IsObject() {
		return false
	}
	n := root.Get("network")
	if !n.Has("outbound") && !n.Has("inbound") {
		return false
	}
	return len(root.UnknownKeys(toolhiveProfileKeys)) == 0
}

// readToolHiveProfile reads a profile into a partial gateway.
func readToolHiveProfile(b *builder, root *postree.Node) {
	gw := b.newGateway(gatewayName(b.at.path, "toolhive"), root)
	gw.Partial = true
	gw.Authentication.Mode = evidence.GatewayAuthUnknown
	readPermissionNetwork(gw, root.Get("network"))
	if on, _ := root.Boolean("privileged"); on {
		b.warn(root.Get("privileged"), "the profile runs the server container privileged")
	}
}

// vmcpFormat reads the config of ToolHive's virtual MCP server (`vmcp serve
// --config`), which aggregates the servers of a group or a static list of
// backends behind one endpoint. Defaults: it listens on 127.0.0.1:4483
// (--host, --port); incoming authentication anonymous unless type oidc;
// audit off unless configured (or --enable-audit).
var vmcpFormat = &format{
	id:        "toolhive/vmcp-config",
	product:   "toolhive",
	syntax:    postree.YAML,
	recognise: recogniseVMCP,
	read:      readVMCP,
	syn:       secrets.Syntax{Client: "toolhive"},
}

// recogniseVMCP accepts a config with incomingAuth or outgoingAuth and a
// group or backends.
func recogniseVMCP(_ *files.File, root *postree.Node, _ bool) bool {
	if !root.IsObject() || root.Has("apiVersion") {
		return false
	}
	auth := root.Get("incomingAuth").IsObject() || root.Get("outgoingAuth").IsObject()
	return auth && (root.Has("groupRef") || root.Has("backends") || root.Has("aggregation"))
}

// readVMCP reads a vmcp config into a gateway and its static backends.
func readVMCP(b *builder, root *postree.Node) {
	name, _ := root.Str("name")
	if name == "" {
		name = gatewayName(b.at.path, "vmcp")
	}
	gw := b.newGateway(name, root)
	l := listenerAt("127.0.0.1", 4483, false)
	l.Path, l.Transport = "/mcp", evidence.TransportStreamableHTTP
	gw.Listeners = []evidence.Listener{l}
	in := root.Get("incomingAuth")
	readIncomingAuth(b, gw, in)
	readAudit(gw, root.Get("audit"))
	if root.Get("rateLimiting").IsObject() {
		gw.RateLimit = true
	}
	readTelemetry(gw, root.Get("telemetry"))
	if hs, ok := root.Strings("passthroughHeaders"); ok {
		forwardHeaders(gw, hs)
	}
	out := root.Get("outgoingAuth")
	readOutgoing(b, gw, out.Get("default"))
	if per := out.Get("backends"); per.IsObject() {
		for _, strategy := range per.Vals {
			readOutgoing(b, gw, strategy)
		}
	}
	for i, be := range items(root.Get("backends")) {
		bname, _ := be.Str("name")
		if bname == "" {
			bname = fmt.Sprintf("backends[%d]", i)
		}
		s := b.newServer(gw, bname, be)
		u, _ := be.Str("url")
		t := evidence.TransportStreamableHTTP
		if tr, _ := be.Str("transport"); tr == "sse" {
			t = evidence.TransportSSE
		}
		b.remote(s, u, nil, t)
	}
	if g, ok := root.Str("groupRef"); ok {
		b.info(root.Get("groupRef"), "the servers of group %q are discovered when vmcp starts", g)
	}
}

// readIncomingAuth reads how clients authenticate to a ToolHive proxy or
// vmcp: {type: oidc|anonymous|local, oidc: {issuer, audience, jwksUrl,
// resource, insecureAllowHttp}, authz: {type: cedar, policies}}.
func readIncomingAuth(b *builder, gw *evidence.Gateway, in *postree.Node) {
	a := &gw.Authentication
	typ, _ := in.Str("type")
	if oidc := in.Get("oidc"); strings.EqualFold(typ, "oidc") || typ == "" && oidc.IsObject() {
		readOIDC(b, gw, oidc)
	} else {
		a.Mode = evidence.GatewayAuthNone
	}
	if authz := in.Get("authz"); authz.IsObject() {
		if t, _ := authz.Str("type"); strings.EqualFold(t, "cedar") || t == "" {
			policies, _ := authz.Strings("policies")
			readCedar(b, gw, policies, authz.Get("policies"))
		}
	}
}

// readOIDC reads an OIDC token validation block (vmcp, MCPOIDCConfig
// inline, or the legacy inline oidcConfig).
func readOIDC(b *builder, gw *evidence.Gateway, oidc *postree.Node) {
	a := &gw.Authentication
	a.Mode = evidence.GatewayAuthRequired
	a.Kinds = append(a.Kinds, "oauth")
	if iss, ok := oidc.Str("issuer"); ok {
		a.Issuers = append(a.Issuers, iss)
	}
	for _, k := range []string{"jwksUrl", "introspectionUrl"} {
		if u, ok := oidc.Str(k); ok {
			a.JWKS = append(a.JWKS, u)
		}
	}
	if aud, ok := oidc.Str("audience"); ok && aud != "" {
		a.Audiences = append(a.Audiences, aud)
	}
	if res, ok := oidc.Str("resource"); ok {
		a.Resource = res
		a.ResourceMetadata = true
	}
	if cs, ok := oidc.Str("clientSecret"); ok {
		b.credential(gw, "oidc.clientSecret", cs)
	}
	finishTokenFacts(a)
}

// readOutgoing reads how a ToolHive proxy authenticates to backends.
func readOutgoing(b *builder, gw *evidence.Gateway, strategy *postree.Node) {
	typ, _ := strategy.Str("type")
	switch strings.ToLower(typ) {
	case "header_injection":
		gw.UpstreamAuth = append(gw.UpstreamAuth, "static")
		if v, ok := strategy.Lookup("headerInjection").Str("headerValue"); ok {
			b.credential(gw, "outgoingAuth.headerInjection.headerValue", v)
		}
	case "token_exchange":
		gw.UpstreamAuth = append(gw.UpstreamAuth, "token-exchange")
	case "pass_through", "passthrough":
		gw.TokenPassthrough = true
		gw.UpstreamAuth = append(gw.UpstreamAuth, "passthrough")
	}
}
