package gateway

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/collectors/kubeobj"
	"github.com/tollgate-dev/tollgate/evidence"
)

// kubeSet reads a manifest text into a set, as the Kubernetes collector
// does for a file, collecting the raw secrets handed to it.
func kubeSet(t *testing.T, text string, secrets *[]string) *kubeobj.Set {
	t.Helper()
	docs, err := postree.ParseYAMLDocuments([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	objs, problems := kubeobj.FromDocuments(docs, "deploy/toolhive.yaml")
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	set := kubeobj.NewSet(kubeobj.Origin{Kind: kubeobj.OriginManifests, Path: "deploy", SourceID: "source:deploy/toolhive.yaml",
		Collected: fixedNow, Secret: func(s string) { *secrets = append(*secrets, s) }})
	set.Add(objs...)
	return set
}

// interpret runs the ToolHive interpreter and indexes what it read.
func interpret(t *testing.T, text string) (map[string]*evidence.Gateway, map[string]*evidence.Server, kubeobj.Interpretation, []string) {
	t.Helper()
	return interpretWith(t, ToolHiveInterpreter{}, text)
}

// interpretWith runs an interpreter over a manifest text, validates what it
// read and indexes it; it also returns the raw secrets handed to the set.
func interpretWith(t *testing.T, ip kubeobj.Interpreter, text string) (map[string]*evidence.Gateway, map[string]*evidence.Server, kubeobj.Interpretation, []string) {
	t.Helper()
	var handed []string
	in := ip.Interpret(context.Background(), kubeSet(t, text, &handed))
	gws, srvs := map[string]*evidence.Gateway{}, map[string]*evidence.Server{}
	for _, s := range in.Subjects {
		if err := evidence.ValidateSubject(s); err != nil {
			t.Errorf("%s: %v", s.Metadata().ID, err)
		}
		switch v := s.(type) {
		case *evidence.Gateway:
			gws[v.Name] = v
		case *evidence.Server:
			srvs[v.Name] = v
		}
	}
	return gws, srvs, in, handed
}

const toolhiveObjects = `apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPOIDCConfig
metadata: {name: idp, namespace: mcp}
spec:
  type: inline
  inline:
    issuer: https://idp.example.com/realms/mcp
    jwksUrl: https://idp.example.com/realms/mcp/certs
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPAuthzConfig
metadata: {name: tools, namespace: mcp}
spec:
  type: cedarv1
  config:
    policies:
      - 'permit(principal, action == Action::"call_tool", resource == Tool::"search") when { principal.claim_groups.contains("eng") };'
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPServer
metadata: {name: search, namespace: mcp}
spec:
  image: ghcr.io/example/search:1.2.0
  transport: stdio
  proxyPort: 8081
  groupRef: {name: eng}
  oidcConfigRef: {name: idp, audience: "https://search.mcp.example.com/mcp", resourceUrl: "https://search.mcp.example.com/mcp"}
  authzConfigRef: {name: tools}
  audit: {enabled: true}
  rateLimiting: {global: {requestsPerMinute: 60}}
  permissionProfile: {type: builtin, name: none}
  env:
    - {name: API_TOKEN, value: ghp_0123456789abcdefghijklmnopqrstuvwxyz}
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPServer
metadata: {name: open, namespace: mcp}
spec:
  image: mcp/fetch
  permissionProfile: {type: builtin, name: network}
  oidcConfigRef: {name: missing}
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPRemoteProxy
metadata: {name: notion, namespace: mcp}
spec:
  remoteUrl: https://mcp.notion.com/mcp
  allowPrivateEndpoint: true
  headerForward:
    addPlaintextHeaders: {X-Api-Key: sk-live-0123456789abcdefghijklmn}
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: VirtualMCPServer
metadata: {name: eng-vmcp, namespace: mcp}
spec:
  groupRef: {name: eng}
  serviceType: LoadBalancer
  incomingAuth: {type: anonymous}
  passthroughHeaders: [Authorization]
`

// TestToolHiveInterpreter checks ToolHive's custom resources: references
// resolved in the set, documented behaviour without them, and a virtual
// MCP server in front of its group.
func TestToolHiveInterpreter(t *testing.T) {
	gws, srvs, in, handed := interpret(t, toolhiveObjects)
	search := gws["search"]
	if search == nil || gws["open"] == nil || gws["notion"] == nil || gws["eng-vmcp"] == nil {
		t.Fatalf("gateways %v", gws)
	}
	a := search.Authentication
	if a.Mode != "required" || !slices.Equal(a.Audiences, []string{"https://search.mcp.example.com/mcp"}) || a.AudienceNotResource || a.InsecureKeySource {
		t.Errorf("search authentication %+v", a)
	}
	z := search.Authorization
	if z.Kind != "cedar" || !z.PerTool || !z.PerCaller || !z.ReadsClaims || len(z.Unrestricted) != 0 {
		t.Errorf("search authorization %+v", z)
	}
	if !search.Audit.Enabled || !search.RateLimit || search.Egress != "unknown" {
		t.Errorf("search audit %v rate %v egress %s", search.Audit.Enabled, search.RateLimit, search.Egress)
	}
	if l := search.Listeners[0]; l.Port != 8081 || l.Exposure != evidence.ExposureInternal || !slices.Contains(l.Hosts, "mcp-search-proxy.mcp.svc.cluster.local") {
		t.Errorf("search listener %+v", l)
	}
	if !slices.Contains(search.Links, "workload:deploy#mcp/MCPServer/search") {
		t.Errorf("search links %v, want its workload", search.Links)
	}
	s := srvs["search"]
	if s.Transport != evidence.TransportStdio || s.Env["API_TOKEN"].Kind != evidence.ValueLiteralSecret {
		t.Errorf("search server %+v", s)
	}
	if !slices.Contains(handed, "ghp_0123456789abcdefghijklmnopqrstuvwxyz") || !slices.Contains(handed, "sk-live-0123456789abcdefghijklmn") {
		t.Errorf("secrets handed to the source: %d, want the env token and the forwarded header", len(handed))
	}

	open := gws["open"]
	if open.Authentication.Mode != "unknown" || open.Egress != "open" {
		t.Errorf("open: mode %s egress %s", open.Authentication.Mode, open.Egress)
	}
	missing := false
	for _, d := range in.Diagnostics {
		missing = missing || strings.Contains(d.Message, "MCPOIDCConfig mcp/missing") && d.Line > 0
	}
	if !missing {
		t.Errorf("diagnostics %v, want the missing MCPOIDCConfig at its line", in.Diagnostics)
	}
	if !slices.Equal(open.MissingReferences, []string{"oidcConfigRef → MCPOIDCConfig mcp/missing"}) || len(search.MissingReferences) != 0 {
		t.Errorf("missing references: open %v, search %v", open.MissingReferences, search.MissingReferences)
	}

	notion := gws["notion"]
	if notion.SSRF == nil || !notion.SSRF.PrivateTargets || srvs["notion"].Remote.Host != "mcp.notion.com" {
		t.Errorf("notion ssrf %+v remote %+v", notion.SSRF, srvs["notion"].Remote)
	}

	vmcp := gws["eng-vmcp"]
	if vmcp.Authentication.Mode != "none" || !vmcp.TokenPassthrough || vmcp.Listeners[0].Exposure != evidence.ExposurePublic {
		t.Errorf("vmcp %+v", vmcp)
	}
	if !slices.Contains(vmcp.Servers, s.ID) || !slices.Contains(s.Links, vmcp.ID) {
		t.Errorf("vmcp fronts %v; search links %v: the group's server is behind the virtual server", vmcp.Servers, s.Links)
	}
}

// TestToolHiveRemovedInlineOIDC checks that the inline oidcConfig of early
// MCPServers, which current operators drop, is an ignored setting and does
// not count as authentication.
func TestToolHiveRemovedInlineOIDC(t *testing.T) {
	gws, _, _, _ := interpret(t, `apiVersion: toolhive.stacklok.dev/v1alpha1
kind: MCPServer
metadata: {name: old, namespace: mcp}
spec:
  image: mcp/fetch
  oidcConfig:
    type: kubernetes
    kubernetes: {audience: toolhive}
`)
	gw := gws["old"]
	if gw.Authentication.Mode != "none" || len(gw.IgnoredSettings) != 1 {
		t.Errorf("mode %s ignored %v", gw.Authentication.Mode, gw.IgnoredSettings)
	}
}

// TestToolHiveAuthzFile checks the Cedar authz config read on its own: a
// partial gateway whose permits without a principal condition are grants
// to every caller.
func TestToolHiveAuthzFile(t *testing.T) {
	r := analyze(t, "authz-config.json", `{"version": "1.0", "type": "cedarv1", "cedar": {"policies": [
  "permit(principal, action == Action::\"call_tool\", resource == Tool::\"weather\");",
  "permit(principal == Client::\"ci\", action, resource);",
  "forbid(principal, action == Action::\"call_tool\", resource == Tool::\"rm\");"
], "entities_json": "[]"}}`)
	gw := r.gateway(t)
	z := gw.Authorization
	if !gw.Partial || z.Kind != "cedar" || !z.PerTool || !z.PerCaller || !slices.Equal(z.Unrestricted, []string{"permit call_tool weather for any principal"}) {
		t.Errorf("gateway %+v authorization %+v", gw, z)
	}
}

// TestParseCedar checks the reading of Cedar policy heads.
func TestParseCedar(t *testing.T) {
	tests := []struct {
		text      string
		ok        bool
		principal string
		caller    bool
	}{
		{`permit(principal, action, resource);`, true, "principal", false},
		{`@id("x") permit (principal in Group::"admins", action == Action::"call_tool", resource);`, true, `principal in Group::"admins"`, true},
		{`permit(principal, action, resource in Tool::["a", "b"]) when { principal.claim_roles.contains("x") };`, true, "principal", true},
		{`allow everything`, false, "", false},
		{`permit(principal, action, resource`, false, "", false},
	}
	for _, tt := range tests {
		p, ok := parseCedar(tt.text)
		if ok != tt.ok || ok && (p.principal != tt.principal || p.constrainsCaller() != tt.caller) {
			t.Errorf("%q: %+v %v", tt.text, p, ok)
		}
	}
}

// TestVMCPConfig checks the vmcp serve config: its defaults and backends.
func TestVMCPConfig(t *testing.T) {
	r := analyze(t, "vmcp-config.yaml", `name: eng
groupRef: eng-team
incomingAuth:
  type: oidc
  oidc: {issuer: "http://keycloak.internal/realms/x", audience: vmcp, resource: "http://localhost:4483/mcp"}
  authz:
    type: cedar
    policies: ['permit(principal, action == Action::"tools/call", resource);']
outgoingAuth:
  source: inline
  default: {type: token_exchange}
  backends:
    github: {type: header_injection, headerInjection: {headerName: Authorization, headerValueEnv: GITHUB_TOKEN}}
backends:
  - {name: github, url: "https://api.githubcopilot.com/mcp", transport: streamable-http}
audit: {enabled: true, includeRequestData: true}
`)
	gw := r.gateway(t)
	if gw.Name != "eng" || gw.Listeners[0].Bind != "127.0.0.1" || gw.Listeners[0].Port != 4483 {
		t.Errorf("name %s listeners %+v", gw.Name, gw.Listeners)
	}
	a := gw.Authentication
	if a.Mode != "required" || !a.InsecureKeySource || !a.AudienceNotResource {
		t.Errorf("authentication %+v", a)
	}
	if !gw.Audit.Enabled || !gw.Audit.Payloads || !slices.Equal(gw.UpstreamAuth, []string{"static", "token-exchange"}) {
		t.Errorf("audit %+v upstream %v", gw.Audit, gw.UpstreamAuth)
	}
	if len(gw.Authorization.Unrestricted) != 1 {
		t.Errorf("unrestricted %v", gw.Authorization.Unrestricted)
	}
	if len(r.servers) != 1 || r.servers["github"].Remote.Host != "api.githubcopilot.com" {
		t.Errorf("servers %v", r.servers)
	}
}

// TestToolHiveProfile checks a permission profile read on its own.
func TestToolHiveProfile(t *testing.T) {
	r := analyze(t, "profile.json", `{"read": ["/data"], "network": {"outbound": {"insecure_allow_all": true}}}`)
	if gw := r.gateway(t); !gw.Partial || gw.Egress != "open" {
		t.Errorf("gateway %+v", gw)
	}
	r = analyze(t, "profile.json", `{"network": {"outbound": {"allow_host": ["api.github.com"], "allow_port": [443]}}}`)
	if gw := r.gateway(t); gw.Egress != "restricted" {
		t.Errorf("egress %s", gw.Egress)
	}
}

// TestToolHiveTelemetry: a ToolHive proxy or virtual server exports traces
// only when OpenTelemetry is on, its tracing is on, and an endpoint
// receives the spans; metrics alone are not traces.
func TestToolHiveTelemetry(t *testing.T) {
	gws, _, _, _ := interpret(t, `apiVersion: toolhive.stacklok.dev/v1alpha1
kind: MCPServer
metadata: {name: traced, namespace: mcp}
spec:
  image: mcp/fetch
  telemetry:
    openTelemetry:
      enabled: true
      endpoint: otel-collector.observability:4318
      tracing: {enabled: true, samplingRate: "0.1"}
---
apiVersion: toolhive.stacklok.dev/v1alpha1
kind: MCPServer
metadata: {name: metrics-only, namespace: mcp}
spec:
  image: mcp/fetch
  telemetry:
    openTelemetry:
      enabled: true
      endpoint: otel-collector.observability:4318
      metrics: {enabled: true}
    prometheus: {enabled: true}
---
apiVersion: toolhive.stacklok.dev/v1alpha1
kind: MCPServer
metadata: {name: no-endpoint, namespace: mcp}
spec:
  image: mcp/fetch
  telemetry:
    openTelemetry: {enabled: true, tracing: {enabled: true}}
---
apiVersion: toolhive.stacklok.dev/v1alpha1
kind: MCPRemoteProxy
metadata: {name: remote-traced, namespace: mcp}
spec:
  remoteUrl: https://mcp.example.com/mcp
  telemetry:
    openTelemetry: {enabled: true, endpoint: "https://otlp.example.com", tracing: {enabled: true}}
---
apiVersion: toolhive.stacklok.dev/v1alpha1
kind: VirtualMCPServer
metadata: {name: vmcp-traced, namespace: mcp}
spec:
  groupRef: {name: eng}
  incomingAuth: {type: anonymous}
  config:
    telemetry: {endpoint: "otel-collector:4318", tracingEnabled: true}
---
apiVersion: toolhive.stacklok.dev/v1alpha1
kind: VirtualMCPServer
metadata: {name: vmcp-off, namespace: mcp}
spec:
  groupRef: {name: eng}
  incomingAuth: {type: anonymous}
  config:
    telemetry: {endpoint: "otel-collector:4318", metricsEnabled: true}
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPTelemetryConfig
metadata: {name: shared-otel, namespace: mcp}
spec:
  openTelemetry: {endpoint: "otel-collector.observability:4318", tracing: {enabled: true}}
---
apiVersion: toolhive.stacklok.dev/v1alpha1
kind: MCPTelemetryConfig
metadata: {name: flat-otel, namespace: mcp}
spec: {endpoint: "otel-collector:4318", tracingEnabled: true}
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPServer
metadata: {name: shared, namespace: mcp}
spec:
  image: mcp/fetch
  telemetryConfigRef: {name: shared-otel}
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPTelemetryConfig
metadata: {name: off-otel, namespace: mcp}
spec:
  openTelemetry: {enabled: false, endpoint: "otel-collector.observability:4318", tracing: {enabled: true}}
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPRemoteProxy
metadata: {name: shared-off, namespace: mcp}
spec:
  remoteUrl: https://mcp.example.com/mcp
  telemetryConfigRef: {name: off-otel}
  telemetry:
    openTelemetry: {enabled: true, endpoint: "https://otlp.example.com", tracing: {enabled: true}}
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: VirtualMCPServer
metadata: {name: vmcp-shared, namespace: mcp}
spec:
  groupRef: {name: eng}
  incomingAuth: {type: anonymous}
  telemetryConfigRef: {name: flat-otel}
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: VirtualMCPServer
metadata: {name: vmcp-ref-missing, namespace: mcp}
spec:
  groupRef: {name: eng}
  incomingAuth: {type: anonymous}
  telemetryConfigRef: {name: gone}
  config:
    telemetry: {endpoint: "otel-collector:4318", tracingEnabled: true}
`)
	for name, want := range map[string]bool{"traced": true, "metrics-only": false, "no-endpoint": false,
		"remote-traced": true, "vmcp-traced": true, "vmcp-off": false, "shared": true, "shared-off": false, "vmcp-shared": true, "vmcp-ref-missing": false} {
		gw := gws[name]
		if gw == nil {
			t.Errorf("%s: no gateway", name)
			continue
		}
		if gw.Audit.Tracing != want || want && gw.Audit.TraceExporter != "otlp" {
			t.Errorf("%s: tracing %v exporter %q, want %v", name, gw.Audit.Tracing, gw.Audit.TraceExporter, want)
		}
	}
	if got := gws["vmcp-ref-missing"].MissingReferences; !slices.Equal(got, []string{"telemetryConfigRef → MCPTelemetryConfig mcp/gone"}) {
		t.Errorf("missing telemetry reference: %v", got)
	}

	file := analyze(t, "vmcp-config.yaml", `name: eng
groupRef: eng-team
incomingAuth: {type: anonymous}
telemetry: {endpoint: "otel-collector:4318", tracingEnabled: true, samplingRate: "0.05"}
`).gateway(t)
	if !file.Audit.Tracing || file.Audit.TraceExporter != "otlp" {
		t.Errorf("vmcp config file: tracing %v exporter %q", file.Audit.Tracing, file.Audit.TraceExporter)
	}
}
