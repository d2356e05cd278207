# Secrets: credentials must reach MCP servers by reference, never as literals in
# configuration files, command lines, headers or URLs.

control "MCP-SECRETS-01" {
  title       = "No plaintext credentials in server environment variables"
  family      = "secrets"
  severity    = "high"
  risks       = ["plaintext-secrets"]
  subject     = "server"
  description = "An environment variable of an MCP server is set to a literal credential (API key, token, password, private key or connection string with a password) in the client configuration. The file is readable by every process of the user, is often committed, synced or backed up, and the secret cannot be rotated without editing every copy. Disabled and ignored entries are judged too: a secret written in a file is exposed whether or not the client runs the server."
  remediation = "Remove the literal value and rotate the credential, since it must be treated as exposed. Reference it instead with the client's expansion syntax (`$${VAR}` in Claude Code and Gemini CLI, `$${env:VAR}` in Cursor, VS Code and Windsurf, `$${input:id}` prompted inputs in VS Code, `$${{ secrets.NAME }}` in Continue, `bearer_token_env_var`/`env_vars` in Codex), or a secret manager."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization", "https://owasp.org/www-project-mcp-top-10/"]

  check = <<-CUE
    env: [string]: kind: !="literal-secret"
  CUE
  message = "{{.name}} in {{.location}} sets environment variable(s) {{.failing}} to a literal credential"

  example "literal token fails" {
    expect  = "fail"
    subject = { name = "github", env = { GITHUB_TOKEN = { kind = "literal-secret", secret = true }, LOG_LEVEL = { kind = "literal", secret = false } } }
  }
  example "literal secret in a disabled entry still fails" {
    expect  = "fail"
    subject = { name = "mssql", disabled = true, env = { MSSQL_PASSWORD = { kind = "literal-secret", secret = true } } }
  }
  example "environment reference passes" {
    expect  = "pass"
    subject = { name = "github", env = { GITHUB_TOKEN = { kind = "env-reference", secret = true, ref = "GITHUB_TOKEN" } } }
  }
  example "prompted input passes" {
    expect  = "pass"
    subject = { name = "home-assistant", env = { HA_TOKEN = { kind = "input-reference", secret = true, ref = "ha_token" } } }
  }
  example "no environment passes" {
    expect  = "pass"
    subject = { name = "time" }
  }
}

control "MCP-SECRETS-02" {
  title       = "No plaintext credentials on the server command line"
  family      = "secrets"
  severity    = "high"
  risks       = ["plaintext-secrets"]
  subject     = "server"
  description = "A stdio server is launched with a literal credential among its arguments (`--api-key sk-…`, `--header 'Authorization: Bearer …'` for mcp-remote, `docker run -e TOKEN=…`, `--requirepass …`). Besides sitting in the configuration file, command-line arguments are visible to every user of the machine through the process list and end up in shell history and crash reports."
  remediation = "Pass the credential through the server's environment (`env` block with a reference, or `docker run -e TOKEN` without a value so it is taken from the environment) and rotate the exposed value. For mcp-remote, use `--header 'Authorization:$${AUTH_HEADER}'` with the header value in `env`."
  references  = ["https://owasp.org/www-project-mcp-top-10/"]

  when = <<-CUE
    launch: command: string
  CUE
  check = <<-CUE
    launch: secret_args: [...{value: kind: !="literal-secret"}]
    launch: container?: env?: [string]: kind: !="literal-secret"
  CUE
  message = "{{.name}} in {{.location}} passes a literal credential on its command line ({{.failing}})"

  example "api key flag fails" {
    expect = "fail"
    subject = { name = "brave", launch = { command = "npx", runner = "npx", args = ["-y", "brave-mcp", "--api-key", "[REDACTED:BSA…(31)]"],
    secret_args = [{ index = 3, flag = "--api-key", value = { kind = "literal-secret", secret = true } }] } }
  }
  example "docker -e with a literal value fails" {
    expect = "fail"
    subject = { name = "slack", launch = { command = "docker", runner = "docker",
    container = { image = "mcp/slack", env = { SLACK_BOT_TOKEN = { kind = "literal-secret", secret = true } } } } }
  }
  example "referenced argument passes" {
    expect = "pass"
    subject = { name = "brave", launch = { command = "npx", runner = "npx",
    secret_args = [{ index = 3, flag = "--api-key", value = { kind = "env-reference", secret = true, ref = "BRAVE_API_KEY" } }] } }
  }
  example "plain command passes" {
    expect  = "pass"
    subject = { name = "time", launch = { command = "uvx", runner = "uvx", args = ["mcp-server-time"] } }
  }
  example "remote server is not applicable" {
    expect  = "not-applicable"
    subject = { name = "linear", remote = { url = "https://mcp.linear.app/mcp" } }
  }
}

