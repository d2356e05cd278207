control "X-01" {
  title       = "t"
  family      = "f"
  severity    = "low"
  risks       = ["plaintext-secrets"]
  subject     = "server"
  description = "d"
  remediation = "r"
  when = <<-CUE
    disabled: false
    transport: "stdio"
  CUE
  check = <<-CUE
    env: [string]: {
      secret: false
      kind: :
    }
  CUE
  message = "m"
  example "p" {
    expect  = "pass"
    subject = {}
  }
  example "f" {
    expect  = "fail"
    subject = {}
  }
}

control "X-02" {
  title       = "t"
  family      = "f"
  severity    = "low"
  risks       = ["plaintext-secrets"]
  subject     = "server"
  description = "d"
  remediation = "r"
  when        = "disabled: false"
  check = <<-CUE
    remote: scheme: "https"
    auth: kind: nonsuch
  CUE
  message = "m"
  example "p" {
    expect  = "pass"
    subject = {}
  }
  example "f" {
    expect  = "fail"
    subject = {}
  }
}

control "X-03" {
  title       = "t"
  family      = "f"
  severity    = "low"
  risks       = ["plaintext-secrets"]
  subject     = "server"
  description = "d"
  remediation = "r"
  check       = "true"
  message     = "{{.name"
  credit      = "{{nosuchfunc .name}}"
  example "p" {
    expect  = "pass"
    subject = {}
  }
  example "f" {
    expect  = "fail"
    subject = {}
  }
}
