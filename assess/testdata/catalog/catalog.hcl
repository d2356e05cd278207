risk "plaintext-secrets" {
  title       = "Plaintext secrets"
  description = "Credentials written into configuration files."
}

risk "missing-transport-security" {
  title       = "Missing transport security"
  description = "Traffic to a remote server travels without TLS."
}

risk "weak-governance" {
  title       = "Weak governance"
  description = "Nobody decides which servers may run."
}

control "T-SECRETS-01" {
  title       = "No literal secrets in env"
  family      = "secrets"
  severity    = "high"
  risks       = ["plaintext-secrets"]
  subject     = "server"
  description = "An env value is a literal credential."
  remediation = "Use a reference."
  when        = "ignored: false"
  check = <<-CUE
    env: [string]: kind: !="literal-secret"
  CUE
  message = "{{.name}} in {{.location}} sets {{.failing}} to a literal secret"
  example "literal fails" {
    expect  = "fail"
    subject = { ignored = false, env = { T = { kind = "literal-secret", secret = true } } }
  }
  example "reference passes" {
    expect  = "pass"
    subject = { ignored = false, env = { T = { kind = "env-reference", secret = true } } }
  }
}

control "T-TLS-01" {
  title       = "Remote servers use TLS"
  family      = "transport"
  severity    = "medium"
  risks       = ["missing-transport-security"]
  subject     = "server"
  description = "A remote server is reached over plain HTTP."
  remediation = "Use https."
  when        = "remote: {loopback: false, scheme: string}"
  check       = "remote: scheme: \"https\""
  message     = "{{.name}} reaches {{.remote.host}} without TLS"
  example "http fails" {
    expect  = "fail"
    subject = { remote = { scheme = "http", host = "a", loopback = false } }
  }
  example "https passes" {
    expect  = "pass"
    subject = { remote = { scheme = "https", host = "a", loopback = false } }
  }
}

control "T-GW-01" {
  title       = "Gateways require authentication"
  family      = "gateway"
  severity    = "high"
  risks       = ["missing-transport-security"]
  subject     = "gateway"
  description = "A gateway accepts unauthenticated requests."
  remediation = "Require authentication."
  check       = "authentication: \"required\""
  message     = "{{.name}} does not require authentication"
  example "none fails" {
    expect  = "fail"
    subject = { authentication = "none" }
  }
  example "required passes" {
    expect  = "pass"
    subject = { authentication = "required" }
  }
}

control "T-SRC-01" {
  title       = "Configurations parse"
  family      = "config"
  severity    = "medium"
  risks       = ["weak-governance"]
  subject     = "source"
  description = "A configuration file could not be read."
  remediation = "Fix the file."
  check       = "status: \"ok\" | \"empty\""
  message     = "{{.name}} could not be read ({{.status}})"
  example "parse error fails" {
    expect  = "fail"
    subject = { status = "parse-error" }
  }
  example "ok passes" {
    expect  = "pass"
    subject = { status = "ok" }
  }
}

control "T-GOV-01" {
  title       = "Approved server allowlist"
  family      = "governance"
  severity    = "medium"
  risks       = ["weak-governance"]
  subject     = "server"
  description = "An allowlist of approved MCP servers is kept."
  remediation = "Keep one."
  manual      = true
  guidance    = "The allowlist and the date of its last review."
}

control "T-GOV-02" {
  title       = "Incident response covers MCP"
  family      = "governance"
  severity    = "medium"
  risks       = ["weak-governance"]
  subject     = "server"
  description = "The incident response plan covers MCP servers."
  remediation = "Extend it."
  manual      = true
  guidance    = "The plan's MCP section."
}
