attestation "B-001" {
  control     = "T-GOV-01"
  statement   = "s"
  attested_by = "a"
  evidence    = "missing-file.pdf"
  expires     = "2026-08-01"
}

attestation "B-002" {
  control   = "T-GOV-01"
  statement = "s"
}
