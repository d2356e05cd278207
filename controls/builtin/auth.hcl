# Authentication: how clients prove who they are to remote MCP servers.

control "MCP-AUTH-01" {
  title       = "Remote servers require authentication"
  family      = "auth"
  severity    = "high"
  risks       = ["missing-authentication", "shadow-servers"]
  subject     = "server"
  description = "A remote server on a non-loopback host is reached with no credential by a client that cannot authenticate at all (it has no OAuth support for the entry), a live probe found its endpoint serving without authentication, or the gateway it is reached through (a client entry pointing at a gateway's listener, or a server declared behind a gateway) requires no authentication or lets requests through without a credential. Either way the endpoint serves its tools to anyone who can reach it. Public documentation servers may be fine unauthenticated; anything acting on private data or systems is not. An entry without a credential whose client runs OAuth when the server asks is not proof of an open server; MCP-AUTH-04 reports it until a probe settles it. A server reached through a gateway whose configuration requires authentication passes on the gateway's authentication, and the pass names the gateway and where it is configured."
  remediation = "Put the server behind authentication: OAuth 2.1 with RFC 9728 protected-resource metadata (preferred), or at least a per-user token sent in the `Authorization` header from a referenced secret; or front it with an authenticating gateway. Waive this control explicitly for deliberately public, read-only servers."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization"]

  when = <<-CUE
    ignored:  false
    remote: url:      string
    remote: host:     string & !=""
    remote: loopback: false
  CUE
  check = <<-CUE
    linked: gateway: *[] | [...{authentication: mode: !="none" & !="optional"}]
    let guarded = [for g in linked.gateway if g.authentication.mode == "required" {g}]
    if len(guarded) == 0 {
      auth: kind:    !="none"
      auth: probed?: !="none"
    }
  CUE
  message = "{{$open := \"\"}}{{range .linked.gateway}}{{if or (eq .authentication.mode \"none\") (eq .authentication.mode \"optional\")}}{{$open = printf \"gateway %s in %s (authentication %s)\" .name (location .) .authentication.mode}}{{end}}{{end}}{{.name}} in {{.location}} connects to {{.remote.host}} {{if $open}}through {{$open}}, which serves requests without a credential{{else}}without any authentication{{if eq .auth.probed \"none\"}} (a live probe found the endpoint serving without it){{end}}{{end}}"
  credit  = "{{$sep := \"\"}}{{range .linked.gateway}}{{if eq .authentication.mode \"required\"}}{{$sep}}reached through gateway {{.name}} in {{location .}}, which requires authentication{{$sep = \"; \"}}{{end}}{{end}}"

  example "no credentials fails" {
    expect  = "fail"
    subject = { name = "bookapi", disabled = false, ignored = false, remote = { url = "https://bookapi.default.svc.cluster.local/", host = "bookapi.default.svc.cluster.local", loopback = false }, auth = { kind = "none", in_query = false } }
  }
  example "probe found the endpoint open fails" {
    expect  = "fail"
    subject = { name = "docs", disabled = false, ignored = false, remote = { url = "https://mcp.example.com/mcp", host = "mcp.example.com", loopback = false }, auth = { kind = "oauth-capable", in_query = false, probed = "none" } }
  }
  example "oauth-capable passes" {
    expect  = "pass"
    subject = { name = "expo", disabled = false, ignored = false, remote = { url = "https://mcp.expo.dev/mcp", host = "mcp.expo.dev", loopback = false }, auth = { kind = "oauth-capable", in_query = false } }
  }
  example "referenced bearer passes" {
    expect  = "pass"
    subject = { name = "sentry", disabled = false, ignored = false, remote = { url = "https://mcp.sentry.dev/mcp", host = "mcp.sentry.dev", loopback = false }, auth = { kind = "static-bearer", in_query = false, value = { kind = "input-reference", secret = true } } }
  }
  example "behind an authenticating gateway passes" {
    expect  = "pass"
    subject = { name = "bookapi", disabled = false, ignored = false, remote = { url = "http://mcp-gw.tools.svc:3000/mcp", host = "mcp-gw.tools.svc", loopback = false }, auth = { kind = "none", in_query = false }, linked = { gateway = [{ name = "mcp-gw", provenance = { file = "deploy/agentgateway.yaml", line = 4 }, authentication = { mode = "required" } }] } }
  }
  example "through a gateway that requires no authentication fails" {
    expect  = "fail"
    subject = { name = "bookapi", disabled = false, ignored = false, remote = { url = "http://mcp-gw.tools.svc:3000/mcp", host = "mcp-gw.tools.svc", loopback = false }, auth = { kind = "static-bearer", in_query = false, value = { kind = "env-reference", secret = true } }, linked = { gateway = [{ name = "mcp-gw", provenance = { file = "deploy/agentgateway.yaml", line = 4 }, authentication = { mode = "none" } }] } }
  }
  example "gateway whose authentication is set elsewhere leaves the entry judged alone" {
    expect  = "fail"
    subject = { name = "bookapi", disabled = false, ignored = false, remote = { url = "http://litellm:4000/mcp", host = "litellm", loopback = false }, auth = { kind = "none", in_query = false }, linked = { gateway = [{ name = "litellm", provenance = { file = "litellm/config.yaml", line = 1 }, authentication = { mode = "unknown" } }] } }
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

control "MCP-AUTH-04" {
  title       = "Authentication of remote servers without a configured credential is verified"
  family      = "auth"
  severity    = "low"
  risks       = ["missing-authentication"]
  subject     = "server"
  description = "A remote server is configured without any credential, and its client runs the MCP authorization flow (OAuth discovery) when the server asks for it. Hosted servers usually do ask, so the entry is not proof of an open server, but nothing in the configuration shows that this one does: the outcome is authentication not verified. A live probe settles it (`tollgate assess --probe`): an endpoint that answers without credentials fails MCP-AUTH-01, one that challenges passes here, and the probe's endpoint subject is linked to the server. An entry pointing at a gateway's listener is settled by the gateway's configuration: it passes here, and MCP-AUTH-01 judges the gateway's authentication."
  remediation = "Probe the endpoint (`tollgate assess --probe`, or `tollgate probe URL`) to record whether it requires authentication, or configure the credential the service expects. Waive this control for deliberately public servers."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization#authorization-server-discovery"]

  when = <<-CUE
    ignored:  false
    remote: url:      string
    remote: loopback: false
    auth: kind:       "oauth-capable"
  CUE
  check = <<-CUE
    linked: gateway: *[] | [...]
    let settled = [for g in linked.gateway if g.authentication.mode == "required" || g.authentication.mode == "none" || g.authentication.mode == "optional" {g}]
    if len(settled) == 0 {
      auth: probed: =~"^required$"
    }
  CUE
  credit  = "{{$sep := \"\"}}{{range .linked.gateway}}{{if eq .authentication.mode \"required\"}}{{$sep}}reached through gateway {{.name}} in {{location .}}, which requires authentication{{$sep = \"; \"}}{{end}}{{end}}"
  message = "{{.name}} in {{.location}} reaches {{.remote.host}} with no configured credential; the client would run OAuth if the server asked, but whether it does is not verified{{if eq .auth.probed \"unknown\"}} (the probe could not tell){{else}} (probe the endpoint to settle it){{end}}"

  example "unprobed entry without a credential fails" {
    expect  = "fail"
    subject = { name = "linear", disabled = false, ignored = false, remote = { url = "https://mcp.linear.app/mcp", host = "mcp.linear.app", loopback = false }, auth = { kind = "oauth-capable", in_query = false } }
  }
  example "probe that could not tell fails" {
    expect  = "fail"
    subject = { name = "linear", disabled = false, ignored = false, remote = { url = "https://mcp.linear.app/mcp", host = "mcp.linear.app", loopback = false }, auth = { kind = "oauth-capable", in_query = false, probed = "unknown" } }
  }
  example "probe found authentication required passes" {
    expect  = "pass"
    subject = { name = "linear", disabled = false, ignored = false, remote = { url = "https://mcp.linear.app/mcp", host = "mcp.linear.app", loopback = false }, auth = { kind = "oauth-capable", in_query = false, probed = "required" } }
  }
  example "entry pointing at an authenticating gateway passes" {
    expect  = "pass"
    subject = { name = "tools", disabled = false, ignored = false, remote = { url = "https://mcp.acme.example/mcp", host = "mcp.acme.example", loopback = false }, auth = { kind = "oauth-capable", in_query = false }, linked = { gateway = [{ name = "tools-gw", provenance = { file = "gateway/config.yaml", line = 2 }, authentication = { mode = "required" } }] } }
  }
  example "gateway whose authentication is set elsewhere leaves it unverified" {
    expect  = "fail"
    subject = { name = "tools", disabled = false, ignored = false, remote = { url = "https://mcp.acme.example/mcp", host = "mcp.acme.example", loopback = false }, auth = { kind = "oauth-capable", in_query = false }, linked = { gateway = [{ name = "tools-gw", provenance = { file = "gateway/config.yaml", line = 2 }, authentication = { mode = "unknown" } }] } }
  }
  example "configured credential is not applicable" {
    expect  = "not-applicable"
    subject = { name = "sentry", disabled = false, ignored = false, remote = { url = "https://mcp.sentry.dev/mcp", host = "mcp.sentry.dev", loopback = false }, auth = { kind = "static-bearer", in_query = false } }
  }
  example "loopback server is not applicable" {
    expect  = "not-applicable"
    subject = { name = "local", disabled = false, ignored = false, remote = { url = "http://127.0.0.1:8765/mcp", host = "127.0.0.1", loopback = true }, auth = { kind = "oauth-capable", in_query = false } }
  }
}
