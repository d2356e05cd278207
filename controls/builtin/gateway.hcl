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

  when = <<-CUE
    partial: false
  CUE
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

  when = <<-CUE
    partial: false
  CUE
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
  example "authorization policy file alone is not applicable" {
    expect  = "not-applicable"
    subject = { name = "authz-config", product = "toolhive", partial = true, audit = { enabled = false } }
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

  when = <<-CUE
    partial: false
  CUE
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
    {dns_rebinding_protection: true} | {listeners: [...{exposure: "internal"}]}
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
  example "listener only inside the cluster passes" {
    expect  = "pass"
    subject = { name = "fetch", product = "toolhive", dns_rebinding_protection = false, listeners = [{ bind = "0.0.0.0", port = 8080, tls = false, loopback = false, exposure = "internal" }] }
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
  message = "gateway {{.name}} ({{.product}}) in {{.location}} serves plain HTTP to other machines on{{$sep := \" \"}}{{range .listeners}}{{if and (not .tls) (ne .exposure \"loopback\") (ne .exposure \"internal\")}}{{$sep}}{{.bind}}:{{.port}} ({{.exposure}}){{$sep = \", \"}}{{end}}{{end}}"

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


control "MCP-GATEWAY-11" {
  title       = "No gateway settings where the product does not read them"
  family      = "gateway"
  severity    = "medium"
  risks       = ["misconfiguration-drift", "missing-authentication"]
  subject     = "gateway"
  description = "A setting is written where the gateway never reads it: a LiteLLM `master_key` outside `general_settings`, an MCP server list under the wrong key, a per-server `auth` key LiteLLM does not know. The file looks protected, the running gateway is not."
  remediation = "Move each setting to the place the product documents (see the reason given), or remove it so nobody relies on it; then check the running gateway's effective configuration."

  check = <<-CUE
    ignored_settings?: []
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} has settings {{.product}} does not read: {{range $i, $e := .ignored_settings}}{{if $i}}; {{end}}{{$e}}{{end}}"

  example "misplaced master key fails" {
    expect  = "fail"
    subject = { name = "proxy", product = "litellm", ignored_settings = ["master_key at the top level (LiteLLM reads general_settings.master_key)"] }
  }
  example "no ignored settings passes" {
    expect  = "pass"
    subject = { name = "proxy", product = "litellm" }
  }
}

control "MCP-GATEWAY-12" {
  title       = "Gateway credentials are not left at documented defaults"
  family      = "gateway"
  severity    = "critical"
  risks       = ["plaintext-secrets", "missing-authentication"]
  subject     = "gateway"
  description = "An administrator password, a token-signing key or a master key is set to the value the product's documentation, chart or example ships (`changeme`, `sk-1234`, `my-test-key`). Anyone who has read the documentation can sign tokens or log in as administrator, and through the gateway reach every tool behind it."
  remediation = "Generate a strong unique value per deployment (e.g. `openssl rand -hex 32`), store it in a secret manager or a Kubernetes Secret, and reference it from the configuration. Make the gateway refuse weak secrets where it can (ContextForge `REQUIRE_STRONG_SECRETS=true`)."
  references  = ["https://owasp.org/www-project-mcp-top-10/", "https://ibm.github.io/mcp-context-forge/manage/securing/"]

  check = <<-CUE
    default_credentials?: []
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} leaves credentials at their documented defaults: {{range $i, $e := .default_credentials}}{{if $i}}, {{end}}{{$e}}{{end}}{{if .weak_secrets_refused}} (the gateway is set to refuse to start with them){{end}}"

  example "default admin password fails" {
    expect  = "fail"
    subject = { name = "mcp-stack", product = "contextforge", default_credentials = ["BASIC_AUTH_PASSWORD", "PLATFORM_ADMIN_PASSWORD"], weak_secrets_refused = false }
  }
  example "example master key fails" {
    expect  = "fail"
    subject = { name = "proxy", product = "litellm", default_credentials = ["general_settings.master_key"], weak_secrets_refused = false }
  }
  example "own credentials pass" {
    expect  = "pass"
    subject = { name = "mcp-stack", product = "contextforge", weak_secrets_refused = true }
  }
}

control "MCP-GATEWAY-13" {
  title       = "No plaintext credentials in gateway configuration"
  family      = "gateway"
  severity    = "high"
  risks       = ["plaintext-secrets"]
  subject     = "gateway"
  description = "A credential the gateway uses (an upstream API key, an OAuth client secret, a master key, a signing key, a database or admin password) is written in the configuration file itself. Everyone with read access to the repository, its history, the image or the Helm release holds it."
  remediation = "Keep the credential in a secret store and reference it: `os.environ/NAME` in LiteLLM, `$${NAME}` with an env_file or Docker secret in Compose, `valueFrom.secretKeyRef` or an existing Secret in Kubernetes, a `file:` path in agentgateway. Rotate the credential that was committed."
  references  = ["https://owasp.org/www-project-mcp-top-10/"]

  check = <<-CUE
    credentials?: [string]: kind: !="literal-secret"
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} holds plaintext credentials in {{.failing}}"

  example "literal client secret fails" {
    expect  = "fail"
    subject = { name = "sso", product = "contextforge", credentials = { SSO_KEYCLOAK_CLIENT_SECRET = { kind = "literal-secret", secret = true, fingerprint = "0123456789ab", text = "[REDACTED:…(19)]" } } }
  }
  example "referenced key passes" {
    expect  = "pass"
    subject = { name = "proxy", product = "litellm", credentials = { "general_settings.master_key" = { kind = "env-reference", secret = true, ref = "LITELLM_MASTER_KEY" } } }
  }
}

