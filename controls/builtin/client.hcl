# Client-wide settings: what an AI client decides for every tool and every MCP
# server at once, read from its own settings file (one client subject per file).

control "MCP-CLIENT-01" {
  title       = "Clients confirm tool calls"
  family      = "consent"
  severity    = "high"
  risks       = ["consent-bypass", "indirect-prompt-injection", "toxic-capability-combination"]
  subject     = "client"
  description = "A client's settings let every tool call run without a person confirming it: Claude Code `permissions.defaultMode` `bypassPermissions` (or `auto`, where a classifier decides), Codex `approval_policy = \"never\"`, Zed `agent.tool_permissions.default = \"allow\"` (or the older `agent.always_allow_tool_actions`), VS Code `chat.tools.global.autoApprove` or a default permission level that approves everything, an allowlist that covers every MCP tool. Every server the client runs, and every server a repository adds, can then act (write files, send data, spend money) on instructions injected into any content the model reads, with no chance to stop it. Per-server flags (MCP-CONSENT-01) are moot once the client approves everything."
  remediation = "Return the client to confirming tool calls (Claude Code `default` or `acceptEdits` mode, Codex `on-request` or `untrusted`, Zed `confirm`, VS Code default approvals) and approve only specific read-only tools. Keep unattended modes to disposable, isolated environments (containers, VMs) without credentials."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/server/tools#security-considerations", "https://zed.dev/docs/ai/tool-permissions", "https://code.visualstudio.com/docs/agents/approvals"]

  check = <<-CUE
    auto_approve_all: false
  CUE
  message = "{{.client}} settings in {{.location}} run every tool call without confirmation:{{range .settings}}{{if eq .effect \"approve-all\"}} {{.key}} = {{.value}}{{if .line}} at line {{.line}}{{end}}{{if .note}} ({{.note}}){{end}}.{{end}}{{end}}"

  example "claude code bypass mode fails" {
    expect  = "fail"
    subject = { client = "claude-code", format = "claude-code/settings.json", scope = "user", auto_approve_all = true, sandbox_disabled = false, project_servers_trusted = false, settings = [{ key = "permissions.defaultMode", value = "bypassPermissions", effect = "approve-all" }] }
  }
  example "codex never asking fails" {
    expect  = "fail"
    subject = { client = "codex", format = "codex/config.toml", scope = "user", auto_approve_all = true, sandbox_disabled = false, project_servers_trusted = false, settings = [{ key = "approval_policy", value = "never", effect = "approve-all" }] }
  }
  example "client that confirms passes" {
    expect  = "pass"
    subject = { client = "zed", format = "zed/settings.json", scope = "user", auto_approve_all = false, sandbox_disabled = false, project_servers_trusted = false }
  }
}

control "MCP-CLIENT-02" {
  title       = "Clients keep their sandbox on"
  family      = "sandbox"
  severity    = "high"
  risks       = ["local-server-compromise", "excessive-scope"]
  subject     = "client"
  description = "A client's settings switch off the sandbox it runs commands in by default (Codex `sandbox_mode = \"danger-full-access\"`): the agent's commands, and what tools' output talks it into, run with the user's full rights over files, credentials and the network. Together with unattended approval (MCP-CLIENT-01) nothing stands between injected instructions and the machine."
  remediation = "Use the client's sandboxed mode (Codex `workspace-write` or `read-only`); grant network access or extra writable folders narrowly where a task needs them, and keep full access to disposable, isolated environments."
  references  = ["https://github.com/openai/codex/blob/main/docs/config.md"]

  check = <<-CUE
    sandbox_disabled: false
  CUE
  message = "{{.client}} settings in {{.location}} switch the sandbox off:{{range .settings}}{{if eq .effect \"sandbox-off\"}} {{.key}} = {{.value}}{{if .line}} at line {{.line}}{{end}}{{if .note}} ({{.note}}){{end}}.{{end}}{{end}}"

  example "codex full access fails" {
    expect  = "fail"
    subject = { client = "codex", format = "codex/config.toml", scope = "user", auto_approve_all = true, sandbox_disabled = true, project_servers_trusted = false, settings = [{ key = "sandbox_mode", value = "danger-full-access", effect = "sandbox-off" }] }
  }
  example "sandboxed client passes" {
    expect  = "pass"
    subject = { client = "codex", format = "codex/config.toml", scope = "user", auto_approve_all = false, sandbox_disabled = false, project_servers_trusted = false }
  }
}

