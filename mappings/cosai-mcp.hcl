# CoSAI Workstream 4 "Model Context Protocol Security": the MCP threat categories
# MCP-T1 to MCP-T12.

framework "cosai-mcp" {
  title   = "CoSAI Model Context Protocol Security threat categories"
  version = "2025"
  source  = "https://github.com/cosai-oasis/ws4-secure-design-agentic-systems"

  requirement "MCP-T1"  { title = "Improper Authentication and Identity Management" }
  requirement "MCP-T2"  { title = "Missing or Improper Access Control" }
  requirement "MCP-T3"  { title = "Input Validation/Sanitization Failures" }
  requirement "MCP-T4"  { title = "Input/Instruction Boundary Distinction Failure" }
  requirement "MCP-T5"  { title = "Inadequate Data Protection and Confidentiality Controls" }
  requirement "MCP-T6"  { title = "Missing Integrity/Verification Controls" }
  requirement "MCP-T7"  { title = "Session and Transport Security Failures" }
  requirement "MCP-T8"  { title = "Network Binding/Isolation Failures" }
  requirement "MCP-T9"  { title = "Trust Boundary and Privilege Design Failures" }
  requirement "MCP-T10" { title = "Resource Management/Rate Limiting Absence" }
  requirement "MCP-T11" { title = "Supply Chain and Lifecycle Security Failures" }
  requirement "MCP-T12" { title = "Insufficient Logging, Monitoring, and Auditability" }
}

control "MCP-AUTH-01" {
  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "A remote server that accepts calls without credentials cannot tell one caller from another: the identity failure MCP-T1 describes."
  }
}

control "MCP-AUTH-02" {
  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "Static credentials are weak identity management."
  }
}

control "MCP-AUTH-03" {
  maps "MCP-T7" {
    provenance = "asserted"
    rationale  = "Credentials in a URL query string end up in proxy, server and browser logs and in referrers, a session-security failure of the transport."
  }
}

control "MCP-AUTH-04" {
  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "Whether the server authenticates callers is not established."
  }
}

control "MCP-CLIENT-01" {
  maps "MCP-T4" {
    provenance = "asserted"
    rationale  = "No boundary between injected instructions and executed actions."
  }

  maps "MCP-T2" {
    provenance = "asserted"
    rationale  = "No access control over individual tool calls."
  }
}

control "MCP-CLIENT-02" {
  maps "MCP-T9" {
    provenance = "asserted"
    rationale  = "The trust boundary between the agent and the host is removed."
  }

  maps "MCP-T8" {
    provenance = "asserted"
    rationale  = "Isolation of the agent's commands from the host is missing."
  }
}

control "MCP-CLIENT-03" {
  maps "MCP-T11" {
    provenance = "asserted"
    rationale  = "Servers enter through the repository's lifecycle without verification."
  }

  maps "MCP-T9" {
    provenance = "asserted"
    rationale  = "A repository is trusted to decide what runs on the user's machine."
  }
}

control "MCP-CLIENT-04" {
  maps "MCP-T4" {
    provenance = "asserted"
    rationale  = "Approved tools act on injected instructions without a boundary."
  }
}

control "MCP-CONFIG-01" {
  maps "MCP-T3" {
    provenance = "asserted"
    rationale  = "Malformed configuration input is not validated before use."
  }
}

control "MCP-CONFIG-02" {
  maps "MCP-T12" {
    provenance = "asserted"
    rationale  = "Auditability suffers when configuration and behaviour diverge."
  }
}

control "MCP-CONFIG-03" {
  maps "MCP-T3" {
    provenance = "asserted"
    rationale  = "Unknown configuration input is silently accepted."
  }
}

none "MCP-CONFIG-04" {
  reason = "Cosmetic configuration hygiene does not correspond to a CoSAI MCP threat category."
}

control "MCP-CONFIG-05" {
  maps "MCP-T12" {
    provenance = "asserted"
    rationale  = "Auditability suffers when configuration and behaviour diverge."
  }
}

control "MCP-CONSENT-01" {
  maps "MCP-T4" {
    provenance = "asserted"
    rationale  = "No boundary between injected instructions and executed actions."
  }

  maps "MCP-T2" {
    provenance = "asserted"
    rationale  = "No access control over individual tool calls."
  }
}

control "MCP-CONSENT-02" {
  maps "MCP-T4" {
    provenance = "asserted"
    rationale  = "No boundary between injected content and actions."
  }
}

