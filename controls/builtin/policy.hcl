# Organisation policy: what the organisation's own policy (`--policy`, CUE files
# checked against Tollgate's policy schema) says about each server, tool and
# workload. The engine adds the policy's facts to each subject as the field
# `policy`; without a policy the field is absent and these controls do not
# apply. MCP-GOV-01 (governance.hcl) judges whether servers are approved at all.

control "MCP-POLICY-01" {
  title       = "Approved servers run an approved version or digest"
  family      = "policy"
  severity    = "high"
  risks       = ["supply-chain-tampering", "rug-pull", "misconfiguration-drift"]
  subject     = "server"
  description = "The server is on the organisation's approved list, but the entry allows only some versions (packages) or digests or tags (images), and the server runs another one, or pins none so that whatever the registry serves runs. The code that runs is not the code that was reviewed."
  remediation = "Pin the server to a version or digest the policy allows (`npx -y @scope/server@1.4.2`, `image@sha256:…`), or review the version it runs and add it to the entry's `versions`, `digests` or `tags`."
  references  = ["https://owasp.org/www-project-mcp-top-10/"]

  when = <<-CUE
    ignored: false
    policy: {approval: "approved", version: string}
  CUE
  check = <<-CUE
    policy: version: "approved" | "any"
  CUE
  message = "{{.name}} in {{.location}} runs {{.policy.identity}}{{if eq .policy.version \"unpinned\"}}, which pins no version,{{end}} but the policy's entry {{.policy.entry}} allows only {{range $i, $v := .policy.versions_allowed}}{{if $i}}, {{end}}{{$v}}{{end}}"

  example "another version fails" {
    expect  = "fail"
    subject = { name = "github", ignored = false, policy = { approval = "approved", entry = "github", identity = "npm:@modelcontextprotocol/server-github@2025.1.0", version = "other", version_found = "2025.1.0", versions_allowed = ["2025.4.8"] } }
  }
  example "no pinned version fails" {
    expect  = "fail"
    subject = { name = "github", ignored = false, policy = { approval = "approved", entry = "github", identity = "npm:@modelcontextprotocol/server-github", version = "unpinned", versions_allowed = ["2025.4.8"] } }
  }
  example "image at another digest fails" {
    expect  = "fail"
    subject = { name = "fetch", ignored = false, policy = { approval = "approved", entry = "fetch", identity = "oci:mcp/fetch@sha256:1111111111111111111111111111111111111111111111111111111111111111", version = "other", version_found = "sha256:1111111111111111111111111111111111111111111111111111111111111111", versions_allowed = ["sha256:2222222222222222222222222222222222222222222222222222222222222222"] } }
  }
  example "allowed version passes" {
    expect  = "pass"
    subject = { name = "github", ignored = false, policy = { approval = "approved", entry = "github", identity = "npm:@modelcontextprotocol/server-github@2025.4.8", version = "approved", version_found = "2025.4.8", versions_allowed = ["2025.4.8"] } }
  }
  example "entry without versions allows any" {
    expect  = "pass"
    subject = { name = "sentry", ignored = false, policy = { approval = "approved", entry = "sentry", identity = "url:https://mcp.sentry.dev/mcp", version = "any" } }
  }
  example "unapproved server is left to MCP-GOV-01" {
    expect  = "not-applicable"
    subject = { name = "notion", ignored = false, policy = { approval = "unapproved", identity = "npm:@notionhq/notion-mcp-server" } }
  }
}

