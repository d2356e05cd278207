package gateway

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/evidence"
)

// guardrailsOf renders a gateway's guardrails compactly:
// name/kind/req|resp/mode[/fail-open][/scoped].
func guardrailsOf(gw *evidence.Gateway) string {
	var out []string
	for _, g := range gw.Guardrails {
		s := g.Name + "/" + g.Kind + "/"
		switch {
		case g.Requests && g.Responses:
			s += "both"
		case g.Requests:
			s += "req"
		case g.Responses:
			s += "resp"
		}
		s += "/" + g.Mode
		if g.FailOpen {
			s += "/fail-open"
		}
		if g.Scoped {
			s += "/scoped"
		}
		out = append(out, s)
	}
	return strings.Join(out, "; ")
}

// TestAgentgatewayGuardrails: mcpGuardrails processors filter tool results
// when they run the response phase of tools/call on every MCP route.
func TestAgentgatewayGuardrails(t *testing.T) {
	route := func(policies string) string {
		return `binds:
- port: 3000
  listeners:
  - routes:
    - policies:
` + policies + `      backends:
      - mcp:
          targets:
          - name: files
            stdio: {cmd: npx, args: ["@modelcontextprotocol/server-filesystem@1.0.0", "/srv"]}
`
	}
	tests := []struct {
		name, config, guardrails, filtering string
	}{
		{"none", route(""), "", "none"},
		{"response phase", route(`        mcpGuardrails:
          processors:
          - kind: remote
            host: 127.0.0.1:9999
            methods: {"tools/call": response, "*/list": response}
`), "mcpGuardrails processor 127.0.0.1:9999/external/resp/enforce", "enforced"},
		{"request phase only, failing open", route(`        mcpGuardrails:
          processors:
          - kind: remote
            backend: policy
            failureMode: failOpen
            methods: {"tools/*": request}
`), "mcpGuardrails processor policy/external/req/enforce/fail-open", "none"},
		{"exact key wins over wildcard", route(`        mcpGuardrails:
          processors:
          - kind: remote
            host: guard:4444
            methods: {"*": full, "tools/call": "off"}
`), "", "none"},
		{"full by catch-all", route(`        mcpGuardrails:
          processors:
          - kind: remote
            host: guard:4444
            methods: {"*": full}
`), "mcpGuardrails processor guard:4444/external/both/enforce", "enforced"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gw := analyze(t, "agw/config.yaml", tt.config).gateway(t)
			if got := guardrailsOf(gw); got != tt.guardrails {
				t.Errorf("guardrails %q, want %q", got, tt.guardrails)
			}
			if gw.OutputFiltering != tt.filtering {
				t.Errorf("output filtering %q, want %q", gw.OutputFiltering, tt.filtering)
			}
		})
	}

	twoRoutes := `binds:
- port: 3000
  listeners:
  - routes:
    - name: guarded
      matches: [{path: {pathPrefix: /a}}]
      policies:
        mcpGuardrails:
          processors:
          - {kind: remote, host: "guard:4444", methods: {"tools/call": response}}
      backends:
      - mcp: {targets: [{name: a, mcp: {host: "http://a:8080/mcp"}}]}
    - name: open
      matches: [{path: {pathPrefix: /b}}]
      backends:
      - mcp: {targets: [{name: b, mcp: {host: "http://b:8080/mcp"}}]}
`
	gw := analyze(t, "agw/config.yaml", twoRoutes).gateway(t)
	if got := guardrailsOf(gw); got != "mcpGuardrails processor guard:4444 (on 1 of 2 MCP routes)/external/resp/enforce/scoped" || gw.OutputFiltering != "none" {
		t.Errorf("one route of two: %q, filtering %s", got, gw.OutputFiltering)
	}
}

