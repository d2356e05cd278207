package clientconfig

import (
	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
)

// zedFormat reads the context_servers of a Zed settings.json (the user's
// ~/.config/zed/settings.json or a project's .zed/settings.json). Zed parses
// settings as JSONC. Two entry shapes exist: the current flat one
// ({source: "custom", command, args, env}, or {url, headers} for a remote)
// and the older nested one ({command: {path, args, env}}). An entry with
// source "extension" is provided by a Zed extension and has no command here.
// Servers declared under "mcp.servers" or "mcpServers" (other clients'
// shapes) are not read by Zed.
type zedFormat struct{}

func (zedFormat) ID() string                                { return "zed/settings.json" }
func (zedFormat) Client() string                            { return "zed" }
func (zedFormat) Syntax() (postree.Syntax, postree.Dialect) { return postree.JSON, postree.JSONC }
func (zedFormat) MatchName(p string) files.Strength {
	return matchAny(p,
		[]pattern{{dir: ".zed", base: "settings.json"}, {dir: "zed", base: "settings.json"}, {dir: "Zed", base: "settings.json"}},
		[]pattern{{base: "settings.json"}})
}
func (zedFormat) MatchContent(root *postree.Node, byName bool) bool {
	return byName && root.Get("context_servers").IsObject()
}

var zedKnown = keys("source", "command", "args", "env", "url", "headers", "settings", "enabled", "timeout")

var zedSpec = &entrySpec{
	known:   zedKnown,
	urlKeys: []string{"url"},
	// Zed runs the MCP OAuth flow for a remote server that has no
	// Authorization header configured.
	oauthDiscovery: true,
	transport: func(n *postree.Node, hasCommand bool, urlKey string) (string, string) {
		switch {
		case hasCommand:
			return evidence.TransportStdio, ""
		case urlKey != "":
			return evidence.TransportStreamableHTTP, ""
		}
		if src, _ := n.Str("source"); src == "extension" {
			return evidence.TransportStdio, ""
		}
		return evidence.TransportUnknown, ""
	},
}

func (f zedFormat) Parse(d *document) ([]*evidence.Server, []evidence.Diagnostic) {
	p := newParser(d, f)
	root := d.root
	if !root.IsObject() {
		p.fail(root, "expected a JSON object at the top level, found a %s", root.Kind)
		return p.result()
	}
	scope := d.scope()
	autoAll, _ := root.Get("agent").Boolean("always_allow_tool_actions")
	if cs := root.Get("context_servers"); cs != nil {
		if !cs.IsObject() {
			p.fail(cs, "context_servers should be an object, found a %s", cs.Kind)
		}
		for i, name := range cs.Keys {
			p.zedEntry(name, cs.Vals[i], scope)
		}
	}
	p.strays(root, keys("context_servers"), "context_servers", scope, zedSpec)
	tp := root.Get("agent").Get("tool_permissions")
	defAllow := false
	if def, _ := tp.Str("default"); def == "allow" {
		defAllow = true
	}
	allowed := zedAllowedMCPTools(tp)
	for _, s := range p.servers {
		switch {
		case defAllow:
			s.Approvals.AutoApproveAll = true
			s.Approvals.Mode = "tool_permissions.default=allow"
		case autoAll:
			s.Approvals.AutoApproveAll = true
			s.Approvals.Mode = "always_allow_tool_actions"
		}
		for _, t := range allowed {
			if t.server == s.Name {
				s.Approvals.AutoApprove = appendApprovals(&s.Approvals, s.Approvals.AutoApprove, []string{t.tool})
			}
		}
	}
	return p.result()
}

// zedEntry reads one context server in either shape.
func (p *parser) zedEntry(name string, n *postree.Node, scope string) {
	cmd := n.Get("command")
	if !cmd.IsObject() {
		s := p.entry(name, n, scope, zedSpec)
		if src, _ := n.Str("source"); src == "extension" && s.Launch == nil {
			p.warn(n, "context server %q is provided by a Zed extension; its command is not in this file", name)
		}
		if en, ok := n.Boolean("enabled"); ok && !en {
			s.Disabled = true
		}
		return
	}
	s := p.newServer(name, n, scope)
	path, ok := cmd.Str("path")
	if !ok {
		p.ignore(s, "command object without a path")
		return
	}
	args, _ := cmd.Strings("args")
	p.stdio(s, path, args, "")
	if env, ok := cmd.StringMap("env"); ok {
		p.env(s, env)
	}
	s.UnknownKeys = append(n.UnknownKeys(zedKnown), prefixed("command.", cmd.UnknownKeys(keys("path", "args", "env")))...)
}

// prefixed prefixes every key with p.
func prefixed(p string, list []string) []string {
	out := make([]string, len(list))
	for i, k := range list {
		out[i] = p + k
	}
	return out
}
