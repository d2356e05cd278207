# Misspelt field names: CUE would fill them in and the checks would pass
# every subject. The loader rejects them.

control "X-PKG-01" {
  title       = "Packages are pinned"
  family      = "supply-chain"
  severity    = "high"
  risks       = ["weak-governance"]
  subject     = "server"
  description = "d"
  remediation = "r"
  when        = "launch: pakage: ecosystem: string"
  check       = <<-CUE
    launch: pakage: pinned: true
  CUE
  message     = "m"
  example "pinned" {
    expect  = "pass"
    subject = { launch = { package = { pinned = true } } }
  }
  example "unpinned" {
    expect  = "fail"
    subject = { launch = { pakage = { pinned = false } } }
  }
}

control "X-TLS-01" {
  title       = "Remote servers use TLS"
  family      = "transport"
  severity    = "high"
  risks       = ["missing-transport-security"]
  subject     = "server"
  description = "d"
  remediation = "r"
  when        = <<-CUE
    let present = string
    remote: ulr: present
  CUE
  check       = <<-CUE
    remote: shceme: "https"
    env: [string]: secert: false
    filesystem_roots: broad: false
    linked: gatway: [...]
  CUE
  message     = "m"
  example "https" {
    expect  = "pass"
    subject = { remote = { url = "https://x", shceme = "https" } }
  }
  example "http" {
    expect  = "fail"
    subject = { remote = { url = "http://x", shceme = "http" } }
  }
}

control "X-GW-01" {
  title       = "Gateways authenticate"
  family      = "gateway"
  severity    = "high"
  risks       = ["weak-governance"]
  subject     = "gateway"
  description = "d"
  remediation = "r"
  check       = "authentification: \"required\""
  message     = "m"
  example "required" {
    expect  = "pass"
    subject = { authentification = "required" }
  }
  example "none" {
    expect  = "fail"
    subject = { authentification = "none" }
  }
}

control "X-OK-01" {
  title       = "Correct names load"
  family      = "transport"
  severity    = "low"
  risks       = ["missing-transport-security"]
  subject     = "server"
  description = "d"
  remediation = "r"
  check       = <<-CUE
    remote?: scheme: "https"
    env: [=~"TOKEN"]: secret: false
    linked: gateway: [...{authentication: "required"}]
    #Local: "local"
    auth: kind: !=#Local
  CUE
  message     = "m"
  example "https" {
    expect  = "pass"
    subject = { remote = { scheme = "https" } }
  }
  example "http" {
    expect  = "fail"
    subject = { remote = { scheme = "http" } }
  }
}