control "MCP-SECRETS-03" {
  title       = "No plaintext credentials in request headers"
  family      = "secrets"
  severity    = "high"
  risks       = ["plaintext-secrets"]
  subject     = "server"
  description = "A remote server entry carries a literal credential in a request header (`Authorization: Bearer …`, `X-API-Key: …`) in the configuration file. Anyone who can read or copy the file can act as the user against that service."
  remediation = "Replace the literal header value with a reference the client expands (`$${input:token}` with `password: true` in VS Code, `$${env:TOKEN}` in Cursor, `$${TOKEN}` in Claude Code, `env_http_headers`/`bearer_token_env_var` in Codex), rotate the exposed credential, or move to OAuth so no static token is stored."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization#token-requirements"]

  when = <<-CUE
    remote: url: string
  CUE
  check = <<-CUE
    remote: headers?: [string]: kind: !="literal-secret"
  CUE
  message = "{{.name}} in {{.location}} puts a literal credential in request header(s) {{.failing}}"

  example "literal bearer fails" {
    expect  = "fail"
    subject = { name = "supabase", remote = { url = "https://mcp.supabase.com/mcp", headers = { Authorization = { kind = "literal-secret", secret = true } } } }
  }
  example "input reference passes" {
    expect  = "pass"
    subject = { name = "supabase", remote = { url = "https://mcp.supabase.com/mcp", headers = { Authorization = { kind = "input-reference", secret = true, ref = "token" } } } }
  }
  example "no headers passes" {
    expect  = "pass"
    subject = { name = "expo", remote = { url = "https://mcp.expo.dev/mcp" } }
  }
  example "stdio server is not applicable" {
    expect  = "not-applicable"
    subject = { name = "time", launch = { command = "uvx" } }
  }
}

control "MCP-SECRETS-04" {
  title       = "No credentials embedded in server URLs"
  family      = "secrets"
  severity    = "high"
  risks       = ["plaintext-secrets"]
  subject     = "server"
  description = "A remote server URL embeds a literal credential: as `user:password@` userinfo or a token as the user, as a query parameter (`?api_key=…`, `?token=…`, `?code=…`, `?sig=…`), or in its path (a key as a path segment, a webhook or bot token). URLs are logged by proxies, servers and clients, shown in UIs and copied into tickets; a credential inside one leaks everywhere the URL goes."
  remediation = "Remove the credential from the URL and rotate it. Send it in the `Authorization` header from a referenced secret, or use OAuth."
  references  = ["https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization#access-token-usage"]

  when = <<-CUE
    remote: url: string
  CUE
  check = <<-CUE
    remote: userinfo?: kind: !="literal-secret"
    remote: path_credential?: kind: !="literal-secret"
    remote: query?: [string]: kind: !="literal-secret"
  CUE
  message = "{{.name}} in {{.location}} embeds a literal credential in its URL ({{.failing}})"

  example "api key in query fails" {
    expect  = "fail"
    subject = { name = "search", remote = { url = "https://mcp.example.com/mcp?api_key=[REDACTED]", query = { api_key = { kind = "literal-secret", secret = true } } } }
  }
  example "password in userinfo fails" {
    expect  = "fail"
    subject = { name = "db", remote = { url = "https://admin:[REDACTED]@db.example.com/mcp", userinfo = { kind = "literal-secret", secret = true } } }
  }
  example "key in the path fails" {
    expect  = "fail"
    subject = { name = "zap", remote = { url = "https://actions.example.com/mcp/[REDACTED:…(40)]/sse", path_credential = { kind = "literal-secret", secret = true } } }
  }
  example "non-secret query passes" {
    expect  = "pass"
    subject = { name = "docs", remote = { url = "https://docs.example.com/mcp?lang=en", query = { lang = { kind = "literal", secret = false, text = "en" } } } }
  }
  example "plain URL passes" {
    expect  = "pass"
    subject = { name = "docs", remote = { url = "https://docs.example.com/mcp" } }
  }
}