control "MCP-CONSENT-03" {
  maps "MCP-T4" {
    provenance = "asserted"
    rationale  = "The server controls the instruction boundary through its annotations."
  }
}

control "MCP-GATEWAY-01" {
  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "Authentication is missing or optional."
  }
}

control "MCP-GATEWAY-02" {
  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "Identity verification is incomplete without audience binding."
  }
}

control "MCP-GATEWAY-03" {
  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "Passing the client's token through to upstream servers lets every server act as the user, so no service in the chain holds an identity of its own."
  }

  maps "MCP-T9" {
    provenance = "asserted"
    rationale  = "Trust boundaries between gateway and upstream are collapsed."
  }
}

control "MCP-GATEWAY-04" {
  maps "MCP-T2" {
    provenance = "asserted"
    rationale  = "Without per-tool authorization, any authenticated caller reaches every tool behind the gateway: missing access control in MCP-T2's sense."
  }
}

control "MCP-GATEWAY-05" {
  maps "MCP-T12" {
    provenance = "asserted"
    rationale  = "Logging and auditability are missing."
  }
}

control "MCP-GATEWAY-06" {
  maps "MCP-T10" {
    provenance = "asserted"
    rationale  = "A gateway that does not rate-limit lets one client exhaust the servers and upstream APIs behind it, the resource abuse MCP-T10 covers."
  }
}

control "MCP-GATEWAY-07" {
  maps "MCP-T7" {
    provenance = "asserted"
    rationale  = "Session exposure through permissive CORS."
  }

  maps "MCP-T8" {
    provenance = "asserted"
    rationale  = "Network exposure to arbitrary origins."
  }
}

control "MCP-GATEWAY-08" {
  maps "MCP-T8" {
    provenance = "asserted"
    rationale  = "Network binding and isolation failure."
  }

  maps "MCP-T3" {
    provenance = "asserted"
    rationale  = "Origin input is not validated."
  }
}

control "MCP-GATEWAY-09" {
  maps "MCP-T8" {
    provenance = "asserted"
    rationale  = "A gateway with unrestricted outbound access lets servers reach any host, so the network isolation MCP-T8 asks for is missing."
  }
}

control "MCP-GATEWAY-10" {
  maps "MCP-T7" {
    provenance = "asserted"
    rationale  = "A gateway listener without TLS beyond loopback carries tokens and tool traffic in cleartext, a transport-security failure."
  }
}


control "MCP-GATEWAY-11" {
  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "Misplaced authentication settings leave the gateway's identity checks unconfigured."
  }
}

control "MCP-GATEWAY-12" {
  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "Default credentials defeat the gateway's authentication entirely."
  }
}

control "MCP-GATEWAY-13" {
  maps "MCP-T5" {
    provenance = "asserted"
    rationale  = "Plaintext credentials in configuration are a confidentiality failure."
  }
}

control "MCP-GATEWAY-14" {
  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "Identity asserted by an unverified header is improper identity management."
  }
}

control "MCP-GATEWAY-15" {
  maps "MCP-T5" {
    provenance = "asserted"
    rationale  = "Payloads and tokens in logs are a data-protection failure."
  }

  maps "MCP-T12" {
    provenance = "asserted"
    rationale  = "Logging must be designed so that the audit trail does not leak what it records."
  }
}

control "MCP-GATEWAY-16" {
  maps "MCP-T5" {
    provenance = "asserted"
    rationale  = "Disabled secret detection removes a data-protection control."
  }
}

control "MCP-GATEWAY-17" {
  maps "MCP-T6" {
    provenance = "asserted"
    rationale  = "Switching off signature verification removes an integrity control."
  }

  maps "MCP-T11" {
    provenance = "asserted"
    rationale  = "Server images are supply-chain components whose provenance must be verified."
  }
}

control "MCP-GATEWAY-18" {
  maps "MCP-T5" {
    provenance = "asserted"
    rationale  = "Debug modes weaken the confidentiality of what the gateway handles."
  }
}

control "MCP-GATEWAY-19" {
  maps "MCP-T7" {
    provenance = "asserted"
    rationale  = "Insecure session cookies are a session security failure."
  }
}

control "MCP-GATEWAY-20" {
  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "Tokens without expiry weaken identity management."
  }

  maps "MCP-T7" {
    provenance = "asserted"
    rationale  = "Long-lived tokens extend the window for session hijacking."
  }
}

