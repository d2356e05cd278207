package clientconfig

import (
	"fmt"
	"path"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/collectors/launch"
	"github.com/tollgate-dev/tollgate/evidence"
)

// The client-wide settings of each client, read from its own settings file
// as the client documents them.

// readSettings of a VS Code settings.json: the global auto-approval of
// every tool (chat.tools.global.autoApprove, formerly chat.tools.autoApprove,
// the "YOLO" setting) and a default permission level that approves
// everything (Bypass Approvals, Autopilot).
func (vscodeSettings) readSettings(d *document, cs *clientSettings) {
	cs.c.Scope = vscodeScope(d)
	root := d.root
	for _, k := range []struct{ key, note string }{
		{"chat.tools.global.autoApprove", ""},
		{"chat.tools.autoApprove", "the name of the setting before VS Code 1.104"},
	} {
		n := root.Get(k.key)
		if n == nil {
			n = root.Lookup(strings.Split(k.key, ".")...)
		}
		if n != nil && n.Kind == postree.Bool && n.Text == "true" {
			cs.add(n, k.key, "true", evidence.EffectApproveAll, k.note)
		}
	}
	if n := root.Get("chat.permissions.default"); n != nil && n.Kind == postree.String {
		switch strings.ToLower(strings.NewReplacer("-", "", "_", "", " ", "").Replace(n.Text)) {
		case "autoapprove", "autopilot", "bypassapprovals", "bypass", "allowall":
			cs.add(n, "chat.permissions.default", n.Text, evidence.EffectApproveAll, "new chat sessions start without confirmations")
		}
	}
}

// readSettings of a Zed settings.json: agent.tool_permissions (Zed 0.224
// and later) with a default of "allow", or rules that allow MCP tools
// ("mcp:<server>:<tool>"), and the older agent.always_allow_tool_actions.
func (zedFormat) readSettings(d *document, cs *clientSettings) {
	agent := d.root.Get("agent")
	if n := agent.Get("always_allow_tool_actions"); n != nil && n.Kind == postree.Bool && n.Text == "true" {
		cs.add(n, "agent.always_allow_tool_actions", "true", evidence.EffectApproveAll, "read by Zed before 0.224; later versions read agent.tool_permissions")
	}
	tp := agent.Get("tool_permissions")
	if def, ok := tp.Str("default"); ok && def == "allow" {
		cs.add(tp.Get("default"), "agent.tool_permissions.default", def, evidence.EffectApproveAll, "")
	}
	var tools []string
	for _, t := range zedAllowedMCPTools(tp) {
		tools = append(tools, t.server+"/"+t.tool)
	}
	cs.approveTools(tp.Get("tools"), "agent.tool_permissions.tools", tools, "")
}

// zedTool is an MCP tool Zed's tool permissions allow by default.
type zedTool struct{ server, tool string }

// zedAllowedMCPTools returns the MCP tools ("mcp:<server>:<tool>") whose
// tool-specific default is "allow".
func zedAllowedMCPTools(tp *postree.Node) []zedTool {
	tools := tp.Get("tools")
	if !tools.IsObject() {
		return nil
	}
	var out []zedTool
	for i, name := range tools.Keys {
		rest, ok := strings.CutPrefix(name, "mcp:")
		if !ok {
			continue
		}
		server, tool, ok := strings.Cut(rest, ":")
		if def, _ := tools.Vals[i].Str("default"); ok && def == "allow" && server != "" && tool != "" {
			out = append(out, zedTool{server, tool})
		}
	}
	return out
}

// readSettings of a Codex config.toml: approval_policy "never" (nothing is
// ever confirmed) and sandbox_mode "danger-full-access" (commands run
// without the sandbox), at the top level and in each profile.
func (codexFormat) readSettings(d *document, cs *clientSettings) {
	codexPolicies(cs, d.root, "", "")
	profiles := d.root.Get("profiles")
	if !profiles.IsObject() {
		return
	}
	current, _ := d.root.Str("profile")
	for i, name := range profiles.Keys {
		note := fmt.Sprintf("applies when the profile is selected (--profile %s)", name)
		if name == current {
			note = "the default profile"
		}
		codexPolicies(cs, profiles.Vals[i], "profiles."+name+".", note)
	}
}