control "MCP-GATEWAY-14" {
  title       = "Gateways do not take caller identity from a request header"
  family      = "gateway"
  severity    = "high"
  risks       = ["missing-authentication", "confused-deputy"]
  subject     = "gateway"
  description = "The gateway believes whatever user name a request header carries (ContextForge `TRUST_PROXY_AUTH` with `MCP_CLIENT_AUTH_ENABLED=false` reads `X-Authenticated-User`). Anyone who can reach the gateway other than through the authenticating proxy, or a proxy that forwards client headers, sets the header and becomes any user, administrators included."
  remediation = "Have the gateway validate a token itself (JWT/OAuth), or, if a proxy must authenticate, make the gateway reachable only from that proxy (network policy, loopback) and have the proxy strip the header from client requests; prefer a signed identity assertion over a plain header."
  references  = ["https://ibm.github.io/mcp-context-forge/manage/proxy/"]

  check = <<-CUE
    authentication: kinds?: [...!="header-trust"]
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} takes the caller's identity from the {{.authentication.trusted_header}} request header without verifying it"

  example "trusted proxy header fails" {
    expect  = "fail"
    subject = { name = "gateway", product = "contextforge", authentication = { mode = "required", kinds = ["header-trust"], trusted_header = "X-Authenticated-User" } }
  }
  example "token validation passes" {
    expect  = "pass"
    subject = { name = "gateway", product = "contextforge", authentication = { mode = "required", kinds = ["jwt"] } }
  }
}

control "MCP-GATEWAY-15" {
  title       = "Gateways keep tool payloads and credentials out of logs"
  family      = "gateway"
  severity    = "medium"
  risks       = ["sensitive-data-oversharing", "plaintext-secrets"]
  subject     = "gateway"
  description = "The gateway writes tool arguments and results, or request headers with tokens, to its logs (request payload logging, debug-level logging, access-log fields that add bodies or the Authorization header). Tool traffic carries personal data and secrets; logs are kept longer, copied more widely and protected less than the systems they describe."
  remediation = "Log the caller, tool name, decision and timing, not arguments, results or headers (Docker MCP Gateway's `--log-calls` logs only names and argument shapes); keep log levels at info or above in deployed configurations; where payloads must be kept for investigation, mask them and restrict the log store."

  check = <<-CUE
    audit: {payloads: false, credentials: false}
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} writes {{if .audit.payloads}}tool payloads{{end}}{{if and .audit.payloads .audit.credentials}} and {{end}}{{if .audit.credentials}}tokens or secrets{{end}} to its logs"

  example "payload logging fails" {
    expect  = "fail"
    subject = { name = "gateway", product = "contextforge", audit = { enabled = true, payloads = true, credentials = false, tracing = false } }
  }
  example "metadata-only logging passes" {
    expect  = "pass"
    subject = { name = "gateway", product = "docker-mcp-gateway", audit = { enabled = true, payloads = false, credentials = false, tracing = false } }
  }
}

control "MCP-GATEWAY-16" {
  title       = "Secret blocking is not switched off"
  family      = "gateway"
  severity    = "medium"
  risks       = ["plaintext-secrets", "sensitive-data-oversharing"]
  subject     = "gateway"
  description = "The gateway can scan tool arguments and results for secrets and block them (Docker MCP Gateway `--block-secrets`, on by default), but the configuration switches it off. A tool that returns a credential, or an injected instruction that exfiltrates one through a tool call, then passes unchecked."
  remediation = "Leave secret blocking on (`--block-secrets`, the default); if it produces false positives, fix the affected tool or allow-list precisely instead of disabling the check for every server."
  references  = ["https://github.com/docker/mcp-gateway/blob/main/docs/security.md"]

  when = <<-CUE
    secret_blocking: bool
  CUE
  check = <<-CUE
    secret_blocking: true
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} has secret blocking switched off"

  example "block-secrets=false fails" {
    expect  = "fail"
    subject = { name = "gateway", product = "docker-mcp-gateway", secret_blocking = false }
  }
  example "default passes" {
    expect  = "pass"
    subject = { name = "gateway", product = "docker-mcp-gateway", secret_blocking = true }
  }
  example "product without the feature is not applicable" {
    expect  = "not-applicable"
    subject = { name = "edge", product = "agentgateway" }
  }
}