control "MCP-GATEWAY-21" {
  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "Token audience binding is part of proper authentication."
  }

  maps "MCP-T2" {
    provenance = "asserted"
    rationale  = "Tokens not bound to the resource allow access that was not granted for it."
  }
}

control "MCP-GATEWAY-22" {
  maps "MCP-T3" {
    provenance = "asserted"
    rationale  = "URL inputs are not validated against internal destinations."
  }

  maps "MCP-T8" {
    provenance = "asserted"
    rationale  = "The gateway bridges network isolation boundaries."
  }
}

control "MCP-GATEWAY-23" {
  maps "MCP-T2" {
    provenance = "asserted"
    rationale  = "Access control decisions rely on identity that was never required."
  }
}

control "MCP-GATEWAY-24" {
  maps "MCP-T7" {
    provenance = "asserted"
    rationale  = "Identity provider traffic without TLS is a transport security failure."
  }

  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "Authentication trusts keys from an unauthenticated source."
  }
}

control "MCP-GATEWAY-25" {
  maps "MCP-T7" {
    provenance = "asserted"
    rationale  = "Tokens in the query string are a transport security failure."
  }
}

control "MCP-GATEWAY-26" {
  maps "MCP-T7" {
    provenance = "asserted"
    rationale  = "Skipping certificate verification is a transport security failure."
  }
}

control "MCP-GATEWAY-27" {
  maps "MCP-T2" {
    provenance = "asserted"
    rationale  = "Unconditioned grants are missing access control."
  }

  maps "MCP-T9" {
    provenance = "asserted"
    rationale  = "Grants to everyone blur the trust boundary between callers."
  }
}

control "MCP-GATEWAY-28" {
  maps "MCP-T9" {
    provenance = "asserted"
    rationale  = "Host-level access erases the trust boundary between gateway and host."
  }

  maps "MCP-T8" {
    provenance = "asserted"
    rationale  = "Host networking removes network isolation."
  }
}

control "MCP-GATEWAY-29" {
  maps "MCP-T11" {
    provenance = "asserted"
    rationale  = "Unpinned gateway images are a lifecycle and supply-chain failure."
  }
}

control "MCP-GATEWAY-30" {
  maps "MCP-T7" {
    provenance = "asserted"
    rationale  = "The deprecated transport's session handling is a session and transport security weakness."
  }
}

control "MCP-GATEWAY-31" {
  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "No identity is established for callers reaching the gateway from the internet."
  }
}

control "MCP-GATEWAY-32" {
  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "A missing OIDC or authorization object leaves the proxy's identity and access checks undefined."
  }
}

control "MCP-GOV-01" {
  maps "MCP-T11" {
    provenance = "asserted"
    rationale  = "An approved-server list is the lifecycle gate MCP-T11 asks for: servers are reviewed before use and can be withdrawn."
  }
}

control "MCP-GOV-02" {
  maps "MCP-T12" {
    provenance = "asserted"
    rationale  = "Monitoring and response to MCP events."
  }
}

control "MCP-GOV-03" {
  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "Periodic security testing of MCP endpoints is how broken or missing authentication is found before an attacker finds it."
  }

  maps "MCP-T7" {
    provenance = "asserted"
    rationale  = "Testing verifies transport and session security."
  }
}

control "MCP-GOV-04" {
  maps "MCP-T12" {
    provenance = "asserted"
    rationale  = "Retained and reviewed tool-call logs are what makes agent actions auditable after the fact, the gap MCP-T12 names."
  }
}

control "MCP-GOV-05" {
  maps "MCP-T5" {
    provenance = "asserted"
    rationale  = "Data protection decisions for MCP flows."
  }
}

control "MCP-GOV-06" {
  maps "MCP-T11" {
    provenance = "asserted"
    rationale  = "Recording MCP servers as suppliers puts third-party servers under the same lifecycle governance as other suppliers."
  }
}

control "MCP-GOV-07" {
  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "Credentials that can be rotated and revoked keep an MCP identity trustworthy after a leak or a staff change."
  }
}

control "MCP-GOV-08" {
  maps "MCP-T4" {
    provenance = "asserted"
    rationale  = "Human awareness of instruction boundaries."
  }
}

