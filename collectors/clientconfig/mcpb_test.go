package clientconfig

import (
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
)

// TestMCPBHostLaunchedServers: a manifest whose server type lets the host
// launch the server (uv, whose mcp_config is optional, or a runtime and an
// entry point) declares a live server; only a server the host cannot launch
// is ignored.
func TestMCPBHostLaunchedServers(t *testing.T) {
	tests := []struct {
		name, server string
		ignored      bool
		command      string
		args         string
	}{
		{"uv without mcp_config", `{"type": "uv", "entry_point": "src/server.py"}`, false, "uv", "run --directory ${__dirname} ${__dirname}/src/server.py"},
		{"node without mcp_config", `{"type": "node", "entry_point": "server/index.js"}`, false, "node", "${__dirname}/server/index.js"},
		{"binary without mcp_config", `{"type": "binary", "entry_point": "bin/server"}`, false, "${__dirname}/bin/server", ""},
		{"mcp_config wins", `{"type": "uv", "entry_point": "src/server.py", "mcp_config": {"command": "uvx", "args": ["x==1.0"]}}`, false, "uvx", "x==1.0"},
		{"no entry point", `{"type": "node"}`, true, "", ""},
		{"unknown type", `{"type": "deno", "entry_point": "main.ts"}`, true, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := `{"manifest_version": "0.4", "name": "demo", "version": "1.0.0", "description": "d", "author": {"name": "a"}, "server": ` + tt.server + `}`
			var srv *evidence.Server
			for _, s := range analyze("bundle/manifest.json", []byte(doc)) {
				if v, ok := s.(*evidence.Server); ok {
					srv = v
				}
			}
			if srv == nil {
				t.Fatal("no server read")
			}
			if srv.Ignored != tt.ignored {
				t.Fatalf("ignored = %v (%s), want %v", srv.Ignored, srv.IgnoredReason, tt.ignored)
			}
			if tt.ignored {
				return
			}
			if srv.Launch == nil || srv.Launch.Command != tt.command || strings.Join(srv.Launch.Args, " ") != tt.args {
				t.Errorf("launch = %+v, want %s %s", srv.Launch, tt.command, tt.args)
			}
		})
	}
}

// TestRegistryRemoteWithoutCredentialIsOAuthCapable: a published remote
// without a declared header is reached by clients that run the MCP
// authorization flow when the server asks for it; its authentication is
// not verified rather than known to be absent.
func TestRegistryRemoteWithoutCredentialIsOAuthCapable(t *testing.T) {
	doc := `{"$schema": "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json", "name": "io.github.example/remote", "version": "1.0.0",
  "remotes": [{"type": "streamable-http", "url": "https://mcp.example.com/mcp"}]}`
	for _, s := range analyze("server.json", []byte(doc)) {
		if srv, ok := s.(*evidence.Server); ok && srv.Auth.Kind != evidence.AuthOAuthCapable {
			t.Errorf("auth = %+v, want oauth-capable", srv.Auth)
		}
	}
}
