# Endpoints: what a live probe (`tollgate probe`, `assess --probe`) saw at an
# MCP endpoint. Facts are documented in evidence/schema.cue (#Endpoint).

control "MCP-ENDPOINT-01" {
  title       = "Remote endpoints require authentication"
  family      = "endpoint"
  severity    = "high"
  risks       = ["missing-authentication"]
  subject     = "endpoint"
  description = "A non-loopback MCP endpoint accepted `initialize` from a request without credentials, so anyone who can reach it opens a session. The MCP authorization specification requires HTTP servers that need authorization to check a token on every request, the initialize request included. Whether tools can then be listed is judged by MCP-ENDPOINT-11. Fact: `unauthenticated_initialize`."
  remediation = "Require an OAuth access token (or, at least, a per-client credential) on every request, including initialize and tools/list; put the server behind an authenticating gateway if it cannot do so itself. A deliberately public, read-only server can be waived with that justification."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization#access-token-usage"]

  when = <<-CUE
    reachable: true
    loopback:  false
    transport: "streamable-http" | "sse"
  CUE
  check = <<-CUE
    unauthenticated_initialize: false
  CUE
  message = "{{.url}} serves initialize without credentials"

  example "open endpoint fails" {
    expect  = "fail"
    subject = { url = "https://mcp.example.com/mcp", reachable = true, loopback = false, transport = "streamable-http", unauthenticated_initialize = true, unauthenticated_tools_list = true, tools = 12 }
  }
  example "authenticated endpoint passes" {
    expect  = "pass"
    subject = { url = "https://mcp.example.com/mcp", reachable = true, loopback = false, transport = "streamable-http", unauthenticated_initialize = false, unauthenticated_tools_list = false }
  }
  example "loopback endpoint is not applicable" {
    expect  = "not-applicable"
    subject = { url = "http://127.0.0.1:3000/mcp", reachable = true, loopback = true, transport = "streamable-http", unauthenticated_initialize = true }
  }
}

control "MCP-ENDPOINT-02" {
  title       = "Protected endpoints publish RFC 9728 resource metadata that names them"
  family      = "endpoint"
  severity    = "medium"
  risks       = ["missing-authentication", "confused-deputy"]
  subject     = "endpoint"
  description = "An endpoint that requires authentication serves no OAuth 2.0 Protected Resource Metadata (RFC 9728) — neither through the `resource_metadata` parameter of its `WWW-Authenticate` challenge nor at `/.well-known/oauth-protected-resource` — or the document's `resource` does not identify the endpoint. MCP servers must publish it so clients find the right authorization server and request tokens for this resource only (RFC 8707). Facts: `resource_metadata`, `protected_resource.resource_matches`, `challenge.resource_metadata`."
  remediation = "Serve the metadata at `/.well-known/oauth-protected-resource/<path>` with `resource` set to the endpoint's canonical URL and `authorization_servers` listing the issuer, and return `WWW-Authenticate: Bearer resource_metadata=\"…\"` on 401."
  references  = ["https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#authorization-server-discovery", "https://www.rfc-editor.org/rfc/rfc9728"]

  when = <<-CUE
    authentication: "required"
  CUE
  check = <<-CUE
    resource_metadata: true
    protected_resource: resource_matches: true
  CUE
  message = "{{.url}} requires authentication but {{if .protected_resource}}its resource metadata names {{.protected_resource.resource}}, not this endpoint{{else}}publishes no RFC 9728 resource metadata{{end}}"

  example "no metadata fails" {
    expect  = "fail"
    subject = { url = "https://mcp.example.com/mcp", authentication = "required", resource_metadata = false }
  }
  example "metadata for another resource fails" {
    expect  = "fail"
    subject = { url = "https://mcp.example.com/mcp", authentication = "required", resource_metadata = true, protected_resource = { url = "https://mcp.example.com/.well-known/oauth-protected-resource/mcp", discovered_via = "well-known", resource = "https://other.example.com/mcp", resource_matches = false } }
  }
  example "matching metadata passes" {
    expect  = "pass"
    subject = { url = "https://mcp.example.com/mcp", authentication = "required", resource_metadata = true, protected_resource = { url = "https://mcp.example.com/.well-known/oauth-protected-resource/mcp", discovered_via = "www-authenticate", resource = "https://mcp.example.com/mcp", resource_matches = true } }
  }
  example "open endpoint is not applicable" {
    expect  = "not-applicable"
    subject = { url = "https://mcp.example.com/mcp", authentication = "none" }
  }
}