// codexPolicies reads the approval and sandbox policies of one table.
func codexPolicies(cs *clientSettings, t *postree.Node, prefix, note string) {
	if v, ok := t.Str("approval_policy"); ok && v == "never" {
		cs.add(t.Get("approval_policy"), prefix+"approval_policy", v, evidence.EffectApproveAll, note)
	}
	if v, ok := t.Str("sandbox_mode"); ok && v == "danger-full-access" {
		cs.add(t.Get("sandbox_mode"), prefix+"sandbox_mode", v, evidence.EffectSandboxOff, note)
	}
}

// readSettings of a Gemini CLI settings.json: folder trust switched off,
// with which Gemini CLI loads every folder's .gemini/settings.json, and the
// servers it declares, without asking. (YOLO mode cannot be set in a
// settings file; Gemini CLI refuses it there.)
func (geminiFormat) readSettings(d *document, cs *clientSettings) {
	n := d.root.Lookup("security", "folderTrust", "enabled")
	key := "security.folderTrust.enabled"
	if n == nil {
		n, key = d.root.Get("folderTrust"), "folderTrust" // the setting's earlier place
	}
	if n != nil && n.Kind == postree.Bool && n.Text == "false" {
		cs.add(n, key, "false", evidence.EffectProjectTrusted, "every folder's project settings and servers load without asking")
	}
}

// geminiTrustedFolders reads Gemini CLI's ~/.gemini/trustedFolders.json: the
// folders the user trusts (TRUST_FOLDER), trusts with everything under
// their parent (TRUST_PARENT), or does not trust. A trusted folder's
// .gemini/settings.json and servers load without asking.
type geminiTrustedFolders struct{}

func (geminiTrustedFolders) ID() string     { return "gemini-cli/trustedFolders.json" }
func (geminiTrustedFolders) Client() string { return "gemini-cli" }
func (geminiTrustedFolders) Syntax() (postree.Syntax, postree.Dialect) {
	return postree.JSON, postree.Comments
}
func (geminiTrustedFolders) MatchName(p string) files.Strength {
	return matchAny(p, []pattern{{dir: ".gemini", base: "trustedFolders.json"}}, nil)
}
func (geminiTrustedFolders) MatchContent(root *postree.Node, byName bool) bool {
	return byName && root.IsObject()
}
func (f geminiTrustedFolders) Parse(d *document) ([]*evidence.Server, []evidence.Diagnostic) {
	return settingsOnly(d, f)
}

// readSettings: a trust that covers every project (the filesystem root, a
// drive, the home folder) makes every repository's servers load unasked.
func (geminiTrustedFolders) readSettings(d *document, cs *clientSettings) {
	if !d.root.IsObject() {
		return
	}
	cs.c.Scope = evidence.ScopeUser
	for i, folder := range d.root.Keys {
		level := ""
		if d.root.Vals[i].Kind == postree.String {
			level = d.root.Vals[i].Text
		}
		area := ""
		switch level {
		case "TRUST_FOLDER":
			area = folder
		case "TRUST_PARENT":
			area = parentFolder(folder)
		}
		if area == "" {
			continue
		}
		if r := launch.ClassifyRoot(area); r.Broad && r.Reason != launch.BroadDotfiles {
			cs.add(d.root.Vals[i], folder, level, evidence.EffectProjectTrusted,
				fmt.Sprintf("trusts every folder under %s (%s)", area, r.Reason))
		}
	}
}

