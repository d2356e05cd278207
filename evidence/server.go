package evidence

// Transports a server may use.
const (
	TransportStdio          = "stdio"
	TransportStreamableHTTP = "streamable-http"
	TransportSSE            = "sse"
	TransportUnknown        = "unknown"
)

// Scopes a server declaration may have.
const (
	ScopeUser     = "user"     // a per-user config (home directory)
	ScopeProject  = "project"  // a file committed in a repository
	ScopeLocal    = "local"    // Claude Code per-project entry in ~/.claude.json
	ScopeManaged  = "managed"  // an administrator-managed config
	ScopeRegistry = "registry" // an MCP registry server.json
	ScopeBundle   = "bundle"   // an MCPB/DXT manifest
	ScopeGateway  = "gateway"  // a server declared behind a gateway, which is its client
)

// Server is one MCP server as declared in a client config or manifest.
type Server struct {
	Meta
	// Client is the client whose config declares the server: claude-desktop,
	// claude-code, cursor, vscode, windsurf, antigravity, cline, continue, zed,
	// gemini-cli, codex, mcp-registry, mcpb; for a server declared behind a
	// gateway, the gateway product (agentgateway, docker-mcp-gateway, …).
	Client string `json:"client"`
	// Format identifies the file format, e.g. "vscode/mcp.json" or "codex/config.toml".
	Format string `json:"format"`
	// Scope is user, project, local, managed, registry, bundle or gateway.
	Scope string `json:"scope"`
	// Transport is stdio, streamable-http, sse or unknown.
	Transport string `json:"transport"`
	// Disabled is true when the config turns the server off.
	Disabled bool `json:"disabled"`
	// Ignored is true when the entry sits where the client does not read it
	// (wrong root key, another client's shape); it is evidence, not a live server.
	Ignored bool `json:"ignored"`
	// IgnoredReason explains Ignored in words.
	IgnoredReason string `json:"ignored_reason,omitempty"`
	// UnknownKeys lists keys of the entry the client does not recognise (sorted).
	UnknownKeys []string `json:"unknown_keys,omitempty"`
	// Launch describes how a stdio server is started (nil for remote servers).
	Launch *Launch `json:"launch,omitempty"`
	// Remote describes a remote (HTTP/SSE) server (nil for stdio servers).
	Remote *Remote `json:"remote,omitempty"`
	// Env maps environment variable names to their classified values.
	Env map[string]Value `json:"env,omitempty"`
	// Auth is how the client authenticates to the server.
	Auth Auth `json:"auth"`
	// Approvals records human-in-the-loop settings.
	Approvals Approvals `json:"approvals"`
	// FilesystemRoots are directories handed to a filesystem-like server.
	FilesystemRoots []FSRoot `json:"filesystem_roots,omitempty"`
	// Manifest carries registry server.json and MCPB manifest facts.
	Manifest *Manifest `json:"manifest,omitempty"`
	// Archived is true when the package is a reference server that was moved
	// to the archived servers repository and is no longer maintained.
	Archived bool `json:"archived"`
	// CleartextURLs are URLs without TLS to hosts other than the machine
	// itself that the server is handed in its arguments or environment
	// (--server http://…, ODOO_URL=http://10.…): it connects there in the
	// clear.
	CleartextURLs []CleartextURL `json:"cleartext_urls,omitempty"`
}

// CleartextURL is a URL without TLS a server is handed.
type CleartextURL struct {
	// In says where the URL is handed over: "env.ODOO_URL", "args[3]" or
	// "--server" (the flag it is the value of).
	In string `json:"in"`
	// URL is the URL, credentials redacted.
	URL  string `json:"url"`
	Host string `json:"host"`
	Port int    `json:"port,omitempty"`
	// Private is true for RFC 1918, link-local and cluster-internal hosts.
	Private bool `json:"private"`
	// WithCredentials is true when the URL carries a credential, or the
	// server is given one (in its environment, arguments or headers), which
	// it presumably sends to that host.
	WithCredentials bool `json:"with_credentials"`
}

// Launch describes how a stdio server's process is started.
type Launch struct {
	// Command is the program, redacted where it embeds a secret.
	Command string `json:"command"`
	// Args are the arguments, each redacted where it is or carries a secret.
	Args []string `json:"args,omitempty"`
	// Cwd is the working directory, when set.
	Cwd string `json:"cwd,omitempty"`
	// Runner classifies the launcher: npx, uvx, uv, bunx, pipx, pnpm-dlx,
	// yarn-dlx, docker, podman, node, python, deno, bun, java, go, binary, shell.
	Runner string `json:"runner"`
	// ShellWrapper names a shell wrapper around the real command:
	// "bash -c", "sh -c", "cmd /c", "powershell -c", "wsl", "curl | sh" or "".
	ShellWrapper string `json:"shell_wrapper,omitempty"`
	// PipeToShell is true when a download is piped into a shell (curl … | sh).
	PipeToShell bool `json:"pipe_to_shell"`
	// AutoInstall is true when the runner installs without asking (npx -y, --yes).
	AutoInstall bool `json:"auto_install"`
	// Package is the package or image the runner fetches, when there is one.
	Package *Package `json:"package,omitempty"`
	// Container holds docker/podman run flags.
	Container *Container `json:"container,omitempty"`
	// SecretArgs are the arguments that carry a secret (by position).
	SecretArgs []SecretArg `json:"secret_args,omitempty"`
	// RelativeScript is true when the command runs a script by a relative path
	// (resolved against the working directory, which the repository controls).
	RelativeScript bool `json:"relative_script"`
}

