package gateway

import (
	"fmt"
	"net"
	"slices"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/collectors/launch"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// site says where a configuration was read: the path subject IDs are made
// from, the source every subject links to, and how positions, diagnostics
// and raw secrets are recorded. A file and a set of Kubernetes objects each
// provide one.
type site struct {
	// path is the origin of subject IDs (the file, or the Kubernetes source).
	path string
	// sourceID is the source subject every subject links to.
	sourceID string
	// prov returns the provenance of a subject declared at n.
	prov func(n *postree.Node) evidence.Provenance
	// diag returns a diagnostic at n.
	diag func(severity string, n *postree.Node, msg string) evidence.Diagnostic
	// secret hands a raw secret to the redactor of the stored copy.
	secret func(raw string)
	// secretAt, when set, hands over a secret scalar with its place in the
	// file, so the stored copy replaces it where it is written.
	secretAt func(n *postree.Node)
	// red is the redactor launch and remote analysis hand secrets to.
	red *secrets.Redactor
	// beside, when set, reads a file named relative to the configuration's
	// folder, if it lies inside the scanned folders: its content and its
	// provenance path.
	beside func(rel string) ([]byte, string, bool)
}

// builder accumulates the gateway and server subjects one configuration
// declares. It is the only place raw values become evidence: every value
// goes through secrets classification, every command line through launch
// analysis and every URL through remote analysis, and every raw secret is
// handed to the site.
type builder struct {
	at        site
	product   string
	format    string
	collector string
	syn       secrets.Syntax

	gateways []*evidence.Gateway
	servers  []*evidence.Server
	diags    []evidence.Diagnostic
}

// newBuilder starts a builder for a product's configuration read at at.
func newBuilder(at site, product, format string, syn secrets.Syntax) *builder {
	return &builder{at: at, product: product, format: format, collector: collectorName + "/" + product, syn: syn}
}

// warn records a warning at n.
func (b *builder) warn(n *postree.Node, format string, args ...any) {
	b.diags = append(b.diags, b.at.diag("warning", n, sprintNames(format, args...)))
}

// info records a note at n.
func (b *builder) info(n *postree.Node, format string, args ...any) {
	b.diags = append(b.diags, b.at.diag("info", n, sprintNames(format, args...)))
}

// sprintNames is fmt.Sprintf with every string argument (the names of
// routes, services, objects and settings a message quotes) passed through
// secrets.RedactName: a credential pasted as a name is judged by its form
// alone, which the file's redactor does not do for a whole message.
func sprintNames(format string, args ...any) string {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = redactName(s)
		}
	}
	return fmt.Sprintf(format, args...)
}

// redactName redacts a credential pasted into a name read from a
// configuration, or into a segment of one written as a path (an nginx
// location, a Kubernetes reference).
func redactName(name string) string {
	return secrets.RedactSegments(secrets.RedactName(name))
}

// name is redactName for a name the configuration declares: a segment
// judged a credential is also handed to the site, so the stored copy and
// every message lose it too.
func (b *builder) name(name string) string {
	out := redactName(name)
	if out != name {
		for _, seg := range strings.Split(name, "/") {
			if secrets.RedactName(seg) != seg {
				b.at.secret(seg)
			}
		}
	}
	return out
}

// rejected records a setting the product refuses, which makes it reject the
// whole configuration: a config error of gw and an error diagnostic at n.
func (b *builder) rejected(gw *evidence.Gateway, n *postree.Node, format string, args ...any) {
	msg := sprintNames(format, args...)
	gw.ConfigErrors = append(gw.ConfigErrors, msg)
	b.diags = append(b.diags, b.at.diag("error", n, fmt.Sprintf("%s rejects this configuration: %s", b.product, msg)))
}

// ignored records a setting written where the product does not read it.
func (b *builder) ignored(gw *evidence.Gateway, n *postree.Node, format string, args ...any) {
	msg := sprintNames(format, args...)
	gw.IgnoredSettings = append(gw.IgnoredSettings, msg)
	b.diags = append(b.diags, b.at.diag("warning", n, fmt.Sprintf("%s ignores %s", b.product, msg)))
}

