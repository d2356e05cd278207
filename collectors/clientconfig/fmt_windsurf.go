package clientconfig

import (
	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
)

// windsurfFormat reads Windsurf's ~/.codeium/windsurf/mcp_config.json and
// Antigravity's ~/.gemini/antigravity/mcp_config.json, which share one
// shape: mcpServers with command/args/env for stdio servers and serverUrl
// (plus headers) for remote ones. Both document serverUrl only, so an entry
// with just a url is not connected. The files are per-user and read as
// strict JSON. A flattened or copied mcp_config.json is Antigravity's when
// its path says so, Windsurf's otherwise.
type windsurfFormat struct{ client string }

func (f windsurfFormat) ID() string                              { return f.client + "/mcp_config.json" }
func (f windsurfFormat) Client() string                          { return f.client }
func (windsurfFormat) Syntax() (postree.Syntax, postree.Dialect) { return postree.JSON, postree.Strict }
func (f windsurfFormat) MatchName(p string) files.Strength {
	if f.client == "antigravity" {
		if m := matchAny(p, []pattern{{dir: ".gemini/antigravity", base: "mcp_config.json"}}, nil); m != files.None {
			return m
		}
		if pathHas(p, "antigravity") {
			return matchAny(p, []pattern{{base: "mcp_config.json"}}, nil)
		}
		return files.None
	}
	return matchAny(p, []pattern{{base: "mcp_config.json"}}, nil)
}
func (windsurfFormat) MatchContent(root *postree.Node, byName bool) bool {
	return byName && root.IsObject()
}

var windsurfSpec = &entrySpec{
	known:   keys("command", "args", "env", "serverUrl", "headers", "disabled", "disabledTools"),
	urlKeys: []string{"serverUrl", "url"},
	transport: func(n *postree.Node, hasCommand bool, urlKey string) (string, string) {
		switch {
		case hasCommand:
			return evidence.TransportStdio, ""
		case urlKey == "serverUrl":
			return evidence.TransportStreamableHTTP, ""
		case urlKey != "":
			u, _ := n.Str(urlKey)
			return urlTransport(u), "remote servers are configured with serverUrl; a url entry is not connected"
		}
		return evidence.TransportUnknown, ""
	},
	oauthDiscovery: true,
	extra: func(p *parser, s *evidence.Server, n *postree.Node) {
		if tools, ok := n.Strings("disabledTools"); ok {
			s.Approvals.ExcludeTools = append(s.Approvals.ExcludeTools, tools...)
		}
	},
}

func (f windsurfFormat) Parse(d *document) ([]*evidence.Server, []evidence.Diagnostic) {
	p := newParser(d, f)
	p.rootServers(d.root, "mcpServers", evidence.ScopeUser, windsurfSpec)
	return p.result()
}

// readKeys are the top-level keys the client reads in this file, which
// exists only to declare servers: `mcpServers`.
func (windsurfFormat) readKeys() map[string]bool { return keys("mcpServers") }
