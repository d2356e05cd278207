# Configuration integrity: what the client actually reads must match what people
# believe is configured. Files it cannot parse and entries or keys it skips are findings.

control "MCP-CONFIG-01" {
  title       = "MCP configuration files parse"
  family      = "config"
  severity    = "medium"
  risks       = ["misconfiguration-drift", "shadow-servers"]
  subject     = "source"
  description = "A recognised MCP configuration file could not be read as its format (malformed JSON/JSONC/YAML/TOML) or does not have the shape the client expects. Depending on the client, the whole file is skipped or partly applied: servers that appear to be configured, or disabled, or restricted, may not be, and nothing in it can be assessed. Files recognised as MCP-related but read by another collector family (status `unsupported`, e.g. a gateway config or Kubernetes manifest when that collector is not run) are not judged here: they were not parsed, so nothing is known about their syntax."
  remediation = "Fix the syntax or structure error at the reported line (validate the file with the client's own loader or a schema), then re-run the assessment."

  when = <<-CUE
    status: string & !="unsupported"
  CUE
  check = <<-CUE
    status: "ok" | "empty"
  CUE
  message = "{{.name}} ({{.format}}) could not be read as a valid configuration ({{.status}}){{$sep := \": \"}}{{range .diagnostics}}{{if eq .severity \"error\"}}{{$sep}}{{if .line}}line {{.line}}: {{end}}{{.message}}{{$sep = \"; \"}}{{end}}{{end}}"

  example "malformed JSON fails" {
    expect  = "fail"
    subject = { kind = "source", name = "agentgateway.yaml", format = "agentgateway/config.yaml", status = "parse-error", diagnostics = [{ severity = "error", line = 12, message = "mapping values are not allowed in this context" }] }
  }
  example "wrong shape fails" {
    expect  = "fail"
    subject = { kind = "source", name = "server.json", format = "mcp-registry/server.json", status = "schema-error" }
  }
  example "valid file passes" {
    expect  = "pass"
    subject = { kind = "source", name = ".cursor/mcp.json", format = "cursor/mcp.json", status = "ok", servers = 2 }
  }
  example "file for another collector is not applicable" {
    expect  = "not-applicable"
    subject = { kind = "source", name = "agentgateway/config.yaml", format = "agentgateway/config", status = "unsupported" }
  }
  example "empty file passes" {
    expect  = "pass"
    subject = { kind = "source", name = ".mcp.json", format = "claude-code/.mcp.json", status = "empty" }
  }
}

control "MCP-CONFIG-02" {
  title       = "No server entries the client silently ignores"
  family      = "config"
  severity    = "medium"
  risks       = ["misconfiguration-drift", "shadow-servers"]
  subject     = "server"
  description = "A server entry sits where its client does not read it: under the wrong root key (`mcpServers` in VS Code, which reads `servers`), in another client's shape (a bare `url` in Claude Desktop), or missing a required key. The entry looks configured but never runs, so the organisation's inventory, reviews and any protections written into it do not match what actually happens."
  remediation = "Move the entry under the key and shape the client documents (see the reason given), or delete it. Check that the client lists the server afterwards."

  check = <<-CUE
    ignored: false
  CUE
  message = "{{.name}} in {{.location}} is ignored by {{.client}}: {{.ignored_reason}}"

  example "wrong root key fails" {
    expect  = "fail"
    subject = { name = "supabase", client = "vscode", ignored = true, ignored_reason = "VS Code reads \"servers\", not \"mcpServers\"" }
  }
  example "live entry passes" {
    expect  = "pass"
    subject = { name = "sentry", client = "vscode", ignored = false }
  }
}

