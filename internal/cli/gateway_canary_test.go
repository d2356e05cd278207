package cli

import (
	"github.com/tollgate-dev/tollgate/internal/canary"
	"strings"
	"testing"
)

// Canary secrets planted in the gateway formats: agentgateway, Docker MCP
// Gateway (Compose, catalog, registry.yaml), ContextForge (.env, Compose,
// Helm values), LiteLLM, ToolHive (vMCP config, custom resources). Each
// holds "CANARY", so no output may contain that word at all.
const (
	gwCanaryKey     = "CANARYgwApiKey1357924680"
	gwCanaryPass    = "CANARYgwPassw0rd2468013579"
	gwCanaryToken   = "ghp_CANARYgwToken0123456789abcdefghij"
	gwCanaryJWT     = "CANARYgwJwtSecret9753186420"
	gwCanaryDB      = "CANARYgwDbPass8642097531"
	gwCanaryMaster  = "sk-CANARYgwMaster1122334455"
	gwCanarySession = "CANARYgwSessionKey5566778899"
)

// gatewayCanaryTree returns one file of every gateway format the gateway
// collector reads, with canaries in every place those formats hold a
// credential, plus files of those formats that do not parse or that the
// product would reject.
func gatewayCanaryTree() map[string]string {
	r := strings.NewReplacer("$KEY", gwCanaryKey, "$PASS", gwCanaryPass, "$TOKEN", gwCanaryToken, "$JWT", gwCanaryJWT,
		"$DB", gwCanaryDB, "$MASTER", gwCanaryMaster, "$SESSION", gwCanarySession)
	files := map[string]string{
		"agentgateway/config.yaml": `config:
  session:
    key: $SESSION
  tracing:
    otlpEndpoint: http://otel:4317
    headers:
      Authorization: "Bearer $TOKEN"
binds:
- port: 3000
  listeners:
  - routes:
    - policies:
        apiKey:
          mode: strict
          keys:
          - key: $KEY
            metadata: {user: agent}
        oidc:
          issuer: https://login.example.com
          clientId: gateway
          clientSecret: $PASS
        backendAuth:
          key:
            value: $TOKEN
      backends:
      - mcp:
          targets:
          - name: github
            stdio:
              cmd: npx
              args: ["@modelcontextprotocol/server-github@2025.4.8"]
              env:
                GITHUB_PERSONAL_ACCESS_TOKEN: $TOKEN
          - name: remote
            mcp:
              host: https://user:$PASS@mcp.example.com/mcp
`,
		"agentgateway/broken/config.yaml": "binds:\n- port: 3000\n  listeners:\n  - routes:\n    - policies:\n        apiKey: {keys: [{key: $KEY}]\n      backends: [\n",
		"agentgateway/rejected/config.yaml": `mcp:
  policies:
    apiKey:
      keys: [{key: $KEY}]
    rateLimit: {requests: 10}
  targets: [{name: t, stdio: {cmd: uvx, args: [mcp-server-time==2025.9.25]}}]
`,
		"docker/compose.yaml": `services:
  gateway:
    image: docker/mcp-gateway:v0.45.0
    command: ["--transport=streaming", "--port=8811", "--servers=github"]
    ports: ["8811:8811"]
    environment:
      MCP_GATEWAY_AUTH_TOKEN: $TOKEN
    volumes: ["/var/run/docker.sock:/var/run/docker.sock"]
  github:
    image: mcp/github:1.0.0
    environment:
      - GITHUB_PERSONAL_ACCESS_TOKEN=$TOKEN
      - DB_PASSWORD=$DB
`,
		"docker/compose.override.yaml": "services:\n  gateway:\n    environment:\n      MCP_GATEWAY_AUTH_TOKEN: $TOKEN\n",
		"docker/catalog.yaml": `name: acme
displayName: Acme catalog
registry:
  search:
    description: Search
    title: Search
    type: remote
    remote:
      url: https://search.example.com/mcp
      transport_type: streamable-http
      headers:
        Authorization: "Bearer $TOKEN"
        X-API-Key: $KEY
  notes:
    description: Notes
    title: Notes
    type: server
    image: mcp/notes@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
    env:
      - name: NOTES_DB_PASSWORD
        value: $DB
`,
		"docker/registry.yaml": `registry:
  notes:
    ref: ""
    config:
      notes:
        api_key: $KEY
`,
		"contextforge/.env": `HOST=0.0.0.0
PORT=4444
MCPGATEWAY_UI_ENABLED=true
MCPGATEWAY_ADMIN_API_ENABLED=true
BASIC_AUTH_USER=admin
BASIC_AUTH_PASSWORD=$PASS
PLATFORM_ADMIN_PASSWORD=$PASS
JWT_SECRET_KEY=$JWT
AUTH_ENCRYPTION_SECRET=$KEY
DATABASE_URL=postgresql://postgres:$DB@postgres:5432/mcp
REDIS_URL=redis://:$DB@redis:6379/0
`,
		"contextforge/docker-compose.yml": `services:
  gateway:
    image: ghcr.io/ibm/mcp-context-forge:0.8.0
    ports: ["4444:4444"]
    environment:
      - HOST=0.0.0.0
      - JWT_SECRET_KEY=$JWT
      - BASIC_AUTH_PASSWORD=$PASS
      - DATABASE_URL=postgresql://postgres:$DB@postgres:5432/mcp
`,
		"charts/mcp-stack/values.yaml": `mcpContextForge:
  image:
    repository: ghcr.io/ibm/mcp-context-forge
    tag: 0.8.0
  service:
    type: ClusterIP
    port: 80
  config:
    HOST: 0.0.0.0
    PORT: "4444"
    MCPGATEWAY_UI_ENABLED: "true"
  secret:
    BASIC_AUTH_USER: admin
    BASIC_AUTH_PASSWORD: $PASS
    JWT_SECRET_KEY: $JWT
    AUTH_ENCRYPTION_SECRET: $KEY
postgres:
  credentials:
    user: admin
    password: $DB
`,
		"charts/mcp-stack/templates/gateway-secret.yaml": `apiVersion: v1
kind: Secret
metadata:
  name: {{ include "mcp-stack.fullname" . }}-gateway
stringData:
  JWT_SECRET_KEY: {{ .Values.mcpContextForge.secret.JWT_SECRET_KEY | default "$JWT" | quote }}
  BASIC_AUTH_PASSWORD: "$PASS"
`,
		"litellm/config.yaml": `model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_key: $KEY
general_settings:
  master_key: $MASTER
  database_url: postgresql://llm:$DB@db:5432/litellm
mcp_servers:
  github:
    url: https://api.githubcopilot.com/mcp
    auth_type: bearer_token
    authentication_token: $TOKEN
  zapier:
    url: https://mcp.zapier.com/api/mcp/mcp
    static_headers:
      X-API-Key: $KEY
  internal:
    url: https://internal.example.com/mcp
    auth_type: oauth2
    client_id: litellm
    client_secret: $PASS
`,
		"litellm/misplaced/config.yaml": `model_list: []
litellm_settings:
  master_key: $MASTER
  mcp_servers:
    x: {url: https://x.example.com/mcp, authentication_token: $TOKEN}
`,
		"toolhive/vmcp.yaml": `name: platform
groupRef: tools
incomingAuth:
  type: oidc
  oidc:
    issuer: https://login.example.com
    clientId: vmcp
    clientSecret: $PASS
    audience: https://vmcp.example.com/mcp
outgoingAuth:
  source: inline
  default:
    type: header_injection
    headerInjection:
      headerName: Authorization
      headerValue: "Bearer $TOKEN"
`,
		"toolhive/mcpserver.yaml": `apiVersion: toolhive.stacklok.dev/v1alpha1
kind: MCPServer
metadata:
  name: github
  namespace: tools
spec:
  image: ghcr.io/github/github-mcp-server:v0.18.0
  transport: streamable-http
  env:
    - name: GITHUB_PERSONAL_ACCESS_TOKEN
      value: $TOKEN
  oidcConfig:
    type: inline
    inline:
      issuer: https://login.example.com
      audience: github-mcp
      clientSecret: $PASS
---
apiVersion: toolhive.stacklok.dev/v1alpha1
kind: MCPRemoteProxy
metadata:
  name: notion
  namespace: tools
spec:
  remoteURL: https://mcp.notion.com/mcp
  headerForward:
    addPlaintextHeaders:
      X-API-Key: $KEY
  oidcConfig:
    type: configMap
    configMap: {name: oidc}
`,
		"toolhive/broken/mcpserver.yaml": "apiVersion: toolhive.stacklok.dev/v1alpha1\nkind: MCPServer\nmetadata: {name: x}\nspec:\n  env:\n    - {name: API_TOKEN, value: $TOKEN\n  image: [\n",
	}
	for k, v := range files {
		files[k] = r.Replace(v)
	}
	return files
}

// TestNoCanaryFromGatewayConfigs assesses gateway configurations of every
// format the gateway collector reads, with credentials planted wherever
// those formats hold one and in files that do not parse: none reaches any
// output, report, workbook or bundle file.
func TestNoCanaryFromGatewayConfigs(t *testing.T) {
	checkNoCanary(t, gatewayCanaryTree(), gwCanaryKey, gwCanaryPass, gwCanaryToken, gwCanaryJWT, gwCanaryDB,
		gwCanaryMaster, gwCanarySession, "CANARY")
}

// TestNoCanaryFromNames assesses secrets pasted where names belong in every
// family of formats (gateway, listener, route, backend, workload, container
// and tool names): none reaches any output, report, workbook or bundle file.
func TestNoCanaryFromNames(t *testing.T) {
	checkNoCanary(t, canary.NameTree("names"), canary.NameNeedles()...)
}