control "MCP-GATEWAY-17" {
  title       = "Gateways verify server image signatures"
  family      = "gateway"
  severity    = "high"
  risks       = ["supply-chain-tampering"]
  subject     = "gateway"
  description = "The gateway can verify the signatures of the server images it starts (Docker MCP Gateway `--verify-signatures`, on by default for `mcp/` images, which must then be referenced by digest), but the configuration switches verification off. A tampered or substituted image runs with the secrets and network access granted to the server."
  remediation = "Leave signature verification on and reference server images by digest; for images outside the signing namespace, pin digests in the catalog."
  references  = ["https://github.com/docker/mcp-gateway/blob/main/docs/security.md"]

  when = <<-CUE
    signature_verification: bool
  CUE
  check = <<-CUE
    signature_verification: true
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} has image signature verification switched off"

  example "verify-signatures=false fails" {
    expect  = "fail"
    subject = { name = "gateway", product = "docker-mcp-gateway", signature_verification = false }
  }
  example "default passes" {
    expect  = "pass"
    subject = { name = "gateway", product = "docker-mcp-gateway", signature_verification = true }
  }
}

control "MCP-GATEWAY-18" {
  title       = "No debug mode in gateway configurations"
  family      = "gateway"
  severity    = "medium"
  risks       = ["sensitive-data-oversharing", "misconfiguration-drift"]
  subject     = "gateway"
  description = "A debug or development mode is switched on (LiteLLM `debug`/`detailed_debug`, ContextForge `DEBUG`/`DEV_MODE`, debug-level logging). Debug modes log requests in full, expose stack traces and diagnostic endpoints, and relax checks; a configuration written down in a repository or chart is the one that gets deployed."
  remediation = "Switch debug settings off in every configuration that can reach a shared environment; enable them per run, from the command line or a local override that is not committed."

  check = <<-CUE
    debug: false
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} runs with a debug mode switched on"

  example "debug on fails" {
    expect  = "fail"
    subject = { name = "proxy", product = "litellm", debug = true }
  }
  example "debug off passes" {
    expect  = "pass"
    subject = { name = "proxy", product = "litellm", debug = false }
  }
}

control "MCP-GATEWAY-19" {
  title       = "Gateway session cookies are marked Secure"
  family      = "gateway"
  severity    = "medium"
  risks       = ["session-hijacking"]
  subject     = "gateway"
  description = "The gateway's admin UI or login issues session cookies without the Secure attribute (ContextForge `SECURE_COOKIES=false`), so a browser sends them over plain HTTP, where anyone on the path can copy the session."
  remediation = "Serve the gateway over HTTPS and leave Secure cookies on (the ContextForge default); for local development use a separate, uncommitted override."

  when = <<-CUE
    secure_cookies: bool
  CUE
  check = <<-CUE
    secure_cookies: true
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} issues session cookies without the Secure attribute"

  example "insecure cookies fail" {
    expect  = "fail"
    subject = { name = "gateway", product = "contextforge", secure_cookies = false }
  }
  example "secure cookies pass" {
    expect  = "pass"
    subject = { name = "gateway", product = "contextforge", secure_cookies = true }
  }
}

control "MCP-GATEWAY-20" {
  title       = "Gateway tokens expire"
  family      = "gateway"
  severity    = "medium"
  risks       = ["session-hijacking", "plaintext-secrets"]
  subject     = "gateway"
  description = "The gateway accepts or issues tokens that never expire (ContextForge `REQUIRE_TOKEN_EXPIRATION=false`, API tokens without an expiry). A token copied from a log, a config file or a laptop keeps working until someone notices and revokes it."
  remediation = "Require an expiry on every token the gateway accepts and keep lifetimes short (minutes for session tokens, days for API tokens), with refresh or re-issue."

  check = <<-CUE
    authentication: non_expiring_tokens: false
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} accepts tokens that never expire"

  example "expiry not required fails" {
    expect  = "fail"
    subject = { name = "gateway", product = "contextforge", authentication = { mode = "required", non_expiring_tokens = true } }
  }
  example "expiring tokens pass" {
    expect  = "pass"
    subject = { name = "gateway", product = "contextforge", authentication = { mode = "required", non_expiring_tokens = false, token_expiry_minutes = 20 } }
  }
}