control "MCP-POLICY-02" {
  title       = "No denied server or publisher is configured"
  family      = "policy"
  severity    = "critical"
  risks       = ["supply-chain-tampering", "tool-poisoning", "shadow-servers"]
  subject     = "server"
  description = "The server matches an entry of the organisation's denied list: a package, image, URL or command the organisation has ruled out (a known-malicious or compromised release, an untrusted publisher's namespace, a service that must not receive company data). It is configured anyway, so the next start of the client runs it."
  remediation = "Remove the server from the configuration, and remove or rotate whatever credentials it was given. If the denial is too broad, narrow the policy's denied entry; a denial is never excused by an exception."
  references  = ["https://owasp.org/www-project-mcp-top-10/", "https://code.claude.com/docs/en/managed-mcp"]

  when = <<-CUE
    ignored: false
    policy: approval: string
  CUE
  check = <<-CUE
    policy: approval: !="denied"
  CUE
  message = "{{.name}} in {{.location}} runs {{.policy.identity}}, which the organisation policy denies ({{.policy.denied_by}}: {{.policy.detail}})"

  example "denied publisher fails" {
    expect  = "fail"
    subject = { name = "helper", ignored = false, policy = { approval = "denied", denied_by = "evil-org", identity = "npm:@evil-org/mcp-helper@1.0.0", detail = "publisher of the postmark-mcp backdoor" } }
  }
  example "approved server passes" {
    expect  = "pass"
    subject = { name = "github", ignored = false, policy = { approval = "approved", entry = "github", identity = "npm:@modelcontextprotocol/server-github@2025.4.8" } }
  }
  example "unapproved server is not denied" {
    expect  = "pass"
    subject = { name = "notion", ignored = false, policy = { approval = "unapproved", identity = "npm:@notionhq/notion-mcp-server" } }
  }
  example "without a policy the control does not apply" {
    expect  = "not-applicable"
    subject = { name = "github", ignored = false }
  }
}

control "MCP-POLICY-03" {
  title       = "Approved servers use the transport and authentication their approval requires"
  family      = "policy"
  severity    = "high"
  risks       = ["missing-authentication", "missing-transport-security", "token-passthrough"]
  subject     = "server"
  description = "The server is approved on conditions — the transports it may use, the ways clients may authenticate to it (OAuth rather than a static token, say) — and this configuration does not meet them. The review that approved the server assumed a setup this deployment does not have."
  remediation = "Configure the server with a transport and authentication its policy entry allows (for example `type: http` with OAuth instead of a bearer token in a header), or review this setup and add it to the entry's `transports` or `auth`."

  when = <<-CUE
    ignored: false
    policy: {approval: "approved", transport: string, auth: string}
  CUE
  check = <<-CUE
    policy: {transport: "allowed" | "any", auth: "allowed" | "any"}
  CUE
  message = "{{.name}} in {{.location}} uses {{if eq .policy.transport \"other\"}}transport {{.transport}}{{end}}{{if and (eq .policy.transport \"other\") (eq .policy.auth \"other\")}} and {{end}}{{if eq .policy.auth \"other\"}}authentication {{.auth.kind}}{{end}}, which the policy's entry {{.policy.entry}} does not allow"

  example "static token where OAuth is required fails" {
    expect  = "fail"
    subject = { name = "sentry", ignored = false, transport = "streamable-http", auth = { kind = "static-bearer", in_query = false }, policy = { approval = "approved", entry = "sentry", transport = "any", auth = "other" } }
  }
  example "SSE where only Streamable HTTP is allowed fails" {
    expect  = "fail"
    subject = { name = "docs", ignored = false, transport = "sse", auth = { kind = "oauth-capable", in_query = false }, policy = { approval = "approved", entry = "docs", transport = "other", auth = "allowed" } }
  }
  example "allowed transport and authentication pass" {
    expect  = "pass"
    subject = { name = "sentry", ignored = false, transport = "streamable-http", auth = { kind = "oauth", in_query = false }, policy = { approval = "approved", entry = "sentry", transport = "allowed", auth = "allowed" } }
  }
}

