control "X-01" {
  title       = "t"
  family      = "f"
  severity    = "low"
  risks       = ["plaintext-secrets"]
  subject     = "server"
  description = "d"
  remediation = "r"
  manual      = true
  guidance    = "g"
}

control "X-01" {
  title       = "t"
  family      = "f"
  severity    = "low"
  risks       = ["plaintext-secrets"]
  subject     = "server"
  description = "d"
  remediation = "r"
  manual      = true
  guidance    = "g"
}