control "MCP-GATEWAY-21" {
  title       = "Validated token audiences name the MCP resource"
  family      = "gateway"
  severity    = "medium"
  risks       = ["token-passthrough", "confused-deputy"]
  subject     = "gateway"
  description = "The gateway checks the token audience, but the audience it expects is a client ID or a generic value (`mcp-server`, `api://default`, `account`) rather than the canonical URI of the MCP endpoint, or differs from the resource the gateway advertises in its protected-resource metadata. MCP clients request tokens with an RFC 8707 resource indicator naming the server's URI; a token for any other service that happens to carry the generic audience is accepted too."
  remediation = "Expect the gateway's canonical MCP resource URI (the `resource` of its protected-resource metadata, e.g. `https://mcp.example.com/mcp`) as the audience, and configure the authorization server to issue that audience for resource-indicator requests."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization#token-audience-binding-and-validation", "https://www.rfc-editor.org/rfc/rfc8707"]

  when = <<-CUE
    authentication: token_validation: true
    authentication: audiences: [string, ...string]
  CUE
  check = <<-CUE
    authentication: audience_not_resource: false
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} accepts tokens for audience {{range $i, $e := .authentication.audiences}}{{if $i}}, {{end}}{{$e}}{{end}}, not the MCP resource{{if .authentication.resource}} it advertises ({{.authentication.resource}}){{end}}"

  example "client ID audience fails" {
    expect  = "fail"
    subject = { name = "keycloak", product = "agentgateway", authentication = { mode = "required", token_validation = true, audiences = ["mcp_proxy"], resource = "https://gw.example.com/mcp", audience_not_resource = true } }
  }
  example "resource URI audience passes" {
    expect  = "pass"
    subject = { name = "edge", product = "agentgateway", authentication = { mode = "required", token_validation = true, audiences = ["https://gw.example.com/mcp"], resource = "https://gw.example.com/mcp", audience_not_resource = false } }
  }
}

control "MCP-GATEWAY-22" {
  title       = "The gateway's SSRF guard is on and blocks private targets"
  family      = "gateway"
  severity    = "high"
  risks       = ["server-side-request-forgery", "open-egress"]
  subject     = "gateway"
  description = "The gateway fetches URLs that users or upstream metadata supply (registering MCP servers, following OAuth metadata), and its guard against server-side request forgery is off or allows private and loopback addresses (ContextForge `SSRF_PROTECTION_ENABLED=false`, `SSRF_ALLOW_PRIVATE_NETWORKS=true`; Docker MCP Gateway `DOCKER_MCP_ALLOW_INSECURE_REMOTE_URLS=1`). Anyone who can register a server then makes the gateway reach internal services and cloud metadata endpoints."
  remediation = "Keep the SSRF guard on and allow only the specific private networks the gateway must reach (ContextForge `SSRF_ALLOWED_NETWORKS` with the cluster CIDR instead of `SSRF_ALLOW_PRIVATE_NETWORKS=true`)."
  references  = ["https://modelcontextprotocol.io/docs/tutorials/security/security_best_practices#server-side-request-forgery-ssrf"]

  when = <<-CUE
    ssrf: protection: bool
  CUE
  check = <<-CUE
    ssrf: {protection: true, private_targets: false, localhost: false}
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} {{if not .ssrf.protection}}has its SSRF guard switched off{{else}}lets its SSRF guard reach {{if .ssrf.private_targets}}private networks{{end}}{{if and .ssrf.private_targets .ssrf.localhost}} and {{end}}{{if .ssrf.localhost}}loopback addresses{{end}}{{end}}"

  example "private networks allowed fails" {
    expect  = "fail"
    subject = { name = "gateway", product = "contextforge", ssrf = { protection = true, private_targets = true, localhost = false } }
  }
  example "guard off fails" {
    expect  = "fail"
    subject = { name = "gateway", product = "docker-mcp-gateway", ssrf = { protection = false, private_targets = true, localhost = true } }
  }
  example "default guard passes" {
    expect  = "pass"
    subject = { name = "gateway", product = "contextforge", ssrf = { protection = true, private_targets = false, localhost = false } }
  }
}

control "MCP-GATEWAY-23" {
  title       = "Authorization rules do not read claims of optional authentication"
  family      = "gateway"
  severity    = "high"
  risks       = ["missing-authentication", "excessive-scope"]
  subject     = "gateway"
  description = "Tool authorization rules decide on token claims (`jwt.sub`, roles), but authentication is optional: agentgateway's `jwtAuth` defaults to mode `optional`, which lets a request without a token through with no claims. Rules written as if every caller were identified then allow, for anonymous callers, whatever does not mention a claim, and whoever forgets the token skips the checks that rely on one."
  remediation = "Set authentication to strict (`jwtAuth: {mode: strict}`, or `mcpAuthentication`, strict by default) wherever authorization reads claims."
  references  = ["https://agentgateway.dev/docs/security/jwt/"]

  when = <<-CUE
    partial: false
    authorization: reads_claims: true
  CUE
  check = <<-CUE
    authentication: mode: "required"
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} authorizes tools on token claims while authentication is {{.authentication.mode}}"

  example "claims with optional jwtAuth fail" {
    expect  = "fail"
    subject = { name = "mcp-authorization", product = "agentgateway", authentication = { mode = "optional" }, authorization = { kind = "cel", per_tool = true, reads_claims = true } }
  }
  example "claims with strict authentication pass" {
    expect  = "pass"
    subject = { name = "edge", product = "agentgateway", authentication = { mode = "required" }, authorization = { kind = "cel", per_tool = true, reads_claims = true } }
  }
  example "rules without claims are not applicable" {
    expect  = "not-applicable"
    subject = { name = "edge", product = "agentgateway", authentication = { mode = "none" }, authorization = { kind = "allow-list", per_tool = true, reads_claims = false } }
  }
}

