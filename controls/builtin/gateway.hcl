# Gateways: an MCP gateway or proxy in front of servers is where authentication,
# authorization, audit and network policy are enforced for everything behind it.

control "MCP-GATEWAY-01" {
  title       = "Gateways require authentication"
  family      = "gateway"
  severity    = "high"
  risks       = ["missing-authentication", "confused-deputy"]
  subject     = "gateway"
  description = "The gateway accepts MCP requests without authentication, or only optionally validates tokens (agentgateway `jwtAuth` defaults to `optional`). Every server it fronts is then reachable by anyone who can reach the gateway, with the gateway's own upstream credentials."
  remediation = "Require authentication on every MCP route: OAuth/JWT validation in strict mode (agentgateway `mcpAuthentication`, ToolHive `oidcConfigRef`, Docker MCP Gateway bearer token without `--allow-unauthenticated`)."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization"]

  when = <<-CUE
    authentication: mode: "required" | "optional" | "none"
  CUE
  check = <<-CUE
    authentication: mode: "required"
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} does not require authentication (authentication: {{.authentication.mode}})"

  example "no authentication fails" {
    expect  = "fail"
    subject = { name = "mcp-basic", product = "agentgateway", authentication = { mode = "none" } }
  }
  example "optional authentication fails" {
    expect  = "fail"
    subject = { name = "edge", product = "agentgateway", authentication = { mode = "optional", kinds = ["jwt"] } }
  }
  example "required authentication passes" {
    expect  = "pass"
    subject = { name = "edge", product = "toolhive", authentication = { mode = "required", kinds = ["oauth"] } }
  }
  example "authentication decided outside the file is not applicable" {
    expect  = "not-applicable"
    subject = { name = "proxy", product = "litellm", authentication = { mode = "unknown" } }
  }
}

control "MCP-GATEWAY-02" {
  title       = "Gateways validate the token audience"
  family      = "gateway"
  severity    = "high"
  risks       = ["token-passthrough", "confused-deputy"]
  subject     = "gateway"
  description = "The gateway authenticates callers but configures no audience, so it accepts any token its issuer signed, including tokens issued for other services. MCP servers must reject tokens that were not issued for them (RFC 8707 resource indicators)."
  remediation = "Configure the expected audience (the gateway's canonical MCP resource URI) in the token validation policy (agentgateway `audiences`, ToolHive `audience`)."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization#token-audience-binding-and-validation"]

  when = <<-CUE
    authentication: token_validation: true
  CUE
  check = <<-CUE
    authentication: audiences: [string, ...string]
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} validates tokens without checking their audience"

  example "no audience fails" {
    expect  = "fail"
    subject = { name = "edge", product = "agentgateway", authentication = { mode = "required", token_validation = true, issuers = ["https://idp.example.com"] } }
  }
  example "audience configured passes" {
    expect  = "pass"
    subject = { name = "edge", product = "toolhive", authentication = { mode = "required", token_validation = true, audiences = ["https://mcp.example.com/mcp"] } }
  }
  example "static key authentication is not applicable" {
    expect  = "not-applicable"
    subject = { name = "gw", product = "docker-mcp-gateway", authentication = { mode = "required", kinds = ["api-key"], token_validation = false } }
  }
}

control "MCP-GATEWAY-03" {
  title       = "Gateways do not pass client tokens through to servers"
  family      = "gateway"
  severity    = "high"
  risks       = ["token-passthrough", "confused-deputy"]
  subject     = "gateway"
  description = "The gateway forwards the client's access token to upstream servers (agentgateway `backendAuth: passthrough`, header passthrough). The MCP specification forbids token passthrough: upstream services receive tokens not meant for them, and their audit trails lose the gateway as the accountable caller."
  remediation = "Have the gateway obtain its own upstream credentials (token exchange, per-backend OAuth client or workload identity) instead of forwarding the client token."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/basic/security_best_practices#token-passthrough"]

  check = <<-CUE
    token_passthrough: false
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} passes client tokens through to upstream servers"

  example "passthrough fails" {
    expect  = "fail"
    subject = { name = "edge", product = "agentgateway", token_passthrough = true, upstream_auth = ["passthrough"] }
  }
  example "no passthrough passes" {
    expect  = "pass"
    subject = { name = "edge", product = "agentgateway", token_passthrough = false, upstream_auth = ["token-exchange"] }
  }
}

