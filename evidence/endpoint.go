package evidence

// Authentication states of a probed endpoint.
const (
	EndpointAuthRequired = "required" // a request without credentials was refused (401/403)
	EndpointAuthNone     = "none"     // initialize succeeded without credentials
	EndpointAuthUnknown  = "unknown"  // unreachable, or answered neither way
)

// Outcomes of a request the probe sends that a well-behaved server refuses.
const (
	TestRejected  = "rejected"   // the server refused it, as the specification asks
	TestAccepted  = "accepted"   // the server served it
	TestNotTested = "not-tested" // no credential to try, unreachable, or refused for another reason first
)

// Origin validation outcomes.
const (
	OriginEnforced = "enforced" // a foreign Origin was refused
	OriginMissing  = "missing"  // a foreign Origin was served
)

// Endpoint is what a live probe of one MCP endpoint saw. Every field is an
// observation the probe made itself; nothing is copied from a configuration.
type Endpoint struct {
	Meta
	// URL is the endpoint probed, with credentials in its query redacted.
	URL string `json:"url"`
	// Server is the configured server name the endpoint was found under, when
	// the probe came from a collected configuration.
	Server string `json:"server,omitempty"`
	// Transport is streamable-http, sse, stdio or unknown.
	Transport string `json:"transport"`
	// Scheme, Host, Loopback and Private describe the URL (Host is empty for stdio).
	Scheme   string `json:"scheme,omitempty"`
	Host     string `json:"host,omitempty"`
	Loopback bool   `json:"loopback"`
	Private  bool   `json:"private"`
	// Reachable is true when the endpoint answered at the HTTP (or stdio) level.
	Reachable bool `json:"reachable"`
	// Error says why the probe could not complete, redacted.
	Error string `json:"error,omitempty"`
	// Credentials is true when the probe had a credential for the endpoint
	// (a --header, or a reference in the configuration resolved from the environment).
	Credentials bool `json:"credentials"`

	// TLSVersion is the negotiated TLS version ("1.2", "1.3"), for https.
	TLSVersion string `json:"tls_version,omitempty"`
	// TLSVerified is true when the certificate chain and host name verified.
	TLSVerified bool `json:"tls_verified"`
	// TLSError is why verification failed, when it did.
	TLSError string `json:"tls_error,omitempty"`
	// CertificateExpires is the leaf certificate's notAfter (RFC 3339).
	CertificateExpires string `json:"certificate_expires,omitempty"`
	// CertificateDaysLeft is the number of whole days until CertificateExpires
	// (negative once expired), as of the collection time.
	CertificateDaysLeft *int `json:"certificate_days_left,omitempty"`

	// Authentication is required, none or unknown: what an initialize
	// request without credentials got.
	Authentication string `json:"authentication"`
	// UnauthenticatedStatus is the HTTP status of that request.
	UnauthenticatedStatus int `json:"unauthenticated_status,omitempty"`
	// UnauthenticatedInit is true when initialize succeeded without credentials.
	UnauthenticatedInit bool `json:"unauthenticated_initialize"`
	// UnauthenticatedList is true when tools/list succeeded without credentials.
	UnauthenticatedList bool `json:"unauthenticated_tools_list"`
	// WWWAuthenticate is the challenge header of the 401 (redacted, capped).
	WWWAuthenticate string `json:"www_authenticate,omitempty"`
	// Challenge is the parsed Bearer challenge.
	Challenge *AuthChallenge `json:"challenge,omitempty"`
	// ResourceMetadata is true when an RFC 9728 protected-resource metadata
	// document was found and parsed.
	ResourceMetadata bool `json:"resource_metadata"`
	// ProtectedResource describes that document.
	ProtectedResource *ProtectedResource `json:"protected_resource,omitempty"`
	// AuthServerMetadata is true when metadata (RFC 8414 or OpenID discovery)
	// was found for every authorization server the resource names.
	AuthServerMetadata bool `json:"authorization_server_metadata"`
	// AuthorizationServers are the authorization servers the resource names.
	AuthorizationServers []AuthorizationServer `json:"authorization_servers,omitempty"`
	// PKCES256 is true when every authorization server advertises the S256
	// code challenge method.
	PKCES256 bool `json:"pkce_s256"`
	// DynamicClientRegistration is true when some authorization server offers
	// a registration endpoint (RFC 7591).
	DynamicClientRegistration bool `json:"dynamic_client_registration"`

	// QueryToken says whether the credential was accepted in the URL query
	// string (access_token=…) instead of the Authorization header.
	QueryToken string `json:"query_token"`
	// OriginValidation is enforced when a request with a foreign Origin header
	// was refused, missing when it was served, not-tested otherwise.
	OriginValidation string `json:"origin_validation"`
	// CORSAllowOrigin is the Access-Control-Allow-Origin the endpoint sent
	// to a foreign origin ("*", that origin echoed back, or empty).
	CORSAllowOrigin string `json:"cors_allow_origin,omitempty"`
	// CORSAllowCredentials is true when it also allowed credentials.
	CORSAllowCredentials bool `json:"cors_allow_credentials"`
	// Session describes the Mcp-Session-Id values the endpoint issued.
	Session *Session `json:"session,omitempty"`

	// ProtocolVersion is the negotiated MCP protocol version.
	ProtocolVersion string `json:"protocol_version,omitempty"`
	// ServerName and ServerVersion are the server's own serverInfo.
	ServerName    string `json:"server_name,omitempty"`
	ServerVersion string `json:"server_version,omitempty"`
	// Tools, Prompts and ResourceTemplates count what the server listed.
	Tools             int `json:"tools"`
	Prompts           int `json:"prompts"`
	ResourceTemplates int `json:"resource_templates"`

	// ErrorProbe is what a call of a tool that does not exist got back,
	// when the probe was asked to provoke an error (--probe-errors).
	ErrorProbe *ErrorProbe `json:"error_probe,omitempty"`
}

