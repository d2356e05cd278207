package pipeline

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/evidence"
)

// corpusDir is the shared corpus of real MCP configuration files, relative
// to this package. Its INDEX.md holds an expert's expected findings per file.
const corpusDir = "../../shared/corpus"

// corpusCase holds what the built-in catalog must conclude about one corpus
// file, judged over the file's own subjects: the servers it declares and its
// source subject.
type corpusCase struct {
	// file is the path relative to corpusDir.
	file string
	// status is the source status the file must have when it is not "ok"
	// (a file its product rejects is read as written, with a schema error).
	status string
	// mustFail are controls that must fail on at least one of the file's subjects.
	mustFail []string
	// mustNotFail are controls that must not fail on any of the file's subjects
	// (mostly what INDEX.md marks GOOD).
	mustNotFail []string
	// bugs are verdicts that are wrong today because of a defect outside the
	// catalog; see knownBug.
	bugs []knownBug
	// note maps INDEX.md's tags to controls and lists what is out of scope
	// (live probes, registry look-ups, collectors not built yet) or disputed.
	note string
}

// knownBug is a verdict on a file that is wrong today because of a defect
// outside the catalog (a collector or the engine). The test holds the wrong
// verdict so that the fix is noticed: once the verdict turns right, the test
// fails and asks for the entry to move into mustFail or mustNotFail.
type knownBug struct {
	control string
	// shouldFail is the right verdict: true when the control should fail on
	// the file and does not, false when it fails and should not.
	shouldFail bool
	// bug names the file at fault, the cause and the fix.
	bug string
}

// Notes shared by several files.
const (
	// Tollgate judges what a client runs: entries the client ignores get
	// MCP-CONFIG-02 and the secrets controls (a literal credential sits in the
	// file whether or not the server runs) and nothing else. Disabled entries
	// are judged like enabled ones, since one switch turns them on. INDEX.md
	// also lists findings on ignored entries; they are deliberately not
	// expected here.
	notJudgedNote = "Findings INDEX.md lists on ignored entries are not expected (see TestCorpusExpectations)."

	// unsupportedNote marks files recognised as MCP-related that no
	// collector of this version reads (status "unsupported"). Every corpus
	// file is read today, so no row carries it; it stays for the next
	// family recognised before its collector is built.
	unsupportedNote = "Read by a gateway/Kubernetes collector not built yet: source status unsupported, so MCP-CONFIG-01 must not call it unparseable."
)

