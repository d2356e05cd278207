# An organisation's own control, exported with the built-in catalog.
control "ACME-01" {
  title       = "Servers are not disabled"
  family      = "acme"
  severity    = "low"
  risks       = ["shadow-servers"]
  subject     = "server"
  description = "Disabled servers linger in configs and are re-enabled without review."
  remediation = "Remove servers that are not used."
  references  = ["https://wiki.acme.example/MCP server rules"]
  check       = "disabled: false"
  message     = "{{.name}} is disabled"
  example "disabled fails" {
    expect  = "fail"
    subject = { name = "x", disabled = true }
  }
  example "enabled passes" {
    expect  = "pass"
    subject = { name = "x", disabled = false }
  }
}
