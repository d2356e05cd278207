package gateway

import (
	"slices"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
)

// The fixture testdata/kmcp/mcpservers.yaml follows kmcp's MCPServer API
// (api/v1alpha1/mcpserver_types.go) and samples; what the controller runs for
// it follows its transport adapter translator (agentgateway with a generated
// configuration and a ClusterIP Service).

// TestKmcpInterpreter checks the adapter as a gateway and the servers behind
// it, stdio and HTTP.
func TestKmcpInterpreter(t *testing.T) {
	gws, srvs, in, _ := interpretWith(t, KmcpInterpreter{}, readFixture(t, "kmcp/mcpservers.yaml"))
	gh := gws["github"]
	if gh == nil || gh.Product != "kmcp" || gh.Authentication.Mode != "none" || gh.Authorization.Kind != "none" || !gh.Audit.Enabled {
		t.Fatalf("github gateway %+v", gh)
	}
	if l := gh.Listeners; len(l) != 1 || l[0].Port != 3000 || l[0].Exposure != evidence.ExposureInternal || l[0].Transport != "" {
		t.Errorf("listeners %+v: the adapter serves /mcp and /sse on the deployment port", l)
	}
	if !slices.Contains(gh.Links, "workload:deploy#kagent/MCPServer/github") {
		t.Errorf("links %v: the gateway links to the workload the Kubernetes collector builds", gh.Links)
	}
	s := srvs["github"]
	if s == nil || s.Launch == nil || s.Launch.Runner != "npx" || !s.Launch.AutoInstall || s.Launch.Package.Name != "@modelcontextprotocol/server-github" {
		t.Fatalf("github server %+v", s)
	}
	if len(s.Env) != 0 {
		t.Errorf("env %v: the pod's environment is judged on the workload", s.Env)
	}
	docs := gws["docs-search"]
	if !docs.UpstreamTLSUnverified || docs.Image == nil || docs.Version != "0.9.0-musl" || docs.Listeners[0].Port != 8080 {
		t.Errorf("docs gateway %+v", docs)
	}
	if d := srvs["docs-search"]; d.Remote == nil || d.Remote.URL != "https://localhost:8443/mcp" || d.Auth.Kind != evidence.AuthLocal {
		t.Errorf("docs server %+v", d.Remote)
	}
	if len(in.Diagnostics) < 3 {
		t.Errorf("diagnostics %v", in.Diagnostics)
	}
}

// TestKmcpRejected checks an MCPServer the controller refuses.
func TestKmcpRejected(t *testing.T) {
	gws, _, _, _ := interpretWith(t, KmcpInterpreter{}, `apiVersion: kagent.dev/v1alpha1
kind: MCPServer
metadata: {name: x, namespace: kagent}
spec:
  deployment: {image: mcp/time:1.0, port: 3000}
`)
	if gw := gws["x"]; len(gw.ConfigErrors) != 1 {
		t.Errorf("config errors %v: a transport type is required", gw.ConfigErrors)
	}
}
