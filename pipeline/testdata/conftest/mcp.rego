# The seven controls BenchmarkAssessFleetSubset judges, written as a conftest
# (Rego) policy over the same client configuration files, to compare the two
# tools on the same fleet (see the README's "Scale" section for the commands).
# It follows the controls' main rule, not every case they handle: Tollgate's
# controls also read other clients' shapes, expansions and gateways.
package main

import rego.v1

# Servers of every client configuration shape in the fleet.
servers[name] := s if {
	some name, s in input.mcpServers
	is_object(input.mcpServers)
}

servers[name] := s if {
	some s in input.mcpServers
	is_array(input.mcpServers)
	name := s.name
}

servers[name] := s if some name, s in input.servers

servers[name] := s if some name, s in input.mcp_servers

servers[name] := s if some name, s in input.context_servers

token_shapes := [
	`^sk-[A-Za-z0-9_-]{20,}`, `^sk-proj-[A-Za-z0-9_-]{20,}`, `^gh[pousr]_[A-Za-z0-9]{30,}`,
	`^xox[abpors]-[A-Za-z0-9-]{10,}`, `^AKIA[0-9A-Z]{16}`, `^glpat-[A-Za-z0-9_-]{20,}`,
]

secret_key(k) if regex.match(`(?i)(token|secret|password|passwd|api_?key|access_?key|private_?key|credential)`, k)

plaintext(v) if {
	is_string(v)
	not startswith(v, "${")
	some shape in token_shapes
	regex.match(shape, v)
}

plaintext_named(k, v) if {
	secret_key(k)
	is_string(v)
	v != ""
	not contains(v, "${")
	not startswith(v, "env:")
}

# MCP-SECRETS-01: no plaintext credentials in environment variables.
deny contains msg if {
	some name, s in servers
	some k, v in s.env
	plaintext(v)
	msg := sprintf("%s: env %s holds a plaintext credential", [name, k])
}

deny contains msg if {
	some name, s in servers
	some k, v in s.env
	not plaintext(v)
	plaintext_named(k, v)
	msg := sprintf("%s: env %s holds a literal value", [name, k])
}

# MCP-SECRETS-03: no credentials written into headers.
deny contains msg if {
	some name, s in servers
	some k, v in s.headers
	is_string(v)
	not contains(v, "${")
	regex.match(`(?i)^(authorization|x-api-key|api-key)$`, k)
	msg := sprintf("%s: header %s holds a literal credential", [name, k])
}

# MCP-SUPPLY-01 and MCP-SUPPLY-02: packages run by npx or uvx are pinned to a
# version, not to latest.
runner(cmd) if cmd in {"npx", "uvx", "pnpm", "bunx"}

deny contains msg if {
	some name, s in servers
	runner(s.command)
	pkgs := [a | some a in s.args; not startswith(a, "-")]
	count(pkgs) > 0
	a := pkgs[0]
	not pinned(a)
	msg := sprintf("%s: package %s is not pinned to a version", [name, a])
}

pinned(a) if {
	regex.match(`^(@[^/]+/)?[^@]+@[0-9][^@]*$`, a)
}

pinned(a) if {
	regex.match(`^[A-Za-z0-9_.-]+==[0-9][^=]*$`, a)
}

# MCP-SUPPLY-04: container images are pinned by digest.
deny contains msg if {
	some name, s in servers
	s.command == "docker"
	some a in s.args
	regex.match(`^[a-z0-9.-]+(/[a-z0-9._-]+)+(:[A-Za-z0-9._-]+)?$`, a)
	not contains(a, "@sha256:")
	msg := sprintf("%s: image %s is not pinned by digest", [name, a])
}

remote_url(s) := u if u := s.url

remote_url(s) := u if u := s.serverUrl

remote_url(s) := u if u := s.httpUrl

loopback(u) if regex.match(`^https?://(localhost|127\.0\.0\.1|\[::1\])(:[0-9]+)?(/|$)`, u)

# MCP-TRANSPORT-01: remote servers are reached over TLS.
deny contains msg if {
	some name, s in servers
	u := remote_url(s)
	startswith(u, "http://")
	not loopback(u)
	msg := sprintf("%s: %s is not encrypted", [name, u])
}

# MCP-AUTH-01: remote servers send a credential.
deny contains msg if {
	some name, s in servers
	u := remote_url(s)
	not loopback(u)
	not has_auth(s)
	msg := sprintf("%s: %s is reached without a credential", [name, u])
}

has_auth(s) if {
	some k, _ in s.headers
	regex.match(`(?i)^(authorization|x-api-key|api-key)$`, k)
}

has_auth(s) if s.oauth