// corpusCases is the expert reading of INDEX.md turned into control IDs.
//
// Tag → control mapping used below: SECRET_PLAINTEXT → MCP-SECRETS-01 (env),
// SECRET_IN_ARGS → 02, headers → 03, URL → 04, ENV_REF_NOT_EXPANDED → 05,
// SECRET_PLACEHOLDER_INLINE → 06; UNPINNED_PACKAGE → MCP-SUPPLY-01,
// LATEST_TAG → 02, NPX_AUTO_INSTALL → 03, IMAGE_UNPINNED → 04,
// SHELL_WRAPPER → 05, ARCHIVED_SERVER → 07, PROJECT_SCOPED_EXEC → 08;
// REMOTE_NO_TLS → MCP-TRANSPORT-01, SSE_DEPRECATED_TRANSPORT → 02,
// LOOPBACK_HTTP_NO_AUTH → 03; REMOTE_NO_AUTH → MCP-AUTH-01, STATIC_BEARER →
// 02, TOKEN_IN_QUERY → 03; DOCKER_PRIVILEGED → MCP-SANDBOX-01, host network →
// 02, DOCKER_SOCKET_MOUNT → 03, HOST_BIND_MOUNT_RW → 04,
// DOCKER_PORT_PUBLISH_ALL_IFACES → 05, BROAD_FS_ACCESS → 07; AUTO_APPROVE →
// MCP-CONSENT-01/02, approval modes → 03; SCHEMA_INVALID (parse) →
// MCP-CONFIG-01, NON_STANDARD_FORMAT / MISSING_TYPE (ignored entries) → 02,
// unknown keys → 03/04; registry hygiene → MCP-REGISTRY-01..05, MCPB → MCP-MCPB-01/02.
//
// Out of scope everywhere: NONEXISTENT_PACKAGE (needs a registry look-up),
// anything a live probe decides (Origin checks, OAuth metadata, what a
// server does), capability judgements (HIGH_PRIV_CAPABILITY, PERSONAL_DATA:
// the manual controls MCP-GOV-*), and URLs in a server's own env (a backend
// the server talks to, not the MCP transport).
var corpusCases = []corpusCase{
	// Gateways and clusters: collectors not built yet.
	{
		file:   "agentgateway/PrateekKumar1709__policyguard__agentgateway_config.yaml",
		status: evidence.StatusSchemaError,
		// agentgateway denies unknown fields, so it refuses this file: the
		// source is a schema error (MCP-CONFIG-01) and the gateway is still
		// judged as written. The "http" target is not an MCP target type, so
		// its server is an ignored entry and the plaintext upstream is not
		// judged.
		mustFail:    []string{"MCP-CONFIG-01", "MCP-GATEWAY-01", "MCP-GATEWAY-04", "MCP-GATEWAY-06", "MCP-GATEWAY-07", "MCP-GATEWAY-10", "MCP-CONFIG-02"},
		mustNotFail: []string{"MCP-GATEWAY-03"},
		note:        "SCHEMA_INVALID (rateLimit policy, http target) → CONFIG-01 at lines 29 and 44; NO_AUTHN → GATEWAY-01; CORS_WILDCARD → 07; no real rate limit → 06; port 3000 on all interfaces without TLS → 10. Plaintext upstream on the rejected target: ignored entry (CONFIG-02).",
	},
	{
		file:        "agentgateway/agentgateway__agentgateway__examples_mcp-basic_config.yaml",
		mustFail:    []string{"MCP-GATEWAY-01", "MCP-GATEWAY-07", "MCP-GATEWAY-08", "MCP-GATEWAY-10", "MCP-SUPPLY-01", "MCP-SUPPLY-03"},
		mustNotFail: []string{"MCP-CONFIG-01", "MCP-GATEWAY-03"},
		note:        "CORS_WILDCARD → GATEWAY-07; NO_AUTHN → 01; dnsRebindingProtection off by default → 08; port 3000 on all interfaces without TLS → 10; UNPINNED npx target → SUPPLY-01/03.",
	},
	{
		file: "docker-mcp-gateway/docker__compose-for-agents__agno_compose.yaml",
		// docker/mcp-gateway:latest is taken to be a current release, which
		// requires a bearer token in containers (from v0.43.1).
		mustFail:    []string{"MCP-GATEWAY-28", "MCP-GATEWAY-29"},
		mustNotFail: []string{"MCP-CONFIG-01", "MCP-GATEWAY-01", "MCP-GATEWAY-10", "MCP-GATEWAY-16", "MCP-GATEWAY-17"},
		note:        "LATEST_TAG → GATEWAY-29; use_api_socket (Docker API) → 28. The agents' port 7777 is not an MCP service. GOOD: secrets from a compose secret file; block-secrets and signature verification on by default; streaming on the compose network only (no published port).",
	},
	{
		file:        "docker-mcp-gateway/docker__mcp-gateway__examples_docker-in-docker_compose.yaml",
		mustFail:    []string{"MCP-GATEWAY-10", "MCP-GATEWAY-28", "MCP-GATEWAY-29", "MCP-GATEWAY-30"},
		mustNotFail: []string{"MCP-CONFIG-01"},
		note:        "DOCKER_PRIVILEGED → GATEWAY-28; NETWORK_EXPOSED_GATEWAY (8080 on all interfaces, no TLS) → 10; SSE_DEPRECATED_TRANSPORT → 30; mutable dind tag → 29. The dind tag is not a release number, so current authentication (a bearer token) is assumed; older releases served sse without one.",
	},
	{
		file: "toolhive/stacklok__toolhive__deploy_keycloak_mcpserver-with-auth.yaml",
		// The MCPServer is a workload run with the ToolHive operator's
		// security defaults (non-root, no escalation, read-only root), so
		// only capabilities and seccomp, which the operator leaves unset
		// outside OpenShift, fail. No NetworkPolicy: OPEN_EGRESS.
		mustFail:    []string{"MCP-WORKLOAD-10", "MCP-EXPOSURE-04", "MCP-WORKLOAD-07", "MCP-WORKLOAD-08", "MCP-GATEWAY-04", "MCP-GATEWAY-09", "MCP-GATEWAY-24"},
		mustNotFail: []string{"MCP-CONFIG-01", "MCP-WORKLOAD-04", "MCP-WORKLOAD-05", "MCP-WORKLOAD-06", "MCP-WORKLOAD-09", "MCP-WORKLOAD-11", "MCP-RBAC-01", "MCP-GATEWAY-01", "MCP-GATEWAY-02"},
		note:        "Image by tag 0.0.4: digest control only. INSECURE_OIDC_HTTP, no authz and the GOOD audience binding are gateway facts of the MCPOIDCConfig. Gateway (the ToolHive proxy): INSECURE_OIDC_HTTP → GATEWAY-24; builtin network profile → 09; no authz → 04; GOOD audience binding → 02 passes. The audience mcp-server is a client ID, not the MCP resource URI, so the stricter RFC 8707 check (21) fails too.",
	},
	{
		file:        "toolhive/stacklok__toolhive__examples_operator_mcp-servers_mcpserver_mkp.yaml",
		mustFail:    []string{"MCP-RBAC-01", "MCP-RBAC-02", "MCP-RBAC-03", "MCP-RBAC-04", "MCP-RBAC-05", "MCP-WORKLOAD-10", "MCP-WORKLOAD-11", "MCP-GATEWAY-01", "MCP-GATEWAY-04"},
		mustNotFail: []string{"MCP-CONFIG-01", "MCP-WORKLOAD-09", "MCP-WORKLOAD-15"},
		note:        "OVER_BROAD_RBAC: mkp-sa bound to cluster-admin fails every RBAC control. IMAGE_UNPINNED: no tag. NO_AUTHN/NO_AUTHZ are gateway facts. Gateway: NO_AUTHN (no oidcConfigRef: the proxy accepts every request) → GATEWAY-01; NO_AUTHZ → 04.",
	},
	{
		file: "kubernetes/IBM__mcp-context-forge__charts_mcp-stack_values.yaml",
		// Lone Helm values, read for what they say: the gateway image is
		// pinned by tag (GOOD: no latest), so only the digest control
		// fails; components with enabled: false (where INDEX.md's
		// LATEST_TAGs are) are not deployed and not judged. GOOD security
		// context of the gateway.
		// ContextForge authenticates MCP clients itself (AUTH_REQUIRED,
		// MCP_CLIENT_AUTH_ENABLED true), so its own Ingress is credited
		// (MCP-EXPOSURE-03 not applicable to it). The chart's Ingress also
		// routes /fast-time straight to the fast-time MCP server, which
		// runs without -auth-token: that path reaches an MCP server with
		// no authentication, and MCP-EXPOSURE-03 fails on it (see
		// TestCorpusContextForgeValuesCreditsTheGateway).
		mustFail:    []string{"MCP-WORKLOAD-10", "MCP-EXPOSURE-03", "MCP-GATEWAY-05", "MCP-GATEWAY-12", "MCP-GATEWAY-13"},
		mustNotFail: []string{"MCP-CONFIG-01", "MCP-WORKLOAD-11", "MCP-WORKLOAD-04", "MCP-WORKLOAD-05", "MCP-WORKLOAD-07", "MCP-EXPOSURE-02", "MCP-GATEWAY-01", "MCP-GATEWAY-10", "MCP-GATEWAY-22", "MCP-GATEWAY-29"},
		note:        "DEFAULT_CREDENTIALS, admin UI and security logging are gateway facts of the ContextForge settings. Gateway (ContextForge settings): DEFAULT_CREDENTIALS (changeme passwords, the example JWT_SECRET_KEY) → GATEWAY-12, in plaintext → 13; SECURITY_LOGGING_ENABLED false → 05. mcpFastTimeServer (ingress /fast-time, no -auth-token) → EXPOSURE-03. GOOD: AUTH_REQUIRED (01), ingress TLS (10), SSRF guard on (22), release tag v1.0.8 (29).",
	},
	{
		file: "kubernetes/microsoft__mcp-gateway__deployment_k8s_local-deployment.yml",
		// HARDCODED_SECRET_MANIFEST → 14; LATEST_TAG → 10, 11;
		// NO_SECURITY_CONTEXT → 04..08; BROAD_RBAC (create statefulsets,
		// pods) → RBAC-04; OPEN_EGRESS → EXPOSURE-04; gateway open on 8000
		// → EXPOSURE-05. SECRET_IN_ARGS is on Redis, which runs no MCP.
		mustFail: []string{"MCP-WORKLOAD-04", "MCP-WORKLOAD-05", "MCP-WORKLOAD-06", "MCP-WORKLOAD-07", "MCP-WORKLOAD-08",
			"MCP-WORKLOAD-09", "MCP-WORKLOAD-10", "MCP-WORKLOAD-11", "MCP-WORKLOAD-14", "MCP-RBAC-04", "MCP-EXPOSURE-04", "MCP-EXPOSURE-05",
			"MCP-GATEWAY-01", "MCP-GATEWAY-14", "MCP-GATEWAY-18", "MCP-GATEWAY-29"},
		mustNotFail: []string{"MCP-CONFIG-01", "MCP-WORKLOAD-01", "MCP-WORKLOAD-12", "MCP-WORKLOAD-13", "MCP-RBAC-01", "MCP-RBAC-03", "MCP-EXPOSURE-01",
			"MCP-GATEWAY-03", "MCP-GATEWAY-10"},
		note: "DEV_MODE (ASPNETCORE_ENVIRONMENT=Development) runs the development authentication handler: no authentication (GATEWAY-01), " +
			"identity and roles from the X-Dev-* request headers (14), debug mode (18); the gateway image is latest (29). " +
			"GOOD: the client's Authorization is not forwarded (03); the Service is cluster-internal (10).",
	},
	{
		file:        "agentgateway/agentgateway__agentgateway__examples_mcp-multiplex_config.yaml",
		mustFail:    []string{"MCP-GATEWAY-01", "MCP-GATEWAY-04", "MCP-GATEWAY-10", "MCP-SUPPLY-01", "MCP-SUPPLY-03"},
		mustNotFail: []string{"MCP-CONFIG-01", "MCP-GATEWAY-07"},
		note:        "NO_AUTHN → GATEWAY-01; NO_AUTHZ → 04; UNPINNED uvx/npx targets → SUPPLY-01/03 (the SDK constraint mcp<2 does not pin the server); no CORS policy (GOOD for non-browser clients).",
	},
	{
		file:     "agentgateway/tvprasad__dead-letter-oracle__agentgateway_config.yaml",
		status:   evidence.StatusSchemaError,
		mustFail: []string{"MCP-CONFIG-01", "MCP-GATEWAY-01", "MCP-GATEWAY-04", "MCP-GATEWAY-07"},
		note:     "SCHEMA_INVALID (route match, http backend) → CONFIG-01 at lines 33 and 44; CORS_WILDCARD → 07; NO_AUTHN → 01; NO_AUTHZ → 04. The PATH-resolved python target is an interpreter, not a package fetch.",
	},
	{
		file:        "contextforge/IBM__mcp-context-forge__charts_mcp-stack_profiles_ocp_values-pgo.yaml",
		mustFail:    []string{"MCP-WORKLOAD-11", "MCP-GATEWAY-12", "MCP-GATEWAY-16", "MCP-GATEWAY-22", "MCP-GATEWAY-29"},
		mustNotFail: []string{"MCP-CONFIG-01", "MCP-WORKLOAD-04", "MCP-WORKLOAD-05", "MCP-WORKLOAD-07", "MCP-WORKLOAD-09", "MCP-GATEWAY-01", "MCP-GATEWAY-10"},
		note:        "LATEST_TAG on the gateway image; GOOD runAsNonRoot, drop ALL, no escalation, limits. PAPER_CONTROLS, SSRF_PROTECTION_OFF and DEFAULT_CREDENTIALS are gateway facts of the ContextForge settings. Gateway (ContextForge settings): PAPER_CONTROLS: SecretsDetection permissive → secret blocking off (GATEWAY-16), every permissive plugin named in a warning; SSRF_ALLOW_PRIVATE_NETWORKS → 22; DEFAULT_CREDENTIALS changeme → 12 (REQUIRE_STRONG_SECRETS noted); gateway image latest → 29. GOOD: the Route re-encrypts TLS (10 passes).",
	},
	{
		file:     "contextforge/IBM__mcp-context-forge__docker-compose.sso.yml",
		status:   evidence.StatusSchemaError,
		mustFail: []string{"MCP-CONFIG-01", "MCP-GATEWAY-13", "MCP-GATEWAY-24"},
		note:     "A Compose override whose service has no image: invalid on its own (CONFIG-01 at line 10), its settings still read as ContextForge's. SECRET_PLAINTEXT (SSO_KEYCLOAK_CLIENT_SECRET) → GATEWAY-13; INSECURE_OIDC_HTTP (Keycloak over http) → 24. SSO_AUTO_CREATE_USERS and SSO_PRESERVE_ADMIN_AUTH are account-lifecycle choices, not judged.",
	},
	{
		file:        "docker-mcp-gateway/docker__compose-for-agents__langchaingo_compose.yaml",
		mustFail:    []string{"MCP-GATEWAY-10", "MCP-GATEWAY-28", "MCP-GATEWAY-29", "MCP-GATEWAY-30"},
		mustNotFail: []string{"MCP-CONFIG-01", "MCP-GATEWAY-04"},
		note:        "LATEST_TAG → GATEWAY-29; use_api_socket → 28; NETWORK_EXPOSED_GATEWAY (8811 on all interfaces, no TLS) → 10; SSE → 30. GOOD: --tools allow-list → 04 passes. With docker/mcp-gateway:latest taken as current, the gateway generates a bearer token (no MCP_GATEWAY_AUTH_TOKEN is set), so GATEWAY-01 passes; the app configured here connects without it.",
	},
	{
		file:        "docker-mcp-gateway/docker__mcp-gateway__examples_secrets_compose.yaml",
		mustFail:    []string{"MCP-GATEWAY-28", "MCP-GATEWAY-29"},
		mustNotFail: []string{"MCP-CONFIG-01", "MCP-GATEWAY-01", "MCP-GATEWAY-10", "MCP-GATEWAY-13"},
		note:        "DOCKER_SOCKET_MOUNT → GATEWAY-28; IMAGE_UNPINNED → 29. GOOD: stdio transport (no listener, authentication local), secrets from the Docker Desktop store or a mounted secret file.",
	},
	{
		file:        "kubernetes/Flux159__mcp-server-kubernetes__helm-chart_examples_secure-networkpolicy.yaml",
		mustFail:    []string{"MCP-WORKLOAD-17", "MCP-EXPOSURE-04", "MCP-WORKLOAD-11", "MCP-EXPOSURE-02"},
		mustNotFail: []string{"MCP-CONFIG-01", "MCP-EXPOSURE-05", "MCP-WORKLOAD-04", "MCP-WORKLOAD-05", "MCP-WORKLOAD-06", "MCP-WORKLOAD-07", "MCP-WORKLOAD-09"},
		note:        "AMBIENT_CLOUD_CREDENTIALS (169.254.169.254 allowed) → 17; OPEN_EGRESS (0.0.0.0/0) → EXPOSURE-04; LATEST_TAG → 11; GOOD ingress restriction → EXPOSURE-05 passes. Beyond INDEX.md: the enabled ingress has no tls (EXPOSURE-02).",
	},
	{
		file:        "kubernetes/kagent-dev__kmcp__helm_kmcp_values.yaml",
		mustFail:    []string{"MCP-WORKLOAD-10"},
		mustNotFail: []string{"MCP-CONFIG-01", "MCP-WORKLOAD-04", "MCP-WORKLOAD-05", "MCP-WORKLOAD-07", "MCP-WORKLOAD-08", "MCP-WORKLOAD-09", "MCP-WORKLOAD-11"},
		note:        "The kmcp controller, judged as an MCP operator. IMAGE_UNPINNED (no tag: the chart's appVersion) → 10, not 11. GOOD security context. The cluster-wide controller RBAC lives in the chart's templates, not in the values.",
	},
	{
		file: "litellm/BerriAI__litellm__litellm_proxy_example_config_yaml_builtin_mcp_config.yaml",
		// INDEX.md reads general_settings.debug as debug mode on; LiteLLM's
		// documentation turns debug logging on with --debug,
		// --detailed_debug or LITELLM_LOG and documents no debug key in
		// general_settings, so the key is a setting LiteLLM ignores
		// (GATEWAY-11), not debug mode (GATEWAY-18 passes).
		mustFail:    []string{"MCP-GATEWAY-11", "MCP-GATEWAY-12", "MCP-GATEWAY-13", "MCP-GATEWAY-10", "MCP-TRANSPORT-02"},
		mustNotFail: []string{"MCP-CONFIG-01", "MCP-SECRETS-01", "MCP-AUTH-01", "MCP-GATEWAY-01", "MCP-GATEWAY-18"},
		note:        "DEFAULT_CREDENTIALS (master_key sk-1234) → GATEWAY-12, in plaintext → 13; SSE_DEPRECATED_TRANSPORT (zapier, jira) → TRANSPORT-02; proxy on 0.0.0.0:4000 without TLS → GATEWAY-10. mcp_builtin_servers is read by releases with the built-in registry (info diagnostic). GOOD: upstream tokens by env_key (AUTH-01 passes), https remotes.",
	},
	{
		file:        "litellm/BerriAI__litellm__tests_mcp_tests_docs_snippets_config.yaml",
		mustFail:    []string{"MCP-GATEWAY-12", "MCP-GATEWAY-13", "MCP-GATEWAY-27"},
		mustNotFail: []string{"MCP-CONFIG-01", "MCP-AUTH-01", "MCP-TRANSPORT-01", "MCP-SECRETS-01"},
		note:        "DEFAULT_CREDENTIALS (master_key sk-1234) → GATEWAY-12/13; ALLOW_ALL_KEYS → 27 (a grant to every key). The {{PLACES_MCP_URL}} URL is a template placeholder: read as templated, so transport and authentication of the server are not judged. GOOD: provider key via os.environ/.",
	},
	{
		file:        "toolhive/stacklok__toolhive__examples_authz-config.json",
		mustFail:    []string{"MCP-GATEWAY-27"},
		mustNotFail: []string{"MCP-CONFIG-01", "MCP-GATEWAY-04", "MCP-GATEWAY-05", "MCP-GATEWAY-06", "MCP-GATEWAY-23", "MCP-GATEWAY-33", "MCP-GATEWAY-34"},
		note:        "A Cedar policy file alone is part of a gateway (partial): NO_AUTHZ for the three permits with no principal condition → GATEWAY-27; GOOD: calculator and translator restricted to the admin role claim, per-tool policy (04 passes). Audit, tracing, output filtering, rate limits and authentication live in the proxy's configuration, not here.",
	},
	{
		file:        "toolhive/stacklok__toolhive__examples_operator_mcp-servers_mcpserver_with_kubernetes_oidc.yaml",
		mustFail:    []string{"MCP-WORKLOAD-10", "MCP-WORKLOAD-11", "MCP-EXPOSURE-04", "MCP-GATEWAY-01", "MCP-GATEWAY-04", "MCP-GATEWAY-05", "MCP-GATEWAY-09", "MCP-GATEWAY-11"},
		mustNotFail: []string{"MCP-CONFIG-01", "MCP-WORKLOAD-09", "MCP-WORKLOAD-04"},
		note:        "IMAGE_UNPINNED: docker.io/mcp/fetch without a tag. OPEN_EGRESS: no NetworkPolicy (the builtin network profile is a gateway fact). SCHEMA_DRIFT, NO_AUTHZ, NO_AUDIT, the GOOD audience: gateway facts. Gateway: SCHEMA_DRIFT: the inline oidcConfig was removed from MCPServer and current operators drop it (GATEWAY-11), so the service-account authentication INDEX.md counts as GOOD is not in force (01); NO_AUTHZ → 04; NO_AUDIT → 05; builtin network profile → 09.",
	},

	// Claude Code.
	{
		file:        "claude-code/01Vishwa__Agentloop__.mcp.json",
		mustFail:    []string{"MCP-SECRETS-06", "MCP-SUPPLY-01", "MCP-SUPPLY-03"},
		mustNotFail: []string{"MCP-SECRETS-01", "MCP-CONFIG-01"},
		note:        "SECRET_PLACEHOLDER_INLINE, UNPINNED, NPX_AUTO_INSTALL. The placeholder is not a literal secret (SECRETS-01). NONEXISTENT_PACKAGE out of scope.",
	},
	{
		file: "claude-code/0X6C7879__aegissec__.mcp.json",
		// The url entry has no "type"; Claude Code's schema reads a typeless
		// entry as stdio, finds no command and drops it, so INDEX.md's
		// LOOPBACK_HTTP_NO_AUTH on it shows as MCP-CONFIG-02 (MISSING_TYPE),
		// not MCP-TRANSPORT-03.
		mustFail:    []string{"MCP-CONFIG-02", "MCP-CONFIG-03", "MCP-CONFIG-04"},
		mustNotFail: []string{"MCP-TRANSPORT-03", "MCP-CONFIG-01"},
		note:        "MISSING_TYPE → CONFIG-02; keys enabled/timeout_ms → CONFIG-03 (enabled is a switch) and CONFIG-04. " + notJudgedNote,
	},

	// Claude Desktop: its JSON file runs only stdio servers; remote servers
	// are added as connectors in the app ("Claude Desktop will not connect to
	// remote servers configured directly via claude_desktop_config.json").
	// INDEX.md's own NON_STANDARD_FORMAT agrees; its REMOTE_NO_TLS,
	// REMOTE_NO_AUTH and SSE findings on those url entries therefore show as
	// MCP-CONFIG-02 only.
	{
		file:        "claude-desktop/0x1D-1983__book-api-mcp-docker-compose-bundle__claude_desktop_config.json",
		mustFail:    []string{"MCP-CONFIG-02", "MCP-SUPPLY-02", "MCP-SUPPLY-04", "MCP-TRANSPORT-05"},
		mustNotFail: []string{"MCP-AUTH-01", "MCP-SANDBOX-01", "MCP-SANDBOX-05", "MCP-TRANSPORT-04"},
		note:        "DOCKER_LATEST_TAG → SUPPLY-02/04; NON_STANDARD_FORMAT → CONFIG-02. REMOTE_NO_AUTH is on the ignored url entry. The internal plaintext http://bookapi:8080 backend (docker -e) → TRANSPORT-05 (low); no credential goes with it, so not TRANSPORT-04.",
	},
	{
		file:        "claude-desktop/AKI-NANA__n3-frontend_vps__claude_desktop_config.json",
		mustFail:    []string{"MCP-SUPPLY-01", "MCP-SUPPLY-03"},
		mustNotFail: []string{"MCP-SANDBOX-07"},
		note:        "UNPINNED, NPX_AUTO_INSTALL. The filesystem root is one project directory, not a broad root (SANDBOX-07 targets /, home and dotfile directories). NONEXISTENT_PACKAGE out of scope.",
	},
	{
		file:        "claude-desktop/Adihamad__wikijs-mcp__claude_desktop_config.json",
		mustFail:    []string{"MCP-CONFIG-02"},
		mustNotFail: []string{"MCP-TRANSPORT-01", "MCP-AUTH-01", "MCP-TRANSPORT-02"},
		note:        "NON_STANDARD_FORMAT → CONFIG-02. REMOTE_NO_TLS, REMOTE_NO_AUTH, SSE are on the only entry, which Claude Desktop does not load. " + notJudgedNote,
	},

	// Cline.
	{
		file:        "cline/Areso__safe-ssh-mcp__cline_mcp_settings.json",
		mustNotFail: []string{"MCP-CONSENT-01", "MCP-CONSENT-02", "MCP-SECRETS-01", "MCP-SUPPLY-05"},
		note:        "GOOD: no autoApprove/alwaysAllow. HIGH_PRIV_CAPABILITY (SSH execution) is a capability judgement, out of scope.",
	},
	{
		file: "cline/datar-ai__py-mcp-mssql__cline_mcp_settings.json",
		// SECRETS-01 fires twice: MSSQL_PASSWORD on the enabled mssql entry
		// and BRAVE_API_KEY on a disabled one. SHELL_WRAPPER (cmd.exe /c),
		// ARCHIVED_SERVER (brave-search, puppeteer), UNPINNED and the
		// playwright/puppeteer auto-approvals are on disabled entries: Cline
		// turns those on with one switch in its UI, so they are judged like
		// enabled ones.
		mustFail:    []string{"MCP-SECRETS-01", "MCP-CONSENT-02", "MCP-SECRETS-05", "MCP-SUPPLY-01", "MCP-SUPPLY-03", "MCP-SUPPLY-05", "MCP-SUPPLY-07"},
		mustNotFail: []string{"MCP-CONSENT-01"},
		note:        "SECRET_PLAINTEXT x2 → SECRETS-01; AUTO_APPROVE → CONSENT-02; literal %PATH% → SECRETS-05; SHELL_WRAPPER → SUPPLY-05; ARCHIVED_SERVER → SUPPLY-07; UNPINNED → SUPPLY-01/03.",
	},

	// Codex.
	{
		file:     "codex/0spura__mcp-tracker__.codex_config.toml",
		mustFail: []string{"MCP-CONSENT-03"},
		note:     "default_tools_approval_mode = \"writes\" trusts server annotations → CONSENT-03.",
	},
	{
		file:     "codex/1764712542__dotfiles__.codex_config.toml",
		mustFail: []string{"MCP-SANDBOX-07", "MCP-SUPPLY-01", "MCP-SUPPLY-03"},
		// A user's Codex settings with no approval or sandbox override: the
		// client subject passes every client control.
		mustNotFail: []string{"MCP-CLIENT-01", "MCP-CLIENT-02", "MCP-CLIENT-03", "MCP-CLIENT-04"},
		note:        "BROAD_FS_ACCESS (home and dotfiles) → SANDBOX-07; UNPINNED, NPX_AUTO_INSTALL.",
	},

	// Continue.
	{
		file:        "continue/AbdellahiWavi__Serveur-MCP__.continue_config.yaml",
		mustFail:    []string{"MCP-SUPPLY-08"},
		mustNotFail: []string{"MCP-SECRETS-01"},
		note:        "Relative network_server.py from a cwd in a project config → SUPPLY-08. Network-scanning capability out of scope.",
	},
	{
		file:     "continue/dianlight__srat__.continue_mcpServers_playwright-mcp.yaml",
		mustFail: []string{"MCP-SUPPLY-01", "MCP-SUPPLY-03"},
		note:     "UNPINNED + auto-install (bunx -y).",
	},

	// Cursor.
	{
		file: "cursor/0-ft__minhome__.cursor_mcp.json",
		// Cursor would run OAuth discovery if the server asked, but a local
		// HTTP server with no configured credential is treated as
		// unauthenticated by MCP-TRANSPORT-03.
		mustFail:    []string{"MCP-TRANSPORT-03"},
		mustNotFail: []string{"MCP-TRANSPORT-01", "MCP-AUTH-01"},
		note:        "LOOPBACK_HTTP_NO_AUTH → TRANSPORT-03. Loopback is exempt from TLS and remote-auth controls. Origin/Host validation needs a live probe.",
	},
	{
		file:     "cursor/0xJacky__nginx-ui__.cursor_mcp.json",
		mustFail: []string{"MCP-SUPPLY-01", "MCP-SUPPLY-02", "MCP-SUPPLY-03"},
		note:     "LATEST_TAG (@eslint/mcp@latest); UNPINNED + NPX_AUTO_INSTALL (npx -y context7). `npx @eslint/mcp@latest` without -y also installs without asking: npm assumes --yes when stdin is not a terminal.",
	},

	// Gemini CLI.
	{
		file:        "gemini-cli/1natsu172__dotfiles__.gemini_settings.json",
		mustNotFail: []string{"MCP-AUTH-01", "MCP-TRANSPORT-01", "MCP-AUTH-02", "MCP-CONFIG-01"},
		note:        "Negative control: https Streamable HTTP with OAuth discovery.",
	},
	{
		file:     "gemini-cli/AHartTN__Hartonomous__.gemini_settings.json",
		mustFail: []string{"MCP-SECRETS-01", "MCP-SUPPLY-01", "MCP-SUPPLY-03", "MCP-TRANSPORT-04", "MCP-TRANSPORT-05"},
		// INDEX.md's REMOTE_NO_TLS is about QDRANT_URL / EMBEDDING_BASE_URL
		// in the servers' env: backends the servers call, not MCP transports,
		// so MCP-TRANSPORT-01 (which judges remote MCP servers) does not
		// apply; the servers are handed those URLs next to their API keys.
		mustNotFail: []string{"MCP-TRANSPORT-01"},
		note:        "SECRET_PLAINTEXT_WEAK x2 → SECRETS-01; UNPINNED npx -y. REMOTE_NO_TLS (LAN cleartext backends in env, next to the API keys) → TRANSPORT-04 and -05.",
	},

	// MCP registry server.json.
	{
		file:        "mcp-registry-server-json/0-draft__mcp-opa__server.json",
		mustFail:    []string{"MCP-SUPPLY-04"},
		mustNotFail: []string{"MCP-REGISTRY-01", "MCP-REGISTRY-02", "MCP-REGISTRY-03", "MCP-REGISTRY-05", "MCP-SECRETS-01"},
		note:        "GOOD: isSecret marked, version pinned, namespaced. OCI image by tag, not digest → SUPPLY-04. The opt-in network builtins (SSRF) need the server's behaviour, out of scope.",
	},
	{
		file:     "mcp-registry-server-json/10205236__rundeck-mcp__server.json",
		mustFail: []string{"MCP-REGISTRY-01", "MCP-REGISTRY-03", "MCP-REGISTRY-05"},
		// A registry manifest publishes a package; how a client installs it
		// (uvx always fetches) is not the manifest's doing.
		mustNotFail: []string{"MCP-SUPPLY-01", "MCP-SUPPLY-03", "MCP-REGISTRY-02"},
		note:        "SECRET_NOT_MARKED → REGISTRY-01; SCHEMA_INVALID (name, required vs isRequired) → REGISTRY-03/05. --enable-write-tools and RUNDECK_SSL_VERIFY are least-privilege judgements, out of scope.",
	},

	// MCPB manifests.
	{
		file: "mcpb-manifest/modelcontextprotocol__mcpb__examples_file-system-node_manifest.json",
		// INDEX.md calls this a negative control. MCP-MCPB-02 is an info-level
		// prompt that fails on every bundle without privacy_policies, because
		// a manifest cannot show whether a bundle is local-only; the catalog
		// expects a waiver for local bundles. That disagreement is deliberate.
		mustFail:    []string{"MCP-MCPB-02"},
		mustNotFail: []string{"MCP-MCPB-01", "MCP-SANDBOX-07", "MCP-SUPPLY-01", "MCP-SECRETS-01"},
		note:        "GOOD: directories chosen by the user. Negative control apart from the MCPB-02 review prompt.",
	},
	{
		file:        "mcpb-manifest/sandraschi__tapo-camera-mcp__manifest.json",
		mustFail:    []string{"MCP-MCPB-02"},
		mustNotFail: []string{"MCP-MCPB-01", "MCP-SECRETS-01"},
		note:        "GOOD: password sensitive (MCPB-01). MISSING_PRIVACY_POLICIES → MCPB-02. PERSONAL_DATA is the manual MCP-GOV-05; the username is not a credential.",
	},

	// VS Code.
	{
		file:        "vscode/0GiS0__home-assistant-mcp__.vscode_mcp.json",
		mustFail:    []string{"MCP-AUTH-02", "MCP-TRANSPORT-02"},
		mustNotFail: []string{"MCP-SECRETS-01", "MCP-SECRETS-03", "MCP-SECRETS-04", "MCP-SECRETS-05", "MCP-CONFIG-01"},
		note:        "GOOD: ${input:} token (password input) is not plaintext. STATIC_BEARER → AUTH-02; SSE path under type http → TRANSPORT-02; JSONC parses.",
	},
	{
		file: "vscode/12Knocksinna__Office365itpros__.vscode_mcp.json",
		// INDEX.md tags only LATEST_TAG; npx without -y installs without asking too.
		mustFail: []string{"MCP-SUPPLY-01", "MCP-SUPPLY-02", "MCP-SUPPLY-03"},
		note:     "LATEST_TAG → SUPPLY-01/02; npx installs without asking → SUPPLY-03.",
	},
	{
		file: "vscode/220631948__cape-connect__.vscode_mcp.json",
		// VS Code reads servers only from "servers" in .vscode/mcp.json (its
		// MCP configuration reference); "mcpServers" belongs to other
		// clients' files. INDEX.md agrees (only Sentry is loaded), so its
		// UNPINNED, LATEST_TAG and SSE findings on the ten ignored entries
		// show as MCP-CONFIG-02.
		mustFail:    []string{"MCP-CONFIG-02"},
		mustNotFail: []string{"MCP-SECRETS-01", "MCP-SECRETS-03", "MCP-AUTH-01", "MCP-TRANSPORT-01"},
		note:        "NON_STANDARD_FORMAT → CONFIG-02 x10; GOOD: ${input:} secrets; Sentry (https, OAuth) passes. NO_READ_ONLY_SCOPE and USER_SUPPLIED_URL out of scope. " + notJudgedNote,
	},

	// Windsurf / Antigravity.
	{
		file:     "windsurf/Abdelghany-Elsiesy__InsightfulPipe-MCP-Antigravity-Setup__mcp_config.json",
		mustFail: []string{"MCP-SUPPLY-01", "MCP-SUPPLY-03"},
		// The bridge target is https and the bridge runs OAuth.
		mustNotFail: []string{"MCP-TRANSPORT-01", "MCP-AUTH-01"},
		note:        "UNPINNED mcp-remote bridge → SUPPLY-01 (the CVE-2025-6514 version range needs the resolved version, out of scope).",
	},
	{
		file: "windsurf/brandon-powers__dotfiles__.codeium_windsurf_mcp_config.json",
		// Windsurf documents serverUrl for remote servers; a "url" entry (the
		// Cursor spelling) does not connect, as INDEX.md's FORMAT_NOTE
		// suspects. Its LOOPBACK_HTTP_NO_AUTH and SSE findings therefore
		// show as MCP-CONFIG-02.
		mustFail:    []string{"MCP-CONFIG-02", "MCP-SANDBOX-05", "MCP-SUPPLY-02", "MCP-SUPPLY-04"},
		mustNotFail: []string{"MCP-TRANSPORT-03", "MCP-TRANSPORT-02"},
		note:        "DOCKER_LATEST_TAG → SUPPLY-02/04; -p 8080:8080 → SANDBOX-05. " + notJudgedNote,
	},

	// Zed.
	{
		file:     "zed/0xc1x__fudi__.zed_settings.json",
		mustFail: []string{"MCP-SUPPLY-08"},
		// INDEX.md: the https docs server without auth is fine (Zed runs
		// MCP OAuth discovery for a remote server with no Authorization header).
		mustNotFail: []string{"MCP-AUTH-01"},
		note:        "PROJECT_SCOPED_EXEC → SUPPLY-08 (node .ai/mcp/launchers/*.mjs). Credentials inside the launchers are not visible statically.",
	},
}

