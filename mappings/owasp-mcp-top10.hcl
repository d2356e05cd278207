# OWASP MCP Top 10 (2025, v0.1 beta): risk categories for MCP deployments (CC BY-SA 4.0).

framework "owasp-mcp-top10" {
  title   = "OWASP MCP Top 10"
  version = "2025 v0.1 beta"
  source  = "https://owasp.org/www-project-mcp-top-10/"

  requirement "MCP01:2025" { title = "Token Mismanagement & Secret Exposure" }
  requirement "MCP02:2025" { title = "Privilege Escalation via Scope Creep" }
  requirement "MCP03:2025" { title = "Tool Poisoning" }
  requirement "MCP04:2025" { title = "Software Supply Chain Attacks & Dependency Tampering" }
  requirement "MCP05:2025" { title = "Command Injection & Execution" }
  requirement "MCP06:2025" { title = "Intent Flow Subversion" }
  requirement "MCP07:2025" { title = "Insufficient Authentication & Authorization" }
  requirement "MCP08:2025" { title = "Lack of Audit and Telemetry" }
  requirement "MCP09:2025" { title = "Shadow MCP Servers" }
  requirement "MCP10:2025" { title = "Context Injection & Over-Sharing" }
}

control "MCP-AUTH-01" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Unauthenticated remote servers are insufficient authentication and authorization."
  }
}

control "MCP-AUTH-02" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Long-lived tokens are mismanaged secrets."
  }

  maps "MCP02:2025" {
    provenance = "asserted"
    rationale  = "Static tokens tend to be over-scoped."
  }
}

control "MCP-AUTH-03" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Tokens in URLs are exposed secrets."
  }
}

control "MCP-AUTH-04" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Authentication of the remote server is assumed rather than shown."
  }
}

control "MCP-CLIENT-01" {
  maps "MCP06:2025" {
    provenance = "asserted"
    rationale  = "Injected instructions subvert intent flow when no call is confirmed."
  }

  maps "MCP02:2025" {
    provenance = "asserted"
    rationale  = "A client-wide approval extends every server's privileges to unattended use."
  }
}

control "MCP-CLIENT-02" {
  maps "MCP05:2025" {
    provenance = "asserted"
    rationale  = "Commands the agent is talked into run with the user's full rights."
  }

  maps "MCP02:2025" {
    provenance = "asserted"
    rationale  = "Full access is the widest scope the agent can be given."
  }
}

control "MCP-CLIENT-03" {
  maps "MCP09:2025" {
    provenance = "asserted"
    rationale  = "Servers a repository declares run without anyone approving them: shadow servers by design."
  }

  maps "MCP04:2025" {
    provenance = "asserted"
    rationale  = "A repository's configuration becomes a path to run untrusted code on every machine that opens it."
  }
}

control "MCP-CLIENT-04" {
  maps "MCP06:2025" {
    provenance = "asserted"
    rationale  = "Approved tools let injected instructions take effect."
  }
}

control "MCP-CONFIG-01" {
  maps "MCP09:2025" {
    provenance = "asserted"
    rationale  = "Unreadable configs hide which servers actually run."
  }
}

control "MCP-CONFIG-02" {
  maps "MCP09:2025" {
    provenance = "asserted"
    rationale  = "Configured and running server sets diverge, the root of shadow servers."
  }
}

control "MCP-CONFIG-03" {
  maps "MCP09:2025" {
    provenance = "asserted"
    rationale  = "Servers believed disabled still run."
  }

  maps "MCP02:2025" {
    provenance = "asserted"
    rationale  = "Intended restrictions are not applied."
  }
}

none "MCP-CONFIG-04" {
  reason = "Cosmetic configuration hygiene does not correspond to an OWASP MCP Top 10 risk."
}

control "MCP-CONFIG-05" {
  maps "MCP09:2025" {
    provenance = "asserted"
    rationale  = "What a file appears to declare and what the client runs diverge, hiding which servers actually run."
  }
}

control "MCP-CONSENT-01" {
  maps "MCP06:2025" {
    provenance = "asserted"
    rationale  = "Injected instructions subvert intent flow when nothing is confirmed."
  }

  maps "MCP02:2025" {
    provenance = "asserted"
    rationale  = "Blanket trust extends the agent's privileges."
  }
}