control "MCP-MCPB-01" {
  maps "MCP-T5" {
    provenance = "asserted"
    rationale  = "Credential settings are not protected."
  }
}

control "MCP-MCPB-02" {
  maps "MCP-T5" {
    provenance = "asserted"
    rationale  = "Data protection information about external flows is missing."
  }
}

control "MCP-REGISTRY-01" {
  maps "MCP-T5" {
    provenance = "asserted"
    rationale  = "Credential inputs are not protected by clients."
  }
}

control "MCP-REGISTRY-02" {
  maps "MCP-T11" {
    provenance = "asserted"
    rationale  = "Lifecycle tracking needs explicit versions."
  }
}

control "MCP-REGISTRY-03" {
  maps "MCP-T11" {
    provenance = "asserted"
    rationale  = "Publisher identity is part of supply-chain security."
  }

  maps "MCP-T6" {
    provenance = "asserted"
    rationale  = "No verification of who published the server."
  }
}

control "MCP-REGISTRY-04" {
  maps "MCP-T6" {
    provenance = "asserted"
    rationale  = "Without a SHA-256 in the manifest, a client cannot verify the downloaded bundle is the one published, the integrity gap MCP-T6 describes."
  }
}

control "MCP-REGISTRY-05" {
  maps "MCP-T3" {
    provenance = "asserted"
    rationale  = "Manifest input is not validated by its publisher."
  }
}

control "MCP-SANDBOX-01" {
  maps "MCP-T9" {
    provenance = "asserted"
    rationale  = "Privileged mode erases the trust boundary between server and host."
  }

  maps "MCP-T8" {
    provenance = "asserted"
    rationale  = "Isolation of the server from the host is missing."
  }
}

control "MCP-SANDBOX-02" {
  maps "MCP-T8" {
    provenance = "asserted"
    rationale  = "Network binding and isolation are lost with host namespaces."
  }
}

control "MCP-SANDBOX-03" {
  maps "MCP-T9" {
    provenance = "asserted"
    rationale  = "Trust boundary between container and host is removed."
  }
}

control "MCP-SANDBOX-04" {
  maps "MCP-T2" {
    provenance = "asserted"
    rationale  = "Host file access is not restricted to what the server needs."
  }
}

control "MCP-SANDBOX-05" {
  maps "MCP-T8" {
    provenance = "asserted"
    rationale  = "Network binding failure: the server listens beyond loopback."
  }
}

control "MCP-SANDBOX-06" {
  maps "MCP-T9" {
    provenance = "asserted"
    rationale  = "The container trust boundary is weakened."
  }
}

control "MCP-SANDBOX-07" {
  maps "MCP-T2" {
    provenance = "asserted"
    rationale  = "File access control is missing or too broad."
  }

  maps "MCP-T5" {
    provenance = "asserted"
    rationale  = "Private files are exposed beyond need."
  }
}

control "MCP-SECRETS-01" {
  maps "MCP-T5" {
    provenance = "asserted"
    rationale  = "Plaintext credentials in configuration are a data-protection and confidentiality failure."
  }

  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "Credential material for MCP identities is mishandled."
  }
}

control "MCP-SECRETS-02" {
  maps "MCP-T5" {
    provenance = "asserted"
    rationale  = "Credential values are exposed through the process environment of the host."
  }
}

control "MCP-SECRETS-03" {
  maps "MCP-T5" {
    provenance = "asserted"
    rationale  = "Plaintext request credentials are a confidentiality failure."
  }

  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "Static credentials for MCP identities are stored insecurely."
  }
}

control "MCP-SECRETS-04" {
  maps "MCP-T5" {
    provenance = "asserted"
    rationale  = "Credentials in URLs are exposed to logs and intermediaries."
  }

  maps "MCP-T7" {
    provenance = "asserted"
    rationale  = "Credentials carried outside the protected header channel weaken session and transport security."
  }
}

control "MCP-SECRETS-05" {
  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "The intended credential is never presented, breaking the identity configuration of the server."
  }
}

control "MCP-SECRETS-06" {
  maps "MCP-T5" {
    provenance = "asserted"
    rationale  = "Project files are set up to hold credentials in clear text."
  }
}

control "MCP-SECRETS-07" {
  maps "MCP-T5" {
    provenance = "asserted"
    rationale  = "Credential values are exposed through the process arguments of the host."
  }
}