control "MCP-GATEWAY-24" {
  title       = "Token signing keys are fetched over TLS"
  family      = "gateway"
  severity    = "high"
  risks       = ["missing-transport-security", "missing-authentication"]
  subject     = "gateway"
  description = "The gateway fetches its identity provider's metadata or signing keys (issuer, JWKS URL) over plain HTTP from another host (ToolHive `insecureAllowHTTP`, an `http://` issuer). Whoever can tamper with that traffic serves their own keys, and the gateway then accepts tokens they mint for any user."
  remediation = "Use the identity provider's HTTPS endpoints for the issuer and JWKS; for in-cluster providers terminate TLS on the provider's service and trust its CA."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization#communication-security"]

  when = <<-CUE
    authentication: token_validation: true
  CUE
  check = <<-CUE
    authentication: insecure_key_source: false
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} fetches token issuer metadata or signing keys over plain HTTP ({{range $i, $e := .authentication.issuers}}{{if $i}}, {{end}}{{$e}}{{end}})"

  example "http issuer fails" {
    expect  = "fail"
    subject = { name = "fetch", product = "toolhive", authentication = { mode = "required", token_validation = true, issuers = ["http://keycloak:8080/realms/toolhive"], insecure_key_source = true } }
  }
  example "https issuer passes" {
    expect  = "pass"
    subject = { name = "fetch", product = "toolhive", authentication = { mode = "required", token_validation = true, issuers = ["https://idp.example.com"], insecure_key_source = false } }
  }
}

control "MCP-GATEWAY-25" {
  title       = "Gateways do not accept tokens in the URL query"
  family      = "gateway"
  severity    = "medium"
  risks       = ["plaintext-secrets", "session-hijacking"]
  subject     = "gateway"
  description = "The gateway accepts access tokens as URL query parameters, or advertises `query` in its protected-resource metadata (`bearerMethodsSupported`), or enables query-parameter authentication (ContextForge `INSECURE_ALLOW_QUERYPARAM_AUTH`). The MCP specification forbids tokens in the URI query string: URLs end up in proxy, server and browser logs."
  remediation = "Accept tokens only in the `Authorization` header and advertise only `header` as a bearer method."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization#access-token-usage"]

  check = <<-CUE
    authentication: token_in_query: false
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} accepts access tokens in the URL query string"

  example "query bearer method fails" {
    expect  = "fail"
    subject = { name = "mcp-authentication", product = "agentgateway", authentication = { mode = "required", token_in_query = true } }
  }
  example "header only passes" {
    expect  = "pass"
    subject = { name = "edge", product = "agentgateway", authentication = { mode = "required", token_in_query = false } }
  }
}

control "MCP-GATEWAY-26" {
  title       = "Gateways verify upstream TLS certificates"
  family      = "gateway"
  severity    = "high"
  risks       = ["missing-transport-security"]
  subject     = "gateway"
  description = "The gateway connects to the servers behind it over TLS without checking their certificates (agentgateway `backendTLS: {insecure: true}`, ContextForge `SKIP_SSL_VERIFY=true`). Anyone on the path impersonates the upstream server, reads the gateway's upstream credentials and answers tool calls."
  remediation = "Verify upstream certificates; for private CAs, give the gateway the CA bundle (agentgateway `backendTLS.root`) instead of disabling verification."

  check = <<-CUE
    upstream_tls_unverified: false
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} does not verify the TLS certificates of upstream servers"

  example "insecure backend TLS fails" {
    expect  = "fail"
    subject = { name = "edge", product = "agentgateway", upstream_tls_unverified = true }
  }
  example "verified TLS passes" {
    expect  = "pass"
    subject = { name = "edge", product = "agentgateway", upstream_tls_unverified = false }
  }
}

control "MCP-GATEWAY-27" {
  title       = "Gateway authorization grants are tied to callers"
  family      = "gateway"
  severity    = "low"
  risks       = ["excessive-scope"]
  subject     = "gateway"
  description = "An authorization policy grants a tool or server to every caller: a Cedar `permit(principal, …)` with no condition on the principal, a CEL rule that only names the tool, a LiteLLM server with `allow_all_keys: true`. The policy exists, but for those grants it decides nothing; deliberately public tools should be listed knowingly."
  remediation = "Condition each grant on the caller (roles, groups or claims in the token, key or team permissions), or waive this control for the tools that are meant to be open to every authenticated caller."
  references  = ["https://docs.stacklok.com/toolhive/guides-cli/auth", "https://docs.litellm.ai/docs/mcp"]

  when = <<-CUE
    authorization: kind: !="none"
  CUE
  check = <<-CUE
    authorization: unrestricted?: []
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} grants to every caller: {{range $i, $e := .authorization.unrestricted}}{{if $i}}; {{end}}{{$e}}{{end}}"

  example "unconditioned permit fails" {
    expect  = "fail"
    subject = { name = "authz-config", product = "toolhive", authorization = { kind = "cedar", per_tool = true, per_caller = true, reads_claims = true, unrestricted = ["call_tool weather"] } }
  }
  example "caller-conditioned grants pass" {
    expect  = "pass"
    subject = { name = "edge", product = "agentgateway", authorization = { kind = "cel", per_tool = true, per_caller = true, reads_claims = true } }
  }
  example "no policy is not applicable" {
    expect  = "not-applicable"
    subject = { name = "edge", product = "agentgateway", authorization = { kind = "none", per_tool = false, per_caller = false, reads_claims = false } }
  }
}

