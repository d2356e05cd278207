package gateway

import (
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
)

// TestInvalidGatewayFiles checks that a gateway file that does not parse,
// that its product rejects or that is a template is a source finding at its
// line, and that what a rejected file declares is still read.
func TestInvalidGatewayFiles(t *testing.T) {
	tests := []struct {
		name, path, data string
		status           string
		line             int
		words            string
		gateways         int
	}{
		{"agentgateway invalid YAML", "agentgateway/config.yaml", "binds:\n- port: 3000\n  listeners: [\n", evidence.StatusParseError, 3, "YAML syntax error", 0},
		{"agentgateway Helm template that does not parse", "agentgateway/config.yaml", "binds:\n- port: 3000\n  listeners:\n  {{- range .Values.listeners }}\n  - routes: []\n  {{- end }}\n", evidence.StatusParseError, 5, "render it", 0},
		{"agentgateway Helm template that parses", "agentgateway/config.yaml", "binds:\n- port: 3000\n  listeners:\n  - routes:\n    - policies:\n        jwtAuth: {mode: strict, issuer: \"{{ .Values.issuer }}\", jwks: {url: https://idp/jwks}}\n      backends: [{mcp: {targets: [{name: t, mcp: {host: https://up.example.com/mcp}}]}}]\n", evidence.StatusSchemaError, 6, "once rendered", 1},
		{"agentgateway unknown policy", "agentgateway/config.yaml", "mcp:\n  policies:\n    rateLimit: {requests: 10}\n  targets: [{name: t, stdio: {cmd: uvx, args: [mcp-server-time==2025.9.25]}}]\n", evidence.StatusSchemaError, 3, "rejects", 1},
		{"litellm invalid YAML", "litellm_config.yaml", "model_list: []\nmcp_servers:\n  x: {url: https://x.example.com/mcp\n", evidence.StatusParseError, 3, "YAML syntax error", 0},
		{"litellm Helm template", "litellm_config.yaml", "model_list: []\ngeneral_settings:\n  master_key: os.environ/LITELLM_MASTER_KEY\nmcp_servers:\n  github:\n    url: {{ .Values.githubURL | quote }}\n", evidence.StatusSchemaError, 6, "once rendered", 1},
		{"compose override of a Docker MCP Gateway without an image", "compose.override.yaml", "services:\n  gateway:\n    command: [docker, mcp, gateway, run, --transport=sse, --port=8811]\n    ports: [\"8811:8811\"]\n", evidence.StatusSchemaError, 2, "neither an image nor a build", 1},
		{"compose override of ContextForge without an image", "docker-compose.sso.yml", "services:\n  gateway:\n    environment:\n      MCP_CLIENT_AUTH_ENABLED: \"false\"\n      MCPGATEWAY_UI_ENABLED: \"true\"\n", evidence.StatusSchemaError, 2, "neither an image nor a build", 1},
		{"compose override without an image", "compose.override.yaml", "services:\n  gateway:\n    command: [\"--transport=sse\", \"--port=8811\"]\n    labels: [docker-mcp-gateway]\n    environment: {DOCKER_MCP_IN_CONTAINER: \"1\"}\n", evidence.StatusSchemaError, 0, "", -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := analyze(t, tc.path, tc.data)
			if tc.gateways >= 0 && len(r.gateways) != tc.gateways {
				t.Errorf("%d gateways, want %d", len(r.gateways), tc.gateways)
			}
			if tc.status == evidence.StatusSchemaError && tc.line == 0 {
				// recognised or not: a file no reader claims is simply not a gateway file
				return
			}
			if r.src.Status != tc.status {
				t.Fatalf("status %s, want %s (%v)", r.src.Status, tc.status, r.src.Diagnostics)
			}
			var found bool
			for _, d := range r.src.Diagnostics {
				if d.Severity == "error" && d.Line == tc.line && strings.Contains(d.Message, tc.words) {
					found = true
				}
			}
			if !found {
				t.Errorf("no error at line %d saying %q: %+v", tc.line, tc.words, r.src.Diagnostics)
			}
		})
	}
}