control "MCP-SECRETS-08" {
  maps "MCP-T5" {
    provenance = "asserted"
    rationale  = "Plaintext credentials in configuration are a data-protection and confidentiality failure."
  }
}

control "MCP-SUPPLY-01" {
  maps "MCP-T11" {
    provenance = "asserted"
    rationale  = "Supply chain and lifecycle security fails when servers are fetched unpinned."
  }

  maps "MCP-T6" {
    provenance = "asserted"
    rationale  = "Without a pinned version there is no integrity anchor for the server code."
  }
}

control "MCP-SUPPLY-02" {
  maps "MCP-T11" {
    provenance = "asserted"
    rationale  = "Lifecycle control is lost when `latest` is run."
  }
}

control "MCP-SUPPLY-03" {
  maps "MCP-T11" {
    provenance = "asserted"
    rationale  = "Installation without confirmation weakens supply-chain controls."
  }
}

control "MCP-SUPPLY-04" {
  maps "MCP-T6" {
    provenance = "asserted"
    rationale  = "Without a digest there is no integrity verification of the server image."
  }

  maps "MCP-T11" {
    provenance = "asserted"
    rationale  = "Tags break lifecycle control over server images."
  }
}

control "MCP-SUPPLY-05" {
  maps "MCP-T3" {
    provenance = "asserted"
    rationale  = "Shell interpretation of the launch string is an input-sanitization failure."
  }

  maps "MCP-T9" {
    provenance = "asserted"
    rationale  = "The server runs through an interpreter with the user's full privileges, a trust boundary design failure."
  }
}

control "MCP-SUPPLY-06" {
  maps "MCP-T11" {
    provenance = "asserted"
    rationale  = "No lifecycle or integrity control over the launched code."
  }

  maps "MCP-T6" {
    provenance = "asserted"
    rationale  = "No integrity verification of what runs."
  }
}

control "MCP-SUPPLY-07" {
  maps "MCP-T11" {
    provenance = "asserted"
    rationale  = "Lifecycle security fails for servers that are no longer maintained."
  }
}

control "MCP-SUPPLY-08" {
  maps "MCP-T9" {
    provenance = "asserted"
    rationale  = "The repository is trusted as if it were the user, a trust boundary failure."
  }
}

control "MCP-TOOL-01" {
  maps "MCP-T6" {
    provenance = "asserted"
    rationale  = "Integrity verification of tool definitions."
  }
}

control "MCP-TOOL-02" {
  maps "MCP-T4" {
    provenance = "asserted"
    rationale  = "Instructions hidden in tool descriptions cross from data into the model's instructions, the boundary failure MCP-T4 names."
  }

  maps "MCP-T3" {
    provenance = "asserted"
    rationale  = "Tool descriptions reach the model unsanitised; hidden instructions in them are unvalidated input."
  }
}

control "MCP-TRANSPORT-01" {
  maps "MCP-T7" {
    provenance = "asserted"
    rationale  = "Plain HTTP to a remote server exposes the session and its tokens to anyone on the path, a transport-security failure."
  }
}

control "MCP-TRANSPORT-02" {
  maps "MCP-T7" {
    provenance = "asserted"
    rationale  = "Session handling of the legacy transport is weaker."
  }
}

control "MCP-TRANSPORT-03" {
  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "A local HTTP server without authentication serves any local process or browser page that finds its port, so callers are not identified."
  }

  maps "MCP-T8" {
    provenance = "asserted"
    rationale  = "Network binding alone is relied on as protection."
  }
}

control "MCP-TRANSPORT-04" {
  maps "MCP-T7" {
    provenance = "asserted"
    rationale  = "The server's traffic to the service lacks transport security."
  }

  maps "MCP-T5" {
    provenance = "asserted"
    rationale  = "Credentials cross the network without confidentiality protection."
  }
}

control "MCP-TRANSPORT-05" {
  maps "MCP-T7" {
    provenance = "asserted"
    rationale  = "The server's traffic to the service lacks transport security."
  }
}

control "MCP-ENDPOINT-01" {
  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "An endpoint open to anyone is improper authentication."
  }

  maps "MCP-T2" {
    provenance = "asserted"
    rationale  = "No credential means no access control on the tools."
  }
}

control "MCP-ENDPOINT-02" {
  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "Identity management depends on correct resource metadata."
  }
}

control "MCP-ENDPOINT-03" {
  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "Authorization flows without PKCE or metadata are improper authentication."
  }
}