// Pinning says how precisely a package or image version is fixed.
const (
	PinExact  = "exact"  // an exact version (1.2.3, ==1.2.3)
	PinRange  = "range"  // a range (^1.2, ~1, >=1)
	PinLatest = "latest" // the latest tag, explicitly
	PinNone   = "none"   // no version at all
	PinDigest = "digest" // a content digest (sha256:…)
	PinTag    = "tag"    // a container tag other than latest (mutable)
	PinLocal  = "local"  // a local path or file, nothing fetched
)

// Package is what a runner fetches and runs.
type Package struct {
	// Ecosystem is npm, pypi, oci, nuget, cargo, go, mcpb or unknown.
	Ecosystem string `json:"ecosystem"`
	Name      string `json:"name"`
	Version   string `json:"version,omitempty"`
	// Pinning is one of exact, range, latest, none, digest, tag, local.
	Pinning string `json:"pinning"`
	// Pinned is true for exact and digest pinning.
	Pinned bool `json:"pinned"`
	// Digest is the content digest when one is given (sha256:…).
	Digest string `json:"digest,omitempty"`
	// Registry is the registry host for images (docker.io, ghcr.io, …).
	Registry string `json:"registry,omitempty"`
}

// Container holds the security-relevant flags of a docker/podman run.
type Container struct {
	Image       string   `json:"image"`
	Privileged  bool     `json:"privileged"`
	Network     string   `json:"network,omitempty"` // value of --network/--net
	HostNetwork bool     `json:"host_network"`
	HostPID     bool     `json:"host_pid"`
	User        string   `json:"user,omitempty"`
	CapAdd      []string `json:"cap_add,omitempty"`
	// Mounts are bind mounts and volumes (-v, --mount, --volume).
	Mounts []Mount `json:"mounts,omitempty"`
	// DockerSocket is true when the Docker (or Podman) socket is mounted.
	DockerSocket bool `json:"docker_socket"`
	// Ports are published ports (-p) as given.
	Ports []PortBinding `json:"ports,omitempty"`
	// PublishedAllInterfaces is true when a port is published without a host IP
	// (so it listens on every interface).
	PublishedAllInterfaces bool `json:"published_all_interfaces"`
	// Env are -e/--env values passed on the command line, classified.
	Env map[string]Value `json:"env,omitempty"`
	// ReadOnlyRoot is true with --read-only.
	ReadOnlyRoot bool `json:"read_only_root"`
	// Remove is true with --rm.
	Remove bool `json:"remove"`
}

// Mount is one container mount.
type Mount struct {
	Source   string `json:"source"`
	Target   string `json:"target"`
	ReadOnly bool   `json:"read_only"`
	// HostPath is true when Source is a host path (a bind mount), not a named volume.
	HostPath bool `json:"host_path"`
	// Broad is true when Source is /, a home directory, or a dotfile directory.
	Broad bool `json:"broad"`
}

// PortBinding is one published port.
type PortBinding struct {
	HostIP        string `json:"host_ip,omitempty"`
	HostPort      string `json:"host_port,omitempty"`
	ContainerPort string `json:"container_port"`
}

// SecretArg is a command-line argument that carries a secret.
type SecretArg struct {
	// Index is the position in Launch.Args (-1 for the command itself).
	Index int `json:"index"`
	// Flag is the flag the value belongs to (--api-key, -e, …), when there is one.
	Flag string `json:"flag,omitempty"`
	// Value is the classified (redacted) secret.
	Value Value `json:"value"`
}

