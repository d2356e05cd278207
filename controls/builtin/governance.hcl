# Governance: what no configuration file can show. These manual controls are
# satisfied only by a valid, unexpired attestation; `guidance` says what it must show.

control "MCP-GOV-01" {
  title        = "Approved MCP server allowlist"
  family       = "governance"
  severity     = "high"
  risks        = ["shadow-servers", "supply-chain-tampering", "tool-poisoning"]
  subject      = "server"
  manual       = true
  automated_by = "policy"
  description  = "The organisation keeps a list of approved MCP servers (package or image with version, or remote URL, and the tools allowed), decides additions through a defined review, and enforces the list where clients allow it (managed configuration, gateway catalogs, registry allowlists). Given the list as an organisation policy (`--policy`), Tollgate judges every server it finds — in client configs, manifests and behind gateways — against it: a server the policy does not approve is a shadow server. Without a policy the control is satisfied by attestation."
  remediation  = "Remove the server, or review it and add it to the policy's approved servers (package, image digest, URL or command, with an owner); for a team's own servers, approve them for that team's folders only (`paths`). Publish the policy and enforce it through managed client configuration (`tollgate policy export`)."
  references   = ["https://owasp.org/www-project-mcp-top-10/", "https://code.claude.com/docs/en/managed-mcp"]
  guidance     = "The current allowlist (servers, versions or digests, allowed tools, owner), the documented procedure for requesting and reviewing a new server including who approves, evidence of enforcement (managed config or gateway catalog), and the last review date."

  when = <<-CUE
    ignored: false
    policy: approval: "approved" | "unapproved"
  CUE
  check = <<-CUE
    policy: approval: "approved"
  CUE
  message = "{{.name}} in {{.location}} runs {{.policy.identity}}, which the organisation policy does not approve ({{.policy.detail}})"

  example "server on no approved entry fails" {
    expect  = "fail"
    subject = { name = "notion", ignored = false, policy = { approval = "unapproved", identity = "npm:@notionhq/notion-mcp-server@1.8.0", detail = "not on the approved list" } }
  }
  example "server approved for another team's folders fails" {
    expect  = "fail"
    subject = { name = "warehouse", ignored = false, policy = { approval = "unapproved", identity = "url:https://mcp.warehouse.internal/mcp", detail = "approved for other folders: warehouse (only in repos/data-*/**)" } }
  }
  example "approved server passes" {
    expect  = "pass"
    subject = { name = "github", ignored = false, policy = { approval = "approved", entry = "github", identity = "npm:@modelcontextprotocol/server-github@2025.4.8", version = "approved" } }
  }
  example "denied server is left to MCP-POLICY-02" {
    expect  = "not-applicable"
    subject = { name = "evil", ignored = false, policy = { approval = "denied", denied_by = "evil-org", identity = "npm:@evil-org/mcp" } }
  }
  example "entry the client ignores is not a running server" {
    expect  = "not-applicable"
    subject = { name = "old", ignored = true, policy = { approval = "unapproved", identity = "name:old" } }
  }
}

control "MCP-GOV-02" {
  title       = "Incident response covers MCP"
  family      = "governance"
  severity    = "medium"
  risks       = ["tool-poisoning", "rug-pull", "plaintext-secrets", "missing-audit-trail"]
  subject     = "server"
  manual      = true
  description = "The incident response plan includes MCP-specific scenarios (a poisoned or swapped tool, a compromised server package, a leaked MCP token, an agent acting on injected instructions) and the steps to contain them: disabling a server fleet-wide, revoking its tokens, preserving tool-call logs."
  remediation = "Add MCP playbooks to the incident response plan: how to disable a server in every client and gateway, revoke and rotate its credentials, collect tool-call logs and configurations as evidence, and notify affected users; exercise it."
  guidance    = "The incident response plan sections or playbooks covering MCP servers and tokens, the owner, and the record of the last exercise or real incident in which they were used."
}

control "MCP-GOV-03" {
  title       = "MCP endpoints are security-tested periodically"
  family      = "governance"
  severity    = "medium"
  risks       = ["missing-authentication", "session-hijacking", "dns-rebinding", "token-passthrough"]
  subject     = "endpoint"
  manual      = true
  description = "Remote MCP servers and gateways the organisation operates are tested on a schedule and after significant changes: authentication on every request, token audience validation, Origin checks, session handling, input validation of tools and error disclosure."
  remediation = "Schedule security tests of every operated MCP endpoint (at least yearly and on major change), covering the MCP authorization and transport requirements, and track the findings to closure."
  guidance    = "The test schedule, the scope (endpoints tested), the latest report with its date and tester, and the status of its findings."
}