control "MCP-ENDPOINT-03" {
  title       = "Authorization servers publish metadata with PKCE S256"
  family      = "endpoint"
  severity    = "medium"
  risks       = ["missing-authentication", "confused-deputy"]
  subject     = "endpoint"
  description = "An authorization server named by the endpoint's resource metadata publishes no RFC 8414 (or OpenID Connect discovery) metadata, does not advertise the `S256` PKCE method in `code_challenge_methods_supported`, names a different issuer, or uses plain-HTTP endpoints. MCP clients must refuse to proceed without S256, and without metadata they cannot find the endpoints at all. Facts: `authorization_server_metadata`, `pkce_s256`, `authorization_servers[].issuer_matches`, `authorization_servers[].https_endpoints`."
  remediation = "Publish authorization server metadata at `/.well-known/oauth-authorization-server` (or `openid-configuration`) with `code_challenge_methods_supported: [\"S256\"]`, the exact issuer, and HTTPS endpoints."
  references  = ["https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#authorization-code-protection", "https://www.rfc-editor.org/rfc/rfc8414"]

  when = <<-CUE
    resource_metadata: true
  CUE
  check = <<-CUE
    authorization_server_metadata: true
    pkce_s256:                     true
    authorization_servers: [...{issuer_matches: true, https_endpoints: true}]
  CUE
  message = "{{.url}}: authorization server metadata {{if not .authorization_server_metadata}}not found{{else if not .pkce_s256}}does not offer PKCE S256{{else}}names another issuer or plain-HTTP endpoints{{end}} ({{range $i, $a := .authorization_servers}}{{if $i}}, {{end}}{{$a.issuer}}{{end}})"

  example "no S256 fails" {
    expect  = "fail"
    subject = { url = "https://mcp.example.com/mcp", resource_metadata = true, authorization_server_metadata = true, pkce_s256 = false, authorization_servers = [{ issuer = "https://login.example.com", issuer_matches = true, https_endpoints = true, pkce_s256 = false }] }
  }
  example "missing metadata fails" {
    expect  = "fail"
    subject = { url = "https://mcp.example.com/mcp", resource_metadata = true, authorization_server_metadata = false, pkce_s256 = false, authorization_servers = [{ issuer = "https://login.example.com", issuer_matches = false, https_endpoints = false, error = "no authorization server metadata found" }] }
  }
  example "complete metadata passes" {
    expect  = "pass"
    subject = { url = "https://mcp.example.com/mcp", resource_metadata = true, authorization_server_metadata = true, pkce_s256 = true, authorization_servers = [{ issuer = "https://login.example.com", issuer_matches = true, https_endpoints = true, pkce_s256 = true }] }
  }
}

control "MCP-ENDPOINT-04" {
  title       = "Endpoints refuse requests from foreign origins"
  family      = "endpoint"
  severity    = "high"
  risks       = ["dns-rebinding", "local-server-compromise"]
  subject     = "endpoint"
  description = "The endpoint served an `initialize` request carrying an `Origin` header of an unrelated site. Streamable HTTP servers must validate `Origin` (and answer 403): otherwise any web page the user opens can reach the server through the browser, and DNS rebinding reaches servers on localhost and private networks. Fact: `origin_validation`."
  remediation = "Reject requests whose `Origin` is present and not an allowed origin with 403 (the Go SDK's cross-origin protection, or an allowlist at the gateway); bind local servers to 127.0.0.1."
  references  = ["https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#security-warning"]

  when = <<-CUE
    origin_validation: "enforced" | "missing"
  CUE
  check = <<-CUE
    origin_validation: "enforced"
  CUE
  message = "{{.url}} accepted a request from a foreign Origin"

  example "accepted foreign origin fails" {
    expect  = "fail"
    subject = { url = "http://127.0.0.1:3000/mcp", origin_validation = "missing" }
  }
  example "refused foreign origin passes" {
    expect  = "pass"
    subject = { url = "http://127.0.0.1:3000/mcp", origin_validation = "enforced" }
  }
  example "untested is not applicable" {
    expect  = "not-applicable"
    subject = { url = "https://mcp.example.com/mcp", origin_validation = "not-tested" }
  }
}

