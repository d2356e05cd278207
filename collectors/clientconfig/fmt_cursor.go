package clientconfig

import (
	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
)

// cursorFormat reads Cursor's mcp.json (project .cursor/mcp.json or the
// user's ~/.cursor/mcp.json). Cursor rejects comments and trailing commas
// (it reports a JSON syntax error), so the file is read as strict JSON. A url
// entry is Streamable HTTP unless its type says sse; Cursor runs OAuth for
// remote servers that ask for it.
type cursorFormat struct{}

func (cursorFormat) ID() string                                { return "cursor/mcp.json" }
func (cursorFormat) Client() string                            { return "cursor" }
func (cursorFormat) Syntax() (postree.Syntax, postree.Dialect) { return postree.JSON, postree.Strict }
func (cursorFormat) MatchName(p string) files.Strength {
	return matchAny(p, []pattern{{dir: ".cursor", base: "mcp.json"}}, nil)
}
func (cursorFormat) MatchContent(root *postree.Node, byName bool) bool {
	return byName && root.IsObject()
}

var cursorSpec = &entrySpec{
	known:          keys("type", "command", "args", "env", "envFile", "url", "headers", "auth"),
	urlKeys:        []string{"url"},
	transport:      commonTransport,
	oauthDiscovery: true,
	extra: func(p *parser, s *evidence.Server, n *postree.Node) {
		auth := n.Get("auth")
		if !auth.IsObject() || s.Remote == nil {
			return
		}
		// Static OAuth client credentials: {CLIENT_ID, CLIENT_SECRET, scopes}.
		if s.Auth.Kind == evidence.AuthNone || s.Auth.Kind == evidence.AuthOAuthCapable {
			s.Auth = evidence.Auth{Kind: evidence.AuthOAuth}
		}
		if secret, ok := auth.Str("CLIENT_SECRET"); ok && s.Auth.Kind == evidence.AuthOAuth {
			v := p.value("CLIENT_SECRET", secret)
			s.Auth.Value = &v
		}
	},
}

func (f cursorFormat) Parse(d *document) ([]*evidence.Server, []evidence.Diagnostic) {
	p := newParser(d, f)
	p.rootServers(d.root, "mcpServers", d.scope(), cursorSpec)
	return p.result()
}

// readKeys are the top-level keys the client reads in this file, which
// exists only to declare servers: `mcpServers`.
func (cursorFormat) readKeys() map[string]bool { return keys("mcpServers") }
