# Transport: how clients reach remote (HTTP) MCP servers.

control "MCP-TRANSPORT-01" {
  title       = "Remote servers are reached over TLS"
  family      = "transport"
  severity    = "high"
  risks       = ["missing-transport-security", "token-passthrough"]
  subject     = "server"
  description = "A remote server on a non-loopback host (including hosts on a private or cluster network) is reached over plain `http://`. Tokens, tool arguments and results cross the network in clear text and can be read or altered by anyone on the path; the MCP authorization specification requires HTTPS for everything but loopback."
  remediation = "Serve the endpoint over HTTPS (terminate TLS at the server, a gateway or an ingress) and change the URL to `https://`. For internal services, use an internal CA rather than plain HTTP."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization#communication-security"]

  when = <<-CUE
    ignored:  false
    remote: loopback: false
    remote: scheme:   string & !=""
  CUE
  check = <<-CUE
    remote: scheme: "https"
  CUE
  message = "{{.name}} in {{.location}} reaches {{.remote.host}} over {{.remote.scheme}} without TLS"

  example "http to a LAN host fails" {
    expect  = "fail"
    subject = { name = "wikijs", disabled = false, ignored = false, remote = { url = "http://10.0.0.5:3010/sse", scheme = "http", host = "10.0.0.5", loopback = false, private = true } }
  }
  example "http to a cluster service fails" {
    expect  = "fail"
    subject = { name = "bookapi", disabled = false, ignored = false, remote = { url = "http://bookapi:8080/mcp", scheme = "http", host = "bookapi", loopback = false, private = true } }
  }
  example "https passes" {
    expect  = "pass"
    subject = { name = "expo", disabled = false, ignored = false, remote = { url = "https://mcp.expo.dev/mcp", scheme = "https", host = "mcp.expo.dev", loopback = false, private = false } }
  }
  example "loopback http is not applicable" {
    expect  = "not-applicable"
    subject = { name = "local", disabled = false, ignored = false, remote = { url = "http://127.0.0.1:8765/mcp", scheme = "http", host = "127.0.0.1", loopback = true } }
  }
  example "URL that is a template placeholder is not applicable" {
    expect  = "not-applicable"
    subject = { name = "places", disabled = false, ignored = false, remote = { url = "{{PLACES_MCP_URL}}", scheme = "", loopback = false, templated = true } }
  }
}

control "MCP-TRANSPORT-02" {
  title       = "Servers do not use the deprecated HTTP+SSE transport"
  family      = "transport"
  severity    = "low"
  risks       = ["missing-transport-security", "session-hijacking"]
  subject     = "server"
  description = "The server is configured with the HTTP+SSE transport (type `sse`, or an endpoint path ending in `/sse`), which the MCP specification replaced with Streamable HTTP in revision 2025-03-26. SSE servers keep session identifiers in URLs, predate the Origin and protocol-version requirements, and are dropped by clients and gateways over time."
  remediation = "Move the server to Streamable HTTP (a single `/mcp` endpoint) and change the client entry to `type: http` (or `streamable-http`) with the new URL; ask the vendor for a Streamable HTTP endpoint if the server is third-party."
  references  = ["https://modelcontextprotocol.io/specification/2025-03-26/basic/transports#backwards-compatibility"]

  when = <<-CUE
    ignored:   false
    transport: string
  CUE
  check = <<-CUE
    transport: !="sse"
    remote?: path?: !~"(^|/)sse/?$"
  CUE
  message = "{{.name}} in {{.location}} uses the deprecated HTTP+SSE transport"

  example "type sse fails" {
    expect  = "fail"
    subject = { name = "open-aware", disabled = false, ignored = false, transport = "sse", remote = { url = "https://open-aware.qodo.ai/sse", path = "/sse" } }
  }
  example "sse endpoint declared as http fails" {
    expect  = "fail"
    subject = { name = "home-assistant", disabled = false, ignored = false, transport = "streamable-http", remote = { url = "https://ha.example.net/mcp_server/sse", path = "/mcp_server/sse" } }
  }
  example "streamable http passes" {
    expect  = "pass"
    subject = { name = "expo", disabled = false, ignored = false, transport = "streamable-http", remote = { url = "https://mcp.expo.dev/mcp", path = "/mcp" } }
  }
  example "stdio passes" {
    expect  = "pass"
    subject = { name = "time", disabled = false, ignored = false, transport = "stdio" }
  }
  example "disabled entry is still judged: it is one toggle away from running" {
    expect  = "fail"
    subject = { name = "open-aware", disabled = true, ignored = false, transport = "sse", remote = { url = "https://open-aware.qodo.ai/sse", path = "/sse" } }
  }
}