control "MCP-CONSENT-02" {
  maps "MCP06:2025" {
    provenance = "asserted"
    rationale  = "Auto-approved acting tools let injected instructions take effect."
  }

  maps "MCP05:2025" {
    provenance = "asserted"
    rationale  = "Auto-approved execute tools are command execution without review."
  }
}

control "MCP-CONSENT-03" {
  maps "MCP03:2025" {
    provenance = "asserted"
    rationale  = "Poisoned annotations can mark destructive tools as read-only."
  }
}

control "MCP-GATEWAY-01" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Gateways without authentication are insufficient authentication."
  }
}

control "MCP-GATEWAY-02" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Missing audience validation breaks authorization."
  }

  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Tokens for other services are accepted, a token mismanagement failure."
  }
}

control "MCP-GATEWAY-03" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Token passthrough is token mismanagement."
  }

  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Token passthrough lets upstream servers accept a token issued for someone else, bypassing their own authorization."
  }
}

control "MCP-GATEWAY-04" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "A gateway without per-tool authorization lets any authenticated caller use every tool, insufficient authorization in MCP07's sense."
  }

  maps "MCP02:2025" {
    provenance = "asserted"
    rationale  = "Without per-tool policy every caller reaches every tool."
  }
}

control "MCP-GATEWAY-05" {
  maps "MCP08:2025" {
    provenance = "asserted"
    rationale  = "Lack of audit and telemetry."
  }
}

none "MCP-GATEWAY-06" {
  reason = "No OWASP MCP Top 10 entry addresses resource exhaustion."
}

control "MCP-GATEWAY-07" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Any web origin can drive the gateway with the user's credentials."
  }
}

control "MCP-GATEWAY-08" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Rebinding bypasses network-based access assumptions."
  }
}

control "MCP-GATEWAY-09" {
  maps "MCP10:2025" {
    provenance = "asserted"
    rationale  = "Open egress is the exfiltration path for over-shared context."
  }
}

control "MCP-GATEWAY-10" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Tokens over plaintext listeners are exposed."
  }
}


control "MCP-GATEWAY-11" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Authentication and access settings the gateway ignores leave it without the authentication and authorization they were meant to add."
  }
}

control "MCP-GATEWAY-12" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Default credentials are the most easily exploited form of secret mismanagement."
  }
}

control "MCP-GATEWAY-13" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Plaintext credentials in gateway configuration are secret exposure."
  }
}

control "MCP-GATEWAY-14" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Identity taken from a spoofable header is insufficient authentication."
  }
}

control "MCP-GATEWAY-15" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Tokens written to logs are exposed secrets."
  }

  maps "MCP10:2025" {
    provenance = "asserted"
    rationale  = "Tool payloads in logs over-share context beyond the call."
  }
}

control "MCP-GATEWAY-16" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Switching off secret blocking lets secrets flow through tool calls."
  }

  maps "MCP10:2025" {
    provenance = "asserted"
    rationale  = "Unfiltered tool traffic over-shares sensitive context."
  }
}

control "MCP-GATEWAY-17" {
  maps "MCP04:2025" {
    provenance = "asserted"
    rationale  = "Unverified images are a software supply chain risk."
  }
}

control "MCP-GATEWAY-18" {
  maps "MCP10:2025" {
    provenance = "asserted"
    rationale  = "Debug logging and diagnostics over-share request context."
  }
}

control "MCP-GATEWAY-19" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Session cookies that can be copied in transit undermine authentication."
  }
}

control "MCP-GATEWAY-20" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Non-expiring tokens are mismanaged tokens."
  }
}

control "MCP-GATEWAY-21" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Audience values that do not name the resource weaken token validation."
  }

  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Tokens for one service become usable at another."
  }
}

control "MCP-GATEWAY-22" {
  maps "MCP05:2025" {
    provenance = "asserted"
    rationale  = "SSRF turns the gateway into an execution path into internal systems."
  }

  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Internal services reached through the gateway are reached without their own access checks."
  }
}