control "MCP-CONFIG-03" {
  title       = "No unrecognised security-relevant keys"
  family      = "config"
  severity    = "medium"
  risks       = ["misconfiguration-drift", "consent-bypass"]
  subject     = "server"
  description = "A server entry has a key the client does not recognise whose name says it was meant as a protection or switch: `enabled`/`disabled`, `autoApprove`, `trust`, `headers`, `auth`, `env`, `allowedTools`, `readOnly`, `network`, `roots`… The client drops it without a word, so a server believed disabled runs, a header is never sent, or a restriction is not applied."
  remediation = "Use the key the client documents for that purpose (for example `disabled: true` in Cline, `enabled = false` in Codex, `disabledTools`/`excludeTools` per client), or remove the key so nobody relies on it."

  when = <<-CUE
    ignored: false
  CUE
  check = <<-CUE
    unknown_keys?: [...!~"(?i)(enable|disable|approv|allow|deny|block|trust|auth|token|bearer|header|env|secret|oauth|tls|ssl|verify|cert|read.?only|sandbox|network|root|permission|scope|exclude|include|tools)"]
  CUE
  message = "{{.name}} in {{.location}} has keys {{.client}} does not recognise and silently drops, among them a protection or switch: {{join .unknown_keys}}"

  example "unknown enabled flag fails" {
    expect  = "fail"
    subject = { name = "aegis", client = "claude-code", ignored = false, unknown_keys = ["enabled", "timeout_ms"] }
  }
  example "misspelt auto-approve fails" {
    expect  = "fail"
    subject = { name = "db", client = "cline", ignored = false, unknown_keys = ["autoApprovedTools"] }
  }
  example "harmless unknown key passes" {
    expect  = "pass"
    subject = { name = "aegis", client = "claude-code", ignored = false, unknown_keys = ["timeout_ms", "description"] }
  }
  example "no unknown keys passes" {
    expect  = "pass"
    subject = { name = "aegis", client = "claude-code", ignored = false }
  }
}

control "MCP-CONFIG-04" {
  title       = "Server entries use only keys the client documents"
  family      = "config"
  severity    = "info"
  risks       = ["misconfiguration-drift"]
  subject     = "server"
  description = "A server entry carries keys its client does not recognise. Most are harmless leftovers from another client's format, but they show the file was written for a different client than the one reading it, and they hide real typos."
  remediation = "Remove keys the client does not document, or move the entry to a file of the client that understands them."

  when = <<-CUE
    ignored: false
  CUE
  check = <<-CUE
    unknown_keys?: []
  CUE
  message = "{{.name}} in {{.location}} has keys {{.client}} does not recognise: {{join .unknown_keys}}"

  example "unknown key fails" {
    expect  = "fail"
    subject = { name = "aegis", client = "claude-code", ignored = false, unknown_keys = ["timeout_ms"] }
  }
  example "clean entry passes" {
    expect  = "pass"
    subject = { name = "aegis", client = "claude-code", ignored = false }
  }
}

control "MCP-CONFIG-05" {
  title       = "Files dedicated to MCP servers hold only what their client reads"
  family      = "config"
  severity    = "medium"
  risks       = ["misconfiguration-drift", "shadow-servers"]
  subject     = "source"
  description = "A file that exists only to declare MCP servers (`.mcp.json`, `.cursor/mcp.json`, `.vscode/mcp.json`, `mcp_config.json`, `cline_mcp_settings.json`, a Continue `mcpServers/*.json` block) holds top-level keys its client does not read: another tool's shape, a `tools` array, permissions or settings written in the wrong file. The client reads none of it, so what looks configured is not, and when the file declares no server the client reads at all, every server or restriction someone believes it holds is missing without a word."
  remediation = "Move the content to where the client reads it (the client's own settings file for permissions; `mcpServers`, or `servers` in VS Code, for servers), or delete it. Check that the client lists what you expect afterwards."

  when = <<-CUE
    status: "ok"
  CUE
  check = <<-CUE
    unread_keys?: []
  CUE
  message = "{{.name}} {{if eq (print .servers) \"0\"}}declares no server its client reads, and {{end}}holds {{join .unread_keys}}, which {{.client}} does not read"

  example "tools array instead of servers fails" {
    expect  = "fail"
    subject = { kind = "source", name = ".mcp.json", format = "claude-code/.mcp.json", client = "claude-code", status = "ok", servers = 0, unread_keys = ["tools"] }
  }
  example "settings beside servers fails" {
    expect  = "fail"
    subject = { kind = "source", name = ".cursor/mcp.json", format = "cursor/mcp.json", client = "cursor", status = "ok", servers = 2, unread_keys = ["permissions"] }
  }
  example "servers where the client reads them pass" {
    expect  = "pass"
    subject = { kind = "source", name = ".mcp.json", format = "claude-code/.mcp.json", client = "claude-code", status = "ok", servers = 2 }
  }
  example "unparseable file is MCP-CONFIG-01's" {
    expect  = "not-applicable"
    subject = { kind = "source", name = ".mcp.json", format = "claude-code/.mcp.json", status = "parse-error" }
  }
}