// newGateway starts a gateway declared at n with the product's most
// conservative reading: no authentication or authorization known, egress
// unknown. Readers then set what the configuration (or the product's
// documented defaults) says.
func (b *builder) newGateway(name string, n *postree.Node) *evidence.Gateway {
	return b.newProductGateway(b.product, name, n)
}

// newProductGateway is newGateway for a file that may declare gateways of
// several products (a Compose file). A credential pasted into the name is
// redacted from it and from the ID made of it.
func (b *builder) newProductGateway(product, name string, n *postree.Node) *evidence.Gateway {
	name = b.name(name)
	gw := &evidence.Gateway{
		Meta: evidence.Meta{
			Kind:       evidence.KindGateway,
			ID:         evidence.MakeID(evidence.KindGateway, b.at.path, name),
			Name:       name,
			Provenance: b.at.prov(n),
			Links:      []string{b.at.sourceID},
		},
		Product:        product,
		Authentication: evidence.GatewayAuthentication{Mode: evidence.GatewayAuthNone},
		Authorization:  evidence.GatewayAuthorization{Kind: "none"},
		Egress:         "unknown",
	}
	gw.Provenance.Collector = collectorName + "/" + product
	b.gateways = append(b.gateways, gw)
	return gw
}

// newServer starts a server declared at n behind gw (nil: a server the file
// declares on its own, such as a Compose service running an MCP server
// image). A server behind a gateway has the gateway's product as client. A
// credential pasted into the name is redacted from it and from the ID made
// of it.
func (b *builder) newServer(gw *evidence.Gateway, name string, n *postree.Node) *evidence.Server {
	name = b.name(name)
	s := &evidence.Server{
		Meta: evidence.Meta{
			Kind:       evidence.KindServer,
			ID:         evidence.MakeID(evidence.KindServer, b.at.path, name),
			Name:       name,
			Provenance: b.at.prov(n),
			Links:      []string{b.at.sourceID},
		},
		Client:    b.product,
		Format:    b.format,
		Scope:     evidence.ScopeGateway,
		Transport: evidence.TransportUnknown,
		Auth:      evidence.Auth{Kind: evidence.AuthNone},
	}
	s.Provenance.Collector = b.collector
	if gw != nil {
		s.Links = append(s.Links, gw.ID)
		s.Client = gw.Product
		s.Provenance.Collector = gw.Provenance.Collector
	}
	b.servers = append(b.servers, s)
	return s
}

// value classifies one configured value and hands a literal secret to the
// site.
func (b *builder) value(key, raw string) evidence.Value {
	v := secrets.Classify(key, raw, b.syn)
	if v.Secret && !v.IsReference() || v.Kind == evidence.ValueLiteralSecret {
		b.at.secret(raw)
	}
	return v
}

// secretNode hands the secret scalar n to the site: by its place when the
// site knows places, else by value.
func (b *builder) secretNode(n *postree.Node) {
	switch {
	case n == nil:
	case b.at.secretAt != nil:
		b.at.secretAt(n)
	default:
		b.at.secret(n.Text)
	}
}

// credential classifies a credential setting of gw (an admin password, a
// signing key, an upstream token) under name. Empty values are skipped.
func (b *builder) credential(gw *evidence.Gateway, name, raw string) evidence.Value {
	v := b.value(credentialKey(name), raw)
	if v.Kind == evidence.ValueEmpty {
		return v
	}
	if v.Kind == evidence.ValueLiteral {
		// A literal under a credential setting is a credential whatever it
		// looks like: say so, without keeping the text.
		b.at.secret(raw)
		v = evidence.Value{Kind: evidence.ValueLiteralSecret, Secret: true, Reason: "key-name",
			Fingerprint: secrets.Fingerprint(raw), Shape: secrets.Shape(raw), Text: "[REDACTED:" + secrets.Shape(raw) + "]"}
	}
	if gw.Credentials == nil {
		gw.Credentials = map[string]evidence.Value{}
	}
	gw.Credentials[name] = v
	return v
}

// credentialKey turns a setting path ("general_settings.master_key") into
// the key name classification judges ("master_key").
func credentialKey(name string) string {
	if i := strings.LastIndexAny(name, ".]"); i >= 0 && i+1 < len(name) {
		return name[i+1:]
	}
	return name
}

