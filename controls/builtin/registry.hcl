# Registry and bundle manifests: the metadata a publisher ships (MCP registry
# server.json, MCPB manifest.json) decides how clients install and configure a server.

control "MCP-REGISTRY-01" {
  title       = "Registry manifests mark secret inputs with isSecret"
  family      = "registry"
  severity    = "medium"
  risks       = ["plaintext-secrets"]
  subject     = "server"
  description = "A `server.json` declares an environment variable or header that carries a credential (`*_TOKEN`, `*_API_KEY`, `Authorization`…) without `isSecret: true`. Installers and clients then prompt for it as plain text, echo it, and store it unprotected in the generated client configuration."
  remediation = "Set `\"isSecret\": true` on every environment variable, header and argument that carries a credential."
  references  = ["https://github.com/modelcontextprotocol/registry/blob/main/docs/reference/server-json/generic-server-json.md"]

  when = <<-CUE
    manifest: package_name: string
    manifest: type: "server.json"
  CUE
  check = <<-CUE
    manifest: unmarked_secrets?: []
  CUE
  message = "{{.manifest.package_name}} ({{.location}}) does not mark credential inputs as isSecret: {{join .manifest.unmarked_secrets}}"

  example "unmarked token fails" {
    expect  = "fail"
    subject = { name = "rundeck-mcp", manifest = { type = "server.json", package_name = "rundeck-mcp", unmarked_secrets = ["RUNDECK_API_TOKEN", "X_GATEWAY_APIKEY"] } }
  }
  example "all marked passes" {
    expect  = "pass"
    subject = { name = "mcp-opa", manifest = { type = "server.json", package_name = "io.github.0-draft/mcp-opa" } }
  }
  example "client config entry is not applicable" {
    expect  = "not-applicable"
    subject = { name = "github" }
  }
}

control "MCP-REGISTRY-02" {
  title       = "Registry manifests declare an explicit version"
  family      = "registry"
  severity    = "low"
  risks       = ["supply-chain-tampering", "rug-pull"]
  subject     = "server"
  description = "A `server.json` has no version, or declares `latest`. The official registry rejects such entries; clients installing from it cannot tell releases apart, and a review of one release silently covers the next."
  remediation = "Set `version` (and each package's `version`) to the exact released version, e.g. `\"version\": \"1.4.2\"`, and publish a new entry per release."

  when = <<-CUE
    manifest: package_name: string
    manifest: type: "server.json"
  CUE
  check = <<-CUE
    manifest: explicit_version: true
  CUE
  message = "{{.manifest.package_name}} ({{.location}}) does not declare an explicit version"

  example "latest fails" {
    expect  = "fail"
    subject = { name = "x", manifest = { type = "server.json", package_name = "io.github.acme/x", version = "latest", explicit_version = false } }
  }
  example "exact version passes" {
    expect  = "pass"
    subject = { name = "x", manifest = { type = "server.json", package_name = "io.github.acme/x", version = "0.1.0", explicit_version = true } }
  }
}

control "MCP-REGISTRY-03" {
  title       = "Registry server names are namespaced"
  family      = "registry"
  severity    = "low"
  risks       = ["supply-chain-tampering", "tool-shadowing"]
  subject     = "server"
  description = "A `server.json` name is not in reverse-DNS form (`io.github.owner/server`, `com.example/server`). The registry ties the namespace to a verified GitHub account or domain; without one, nothing shows who published the server and look-alike names are easy to register."
  remediation = "Rename the server to a namespace you can prove (`io.github.<user-or-org>/<name>` or a domain you own) and publish it under that namespace."

  when = <<-CUE
    manifest: package_name: string
    manifest: type: "server.json"
  CUE
  check = <<-CUE
    manifest: reverse_dns_name: true
  CUE
  message = "{{.manifest.package_name}} ({{.location}}) is not a namespaced (reverse-DNS) registry name"

  example "bare name fails" {
    expect  = "fail"
    subject = { name = "rundeck-mcp", manifest = { type = "server.json", package_name = "rundeck-mcp", reverse_dns_name = false } }
  }
  example "namespaced name passes" {
    expect  = "pass"
    subject = { name = "mcp-opa", manifest = { type = "server.json", package_name = "io.github.0-draft/mcp-opa", reverse_dns_name = true } }
  }
}

control "MCP-REGISTRY-04" {
  title       = "MCPB packages in registry manifests carry a SHA-256"
  family      = "registry"
  severity    = "medium"
  risks       = ["supply-chain-tampering"]
  subject     = "server"
  description = "A `server.json` offers an `mcpb` package download without `fileSha256`. Clients cannot verify that the bundle they download is the one that was published, so a compromised download host or CDN serves modified code undetected."
  remediation = "Add `\"fileSha256\"` with the hex SHA-256 of each `.mcpb` file (`sha256sum server.mcpb`), and sign the bundle with `mcpb sign`."

  when = <<-CUE
    manifest: package_name: string
    manifest: type: "server.json"
  CUE
  check = <<-CUE
    manifest: missing_file_sha256: false
  CUE
  message = "{{.manifest.package_name}} ({{.location}}) publishes an mcpb package without fileSha256"

  example "missing hash fails" {
    expect  = "fail"
    subject = { name = "x", manifest = { type = "server.json", package_name = "io.github.acme/x", missing_file_sha256 = true } }
  }
  example "hash present passes" {
    expect  = "pass"
    subject = { name = "x", manifest = { type = "server.json", package_name = "io.github.acme/x", missing_file_sha256 = false } }
  }
}

