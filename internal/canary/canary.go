// Package canary plants secrets in configuration files for tests that check
// no secret reaches any output: one placement per way people and tools write
// a credential — in encoded forms that differ from its value, under key names
// and in formats that do not look like credentials at first sight, and in
// places other than a value.
//
// Every needle of a placement is text that must appear in no output, no
// bundle file, no report and no console line. Needles hold the word CANARY
// wherever the format allows it, so a search for that word alone catches
// most leaks; the rest (digits, hex) are listed exactly.
package canary

import (
	"bytes"
	"regexp"
	"strings"
)

// Word is in most needles: no output may contain it.
const Word = "CANARY"

// Placement is one secret written one way in one file.
type Placement struct {
	// Name says how the secret is written.
	Name string
	// File is the file's path (its name decides the format).
	File string
	// Content is the file.
	Content string
	// Needles must not survive anywhere.
	Needles []string
}

// Placements returns every placement.
func Placements() []Placement {
	return []Placement{
		// Encoded forms: the stored copy must be redacted where the scalar
		// is written, whatever escapes or style it uses.
		{"json unicode escape", ".mcp.json",
			`{"mcpServers":{"a":{"command":"node","args":["s.js"],"env":{"NOTES":"ghp_\u0041bcdefghijCANARYa1uvwxyz0123456789"}}}}`,
			[]string{"bcdefghijCANARYa1", "ghp_Abcdefghij"}},
		{"json escape in a random value", ".mcp.json",
			`{"mcpServers":{"a":{"command":"node","env":{"CONFIG_JSON":"Ab\u0078Kp2Lm9Qr4Tz8CANARYa2Ny6Zs1Xc5Vb7"}}}}`,
			[]string{"Kp2Lm9Qr4Tz8CANARYa2"}},
		{"yaml folded block", ".continue/config.yaml",
			"mcpServers:\n  - name: a\n    command: node\n    env:\n      DB_PASSWORD: >-\n        correct horse\n        battery CANARYa3staple\n",
			[]string{"correct horse", "CANARYa3staple"}},
		{"yaml literal block", ".continue/config.yaml",
			"mcpServers:\n  - name: a\n    command: node\n    env:\n      SECRET_BLOCK: |\n        line one CANARYa4\n        line two secret\n",
			[]string{"line one CANARYa4", "line two secret"}},
		{"yaml literal block with CRLF", ".continue/config.yaml",
			"mcpServers:\r\n  - name: a\r\n    command: node\r\n    env:\r\n      token: |\r\n        CANARYa5first\r\n        CANARYa5second\r\n",
			[]string{"CANARYa5first", "CANARYa5second"}},
		{"yaml doubled single quote", ".continue/config.yaml",
			"mcpServers:\n  - name: a\n    command: node\n    env:\n      PLAIN_TOKEN: 'it''s a CANARYa6 pass'\n",
			[]string{"s a CANARYa6 pass"}},
		{"yaml hex escape", ".continue/config.yaml",
			"mcpServers:\n  - name: a\n    command: node\n    env:\n      GH: \"ghp_\\x4cbcdefghijCANARYa7uvwxyz0123456789\"\n",
			[]string{"bcdefghijCANARYa7"}},
		{"yaml escaped line break", ".continue/config.yaml",
			"mcpServers:\n  - name: a\n    command: node\n    env:\n      WRAPPED_KEY: \"abcCANARYa8\\\n        defcontinued\"\n",
			[]string{"abcCANARYa8", "defcontinued"}},
		{"yaml plain scalar over lines", ".continue/config.yaml",
			"mcpServers:\n  - name: a\n    command: node\n    env:\n      API_KEY: first CANARYa9part\n        second part\n",
			[]string{"CANARYa9part", "second part"}},
		{"toml line continuation", ".codex/config.toml",
			"[mcp_servers.b]\ncommand = \"node\"\n[mcp_servers.b.env]\nMULTI = \"\"\"ghp_abcdefCANARYb1\\\n  qrstuvwxyz0123456789ABCD\"\"\"\n",
			[]string{"abcdefCANARYb1", "qrstuvwxyz0123456789ABCD"}},
		{"toml unicode escape", ".codex/config.toml",
			"[mcp_servers.b]\ncommand = \"node\"\nenv = { OPENAI_API_KEY = \"sk-\\u0041bcCANARYb2defghijklmnopqrstuvwxyz\" }\n",
			[]string{"bcCANARYb2defghijklmnopqrstuvwxyz"}},

		// Under a credential key, the value is the credential whatever it
		// looks like.
		{"all digits", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"API_TOKEN":"8423917650"}}}}`, []string{"8423917650"}},
		{"pin", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"ADMIN_PASSWORD":"4815162342"}}}}`, []string{"4815162342"}},
		{"leading slash", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"SECRET_KEY":"/8fK2mQ9zR4tY7wE1uIo3CANARYb3sD6fG7hJ8kL9=="}}}}`, []string{"8fK2mQ9zR4tY7wE1uIo3CANARYb3"}},
		{"version-shaped", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"API_PASSWORD":"1.0-Xq7CANARYb4secret"}}}}`, []string{"Xq7CANARYb4secret"}},
		{"dsn user", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"SENTRY_DSN":"https://a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6@o1.ingest.sentry.io/1"}}}}`, []string{"a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"}},

		// Key names as people write them.
		{"libpq", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"PGPASSWORD":"SummerCANARYc1"}}}}`, []string{"SummerCANARYc1"}},
		{"numbered password", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"DB_PASSWORD3":"SummerCANARYc2"}}}}`, []string{"SummerCANARYc2"}},
		{"numbered word", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"PASSWORD2":"SummerCANARYc3"}}}}`, []string{"SummerCANARYc3"}},
		{"numbered token", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"GITHUB_TOKEN2":"SummerCANARYc4"}}}}`, []string{"SummerCANARYc4"}},
		{"run together secret", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"CLIENTSECRET":"SummerCANARYc5"}}}}`, []string{"SummerCANARYc5"}},
		{"abbreviated", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"DBPASS":"SummerCANARYc6"}}}}`, []string{"SummerCANARYc6"}},
		{"run together token", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"GITHUBTOKEN":"SummerCANARYc7"}}}}`, []string{"SummerCANARYc7"}},
		{"numbered reference mix", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"DB_PASSWORD3":"%DB_USER%:pwCANARYc8"}}}}`, []string{"pwCANARYc8"}},

		// Known formats, whatever the key.
		{"azure storage", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"AZURE_STORAGE_CONNECTION_STRING":"DefaultEndpointsProtocol=https;AccountName=a;AccountKey=Zm9vYmFy+/CANARYd1Zm9vYmFyZm9vYmFyZm9vYmE=;EndpointSuffix=core.windows.net"}}}}`,
			[]string{"Zm9vYmFy+/CANARYd1", "CANARYd1Zm9v"}},
		{"service bus", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"SB":"Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=Qm9vYmFy+/CANARYd2Zm9vYmFyZm9vYmE="}}}}`,
			[]string{"CANARYd2Zm9vYmFy"}},
		{"token as url user", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"GIT_REMOTE":"https://x7Kp2Lm9Qr4Tz8Wv3CANARYd3aB3dE5fG@git.example.com/repo"}}}}`,
			[]string{"x7Kp2Lm9Qr4Tz8Wv3CANARYd3"}},
		{"slack webhook", ".mcp.json", `{"mcpServers":{"slack":{"type":"http","url":"https://hooks.slack.com/services/T0001/B0002/slackCANARYd4mark0123456789"}}}`,
			[]string{"slackCANARYd4mark"}},
		{"telegram bot path", ".mcp.json", `{"mcpServers":{"tg":{"type":"http","url":"https://api.telegram.org/bot123456789:AAtelegramCANARYd5mark0123456789abcdef/mcp"}}}`,
			[]string{"AAtelegramCANARYd5mark"}},
		{"oauth code", ".mcp.json", `{"mcpServers":{"oauth":{"type":"http","url":"https://mcp.example.com/cb?code=oauthCANARYd6mark0123"}}}`,
			[]string{"oauthCANARYd6mark"}},
		{"key as a path segment", ".mcp.json", `{"mcpServers":{"zap":{"type":"sse","url":"https://actions.example.com/mcp/Xk9Qw2Er7Ty4CANARYd7Pz8Lm3Nb6/sse"}}}`,
			[]string{"Xk9Qw2Er7Ty4CANARYd7"}},

		// Odd places.
		{"server name", ".mcp.json", `{"mcpServers":{"ghp_abcdefghijCANARYe1uvwxyz0123456789":{"command":"node"}}}`,
			[]string{"abcdefghijCANARYe1"}},
		{"env var name", ".mcp.json", `{"mcpServers":{"envname":{"command":"node","env":{"ghp_bbcdefghijCANARYe2uvwxyz0123456789":"1"}}}}`,
			[]string{"bbcdefghijCANARYe2"}},
		{"header split across args", ".mcp.json", `{"mcpServers":{"split":{"command":"npx","args":["s.js","--header","Authorization:","Bearer","tokCANARYe3low"]}}}`,
			[]string{"tokCANARYe3low"}},
		{"password input default", ".vscode/mcp.json",
			`{"inputs": [{"type":"promptString","id":"tok","password":true,"default":"hunterCANARYe4low"}], "servers": {"a": {"command":"node","env":{"T":"${input:tok}"}}}}`,
			[]string{"hunterCANARYe4low"}},
		{"token as remote url user", ".mcp.json", `{"mcpServers":{"u3":{"type":"http","url":"https://x7Kp2Lm9Qr4Tz8Wv3CANARYe5aB3dE5fGh@mcp.example.com/mcp"}}}`,
			[]string{"x7Kp2Lm9Qr4Tz8Wv3CANARYe5"}},
		{"docker env flag with equals", ".cursor/mcp.json", `{"mcpServers":{"d":{"command":"docker","args":["run","-i","--rm","--env=API_TOKEN=8423917651","mcp/x"]}}}`,
			[]string{"8423917651"}},
		{"docker packed env flag", ".cursor/mcp.json", `{"mcpServers":{"d":{"command":"docker","args":["run","-i","--rm","-eDB_PASSWORD=SummerCANARYe6","mcp/x"]}}}`,
			[]string{"SummerCANARYe6"}},
		{"cleartext url with userinfo", ".mcp.json", `{"mcpServers":{"odoo":{"command":"uvx","args":["mcp-odoo==1.0","--server","http://admin:pwCANARYg1x@10.1.2.3:8069"],"env":{"ODOO_URL":"http://odoo:pwCANARYg2x@10.1.2.3:8069/?api_key=kCANARYg3x"}}}}`,
			[]string{"pwCANARYg1x", "pwCANARYg2x", "kCANARYg3x"}},
		{"model provider key", ".continue/config.yaml",
			"models:\n  - name: gpt\n    provider: openai\n    apiKey: sk-proj-CANARYf1abcdefghijklmnopqrstuvwxyz\nmcpServers:\n  - name: a\n    command: node\n",
			[]string{"CANARYf1abcdefghijklmnop"}},
		{"zed language model key", ".zed/settings.json",
			`{"language_models": {"openai": {"api_key": "SummerCANARYf2"}}, "context_servers": {"a": {"command": "node"}}}`,
			[]string{"SummerCANARYf2"}},
		{"codex provider header", ".codex/config.toml",
			"[model_providers.acme]\nname = \"acme\"\nhttp_headers = { \"X-Api-Key\" = \"SummerCANARYf3\" }\n[mcp_servers.a]\ncommand = \"node\"\n",
			[]string{"SummerCANARYf3"}},
	}
}