control "MCP-GATEWAY-23" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Authorization on claims with optional authentication is insufficient authentication and authorization."
  }
}

control "MCP-GATEWAY-24" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Keys fetched over plain HTTP can be replaced, defeating authentication."
  }
}

control "MCP-GATEWAY-25" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Tokens in URLs are exposed secrets."
  }
}

control "MCP-GATEWAY-26" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Upstream impersonation defeats the gateway's authentication to servers."
  }
}

control "MCP-GATEWAY-27" {
  maps "MCP02:2025" {
    provenance = "asserted"
    rationale  = "Grants to every caller are scope beyond what each caller needs."
  }
}

control "MCP-GATEWAY-28" {
  maps "MCP02:2025" {
    provenance = "asserted"
    rationale  = "Host-level privileges for the gateway are privilege far beyond its role."
  }
}

control "MCP-GATEWAY-29" {
  maps "MCP04:2025" {
    provenance = "asserted"
    rationale  = "Mutable image tags are a supply chain tampering vector."
  }
}

none "MCP-GATEWAY-30" {
  reason = "No OWASP MCP Top 10 entry addresses protocol version currency."
}

control "MCP-GATEWAY-31" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "An internet-facing gateway without authentication is the most exposed form of insufficient authentication."
  }
}

control "MCP-GATEWAY-32" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "A proxy whose authentication or authorization configuration is missing runs without the access control it was declared with."
  }
}

control "MCP-GOV-01" {
  maps "MCP09:2025" {
    provenance = "asserted"
    rationale  = "An allowlist is the primary control against shadow MCP servers."
  }
}

control "MCP-GOV-02" {
  maps "MCP08:2025" {
    provenance = "asserted"
    rationale  = "Response depends on telemetry and procedures."
  }
}

control "MCP-GOV-03" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Testing verifies authentication and authorization."
  }
}

control "MCP-GOV-04" {
  maps "MCP08:2025" {
    provenance = "asserted"
    rationale  = "Retained and reviewed tool-call logs supply the audit trail and telemetry whose absence MCP08 describes."
  }
}

control "MCP-GOV-05" {
  maps "MCP10:2025" {
    provenance = "asserted"
    rationale  = "Assessing over-sharing of personal data into context."
  }
}

control "MCP-GOV-06" {
  maps "MCP09:2025" {
    provenance = "asserted"
    rationale  = "Unregistered third-party servers are shadow servers."
  }
}

control "MCP-GOV-07" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Rotation and revocation limit how long a leaked MCP token stays useful, the core of token management."
  }
}

control "MCP-GOV-08" {
  maps "MCP06:2025" {
    provenance = "asserted"
    rationale  = "Users who recognise injection limit intent-flow subversion."
  }
}

control "MCP-MCPB-01" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Unmarked credential settings are stored in clear text."
  }
}

control "MCP-MCPB-02" {
  maps "MCP10:2025" {
    provenance = "asserted"
    rationale  = "Without declared policies, over-sharing with external services is invisible."
  }
}

control "MCP-REGISTRY-01" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Unmarked secrets are prompted, shown and stored in clear text."
  }
}

control "MCP-REGISTRY-02" {
  maps "MCP04:2025" {
    provenance = "asserted"
    rationale  = "Unversioned entries blur what consumers install."
  }
}

control "MCP-REGISTRY-03" {
  maps "MCP04:2025" {
    provenance = "asserted"
    rationale  = "Names without a namespace can be registered by anyone, so look-alike servers can be slipped into the supply chain (typosquatting)."
  }

  maps "MCP09:2025" {
    provenance = "asserted"
    rationale  = "Unverifiable publishers blur the line between approved and shadow servers."
  }
}

control "MCP-REGISTRY-04" {
  maps "MCP04:2025" {
    provenance = "asserted"
    rationale  = "Without hashes, tampered bundles go unnoticed."
  }
}

control "MCP-REGISTRY-05" {
  maps "MCP04:2025" {
    provenance = "asserted"
    rationale  = "Invalid manifests weaken the metadata supply-chain controls rely on."
  }
}

control "MCP-SANDBOX-01" {
  maps "MCP02:2025" {
    provenance = "asserted"
    rationale  = "Privileged containers give a server far more privilege than its function requires."
  }
}