// Remote describes a remote MCP server.
type Remote struct {
	// URL is the endpoint with any secret userinfo or query values redacted.
	URL    string `json:"url"`
	Scheme string `json:"scheme"`
	Host   string `json:"host"`
	Port   int    `json:"port,omitempty"`
	Path   string `json:"path,omitempty"`
	// Loopback is true for localhost, 127.0.0.0/8 and ::1.
	Loopback bool `json:"loopback"`
	// Private is true for RFC 1918, link-local and cluster-internal hosts.
	Private bool `json:"private"`
	// Templated is true when the URL is built from references (${input:x}).
	Templated bool `json:"templated"`
	// Userinfo is the classified user:password part of the URL, when present.
	Userinfo *Value `json:"userinfo,omitempty"`
	// PathCredential is a credential written in the URL's path (a webhook
	// token, a key as a path segment), classified and redacted.
	PathCredential *Value `json:"path_credential,omitempty"`
	// Query maps URL query parameters to classified values.
	Query map[string]Value `json:"query,omitempty"`
	// Headers maps request header names to classified values.
	Headers map[string]Value `json:"headers,omitempty"`
	// ViaBridge is true when a local bridge (mcp-remote) connects to this URL.
	ViaBridge bool `json:"via_bridge"`
}

// Auth kinds.
const (
	AuthNone         = "none"          // no credentials and no OAuth support for this entry
	AuthStaticBearer = "static-bearer" // a bearer token in a header (literal or reference)
	AuthBasic        = "basic"         // HTTP basic credentials (header or URL userinfo)
	AuthAPIKey       = "api-key"       // a key in a custom header or query parameter
	AuthReference    = "reference"     // a token taken from the environment (bearer_token_env_var, …)
	AuthOAuth        = "oauth"         // OAuth configured explicitly
	AuthOAuthCapable = "oauth-capable" // no static credentials; the client does OAuth discovery
	AuthMTLS         = "mtls"          // client certificates
	AuthLocal        = "local"         // stdio: the process inherits the user's identity
)

// Auth is how a client authenticates to a server.
type Auth struct {
	// Kind is one of the Auth* constants.
	Kind string `json:"kind"`
	// Header is the header that carries the credential, when there is one.
	Header string `json:"header,omitempty"`
	// Value is the classified credential, when there is one.
	Value *Value `json:"value,omitempty"`
	// InQuery is true when a credential travels in the URL query string.
	InQuery bool `json:"in_query"`
	// Probed is what a live probe of the server's endpoint found (the
	// endpoint subject's authentication: required, none or unknown); absent
	// when the endpoint was not probed.
	Probed string `json:"probed,omitempty"`
}

// Approvals records human-in-the-loop settings for a server.
type Approvals struct {
	// AutoApprove lists tools that run without confirmation (Cline alwaysAllow/autoApprove, …).
	AutoApprove []string `json:"auto_approve,omitempty"`
	// AutoApproveAll is true when every tool runs without confirmation
	// (Gemini trust: true, Codex approval "auto", a "*" entry).
	AutoApproveAll bool `json:"auto_approve_all"`
	// Trust is the raw trust flag (Gemini CLI "trust").
	Trust bool `json:"trust"`
	// Mode is a client approval mode when set (Codex default_tools_approval_mode).
	Mode string `json:"mode,omitempty"`
	// IncludeTools / ExcludeTools are per-server tool allow and deny lists.
	IncludeTools []string `json:"include_tools,omitempty"`
	ExcludeTools []string `json:"exclude_tools,omitempty"`
}

// FSRoot is a filesystem directory a server is given.
type FSRoot struct {
	Path string `json:"path"`
	// Broad is true for /, a drive root, a home directory or a dotfile directory.
	Broad bool `json:"broad"`
	// Reason explains Broad: "root", "home", "dotfiles", "drive-root".
	Reason string `json:"reason,omitempty"`
}

// Manifest holds facts from an MCP registry server.json or MCPB manifest.json.
type Manifest struct {
	// Type is "server.json" or "mcpb".
	Type string `json:"type"`
	// SchemaVersion is the $schema date (server.json) or manifest_version (MCPB).
	SchemaVersion string `json:"schema_version,omitempty"`
	// PackageName is the registry name (reverse-DNS for server.json) or MCPB name.
	PackageName string `json:"package_name"`
	Version     string `json:"version,omitempty"`
	// ReverseDNSName is true when a server.json name is namespaced (io.github.user/name).
	ReverseDNSName bool `json:"reverse_dns_name"`
	// ExplicitVersion is true when the version is set and is not "latest".
	ExplicitVersion bool `json:"explicit_version"`
	// UnmarkedSecrets lists variables and headers that look like secrets but are
	// not marked isSecret (server.json) or sensitive (MCPB user_config).
	UnmarkedSecrets []string `json:"unmarked_secrets,omitempty"`
	// MissingFileSHA256 is true when an mcpb package lacks fileSha256.
	MissingFileSHA256 bool `json:"missing_file_sha256"`
	// SchemaErrors lists deviations from the format's schema (unknown or misspelt keys).
	SchemaErrors []string `json:"schema_errors,omitempty"`
	// PrivacyPolicies is the number of privacy policy URLs (MCPB).
	PrivacyPolicies int `json:"privacy_policies"`
	// Tools are the tool names the manifest declares.
	Tools []string `json:"tools,omitempty"`
}