control "MCP-ENDPOINT-05" {
  title       = "Endpoints do not allow every origin through CORS"
  family      = "endpoint"
  severity    = "medium"
  risks       = ["dns-rebinding", "session-hijacking"]
  subject     = "endpoint"
  description = "The endpoint answered a foreign origin with `Access-Control-Allow-Origin: *`, or echoed that origin back. Every web page can then call the server from the user's browser and read the answers, including session ids. Facts: `cors_allow_origin`, `cors_allow_credentials`."
  remediation = "Drop CORS headers unless a browser client needs them; then allow only that client's origin, never `*` or a reflected origin, and do not expose `Mcp-Session-Id` to other origins."

  when = <<-CUE
    reachable: true
  CUE
  check = <<-CUE
    cors_allow_origin?: !="*" & !="https://origin-check.tollgate.invalid"
  CUE
  message = "{{.url}} allows every origin through CORS (Access-Control-Allow-Origin: {{.cors_allow_origin}}{{if .cors_allow_credentials}}, with credentials{{end}})"

  example "wildcard fails" {
    expect  = "fail"
    subject = { url = "https://mcp.example.com/mcp", reachable = true, cors_allow_origin = "*", cors_allow_credentials = true }
  }
  example "reflected origin fails" {
    expect  = "fail"
    subject = { url = "https://mcp.example.com/mcp", reachable = true, cors_allow_origin = "https://origin-check.tollgate.invalid" }
  }
  example "no CORS passes" {
    expect  = "pass"
    subject = { url = "https://mcp.example.com/mcp", reachable = true }
  }
}

control "MCP-ENDPOINT-06" {
  title       = "Session ids are random and stay out of URLs"
  family      = "endpoint"
  severity    = "high"
  risks       = ["session-hijacking"]
  subject     = "endpoint"
  description = "The `Mcp-Session-Id` values the endpoint issues are predictable (successive ids step by a counter), carry less than 64 bits of randomness, or travel in URLs (the legacy SSE transport's `?sessionId=`), where logs and proxies keep them. Session ids must be cryptographically random; a guessable id lets an attacker inject into or resume another user's session. Facts: `session.predictable`, `session.entropy_bits`, `session.in_url`."
  remediation = "Generate session ids from a cryptographically secure source (a UUIDv4 or 128 random bits), bind them to the authenticated user, keep them in the `Mcp-Session-Id` header only, and move off the SSE transport."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/basic/security_best_practices#session-hijacking", "https://modelcontextprotocol.io/specification/2025-06-18/basic/transports#session-management"]

  when = <<-CUE
    session: issued: true
  CUE
  check = <<-CUE
    session: predictable:  false
    session: entropy_bits: >=64
    session: in_url:       false
  CUE
  message = "{{.url}} issues weak session ids ({{if .session.predictable}}sequential, {{end}}about {{.session.entropy_bits}} bits{{if .session.in_url}}, carried in the URL{{end}})"

  example "sequential ids fail" {
    expect  = "fail"
    subject = { url = "https://mcp.example.com/mcp", session = { issued = true, samples = 3, length = 9, entropy_bits = 5, predictable = true, in_url = false } }
  }
  example "id in url fails" {
    expect  = "fail"
    subject = { url = "https://mcp.example.com/sse", session = { issued = true, samples = 1, length = 36, entropy_bits = 128, predictable = false, in_url = true } }
  }
  example "random header id passes" {
    expect  = "pass"
    subject = { url = "https://mcp.example.com/mcp", session = { issued = true, samples = 3, length = 36, entropy_bits = 128, predictable = false, in_url = false } }
  }
  example "stateless endpoint is not applicable" {
    expect  = "not-applicable"
    subject = { url = "https://mcp.example.com/mcp", session = { issued = false, samples = 0, predictable = false, in_url = false } }
  }
}