control "MCP-GOV-04" {
  title       = "Tool-call logs are retained and reviewed"
  family      = "governance"
  severity    = "medium"
  risks       = ["missing-audit-trail"]
  subject     = "gateway"
  manual      = true
  description = "Records of MCP tool calls (caller, server, tool, arguments' shape, result status, time) are kept centrally for a defined retention period, protected from tampering, and reviewed or alerted on."
  remediation = "Ship gateway and client tool-call logs to central, append-only storage, set a retention period that meets legal and investigative needs, and define alerts for high-impact tools."
  guidance    = "The logging pipeline for MCP tool calls, the retention period and where it is configured, who can delete logs, and an example of a review or alert from the last period."
}

control "MCP-GOV-05" {
  title       = "Data protection impact assessment for MCP servers handling personal data"
  family      = "governance"
  severity    = "high"
  risks       = ["sensitive-data-oversharing"]
  subject     = "server"
  manual      = true
  description = "Before an MCP server that reads or writes personal data (mail, calendars, CRM, HR, camera or health data) is approved, a data protection impact assessment weighs what flows into model context and to third parties, the legal basis, retention and safeguards."
  remediation = "Run a DPIA (or record why none is required) for each server that handles personal data, involve the data protection officer, and link the outcome to the server's allowlist entry."
  guidance    = "The DPIA or screening record per server handling personal data, its date and approver, the data categories and recipients identified, and the safeguards decided."
}

control "MCP-GOV-06" {
  title       = "MCP servers are in the records of processing and supplier register"
  family      = "governance"
  severity    = "medium"
  risks       = ["sensitive-data-oversharing", "shadow-servers"]
  subject     = "server"
  manual      = true
  description = "Third-party remote MCP servers that receive personal or confidential data are treated as suppliers and processors: listed in the record of processing activities and the supplier register, with a data processing agreement and a security assessment."
  remediation = "Add each third-party MCP service to the supplier register and records of processing, sign a data processing agreement where personal data flows, and review the supplier's security before approval."
  guidance    = "Extract of the record of processing activities and supplier register listing the MCP services, the data processing agreements, and the supplier security assessments."
}

control "MCP-GOV-07" {
  title       = "MCP credentials are rotated and revocable"
  family      = "governance"
  severity    = "medium"
  risks       = ["plaintext-secrets", "token-passthrough"]
  subject     = "server"
  manual      = true
  description = "Tokens and keys used by MCP servers have owners, expiry dates and a rotation schedule, are scoped to the minimum the server needs, and can be revoked quickly when a server or workstation is compromised."
  remediation = "Inventory the credentials MCP servers use, replace long-lived personal tokens with scoped, expiring ones, set a rotation schedule and document how to revoke each."
  guidance    = "The inventory of MCP credentials with owner, scope and expiry, the rotation schedule, and evidence of the last rotation."
}

control "MCP-GOV-08" {
  title       = "People using MCP clients are trained on agent risks"
  family      = "governance"
  severity    = "low"
  risks       = ["direct-prompt-injection", "indirect-prompt-injection", "consent-bypass", "shadow-servers"]
  subject     = "server"
  manual      = true
  description = "Developers and other users of MCP-enabled clients know the risks (prompt injection through content, poisoned tools, auto-approval, secrets in configs) and the organisation's rules for adding servers and approving tool calls."
  remediation = "Include MCP and agent risks in security awareness training for users of AI clients and track completion."
  guidance    = "The training material covering MCP risks and the completion records for the people who use MCP clients."
}

control "MCP-GOV-09" {
  title       = "MCP servers are load- and soak-tested for resource leaks"
  family      = "governance"
  severity    = "medium"
  risks       = ["resource-exhaustion"]
  subject     = "endpoint"
  manual      = true
  description = "Tool-call handlers of the MCP servers the organisation builds or operates are shown not to leak memory, file descriptors, connections, goroutines or threads, subprocesses or sessions: under sustained load and over a long soak run, resource use levels off rather than growing with the number of calls, and every session the server opens is closed when the client goes away. A leak cannot be seen from outside a running server in one probe; it shows only over time, under load."
  remediation = "Add a load test and a soak test (hours, at realistic call rates, including failing and cancelled calls and abandoned sessions) to the server's release process; watch memory, open descriptors, connections, threads and child processes; fix handlers that hold resources past the call (defer closes, bound caches, cancel contexts, end sessions). Set memory limits so a leak that slips through is contained (MCP-WORKLOAD-09)."
  references  = ["https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle#timeouts"]
  guidance    = "For each MCP server built or operated: the load and soak test plan (duration, call rate, tools exercised, failure and cancellation cases), the latest results with graphs of memory, descriptors, connections and threads over time showing no unbounded growth, the release it was run against, and who reviewed it."
}