control "MCP-CLIENT-03" {
  title       = "Servers a repository declares are not started without review"
  family      = "consent"
  severity    = "high"
  risks       = ["shadow-servers", "supply-chain-tampering", "local-server-compromise"]
  subject     = "client"
  description = "A client's settings start the MCP servers a repository declares without the user reviewing them: Claude Code `enableAllProjectMcpServers`, a repository's own `.claude/settings.json` approving its `.mcp.json` servers by name (`enabledMcpjsonServers`), Gemini CLI folder trust switched off or granted to every folder under the home directory. Opening or cloning a repository then runs whatever command its configuration names, with the user's rights and credentials: the repository's author, or anyone who can open a pull request, gets code execution on every developer machine that opens it."
  remediation = "Remove the setting and approve project servers one by one after reading them (Claude Code asks per server; Gemini CLI `security.folderTrust.enabled: true` with trust granted per folder). Never let a repository approve its own servers."
  references  = ["https://geminicli.com/docs/cli/trusted-folders"]

  check = <<-CUE
    project_servers_trusted: false
  CUE
  message = "{{.client}} settings in {{.location}} start the servers a repository declares without review:{{range .settings}}{{if eq .effect \"project-servers-trusted\"}} {{.key}} = {{.value}}{{if .line}} at line {{.line}}{{end}}{{if .note}} ({{.note}}){{end}}.{{end}}{{end}}"

  example "enable all project servers fails" {
    expect  = "fail"
    subject = { client = "claude-code", format = "claude-code/settings.json", scope = "project", auto_approve_all = false, sandbox_disabled = false, project_servers_trusted = true, settings = [{ key = "enableAllProjectMcpServers", value = "true", effect = "project-servers-trusted" }] }
  }
  example "trust granted to the home folder fails" {
    expect  = "fail"
    subject = { client = "gemini-cli", format = "gemini-cli/trustedFolders.json", scope = "user", auto_approve_all = false, sandbox_disabled = false, project_servers_trusted = true, settings = [{ key = "/home/me/projects", value = "TRUST_PARENT", effect = "project-servers-trusted" }] }
  }
  example "servers approved one by one pass" {
    expect  = "pass"
    subject = { client = "claude-code", format = "claude-code/settings.json", scope = "user", auto_approve_all = false, sandbox_disabled = false, project_servers_trusted = false }
  }
}

control "MCP-CLIENT-04" {
  title       = "MCP tools that act are not approved client-wide"
  family      = "consent"
  severity    = "medium"
  risks       = ["consent-bypass", "indirect-prompt-injection"]
  subject     = "client"
  description = "A client's settings approve MCP tools wholesale, outside the server entries: every tool of a server (Claude Code `permissions.allow` `mcp__github`, Cursor `mcpAllowlist` `github:*`, Cursor CLI `Mcp(github, *)`) or tools that act (`mcp__github__create_issue`, Zed `mcp:db:execute_sql` allowed by default). These tools then act without confirmation in every project, whatever a server later adds under the same name, and the approvals sit where reviews of the server entries do not look. Named read-only tools (`get_…`, `list_…`, `search`) pass."
  remediation = "Approve only read-only tools by name, never a whole server; keep tools that write, send or execute behind confirmation. Review client-wide allow rules together with the server entries they apply to."
  references  = ["https://cursor.com/docs/reference/permissions"]

  check = <<-CUE
    auto_approve_tools?: [...!~"(^[*]$|/[*]$|(?i)/.*(exec|run|shell|command|cmd|eval|script|write|edit|delete|remove|drop|truncate|insert|update|create|move|rename|push|merge|deploy|publish|send|post|email|pay|transfer|kill|sql))"]
  CUE
  message = "{{.client}} settings in {{.location}} approve MCP tools client-wide that act or cover a whole server: {{join .auto_approve_tools}}"

  example "whole server allowed fails" {
    expect  = "fail"
    subject = { client = "claude-code", format = "claude-code/settings.json", scope = "project", auto_approve_all = false, sandbox_disabled = false, project_servers_trusted = false, auto_approve_tools = ["github/*"] }
  }
  example "tool that writes fails" {
    expect  = "fail"
    subject = { client = "zed", format = "zed/settings.json", scope = "user", auto_approve_all = false, sandbox_disabled = false, project_servers_trusted = false, auto_approve_tools = ["db/execute_sql"] }
  }
  example "read-only tools by name pass" {
    expect  = "pass"
    subject = { client = "claude-code", format = "claude-code/settings.json", scope = "project", auto_approve_all = false, sandbox_disabled = false, project_servers_trusted = false, auto_approve_tools = ["github/get_pull_request", "docs/search"] }
  }
  example "no client-wide approvals pass" {
    expect  = "pass"
    subject = { client = "cursor", format = "cursor/permissions.json", scope = "user", auto_approve_all = false, sandbox_disabled = false, project_servers_trusted = false }
  }
}