// corpusRun is the assessment of the whole corpus, shared by the tests here.
type corpusRun struct {
	results *assess.Results
	// subjects are the subjects by ID.
	subjects map[string]evidence.Subject
	// byFile holds, per corpus file, every evaluation of its subjects.
	byFile map[string][]fileEval
	// sources are the source subjects by file.
	sources map[string]*evidence.Source
}

// fileEval is one evaluation with the subject it judged.
type fileEval struct {
	assess.Evaluation
	subject *evidence.Meta
}

var (
	corpusOnce   sync.Once
	corpusResult *corpusRun
	corpusErr    error
)

// assessCorpus collects and evaluates the corpus once, or skips the test
// when the corpus is absent.
func assessCorpus(t *testing.T) *corpusRun {
	t.Helper()
	if _, err := os.Stat(filepath.Join(corpusDir, "INDEX.md")); err != nil {
		t.Skipf("corpus not present at %s", corpusDir)
	}
	corpusOnce.Do(func() {
		ctx := context.Background()
		now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		b, err := Collect(ctx, collectors.Request{Paths: []string{corpusDir}, Now: now, Version: "test"})
		if err != nil {
			corpusErr = err
			return
		}
		r, err := Evaluate(ctx, b, EvaluateOptions{Now: now, Version: "test"})
		if err != nil {
			corpusErr = err
			return
		}
		run := &corpusRun{results: r, subjects: map[string]evidence.Subject{}, byFile: map[string][]fileEval{}, sources: map[string]*evidence.Source{}}
		for _, s := range r.Subjects {
			run.subjects[s.Metadata().ID] = s
			if src, ok := s.(*evidence.Source); ok {
				run.sources[src.Provenance.File] = src
			}
		}
		for _, cr := range r.Controls {
			for _, e := range cr.Evaluations {
				s := run.subjects[e.SubjectID]
				if s == nil {
					continue
				}
				m := s.Metadata()
				run.byFile[m.Provenance.File] = append(run.byFile[m.Provenance.File], fileEval{e, m})
			}
		}
		corpusResult = run
	})
	if corpusErr != nil {
		t.Fatalf("assess corpus: %v", corpusErr)
	}
	return corpusResult
}

