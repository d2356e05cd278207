package evidence

// Client is one AI client's settings file and what it decides for every
// tool and every MCP server at once: settings that switch off confirmation
// or sandboxing, approve MCP tools client-wide, or start the servers a
// repository declares without review. One subject per settings file.
type Client struct {
	Meta
	// Client is the client the file configures: claude-code, vscode, zed,
	// codex, gemini-cli, cursor.
	Client string `json:"client"`
	// Format identifies the file format, e.g. "claude-code/settings.json".
	Format string `json:"format"`
	// Scope is user, project, local or managed.
	Scope string `json:"scope"`
	// AutoApproveAll is true when every tool call, MCP tools included, runs
	// without a person confirming it (Claude Code bypassPermissions, Codex
	// approval_policy "never", Zed tool_permissions default "allow", VS Code
	// chat.tools.global.autoApprove).
	AutoApproveAll bool `json:"auto_approve_all"`
	// AutoApproveTools are MCP tools approved client-wide, as "server/tool",
	// "server/*" for every tool of a server, or "*" (sorted, distinct).
	AutoApproveTools []string `json:"auto_approve_tools,omitempty"`
	// SandboxDisabled is true when the client's sandbox, on by default, is
	// switched off (Codex sandbox_mode "danger-full-access").
	SandboxDisabled bool `json:"sandbox_disabled"`
	// ProjectServersTrusted is true when servers a repository declares are
	// started without the user reviewing them (Claude Code
	// enableAllProjectMcpServers, a repository's own enabledMcpjsonServers,
	// Gemini CLI folder trust switched off or granted to every folder).
	ProjectServersTrusted bool `json:"project_servers_trusted"`
	// Settings are the settings behind those facts, where they are written.
	Settings []ClientSetting `json:"settings,omitempty"`
}

// Effects a client setting can have.
const (
	EffectApproveAll     = "approve-all"             // every tool call runs without confirmation
	EffectApproveTools   = "approve-tools"           // some MCP tools run without confirmation
	EffectSandboxOff     = "sandbox-off"             // the client's sandbox is switched off
	EffectProjectTrusted = "project-servers-trusted" // repository-declared servers start unreviewed
)

// ClientSetting is one setting of a client's file and what it does.
type ClientSetting struct {
	// Key is the setting's path (permissions.defaultMode).
	Key string `json:"key"`
	// Value is the value as written (bypassPermissions), or the entries
	// that matter, joined with ", ".
	Value string `json:"value"`
	// Effect is one of the Effect* constants.
	Effect string `json:"effect"`
	Line   int    `json:"line,omitempty"`
	// Note qualifies the effect (the versions or the profile it applies to).
	Note string `json:"note,omitempty"`
}