control "MCP-TRANSPORT-03" {
  title       = "Local HTTP servers require authentication"
  family      = "transport"
  severity    = "medium"
  risks       = ["dns-rebinding", "missing-authentication", "local-server-compromise"]
  subject     = "server"
  description = "A server listening on localhost is reached over HTTP with no credential. Every local process, and any web page the user visits that rebinds a hostname to 127.0.0.1 or exploits weak Origin checks, can call its tools with the user's privileges. The specification asks local servers to bind to loopback, validate Origin and authenticate connections. A client that would run OAuth discovery if the server asked does not count as authentication here: local servers practically never offer OAuth, so an entry with no configured credential is treated as unauthenticated. An entry pointing at the listener of a gateway configured in the assessed files is judged by the gateway's authentication: it passes when the gateway requires authentication and fails, naming the gateway, when it lets requests through without a credential."
  remediation = "Prefer the stdio transport for local servers. If HTTP is needed, require a per-install bearer token (referenced from the environment, not written in the file) and make the server validate the Origin and Host headers."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/basic/transports#security-warning"]

  when = <<-CUE
    ignored:  false
    transport: "streamable-http" | "sse"
    remote: url:      string
    remote: loopback: true
  CUE
  check = <<-CUE
    linked: gateway: *[] | [...{authentication: mode: !="none" & !="optional"}]
    let guarded = [for g in linked.gateway if g.authentication.mode == "required" {g}]
    if len(guarded) == 0 {
      auth: kind: !="none" & !="oauth-capable"
    }
  CUE
  message = "{{$open := \"\"}}{{range .linked.gateway}}{{if or (eq .authentication.mode \"none\") (eq .authentication.mode \"optional\")}}{{$open = printf \"gateway %s in %s (authentication %s)\" .name (location .) .authentication.mode}}{{end}}{{end}}{{.name}} in {{.location}} calls {{if $open}}{{$open}} at {{.remote.url}}, which serves requests without a credential{{else}}a local HTTP server at {{.remote.url}} without a configured credential{{end}}"
  credit  = "{{$sep := \"\"}}{{range .linked.gateway}}{{if eq .authentication.mode \"required\"}}{{$sep}}reached through gateway {{.name}} in {{location .}}, which requires authentication{{$sep = \"; \"}}{{end}}{{end}}"

  example "localhost without auth fails" {
    expect  = "fail"
    subject = { name = "minhome", disabled = false, ignored = false, transport = "streamable-http", remote = { url = "http://localhost:3111/mcp", loopback = true }, auth = { kind = "none", in_query = false } }
  }
  example "localhost with only OAuth discovery fails" {
    expect  = "fail"
    subject = { name = "minhome", client = "cursor", disabled = false, ignored = false, transport = "streamable-http", remote = { url = "http://localhost:3111/mcp", loopback = true }, auth = { kind = "oauth-capable", in_query = false } }
  }
  example "localhost with a referenced token passes" {
    expect  = "pass"
    subject = { name = "minhome", disabled = false, ignored = false, transport = "streamable-http", remote = { url = "http://localhost:3111/mcp", loopback = true }, auth = { kind = "static-bearer", header = "Authorization", value = { kind = "env-reference", secret = true }, in_query = false } }
  }
  example "localhost gateway that requires authentication passes" {
    expect  = "pass"
    subject = { name = "gateway", disabled = false, ignored = false, transport = "streamable-http", remote = { url = "http://localhost:4444/mcp", loopback = true }, auth = { kind = "oauth-capable", in_query = false }, linked = { gateway = [{ name = "contextforge", provenance = { file = "deploy/.env", line = 1 }, authentication = { mode = "required" } }] } }
  }
  example "localhost gateway without authentication fails even with a token" {
    expect  = "fail"
    subject = { name = "gateway", disabled = false, ignored = false, transport = "streamable-http", remote = { url = "http://localhost:8811/mcp", loopback = true }, auth = { kind = "static-bearer", header = "Authorization", value = { kind = "env-reference", secret = true }, in_query = false }, linked = { gateway = [{ name = "docker-mcp-gateway", provenance = { file = "compose.yaml", line = 3 }, authentication = { mode = "none" } }] } }
  }
  example "remote host is not applicable" {
    expect  = "not-applicable"
    subject = { name = "expo", disabled = false, ignored = false, transport = "streamable-http", remote = { url = "https://mcp.expo.dev/mcp", loopback = false }, auth = { kind = "none", in_query = false } }
  }
}

