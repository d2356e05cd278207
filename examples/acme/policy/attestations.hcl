# Statements for controls that no machine can check, with the evidence behind them.

attestation "ACME-A-001" {
  control     = "MCP-GOV-01"
  statement   = "Acme keeps an approved MCP server list; new servers go through the security review in SEC-100 before they may be configured."
  attested_by = "security@acme.example"
  evidence    = "approved-mcp-servers.md"
  expires     = "2027-06-30"
}