control "MCP-ENDPOINT-04" {
  maps "MCP-T8" {
    provenance = "asserted"
    rationale  = "Network binding and isolation failure (DNS rebinding)."
  }
}

control "MCP-ENDPOINT-05" {
  maps "MCP-T7" {
    provenance = "asserted"
    rationale  = "Session and transport security failure."
  }
}

control "MCP-ENDPOINT-06" {
  maps "MCP-T7" {
    provenance = "asserted"
    rationale  = "Guessable or exposed session ids are a session security failure."
  }
}

control "MCP-ENDPOINT-07" {
  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "Accepting tokens in URLs is improper credential handling."
  }

  maps "MCP-T7" {
    provenance = "asserted"
    rationale  = "Tokens in URLs escape the protected transport into logs."
  }
}

control "MCP-ENDPOINT-08" {
  maps "MCP-T7" {
    provenance = "asserted"
    rationale  = "Unverified or outdated TLS is a transport security failure."
  }
}

control "MCP-ENDPOINT-09" {
  maps "MCP-T7" {
    provenance = "asserted"
    rationale  = "Plain HTTP leaves MCP traffic without transport security."
  }
}

control "MCP-ENDPOINT-10" {
  maps "MCP-T11" {
    provenance = "asserted"
    rationale  = "An outdated protocol revision is a lifecycle failure of the implementation."
  }
}

control "MCP-TOOL-03" {
  maps "MCP-T4" {
    provenance = "asserted"
    rationale  = "Text the reviewer cannot see blurs the instruction boundary."
  }

  maps "MCP-T3" {
    provenance = "asserted"
    rationale  = "Tool metadata is not sanitised."
  }
}

control "MCP-TOOL-04" {
  maps "MCP-T4" {
    provenance = "asserted"
    rationale  = "Encoded instructions cross the instruction boundary unseen."
  }

  maps "MCP-T3" {
    provenance = "asserted"
    rationale  = "Tool metadata is not sanitised."
  }
}

control "MCP-TOOL-05" {
  maps "MCP-T9" {
    provenance = "asserted"
    rationale  = "One server crosses the trust boundary of another."
  }

  maps "MCP-T4" {
    provenance = "asserted"
    rationale  = "Instructions about other tools cross the instruction boundary."
  }
}

control "MCP-TOOL-06" {
  maps "MCP-T9" {
    provenance = "asserted"
    rationale  = "Colliding names blur which server a call crosses into."
  }
}

control "MCP-TOOL-07" {
  maps "MCP-T6" {
    provenance = "asserted"
    rationale  = "Tool identity is not verified."
  }

  maps "MCP-T4" {
    provenance = "asserted"
    rationale  = "Look-alike names mislead the model and its reviewers."
  }
}

control "MCP-TOOL-08" {
  maps "MCP-T5" {
    provenance = "asserted"
    rationale  = "Confidential data (credentials) is targeted."
  }
}

control "MCP-TOOL-09" {
  maps "MCP-T5" {
    provenance = "asserted"
    rationale  = "Data is sent outside its confidentiality boundary."
  }
}

control "MCP-TOOL-10" {
  maps "MCP-T9" {
    provenance = "asserted"
    rationale  = "Privilege design relies on honest tool annotations."
  }
}

control "MCP-TOOL-11" {
  maps "MCP-T4" {
    provenance = "asserted"
    rationale  = "Long model-facing text blurs the instruction boundary."
  }
}

# Kubernetes workloads, RBAC and exposure.

control "MCP-WORKLOAD-01" {
  maps "MCP-T9" {
    provenance = "asserted"
    rationale  = "Privileged mode erases the trust boundary between the MCP server and the node."
  }

  maps "MCP-T8" {
    provenance = "asserted"
    rationale  = "Isolation of the server from the node is missing."
  }
}

control "MCP-WORKLOAD-02" {
  maps "MCP-T8" {
    provenance = "asserted"
    rationale  = "Network binding and isolation are lost with the node's namespaces."
  }
}

control "MCP-WORKLOAD-03" {
  maps "MCP-T2" {
    provenance = "asserted"
    rationale  = "Access to node files is not restricted to what the server needs."
  }

  maps "MCP-T9" {
    provenance = "asserted"
    rationale  = "A node path crosses the trust boundary between pod and node."
  }
}

