risk "plaintext-secrets" {
  title       = "again"
  description = "defined twice"
}

control "TEST-SECRETS-01" {
  title       = "t"
  family      = "f"
  severity    = "low"
  risks       = ["plaintext-secrets", "no-such-risk"]
  subject     = "server"
  description = "d"
  remediation = "r"
  manual      = true
  guidance    = "g"
}
