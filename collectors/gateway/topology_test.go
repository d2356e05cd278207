package gateway

import (
	"slices"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
)

// TestFront checks which client entries are linked to which gateway
// listener: loopback URLs by published port within the client's project,
// names by the listener's hosts (Kubernetes short forms and wildcards
// included), paths under the listener's path, and nothing for templated
// URLs, servers declared behind a gateway, or gateways in another project.
func TestFront(t *testing.T) {
	gw := func(id, file string, ls ...evidence.Listener) *evidence.Gateway {
		g := &evidence.Gateway{Listeners: ls}
		g.ID, g.Kind, g.Provenance.File = id, evidence.KindGateway, file
		return g
	}
	srv := func(id, file, url, host string, port int, path string, loopback bool) *evidence.Server {
		s := &evidence.Server{Remote: &evidence.Remote{URL: url, Scheme: "http", Host: host, Port: port, Path: path, Loopback: loopback}}
		s.ID, s.Kind, s.Provenance.File = id, evidence.KindServer, file
		return s
	}
	compose := gw("gw-compose", "app/compose.yaml",
		evidence.Listener{Bind: "127.0.0.1", Port: 8811, Exposure: evidence.ExposureLoopback, Path: "/mcp"},
		evidence.Listener{Bind: "0.0.0.0", Port: 8811, Exposure: evidence.ExposureInternal, Hosts: []string{"gateway"}, Path: "/mcp"})
	kube := gw("gw-kube", "deploy/toolhive.yaml",
		evidence.Listener{Port: 8080, Exposure: evidence.ExposureInternal, Hosts: []string{"mcp-fetch-proxy", "mcp-fetch-proxy.tools.svc.cluster.local"}})
	public := gw("gw-public", "edge/agentgateway.yaml",
		evidence.Listener{Bind: "0.0.0.0", Port: 443, TLS: true, Exposure: evidence.ExposureAllInterfaces, Hosts: []string{"*.mcp.acme.example"}})

	behind := srv("behind", "app/compose.yaml", "http://localhost:8811/mcp", "localhost", 8811, "/mcp", true)
	behind.Scope = evidence.ScopeGateway
	templated := srv("templated", "app/.vscode/mcp.json", "${input:url}", "x.example", 0, "", false)
	templated.Remote.Templated = true
	tests := []struct {
		s    *evidence.Server
		want []string
	}{
		{srv("vscode-loopback", "app/.vscode/mcp.json", "http://localhost:8811/mcp", "localhost", 8811, "/mcp", true), []string{"gw-compose"}},
		{srv("continue-loopback", "app/.continue/mcpServers/x.yaml", "http://127.0.0.1:8811/mcp/", "127.0.0.1", 8811, "/mcp/", true), []string{"gw-compose"}},
		{srv("other-project", "web/.vscode/mcp.json", "http://localhost:8811/mcp", "localhost", 8811, "/mcp", true), nil},
		{srv("user-config", "~/.cursor/mcp.json", "http://localhost:8811/mcp", "localhost", 8811, "/mcp", true), nil},
		{srv("wrong-path", "app/.vscode/mcp.json", "http://localhost:8811/sse", "localhost", 8811, "/sse", true), nil},
		{srv("wrong-port", "app/.vscode/mcp.json", "http://localhost:8812/mcp", "localhost", 8812, "/mcp", true), nil},
		{srv("service-name", "app/agent/.mcp.json", "http://gateway:8811/mcp", "gateway", 8811, "/mcp", false), []string{"gw-compose"}},
		{srv("service-name-elsewhere", "other/.mcp.json", "http://gateway:8811/mcp", "gateway", 8811, "/mcp", false), nil},
		{srv("kube-fqdn", "clients/.mcp.json", "http://mcp-fetch-proxy.tools.svc.cluster.local:8080/mcp", "mcp-fetch-proxy.tools.svc.cluster.local", 8080, "/mcp", false), nil},
		{srv("kube-ns-form", "deploy/.mcp.json", "http://mcp-fetch-proxy.tools:8080/mcp", "mcp-fetch-proxy.tools", 8080, "/mcp", false), []string{"gw-kube"}},
		{srv("wildcard", "ops/.cursor/mcp.json", "https://docs.mcp.acme.example/mcp", "docs.mcp.acme.example", 0, "/mcp", false), []string{"gw-public"}},
		{srv("wildcard-too-deep", "ops/.cursor/mcp.json", "https://a.docs.mcp.acme.example/mcp", "a.docs.mcp.acme.example", 0, "/mcp", false), nil},
		{behind, nil},
		{templated, nil},
	}
	tests[10].s.Remote.Scheme = "https"
	tests[11].s.Remote.Scheme = "https"
	subjects := []evidence.Subject{compose, kube, public}
	for _, tc := range tests {
		subjects = append(subjects, tc.s)
	}
	Front(subjects)
	for _, tc := range tests {
		var got []string
		for _, l := range tc.s.Links {
			if l == "gw-compose" || l == "gw-kube" || l == "gw-public" {
				got = append(got, l)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s (%s %s): linked to %v, want %v", tc.s.ID, tc.s.Provenance.File, tc.s.Remote.URL, got, tc.want)
		}
	}
}