// TestDockerGuardrails: secret blocking (on by default) filters tool
// results; interceptors run code whose effect is unknown; a malformed
// interceptor stops the gateway.
func TestDockerGuardrails(t *testing.T) {
	compose := func(command, env string) string {
		return `services:
  gateway:
    image: docker/mcp-gateway:v0.44.0
    command: [` + command + `]
` + env
	}
	tests := []struct {
		name, compose, guardrails, filtering string
		tracing                              bool
	}{
		{"defaults", compose(`"--transport=streaming", "--servers=fetch"`, ""),
			"--block-secrets/secrets/both/enforce", "enforced", false},
		{"secret blocking off", compose(`"--transport=streaming", "--block-secrets=false"`, ""), "", "none", false},
		{"after-interceptor only", compose(`"--block-secrets=false", "--interceptor", "after:http:http://filter:8080/after"`, ""),
			"--interceptor after:http:http://filter:8080/after/custom/resp/unknown", "unknown", false},
		{"before-interceptor does not see results", compose(`"--block-secrets=false", "--interceptor=before:exec:echo x >&2"`, ""),
			"--interceptor before:exec:echo x >&2/custom/req/unknown", "none", false},
		{"traces to a collector", compose(`"--transport=streaming"`, "    environment:\n      OTEL_EXPORTER_OTLP_ENDPOINT: http://otel:4317\n"),
			"--block-secrets/secrets/both/enforce", "enforced", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gw := analyze(t, "compose.yaml", tt.compose).gateway(t)
			if got := guardrailsOf(gw); got != tt.guardrails {
				t.Errorf("guardrails %q, want %q", got, tt.guardrails)
			}
			if gw.OutputFiltering != tt.filtering || gw.Audit.Tracing != tt.tracing {
				t.Errorf("output filtering %q tracing %v, want %q %v", gw.OutputFiltering, gw.Audit.Tracing, tt.filtering, tt.tracing)
			}
		})
	}
	r := analyze(t, "compose.yaml", compose(`"--interceptor", "during:exec:true"`, ""))
	if gw := r.gateway(t); len(gw.ConfigErrors) != 1 || !strings.Contains(gw.ConfigErrors[0], "during:exec:true") || r.src.Status != evidence.StatusSchemaError {
		t.Errorf("malformed interceptor: errors %v, status %s", gw.ConfigErrors, r.src.Status)
	}
}

// TestContextForgeTracing reads ContextForge's OpenTelemetry settings.
func TestContextForgeTracing(t *testing.T) {
	base := "MCPGATEWAY_UI_ENABLED=false\nPLATFORM_ADMIN_EMAIL=admin@example.com\n"
	tests := []struct {
		env      string
		tracing  bool
		exporter string
	}{
		{"", false, ""},
		{"OTEL_EXPORTER_OTLP_ENDPOINT=http://otel:4317\n", false, ""}, // export is off by default
		{"OTEL_ENABLE_OBSERVABILITY=true\n", false, ""},               // otlp without an endpoint
		{"OTEL_ENABLE_OBSERVABILITY=true\nOTEL_EXPORTER_OTLP_ENDPOINT=http://otel:4317\n", true, "otlp"},
		{"OTEL_ENABLE_OBSERVABILITY=true\nOTEL_TRACES_EXPORTER=jaeger\n", true, "jaeger"},
		{"OTEL_ENABLE_OBSERVABILITY=true\nOTEL_TRACES_EXPORTER=console\n", false, "console"},
		{"OBSERVABILITY_ENABLED=true\n", false, "internal"},
	}
	for _, tt := range tests {
		gw := analyze(t, ".env", base+tt.env).gateway(t)
		if gw.Audit.Tracing != tt.tracing || gw.Audit.TraceExporter != tt.exporter {
			t.Errorf("%q: tracing %v exporter %q, want %v %q", tt.env, gw.Audit.Tracing, gw.Audit.TraceExporter, tt.tracing, tt.exporter)
		}
	}
}