control "MCP-SECRETS-05" {
  title       = "References use a form the client expands"
  family      = "secrets"
  severity    = "medium"
  risks       = ["plaintext-secrets", "misconfiguration-drift"]
  subject     = "server"
  description = "A value uses a reference syntax this client does not expand, for example `$${env:TOKEN}` in Claude Desktop or `$${TOKEN}` in Cursor. The client passes the text on literally, so the server receives a wrong credential or setting; the usual 'fix' people then apply is pasting the real secret into the file."
  remediation = "Use the reference form the client documents (`$${VAR}` for Claude Code and Gemini CLI, `$${env:VAR}` for Cursor, VS Code and Windsurf, `$${input:id}` for VS Code, `$${{ secrets.NAME }}` for Continue). Where the client expands nothing (Claude Desktop), launch the server through a wrapper that reads the secret from a keychain or secret manager."

  when = <<-CUE
    ignored: false
  CUE
  check = <<-CUE
    env?: [string]: kind: !="unexpanded-reference"
    remote?: headers?: [string]: kind: !="unexpanded-reference"
    launch?: secret_args?: [...{value: kind: !="unexpanded-reference"}]
  CUE
  message = "{{.name}} ({{.client}}) in {{.location}} uses a reference form the client does not expand: {{.failing}}"

  example "env colon form in Claude Desktop fails" {
    expect  = "fail"
    subject = { name = "github", client = "claude-desktop", disabled = false, ignored = false, env = { GITHUB_TOKEN = { kind = "unexpanded-reference", secret = true, text = "$${env:GITHUB_TOKEN}" } } }
  }
  example "unexpanded header fails" {
    expect  = "fail"
    subject = { name = "api", client = "cursor", disabled = false, ignored = false, remote = { url = "https://api.example.com/mcp", headers = { Authorization = { kind = "unexpanded-reference", secret = true } } } }
  }
  example "expanded reference passes" {
    expect  = "pass"
    subject = { name = "github", client = "cursor", disabled = false, ignored = false, env = { GITHUB_TOKEN = { kind = "env-reference", secret = true } } }
  }
  example "disabled entry is still judged: it is one toggle away from running" {
    expect  = "fail"
    subject = { name = "github", client = "claude-desktop", disabled = true, ignored = false, env = { GITHUB_TOKEN = { kind = "unexpanded-reference", secret = true } } }
  }
}

control "MCP-SECRETS-06" {
  title       = "No credential placeholders in committed project configuration"
  family      = "secrets"
  severity    = "low"
  risks       = ["plaintext-secrets"]
  subject     = "server"
  description = "A project-scoped configuration file (committed to the repository) holds a placeholder where a credential belongs (`<your-token-here>`, `YOUR_API_KEY`, `changeme`). The server cannot work as committed, and every developer is invited to paste a real secret into a tracked file."
  remediation = "Replace the placeholder with a reference the client expands (`$${NOTION_TOKEN}` in Claude Code `.mcp.json`, `$${input:token}` in VS Code) and document where the secret comes from."

  when = <<-CUE
    scope:   "project"
    ignored: false
  CUE
  check = <<-CUE
    env?: [string]: kind: !="placeholder"
    remote?: headers?: [string]: kind: !="placeholder"
  CUE
  message = "{{.name}} in {{.location}} commits a credential placeholder in {{.failing}}; use a reference instead"

  example "placeholder token in .mcp.json fails" {
    expect  = "fail"
    subject = { name = "notion", scope = "project", ignored = false, env = { NOTION_API_TOKEN = { kind = "placeholder", secret = true, text = "<paste-your-token-here>" } } }
  }
  example "reference in .mcp.json passes" {
    expect  = "pass"
    subject = { name = "notion", scope = "project", ignored = false, env = { NOTION_API_TOKEN = { kind = "env-reference", secret = true } } }
  }
  example "user-scope placeholder is not applicable" {
    expect  = "not-applicable"
    subject = { name = "notion", scope = "user", ignored = false, env = { NOTION_API_TOKEN = { kind = "placeholder", secret = true } } }
  }
}

