# Accepted risks. Every waiver names its control, the subjects it covers (globs on
# subject id or name), why, who owns it, who approved it, and when it expires.

waiver "ACME-W-001" {
  control       = "MCP-TRANSPORT-02"
  subjects      = ["storybook"]
  justification = "Storybook's MCP add-on only speaks HTTP+SSE and listens on localhost during front-end development; replaced when the add-on ships Streamable HTTP (FE-2231)."
  owner         = "web-frontend"
  approved_by   = "security@acme.example"
  expires       = "2027-03-31"
}

waiver "ACME-W-002" {
  control       = "MCP-AUTH-02"
  subjects      = ["sentry"]
  justification = "Sentry's hosted MCP server takes a scoped, prompted auth token; OAuth is tracked in SEC-418."
  owner         = "web-frontend"
  approved_by   = "security@acme.example"
  expires       = "2027-01-31"
}