// Outcomes of the error probe.
const (
	ErrorOutcomeError     = "error"      // a JSON-RPC error response
	ErrorOutcomeToolError = "tool-error" // a tool result with isError set
	ErrorOutcomeHTTP      = "http-error" // an HTTP or transport failure instead of a JSON-RPC answer
	ErrorOutcomeResult    = "result"     // a successful result, for a tool that does not exist
	ErrorOutcomeNoAnswer  = "no-answer"  // no answer within the request timeout
)

// ErrorProbe is the answer to one tools/call for a tool name no server
// offers: the error path a client reaches, and what it discloses.
type ErrorProbe struct {
	// Tool is the tool name called.
	Tool string `json:"tool"`
	// Outcome is error, tool-error, http-error, result or no-answer.
	Outcome string `json:"outcome"`
	// Code is the JSON-RPC error code, or the HTTP status for http-error.
	Code int `json:"code,omitempty"`
	// Message is the error as received (message, data, result text or
	// response body), secrets redacted and cut to a readable length.
	Message string `json:"message,omitempty"`
	// Leaks are what the error discloses: stack-trace, file-path,
	// private-address, connection-string and credential matches, their
	// excerpts redacted.
	Leaks []TextMatch `json:"leaks,omitempty"`
}

// AuthChallenge is a parsed WWW-Authenticate challenge.
type AuthChallenge struct {
	// Scheme is the auth scheme, lower case ("bearer").
	Scheme string `json:"scheme"`
	// ResourceMetadata is the resource_metadata parameter (RFC 9728 §5.1).
	ResourceMetadata string `json:"resource_metadata,omitempty"`
	// Scope is the scope parameter.
	Scope string `json:"scope,omitempty"`
	// Error is the error parameter.
	Error string `json:"error,omitempty"`
}

// ProtectedResource is an RFC 9728 protected-resource metadata document.
type ProtectedResource struct {
	// URL is where the document was fetched.
	URL string `json:"url"`
	// DiscoveredVia is www-authenticate or well-known.
	DiscoveredVia string `json:"discovered_via"`
	// Resource is the document's resource identifier.
	Resource string `json:"resource,omitempty"`
	// ResourceMatches is true when Resource identifies the probed endpoint
	// (same origin and path, as RFC 9728 §3.3 requires).
	ResourceMatches bool `json:"resource_matches"`
	// AuthorizationServers are the issuers it names.
	AuthorizationServers []string `json:"authorization_servers,omitempty"`
	// ScopesSupported and BearerMethodsSupported are copied from the document.
	ScopesSupported        []string `json:"scopes_supported,omitempty"`
	BearerMethodsSupported []string `json:"bearer_methods_supported,omitempty"`
}

// AuthorizationServer is what the probe learnt about one authorization server.
type AuthorizationServer struct {
	// Issuer is the issuer identifier named by the resource.
	Issuer string `json:"issuer"`
	// MetadataURL is where metadata was found (empty when none was).
	MetadataURL string `json:"metadata_url,omitempty"`
	// Discovery is oauth (RFC 8414) or openid (OpenID Connect Discovery).
	Discovery string `json:"discovery,omitempty"`
	// IssuerMatches is true when the document's issuer equals Issuer.
	IssuerMatches bool `json:"issuer_matches"`
	// CodeChallengeMethods is code_challenge_methods_supported.
	CodeChallengeMethods []string `json:"code_challenge_methods_supported,omitempty"`
	// PKCES256 is true when S256 is among them.
	PKCES256 bool `json:"pkce_s256"`
	// DynamicClientRegistration is true when a registration_endpoint is offered.
	DynamicClientRegistration bool `json:"dynamic_client_registration"`
	// ClientIDMetadataDocuments is client_id_metadata_document_supported.
	ClientIDMetadataDocuments bool `json:"client_id_metadata_documents"`
	// HTTPSEndpoints is true when every endpoint the document names uses https
	// (or loopback http).
	HTTPSEndpoints bool `json:"https_endpoints"`
	// Error says why no usable metadata was found.
	Error string `json:"error,omitempty"`
}

// Session summarises the Mcp-Session-Id values an endpoint issued. The
// identifiers themselves are never kept.
type Session struct {
	// Issued is true when the endpoint issued a session id.
	Issued bool `json:"issued"`
	// Samples is how many ids were collected (one per initialize).
	Samples int `json:"samples"`
	// Length is the length of the shortest id.
	Length int `json:"length,omitempty"`
	// EntropyBits estimates the randomness of an id: the bits of its varying
	// part, given the alphabet it is drawn from.
	EntropyBits int `json:"entropy_bits,omitempty"`
	// Predictable is true when successive ids differ by a small counter step.
	Predictable bool `json:"predictable"`
	// InURL is true when the id travelled in a URL (an SSE endpoint event or
	// a redirect) rather than only in the Mcp-Session-Id header.
	InURL bool `json:"in_url"`
}
