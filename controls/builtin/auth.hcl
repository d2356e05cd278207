# Authentication: how clients prove who they are to remote MCP servers.

control "MCP-AUTH-01" {
  title       = "Remote servers require authentication"
  family      = "auth"
  severity    = "high"
  risks       = ["missing-authentication", "shadow-servers"]
  subject     = "server"
  description = "A remote server on a non-loopback host is configured with no credential and no OAuth support, so the endpoint presumably serves its tools to anyone who can reach it. Public documentation servers may be fine unauthenticated; anything acting on private data or systems is not."
  remediation = "Put the server behind authentication: OAuth 2.1 with RFC 9728 protected-resource metadata (preferred), or at least a per-user token sent in the `Authorization` header from a referenced secret; or front it with an authenticating gateway. Waive this control explicitly for deliberately public, read-only servers."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization"]

  when = <<-CUE
    ignored:  false
    remote: url:      string
    remote: loopback: false
  CUE
  check = <<-CUE
    auth: kind: !="none"
  CUE
  message = "{{.name}} in {{.location}} connects to {{.remote.host}} without any authentication"

  example "no credentials fails" {
    expect  = "fail"
    subject = { name = "bookapi", disabled = false, ignored = false, remote = { url = "https://bookapi.default.svc.cluster.local/", host = "bookapi.default.svc.cluster.local", loopback = false }, auth = { kind = "none", in_query = false } }
  }
  example "oauth-capable passes" {
    expect  = "pass"
    subject = { name = "expo", disabled = false, ignored = false, remote = { url = "https://mcp.expo.dev/mcp", host = "mcp.expo.dev", loopback = false }, auth = { kind = "oauth-capable", in_query = false } }
  }
  example "referenced bearer passes" {
    expect  = "pass"
    subject = { name = "sentry", disabled = false, ignored = false, remote = { url = "https://mcp.sentry.dev/mcp", host = "mcp.sentry.dev", loopback = false }, auth = { kind = "static-bearer", in_query = false, value = { kind = "input-reference", secret = true } } }
  }
  example "stdio server is not applicable" {
    expect  = "not-applicable"
    subject = { name = "time", disabled = false, ignored = false, auth = { kind = "local", in_query = false } }
  }
}

control "MCP-AUTH-02" {
  title       = "Remote servers use OAuth rather than static credentials"
  family      = "auth"
  severity    = "low"
  risks       = ["token-passthrough", "plaintext-secrets", "excessive-scope"]
  subject     = "server"
  description = "A remote server is accessed with a static credential (a long-lived bearer token, basic credentials or an API key), even if the value itself is referenced rather than written in the file. Such tokens rarely expire, are usually not bound to the MCP server as audience, often carry the user's full account scope, and must be distributed and rotated by hand."
  remediation = "Use the server's OAuth flow (clients discover it through RFC 9728 metadata) so tokens are short-lived, scoped and audience-bound. Where only static tokens exist, use the narrowest token type the service offers, set an expiry, and keep it in a secret store."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization#token-handling"]

  when = <<-CUE
    ignored:  false
    remote: url:      string
    remote: loopback: false
  CUE
  check = <<-CUE
    auth: kind: !="static-bearer" & !="basic" & !="api-key"
  CUE
  message = "{{.name}} in {{.location}} authenticates to {{if .remote.host}}{{.remote.host}}{{else}}{{.remote.url}}{{end}} with a static credential ({{.auth.kind}}) instead of OAuth"

  example "static bearer from an input fails" {
    expect  = "fail"
    subject = { name = "home-assistant", disabled = false, ignored = false, remote = { url = "https://ha.example.net/mcp", host = "ha.example.net", loopback = false }, auth = { kind = "static-bearer", header = "Authorization", in_query = false, value = { kind = "input-reference", secret = true } } }
  }
  example "api key header fails" {
    expect  = "fail"
    subject = { name = "search", disabled = false, ignored = false, remote = { url = "https://api.example.com/mcp", host = "api.example.com", loopback = false }, auth = { kind = "api-key", header = "X-API-Key", in_query = false } }
  }
  example "oauth passes" {
    expect  = "pass"
    subject = { name = "linear", disabled = false, ignored = false, remote = { url = "https://mcp.linear.app/mcp", host = "mcp.linear.app", loopback = false }, auth = { kind = "oauth-capable", in_query = false } }
  }
  example "stdio server is not applicable" {
    expect  = "not-applicable"
    subject = { name = "time", disabled = false, ignored = false, auth = { kind = "local", in_query = false } }
  }
}

control "MCP-AUTH-03" {
  title       = "Credentials are not sent in the URL query string"
  family      = "auth"
  severity    = "medium"
  risks       = ["plaintext-secrets", "session-hijacking"]
  subject     = "server"
  description = "The credential for a remote server travels as a URL query parameter, even when its value comes from a reference. The MCP specification forbids access tokens in the URI query string: URLs are written to server, proxy and browser logs and leak through referrers."
  remediation = "Send the credential in the `Authorization: Bearer` header (or the header the service documents) and remove it from the URL."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization#access-token-usage"]

  when = <<-CUE
    ignored:  false
    remote: url: string
  CUE
  check = <<-CUE
    auth: in_query: false
  CUE
  message = "{{.name}} in {{.location}} sends its credential in the URL query string"

  example "token query parameter fails" {
    expect  = "fail"
    subject = { name = "search", disabled = false, ignored = false, remote = { url = "https://mcp.example.com/mcp?token=$${input:token}" }, auth = { kind = "api-key", in_query = true } }
  }
  example "header credential passes" {
    expect  = "pass"
    subject = { name = "search", disabled = false, ignored = false, remote = { url = "https://mcp.example.com/mcp" }, auth = { kind = "static-bearer", header = "Authorization", in_query = false } }
  }
}