var reSlug = regexp.MustCompile(`[^a-z0-9]+`)

// Tree returns every placement as one tree, each file in a folder of its
// own (named after the placement) under dir.
func Tree(dir string) map[string]string {
	return tree(dir, Placements())
}

// tree writes placements as one tree, each in a folder named after it.
func tree(dir string, placements []Placement) map[string]string {
	out := map[string]string{}
	for _, p := range placements {
		out[dir+"/"+strings.Trim(reSlug.ReplaceAllString(strings.ToLower(p.Name), "-"), "-")+"/"+p.File] = p.Content
	}
	return out
}

// Needles returns every placement's needles and Word.
func Needles() []string {
	return needles(Placements())
}

// needles returns Word and the needles of placements.
func needles(placements []Placement) []string {
	out := []string{Word}
	for _, p := range placements {
		out = append(out, p.Needles...)
	}
	return out
}

// NamePlacements returns secrets pasted where a name belongs, one placement
// per family of formats whose names reach the evidence: gateway
// configurations (gateway, listener, route, service, upstream and backend
// names), Kubernetes manifests (object, namespace, container and service
// account names) and tool definitions (tool and parameter names). A name is
// no place for a credential, but one pasted into the wrong field must still
// reach no output.
func NamePlacements() []Placement {
	return append(append(GatewayNamePlacements(), KubernetesNamePlacements()...), ToolNamePlacements()...)
}

