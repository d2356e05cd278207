control "X-01" {
  title       = "t"
  family      = "f"
  severity    = "urgent"
  risks       = ["plaintext-secrets"]
  subject     = "robot"
  description = "d"
  remediation = "r"
  references  = ["not a url"]
  check       = "disabled: false"
  message     = "m"
  example "p" {
    expect  = "pass"
    subject = { disabled = false }
  }
  example "f" {
    expect  = "maybe"
    subject = { disabled = true }
  }
  example "g" {
    expect  = "fail"
    subject = "not an object"
  }
}

control "has space" {
  title       = "t"
  family      = "f"
  severity    = "low"
  risks       = []
  subject     = "server"
  description = "d"
  remediation = "r"
  manual      = "yes"
  guidance    = "g"
}
