package clientconfig

import (
	"fmt"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
)

// claudeCodeSettings reads Claude Code's settings files: the user's
// ~/.claude/settings.json, a project's .claude/settings.json (committed)
// and .claude/settings.local.json (personal), and the administrator's
// managed-settings.json. They hold client-wide settings, not servers:
// Claude Code reads MCP servers only from .mcp.json and ~/.claude.json, and
// an mcpServers key in a settings file is silently ignored.
type claudeCodeSettings struct{}

func (claudeCodeSettings) ID() string     { return "claude-code/settings.json" }
func (claudeCodeSettings) Client() string { return "claude-code" }
func (claudeCodeSettings) Syntax() (postree.Syntax, postree.Dialect) {
	return postree.JSON, postree.Strict
}
func (claudeCodeSettings) MatchName(p string) files.Strength {
	return matchAny(p, []pattern{{dir: ".claude", base: "settings.json"}, {dir: ".claude", base: "settings.local.json"},
		{base: "managed-settings.json"}}, nil)
}
func (claudeCodeSettings) MatchContent(root *postree.Node, byName bool) bool {
	return byName && root.IsObject()
}

func (f claudeCodeSettings) Parse(d *document) ([]*evidence.Server, []evidence.Diagnostic) {
	p := newParser(d, f)
	if !d.root.IsObject() {
		p.fail(d.root, "expected a JSON object at the top level, found a %s", d.root.Kind)
		return p.result()
	}
	p.strays(d.root, keys("permissions", "env", "hooks"), ".mcp.json or ~/.claude.json (not a settings file)", d.scope(), claudeCodeSpec)
	return p.result()
}

// claudeProjectScoped reports whether a Claude Code settings file belongs to
// a project (committed or personal) rather than to the user or the
// administrator.
func claudeProjectScoped(d *document) bool {
	return d.scope() == evidence.ScopeProject && !strings.HasSuffix(d.path, "managed-settings.json")
}

// readSettings reads the permission mode, the MCP allow rules and the
// settings that start a project's servers without asking.
func (claudeCodeSettings) readSettings(d *document, cs *clientSettings) {
	local := strings.HasSuffix(d.path, "settings.local.json")
	switch {
	case strings.HasSuffix(d.path, "managed-settings.json"):
		cs.c.Scope = evidence.ScopeManaged
	case local && cs.c.Scope == evidence.ScopeProject:
		cs.c.Scope = evidence.ScopeLocal
	}
	root := d.root
	perms := root.Get("permissions")
	if mode, ok := perms.Str("defaultMode"); ok {
		note := ""
		if claudeProjectScoped(d) && (mode == "bypassPermissions" || mode == "auto") {
			note = "Claude Code 2.1.257 and later ignore this mode in project and local settings; earlier versions apply it"
		}
		switch mode {
		case "bypassPermissions":
			cs.add(perms.Get("defaultMode"), "permissions.defaultMode", mode, evidence.EffectApproveAll, note)
		case "auto":
			cs.add(perms.Get("defaultMode"), "permissions.defaultMode", mode, evidence.EffectApproveAll,
				strings.TrimPrefix(note+"; a classifier, not a person, approves each call", "; "))
		}
	}
	claudeAllowRules(cs, perms.Get("allow"), "permissions.allow")
	if on, _ := root.Boolean("enableAllProjectMcpServers"); on {
		cs.add(root.Get("enableAllProjectMcpServers"), "enableAllProjectMcpServers", "true", evidence.EffectProjectTrusted, "")
	}
	if claudeProjectScoped(d) {
		// A repository that approves its own .mcp.json servers by name.
		if names, ok := root.Strings("enabledMcpjsonServers"); ok && len(names) > 0 {
			cs.add(root.Get("enabledMcpjsonServers"), "enabledMcpjsonServers", strings.Join(names, ", "), evidence.EffectProjectTrusted,
				"set by the repository whose servers it approves")
		}
	}
}

// claudeAllowRules reads Claude Code permission allow rules that approve MCP
// tools: mcp__server (every tool of the server), mcp__server__* and
// mcp__server__tool. A rule with a wildcard in the server name is skipped by
// Claude Code and is not counted.
func claudeAllowRules(cs *clientSettings, list *postree.Node, key string) {
	if list == nil || list.Kind != postree.Array {
		return
	}
	var tools []string
	for _, item := range list.Items {
		rule := strings.TrimSpace(item.Text)
		if item.Kind != postree.String || !strings.HasPrefix(rule, "mcp__") {
			continue
		}
		server, tool, hasTool := strings.Cut(strings.TrimPrefix(rule, "mcp__"), "__")
		if server == "" || strings.Contains(server, "*") || strings.ContainsAny(rule, "()") {
			continue
		}
		switch {
		case !hasTool || tool == "*":
			tools = append(tools, server+"/*")
		default:
			tools = append(tools, server+"/"+tool)
		}
	}
	cs.approveTools(list, key, tools, "")
}

// readSettings of ~/.claude.json: per project, servers approved wholesale
// and tools allowed (the older allowedTools list).
func (claudeCodeUser) readSettings(d *document, cs *clientSettings) {
	cs.c.Scope = evidence.ScopeUser
	projects := d.root.Get("projects")
	if !projects.IsObject() {
		return
	}
	for i, path := range projects.Keys {
		proj := projects.Vals[i]
		at := fmt.Sprintf("projects[%q].", path)
		if on, _ := proj.Boolean("enableAllProjectMcpServers"); on {
			cs.add(proj.Get("enableAllProjectMcpServers"), at+"enableAllProjectMcpServers", "true", evidence.EffectProjectTrusted, "")
		}
		claudeAllowRules(cs, proj.Get("allowedTools"), at+"allowedTools")
	}
}