// env classifies an environment map into s.Env.
func (b *builder) env(s *evidence.Server, env map[string]string) {
	if len(env) == 0 {
		return
	}
	if s.Env == nil {
		s.Env = make(map[string]evidence.Value, len(env))
	}
	for k, v := range env {
		s.Env[k] = b.value(k, v)
	}
}

// stdio analyses a server the gateway starts as a local process.
func (b *builder) stdio(s *evidence.Server, command string, args []string, env map[string]string) {
	s.Transport = evidence.TransportStdio
	res := launch.Analyze(command, args, "", b.syn, b.at.red)
	s.Launch = res.Launch
	s.FilesystemRoots = append(s.FilesystemRoots, res.Roots...)
	s.Archived = s.Archived || res.Archived
	s.Auth = evidence.Auth{Kind: evidence.AuthLocal}
	b.env(s, env)
}

// remote analyses a server the gateway reaches over HTTP.
func (b *builder) remote(s *evidence.Server, rawURL string, headers map[string]string, transport string) {
	s.Transport = transport
	r, auth := launch.AnalyzeRemote(rawURL, headers, b.syn, b.at.red)
	s.Remote = r
	s.Auth = auth
	if s.Auth.Kind == "" {
		s.Auth.Kind = evidence.AuthNone
	}
}

// subjects finishes what was read and returns it: gateways list the servers
// they front, IDs are unique within the configuration (falling back to the
// declaration's pointer), and list fields are sorted and distinct.
func (b *builder) subjects() []evidence.Subject {
	count := map[string]int{}
	for _, s := range b.servers {
		count[s.ID]++
	}
	for _, gw := range b.gateways {
		count[gw.ID]++
	}
	for _, s := range b.servers {
		if count[s.ID] > 1 {
			s.ID = evidence.MakeID(evidence.KindServer, b.at.path, strings.TrimPrefix(s.Provenance.Pointer, "/"))
		}
	}
	for _, gw := range b.gateways {
		if count[gw.ID] > 1 {
			old := gw.ID
			gw.ID = evidence.MakeID(evidence.KindGateway, b.at.path, strings.TrimPrefix(gw.Provenance.Pointer, "/"))
			for _, s := range b.servers {
				for i, l := range s.Links {
					if l == old {
						s.Links[i] = gw.ID
					}
				}
			}
		}
	}
	out := make([]evidence.Subject, 0, len(b.gateways)+len(b.servers))
	for _, gw := range b.gateways {
		for i := range gw.Listeners {
			gw.Listeners[i].Path = b.name(gw.Listeners[i].Path)
		}
		gw.Servers = nil
		for _, s := range b.servers {
			if slices.Contains(s.Links, gw.ID) {
				gw.Servers = append(gw.Servers, s.ID)
			}
		}
		tidyGateway(gw)
		out = append(out, gw)
	}
	for _, s := range b.servers {
		redactKeys(s.Env)
		secrets.RedactNames(s.Approvals.IncludeTools)
		secrets.RedactNames(s.Approvals.ExcludeTools)
		sort.Strings(s.UnknownKeys)
		sort.Strings(s.Approvals.IncludeTools)
		sort.Strings(s.Approvals.ExcludeTools)
		out = append(out, s)
	}
	return out
}

// tidyGateway sorts and deduplicates a gateway's list fields, so output is
// deterministic whatever order settings were read in.
func tidyGateway(gw *evidence.Gateway) {
	a := &gw.Authentication
	redactKeys(gw.Env)
	redactKeys(gw.Credentials)
	for i := range gw.Listeners {
		secrets.RedactNames(gw.Listeners[i].Hosts)
	}
	secrets.RedactNames(gw.Authorization.Unrestricted)
	secrets.RedactNames(gw.MissingReferences)
	for _, l := range []*[]string{&a.Kinds, &a.Issuers, &a.JWKS, &a.Audiences, &gw.Authorization.Unrestricted,
		&gw.PassthroughHeaders, &gw.UpstreamAuth, &gw.CORSOrigins, &gw.DefaultCredentials, &gw.Servers} {
		*l = distinct(*l)
	}
	for _, l := range []*[]string{&gw.ConfigErrors, &gw.IgnoredSettings} {
		*l = slices.Compact(*l)
	}
	for _, k := range a.Kinds {
		switch k {
		case "jwt", "oauth", "oidc", "service-account":
			a.TokenValidation = true
		}
	}
	finishGuardrails(gw)
	sort.SliceStable(gw.Listeners, func(i, j int) bool {
		li, lj := gw.Listeners[i], gw.Listeners[j]
		if li.Port != lj.Port {
			return li.Port < lj.Port
		}
		return li.Exposure < lj.Exposure
	})
}