control "MCP-ENDPOINT-07" {
  title       = "Endpoints refuse tokens in the query string"
  family      = "endpoint"
  severity    = "high"
  risks       = ["plaintext-secrets", "token-passthrough"]
  subject     = "endpoint"
  description = "The endpoint accepted its access token as a URL query parameter (`?access_token=…`). The MCP authorization specification forbids tokens in the query string: URLs end up in server, proxy and browser logs and in Referer headers. The probe tries this only over HTTPS or loopback, with the token it was given. Fact: `query_token`."
  remediation = "Accept tokens only in the `Authorization: Bearer` header and reject requests that carry them in the URL; remove `query` from `bearer_methods_supported`."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization#token-requirements"]

  when = <<-CUE
    query_token: "accepted" | "rejected"
  CUE
  check = <<-CUE
    query_token: "rejected"
  CUE
  message = "{{.url}} accepts the access token in the query string"

  example "accepted query token fails" {
    expect  = "fail"
    subject = { url = "https://mcp.example.com/mcp", query_token = "accepted" }
  }
  example "rejected query token passes" {
    expect  = "pass"
    subject = { url = "https://mcp.example.com/mcp", query_token = "rejected" }
  }
  example "untested is not applicable" {
    expect  = "not-applicable"
    subject = { url = "https://mcp.example.com/mcp", query_token = "not-tested" }
  }
}

control "MCP-ENDPOINT-08" {
  title       = "Endpoints present a valid certificate over TLS 1.2 or later"
  family      = "endpoint"
  severity    = "high"
  risks       = ["missing-transport-security"]
  subject     = "endpoint"
  description = "An HTTPS endpoint's certificate did not verify (untrusted issuer, wrong host name, expired), or it negotiated TLS 1.0 or 1.1. Clients either fail or are taught to skip verification, and tokens can be intercepted. The probe sends nothing to an endpoint whose certificate does not verify. Facts: `tls_verified`, `tls_version`, `tls_error`, `certificate_days_left`."
  remediation = "Serve a certificate from a CA the clients trust, for the host name they use, renewed before it expires; disable TLS versions below 1.2."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization#communication-security"]

  when = <<-CUE
    scheme:    "https"
    reachable: true
  CUE
  check = <<-CUE
    tls_verified: true
    tls_version:  "1.2" | "1.3"
  CUE
  message = "{{.url}}: {{if not .tls_verified}}certificate not verified{{with .tls_error}} ({{.}}){{end}}{{else}}TLS {{.tls_version}} is outdated{{end}}"

  example "self-signed certificate fails" {
    expect  = "fail"
    subject = { url = "https://mcp.internal/mcp", scheme = "https", reachable = true, tls_verified = false, tls_version = "1.3", tls_error = "x509: certificate signed by unknown authority" }
  }
  example "tls 1.0 fails" {
    expect  = "fail"
    subject = { url = "https://legacy.example.com/mcp", scheme = "https", reachable = true, tls_verified = true, tls_version = "1.0" }
  }
  example "verified tls 1.3 passes" {
    expect  = "pass"
    subject = { url = "https://mcp.example.com/mcp", scheme = "https", reachable = true, tls_verified = true, tls_version = "1.3" }
  }
}

control "MCP-ENDPOINT-09" {
  title       = "Endpoints beyond loopback use TLS"
  family      = "endpoint"
  severity    = "high"
  risks       = ["missing-transport-security", "token-passthrough"]
  subject     = "endpoint"
  description = "An MCP endpoint on a non-loopback host answered over plain HTTP. Tokens, tool arguments and results cross the network in clear text. Unlike MCP-TRANSPORT-01, which reads the URL a client is configured with, this is what the endpoint itself was seen to do. Facts: `scheme`, `loopback`."
  remediation = "Serve the endpoint over HTTPS only and redirect or refuse plain HTTP."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization#communication-security"]

  when = <<-CUE
    reachable: true
    loopback:  false
    scheme:    string
  CUE
  check = <<-CUE
    scheme: "https"
  CUE
  message = "{{.url}} answers over plain HTTP on a non-loopback host"

  example "plain http fails" {
    expect  = "fail"
    subject = { url = "http://10.0.0.5:8080/mcp", reachable = true, loopback = false, scheme = "http" }
  }
  example "https passes" {
    expect  = "pass"
    subject = { url = "https://mcp.example.com/mcp", reachable = true, loopback = false, scheme = "https" }
  }
  example "loopback is not applicable" {
    expect  = "not-applicable"
    subject = { url = "http://127.0.0.1:3000/mcp", reachable = true, loopback = true, scheme = "http" }
  }
}