control "MCP-SANDBOX-02" {
  maps "MCP02:2025" {
    provenance = "asserted"
    rationale  = "Host namespaces widen what the server can reach."
  }
}

control "MCP-SANDBOX-03" {
  maps "MCP02:2025" {
    provenance = "asserted"
    rationale  = "Mounting the engine socket escalates the server to host root."
  }
}

control "MCP-SANDBOX-04" {
  maps "MCP02:2025" {
    provenance = "asserted"
    rationale  = "Read-write mounts are scope creep over host data."
  }
}

control "MCP-SANDBOX-05" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Network-exposed local servers rarely authenticate callers."
  }
}

control "MCP-SANDBOX-06" {
  maps "MCP02:2025" {
    provenance = "asserted"
    rationale  = "Added capabilities are privilege escalation paths."
  }
}

control "MCP-SANDBOX-07" {
  maps "MCP02:2025" {
    provenance = "asserted"
    rationale  = "Broad filesystem reach is privilege escalation via scope creep."
  }

  maps "MCP10:2025" {
    provenance = "asserted"
    rationale  = "Whole home directories over-share context with the model."
  }
}

control "MCP-SECRETS-01" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Secrets stored in plaintext MCP configuration are the core of token mismanagement and secret exposure."
  }
}

control "MCP-SECRETS-02" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Secrets on the command line are exposed through process lists and shell history."
  }

  maps "MCP05:2025" {
    provenance = "asserted"
    rationale  = "Command lines that embed secrets are built and passed around as strings, the same surface as command execution flaws."
  }
}

control "MCP-SECRETS-03" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Plaintext bearer tokens in headers are secret exposure."
  }
}

control "MCP-SECRETS-04" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Tokens in URLs are a well-known secret exposure path."
  }
}

control "MCP-SECRETS-05" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Unexpanded references are a common precursor of secrets pasted into MCP configs."
  }
}

control "MCP-SECRETS-06" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Placeholders in committed configs lead to secrets being committed."
  }
}

control "MCP-SECRETS-07" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Credentials in process arguments are exposed through process lists."
  }
}

control "MCP-SECRETS-08" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Credentials in configuration files are exposed secrets."
  }
}

control "MCP-SUPPLY-01" {
  maps "MCP04:2025" {
    provenance = "asserted"
    rationale  = "Unpinned server packages are the primary software supply chain and dependency tampering path."
  }
}

control "MCP-SUPPLY-02" {
  maps "MCP04:2025" {
    provenance = "asserted"
    rationale  = "Floating `latest` versions let dependency tampering flow straight into clients."
  }
}

control "MCP-SUPPLY-03" {
  maps "MCP04:2025" {
    provenance = "asserted"
    rationale  = "Auto-install turns a typosquatted or hijacked name into executed code without a prompt."
  }
}

control "MCP-SUPPLY-04" {
  maps "MCP04:2025" {
    provenance = "asserted"
    rationale  = "Mutable image tags allow dependency tampering."
  }
}

control "MCP-SUPPLY-05" {
  maps "MCP05:2025" {
    provenance = "asserted"
    rationale  = "Shell wrappers are the classic command injection and execution surface."
  }
}

control "MCP-SUPPLY-06" {
  maps "MCP05:2025" {
    provenance = "asserted"
    rationale  = "curl | sh is command execution of remote content."
  }

  maps "MCP04:2025" {
    provenance = "asserted"
    rationale  = "The download is an unpinned, unverified supply-chain dependency."
  }
}

control "MCP-SUPPLY-07" {
  maps "MCP04:2025" {
    provenance = "asserted"
    rationale  = "Abandoned dependencies are a software supply chain risk."
  }
}

control "MCP-SUPPLY-08" {
  maps "MCP05:2025" {
    provenance = "asserted"
    rationale  = "Repository scripts launched by path execute attacker-controlled commands."
  }
}

control "MCP-TOOL-01" {
  maps "MCP03:2025" {
    provenance = "asserted"
    rationale  = "Rug pulls are a form of tool poisoning."
  }
}

