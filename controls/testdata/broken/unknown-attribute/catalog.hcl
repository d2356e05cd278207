control "X-01" {
  title       = "t"
  family      = "f"
  severity    = "low"
  risks       = ["plaintext-secrets"]
  subject     = "server"
  description = "d"
  remediation = "r"
  colour      = "red"
  check       = "disabled: false"
  message     = "m"
  example "p" {
    expect  = "pass"
    subject = { disabled = false }
    note    = "x"
  }
  example "f" {
    expect  = "fail"
    subject = { disabled = true }
  }
}

policy "p" {}
