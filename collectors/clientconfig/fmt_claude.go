package clientconfig

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
)

// urlTransport guesses the transport of a URL from its path: a path ending
// in /sse is a legacy SSE endpoint, anything else Streamable HTTP.
func urlTransport(raw string) string {
	u, err := url.Parse(raw)
	p := raw
	if err == nil {
		p = u.Path
	}
	if strings.HasSuffix(strings.TrimSuffix(p, "/"), "/sse") {
		return evidence.TransportSSE
	}
	return evidence.TransportStreamableHTTP
}

// claudeDesktop reads Claude Desktop's claude_desktop_config.json. Claude
// Desktop parses it with JSON.parse (comments are a syntax error) and runs
// only stdio servers from it: remote servers are added as connectors in the
// app, so an entry with just a url is not loaded.
type claudeDesktop struct{}

func (claudeDesktop) ID() string                                { return "claude-desktop/claude_desktop_config.json" }
func (claudeDesktop) Client() string                            { return "claude-desktop" }
func (claudeDesktop) Syntax() (postree.Syntax, postree.Dialect) { return postree.JSON, postree.Strict }
func (claudeDesktop) MatchName(p string) files.Strength {
	return matchAny(p, []pattern{{base: "claude_desktop_config.json"}}, nil)
}
func (claudeDesktop) MatchContent(root *postree.Node, byName bool) bool {
	return byName && root.IsObject()
}

var claudeDesktopSpec = &entrySpec{
	known:   keys("command", "args", "env"),
	urlKeys: []string{"url"},
	transport: func(n *postree.Node, hasCommand bool, urlKey string) (string, string) {
		if hasCommand {
			return evidence.TransportStdio, ""
		}
		if urlKey != "" {
			u, _ := n.Str(urlKey)
			return urlTransport(u), "Claude Desktop runs only stdio servers from its JSON config; a url entry is not loaded (remote servers are added as connectors)"
		}
		return evidence.TransportUnknown, ""
	},
}

func (f claudeDesktop) Parse(d *document) ([]*evidence.Server, []evidence.Diagnostic) {
	p := newParser(d, f)
	p.rootServers(d.root, "mcpServers", evidence.ScopeUser, claudeDesktopSpec)
	return p.result()
}

// rootServers reads the server map under key in root and reports server
// entries found elsewhere in root as ignored.
func (p *parser) rootServers(root *postree.Node, key, scope string, spec *entrySpec, alsoRead ...string) {
	if !root.IsObject() {
		p.fail(root, "expected a JSON object at the top level, found a %s", root.Kind)
		return
	}
	p.entries(root.Get(key), scope, spec)
	skip := keys(append(alsoRead, key)...)
	p.strays(root, skip, key, scope, spec)
}

// claudeCodeTransport is Claude Code's rule: an entry is validated against
// a union of stdio ({command}, type optional), sse ({type: "sse", url}),
// http ({type: "http", url}; "streamable-http" is accepted by recent
// releases only), WebSocket ({type: "ws", url}) and the IDE-internal
// "sse-ide" and "ws-ide" shapes. A url without a type matches no branch and
// the server is dropped ("Does not adhere to MCP server configuration
// schema"), as is an unknown type such as "streamableHttp". A WebSocket
// server is loaded; its transport has no evidence name, so it is unknown.
func claudeCodeTransport(n *postree.Node, hasCommand bool, urlKey string) (string, string) {
	if t, ok := n.Str("type"); ok {
		switch t {
		case "stdio":
			return evidence.TransportStdio, ""
		case "http", "streamable-http":
			return evidence.TransportStreamableHTTP, ""
		case "sse", "sse-ide":
			return evidence.TransportSSE, ""
		case "ws", "ws-ide":
			if urlKey == "" {
				return evidence.TransportUnknown, "WebSocket entry without a URL"
			}
			return evidence.TransportUnknown, ""
		}
		return evidence.TransportUnknown, fmt.Sprintf("Claude Code does not know type %q", clip(t))
	}
	if hasCommand {
		return evidence.TransportStdio, ""
	}
	if urlKey != "" {
		u, _ := n.Str(urlKey)
		return urlTransport(u), `url entry without "type": Claude Code requires type "http" or "sse" and drops the server`
	}
	return evidence.TransportUnknown, ""
}

