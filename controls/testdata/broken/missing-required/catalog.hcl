risk "r1" {
  title = "t"
}

control "X-01" {
  family      = "f"
  risks       = ["r1"]
  subject     = "server"
  description = "d"
  remediation = "r"
  example "p" {
    expect  = "pass"
    subject = {}
  }
  example "f" {
    subject = { disabled = true }
  }
}