control "MCP-GATEWAY-28" {
  title       = "Gateway containers run without host-level privileges"
  family      = "gateway"
  severity    = "high"
  risks       = ["local-server-compromise"]
  subject     = "gateway"
  description = "The gateway's own container runs privileged, shares the host network, or is given the Docker API (a mounted `docker.sock` or `use_api_socket`). Docker MCP Gateway needs the Docker API to start server containers, but that access is root on the host: a flaw in the gateway, or a tool call it can be tricked into, becomes control of the machine."
  remediation = "Run the gateway unprivileged on its own network; where it must start containers, give it a rootless or remote Docker endpoint, or a socket proxy limited to the calls it needs, rather than the host's Docker socket."

  when = <<-CUE
    container: image: string
  CUE
  check = <<-CUE
    container: {privileged: false, docker_socket: false, host_network: false}
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} runs in a container with host-level access ({{$sep := \"\"}}{{if .container.privileged}}privileged{{$sep = \", \"}}{{end}}{{if .container.docker_socket}}{{$sep}}the Docker API{{$sep = \", \"}}{{end}}{{if .container.host_network}}{{$sep}}the host network{{end}})"

  example "docker socket fails" {
    expect  = "fail"
    subject = { name = "gateway", product = "docker-mcp-gateway", container = { image = "docker/mcp-gateway", privileged = false, docker_socket = true, host_network = false, host_pid = false, published_all_interfaces = false, read_only_root = false, remove = false } }
  }
  example "privileged fails" {
    expect  = "fail"
    subject = { name = "gateway", product = "docker-mcp-gateway", container = { image = "docker/mcp-gateway:dind", privileged = true, docker_socket = false, host_network = false, host_pid = false, published_all_interfaces = true, read_only_root = false, remove = false } }
  }
  example "plain container passes" {
    expect  = "pass"
    subject = { name = "gateway", product = "contextforge", container = { image = "ghcr.io/ibm/mcp-context-forge:1.0.8", privileged = false, docker_socket = false, host_network = false, host_pid = false, published_all_interfaces = false, read_only_root = false, remove = false } }
  }
}

control "MCP-GATEWAY-29" {
  title       = "Gateway images are pinned to a release"
  family      = "gateway"
  severity    = "medium"
  risks       = ["supply-chain-tampering"]
  subject     = "gateway"
  description = "The gateway's own image is referenced by a mutable tag or none (`docker/mcp-gateway:latest`, `ghcr.io/ibm/mcp-context-forge` with `tag: latest` and `pullPolicy: Always`). Every restart may run a different gateway, with different defaults, than the one that was reviewed; the product's security defaults have changed between releases (Docker MCP Gateway started requiring authentication in containers in v0.43)."
  remediation = "Reference the gateway image by an exact release tag (`v1.0.8`), better by digest, and update it deliberately."

  when = <<-CUE
    image: name: string
  CUE
  check = <<-CUE
    image: {pinning: "digest"} | {pinning: "exact"} | {pinning: "tag", version: =~"^v?[0-9]+\\.[0-9]+\\.[0-9]+"}
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} runs image {{.image.name}}{{if .image.version}}:{{.image.version}}{{end}} without a pinned version ({{.image.pinning}})"

  example "latest tag fails" {
    expect  = "fail"
    subject = { name = "mcp-gateway", product = "docker-mcp-gateway", image = { ecosystem = "oci", name = "docker/mcp-gateway", version = "latest", pinning = "latest", pinned = false } }
  }
  example "digest passes" {
    expect  = "pass"
    subject = { name = "mcp-gateway", product = "docker-mcp-gateway", image = { ecosystem = "oci", name = "docker/mcp-gateway", digest = "sha256:0000000000000000000000000000000000000000000000000000000000000000", pinning = "digest", pinned = true } }
  }
  example "floating tag fails" {
    expect  = "fail"
    subject = { name = "gateway", product = "docker-mcp-gateway", image = { ecosystem = "oci", name = "docker/mcp-gateway", version = "dind", pinning = "tag", pinned = false } }
  }
  example "release tag passes" {
    expect  = "pass"
    subject = { name = "mcp-stack", product = "contextforge", image = { ecosystem = "oci", name = "ghcr.io/ibm/mcp-context-forge", version = "v1.0.8", pinning = "tag", pinned = false } }
  }
}

control "MCP-GATEWAY-30" {
  title       = "Gateways serve Streamable HTTP, not the deprecated SSE transport"
  family      = "gateway"
  severity    = "low"
  risks       = ["session-hijacking", "misconfiguration-drift"]
  subject     = "gateway"
  description = "The gateway serves MCP only over the HTTP+SSE transport (Docker MCP Gateway `--transport=sse`), which the specification replaced with Streamable HTTP in revision 2025-03-26. Every client behind it is held to the old transport, its session handling and its separate message endpoint, and newer clients and SDKs drop support for it."
  remediation = "Serve Streamable HTTP (`--transport=streaming` for Docker MCP Gateway) and move clients to it."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/basic/transports#backwards-compatibility"]

  check = <<-CUE
    listeners?: [...{transport?: !="sse"}]
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} serves MCP over the deprecated HTTP+SSE transport"

  example "sse transport fails" {
    expect  = "fail"
    subject = { name = "mcp-gateway", product = "docker-mcp-gateway", listeners = [{ bind = "0.0.0.0", port = 8811, tls = false, loopback = false, exposure = "all-interfaces", path = "/sse", transport = "sse" }] }
  }
  example "streamable HTTP passes" {
    expect  = "pass"
    subject = { name = "mcp-gateway", product = "docker-mcp-gateway", listeners = [{ bind = "0.0.0.0", port = 8811, tls = false, loopback = false, exposure = "internal", path = "/mcp", transport = "streamable-http" }] }
  }
}