control "MCP-TOOL-02" {
  maps "MCP03:2025" {
    provenance = "asserted"
    rationale  = "Hidden instructions in a tool description are tool poisoning: the description steers the model rather than describing the tool."
  }

  maps "MCP06:2025" {
    provenance = "asserted"
    rationale  = "Hidden instructions subvert the intent flow."
  }
}

control "MCP-TRANSPORT-01" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Tokens sent over cleartext are easily stolen, undermining authentication."
  }
}

none "MCP-TRANSPORT-02" {
  reason = "No OWASP MCP Top 10 entry addresses deprecated transports."
}

control "MCP-TRANSPORT-03" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Loopback servers without authentication are insufficient authentication."
  }
}

control "MCP-TRANSPORT-04" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Credentials sent over cleartext are exposed secrets."
  }

  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Credentials readable on the network undermine the authentication they serve."
  }
}

none "MCP-TRANSPORT-05" {
  reason = "The OWASP MCP Top 10 has no transport-security category; cleartext traffic that carries no credential fits none of its items (with credentials it is MCP-TRANSPORT-04)."
}

control "MCP-ENDPOINT-01" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Serving tools without credentials is insufficient authentication."
  }
}

control "MCP-ENDPOINT-02" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Without metadata clients fall back to weaker authentication."
  }
}

control "MCP-ENDPOINT-03" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Weak OAuth configuration undermines authentication."
  }
}

control "MCP-ENDPOINT-04" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Origin is part of deciding who may call the server."
  }
}

control "MCP-ENDPOINT-05" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Cross-origin access bypasses intended callers."
  }
}

control "MCP-ENDPOINT-06" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Guessable session ids let attackers ride on authenticated sessions."
  }
}

control "MCP-ENDPOINT-07" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Accepting tokens in the query string is token mismanagement."
  }
}

control "MCP-ENDPOINT-08" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Unverified or outdated TLS lets tokens be intercepted."
  }
}

control "MCP-ENDPOINT-09" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Tokens sent over cleartext are easily stolen."
  }
}

control "MCP-ENDPOINT-10" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Old revisions predate the authorization requirements."
  }
}

control "MCP-TOOL-03" {
  maps "MCP03:2025" {
    provenance = "asserted"
    rationale  = "Invisible characters are a tool-poisoning technique."
  }

  maps "MCP06:2025" {
    provenance = "asserted"
    rationale  = "Hidden text subverts the intent flow."
  }
}

control "MCP-TOOL-04" {
  maps "MCP03:2025" {
    provenance = "asserted"
    rationale  = "Encoded payloads are a tool-poisoning technique."
  }
}

control "MCP-TOOL-05" {
  maps "MCP03:2025" {
    provenance = "asserted"
    rationale  = "Tool shadowing is listed under tool poisoning."
  }

  maps "MCP06:2025" {
    provenance = "asserted"
    rationale  = "Instructions about other tools subvert the intent flow."
  }
}

control "MCP-TOOL-06" {
  maps "MCP03:2025" {
    provenance = "asserted"
    rationale  = "Name collisions enable tool shadowing."
  }
}

control "MCP-TOOL-07" {
  maps "MCP03:2025" {
    provenance = "asserted"
    rationale  = "Look-alike names are a shadowing and poisoning technique."
  }
}

control "MCP-TOOL-08" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Secret exposure through the agent."
  }

  maps "MCP03:2025" {
    provenance = "asserted"
    rationale  = "Tool poisoning aimed at credentials."
  }
}

control "MCP-TOOL-09" {
  maps "MCP03:2025" {
    provenance = "asserted"
    rationale  = "Tool poisoning aimed at exfiltration."
  }

  maps "MCP10:2025" {
    provenance = "asserted"
    rationale  = "Passing whole contents along is context and data over-sharing."
  }
}

control "MCP-TOOL-10" {
  maps "MCP03:2025" {
    provenance = "asserted"
    rationale  = "Misleading annotations are a poisoning of tool metadata."
  }
}

control "MCP-TOOL-11" {
  maps "MCP03:2025" {
    provenance = "asserted"
    rationale  = "Long descriptions are where poisoning hides."
  }
}

# Kubernetes workloads, RBAC and exposure.

