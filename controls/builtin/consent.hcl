# Consent: a person confirms tool calls that act, unless a reviewed policy says otherwise.

control "MCP-CONSENT-01" {
  title       = "Servers are not trusted to run every tool without confirmation"
  family      = "consent"
  severity    = "high"
  risks       = ["consent-bypass", "indirect-prompt-injection", "tool-poisoning"]
  subject     = "server"
  description = "Every tool of the server runs without asking the user: Gemini CLI `trust: true`, Codex `default_tools_approval_mode = \"approve\"` or `approval_policy = \"never\"`, Zed `always_allow_tool_actions`, a `*` entry in an auto-approve list. A single instruction injected through any content the agent reads then turns directly into actions, with nobody in the loop; the specification asks that a human be able to deny tool invocations."
  remediation = "Remove the blanket trust flag or wildcard and let the client prompt. If some tools are safe to run unattended, list them individually (read-only tools only) and review the list when the server changes."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/server/tools#security-considerations"]

  when = <<-CUE
    ignored:  false
  CUE
  check = <<-CUE
    approvals: auto_approve_all: false
    approvals: trust:            false
  CUE
  message = "{{.name}} in {{.location}} runs all tools without confirmation ({{.failing}})"

  example "gemini trust fails" {
    expect  = "fail"
    subject = { name = "github", disabled = false, ignored = false, approvals = { auto_approve_all = true, trust = true } }
  }
  example "codex approve mode fails" {
    expect  = "fail"
    subject = { name = "github", disabled = false, ignored = false, approvals = { auto_approve_all = true, trust = false, mode = "approve" } }
  }
  example "prompting passes" {
    expect  = "pass"
    subject = { name = "github", disabled = false, ignored = false, approvals = { auto_approve_all = false, trust = false } }
  }
}

control "MCP-CONSENT-02" {
  title       = "Tools that act are not auto-approved"
  family      = "consent"
  severity    = "medium"
  risks       = ["consent-bypass", "indirect-prompt-injection", "toxic-capability-combination"]
  subject     = "server"
  description = "An auto-approve list (Cline `alwaysAllow`/`autoApprove`, and similar) names a tool whose name says it executes, writes, deletes, sends or evaluates: `execute_sql`, `run_command`, `write_file`, `puppeteer_evaluate`, `send_message`… Auto-approving read-only lookups is a reasonable trade-off; auto-approving actions lets injected instructions act unseen."
  remediation = "Remove tools that change state, run code or send data from the auto-approve list, so each call is confirmed; keep only read-only tools there."

  when = <<-CUE
    ignored:  false
  CUE
  check = <<-CUE
    approvals: auto_approve?: [...!~"(?i)(exec|run|shell|command|cmd|eval|script|write|edit|delete|remove|drop|truncate|insert|update|create|move|rename|push|merge|deploy|publish|send|post|email|pay|transfer|kill|sql)"]
  CUE
  message = "{{.name}} in {{.location}} auto-approves tools that act (auto-approve list: {{join .approvals.auto_approve}})"

  example "execute_sql auto-approved fails" {
    expect  = "fail"
    subject = { name = "mssql", disabled = false, ignored = false, approvals = { auto_approve = ["list_tables", "execute_sql"], auto_approve_all = false, trust = false } }
  }
  example "read-only tools pass" {
    expect  = "pass"
    subject = { name = "brave", disabled = false, ignored = false, approvals = { auto_approve = ["brave_web_search", "get_page", "list_tables"], auto_approve_all = false, trust = false } }
  }
  example "no list passes" {
    expect  = "pass"
    subject = { name = "brave", disabled = false, ignored = false, approvals = { auto_approve_all = false, trust = false } }
  }
  example "disabled entry is still judged: it is one toggle away from running" {
    expect  = "fail"
    subject = { name = "puppeteer", disabled = true, ignored = false, approvals = { auto_approve = ["puppeteer_evaluate"], auto_approve_all = false, trust = false } }
  }
}

control "MCP-CONSENT-03" {
  title       = "Approval modes do not rely on server-declared annotations"
  family      = "consent"
  severity    = "low"
  risks       = ["consent-bypass", "tool-poisoning"]
  subject     = "server"
  description = "The client's approval mode for the server lets the server's own tool annotations decide which calls are confirmed (Codex `default_tools_approval_mode = \"writes\"` or `\"auto\"`: tools the server does not mark as writing or destructive run unasked). Tool annotations come from the server and the specification says to treat them as untrusted, so a malicious or careless server decides which of its calls are confirmed."
  remediation = "Set `default_tools_approval_mode = \"prompt\"` for servers that are not fully trusted (not `approve`, which runs every tool unasked), and allow unattended calls only for individually reviewed tools (`[mcp_servers.<name>.tools.<tool>] approval_mode = \"approve\"`)."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/server/tools#tool"]

  when = <<-CUE
    ignored:  false
    approvals: mode: string
  CUE
  check = <<-CUE
    approvals: mode: !="writes" & !="auto"
  CUE
  message = "{{.name}} in {{.location}} uses approval mode {{.approvals.mode}}, which trusts the server's own annotations"

  example "writes mode fails" {
    expect  = "fail"
    subject = { name = "tracker", disabled = false, ignored = false, approvals = { mode = "writes", auto_approve_all = false, trust = false } }
  }
  example "annotation-driven auto mode fails" {
    expect  = "fail"
    subject = { name = "tracker", disabled = false, ignored = false, approvals = { mode = "auto", auto_approve_all = false, trust = false } }
  }
  example "prompt mode passes" {
    expect  = "pass"
    subject = { name = "tracker", disabled = false, ignored = false, approvals = { mode = "prompt", auto_approve_all = false, trust = false } }
  }
  example "no mode is not applicable" {
    expect  = "not-applicable"
    subject = { name = "tracker", disabled = false, ignored = false, approvals = { auto_approve_all = false, trust = false } }
  }
}