control "MCP-POLICY-04" {
  title       = "Approved servers offer only the tools the policy allows"
  family      = "policy"
  severity    = "high"
  risks       = ["excessive-scope", "tool-poisoning", "rug-pull"]
  subject     = "tool"
  description = "The policy approves the server with a list of allowed tools, and the server offers a tool that is not on it — seen by a live probe, in the lockfile, or in saved definitions. A tool nobody reviewed is in the model's reach: a new destructive capability, or a rug pull that added one."
  remediation = "Remove the tool from what clients may call (the client's or gateway's tool filter, e.g. Gemini CLI `excludeTools`, Docker MCP Gateway `--tools`, agentgateway authorization), or review it and add it to the entry's `tools`."

  when = <<-CUE
    policy: tool: string
  CUE
  check = <<-CUE
    policy: tool: "allowed" | "any"
  CUE
  message = "tool {{.name}} of {{.server}} is not among the tools the policy's entry {{.policy.entry}} allows"

  example "tool outside the allowed list fails" {
    expect  = "fail"
    subject = { type = "tool", name = "delete_repository", server = "github", policy = { approval = "approved", entry = "github", tool = "not-allowed" } }
  }
  example "allowed tool passes" {
    expect  = "pass"
    subject = { type = "tool", name = "get_issue", server = "github", policy = { approval = "approved", entry = "github", tool = "allowed" } }
  }
  example "tool of an unapproved server is left to MCP-GOV-01" {
    expect  = "not-applicable"
    subject = { type = "tool", name = "search", server = "notion", policy = { approval = "unapproved" } }
  }
}

control "MCP-POLICY-05" {
  title       = "MCP workloads run only approved images at approved digests"
  family      = "policy"
  severity    = "high"
  risks       = ["shadow-servers", "supply-chain-tampering", "rug-pull"]
  subject     = "workload"
  description = "A Kubernetes workload running an MCP server or gateway has a container image that the organisation's policy does not approve (a shadow server in the cluster), that it denies, or that runs at a digest or tag its approved entry does not allow."
  remediation = "Run images the policy approves, pinned by a digest it allows (`image@sha256:…`); review a new image or release and add it to the policy's approved entry, or remove the workload."
  references  = ["https://owasp.org/www-project-mcp-top-10/", "https://kubernetes.io/docs/concepts/containers/images/#image-names"]

  when = <<-CUE
    policy: images: [_, ...]
  CUE
  check = <<-CUE
    policy: images: [...{approved: true, denied: false, version: "approved" | "any"}]
  CUE
  message = "workload {{.object}} in {{.location}} runs image(s) the organisation policy does not allow:{{$sep := \" \"}}{{range .policy.images}}{{if .denied}}{{$sep}}{{.image}} (denied by {{.denied_by}}){{$sep = \"; \"}}{{else if not .approved}}{{$sep}}{{.image}} (not approved){{$sep = \"; \"}}{{else if eq .version \"other\" \"unpinned\"}}{{$sep}}{{.image}} ({{.entry}} allows {{join .versions_allowed}}){{$sep = \"; \"}}{{end}}{{end}}"

  example "unapproved image fails" {
    expect  = "fail"
    subject = { object = "Deployment/notion-mcp", policy = { images = [{ image = "ghcr.io/someone/notion-mcp:1.0", approved = false, denied = false, version = "any" }] } }
  }
  example "approved image at another digest fails" {
    expect  = "fail"
    subject = { object = "Deployment/github-mcp", policy = { images = [{ image = "ghcr.io/github/github-mcp-server@sha256:1111111111111111111111111111111111111111111111111111111111111111", approved = true, denied = false, entry = "github", version = "other", version_found = "sha256:1111111111111111111111111111111111111111111111111111111111111111", versions_allowed = ["sha256:2222222222222222222222222222222222222222222222222222222222222222"] }] } }
  }
  example "denied image fails even when approved elsewhere" {
    expect  = "fail"
    subject = { object = "Deployment/helper", policy = { images = [{ image = "docker.io/evil/helper:1", approved = true, denied = true, denied_by = "evil", entry = "everything", version = "any" }] } }
  }
  example "approved images at approved digests pass" {
    expect  = "pass"
    subject = { object = "Deployment/github-mcp", policy = { images = [{ image = "ghcr.io/github/github-mcp-server@sha256:2222222222222222222222222222222222222222222222222222222222222222", approved = true, denied = false, entry = "github", version = "approved" }] } }
  }
  example "without a policy the control does not apply" {
    expect  = "not-applicable"
    subject = { object = "Deployment/github-mcp" }
  }
}

