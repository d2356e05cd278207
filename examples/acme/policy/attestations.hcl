# Statements for controls that no machine can check, with the evidence behind them.
# The approved-server allowlist (MCP-GOV-01) needs none: Tollgate checks it against
# policy/servers.cue.

attestation "ACME-A-001" {
  control     = "MCP-GOV-02"
  statement   = "Acme's incident response plan has an MCP playbook (contain, revoke, preserve, notify), exercised in September 2026."
  attested_by = "security@acme.example"
  evidence    = "mcp-incident-playbook.md"
  expires     = "2027-06-30"
}
