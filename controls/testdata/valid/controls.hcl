control "TEST-SECRETS-01" {
  title       = "No literal secrets in env"
  family      = "secrets"
  severity    = "high"
  risks       = ["plaintext-secrets"]
  subject     = "server"
  description = "An env value is a literal credential."
  remediation = "Use a reference."
  references  = ["https://example.com/secrets"]
  when  = <<-CUE
    ignored: false
  CUE
  check = <<-CUE
    env: [string]: {secret: false} | {kind: "env-reference" | "input-reference"}
  CUE
  message = "{{.name}} in {{.location}} sets {{.failing}} to a literal secret"

  example "literal token fails" {
    expect  = "fail"
    subject = { name = "github", ignored = false, env = { GITHUB_TOKEN = { kind = "literal-secret", secret = true, text = "[REDACTED:ghp_…(40)]" } } }
  }
  example "reference passes" {
    expect  = "pass"
    subject = { name = "github", ignored = false, env = { GITHUB_TOKEN = { kind = "env-reference", secret = true, ref = "GITHUB_TOKEN" } } }
  }
  example "ignored entry is not applicable" {
    expect  = "not-applicable"
    subject = { name = "github", ignored = true }
  }
}

control "TEST-TLS-01" {
  title       = "Remote servers use TLS"
  family      = "transport"
  severity    = "medium"
  risks       = ["missing-transport-security"]
  subject     = "server"
  description = "A remote server is reached over plain HTTP."
  remediation = "Use https."
  when  = "remote: {loopback: false, scheme: string}"
  check = <<-CUE
    remote: scheme: "https"
    remote: port?: int & >0
  CUE
  message = "{{.name}} reaches {{.remote.host}} without TLS ({{.failing}})"

  example "http fails" {
    expect  = "fail"
    subject = { name = "wiki", remote = { scheme = "http", host = "wiki.example.com", loopback = false, port = 80 } }
  }
  example "https passes" {
    expect  = "pass"
    subject = { name = "wiki", remote = { scheme = "https", host = "wiki.example.com", loopback = false } }
  }
  example "stdio server is not applicable" {
    expect  = "not-applicable"
    subject = { name = "time", launch = { command = "uvx" } }
  }
  example "a gateway is not applicable" {
    expect  = "not-applicable"
    subject = { kind = "gateway", name = "edge", remote = { scheme = "http", loopback = false } }
  }
}

control "TEST-GOV-01" {
  title       = "Approved server allowlist"
  family      = "governance"
  severity    = "medium"
  risks       = ["weak-governance"]
  subject     = "server"
  description = "An allowlist of approved MCP servers is kept and reviewed."
  remediation = "Keep one."
  manual      = true
  guidance    = "The allowlist, its owner and the date of its last review."
}