control "MCP-ENDPOINT-10" {
  title       = "Endpoints negotiate a current protocol revision"
  family      = "endpoint"
  severity    = "low"
  risks       = ["missing-authentication", "session-hijacking"]
  subject     = "endpoint"
  description = "The endpoint negotiated an MCP protocol revision older than 2025-06-18, which predates RFC 9728 resource metadata, the ban on token passthrough, the `MCP-Protocol-Version` header and structured tool output. Fact: `protocol_version`."
  remediation = "Upgrade the server (or its SDK) to a release supporting revision 2025-06-18 or later."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/changelog"]

  when = <<-CUE
    protocol_version: string
  CUE
  check = <<-CUE
    protocol_version: >="2025-06-18"
  CUE
  message = "{{.url}} negotiated protocol revision {{.protocol_version}}"

  example "old revision fails" {
    expect  = "fail"
    subject = { url = "https://mcp.example.com/mcp", protocol_version = "2024-11-05" }
  }
  example "current revision passes" {
    expect  = "pass"
    subject = { url = "https://mcp.example.com/mcp", protocol_version = "2025-11-25" }
  }
}

control "MCP-ENDPOINT-11" {
  title       = "Tool discovery requires authentication"
  family      = "endpoint"
  severity    = "high"
  risks       = ["missing-authentication", "excessive-scope"]
  subject     = "endpoint"
  description = "A non-loopback MCP endpoint answered `tools/list` (through a full session the probe opened) to a caller without credentials. The tool list is a map of what the server can do and to what — names, parameters, the systems behind them — and an unauthenticated listing means discovery is not access-controlled: the server cannot show each caller only the tools it may use. Fact: `unauthenticated_tools_list` (with the count in `tools`)."
  remediation = "Authenticate the session before answering tools/list, and list per caller only the tools the caller is authorised to call (by token scopes or gateway policy). A catalogue meant to be public can be waived with that justification."
  references  = ["https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization", "https://modelcontextprotocol.io/specification/2025-11-25/server/tools#listing-tools"]

  when = <<-CUE
    reachable: true
    loopback:  false
    transport: "streamable-http" | "sse"
  CUE
  check = <<-CUE
    unauthenticated_tools_list: false
  CUE
  message = "{{.url}} lists its tools to anyone without credentials{{if .tools}} ({{.tools}} tools){{end}}"

  example "open tool list fails" {
    expect  = "fail"
    subject = { url = "https://mcp.example.com/mcp", reachable = true, loopback = false, transport = "streamable-http", unauthenticated_initialize = true, unauthenticated_tools_list = true, tools = 12 }
  }
  example "listing behind a token passes" {
    expect  = "pass"
    subject = { url = "https://mcp.example.com/mcp", reachable = true, loopback = false, transport = "streamable-http", credentials = true, unauthenticated_tools_list = false, tools = 12 }
  }
  example "loopback endpoint is not applicable" {
    expect  = "not-applicable"
    subject = { url = "http://127.0.0.1:3000/mcp", reachable = true, loopback = true, transport = "streamable-http", unauthenticated_tools_list = true }
  }
  example "stdio server is not applicable" {
    expect  = "not-applicable"
    subject = { url = "stdio:files", reachable = true, loopback = true, transport = "stdio", unauthenticated_tools_list = true }
  }
}

