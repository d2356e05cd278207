package clientconfig

import (
	"fmt"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
)

// clineFormat reads Cline's cline_mcp_settings.json (VS Code global storage,
// per user), parsed with JSON.parse. Entries carry approval lists
// (autoApprove; alwaysAllow in older versions and forks), disabled and a
// transport in "type" (stdio, sse, streamableHttp) or the older
// "transportType"; a url entry without either is SSE.
type clineFormat struct{}

func (clineFormat) ID() string                                { return "cline/cline_mcp_settings.json" }
func (clineFormat) Client() string                            { return "cline" }
func (clineFormat) Syntax() (postree.Syntax, postree.Dialect) { return postree.JSON, postree.Strict }
func (clineFormat) MatchName(p string) files.Strength {
	return matchAny(p, []pattern{{base: "cline_mcp_settings.json"}}, nil)
}
func (clineFormat) MatchContent(root *postree.Node, byName bool) bool {
	return byName && root.IsObject()
}

var clineSpec = &entrySpec{
	known:   keys("type", "transportType", "command", "args", "env", "cwd", "url", "headers", "disabled", "timeout", "autoApprove", "alwaysAllow"),
	urlKeys: []string{"url"},
	transport: func(n *postree.Node, hasCommand bool, urlKey string) (string, string) {
		for _, k := range []string{"type", "transportType"} {
			if t, ok := n.Str(k); ok {
				if tr := transportName(t); tr != "" {
					return tr, ""
				}
				return evidence.TransportUnknown, fmt.Sprintf("Cline does not know %s %q", k, clip(t))
			}
		}
		switch {
		case hasCommand:
			return evidence.TransportStdio, ""
		case urlKey != "":
			return evidence.TransportSSE, ""
		}
		return evidence.TransportUnknown, ""
	},
	extra: func(p *parser, s *evidence.Server, n *postree.Node) {
		for _, k := range []string{"autoApprove", "alwaysAllow"} {
			tools, _ := n.Strings(k)
			s.Approvals.AutoApprove = appendApprovals(&s.Approvals, s.Approvals.AutoApprove, tools)
		}
	},
}

// appendApprovals adds tool names to an auto-approve list; "*" approves all.
func appendApprovals(a *evidence.Approvals, list, tools []string) []string {
	seen := map[string]bool{}
	for _, t := range list {
		seen[t] = true
	}
	for _, t := range tools {
		if t == "*" {
			a.AutoApproveAll = true
		}
		if !seen[t] {
			seen[t] = true
			list = append(list, t)
		}
	}
	return list
}

func (f clineFormat) Parse(d *document) ([]*evidence.Server, []evidence.Diagnostic) {
	p := newParser(d, f)
	p.rootServers(d.root, "mcpServers", evidence.ScopeUser, clineSpec)
	return p.result()
}

// readKeys are the top-level keys the client reads in this file, which
// exists only to declare servers: `mcpServers`.
func (clineFormat) readKeys() map[string]bool { return keys("mcpServers") }