// distinct sorts a list and removes repeats and empty strings.
func distinct(l []string) []string {
	if len(l) == 0 {
		return nil
	}
	sort.Strings(l)
	l = slices.Compact(l)
	if l[0] == "" {
		l = l[1:]
	}
	if len(l) == 0 {
		return nil
	}
	return l
}

// listenerAt describes a socket bound to addr (a host address, "" or
// "0.0.0.0" for every interface) on port.
func listenerAt(addr string, port int, tls bool) evidence.Listener {
	l := evidence.Listener{Bind: addr, Port: port, TLS: tls}
	switch host := strings.Trim(addr, "[]"); {
	case host == "" || host == "*" || host == "0.0.0.0" || host == "::":
		l.Exposure = evidence.ExposureAllInterfaces
		if l.Bind == "" {
			l.Bind = "0.0.0.0"
		}
	case isLoopbackHost(host):
		l.Exposure, l.Loopback = evidence.ExposureLoopback, true
	default:
		l.Exposure = evidence.ExposureAddress
	}
	return l
}

// isLoopbackHost reports whether host names the local machine only.
func isLoopbackHost(host string) bool {
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// addKind records an authentication mechanism.
func addKind(a *evidence.GatewayAuthentication, kind string) {
	a.Kinds = append(a.Kinds, kind)
}

// modeRank orders authentication modes from weakest to strongest.
func modeRank(mode string) int {
	switch mode {
	case evidence.GatewayAuthRequired:
		return 3
	case evidence.GatewayAuthOptional:
		return 2
	case evidence.GatewayAuthUnknown:
		return 1
	}
	return 0
}

// strongerMode returns the stronger of two modes (two mechanisms on one
// route: the strictest decides).
func strongerMode(a, b string) string {
	if modeRank(a) >= modeRank(b) {
		return a
	}
	return b
}

// weakerMode returns the weaker of two modes (two routes of one gateway:
// the weakest exposes the tools behind it).
func weakerMode(a, b string) string {
	if modeRank(a) <= modeRank(b) {
		return a
	}
	return b
}

// items returns an array's elements (nil for anything else, nil included).
func items(n *postree.Node) []*postree.Node {
	if !n.IsArray() {
		return nil
	}
	return n.Items
}

// members returns an object's keys (nil for anything else, nil included);
// n.Vals holds the values at the same indexes.
func members(n *postree.Node) []string {
	if !n.IsObject() {
		return nil
	}
	return n.Keys
}

// text returns a scalar's text ("" for anything else, nil included).
func text(n *postree.Node) string {
	if n == nil {
		return ""
	}
	s, _ := n.ScalarText()
	return s
}

// forwardHeaders records headers the gateway copies from the client's request
// to the upstream server; forwarding Authorization is token passthrough.
func forwardHeaders(gw *evidence.Gateway, hs []string) {
	gw.PassthroughHeaders = append(gw.PassthroughHeaders, hs...)
	for _, h := range hs {
		if strings.EqualFold(h, "authorization") {
			gw.TokenPassthrough = true
			gw.UpstreamAuth = append(gw.UpstreamAuth, "passthrough")
		}
	}
}

// redactKeys redacts, in place, credentials pasted into the setting and
// variable names of m.
func redactKeys(m map[string]evidence.Value) {
	for k, v := range m {
		if r := secrets.RedactName(k); r != k {
			delete(m, k)
			m[r] = v
		}
	}
}