control "MCP-ENDPOINT-12" {
  title       = "Error responses disclose no internals"
  family      = "endpoint"
  severity    = "medium"
  risks       = ["error-disclosure"]
  subject     = "endpoint"
  description = "Asked to call a tool that does not exist (the error probe, `--probe-errors`), the server answered with a stack trace, absolute file paths of its installation, private network addresses or internal host names, or a database or broker connection string. Error text goes to the model, the client's transcript and logs, and to anyone who can provoke an error; it should say what went wrong for the caller, not how the server is built. Fact: `error_probe.leaks` (rules stack-trace, file-path, private-address, connection-string), with the error itself, redacted, in `error_probe.message`."
  remediation = "Return generic errors to callers (\"unknown tool\", \"internal error\" with a correlation id) and log the details server-side; turn off debug or development error modes; catch exceptions in tool handlers instead of letting the framework serialise them."
  references  = ["https://modelcontextprotocol.io/specification/2025-11-25/server/tools#error-handling", "https://owasp.org/www-community/Improper_Error_Handling"]

  when = <<-CUE
    error_probe: tool: string
  CUE
  check = <<-CUE
    error_probe: leaks?: [...{rule: "credential"}]
  CUE
  message = "{{.url}} discloses internals in its errors:{{$sep := \" \"}}{{range .error_probe.leaks}}{{if ne .rule \"credential\"}}{{$sep}}{{.rule}} \"{{.excerpt}}\"{{$sep = \"; \"}}{{end}}{{end}}"

  example "stack trace and connection string fail" {
    expect  = "fail"
    subject = { url = "https://mcp.example.com/mcp", error_probe = { tool = "tollgate_probe_no_such_tool", outcome = "error", code = -32603, message = "internal error: cannot open postgres://app:[REDACTED:…(12)]@db.prod.internal:5432/orders", leaks = [{ field = "error.message", rule = "connection-string", excerpt = "postgres://app:[REDACTED:…(12)]@db.prod.internal:5432/orders" }, { field = "error.data", rule = "stack-trace", excerpt = "Traceback (most recent call last)" }] } }
  }
  example "private address fails" {
    expect  = "fail"
    subject = { url = "https://mcp.example.com/mcp", error_probe = { tool = "tollgate_probe_no_such_tool", outcome = "tool-error", leaks = [{ field = "result.content[0]", rule = "private-address", excerpt = "dial tcp 10.0.4.17:6379: connection refused" }] } }
  }
  example "plain unknown-tool error passes" {
    expect  = "pass"
    subject = { url = "https://mcp.example.com/mcp", error_probe = { tool = "tollgate_probe_no_such_tool", outcome = "error", code = -32602, message = "unknown tool \"tollgate_probe_no_such_tool\"" } }
  }
  example "not probed is not applicable" {
    expect  = "not-applicable"
    subject = { url = "https://mcp.example.com/mcp", reachable = true }
  }
}

control "MCP-ENDPOINT-13" {
  title       = "Error responses carry no credentials"
  family      = "endpoint"
  severity    = "high"
  risks       = ["error-disclosure", "plaintext-secrets"]
  subject     = "endpoint"
  description = "The error the error probe (`--probe-errors`) provoked contains a credential: the password of a connection string, a token of a known shape, or a value under a credential-like key. Whoever can make the server fail — any caller, or a prompt injection — reads it, and it stays in the model's context and every log along the way. The credential is redacted in all evidence; the finding shows where it was. Fact: `error_probe.leaks` (rule credential)."
  remediation = "Rotate the disclosed credential now. Stop the server from echoing configuration or driver errors to callers, and keep credentials out of the strings that errors are built from (connection strings from a secret store, not formatted into messages)."
  references  = ["https://modelcontextprotocol.io/specification/2025-11-25/server/tools#error-handling"]

  when = <<-CUE
    error_probe: tool: string
  CUE
  check = <<-CUE
    error_probe: leaks?: [...{rule: !="credential"}]
  CUE
  message = "{{.url}} puts a credential in its errors{{range .error_probe.leaks}}{{if eq .rule \"credential\"}} ({{.field}}: \"{{.excerpt}}\"){{break}}{{end}}{{end}}"

  example "password in an error fails" {
    expect  = "fail"
    subject = { url = "https://mcp.example.com/mcp", error_probe = { tool = "tollgate_probe_no_such_tool", outcome = "error", leaks = [{ field = "error.message", rule = "connection-string", excerpt = "postgres://app:[REDACTED:…(12)]@db/orders" }, { field = "error.message", rule = "credential", excerpt = "postgres://app:[REDACTED:…(12)]@db/orders" }] } }
  }
  example "internals without credentials pass" {
    expect  = "pass"
    subject = { url = "https://mcp.example.com/mcp", error_probe = { tool = "tollgate_probe_no_such_tool", outcome = "error", leaks = [{ field = "error.data", rule = "stack-trace", excerpt = "Traceback (most recent call last)" }] } }
  }
}