control "MCP-GATEWAY-32" {
  title       = "Gateway configuration references resolve"
  family      = "gateway"
  severity    = "medium"
  risks       = ["misconfiguration-drift", "missing-authentication"]
  subject     = "gateway"
  description = "The gateway's configuration refers to an object that is not there: a ToolHive MCPServer or MCPRemoteProxy whose `oidcConfigRef` names an MCPOIDCConfig, whose `authzConfigRef` names an MCPAuthzConfig, whose `authzConfig` or `permissionProfile` names a ConfigMap, or whose `externalAuthConfigRef` names an MCPExternalAuthConfig that none of the assessed manifests, charts or cluster objects holds. The operator does not start a proxy whose OIDC configuration is missing, and whatever the missing object configures (authentication, authorization, egress, upstream credentials) is not in force; the gateway's authentication is then unknown."
  remediation = "Create the referenced object in the proxy's namespace (or fix the name), or assess the folder, chart or cluster that holds it together with the proxy, then check the proxy's status conditions."
  references  = ["https://docs.stacklok.com/toolhive/guides-k8s/auth-k8s", "https://docs.stacklok.com/toolhive/reference/crds/mcpoidcconfig"]

  check = <<-CUE
    missing_references?: []
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} refers to objects that are not there: {{range $i, $e := .missing_references}}{{if $i}}; {{end}}{{$e}}{{end}}"

  example "missing OIDC configuration fails" {
    expect  = "fail"
    subject = { name = "mcp-fetch-proxy", product = "toolhive", missing_references = ["oidcConfigRef → MCPOIDCConfig tools/corp-sso"], authentication = { mode = "unknown" } }
  }
  example "references that resolve pass" {
    expect  = "pass"
    subject = { name = "mcp-fetch-proxy", product = "toolhive", authentication = { mode = "required" } }
  }
}

