waiver "W-001" {
  control       = "T-SECRETS-01"
  subjects      = ["*#legacy-*"]
  justification = "Legacy servers are being retired; tracked in SEC-12."
  owner         = "platform"
  approved_by   = "ciso@example.com"
  expires       = "2026-12-31"
}

waiver "W-002" {
  control       = "T-TLS-01"
  subjects      = ["wiki"]
  justification = "Internal wiki, TLS terminated upstream."
  owner         = "it"
  approved_by   = "ciso@example.com"
  expires       = "2026-01-31"
}

waiver "W-003" {
  control       = "T-TLS-01"
  subjects      = ["nothing-matches-*"]
  justification = "Kept for a server not deployed yet."
  owner         = "it"
  approved_by   = "ciso@example.com"
  expires       = "2027-06-30"
}
