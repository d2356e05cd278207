# Accepted risks. A waiver turns the failures of one control on the subjects it names into "waived":
# they no longer fail the gate, and every report still shows them with the waiver's owner, approver
# and expiry. Review changes to this file like code.
#
# subjects are globs on the subject id or name (see 'tollgate collect .' for both). A waiver that
# matches nothing is reported as unused; one past its expiry no longer applies.

# An example: replace it with your own, or delete it.
waiver "EXAMPLE-001" {
  control       = "MCP-TRANSPORT-02"
  subjects      = ["legacy-sse-server"]
  justification = "The vendor's server only speaks HTTP+SSE; replaced when it ships Streamable HTTP (ticket SEC-123)."
  owner         = "platform-team"
  approved_by   = "security@example.com"
  expires       = "{{.Expires}}"
}
