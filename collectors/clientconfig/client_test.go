package clientconfig

import (
	"reflect"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
)

// TestClientWideSettings reads each client's settings file the way the
// client documents it into one client subject: what runs without
// confirmation, without a sandbox, and which repository servers start
// unreviewed, with the settings behind each fact.
func TestClientWideSettings(t *testing.T) {
	tests := []struct {
		name, file, content string
		scope               string
		all, sandbox, proj  bool
		tools               []string
		keys                []string // settings recorded, in order
	}{
		{"claude code project settings", ".claude/settings.json",
			`{"permissions": {"defaultMode": "bypassPermissions", "allow": ["mcp__github", "mcp__linear__create_issue", "mcp__*", "Bash(ls)"]},
			  "enableAllProjectMcpServers": true, "enabledMcpjsonServers": ["db"]}`,
			"project", true, false, true, []string{"github/*", "linear/create_issue"},
			[]string{"permissions.defaultMode", "permissions.allow", "enableAllProjectMcpServers", "enabledMcpjsonServers"}},
		{"claude code user settings that confirm", "~/.claude/settings.json",
			`{"permissions": {"defaultMode": "acceptEdits", "allow": ["Bash(npm test)"]}, "enabledMcpjsonServers": ["db"]}`,
			"user", false, false, false, nil, nil},
		{"claude code local settings", ".claude/settings.local.json", `{"permissions": {"defaultMode": "auto"}}`,
			"local", true, false, false, nil, []string{"permissions.defaultMode"}},
		{"claude code managed settings", "managed-settings.json", `{"permissions": {"disableBypassPermissionsMode": "disable"}}`,
			"managed", false, false, false, nil, nil},
		{"claude code user file", "~/.claude.json",
			`{"projects": {"/home/me/app": {"enableAllProjectMcpServers": true, "allowedTools": ["mcp__fs__read_file"]}}}`,
			"user", false, false, true, []string{"fs/read_file"},
			[]string{`projects["/home/me/app"].enableAllProjectMcpServers`, `projects["/home/me/app"].allowedTools`}},
		{"vscode workspace yolo", ".vscode/settings.json", `{"chat.tools.global.autoApprove": true, "editor.fontSize": 14}`,
			"project", true, false, false, nil, []string{"chat.tools.global.autoApprove"}},
		{"vscode user permission level", "Code/User/settings.json", `{"chat.permissions.default": "autopilot", "chat.tools.autoApprove": false}`,
			"user", true, false, false, nil, []string{"chat.permissions.default"}},
		{"vscode settings without chat settings", ".vscode/settings.json", `{"editor.fontSize": 14}`,
			"project", false, false, false, nil, nil},
		{"zed tool permissions", ".zed/settings.json",
			`{"agent": {"tool_permissions": {"default": "allow", "tools": {"mcp:github:create_issue": {"default": "allow"}, "terminal": {"default": "confirm"}}}}, "context_servers": {"github": {"command": "x"}}}`,
			"project", true, false, false, []string{"github/create_issue"},
			[]string{"agent.tool_permissions.default", "agent.tool_permissions.tools"}},
		{"codex never and full access", ".codex/config.toml",
			"approval_policy = \"never\"\nsandbox_mode = \"danger-full-access\"\nprofile = \"fast\"\n[profiles.fast]\napproval_policy = \"never\"\n[profiles.safe]\napproval_policy = \"on-request\"\n",
			"project", true, true, false, nil, []string{"approval_policy", "sandbox_mode", "profiles.fast.approval_policy"}},
		{"gemini folder trust off", ".gemini/settings.json", `{"security": {"folderTrust": {"enabled": false}}}`,
			"project", false, false, true, nil, []string{"security.folderTrust.enabled"}},
		{"gemini trusted folders", "~/.gemini/trustedFolders.json",
			`{"/home/me": "TRUST_FOLDER", "/home/me/work/repo": "TRUST_FOLDER", "/home/me/projects": "TRUST_PARENT", "/tmp/x": "DO_NOT_TRUST"}`,
			"user", false, false, true, nil, []string{"/home/me", "/home/me/projects"}},
		{"cursor permissions", ".cursor/permissions.json", `{"mcpAllowlist": ["github:*", "linear:list_issues", "*:*"], "terminalAllowlist": ["git"]}`,
			"project", true, false, false, []string{"*", "github/*", "linear/list_issues"}, []string{"mcpAllowlist"}},
		{"cursor cli", ".cursor/cli.json", `{"permissions": {"allow": ["Mcp(github, *)", "Shell(ls)", "Mcp(linear:list_issues)"]}}`,
			"project", false, false, false, []string{"github/*", "linear/list_issues"}, []string{"permissions.allow"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var clients []*evidence.Client
			for _, s := range analyze(tt.file, []byte(tt.content)) {
				if c, ok := s.(*evidence.Client); ok {
					clients = append(clients, c)
				}
				if err := evidence.ValidateSubject(s); err != nil {
					t.Errorf("%s does not match the schema: %v", s.Metadata().ID, err)
				}
			}
			if len(clients) != 1 {
				t.Fatalf("%d client subjects, want 1", len(clients))
			}
			c := clients[0]
			var keys []string
			for _, st := range c.Settings {
				keys = append(keys, st.Key)
			}
			if c.Scope != tt.scope || c.AutoApproveAll != tt.all || c.SandboxDisabled != tt.sandbox || c.ProjectServersTrusted != tt.proj ||
				!reflect.DeepEqual(c.AutoApproveTools, tt.tools) || !reflect.DeepEqual(keys, tt.keys) {
				t.Errorf("client = scope %s all %v sandbox off %v project trusted %v tools %v settings %v\nwant scope %s all %v sandbox off %v project trusted %v tools %v settings %v",
					c.Scope, c.AutoApproveAll, c.SandboxDisabled, c.ProjectServersTrusted, c.AutoApproveTools, keys,
					tt.scope, tt.all, tt.sandbox, tt.proj, tt.tools, tt.keys)
			}
		})
	}
}

// TestSettingsFileServersAreIgnored: Claude Code reads MCP servers only from
// .mcp.json and ~/.claude.json; an mcpServers key in a settings file is
// silently ignored, and is reported so.
func TestSettingsFileServersAreIgnored(t *testing.T) {
	doc := `{"mcpServers": {"github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"]}}}`
	for _, s := range analyze(".claude/settings.json", []byte(doc)) {
		if srv, ok := s.(*evidence.Server); ok && (!srv.Ignored || !strings.Contains(srv.IgnoredReason, ".mcp.json")) {
			t.Errorf("server %s: ignored %v (%s)", srv.Name, srv.Ignored, srv.IgnoredReason)
		}
	}
}

// TestZedToolPermissionsReachServers: Zed's tool permissions that approve
// every tool, or an MCP tool by name, are also the approvals of the servers
// in the same file.
func TestZedToolPermissionsReachServers(t *testing.T) {
	doc := `{"agent": {"tool_permissions": {"tools": {"mcp:github:create_issue": {"default": "allow"}}}}, "context_servers": {"github": {"command": "x"}, "other": {"command": "y"}}}`
	for _, s := range analyze(".zed/settings.json", []byte(doc)) {
		srv, ok := s.(*evidence.Server)
		if !ok {
			continue
		}
		want := map[string][]string{"github": {"create_issue"}}[srv.Name]
		if !reflect.DeepEqual(srv.Approvals.AutoApprove, want) || srv.Approvals.AutoApproveAll {
			t.Errorf("%s approvals %+v, want %v", srv.Name, srv.Approvals, want)
		}
	}
}
