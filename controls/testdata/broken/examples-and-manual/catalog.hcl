control "X-01" {
  title       = "t"
  family      = "f"
  severity    = "low"
  risks       = ["plaintext-secrets"]
  subject     = "server"
  description = "d"
  remediation = "r"
  check       = "disabled: false"
  message     = "m"
  example "p" {
    expect  = "pass"
    subject = { disabled = false }
  }
  example "p" {
    expect  = "pass"
    subject = { disabled = false }
  }
}

control "X-02" {
  title       = "t"
  family      = "f"
  severity    = "low"
  risks       = ["plaintext-secrets"]
  subject     = "server"
  description = "d"
  remediation = "r"
}

control "X-03" {
  title       = "t"
  family      = "f"
  severity    = "low"
  risks       = ["plaintext-secrets"]
  subject     = "server"
  description = "d"
  remediation = "r"
  manual      = true
  check       = "disabled: false"
  credit      = "c"
  example "p" {
    expect  = "pass"
    subject = {}
  }
}

control "X-04" {
  title       = "t"
  family      = "f"
  severity    = "low"
  risks       = ["plaintext-secrets"]
  subject     = "server"
  description = "d"
  remediation = "r"
  guidance    = "g"
  check       = "disabled: false"
  message     = "m"
  example "p" {
    expect  = "pass"
    subject = { disabled = false }
  }
  example "f" {
    expect  = "fail"
    subject = { disabled = true }
  }
}