// GatewayNamePlacements are secrets pasted as the names of gateways and
// what they declare: Kong services, routes and hosts, nginx upstreams and
// server names, Terraform services and containers, Envoy AI Gateway
// MCPRoutes, Gateways, listeners and backends, kmcp and Microsoft MCP
// Gateway objects, agentgateway listeners, routes and targets, Compose
// services and LiteLLM servers.
func GatewayNamePlacements() []Placement {
	return []Placement{
		{"kong service and route names", "kong/kong.yaml", `_format_version: "3.0"
services:
  - name: ghp_CANARYn1kongService0123456789abcdefghij
    url: http://mcp.internal:3000/mcp
    routes:
      - name: sk-CANARYn2kongRoute0123456789abcdefghij
        paths: [/mcp]
        hosts: [ghp_CANARYn3kongHost0123456789abcdefghijk.example.com]
  - name: Kp4Rt8Yx2Wq6CANARYq1Lm3Nb7Vc9
    url: https://tools.internal:8443/mcp
    routes:
      - name: Zq8Lm2Rt5Yx9CANARYq2Nv7Kd4Hs6
        paths: [/tools]
plugins:
  - name: ai-mcp-proxy
    route: sk-CANARYn2kongRoute0123456789abcdefghij
    config:
      mode: passthrough-listener
  - name: ai-mcp-proxy
    route: Zq8Lm2Rt5Yx9CANARYq2Nv7Kd4Hs6
    config:
      mode: passthrough-listener
`, []string{"CANARYn1kongService", "CANARYn2kongRoute", "CANARYn3kongHost", "Kp4Rt8Yx2Wq6CANARYq1", "Zq8Lm2Rt5Yx9CANARYq2"}},
		{"nginx upstream and server names", "nginx/nginx.conf", `events {}
http {
    upstream ghp_CANARYn4nginxUpstream0123456789abcdefg {
        server 10.0.12.5:8080;
    }
    server {
        listen 8080;
        server_name sk-CANARYn5nginxServer0123456789abcdefg.example.com;
        location /mcp {
            proxy_pass http://ghp_CANARYn4nginxUpstream0123456789abcdefg;
            proxy_http_version 1.1;
            proxy_buffering off;
        }
        location /Kp4Rt8Yx2Wq6CANARYq4Lm3Nb7Vc9/mcp {
            proxy_pass http://10.0.12.6:8080/mcp;
        }
    }
}
`, []string{"CANARYn4nginxUpstream", "CANARYn5nginxServer", "Kp4Rt8Yx2Wq6CANARYq4"}},
		{"terraform service name", "terraform/main.tf", `resource "google_cloud_run_v2_service" "mcp" {
  name     = "ghp_CANARYn6cloudRun0123456789abcdefghijkl"
  location = "europe-west1"
  ingress  = "INGRESS_TRAFFIC_ALL"
  template {
    containers {
      name  = "sk-CANARYn7tfContainer0123456789abcdefgh"
      image = "ghcr.io/github/github-mcp-server:v0.9.0"
    }
  }
}
`, []string{"CANARYn6cloudRun", "CANARYn7tfContainer"}},
		{"envoy mcproute and backend names", "envoy/mcproute.yaml", `apiVersion: aigateway.envoyproxy.io/v1beta1
kind: MCPRoute
metadata:
  name: ghp_CANARYn8mcpRoute0123456789abcdefghijkl
  namespace: ai
spec:
  parentRefs:
    - name: sk-CANARYn9envoyGateway0123456789abcdefg
      kind: Gateway
      group: gateway.networking.k8s.io
  path: /mcp
  backendRefs:
    - name: ghp_CANARYo1envoyBackend0123456789abcdefgh
      kind: Backend
      group: gateway.envoyproxy.io
      path: /mcp
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: sk-CANARYn9envoyGateway0123456789abcdefg
  namespace: ai
spec:
  gatewayClassName: envoy
  listeners:
    - name: ghp_CANARYo2envoyListener0123456789abcdef
      protocol: HTTP
      port: 80
`, []string{"CANARYn8mcpRoute", "CANARYn9envoyGateway", "CANARYo1envoyBackend", "CANARYo2envoyListener"}},
		{"kmcp server name", "kmcp/mcpserver.yaml", `apiVersion: kagent.dev/v1alpha1
kind: MCPServer
metadata:
  name: sk-canaryo3kmcpserver0123456789abcdef
  namespace: sk-canaryo4kmcpnamespace0123456789abc
spec:
  transportType: stdio
  deployment:
    image: node:22-alpine
    port: 3000
    cmd: npx
    args: ["-y", "@modelcontextprotocol/server-github@2025.4.8"]
`, []string{"canaryo3kmcpserver", "canaryo4kmcpnamespace"}},
		{"microsoft gateway deployment name", "mcp-gateway/deployment.yaml", `apiVersion: apps/v1
kind: Deployment
metadata:
  name: sk-canaryo5msgateway0123456789abcdefg
  namespace: adapter
spec:
  selector:
    matchLabels: {app: mcp-gateway}
  template:
    metadata:
      labels: {app: mcp-gateway}
    spec:
      containers:
        - name: sk-canaryo6mscontainer0123456789abcde
          image: ghcr.io/microsoft/mcp-gateway:1.4.0
          ports: [{containerPort: 8000}]
`, []string{"canaryo5msgateway", "canaryo6mscontainer"}},
		{"agentgateway target name", "agentgateway/config.yaml", `binds:
- port: 3000
  listeners:
  - name: ghp_CANARYo7agwListener0123456789abcdefgh
    routes:
    - name: sk-CANARYo8agwRoute0123456789abcdefghijk
      backends:
      - mcp:
          targets:
          - name: ghp_CANARYo9agwTarget0123456789abcdefghi
            stdio:
              cmd: npx
              args: ["@modelcontextprotocol/server-github@2025.4.8"]
`, []string{"CANARYo7agwListener", "CANARYo8agwRoute", "CANARYo9agwTarget"}},
		{"compose service name", "docker/compose.yaml", `services:
  ghp_CANARYp1composeGateway0123456789abcdef:
    image: docker/mcp-gateway:v0.45.0
    command: ["--transport=streaming", "--port=8811"]
    ports: ["8811:8811"]
    environment:
      ghp_CANARYp0composeEnvName0123456789abcde: "1"
`, []string{"CANARYp1composeGateway", "CANARYp0composeEnvName"}},
		{"litellm server name", "litellm/config.yaml", `model_list: []
mcp_servers:
  ghp_CANARYp2litellmServer0123456789abcdefg:
    url: https://mcp.example.com/mcp
`, []string{"CANARYp2litellmServer"}},
	}
}

