package evidence

// Source is one input file (or cluster) and how reading it went.
type Source struct {
	Meta
	// Format is the recognised format id (e.g. "cursor/mcp.json"), or "unknown".
	Format string `json:"format"`
	// Client is the client the format belongs to, when known.
	Client string `json:"client,omitempty"`
	// Status is one of the Status* constants.
	Status string `json:"status"`
	// Diagnostics are parse errors and warnings, each with a position.
	Diagnostics []Diagnostic `json:"diagnostics,omitempty"`
	// Servers is the number of live server declarations read from the source.
	Servers int `json:"servers"`
	// IgnoredEntries is the number of entries the client would ignore.
	IgnoredEntries int `json:"ignored_entries"`
	// Size is the artifact size in bytes.
	Size int64 `json:"size"`
	// JSONC is true when the file needed JSONC leniency (comments, trailing commas).
	JSONC bool `json:"jsonc"`
}

// Source statuses.
const (
	StatusOK          = "ok"
	StatusParseError  = "parse-error"  // malformed JSON/JSONC/YAML/TOML
	StatusSchemaError = "schema-error" // well-formed but not the expected shape
	StatusEmpty       = "empty"
	StatusBinary      = "binary"
	StatusTooLarge    = "too-large"
	StatusUnreadable  = "unreadable"
	StatusSymlinkLoop = "symlink-loop"
	// StatusSymlinkOutsideRoot marks a symbolic link whose target lies
	// outside the scanned folder; the target is not read.
	StatusSymlinkOutsideRoot = "symlink-outside-root"
	// StatusNotRegular marks a named pipe, socket, device or folder named
	// like a configuration file; it is not read.
	StatusNotRegular = "not-regular"
	// StatusUnsupported marks an MCP-related file this collector recognises but
	// another collector family reads (gateway configs, Kubernetes manifests).
	StatusUnsupported = "unsupported"
)

// Diagnostic is a problem found while reading a source.
type Diagnostic struct {
	Severity string `json:"severity"` // error | warning | info
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Column   int    `json:"column,omitempty"`
	Message  string `json:"message"`
}

// Gateway is an MCP gateway or proxy and what it enforces.
type Gateway struct {
	Meta
	// Product is agentgateway, docker-mcp-gateway, toolhive, kong, contextforge, …
	Product   string     `json:"product"`
	Listeners []Listener `json:"listeners,omitempty"`
	// Authentication is required, optional or none.
	Authentication string   `json:"authentication"`
	Issuers        []string `json:"issuers,omitempty"`
	Audiences      []string `json:"audiences,omitempty"`
	// ResourceMetadata is true when RFC 9728 protected resource metadata is served.
	ResourceMetadata bool `json:"resource_metadata"`
	// Authorization is true when a per-tool authorization policy is configured.
	Authorization    bool     `json:"authorization"`
	TokenPassthrough bool     `json:"token_passthrough"`
	CORSOrigins      []string `json:"cors_origins,omitempty"`
	RateLimit        bool     `json:"rate_limit"`
	AuditLog         bool     `json:"audit_log"`
	Tracing          bool     `json:"tracing"`
	DNSRebinding     bool     `json:"dns_rebinding_protection"`
	// Egress is restricted, open or unknown.
	Egress          string           `json:"egress"`
	SignatureVerify bool             `json:"signature_verification"`
	SecretBlocking  bool             `json:"secret_blocking"`
	Servers         []string         `json:"servers,omitempty"` // IDs of fronted servers
	Env             map[string]Value `json:"env,omitempty"`
}

// Listener is one address a gateway listens on.
type Listener struct {
	Bind     string `json:"bind"`
	Port     int    `json:"port,omitempty"`
	TLS      bool   `json:"tls"`
	Loopback bool   `json:"loopback"`
}

// Workload is a Kubernetes workload running an MCP server or gateway.
type Workload struct {
	Meta
	Object              string           `json:"object"` // Deployment/name
	Namespace           string           `json:"namespace,omitempty"`
	Images              []Package        `json:"images,omitempty"`
	Privileged          bool             `json:"privileged"`
	RunAsNonRoot        bool             `json:"run_as_non_root"`
	ReadOnlyRootFS      bool             `json:"read_only_root_fs"`
	AllowPrivEscalation bool             `json:"allow_privilege_escalation"`
	CapabilitiesDropAll bool             `json:"capabilities_drop_all"`
	ResourceLimits      bool             `json:"resource_limits"`
	HostNetwork         bool             `json:"host_network"`
	HostPID             bool             `json:"host_pid"`
	HostPaths           []string         `json:"host_paths,omitempty"`
	ServiceAccount      string           `json:"service_account,omitempty"`
	AutomountToken      bool             `json:"automount_token"`
	ClusterAdmin        bool             `json:"cluster_admin"`
	WildcardRBAC        bool             `json:"wildcard_rbac"`
	SecretAccess        bool             `json:"secret_access"`
	IngressRestricted   bool             `json:"ingress_restricted"`
	EgressRestricted    bool             `json:"egress_restricted"`
	Exposure            string           `json:"exposure,omitempty"` // cluster-ip, node-port, load-balancer, ingress
	IngressTLS          bool             `json:"ingress_tls"`
	Env                 map[string]Value `json:"env,omitempty"`
}

// Endpoint is what a live probe of an MCP endpoint saw.
type Endpoint struct {
	Meta
	URL                  string `json:"url"`
	TLSVersion           string `json:"tls_version,omitempty"`
	TLSVerified          bool   `json:"tls_verified"`
	UnauthenticatedInit  bool   `json:"unauthenticated_initialize"`
	UnauthenticatedList  bool   `json:"unauthenticated_tools_list"`
	WWWAuthenticate      string `json:"www_authenticate,omitempty"`
	ResourceMetadata     bool   `json:"resource_metadata"`
	AuthServerMetadata   bool   `json:"authorization_server_metadata"`
	RejectsForeignOrigin bool   `json:"rejects_foreign_origin"`
	SessionIDEntropyBits int    `json:"session_id_entropy_bits,omitempty"`
	Error                string `json:"error,omitempty"`
}

// Tool is one tool definition, from a live server or a snapshot.
type Tool struct {
	Meta
	Server       string         `json:"server"`
	Description  string         `json:"description,omitempty"`
	InputSchema  map[string]any `json:"input_schema,omitempty"`
	OutputSchema map[string]any `json:"output_schema,omitempty"`
	Annotations  map[string]any `json:"annotations,omitempty"`
	SHA256       string         `json:"sha256"`
	LockedSHA256 string         `json:"locked_sha256,omitempty"`
}