// TestContextForgePlugins reads the plugin configuration beside the
// settings, inside the scanned folder only.
func TestContextForgePlugins(t *testing.T) {
	settings := "MCPGATEWAY_UI_ENABLED=false\nPLATFORM_ADMIN_EMAIL=admin@example.com\nPLUGINS_ENABLED=true\n"
	plugins := `plugin_settings: {fail_on_plugin_error: false}
plugins:
  - name: "PIIFilterPlugin"
    kind: "cpex_pii_filter.PIIFilterPlugin"
    hooks: ["prompt_pre_fetch", "tool_pre_invoke", "tool_post_invoke"]
    mode: "enforce"
  - name: "SecretsDetection"
    kind: "cpex_secrets_detection.SecretsDetectionPlugin"
    hooks: ["tool_post_invoke"]
    mode: "permissive"
    conditions:
      - server_ids: ["billing"]
  - name: "HarmfulContentDetector"
    kind: "plugins.harmful_content_detector.harmful_content_detector.HarmfulContentDetectorPlugin"
    hooks: ["prompt_pre_fetch", "tool_post_invoke"]
    mode: "disabled"
  - name: "ArgumentNormalizer"
    kind: "plugins.argument_normalizer.argument_normalizer.ArgumentNormalizerPlugin"
    hooks: ["tool_pre_invoke"]
    mode: "enforce"
  - name: "LLMGuardPlugin"
    kind: "external"
    hooks: ["tool_pre_invoke"]
    mode: "enforce_ignore_error"
`
	tests := []struct {
		name       string
		tree       map[string]string
		guardrails string
		filtering  string
	}{
		{"plugins beside the settings", map[string]string{".env": settings, "plugins/config.yaml": plugins},
			"LLMGuardPlugin/prompt-injection/req/enforce/fail-open; PIIFilterPlugin/pii/both/enforce; SecretsDetection/secrets/resp/monitor/scoped",
			"enforced"},
		{"plugins switched off", map[string]string{".env": strings.Replace(settings, "PLUGINS_ENABLED=true", "PLUGINS_ENABLED=false", 1),
			"plugins/config.yaml": plugins}, "", "none"},
		{"only monitoring", map[string]string{".env": settings, "plugins/config.yaml": strings.Replace(plugins, `mode: "enforce"`, `mode: "permissive"`, 1)},
			"LLMGuardPlugin/prompt-injection/req/enforce/fail-open; PIIFilterPlugin/pii/both/monitor; SecretsDetection/secrets/resp/monitor/scoped",
			"monitor"},
		{"configuration not in view", map[string]string{".env": settings}, "", "unknown"},
		{"configuration named elsewhere", map[string]string{".env": settings + "PLUGIN_CONFIG_FILE=conf/guards.yaml\n", "conf/guards.yaml": plugins},
			"LLMGuardPlugin/prompt-injection/req/enforce/fail-open; PIIFilterPlugin/pii/both/enforce; SecretsDetection/secrets/resp/monitor/scoped",
			"enforced"},
		{"configuration outside the scanned folder", map[string]string{".env": settings + "PLUGIN_CONFIG_FILE=../plugins.yaml\n"}, "", "unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "repo")
			if err := os.WriteFile(filepath.Join(parent, "plugins.yaml"), []byte(plugins), 0o644); err != nil {
				t.Fatal(err)
			}
			for name, content := range tt.tree {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			out, err := files.Collect(context.Background(), files.Options{Paths: []string{dir}, Now: fixedNow, Version: "test"}, Analyzers())
			if err != nil {
				t.Fatal(err)
			}
			var gws []*evidence.Gateway
			for _, s := range out.Subjects {
				if err := evidence.ValidateSubject(s); err != nil {
					t.Error(err)
				}
				if gw, ok := s.(*evidence.Gateway); ok {
					gws = append(gws, gw)
				}
			}
			if len(gws) != 1 {
				t.Fatalf("%d gateways", len(gws))
			}
			if got := guardrailsOf(gws[0]); got != tt.guardrails {
				t.Errorf("guardrails %q, want %q", got, tt.guardrails)
			}
			if gws[0].OutputFiltering != tt.filtering {
				t.Errorf("output filtering %q, want %q", gws[0].OutputFiltering, tt.filtering)
			}
		})
	}
}