// KubernetesNamePlacements are secrets pasted as the names of Kubernetes
// objects: a workload, its namespace, container and service account, and
// the Service that exposes it.
func KubernetesNamePlacements() []Placement {
	return []Placement{
		{"kubernetes workload and container names", "k8s/deploy.yaml", `apiVersion: apps/v1
kind: Deployment
metadata:
  name: sk-canaryp3workload0123456789abcdefghij
  namespace: sk-canaryp4namespace0123456789abcdefgh
spec:
  selector:
    matchLabels: {app: github-mcp}
  template:
    metadata:
      labels: {app: github-mcp}
    spec:
      serviceAccountName: sk-canaryp5account0123456789abcdefghijk
      containers:
        - name: sk-canaryp6container0123456789abcdefghi
          image: ghcr.io/github/github-mcp-server:v0.18.0
          ports: [{containerPort: 8080}]
---
apiVersion: v1
kind: Service
metadata:
  name: sk-canaryp7service0123456789abcdefghijk
  namespace: sk-canaryp4namespace0123456789abcdefgh
spec:
  type: LoadBalancer
  selector: {app: github-mcp}
  ports: [{port: 80, targetPort: 8080}]
`, []string{"canaryp3workload", "canaryp4namespace", "canaryp5account", "canaryp6container", "canaryp7service"}},
	}
}

// ToolNamePlacements are secrets pasted as the names of a tool and its
// parameter in a saved tool listing.
func ToolNamePlacements() []Placement {
	return []Placement{
		{"tool and parameter names", "probes/tools.json", `{"tools": [{"name": "ghp_CANARYp8toolName0123456789abcdefghijk", "description": "Reads a file.",
  "inputSchema": {"type": "object", "properties": {"sk-CANARYp9paramName0123456789abcdefghi": {"type": "string"}}}}]}
`, []string{"CANARYp8toolName", "CANARYp9paramName"}},
	}
}

// NameTree is Tree for NamePlacements.
func NameTree(dir string) map[string]string {
	return tree(dir, NamePlacements())
}

// NameNeedles returns every needle of NamePlacements and Word.
func NameNeedles() []string {
	return needles(NamePlacements())
}

// Leaks returns the needles found in data.
func Leaks(data []byte, needles []string) []string {
	var out []string
	for _, n := range needles {
		if bytes.Contains(data, []byte(n)) {
			out = append(out, n)
		}
	}
	return out
}