// parentFolder returns the folder holding p, for Unix and Windows paths.
func parentFolder(p string) string {
	q := strings.TrimRight(strings.ReplaceAll(p, `\`, "/"), "/")
	dir := path.Dir(q)
	if len(q) >= 2 && q[1] == ':' && !strings.Contains(q[2:], "/") {
		return q // a drive has no parent
	}
	if len(dir) == 2 && dir[1] == ':' {
		dir += "/"
	}
	return dir
}

// cursorPermissions reads Cursor's permissions.json (~/.cursor/permissions.json
// for the user, <workspace>/.cursor/permissions.json for a repository; JSONC):
// mcpAllowlist lists MCP tools that auto-run without approval as
// "server:tool", "server:*" or "*:*".
type cursorPermissions struct{}

func (cursorPermissions) ID() string     { return "cursor/permissions.json" }
func (cursorPermissions) Client() string { return "cursor" }
func (cursorPermissions) Syntax() (postree.Syntax, postree.Dialect) {
	return postree.JSON, postree.JSONC
}
func (cursorPermissions) MatchName(p string) files.Strength {
	return matchAny(p, []pattern{{dir: ".cursor", base: "permissions.json"}}, nil)
}
func (cursorPermissions) MatchContent(root *postree.Node, byName bool) bool {
	return byName && root.IsObject()
}
func (f cursorPermissions) Parse(d *document) ([]*evidence.Server, []evidence.Diagnostic) {
	return settingsOnly(d, f)
}

func (cursorPermissions) readSettings(d *document, cs *clientSettings) {
	list := d.root.Get("mcpAllowlist")
	entries, _ := d.root.Strings("mcpAllowlist")
	var tools []string
	for _, e := range entries {
		server, tool, ok := strings.Cut(strings.TrimSpace(e), ":")
		switch {
		case e == "*" || ok && server == "*" && tool == "*":
			tools = append(tools, "*")
		case ok && server != "":
			tools = append(tools, server+"/"+tool)
		}
	}
	cs.approveTools(list, "mcpAllowlist", tools, "auto-runs when Cursor's auto-run mode is on")
}

// cursorCLI reads the Cursor CLI's configuration (~/.cursor/cli-config.json,
// a project's .cursor/cli.json): permissions.allow rules, among them
// Mcp(server, tool) rules that approve MCP tools.
type cursorCLI struct{}

func (cursorCLI) ID() string                                { return "cursor/cli-config.json" }
func (cursorCLI) Client() string                            { return "cursor" }
func (cursorCLI) Syntax() (postree.Syntax, postree.Dialect) { return postree.JSON, postree.Strict }
func (cursorCLI) MatchName(p string) files.Strength {
	return matchAny(p, []pattern{{dir: ".cursor", base: "cli-config.json"}, {dir: ".cursor", base: "cli.json"}}, nil)
}
func (cursorCLI) MatchContent(root *postree.Node, byName bool) bool {
	return byName && root.IsObject()
}
func (f cursorCLI) Parse(d *document) ([]*evidence.Server, []evidence.Diagnostic) {
	return settingsOnly(d, f)
}

func (cursorCLI) readSettings(d *document, cs *clientSettings) {
	allow := d.root.Get("permissions").Get("allow")
	rules, _ := d.root.Get("permissions").Strings("allow")
	var tools []string
	for _, r := range rules {
		inner, ok := strings.CutPrefix(strings.TrimSpace(r), "Mcp(")
		if !ok || !strings.HasSuffix(inner, ")") {
			continue
		}
		inner = strings.TrimSuffix(inner, ")")
		sep := ","
		if !strings.Contains(inner, ",") {
			sep = ":"
		}
		server, tool, _ := strings.Cut(inner, sep)
		server, tool = strings.TrimSpace(server), strings.TrimSpace(tool)
		switch {
		case server == "*" && (tool == "*" || tool == ""):
			tools = append(tools, "*")
		case server != "":
			if tool == "" {
				tool = "*"
			}
			tools = append(tools, server+"/"+tool)
		}
	}
	cs.approveTools(allow, "permissions.allow", tools, "")
}

// settingsOnly parses a settings file that declares no servers: only its
// top-level shape is checked.
func settingsOnly(d *document, f format) ([]*evidence.Server, []evidence.Diagnostic) {
	p := newParser(d, f)
	if !d.root.IsObject() {
		p.fail(d.root, "expected a JSON object at the top level, found a %s", d.root.Kind)
	}
	return p.result()
}
