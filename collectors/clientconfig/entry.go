package clientconfig

import (
	"fmt"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
)

// entrySpec describes how one client reads a server entry of the common
// {command, args, env, url, headers} shape.
type entrySpec struct {
	// known lists every key the client reads in an entry.
	known map[string]bool
	// urlKeys are the keys that hold a remote URL, in the order the client
	// looks at them.
	urlKeys []string
	// transport decides the transport; a non-empty reason means the client
	// does not load the entry. urlKey is the URL key present ("" for none).
	transport func(n *postree.Node, hasCommand bool, urlKey string) (transport, reason string)
	// oauthDiscovery is true when the client runs OAuth discovery for a
	// remote server without static credentials.
	oauthDiscovery bool
	// headers returns the entry's HTTP headers (default: the "headers" map).
	headers func(n *postree.Node) map[string]string
	// extra reads client-specific keys (approvals, disabled, …).
	extra func(p *parser, s *evidence.Server, n *postree.Node)
}

// entryHeaders returns the HTTP headers of the entry n.
func (spec *entrySpec) entryHeaders(n *postree.Node) map[string]string {
	if spec.headers != nil {
		return spec.headers(n)
	}
	h, _ := n.StringMap("headers")
	return h
}

// keys builds a known-key set.
func keys(list ...string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, k := range list {
		m[k] = true
	}
	return m
}

// commonTransport is the rule most clients follow: an explicit "type" of
// stdio, http/streamable-http or sse decides; otherwise a command means
// stdio and a URL means Streamable HTTP.
func commonTransport(n *postree.Node, hasCommand bool, urlKey string) (string, string) {
	if t, ok := n.Str("type"); ok {
		if tr := transportName(t); tr != "" {
			return tr, ""
		}
		return evidence.TransportUnknown, fmt.Sprintf("unknown type %q", clip(t))
	}
	switch {
	case hasCommand:
		return evidence.TransportStdio, ""
	case urlKey != "":
		return evidence.TransportStreamableHTTP, ""
	}
	return evidence.TransportUnknown, ""
}

// transportName maps a client's transport spelling to a transport.
func transportName(t string) string {
	switch t {
	case "stdio":
		return evidence.TransportStdio
	case "http", "streamable-http", "streamableHttp", "streamable_http", "streamable":
		return evidence.TransportStreamableHTTP
	case "sse":
		return evidence.TransportSSE
	}
	return ""
}

// clip bounds a configured word quoted in a message.
func clip(s string) string {
	if len(s) > 24 {
		return s[:24] + "…"
	}
	return s
}

// entry reads one server entry.
func (p *parser) entry(name string, n *postree.Node, scope string, spec *entrySpec) *evidence.Server {
	s := p.newServer(name, n, scope)
	if !n.IsObject() {
		p.ignore(s, fmt.Sprintf("entry is a %s, not an object", n.Kind))
		p.fail(n, "server %q: entry is a %s, not an object", name, n.Kind)
		return s
	}
	command, hasCommand := n.Str("command")
	urlKey, rawURL := "", ""
	for _, k := range spec.urlKeys {
		if u, ok := n.Str(k); ok {
			urlKey, rawURL = k, u
			break
		}
	}
	transport, reason := spec.transport(n, hasCommand, urlKey)
	switch {
	case transport == evidence.TransportStdio && hasCommand:
		args, _ := n.Strings("args")
		cwd, _ := n.Str("cwd")
		p.stdio(s, command, args, cwd)
	case transport == evidence.TransportStdio:
		s.Transport = evidence.TransportStdio
		if reason == "" {
			reason = "stdio entry without a command"
		}
	case (transport == evidence.TransportStreamableHTTP || transport == evidence.TransportSSE) && urlKey != "":
		p.remote(s, rawURL, spec.entryHeaders(n), transport, spec.oauthDiscovery)
	case transport == evidence.TransportStreamableHTTP || transport == evidence.TransportSSE:
		s.Transport = transport
		if reason == "" {
			reason = "remote entry without a URL"
		}
	default:
		// An unknown transport: still read what is there, so secrets in it
		// are classified (headers included).
		switch {
		case hasCommand:
			args, _ := n.Strings("args")
			cwd, _ := n.Str("cwd")
			p.stdio(s, command, args, cwd)
			s.Transport = evidence.TransportUnknown
		case urlKey != "":
			p.remote(s, rawURL, spec.entryHeaders(n), evidence.TransportUnknown, spec.oauthDiscovery && reason == "")
		}
		if reason == "" && !hasCommand && urlKey == "" {
			reason = "entry has neither a command nor a URL"
		}
	}
	if env, ok := n.StringMap("env"); ok {
		p.env(s, env)
	}
	if d, ok := n.Boolean("disabled"); ok {
		s.Disabled = d
	}
	s.UnknownKeys = n.UnknownKeys(spec.known)
	if spec.extra != nil {
		spec.extra(p, s, n)
	}
	if reason != "" {
		p.ignore(s, reason)
	}
	return s
}

