attestation "A-001" {
  control     = "T-GOV-01"
  statement   = "The approved-server allowlist was reviewed on 2026-02-01."
  attested_by = "security-lead@example.com"
  evidence    = "allowlist.txt"
  expires     = "2026-08-01"
}

attestation "A-002" {
  control     = "T-GOV-02"
  statement   = "The incident response plan covers MCP servers."
  attested_by = "ir-lead@example.com"
  evidence    = "https://wiki.example.com/ir-plan"
  expires     = "2026-01-15"
}
