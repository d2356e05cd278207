waiver "B-001" {
  control       = "T-SECRETS-01"
  subjects      = []
  justification = ""
  owner         = "platform"
  expires       = "next year"
}

waiver "B-001" {
  control       = "T-SECRETS-01"
  subjects      = ["x"]
  justification = "j"
  owner         = "o"
  approved_by   = "a"
  expires       = "2026-12-31"
  colour        = "red"
}

exemption "E" {}