control "MCP-POLICY-06" {
  title       = "Servers have the settings the organisation policy requires"
  family      = "policy"
  severity    = "high"
  risks       = ["misconfiguration-drift", "missing-authentication", "supply-chain-tampering"]
  subject     = "server"
  description = "The organisation's policy requires a setting of servers in some scope — every remote server in a project configuration uses OAuth, every package is pinned, every image comes from the internal registry — written in CUE against the evidence schema, and this server does not have it."
  remediation = "Change the server's configuration to meet the requirement quoted in the finding, or, for a justified departure, add a time-bound exception to the policy."

  when = <<-CUE
    policy: requirements: _
  CUE
  check = <<-CUE
    policy: requirements: [string]: "met"
  CUE
  message = "{{.name}} in {{.location}} does not meet the organisation policy:{{range $id, $why := .policy.unmet}} [{{$id}}] {{$why}}.{{end}}"

  example "unmet requirement fails" {
    expect  = "fail"
    subject = { name = "sentry", policy = { requirements = { remote-oauth = "unmet" }, unmet = { remote-oauth = "Remote servers in project configs use OAuth: auth.kind is \"static-bearer\"" } } }
  }
  example "met requirements pass" {
    expect  = "pass"
    subject = { name = "sentry", policy = { requirements = { remote-oauth = "met", pinned = "met" } } }
  }
  example "no requirement applies" {
    expect  = "not-applicable"
    subject = { name = "github", policy = { approval = "approved" } }
  }
}

control "MCP-POLICY-07" {
  title       = "Gateways have the settings the organisation policy requires"
  family      = "policy"
  severity    = "high"
  risks       = ["misconfiguration-drift", "missing-authentication", "missing-audit-trail"]
  subject     = "gateway"
  description = "The organisation's policy requires a setting of MCP gateways — authentication required, audit logging on, tools authorized per caller — written in CUE against the evidence schema, and this gateway does not have it."
  remediation = "Change the gateway's configuration to meet the requirement quoted in the finding, or, for a justified departure, add a time-bound exception to the policy."

  when = <<-CUE
    policy: requirements: _
  CUE
  check = <<-CUE
    policy: requirements: [string]: "met"
  CUE
  message = "gateway {{.name}} in {{.location}} does not meet the organisation policy:{{range $id, $why := .policy.unmet}} [{{$id}}] {{$why}}.{{end}}"

  example "unmet requirement fails" {
    expect  = "fail"
    subject = { name = "agentgateway", policy = { requirements = { audited = "unmet" }, unmet = { audited = "Gateways log tool calls: audit.enabled is false" } } }
  }
  example "met requirement passes" {
    expect  = "pass"
    subject = { name = "agentgateway", policy = { requirements = { audited = "met" } } }
  }
}

control "MCP-POLICY-08" {
  title       = "MCP workloads have the settings the organisation policy requires"
  family      = "policy"
  severity    = "high"
  risks       = ["misconfiguration-drift", "supply-chain-tampering", "excessive-scope"]
  subject     = "workload"
  description = "The organisation's policy requires a setting of the Kubernetes workloads that run MCP servers and gateways — images from the internal registry, a dedicated service account, a NetworkPolicy — written in CUE against the evidence schema, and this workload does not have it."
  remediation = "Change the workload's manifest to meet the requirement quoted in the finding, or, for a justified departure, add a time-bound exception to the policy."

  when = <<-CUE
    policy: requirements: _
  CUE
  check = <<-CUE
    policy: requirements: [string]: "met"
  CUE
  message = "workload {{.object}} in {{.location}} does not meet the organisation policy:{{range $id, $why := .policy.unmet}} [{{$id}}] {{$why}}.{{end}}"

  example "unmet requirement fails" {
    expect  = "fail"
    subject = { object = "Deployment/github-mcp", policy = { requirements = { internal-registry = "unmet" }, unmet = { internal-registry = "Images come from the internal registry: images.0.registry is \"ghcr.io\"" } } }
  }
  example "met requirement passes" {
    expect  = "pass"
    subject = { object = "Deployment/github-mcp", policy = { requirements = { internal-registry = "met" } } }
  }
}