control "MCP-REGISTRY-05" {
  title       = "Manifests conform to their schema"
  family      = "registry"
  severity    = "low"
  risks       = ["misconfiguration-drift", "plaintext-secrets"]
  subject     = "server"
  description = "A `server.json` or MCPB `manifest.json` has keys that are not in its schema, often misspellings of real ones (`required` for `isRequired`, `secret` for `isSecret`). Tools silently ignore them, so a variable meant to be required or secret is treated as neither."
  remediation = "Validate the manifest against the `$schema` it declares (`mcp-publisher validate`, `mcpb validate`) and fix the reported keys."

  when = <<-CUE
    manifest: type: string
  CUE
  check = <<-CUE
    manifest: schema_errors?: []
  CUE
  message = "{{.manifest.package_name}} ({{.location}}) does not conform to the {{.manifest.type}} schema: {{join .manifest.schema_errors \"; \"}}"

  example "misspelt key fails" {
    expect  = "fail"
    subject = { name = "rundeck-mcp", manifest = { type = "server.json", package_name = "rundeck-mcp", schema_errors = ["packages[0].environmentVariables[0]: unknown key \"required\" (did you mean \"isRequired\"?)"] } }
  }
  example "valid manifest passes" {
    expect  = "pass"
    subject = { name = "fs", manifest = { type = "mcpb", package_name = "file-system-node" } }
  }
}

control "MCP-MCPB-01" {
  title       = "MCPB bundles mark credential settings as sensitive"
  family      = "registry"
  severity    = "medium"
  risks       = ["plaintext-secrets"]
  subject     = "server"
  description = "An MCPB/DXT `manifest.json` asks the user for a credential in `user_config` (a password, token or key) without `sensitive: true`. The host application then shows the value in clear text and stores it outside the OS keychain."
  remediation = "Add `\"sensitive\": true` to every `user_config` entry that holds a credential, and pass it to the server only through `$${user_config.<key>}` in `env`."
  references  = ["https://github.com/modelcontextprotocol/mcpb/blob/main/MANIFEST.md"]

  when = <<-CUE
    manifest: package_name: string
    manifest: type: "mcpb"
  CUE
  check = <<-CUE
    manifest: unmarked_secrets?: []
  CUE
  message = "{{.manifest.package_name}} ({{.location}}) does not mark credential settings as sensitive: {{join .manifest.unmarked_secrets}}"

  example "unmarked api key fails" {
    expect  = "fail"
    subject = { name = "weather", manifest = { type = "mcpb", package_name = "weather", unmarked_secrets = ["api_key"] } }
  }
  example "sensitive password passes" {
    expect  = "pass"
    subject = { name = "tapo-camera-mcp", manifest = { type = "mcpb", package_name = "tapo-camera-mcp" } }
  }
  example "registry manifest is not applicable" {
    expect  = "not-applicable"
    subject = { name = "x", manifest = { type = "server.json", package_name = "io.github.acme/x", unmarked_secrets = ["TOKEN"] } }
  }
}

control "MCP-MCPB-02" {
  title       = "MCPB bundles declare privacy policies"
  family      = "registry"
  severity    = "info"
  risks       = ["sensitive-data-oversharing"]
  subject     = "server"
  description = "An MCPB bundle lists no `privacy_policies`. The MCPB format asks bundles that send user data to external services to link the privacy policy of each; without them users and data-protection reviewers cannot tell where data goes. Purely local bundles legitimately have none, so a failure here is a prompt to confirm the bundle is local-only (and waive it) rather than a defect in itself."
  remediation = "Add the URL of the privacy policy of every external service the bundle sends data to under `privacy_policies`; for local-only bundles, record a waiver saying so."
  references  = ["https://github.com/modelcontextprotocol/mcpb/blob/main/MANIFEST.md"]

  when = <<-CUE
    manifest: package_name: string
    manifest: type: "mcpb"
  CUE
  check = <<-CUE
    manifest: privacy_policies: >0
  CUE
  message = "{{.manifest.package_name}} ({{.location}}) declares no privacy policies; confirm it sends no data to external services"

  example "no policies fails" {
    expect  = "fail"
    subject = { name = "tapo-camera-mcp", manifest = { type = "mcpb", package_name = "tapo-camera-mcp", privacy_policies = 0 } }
  }
  example "policy listed passes" {
    expect  = "pass"
    subject = { name = "weather", manifest = { type = "mcpb", package_name = "weather", privacy_policies = 1 } }
  }
}