// failing returns the controls that fail on the file's subjects.
func (c *corpusRun) failing(file string) map[string]bool {
	out := map[string]bool{}
	for _, e := range c.byFile[file] {
		if e.Verdict == assess.VerdictFail {
			out[e.ControlID] = true
		}
	}
	return out
}

// describeFailures lists the failures on a file, one per line, for messages.
func (c *corpusRun) describeFailures(file string) string {
	var lines []string
	for _, e := range c.byFile[file] {
		if e.Verdict == assess.VerdictFail {
			lines = append(lines, fmt.Sprintf("  %s on %s: %s", e.ControlID, e.subject.Name, e.Message))
		}
	}
	if len(lines) == 0 {
		return "  (no control fails)"
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// TestCorpusExpectations holds the per-file expectations of corpusCases.
//
// One policy of the catalog accounts for most differences from INDEX.md: an
// entry the client ignores (wrong key, missing type, a url entry where the
// client wants another key) is reported by MCP-CONFIG-02 and otherwise only
// by the secrets controls, because the client never runs it. Disabled
// entries, which one switch turns on, are judged like enabled ones.
func TestCorpusExpectations(t *testing.T) {
	run := assessCorpus(t)
	known := map[string]bool{}
	for _, cr := range run.results.Controls {
		known[cr.Control.ID] = true
	}
	for _, tc := range corpusCases {
		t.Run(tc.file, func(t *testing.T) {
			for _, id := range slices.Concat(tc.mustFail, tc.mustNotFail) {
				if !known[id] {
					t.Errorf("expectation names %s, which is not in the catalog", id)
				}
			}
			if run.sources[tc.file] == nil {
				t.Fatalf("no source subject for %s (note: %s)", tc.file, tc.note)
			}
			got := run.failing(tc.file)
			var problems []string
			for _, id := range tc.mustFail {
				if !got[id] {
					problems = append(problems, id+" should fail and does not")
				}
			}
			for _, id := range tc.mustNotFail {
				if got[id] {
					problems = append(problems, id+" fails and should not")
				}
			}
			for _, b := range tc.bugs {
				if !known[b.control] || slices.Contains(tc.mustFail, b.control) || slices.Contains(tc.mustNotFail, b.control) {
					problems = append(problems, "known bug names "+b.control+", which is not in the catalog or is also in mustFail/mustNotFail")
				}
				if got[b.control] == b.shouldFail {
					verdict := map[bool]string{true: "mustFail", false: "mustNotFail"}[b.shouldFail]
					problems = append(problems, fmt.Sprintf("%s now gives the right verdict: the known bug looks fixed; move it to %s (bug was: %s)", b.control, verdict, b.bug))
				}
			}
			if len(problems) > 0 {
				t.Errorf("%s:\n  %s\nfailing controls on this file:\n%s\nnote: %s",
					tc.file, strings.Join(problems, "\n  "), run.describeFailures(tc.file), tc.note)
			}
		})
	}
}

// TestCorpusTableCoversCorpus checks that every corpus file has a row and
// every row names a corpus file, so new corpus files get expectations.
func TestCorpusTableCoversCorpus(t *testing.T) {
	assessCorpus(t)
	rows := map[string]bool{}
	for _, tc := range corpusCases {
		if rows[tc.file] {
			t.Errorf("%s has two rows", tc.file)
		}
		rows[tc.file] = true
	}
	onDisk := map[string]bool{}
	err := filepath.WalkDir(corpusDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(corpusDir, path)
		if err != nil {
			return err
		}
		if rel = filepath.ToSlash(rel); rel != "INDEX.md" {
			onDisk[rel] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for f := range onDisk {
		if !rows[f] {
			t.Errorf("corpus file %s has no row in corpusCases", f)
		}
	}
	for f := range rows {
		if !onDisk[f] {
			t.Errorf("corpusCases row %s names no corpus file", f)
		}
	}
}

// explainedErrors lists error verdicts over the corpus that are expected,
// keyed by control ID and file, with the reason. It is empty: no corpus
// file leaves the evidence a control needs missing (files their product
// rejects are judged as written).
var explainedErrors = map[[2]string]string{}

// TestCorpusNoUnexplainedErrors checks that no evaluation over the corpus
// has verdict error unless explainedErrors says why, and that every
// explanation is still needed.
func TestCorpusNoUnexplainedErrors(t *testing.T) {
	run := assessCorpus(t)
	seen := map[[2]string]bool{}
	for file, evals := range run.byFile {
		for _, e := range evals {
			if e.Verdict != assess.VerdictError {
				continue
			}
			key := [2]string{e.ControlID, file}
			seen[key] = true
			if _, ok := explainedErrors[key]; !ok {
				t.Errorf("%s on %s (%s): unexplained error: %s %v", e.ControlID, e.subject.Name, file, e.Message, e.Reasons)
			}
		}
	}
	for key, why := range explainedErrors {
		if !seen[key] {
			t.Errorf("explained error %s on %s no longer occurs (%s): remove it", key[0], key[1], why)
		}
	}
	if n := run.results.Counts.Error; n > 0 && len(seen) == 0 {
		t.Errorf("results count %d errors, none of them on a corpus file's subject", n)
	}
}

// TestCorpusEveryClientConfigIsJudged checks that each corpus file read has
// the status its row expects and yields at least one evaluation of a server
// or gateway it declares (so no file is silently dropped), and that files
// left to other collectors say so.
func TestCorpusEveryClientConfigIsJudged(t *testing.T) {
	run := assessCorpus(t)
	notes, statuses := map[string]string{}, map[string]string{}
	for _, tc := range corpusCases {
		notes[tc.file] = tc.note
		statuses[tc.file] = tc.status
	}
	for file, src := range run.sources {
		if unsupported := src.Status == evidence.StatusUnsupported; unsupported != strings.HasPrefix(notes[file], unsupportedNote) {
			t.Errorf("%s: status %s, but its corpusCases note says otherwise: %q", file, src.Status, notes[file])
		}
		want := statuses[file]
		if want == "" {
			want = evidence.StatusOK
		}
		switch {
		case src.Status == evidence.StatusUnsupported:
			continue
		case src.Status != want:
			t.Errorf("%s: status %s (diagnostics %v), want %s", file, src.Status, src.Diagnostics, want)
			continue
		}
		judged := false
		for _, e := range run.byFile[file] {
			if e.subject.Kind != evidence.KindSource {
				judged = true
				break
			}
		}
		if !judged {
			t.Errorf("%s: %d live and %d ignored entries, but no server, gateway or workload of it was evaluated", file, src.Servers, src.IgnoredEntries)
		}
	}
	if got, want := len(run.sources), len(corpusCases); got != want {
		t.Errorf("%d source subjects, want one per corpus file (%d)", got, want)
	}
}

// goList matches a list printed in Go's syntax after a space or a colon:
// "[delete_contact export_contacts]", not "binds[0]".
var goList = regexp.MustCompile(`(^|[ :(])\[[^\]\s]+ [^\]]*\]`)

// TestCorpusFailureMessages checks that every failure over the corpus tells
// a person where to look: a server's failure names the server and its
// file:line, a source's failure names the file, no template field was left
// empty, no list is printed in Go's syntax or ends with a separator, and
// no reason is CUE's own text or syntax.
func TestCorpusFailureMessages(t *testing.T) {
	run := assessCorpus(t)
	var failures int
	for file, evals := range run.byFile {
		for _, e := range evals {
			if e.Verdict != assess.VerdictFail {
				continue
			}
			failures++
			msg := e.Message
			var wants []string
			switch e.subject.Kind {
			case evidence.KindServer:
				wants = []string{e.subject.Name, e.subject.Provenance.Location()}
				if e.subject.Provenance.Line == 0 {
					t.Errorf("%s on %s in %s: server has no line", e.ControlID, e.subject.Name, file)
				}
			default:
				wants = []string{file}
			}
			for _, w := range wants {
				if !strings.Contains(msg, w) {
					t.Errorf("%s on %s: message %q does not name %q", e.ControlID, e.subject.Name, msg, w)
				}
			}
			for _, bad := range []string{"  ", "()", "[]", "<no value>", "template failed", "; )", "map["} {
				if strings.Contains(msg, bad) {
					t.Errorf("%s on %s: message %q contains %q (an empty template field?)", e.ControlID, e.subject.Name, msg, bad)
				}
			}
			if goList.MatchString(msg) {
				t.Errorf("%s on %s: message %q prints a list in Go's syntax", e.ControlID, e.subject.Name, msg)
			}
			if strings.HasSuffix(msg, ";") || strings.HasSuffix(msg, ":") || strings.HasSuffix(msg, ",") {
				t.Errorf("%s on %s: message %q ends with a separator", e.ControlID, e.subject.Name, msg)
			}
			for _, r := range e.Reasons {
				for _, raw := range []string{"%!", "incompatible list lengths", "conflicting values", "out of bound", "requires _", "=~", "!~"} {
					if strings.Contains(r.Detail, raw) {
						t.Errorf("%s on %s: reason %s %q contains %q (CUE's text or a bad format verb)", e.ControlID, e.subject.Name, r.Path, r.Detail, raw)
					}
				}
			}
		}
	}
	if failures == 0 {
		t.Error("no failure over the whole corpus: the catalog or the collectors judged nothing")
	}
}

// TestCorpusContextForgeValuesCreditsTheGateway checks, in the chart's lone
// values, that the ContextForge workload is judged behind its own
// authentication (its Ingress is not a finding) while the fast-time server,
// which the chart's Ingress reaches directly at /fast-time, is.
func TestCorpusContextForgeValuesCreditsTheGateway(t *testing.T) {
	run := assessCorpus(t)
	const file = "kubernetes/IBM__mcp-context-forge__charts_mcp-stack_values.yaml"
	modes := map[string]string{}
	for _, s := range run.subjects {
		if w, ok := s.(*evidence.Workload); ok && w.Provenance.File == file {
			modes[w.Name] = w.GatewayAuthentication
		}
	}
	if modes["mcpContextForge"] != evidence.GatewayAuthRequired || modes["mcpFastTimeServer"] != evidence.GatewayAuthNone {
		t.Errorf("gateway authentication by workload: %v, want mcpContextForge required and mcpFastTimeServer none", modes)
	}
	var failed []string
	for _, e := range run.byFile[file] {
		if e.ControlID == "MCP-EXPOSURE-03" && e.Verdict == assess.VerdictFail {
			failed = append(failed, e.subject.Name)
		}
	}
	if !slices.Equal(failed, []string{"mcpFastTimeServer"}) {
		t.Errorf("MCP-EXPOSURE-03 fails on %v, want only mcpFastTimeServer", failed)
	}
}