control "MCP-GATEWAY-33" {
  title       = "Gateways filter tool results before the model reads them"
  family      = "gateway"
  severity    = "medium"
  risks       = ["indirect-prompt-injection", "sensitive-data-oversharing", "plaintext-secrets"]
  subject     = "gateway"
  description = "No enforcing content filter inspects tool results on every MCP route of the gateway: nothing redacts personal data or secrets, blocks injected instructions or moderates content before a result reaches the model. Tool results are untrusted input (a web page, an issue, a file) and carry whatever the server read. Guardrails are read from each product: agentgateway `mcpGuardrails` processors that run the response phase of `tools/call`, ContextForge plugins on `tool_post_invoke` (with `PLUGINS_ENABLED`, from the plugin configuration beside the settings), Docker MCP Gateway secret blocking (`--block-secrets`, on by default) and `after` interceptors. A filter that only logs (`permissive`), one scoped to some servers or routes, or an interceptor whose effect the configuration does not show does not count. Facts: `output_filtering` (enforced, unknown, monitor, none) and `guardrails`."
  remediation = "Add a filter on tool results at the gateway and run it in enforcing mode on every MCP route: an agentgateway `mcpGuardrails` processor with `tools/call: response` (or `full`), ContextForge PII, secrets and content-moderation plugins on `tool_post_invoke` in `enforce` mode, Docker MCP Gateway `--block-secrets` (do not turn it off). Where the filter is a hook Tollgate cannot judge (an interceptor, a plugin configuration kept elsewhere), attest or waive with what it filters."
  references  = ["https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations", "https://agentgateway.dev/docs/", "https://ibm.github.io/mcp-context-forge/using/plugins/"]

  when = <<-CUE
    partial:          false
    output_filtering: string
  CUE
  check = <<-CUE
    output_filtering: "enforced"
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} {{if eq .output_filtering \"unknown\"}}filters tool results only through hooks or files whose effect Tollgate cannot see{{range .guardrails}}{{if and .responses (eq .mode \"unknown\")}} ({{.name}}){{break}}{{end}}{{end}}{{else if eq .output_filtering \"monitor\"}}only monitors tool results: its filters log and let everything through{{else}}passes tool results to the model unfiltered{{end}}"

  example "no filter fails" {
    expect  = "fail"
    subject = { name = "edge", product = "agentgateway", output_filtering = "none" }
  }
  example "authorization policy file alone is not applicable" {
    expect  = "not-applicable"
    subject = { name = "authz-config", product = "toolhive", partial = true, output_filtering = "none" }
  }
  example "permissive plugin only fails" {
    expect  = "fail"
    subject = { name = "forge", product = "contextforge", output_filtering = "monitor", guardrails = [{ name = "PIIFilterPlugin", kind = "pii", requests = true, responses = true, mode = "monitor", fail_open = false, scoped = false }] }
  }
  example "interceptor of unknown effect fails" {
    expect  = "fail"
    subject = { name = "gateway", product = "docker-mcp-gateway", output_filtering = "unknown", guardrails = [{ name = "--interceptor after:http:http://filter:8080/after", kind = "custom", requests = false, responses = true, mode = "unknown", fail_open = false, scoped = false }] }
  }
  example "enforcing response filter passes" {
    expect  = "pass"
    subject = { name = "edge", product = "agentgateway", output_filtering = "enforced", guardrails = [{ name = "mcpGuardrails processor guard:4444", kind = "external", requests = false, responses = true, mode = "enforce", fail_open = false, scoped = false }] }
  }
  example "gateway whose filters were not judged is not applicable" {
    expect  = "not-applicable"
    subject = { name = "fetch", product = "toolhive" }
  }
}

control "MCP-GATEWAY-34" {
  title       = "Gateways export traces of MCP requests"
  family      = "gateway"
  severity    = "low"
  risks       = ["missing-audit-trail"]
  subject     = "gateway"
  description = "The gateway exports no traces to a tracing backend, so a tool call cannot be followed from the client's request through the gateway to the server and the systems behind it, nor correlated with the agent's other calls. Tracing is read from each product: agentgateway `config.tracing.otlpEndpoint` or a `tracing` frontend policy, ContextForge `OTEL_ENABLE_OBSERVABILITY` with an exporter (OTLP needs `OTEL_EXPORTER_OTLP_ENDPOINT`), the Docker MCP Gateway's OpenTelemetry endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT`, `DOCKER_CLI_OTEL_EXPORTER_OTLP_ENDPOINT`), ToolHive's `telemetry.openTelemetry` with tracing enabled and an endpoint (MCPServer, MCPRemoteProxy, or a shared MCPTelemetryConfig they reference) or vmcp `telemetry.tracingEnabled` with an endpoint, Kong's `opentelemetry` and `zipkin` plugins. Spans written to the console or kept only in the gateway's own store (`trace_exporter` console, internal) are not exports. Facts: `audit.tracing`, `audit.trace_exporter`."
  remediation = "Export OpenTelemetry traces from the gateway to the organisation's collector (agentgateway `config.tracing.otlpEndpoint`; ContextForge `OTEL_ENABLE_OBSERVABILITY=true` with `OTEL_EXPORTER_OTLP_ENDPOINT`; the Docker MCP Gateway's `OTEL_EXPORTER_OTLP_ENDPOINT`; ToolHive `spec.telemetry.openTelemetry` with `endpoint` and `tracing.enabled: true`), propagate trace context to the servers behind it, and keep the traces with the audit logs."
  references  = ["https://opentelemetry.io/docs/specs/otel/protocol/exporter/", "https://agentgateway.dev/docs/"]

  when = <<-CUE
    partial: false
  CUE
  check = <<-CUE
    audit: tracing: true
  CUE
  message = "gateway {{.name}} ({{.product}}) in {{.location}} exports no traces{{with .audit.trace_exporter}} (spans go to the {{.}} exporter only){{end}}"

  example "no tracing fails" {
    expect  = "fail"
    subject = { name = "edge", product = "agentgateway", audit = { enabled = true, payloads = false, credentials = false, tracing = false } }
  }
  example "internal store only fails" {
    expect  = "fail"
    subject = { name = "forge", product = "contextforge", audit = { enabled = true, payloads = false, credentials = false, tracing = false, trace_exporter = "internal" } }
  }
  example "otlp export passes" {
    expect  = "pass"
    subject = { name = "edge", product = "agentgateway", audit = { enabled = true, payloads = false, credentials = false, tracing = true, trace_exporter = "otlp" } }
  }
  example "authorization policy file alone is not applicable" {
    expect  = "not-applicable"
    subject = { name = "authz-config", product = "toolhive", partial = true, audit = { enabled = false, payloads = false, credentials = false, tracing = false } }
  }
}