control "MCP-SECRETS-07" {
  title       = "Credentials are not expanded onto the server command line"
  family      = "secrets"
  severity    = "low"
  risks       = ["plaintext-secrets"]
  subject     = "server"
  description = "A stdio server's command line carries a credential by reference (`--api-key $${API_KEY}`, `--header Authorization:$${input:token}`, `docker run -e TOKEN=$${env:TOKEN}`) that the client expands before it starts the process. The file holds no secret, but the running process does: its arguments are readable by every user of the machine through the process list and end up in crash reports and process accounting. This is a lesser exposure than a literal credential in the file (MCP-SECRETS-02), and a distinct one."
  remediation = "Hand the credential to the server through its environment instead: an `env` entry with the reference, read by the server at start-up; for `docker run`, `-e NAME` without a value, so Docker copies the variable from its own environment; for bridges that read header values from variables themselves (mcp-remote), write the variable in a form the client does not expand."
  references  = ["https://owasp.org/www-project-mcp-top-10/"]

  when = <<-CUE
    launch: command: string
  CUE
  check = <<-CUE
    launch: secret_args?: [...{value: kind: !="env-reference" & !="input-reference" & !="secret-reference" & !="config-reference"}]
  CUE
  message = "{{.name}} in {{.location}} puts a referenced credential on its command line, where the running process shows it ({{.failing}})"

  example "api key flag from an environment reference fails" {
    expect = "fail"
    subject = { name = "brave", launch = { command = "npx", runner = "npx",
    secret_args = [{ index = 3, flag = "--api-key", value = { kind = "env-reference", secret = true, ref = "BRAVE_API_KEY" } }] } }
  }
  example "docker -e with a prompted input fails" {
    expect = "fail"
    subject = { name = "github", launch = { command = "docker", runner = "docker",
    secret_args = [{ index = 3, flag = "-e", value = { kind = "input-reference", secret = true, ref = "github_token" } }] } }
  }
  example "reference the client passes on unexpanded passes" {
    expect = "pass"
    subject = { name = "remote", launch = { command = "npx", runner = "npx",
    secret_args = [{ index = 4, flag = "--header", value = { kind = "unexpanded-reference", secret = true, ref = "AUTH_HEADER" } }] } }
  }
  example "literal secret is judged by MCP-SECRETS-02, not here" {
    expect = "pass"
    subject = { name = "brave", launch = { command = "npx", runner = "npx",
    secret_args = [{ index = 3, flag = "--api-key", value = { kind = "literal-secret", secret = true } }] } }
  }
  example "no secret arguments passes" {
    expect  = "pass"
    subject = { name = "time", launch = { command = "uvx", runner = "uvx", args = ["mcp-server-time"] } }
  }
}

control "MCP-SECRETS-08" {
  title       = "No plaintext credentials elsewhere in client configuration files"
  family      = "secrets"
  severity    = "high"
  risks       = ["plaintext-secrets"]
  subject     = "source"
  description = "A client configuration file or manifest holds a literal credential outside the MCP server entries it declares: a model provider's API key (Continue `models[].apiKey`, Zed `language_models`, Codex `model_providers.*.http_headers`), a prompted input's default (VS Code `inputs[].default` of a `password: true` input), a token under any other key. The file is readable by every process of the user, is often committed, synced or backed up, and the credential cannot be rotated without editing every copy."
  remediation = "Remove the literal value and rotate the credential. Use what the client offers instead: an environment variable or the client's secret store (Continue `$${{ secrets.NAME }}`, VS Code prompted inputs without a default, Codex `env_key`/`env_http_headers`), or the operating system's keychain."
  references  = ["https://owasp.org/www-project-mcp-top-10/"]

  when = <<-CUE
    status: string
  CUE
  check = <<-CUE
    credentials?: [...{value: kind: !="literal-secret"}]
  CUE
  message = "{{.name}} holds literal credential(s) outside its server entries: {{range $i, $c := .credentials}}{{if $i}}, {{end}}{{$c.setting}}{{if $c.line}} (line {{$c.line}}){{end}}{{end}}"

  example "model provider key fails" {
    expect  = "fail"
    subject = { kind = "source", name = ".continue/config.yaml", format = "continue/config.yaml", status = "ok", credentials = [{ setting = "models[0].apiKey", line = 7, value = { kind = "literal-secret", secret = true, text = "[REDACTED:sk-proj-…(44)]" } }] }
  }
  example "password input default fails" {
    expect  = "fail"
    subject = { kind = "source", name = ".vscode/mcp.json", format = "vscode/mcp.json", status = "ok", credentials = [{ setting = "inputs[0].default", value = { kind = "literal-secret", secret = true } }] }
  }
  example "file without credentials passes" {
    expect  = "pass"
    subject = { kind = "source", name = ".continue/config.yaml", format = "continue/config.yaml", status = "ok" }
  }
}