control "MCP-WORKLOAD-04" {
  maps "MCP-T9" {
    provenance = "asserted"
    rationale  = "Running as root weakens the trust boundary between server and node."
  }
}

control "MCP-WORKLOAD-05" {
  maps "MCP-T9" {
    provenance = "asserted"
    rationale  = "Escalation crosses the privilege boundary set for the server."
  }
}

control "MCP-WORKLOAD-06" {
  maps "MCP-T6" {
    provenance = "asserted"
    rationale  = "The integrity of the running server is protected."
  }
}

control "MCP-WORKLOAD-07" {
  maps "MCP-T9" {
    provenance = "asserted"
    rationale  = "Capabilities widen the privilege boundary of the server."
  }
}

control "MCP-WORKLOAD-08" {
  maps "MCP-T9" {
    provenance = "asserted"
    rationale  = "The trust boundary between server and kernel is narrowed."
  }
}

control "MCP-WORKLOAD-09" {
  maps "MCP-T10" {
    provenance = "asserted"
    rationale  = "Resource limits are the floor under rate limiting of MCP servers."
  }
}

control "MCP-WORKLOAD-10" {
  maps "MCP-T6" {
    provenance = "asserted"
    rationale  = "Without a digest there is no integrity verification of the server image."
  }

  maps "MCP-T11" {
    provenance = "asserted"
    rationale  = "Tags break lifecycle control over server images."
  }
}

control "MCP-WORKLOAD-11" {
  maps "MCP-T11" {
    provenance = "asserted"
    rationale  = "Lifecycle control is lost when `latest` is run."
  }
}

control "MCP-WORKLOAD-12" {
  maps "MCP-T5" {
    provenance = "asserted"
    rationale  = "Plaintext credentials in manifests are a data-protection and confidentiality failure."
  }

  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "Credential material for MCP identities is mishandled."
  }
}

control "MCP-WORKLOAD-13" {
  maps "MCP-T5" {
    provenance = "asserted"
    rationale  = "Credential values are exposed through the container's command line."
  }
}

control "MCP-WORKLOAD-14" {
  maps "MCP-T5" {
    provenance = "asserted"
    rationale  = "Credentials in the repository are a confidentiality failure."
  }
}

control "MCP-WORKLOAD-15" {
  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "A shared identity blurs which service acts."
  }

  maps "MCP-T9" {
    provenance = "asserted"
    rationale  = "Sharing an account merges trust boundaries between workloads."
  }
}

control "MCP-WORKLOAD-16" {
  maps "MCP-T5" {
    provenance = "asserted"
    rationale  = "Credential material is exposed inside the server's environment."
  }

  maps "MCP-T9" {
    provenance = "asserted"
    rationale  = "The pod holds more trust than its function needs."
  }
}

control "MCP-WORKLOAD-17" {
  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "Ambient identities let the server act as the node or the workload in the cloud."
  }

  maps "MCP-T9" {
    provenance = "asserted"
    rationale  = "The trust boundary extends into the cloud account."
  }
}

control "MCP-RBAC-01" {
  maps "MCP-T2" {
    provenance = "asserted"
    rationale  = "Access control is effectively missing."
  }

  maps "MCP-T9" {
    provenance = "asserted"
    rationale  = "The server holds the cluster's full trust."
  }
}

control "MCP-RBAC-02" {
  maps "MCP-T2" {
    provenance = "asserted"
    rationale  = "Access control is too broad to review."
  }
}

control "MCP-RBAC-03" {
  maps "MCP-T5" {
    provenance = "asserted"
    rationale  = "Confidential data is exposed to the server."
  }

  maps "MCP-T2" {
    provenance = "asserted"
    rationale  = "Access control over secrets is missing."
  }
}

control "MCP-RBAC-04" {
  maps "MCP-T9" {
    provenance = "asserted"
    rationale  = "The server can cross into any workload's trust boundary."
  }
}

control "MCP-RBAC-05" {
  maps "MCP-T2" {
    provenance = "asserted"
    rationale  = "Access control can be rewritten by the server."
  }

  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "Impersonation breaks identity of the acting party."
  }
}

control "MCP-EXPOSURE-01" {
  maps "MCP-T8" {
    provenance = "asserted"
    rationale  = "Network binding exposes the server beyond its intended boundary."
  }
}

