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
	// UnreadKeys are the top-level keys of a file dedicated to MCP servers
	// that its client does not read (another tool's shape, a "tools"
	// array): content that looks configured but is not (sorted).
	UnreadKeys []string `json:"unread_keys,omitempty"`
	// Credentials are the credentials written in the file outside the
	// server entries it declares (a model provider's API key, a prompted
	// input's default), classified and redacted.
	Credentials []Credential `json:"credentials,omitempty"`
}

// Credential is a credential written in a file outside any subject it
// declares.
type Credential struct {
	// Setting is where it is written: the path of keys and indexes
	// (models[0].apiKey).
	Setting string `json:"setting"`
	Line    int    `json:"line,omitempty"`
	// Value is the classified, redacted value.
	Value Value `json:"value"`
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

// Gateway is an MCP gateway or proxy and what it enforces, read from any
// product's configuration into one shape. Facts a configuration leaves to
// the product are filled with the product's documented default; facts the
// product has no setting for are absent (optional fields) rather than
// false, so controls can tell "turned off" from "not a feature here".
type Gateway struct {
	Meta
	// Product is agentgateway, docker-mcp-gateway, toolhive, contextforge,
	// litellm, kong, envoy-ai-gateway, kmcp, microsoft-mcp-gateway, nginx, …
	Product string `json:"product"`
	// Version is the product version the configuration pins (an image tag
	// or a declared version), when known.
	Version string `json:"version,omitempty"`
	// Partial is true when the file configures only part of a gateway (an
	// authorization policy, a permission profile), so facts it is silent on
	// (audit, rate limits, authentication) are not known from it.
	Partial bool `json:"partial"`
	// Image is the gateway's own container image, when the configuration
	// runs it in a container.
	Image *Package `json:"image,omitempty"`
	// Container is the posture of the gateway's own container.
	Container *Container `json:"container,omitempty"`
	// Listeners are the addresses clients reach the gateway at.
	Listeners []Listener `json:"listeners,omitempty"`
	// Authentication is how callers prove who they are to the gateway.
	Authentication GatewayAuthentication `json:"authentication"`
	// Authorization is what decides which caller may use which tool.
	Authorization GatewayAuthorization `json:"authorization"`
	// TokenPassthrough is true when the gateway forwards the client's own
	// token to upstream servers.
	TokenPassthrough bool `json:"token_passthrough"`
	// PassthroughHeaders are client request headers forwarded upstream.
	PassthroughHeaders []string `json:"passthrough_headers,omitempty"`
	// UpstreamAuth lists how the gateway authenticates to the servers behind
	// it: static, token-exchange, oauth-client, workload-identity, signed-jwt,
	// passthrough (sorted, distinct).
	UpstreamAuth []string `json:"upstream_auth,omitempty"`
	// UpstreamTLSUnverified is true when the gateway skips certificate
	// verification of upstream servers.
	UpstreamTLSUnverified bool `json:"upstream_tls_unverified"`
	// Audit says what the gateway records about tool calls.
	Audit GatewayAudit `json:"audit"`
	// RateLimit is true when requests are rate-limited.
	RateLimit bool `json:"rate_limit"`
	// CORSOrigins are the web origins allowed to call the gateway ("*": any).
	CORSOrigins []string `json:"cors_origins,omitempty"`
	// CORSCredentials is true when cross-origin requests may carry cookies
	// or authorization headers.
	CORSCredentials bool `json:"cors_credentials"`
	// DNSRebinding is true when the gateway validates the Host and Origin of
	// requests (DNS-rebinding protection, Origin validation, CSRF origin
	// checks).
	DNSRebinding bool `json:"dns_rebinding_protection"`
	// Egress is restricted, open or unknown: whether the servers behind the
	// gateway may connect anywhere.
	Egress string `json:"egress"`
	// SSRF is the guard on URLs the gateway itself fetches (upstream
	// servers, metadata), when the product has one.
	SSRF *GatewaySSRF `json:"ssrf,omitempty"`
	// SecretBlocking says whether secrets in tool arguments and results are
	// blocked; absent when the product has no such feature.
	SecretBlocking *bool `json:"secret_blocking,omitempty"`
	// SignatureVerify says whether server images are verified before they
	// run; absent when the product has no such feature.
	SignatureVerify *bool `json:"signature_verification,omitempty"`
	// Guardrails are the content filters the gateway runs on MCP traffic —
	// guardrail policies, filter plugins, interceptors, secret blocking —
	// as configured (disabled ones left out).
	Guardrails []GatewayGuardrail `json:"guardrails,omitempty"`
	// OutputFiltering says what inspects tool results before the model
	// reads them, on every MCP route: enforced (a filter that blocks or
	// rewrites), unknown (only hooks whose effect the configuration does not
	// show, or filters configured in a file not in view), monitor (only
	// filters that log), or none. Empty when not judged.
	OutputFiltering string `json:"output_filtering,omitempty"`
	// Debug is true when a debug or development mode is switched on.
	Debug bool `json:"debug"`
	// SecureCookies says whether session cookies are marked Secure; absent
	// when the gateway issues no cookies.
	SecureCookies *bool `json:"secure_cookies,omitempty"`
	// DefaultCredentials names settings left at a documented default
	// credential (an example password or signing key).
	DefaultCredentials []string `json:"default_credentials,omitempty"`
	// WeakSecretsRefused is true when the gateway is configured to refuse to
	// start with weak or default secrets.
	WeakSecretsRefused bool `json:"weak_secrets_refused"`
	// Credentials are the credentials written in the configuration (admin
	// passwords, signing keys, master keys, upstream tokens), by setting
	// name, classified and redacted.
	Credentials map[string]Value `json:"credentials,omitempty"`
	// ConfigErrors are settings the product rejects: with any of them it
	// refuses to load the configuration.
	ConfigErrors []string `json:"config_errors,omitempty"`
	// IgnoredSettings are settings written where the product does not read
	// them: they look configured but have no effect.
	IgnoredSettings []string `json:"ignored_settings,omitempty"`
	// MissingReferences are objects the configuration refers to that are not
	// among what was read (a ToolHive proxy's oidcConfigRef to an
	// MCPOIDCConfig that does not exist), as "field → Kind namespace/name":
	// the product does not start, or runs without, what they configure.
	MissingReferences []string `json:"missing_references,omitempty"`
	// Servers are the IDs of the server subjects the gateway fronts.
	Servers []string `json:"servers,omitempty"`
	// Env are environment values configured for the gateway, classified.
	Env map[string]Value `json:"env,omitempty"`
}

// Gateway authentication modes.
const (
	GatewayAuthRequired = "required" // every MCP request must authenticate
	GatewayAuthOptional = "optional" // credentials are checked when present; requests without one pass
	GatewayAuthNone     = "none"     // no authentication
	GatewayAuthUnknown  = "unknown"  // decided outside the assessed configuration (environment, another file)
	GatewayAuthLocal    = "local"    // no network listener: reached only over the standard I/O of the process that starts it
)

// GatewayAuthentication is how callers authenticate to a gateway.
type GatewayAuthentication struct {
	// Mode is required, optional, none, unknown or local.
	Mode string `json:"mode"`
	// Kinds are the mechanisms accepted: jwt, oauth, oidc, api-key, basic,
	// header-trust, mtls, service-account, external (sorted, distinct).
	Kinds []string `json:"kinds,omitempty"`
	// TokenValidation is true when bearer tokens from an identity provider
	// are validated (jwt, oauth, oidc, service-account), so issuers and
	// audiences apply.
	TokenValidation bool `json:"token_validation"`
	// Issuers are the accepted token issuers.
	Issuers []string `json:"issuers,omitempty"`
	// JWKS are the URLs signing keys are fetched from.
	JWKS []string `json:"jwks_urls,omitempty"`
	// Audiences are the accepted token audiences.
	Audiences []string `json:"audiences,omitempty"`
	// ResourceMetadata is true when RFC 9728 protected resource metadata is
	// served.
	ResourceMetadata bool `json:"resource_metadata"`
	// Resource is the canonical resource URI the metadata names.
	Resource string `json:"resource,omitempty"`
	// AudienceNotResource is true when a validated audience is not an
	// absolute URI naming the MCP resource (RFC 8707).
	AudienceNotResource bool `json:"audience_not_resource"`
	// InsecureKeySource is true when issuer or signing-key URLs are fetched
	// over plain HTTP from a host other than loopback.
	InsecureKeySource bool `json:"insecure_key_source"`
	// TokenInQuery is true when tokens are accepted in the URL query string.
	TokenInQuery bool `json:"token_in_query"`
	// TrustedHeader names a request header whose value the gateway takes as
	// the caller's identity without verifying it.
	TrustedHeader string `json:"trusted_header,omitempty"`
	// TokenExpiryMinutes is the lifetime of tokens the gateway issues (0:
	// not set or not applicable).
	TokenExpiryMinutes int `json:"token_expiry_minutes,omitempty"`
	// NonExpiringTokens is true when tokens without an expiry are accepted
	// or issued.
	NonExpiringTokens bool `json:"non_expiring_tokens"`
}

// GatewayAuthorization is what decides which caller may use which tool.
type GatewayAuthorization struct {
	// Kind is none, cel, cedar, opa, allow-list, rbac or external.
	Kind string `json:"kind"`
	// PerTool is true when decisions are made per tool.
	PerTool bool `json:"per_tool"`
	// PerCaller is true when decisions depend on who the caller is.
	PerCaller bool `json:"per_caller"`
	// ReadsClaims is true when rules decide on token claims.
	ReadsClaims bool `json:"reads_claims"`
	// Unrestricted lists grants every caller receives: a rule with no
	// condition on the caller, a server open to every key.
	Unrestricted []string `json:"unrestricted,omitempty"`
}

// GatewayAudit says what a gateway records about tool calls.
type GatewayAudit struct {
	// Enabled is true when tool calls are logged.
	Enabled bool `json:"enabled"`
	// Payloads is true when tool arguments or results are written to logs.
	Payloads bool `json:"payloads"`
	// Credentials is true when tokens or secrets may be written to logs
	// (debug-level request logging).
	Credentials bool `json:"credentials"`
	// Tracing is true when traces are exported.
	Tracing bool `json:"tracing"`
	// TraceExporter is where traces go: otlp, jaeger, zipkin, datadog, or
	// console and internal (the gateway's own store), which are not
	// exports; empty when the configuration does not say.
	TraceExporter string `json:"trace_exporter,omitempty"`
}

// Output filtering states of a gateway.
const (
	FilteringEnforced = "enforced"
	FilteringUnknown  = "unknown"
	FilteringMonitor  = "monitor"
	FilteringNone     = "none"
)

// Guardrail modes.
const (
	GuardrailEnforce = "enforce" // blocks or rewrites what it matches
	GuardrailMonitor = "monitor" // logs what it matches and lets it through
	GuardrailUnknown = "unknown" // runs code whose effect the configuration does not show
)

// GatewayGuardrail is one content filter a gateway runs on MCP traffic.
type GatewayGuardrail struct {
	// Name identifies it as configured: a plugin name, a policy
	// processor's target, an interceptor, a flag.
	Name string `json:"name"`
	// Kind is what it looks for: pii, secrets, prompt-injection,
	// moderation, deny-list, schema, malware, url, code, external (a policy
	// service whose checks the configuration does not show) or custom
	// (a script, container or webhook).
	Kind string `json:"kind"`
	// Requests and Responses say whether it inspects tool calls (their
	// arguments) and tool results.
	Requests  bool `json:"requests"`
	Responses bool `json:"responses"`
	// Mode is enforce, monitor or unknown.
	Mode string `json:"mode"`
	// FailOpen is true when traffic passes unfiltered while the filter is
	// down or fails.
	FailOpen bool `json:"fail_open"`
	// Scoped is true when it applies only to some MCP routes, servers or
	// tools of the gateway.
	Scoped bool `json:"scoped"`
}

// GatewaySSRF is a gateway's guard on the URLs it fetches itself.
type GatewaySSRF struct {
	// Protection is true when the guard is on.
	Protection bool `json:"protection"`
	// PrivateTargets is true when private-network addresses are allowed.
	PrivateTargets bool `json:"private_targets"`
	// Localhost is true when loopback addresses are allowed.
	Localhost bool `json:"localhost"`
}

// Listener exposures.
const (
	ExposureLoopback      = "loopback"       // reachable from the local host only
	ExposureInternal      = "internal"       // a container or cluster network only (not published)
	ExposureAllInterfaces = "all-interfaces" // bound or published on every interface of a host
	ExposureAddress       = "address"        // bound to one non-loopback address
	ExposurePublic        = "public"         // a load balancer, ingress or public cloud service
)

// Listener is one address a gateway listens on.
type Listener struct {
	// Bind is the address the socket is bound to ("0.0.0.0" for every
	// interface, "" when the configuration does not say).
	Bind string `json:"bind"`
	// Port is the port clients connect to: the published host port when the
	// gateway runs in a container whose port is published.
	Port int `json:"port,omitempty"`
	// TargetPort is the port inside the container, when it differs.
	TargetPort int `json:"target_port,omitempty"`
	// TLS is true when the listener terminates TLS.
	TLS bool `json:"tls"`
	// Loopback is true when only the local host can connect.
	Loopback bool `json:"loopback"`
	// Exposure is loopback, internal, all-interfaces, address or public.
	Exposure string `json:"exposure"`
	// Hosts are names clients reach the listener under: a compose service, a
	// Kubernetes service, a listener hostname.
	Hosts []string `json:"hosts,omitempty"`
	// Path is the MCP endpoint path, when known.
	Path string `json:"path,omitempty"`
	// Transport is the MCP transport served: streamable-http or sse (""
	// when both, or not known).
	Transport string `json:"transport,omitempty"`
}

// Workload is a Kubernetes workload running an MCP server or gateway: a
// Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob or Pod, or an
// MCP custom resource that the product's operator turns into one (a
// ToolHive MCPServer, a kmcp MCPServer). The same facts are read from
// manifests, rendered Helm charts, kustomizations and live clusters.
//
// Facts read from Helm values alone (Origin "helm-values", Partial true) are
// what the values say: a container fact the values do not set is omitted,
// never guessed, and controls judge only what is there.
type Workload struct {
	Meta
	// Object is Kind/name ("Deployment/github-mcp").
	Object    string `json:"object"`
	Namespace string `json:"namespace,omitempty"`
	// Origin is what the workload was read from: manifest, helm-chart,
	// helm-values, kustomization, cluster, or terraform (a kubernetes_*
	// resource of a Terraform module).
	Origin string `json:"origin"`
	// Partial is true when the facts come from Helm values without the
	// chart that renders them.
	Partial bool `json:"partial"`
	// Role is what the workload runs: server, gateway, or operator (an MCP
	// operator or controller that creates servers and gateways).
	Role string `json:"role"`
	// RecognizedBy says which rules marked the workload as MCP ("ToolHive
	// MCPServer", "image mcp/fetch", "label app.kubernetes.io/name=github-mcp").
	RecognizedBy []string `json:"recognized_by"`
	// Images are the images of every container, init containers included.
	Images     []Package      `json:"images,omitempty"`
	Containers []PodContainer `json:"containers,omitempty"`
	// HostNetwork, HostPID and HostIPC are the pod's host namespaces.
	HostNetwork bool `json:"host_network"`
	HostPID     bool `json:"host_pid"`
	HostIPC     bool `json:"host_ipc"`
	// HostPaths are the hostPath volumes mounted into the pod.
	HostPaths []HostPath `json:"host_paths,omitempty"`
	// ServiceAccount is the pod's service account name ("default" when the
	// pod names none; then DefaultServiceAccount is true).
	ServiceAccount        string `json:"service_account,omitempty"`
	DefaultServiceAccount bool   `json:"default_service_account"`
	// AutomountToken is true when the service account token is mounted
	// into the pod (the pod's setting, else the service account's, else
	// Kubernetes' default: mounted).
	AutomountToken bool `json:"automount_token"`
	// CloudIdentity lists the cloud workload identities bound to the pod
	// ("eks.amazonaws.com/role-arn" on its service account, …).
	CloudIdentity []string `json:"cloud_identity,omitempty"`
	// RBAC is what the service account may do in the API server.
	RBAC WorkloadRBAC `json:"rbac"`
	// Exposure is the widest way the pod is reachable: cluster-ip,
	// node-port, load-balancer or ingress ("" when no Service selects it).
	Exposure  string           `json:"exposure,omitempty"`
	Services  []ExposedService `json:"services,omitempty"`
	Ingresses []ExposedIngress `json:"ingresses,omitempty"`
	Network   WorkloadNetwork  `json:"network"`
	// GatewayAuthentication is the strongest authentication required by a
	// gateway subject that fronts the workload in the same source (a
	// ToolHive proxy with OIDC): required, optional or none.
	GatewayAuthentication string `json:"gateway_authentication"`
	// CommittedSecrets are the Secrets the pod uses whose values are
	// written in the same manifests (Secret data or stringData).
	CommittedSecrets []string `json:"committed_secrets,omitempty"`
}

// PodContainer is one container of a workload's pod, with its effective
// security settings (the container's own, else the pod's, else Kubernetes'
// default). Pointer facts are omitted when unknown (Helm values that do not
// set them).
type PodContainer struct {
	Name  string   `json:"name"`
	Init  bool     `json:"init"`
	Image *Package `json:"image,omitempty"`
	// Privileged is securityContext.privileged.
	Privileged *bool `json:"privileged,omitempty"`
	// RunAsNonRoot is true when the container must run as a non-root user
	// (runAsNonRoot, or a runAsUser other than 0).
	RunAsNonRoot *bool `json:"run_as_non_root,omitempty"`
	// AllowPrivilegeEscalation is true unless set to false (Kubernetes'
	// default), and always true for privileged containers.
	AllowPrivilegeEscalation *bool `json:"allow_privilege_escalation,omitempty"`
	ReadOnlyRootFS           *bool `json:"read_only_root_fs,omitempty"`
	// CapabilitiesDropAll is true when capabilities.drop holds ALL.
	CapabilitiesDropAll *bool `json:"capabilities_drop_all,omitempty"`
	// CapabilitiesAdded are capabilities.add, upper-case without CAP_.
	CapabilitiesAdded []string `json:"capabilities_added,omitempty"`
	// Seccomp is the effective seccomp profile type: RuntimeDefault,
	// Localhost, Unconfined, or unset.
	Seccomp string `json:"seccomp,omitempty"`
	// CPULimit and MemoryLimit say whether resources.limits sets them.
	CPULimit    *bool `json:"cpu_limit,omitempty"`
	MemoryLimit *bool `json:"memory_limit,omitempty"`
	// Env are the container's environment variables: literal values
	// classified like client config env, references to Secrets as
	// secret-reference.
	Env map[string]Value `json:"env,omitempty"`
	// SecretArgs are credentials passed on the command line.
	SecretArgs []SecretArg `json:"secret_args,omitempty"`
}

// HostPath is a hostPath volume mounted into a pod.
type HostPath struct {
	Path     string `json:"path"`
	ReadOnly bool   `json:"read_only"`
}

// WorkloadRBAC is what a workload's service account may do: the rules of
// every Role and ClusterRole bound to it (aggregated ClusterRoles
// resolved), and what they add up to.
type WorkloadRBAC struct {
	Rules []RBACRule `json:"rules,omitempty"`
	// Bindings are the bindings that grant the rules ("ClusterRoleBinding/x").
	Bindings []string `json:"bindings,omitempty"`
	// Unresolved are roles bound to the account that the source does not
	// define ("ClusterRole/custom"), so their rules are unknown.
	Unresolved   []string `json:"unresolved,omitempty"`
	ClusterAdmin bool     `json:"cluster_admin"`
	// Wildcard is true when a rule grants "*" verbs or resources.
	Wildcard bool `json:"wildcard"`
	// SecretsRead is true when the account may get, list or watch Secrets.
	SecretsRead bool `json:"secrets_read"`
	// PodsCreate is true when it may create pods or workloads that make
	// pods (Deployments, Jobs, …); PodsExec when it may exec or attach.
	PodsCreate bool `json:"pods_create"`
	PodsExec   bool `json:"pods_exec"`
	// Escalate, Bind and Impersonate are the RBAC verbs that let an
	// account grant itself more.
	Escalate    bool `json:"escalate"`
	Bind        bool `json:"bind"`
	Impersonate bool `json:"impersonate"`
}

// RBACRule is one rule granted to a workload's service account.
type RBACRule struct {
	APIGroups       []string `json:"api_groups,omitempty"`
	Resources       []string `json:"resources,omitempty"`
	ResourceNames   []string `json:"resource_names,omitempty"`
	NonResourceURLs []string `json:"non_resource_urls,omitempty"`
	Verbs           []string `json:"verbs"`
	// Role is the Role or ClusterRole the rule comes from, Binding the
	// binding that grants it, Scope "cluster" or the namespace.
	Role    string `json:"role"`
	Binding string `json:"binding"`
	Scope   string `json:"scope"`
}

// ExposedService is a Service that selects a workload's pods.
type ExposedService struct {
	Name string `json:"name"`
	// Type is ClusterIP, NodePort, LoadBalancer or ExternalName.
	Type  string `json:"type"`
	Ports []int  `json:"ports,omitempty"`
	// SourceRanges are loadBalancerSourceRanges (empty: any source).
	SourceRanges []string `json:"source_ranges,omitempty"`
	ExternalIPs  []string `json:"external_ips,omitempty"`
}

// ExposedIngress is an Ingress (or OpenShift Route) that routes to a
// Service of a workload.
type ExposedIngress struct {
	Name  string   `json:"name"`
	Kind  string   `json:"kind"` // Ingress or Route
	Hosts []string `json:"hosts,omitempty"`
	// TLS is true when every host it routes is covered by TLS.
	TLS bool `json:"tls"`
	// Auth names what authenticates requests at the ingress (an annotation
	// such as nginx.ingress.kubernetes.io/auth-url), "" when nothing does.
	Auth string `json:"auth"`
}

// WorkloadNetwork is what the NetworkPolicies selecting a workload's pods
// allow. IngressRestricted and EgressRestricted are omitted when unknown
// (Helm values that do not say).
type WorkloadNetwork struct {
	Policies []string `json:"policies,omitempty"`
	// IngressRestricted is true when a policy limits ingress and no rule
	// admits every source.
	IngressRestricted *bool `json:"ingress_restricted,omitempty"`
	// EgressRestricted is true when a policy limits egress and no rule
	// allows every destination (no "to", or 0.0.0.0/0 or ::/0).
	EgressRestricted *bool `json:"egress_restricted,omitempty"`
	// OpenEgress lists the rules that allow any destination.
	OpenEgress []string `json:"open_egress,omitempty"`
	// MetadataEgress is true when a policy explicitly allows egress to the
	// cloud instance metadata address 169.254.169.254.
	MetadataEgress bool `json:"metadata_egress"`
}