control "MCP-WORKLOAD-01" {
  maps "MCP02:2025" {
    provenance = "asserted"
    rationale  = "Privileged containers give a server far more privilege than its function requires."
  }
}

control "MCP-WORKLOAD-02" {
  maps "MCP02:2025" {
    provenance = "asserted"
    rationale  = "Node namespaces widen what the server can reach."
  }
}

control "MCP-WORKLOAD-03" {
  maps "MCP02:2025" {
    provenance = "asserted"
    rationale  = "Node mounts are scope creep over the node's data."
  }
}

control "MCP-WORKLOAD-04" {
  maps "MCP02:2025" {
    provenance = "asserted"
    rationale  = "Root privileges exceed the server's function."
  }
}

control "MCP-WORKLOAD-05" {
  maps "MCP02:2025" {
    provenance = "asserted"
    rationale  = "Escalation is privilege gained beyond the server's scope."
  }
}

control "MCP-WORKLOAD-06" {
  maps "MCP05:2025" {
    provenance = "asserted"
    rationale  = "Code written by a steered tool cannot replace the server's own."
  }
}

control "MCP-WORKLOAD-07" {
  maps "MCP02:2025" {
    provenance = "asserted"
    rationale  = "Unneeded capabilities are privilege beyond the server's function."
  }
}

control "MCP-WORKLOAD-08" {
  maps "MCP05:2025" {
    provenance = "asserted"
    rationale  = "A filtered kernel surface limits what injected commands can achieve."
  }
}

control "MCP-WORKLOAD-09" {
  maps "MCP06:2025" {
    provenance = "asserted"
    rationale  = "A steered agent looping over tools cannot take the node down with it."
  }
}

control "MCP-WORKLOAD-10" {
  maps "MCP04:2025" {
    provenance = "asserted"
    rationale  = "Mutable image tags allow dependency tampering."
  }
}

control "MCP-WORKLOAD-11" {
  maps "MCP04:2025" {
    provenance = "asserted"
    rationale  = "Floating `latest` images let dependency tampering flow straight into the cluster."
  }
}

control "MCP-WORKLOAD-12" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Secrets written into MCP workload manifests are token mismanagement and secret exposure."
  }
}

control "MCP-WORKLOAD-13" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Secrets on the command line are exposed through object specs and process lists."
  }
}

control "MCP-WORKLOAD-14" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Committed Secret values are the core of secret exposure."
  }
}

control "MCP-WORKLOAD-15" {
  maps "MCP02:2025" {
    provenance = "asserted"
    rationale  = "Permissions granted to the shared account creep into the MCP server."
  }
}

control "MCP-WORKLOAD-16" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "A token a tool can read from the filesystem is exposed to exfiltration."
  }
}

control "MCP-WORKLOAD-17" {
  maps "MCP02:2025" {
    provenance = "asserted"
    rationale  = "A cloud role is scope creep beyond the cluster."
  }

  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Metadata credentials are tokens a steered tool can take."
  }
}

control "MCP-RBAC-01" {
  maps "MCP02:2025" {
    provenance = "asserted"
    rationale  = "cluster-admin is privilege escalation by construction."
  }
}

control "MCP-RBAC-02" {
  maps "MCP02:2025" {
    provenance = "asserted"
    rationale  = "Wildcards are scope creep in RBAC form."
  }
}

control "MCP-RBAC-03" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Secrets become reachable from the model's context."
  }

  maps "MCP10:2025" {
    provenance = "asserted"
    rationale  = "Secret contents can be over-shared into the conversation."
  }
}

control "MCP-RBAC-04" {
  maps "MCP05:2025" {
    provenance = "asserted"
    rationale  = "Pods and exec are command execution through the API."
  }

  maps "MCP02:2025" {
    provenance = "asserted"
    rationale  = "Workload creation escalates to any account of the namespace."
  }
}

control "MCP-RBAC-05" {
  maps "MCP02:2025" {
    provenance = "asserted"
    rationale  = "These verbs are privilege escalation."
  }
}

control "MCP-EXPOSURE-01" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Direct exposure bypasses the authentication an ingress or gateway would add."
  }

  maps "MCP09:2025" {
    provenance = "asserted"
    rationale  = "Servers reachable from outside without a gateway escape the approved entry points."
  }
}

