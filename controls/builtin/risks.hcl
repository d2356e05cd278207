# The MCP risk taxonomy: what can go wrong when a model is connected to tools
# over the Model Context Protocol. Every control names the risks it reduces.

risk "direct-prompt-injection" {
  title       = "Direct prompt injection"
  description = "A user or anyone who can type into the agent crafts input that overrides its instructions and makes it call tools it should not, or call them with harmful arguments."
}

risk "indirect-prompt-injection" {
  title       = "Indirect prompt injection"
  description = "Content the agent reads through a tool (a web page, an issue, an email, a file) carries instructions that the model follows as if the user had given them."
}

risk "tool-poisoning" {
  title       = "Tool poisoning"
  description = "A server ships tool names, descriptions, schemas or annotations that hide instructions for the model, such as reading private files or sending data elsewhere."
}

risk "rug-pull" {
  title       = "Rug pull (silent tool swap)"
  description = "A server or package that was reviewed and approved later changes its tool definitions or code, so what runs is no longer what was approved."
}

risk "tool-shadowing" {
  title       = "Tool shadowing and name collision"
  description = "One server's tools reuse or reference the names of another server's tools, so the model calls the wrong one or follows one server's instructions about another."
}

risk "toxic-capability-combination" {
  title       = "Toxic capability combination"
  description = "Tools that are each acceptable alone combine into an exfiltration path: untrusted input, access to private data and a way to send data out, all reachable by one agent."
}

risk "confused-deputy" {
  title       = "Confused deputy"
  description = "A server or proxy acting with its own broad privileges is tricked into using them on behalf of a caller who holds no such rights, for example through shared static OAuth client ids."
}

risk "token-passthrough" {
  title       = "Token passthrough and missing audience validation"
  description = "A server accepts tokens that were not issued for it, or forwards the client's token to upstream APIs, so a token stolen from one service opens others and audit trails lose the real caller."
}

risk "session-hijacking" {
  title       = "Session hijacking"
  description = "Predictable, leaked or unbound session identifiers let an attacker inject events into or take over another user's session with a server."
}

risk "local-server-compromise" {
  title       = "Local server compromise"
  description = "A local server runs with the user's full privileges, or more, so a malicious or exploited server (or its launch command) can take over the workstation or the container host."
}

risk "excessive-scope" {
  title       = "Excessive scopes and filesystem reach"
  description = "A server is given more access than its task needs: whole home directories, dotfiles, wildcard OAuth scopes or write access where read would do."
}

risk "plaintext-secrets" {
  title       = "Plaintext secrets"
  description = "Credentials are written in clear text into configuration files, command lines, headers or URLs, where they end up in repositories, backups, logs and process lists."
}

risk "supply-chain-tampering" {
  title       = "Supply-chain tampering"
  description = "The code a server runs is fetched at launch from a registry without a pinned version or digest, so a compromised, typosquatted or abandoned package runs unnoticed."
}

risk "missing-authentication" {
  title       = "Missing authentication"
  description = "A server accepts requests without verifying who sends them, so anyone who can reach it can list and call its tools."
}

risk "missing-transport-security" {
  title       = "Missing transport security"
  description = "Traffic to a server travels without TLS, exposing tokens, tool arguments and results to anyone on the network path, and letting them alter it."
}

risk "dns-rebinding" {
  title       = "DNS rebinding and missing Origin validation"
  description = "A web page in the user's browser reaches a server listening on localhost or the local network because the server does not check the Origin or Host of requests."
}

risk "open-egress" {
  title       = "Open egress"
  description = "A server can connect anywhere on the network, so injected instructions or a compromised server can send data to an attacker or reach internal services (SSRF)."
}

risk "resource-exhaustion" {
  title       = "Resource exhaustion"
  description = "Without rate limits or resource bounds, a looping agent or a hostile caller can exhaust a server, its upstream quotas or the host it runs on."
}

risk "missing-audit-trail" {
  title       = "Missing audit trail"
  description = "Tool calls are not recorded with who, what and when, so misuse cannot be detected, investigated or attributed."
}

risk "sensitive-data-oversharing" {
  title       = "Sensitive-data over-sharing"
  description = "Personal or confidential data flows into the model context or to third-party servers beyond what the task needs, without a legal basis or safeguards."
}

risk "shadow-servers" {
  title       = "Shadow (unapproved) servers"
  description = "People add servers that nobody reviewed or inventoried, or configurations differ from what the organisation believes is deployed."
}

risk "consent-bypass" {
  title       = "Consent bypass (auto-approve)"
  description = "Tools run without the user confirming each call, so a single injected instruction turns directly into an action with real effects."
}

risk "command-injection" {
  title       = "Command injection and unsafe launch"
  description = "A server is started through a shell or a downloaded script, so whoever controls the command string, the script or the download controls the host."
}

risk "misconfiguration-drift" {
  title       = "Silently ignored configuration"
  description = "A client silently skips entries, keys or whole files it cannot read, so protections that appear configured are not in force and inventories are wrong."
}

risk "server-side-request-forgery" {
  title       = "Server-side request forgery"
  description = "A gateway or server fetches URLs that callers or upstream metadata supply, so an attacker makes it reach internal services, cloud metadata endpoints or the host itself."
}

risk "unvalidated-input" {
  title       = "Unvalidated tool input"
  description = "A tool accepts arguments its schema does not describe or constrain, so whatever the model is talked into sending (paths outside a folder, internal URLs, shell fragments, SQL) reaches code that may not check it."
}

risk "error-disclosure" {
  title       = "Error disclosure"
  description = "Error responses reveal stack traces, internal file paths, private addresses or connection strings: a map of the system for an attacker, and credentials carried into the model's context and the client's logs."
}
