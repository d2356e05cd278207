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