control "MCP-GATEWAY-04" {
  title       = "Gateways enforce per-tool authorization"
  family      = "gateway"
  severity    = "medium"
  risks       = ["excessive-scope", "confused-deputy"]
  subject     = "gateway"
  description = "The gateway has no authorization policy over tools: any authenticated caller may call every tool of every server behind it. Least privilege for agents needs decisions per tool (and per caller)."
  remediation = "Add a per-tool authorization policy (agentgateway `mcpAuthorization` CEL rules, ToolHive Cedar `authzConfigRef`, ContextForge RBAC) that allows each role only the tools it needs."

  check = <<-CUE
    authorization: per_tool: true
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} has no per-tool authorization policy (authorization: {{.authorization.kind}})"

  example "no policy fails" {
    expect  = "fail"
    subject = { name = "edge", product = "agentgateway", authorization = { kind = "none", per_tool = false } }
  }
  example "policy for whole servers only fails" {
    expect  = "fail"
    subject = { name = "proxy", product = "litellm", authorization = { kind = "rbac", per_tool = false, per_caller = true } }
  }
  example "CEL policy passes" {
    expect  = "pass"
    subject = { name = "edge", product = "agentgateway", authorization = { kind = "cel", per_tool = true, per_caller = true, reads_claims = true } }
  }
}

control "MCP-GATEWAY-05" {
  title       = "Gateways record tool calls in an audit log"
  family      = "gateway"
  severity    = "medium"
  risks       = ["missing-audit-trail"]
  subject     = "gateway"
  description = "The gateway does not log MCP tool calls. Without a record of who called which tool with what arguments and when, misuse through injected instructions cannot be detected, investigated or attributed."
  remediation = "Enable call logging on the gateway (ToolHive `audit.enabled`, Docker MCP Gateway `--log-calls`, agentgateway access logs with MCP attributes, ContextForge `SECURITY_LOGGING_ENABLED`) and ship the logs to central storage."

  check = <<-CUE
    audit: enabled: true
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} keeps no audit log of tool calls"

  example "no audit log fails" {
    expect  = "fail"
    subject = { name = "edge", product = "toolhive", audit = { enabled = false } }
  }
  example "audit log passes" {
    expect  = "pass"
    subject = { name = "edge", product = "toolhive", audit = { enabled = true } }
  }
}

control "MCP-GATEWAY-06" {
  title       = "Gateways rate-limit MCP traffic"
  family      = "gateway"
  severity    = "low"
  risks       = ["resource-exhaustion"]
  subject     = "gateway"
  description = "The gateway applies no rate limit. A looping agent or a hostile caller can exhaust the servers behind it and their upstream API quotas; the specification asks servers to rate-limit tool invocations."
  remediation = "Configure a rate limit per caller and route (agentgateway `localRateLimit`, ToolHive `rateLimiting`, ContextForge rate limits)."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/server/tools#security-considerations"]

  check = <<-CUE
    rate_limit: true
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} has no rate limit"

  example "no rate limit fails" {
    expect  = "fail"
    subject = { name = "edge", product = "agentgateway", rate_limit = false }
  }
  example "rate limit passes" {
    expect  = "pass"
    subject = { name = "edge", product = "agentgateway", rate_limit = true }
  }
}

control "MCP-GATEWAY-07" {
  title       = "Gateways do not allow any web origin"
  family      = "gateway"
  severity    = "medium"
  risks       = ["dns-rebinding", "session-hijacking"]
  subject     = "gateway"
  description = "The gateway's CORS policy allows every origin (`*`). Any web page the user opens can then call the gateway from the browser, and where `Mcp-Session-Id` is exposed, read session identifiers."
  remediation = "List the exact origins of the web clients that need browser access, or remove CORS entirely for gateways used only by desktop and server-side clients."

  check = <<-CUE
    cors_origins?: [...!="*"]
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} allows requests from any web origin"

  example "wildcard fails" {
    expect  = "fail"
    subject = { name = "mcp-basic", product = "agentgateway", cors_origins = ["*"] }
  }
  example "explicit origin passes" {
    expect  = "pass"
    subject = { name = "edge", product = "agentgateway", cors_origins = ["https://app.example.com"] }
  }
  example "no CORS passes" {
    expect  = "pass"
    subject = { name = "edge", product = "agentgateway" }
  }
}