control "MCP-EXPOSURE-02" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Bearer tokens sent in clear are exposed."
  }

  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Cleartext transport lets credentials be captured and replayed, undermining authentication."
  }
}

control "MCP-EXPOSURE-03" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "An ingress without authentication is insufficient authentication."
  }
}

control "MCP-EXPOSURE-04" {
  maps "MCP10:2025" {
    provenance = "asserted"
    rationale  = "Data over-shared into the context can leave the cluster."
  }

  maps "MCP06:2025" {
    provenance = "asserted"
    rationale  = "Subverted intent can exfiltrate through open egress."
  }
}

control "MCP-EXPOSURE-05" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Direct access bypasses the authenticating entry point."
  }

  maps "MCP09:2025" {
    provenance = "asserted"
    rationale  = "Paths around the gateway are unmanaged access to the server."
  }
}

control "MCP-TOOL-12" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "Credentials passed through model context are mismanaged and exposed secrets."
  }
}

control "MCP-TOOL-13" {
  maps "MCP05:2025" {
    provenance = "asserted"
    rationale  = "Unchecked arguments are the way injected instructions turn into commands."
  }
}

control "MCP-TOOL-14" {
  maps "MCP05:2025" {
    provenance = "asserted"
    rationale  = "Free-form shell and SQL input is the path to command injection and execution."
  }
}

control "MCP-ENDPOINT-11" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "Discovery without credentials is insufficient authentication and authorization."
  }
}

control "MCP-ENDPOINT-12" {
  maps "MCP10:2025" {
    provenance = "asserted"
    rationale  = "Internal details in error text over-share into the model context."
  }
}

control "MCP-ENDPOINT-13" {
  maps "MCP01:2025" {
    provenance = "asserted"
    rationale  = "A credential in an error response is an exposed secret."
  }
}

none "MCP-GOV-09" {
  reason = "The OWASP MCP Top 10 has no category for resource exhaustion or availability."
}

# Organisation policy (controls/builtin/policy.hcl).

control "MCP-POLICY-01" {
  maps "MCP04:2025" {
    provenance = "asserted"
    rationale  = "An approved server at an unreviewed release is the dependency-tampering path the supply-chain risk describes."
  }
}

control "MCP-POLICY-02" {
  maps "MCP04:2025" {
    provenance = "asserted"
    rationale  = "Denied packages and publishers block known supply-chain attacks on MCP servers."
  }
}

control "MCP-POLICY-03" {
  maps "MCP07:2025" {
    provenance = "asserted"
    rationale  = "An approval's authentication conditions exist to avoid insufficient authentication to the server."
  }
}

control "MCP-POLICY-04" {
  maps "MCP02:2025" {
    provenance = "asserted"
    rationale  = "Tools beyond those reviewed are scope creep: the agent gains capabilities nobody granted."
  }
}

control "MCP-POLICY-05" {
  maps "MCP09:2025" {
    provenance = "asserted"
    rationale  = "An unapproved MCP image in a cluster is a shadow MCP server."
  }

  maps "MCP04:2025" {
    provenance = "asserted"
    rationale  = "Images at unreviewed digests are a supply-chain path."
  }
}

none "MCP-POLICY-06" {
  reason = "The requirements are the organisation's own; which risk they address depends on what they require."
}

none "MCP-POLICY-07" {
  reason = "The requirements are the organisation's own; which risk they address depends on what they require."
}

none "MCP-POLICY-08" {
  reason = "The requirements are the organisation's own; which risk they address depends on what they require."
}

control "MCP-GATEWAY-33" {
  maps "MCP10:2025" {
    provenance = "asserted"
    rationale  = "Unfiltered tool results over-share sensitive context with the model."
  }

  maps "MCP06:2025" {
    provenance = "asserted"
    rationale  = "Injected instructions in tool results subvert the intended flow unless filtered."
  }
}

control "MCP-GATEWAY-34" {
  maps "MCP08:2025" {
    provenance = "asserted"
    rationale  = "No trace export is a lack of telemetry."
  }
}