var claudeCodeSpec = &entrySpec{
	known:          keys("type", "command", "args", "env", "url", "headers", "headersHelper", "oauth"),
	urlKeys:        []string{"url"},
	transport:      claudeCodeTransport,
	oauthDiscovery: true,
	extra: func(p *parser, s *evidence.Server, n *postree.Node) {
		if n.Get("oauth").IsObject() && s.Remote != nil && (s.Auth.Kind == evidence.AuthNone || s.Auth.Kind == evidence.AuthOAuthCapable) {
			s.Auth.Kind = evidence.AuthOAuth
		}
		if h, ok := n.Str("headersHelper"); ok && h != "" && s.Remote != nil && (s.Auth.Kind == evidence.AuthNone || s.Auth.Kind == evidence.AuthOAuthCapable) {
			// A helper script prints the headers at connect time.
			s.Auth.Kind = evidence.AuthReference
		}
	},
}

// claudeCodeProject reads a Claude Code project (or plugin) .mcp.json,
// parsed with JSON.parse.
type claudeCodeProject struct{}

func (claudeCodeProject) ID() string     { return "claude-code/.mcp.json" }
func (claudeCodeProject) Client() string { return "claude-code" }
func (claudeCodeProject) Syntax() (postree.Syntax, postree.Dialect) {
	return postree.JSON, postree.Strict
}
func (claudeCodeProject) MatchName(p string) files.Strength {
	return matchAny(p, []pattern{{base: ".mcp.json"}}, nil)
}
func (claudeCodeProject) MatchContent(root *postree.Node, byName bool) bool {
	return byName && root.IsObject()
}
func (f claudeCodeProject) Parse(d *document) ([]*evidence.Server, []evidence.Diagnostic) {
	p := newParser(d, f)
	p.rootServers(d.root, "mcpServers", d.scope(), claudeCodeSpec)
	return p.result()
}

// claudeCodeUser reads ~/.claude.json: top-level mcpServers are user scope,
// projects["/abs/path"].mcpServers are local scope (one project only).
type claudeCodeUser struct{}

func (claudeCodeUser) ID() string                                { return "claude-code/.claude.json" }
func (claudeCodeUser) Client() string                            { return "claude-code" }
func (claudeCodeUser) Syntax() (postree.Syntax, postree.Dialect) { return postree.JSON, postree.Strict }
func (claudeCodeUser) MatchName(p string) files.Strength {
	return matchAny(p, []pattern{{base: ".claude.json"}}, nil)
}
func (claudeCodeUser) MatchContent(root *postree.Node, byName bool) bool {
	return byName && root.IsObject()
}
func (f claudeCodeUser) Parse(d *document) ([]*evidence.Server, []evidence.Diagnostic) {
	p := newParser(d, f)
	p.rootServers(d.root, "mcpServers", evidence.ScopeUser, claudeCodeSpec, "projects")
	if projects := d.root.Get("projects"); projects.IsObject() {
		for _, proj := range projects.Vals {
			if proj.IsObject() {
				p.entries(proj.Get("mcpServers"), evidence.ScopeLocal, claudeCodeSpec)
			}
		}
	}
	return p.result()
}

// claudeCodeManaged reads an administrator's managed-mcp.json.
type claudeCodeManaged struct{}

func (claudeCodeManaged) ID() string     { return "claude-code/managed-mcp.json" }
func (claudeCodeManaged) Client() string { return "claude-code" }
func (claudeCodeManaged) Syntax() (postree.Syntax, postree.Dialect) {
	return postree.JSON, postree.Strict
}
func (claudeCodeManaged) MatchName(p string) files.Strength {
	return matchAny(p, []pattern{{base: "managed-mcp.json"}}, nil)
}
func (claudeCodeManaged) MatchContent(root *postree.Node, byName bool) bool {
	return byName && root.IsObject()
}
func (f claudeCodeManaged) Parse(d *document) ([]*evidence.Server, []evidence.Diagnostic) {
	p := newParser(d, f)
	p.rootServers(d.root, "mcpServers", evidence.ScopeManaged, claudeCodeSpec)
	return p.result()
}

// readKeys are the top-level keys the client reads in this file, which
// exists only to declare servers: `mcpServers`.
func (claudeCodeProject) readKeys() map[string]bool { return keys("mcpServers") }

// readKeys are the top-level keys the client reads in this file, which
// exists only to declare servers: `mcpServers`.
func (claudeCodeManaged) readKeys() map[string]bool { return keys("mcpServers") }