control "MCP-TRANSPORT-04" {
  title       = "Servers holding credentials are not pointed at hosts over plain HTTP"
  family      = "transport"
  severity    = "high"
  risks       = ["missing-transport-security", "plaintext-secrets"]
  subject     = "server"
  description = "A server is handed a URL without TLS (`--server http://…`, `ODOO_URL=http://10.…`, `ws://…`) to a host other than the machine itself, and it is also given credentials (in its environment, arguments, headers or the URL itself) that it presumably sends there. Anyone on the network path (shared office or VPN segments, cloud VPCs, Wi-Fi) can read the credentials and the data and change both. A private address is no defence: internal networks are where lateral movement happens."
  remediation = "Use the service's https (or wss) endpoint and verify its certificate; for internal services, put TLS in front of them (a reverse proxy, a service mesh), then rotate the credentials that crossed the network in the clear."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/basic/security_best_practices"]

  when = <<-CUE
    ignored: false
  CUE
  check = <<-CUE
    cleartext_urls?: [...{with_credentials: false}]
  CUE
  message = "{{.name}} in {{.location}} is given credentials and sends them to {{range $i, $u := .cleartext_urls}}{{if $u.with_credentials}}{{if $i}}, {{end}}{{$u.url}} ({{$u.in}}){{end}}{{end}} over plain HTTP"

  example "odoo url without TLS next to a password fails" {
    expect  = "fail"
    subject = { name = "odoo", ignored = false, cleartext_urls = [{ in = "env.ODOO_URL", url = "http://10.1.2.3:8069", host = "10.1.2.3", port = 8069, private = true, with_credentials = true }] }
  }
  example "plain URL without credentials is MCP-TRANSPORT-05's" {
    expect  = "pass"
    subject = { name = "bookapi", ignored = false, cleartext_urls = [{ in = "env.BookApi__BaseUrl", url = "http://bookapi:8080", host = "bookapi", port = 8080, private = true, with_credentials = false }] }
  }
  example "no cleartext URL passes" {
    expect  = "pass"
    subject = { name = "github", ignored = false }
  }
  example "ignored entry is not applicable" {
    expect  = "not-applicable"
    subject = { name = "odoo", ignored = true, cleartext_urls = [{ in = "env.ODOO_URL", url = "http://10.1.2.3:8069", host = "10.1.2.3", private = true, with_credentials = true }] }
  }
}

control "MCP-TRANSPORT-05" {
  title       = "Servers reach the services they call over TLS"
  family      = "transport"
  severity    = "low"
  risks       = ["missing-transport-security"]
  subject     = "server"
  description = "A server is handed a URL without TLS to a host other than the machine itself (a backend, a vector store, an embedding service): the data the server exchanges with it crosses the network in the clear and can be read or changed on the way. Where the server also holds credentials, MCP-TRANSPORT-04 reports the graver case."
  remediation = "Point the server at the service's https (or wss) endpoint, or put TLS in front of the service."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/basic/security_best_practices"]

  when = <<-CUE
    ignored: false
  CUE
  check = <<-CUE
    cleartext_urls?: []
  CUE
  message = "{{.name}} in {{.location}} is pointed at {{range $i, $u := .cleartext_urls}}{{if $i}}, {{end}}{{$u.url}} ({{$u.in}}){{end}} over plain HTTP"

  example "backend url without TLS fails" {
    expect  = "fail"
    subject = { name = "bookapi", ignored = false, cleartext_urls = [{ in = "env.BookApi__BaseUrl", url = "http://bookapi:8080", host = "bookapi", port = 8080, private = true, with_credentials = false }] }
  }
  example "no cleartext URL passes" {
    expect  = "pass"
    subject = { name = "github", ignored = false }
  }
}