control "MCP-GATEWAY-08" {
  title       = "Gateways protect against DNS rebinding"
  family      = "gateway"
  severity    = "medium"
  risks       = ["dns-rebinding"]
  subject     = "gateway"
  description = "The gateway does not validate the Host and Origin of incoming requests (agentgateway `dnsRebindingProtection` is off by default). A malicious page can rebind its hostname to the gateway's address and drive it from the user's browser; the Streamable HTTP transport requires Origin validation."
  remediation = "Enable DNS-rebinding protection / Origin validation on the gateway and list the hostnames it is served under."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/basic/transports#security-warning"]

  when = <<-CUE
    listeners: [_, ...]
  CUE
  check = <<-CUE
    dns_rebinding_protection: true
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} does not validate Origin/Host against DNS rebinding"

  example "protection off fails" {
    expect  = "fail"
    subject = { name = "mcp-basic", product = "agentgateway", dns_rebinding_protection = false, listeners = [{ bind = "0.0.0.0", port = 3000, tls = false, loopback = false, exposure = "all-interfaces" }] }
  }
  example "protection on passes" {
    expect  = "pass"
    subject = { name = "edge", product = "agentgateway", dns_rebinding_protection = true, listeners = [{ bind = "127.0.0.1", port = 3000, tls = false, loopback = true, exposure = "loopback" }] }
  }
  example "stdio gateway is not applicable" {
    expect  = "not-applicable"
    subject = { name = "gw", product = "docker-mcp-gateway", dns_rebinding_protection = false }
  }
}

control "MCP-GATEWAY-09" {
  title       = "Gateways restrict outbound network access"
  family      = "gateway"
  severity    = "medium"
  risks       = ["open-egress", "indirect-prompt-injection"]
  subject     = "gateway"
  description = "The servers behind the gateway may connect anywhere (ToolHive builtin `network` profile, `insecure_allow_all`, no egress policy). A compromised server or an injected instruction can then send data to any host or reach internal services."
  remediation = "Restrict egress to the hosts each server needs (ToolHive permission profile `allow_host`, Docker MCP Gateway `allowHosts`/`--block-network`, Kubernetes egress NetworkPolicy)."

  when = <<-CUE
    egress: "open" | "restricted"
  CUE
  check = <<-CUE
    egress: "restricted"
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} lets servers connect to any host"

  example "open egress fails" {
    expect  = "fail"
    subject = { name = "keycloak-demo", product = "toolhive", egress = "open" }
  }
  example "restricted egress passes" {
    expect  = "pass"
    subject = { name = "duckduckgo", product = "docker-mcp-gateway", egress = "restricted" }
  }
  example "unknown egress is not applicable" {
    expect  = "not-applicable"
    subject = { name = "edge", product = "agentgateway", egress = "unknown" }
  }
}

control "MCP-GATEWAY-10" {
  title       = "Gateway listeners reachable beyond the host use TLS"
  family      = "gateway"
  severity    = "high"
  risks       = ["missing-transport-security"]
  subject     = "gateway"
  description = "A gateway listener that other machines can reach (bound or published on every interface, bound to a network address, or behind a public load balancer) serves plain HTTP. Client tokens and tool traffic cross the network unencrypted. Listeners on loopback, and listeners only reachable inside a container or cluster network (not published), are not judged here: the hop beyond them is where TLS belongs."
  remediation = "Terminate TLS on the listener (or on an ingress or load balancer in front of it), or bind the listener, or its published port, to 127.0.0.1 if only local clients use it."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization#communication-security"]

  check = <<-CUE
    listeners?: [...({tls: true} | {exposure: "loopback" | "internal"})]
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} serves plain HTTP to other machines on{{range .listeners}}{{if and (not .tls) (ne .exposure \"loopback\") (ne .exposure \"internal\")}} {{.bind}}:{{.port}} ({{.exposure}}){{end}}{{end}}"

  example "port published on all interfaces fails" {
    expect  = "fail"
    subject = { name = "dind", product = "docker-mcp-gateway", listeners = [{ bind = "0.0.0.0", port = 8080, target_port = 8080, tls = false, loopback = false, exposure = "all-interfaces" }] }
  }
  example "TLS listener passes" {
    expect  = "pass"
    subject = { name = "edge", product = "agentgateway", listeners = [{ bind = "0.0.0.0", port = 443, tls = true, loopback = false, exposure = "all-interfaces" }, { bind = "127.0.0.1", port = 15000, tls = false, loopback = true, exposure = "loopback" }] }
  }
  example "unpublished container listener passes" {
    expect  = "pass"
    subject = { name = "agno", product = "docker-mcp-gateway", listeners = [{ bind = "0.0.0.0", port = 8811, tls = false, loopback = false, exposure = "internal", hosts = ["mcp-gateway"] }] }
  }
}