// entries reads every member of a server map.
func (p *parser) entries(obj *postree.Node, scope string, spec *entrySpec) {
	if obj == nil {
		return
	}
	if !obj.IsObject() {
		p.fail(obj, "expected an object of servers, found a %s", obj.Kind)
		return
	}
	for i, name := range obj.Keys {
		p.entry(name, obj.Vals[i], scope, spec)
	}
}

// looksLikeServer reports whether n has the shape of a server entry.
func looksLikeServer(n *postree.Node) bool {
	if !n.IsObject() {
		return false
	}
	for _, k := range []string{"command", "url", "serverUrl", "httpUrl"} {
		if n.Has(k) {
			return true
		}
	}
	return false
}

// looksLikeServerMap reports whether n is an object whose members are
// server entries.
func looksLikeServerMap(n *postree.Node) bool {
	if !n.IsObject() || len(n.Vals) == 0 {
		return false
	}
	for _, v := range n.Vals {
		if looksLikeServer(v) {
			return true
		}
	}
	return false
}

// strays reports server entries in obj that sit where the client does not
// look: a server object directly in obj, a map of servers under another key
// ("mcpServers" in a VS Code file), or a nested "servers" map ("mcp.servers"
// in a Zed file). skip lists the keys the client does read. The entries are
// read (so their values are classified) and marked ignored.
func (p *parser) strays(obj *postree.Node, skip map[string]bool, where, scope string, spec *entrySpec) {
	if !obj.IsObject() {
		return
	}
	client := p.f.Client()
	for i, k := range obj.Keys {
		if skip[k] {
			continue
		}
		v := obj.Vals[i]
		if looksLikeServer(v) || looksLikeServerMap(v) || v.IsObject() && looksLikeServerMap(v.Get("servers")) {
			if p.d.strayKeys == nil {
				p.d.strayKeys = map[string]bool{}
			}
			p.d.strayKeys[k] = true
		}
		switch {
		case looksLikeServer(v):
			s := p.entry(k, v, scope, spec)
			s.Ignored, s.IgnoredReason = true, fmt.Sprintf("server object not wrapped in %s; %s does not read it", where, client)
		case looksLikeServerMap(v):
			for j, name := range v.Keys {
				if !looksLikeServer(v.Vals[j]) {
					continue
				}
				s := p.entry(name, v.Vals[j], scope, spec)
				s.Ignored, s.IgnoredReason = true, fmt.Sprintf("declared under %q; %s reads servers only from %s", k, client, where)
			}
		case v.IsObject() && looksLikeServerMap(v.Get("servers")):
			inner := v.Get("servers")
			for j, name := range inner.Keys {
				if !looksLikeServer(inner.Vals[j]) {
					continue
				}
				s := p.entry(name, inner.Vals[j], scope, spec)
				s.Ignored, s.IgnoredReason = true, fmt.Sprintf("declared under %q; %s reads servers only from %s", k+".servers", client, where)
			}
		}
	}
}