control "MCP-EXPOSURE-02" {
  maps "MCP-T7" {
    provenance = "asserted"
    rationale  = "Transport security for MCP sessions through the ingress is missing."
  }
}

control "MCP-EXPOSURE-03" {
  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "Callers of the MCP server are not authenticated at the ingress."
  }

  maps "MCP-T2" {
    provenance = "asserted"
    rationale  = "Access control cannot work without identity."
  }
}

control "MCP-EXPOSURE-04" {
  maps "MCP-T8" {
    provenance = "asserted"
    rationale  = "Network isolation of the server is missing."
  }
}

control "MCP-EXPOSURE-05" {
  maps "MCP-T8" {
    provenance = "asserted"
    rationale  = "Network isolation of the server is missing."
  }
}

control "MCP-TOOL-12" {
  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "Credentials solicited as arguments bypass proper identity management."
  }

  maps "MCP-T5" {
    provenance = "asserted"
    rationale  = "Credentials in model context lack confidentiality protection."
  }
}

control "MCP-TOOL-13" {
  maps "MCP-T3" {
    provenance = "asserted"
    rationale  = "A schema that admits anything is an input validation failure."
  }
}

control "MCP-TOOL-14" {
  maps "MCP-T3" {
    provenance = "asserted"
    rationale  = "Free-form paths, URLs, commands and SQL are input sanitization failures."
  }
}

control "MCP-ENDPOINT-11" {
  maps "MCP-T2" {
    provenance = "asserted"
    rationale  = "Tool discovery without access control is missing access control."
  }
}

control "MCP-ENDPOINT-12" {
  maps "MCP-T5" {
    provenance = "asserted"
    rationale  = "Error disclosure is a confidentiality control failure."
  }
}

control "MCP-ENDPOINT-13" {
  maps "MCP-T5" {
    provenance = "asserted"
    rationale  = "Credentials in error responses lack confidentiality protection."
  }
}

control "MCP-GOV-09" {
  maps "MCP-T10" {
    provenance = "asserted"
    rationale  = "Resource leaks in handlers are a resource management failure."
  }
}

# Organisation policy (controls/builtin/policy.hcl).

control "MCP-POLICY-01" {
  maps "MCP-T11" {
    provenance = "asserted"
    rationale  = "Lifecycle security fails when an approved server silently moves to an unreviewed release."
  }

  maps "MCP-T6" {
    provenance = "asserted"
    rationale  = "The approved version or digest is the integrity anchor the server's code is verified against."
  }
}

control "MCP-POLICY-02" {
  maps "MCP-T11" {
    provenance = "asserted"
    rationale  = "Denying compromised releases and untrusted publishers is supply-chain security for MCP servers."
  }
}

control "MCP-POLICY-03" {
  maps "MCP-T1" {
    provenance = "asserted"
    rationale  = "The authentication an approval requires is the identity management the threat category asks for."
  }

  maps "MCP-T7" {
    provenance = "asserted"
    rationale  = "The transport an approval requires protects the session."
  }
}

control "MCP-POLICY-04" {
  maps "MCP-T2" {
    provenance = "asserted"
    rationale  = "An allow-list of tools is access control over what the agent may invoke."
  }
}

control "MCP-POLICY-05" {
  maps "MCP-T11" {
    provenance = "asserted"
    rationale  = "Unapproved images and unreviewed digests in a cluster are supply-chain and lifecycle failures."
  }

  maps "MCP-T6" {
    provenance = "asserted"
    rationale  = "Approved digests verify the integrity of the image that runs."
  }
}

none "MCP-POLICY-06" {
  reason = "The requirements are the organisation's own; which threat they address depends on what they require."
}

none "MCP-POLICY-07" {
  reason = "The requirements are the organisation's own; which threat they address depends on what they require."
}

none "MCP-POLICY-08" {
  reason = "The requirements are the organisation's own; which threat they address depends on what they require."
}

control "MCP-GATEWAY-33" {
  maps "MCP-T4" {
    provenance = "asserted"
    rationale  = "Filtering tool results is a boundary between untrusted data and instructions."
  }

  maps "MCP-T5" {
    provenance = "asserted"
    rationale  = "Output filtering protects the confidentiality of data in tool results."
  }
}

control "MCP-GATEWAY-34" {
  maps "MCP-T12" {
    provenance = "asserted"
    rationale  = "Without traces, tool calls cannot be monitored or audited end to end."
  }
}
