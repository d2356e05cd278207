package gateway

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/evidence"
)

// fuzzNames are file names that reach each gateway format.
var fuzzNames = []string{"agentgateway/config.yaml", "compose.yaml", ".env", "litellm_config.yaml",
	"authz-config.json", "profile.json", ".docker/mcp/registry.yaml", "vmcp-config.yaml", "kong.yaml",
	"conf.d/mcp.conf", "kong.json", "templates/default.conf.template", "infra/main.tf"}

// FuzzGatewayFormats feeds arbitrary text to the gateway analyzers under
// each format's file name: no panic, every subject valid, every server
// linked to its source first.
func FuzzGatewayFormats(f *testing.F) {
	for _, d := range gatewayCorpus {
		paths, _ := filepath.Glob(filepath.Join(corpusDir, d, "*"))
		for _, p := range paths {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(uint8(0), data)
			}
		}
	}
	f.Add(uint8(1), []byte("services:\n  gw:\n    image: docker/mcp-gateway\n    command: [\"--transport\"]\n"))
	f.Add(uint8(2), []byte("AUTH_REQUIRED=\"unterminated\nBASIC_AUTH_PASSWORD='x\nexport TRUST_PROXY_AUTH=true\n"))
	f.Add(uint8(4), []byte(`{"type":"cedarv1","cedar":{"policies":["permit(","forbid(principal, action, resource) when {"]}}`))
	f.Add(uint8(7), []byte("name: x\ngroupRef: g\nincomingAuth: {type: anonymous}\noutgoingAuth: {source: inline}\n"))
	f.Add(uint8(8), []byte("_format_version: \"3.0\"\nservices: [{name: m, url: \"https://m:8443/mcp\", routes: [{name: m, paths: [/mcp]}]}]\nplugins: [{name: ai-mcp-proxy, config: {mode: listener}}]\n"))
	for _, dir := range []string{"kong", "nginx", "terraform"} {
		_ = filepath.WalkDir(filepath.Join("testdata", dir), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if data, err := os.ReadFile(p); err == nil {
					f.Add(uint8(9), data)
				}
			}
			return nil
		})
	}
	f.Add(uint8(9), []byte("server { location /mcp { proxy_pass http://x; if ($host !~ \"a\") { return 403; } access_by_lua_block { x = \"}\" } }"))
	f.Add(uint8(12), []byte("resource \"docker_container\" \"m\" {\n  name = \"mcp-${var.x}\"\n  env = [\"A=${local.a}\"]\n}\nlocals { a = local.a }\n"))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		if len(data) > 64<<10 {
			t.Skip("input larger than 64 KiB")
		}
		name := fuzzNames[int(which)%len(fuzzNames)]
		out := files.CollectData(context.Background(), name, data, files.Options{Now: fixedNow, Version: "test"}, Analyzers())
		source := evidence.MakeID(evidence.KindSource, name, "")
		for _, s := range out.Subjects {
			if err := evidence.ValidateSubject(s); err != nil {
				t.Fatalf("%s: %v", s.Metadata().ID, err)
			}
			if srv, ok := s.(*evidence.Server); ok && (len(srv.Links) == 0 || srv.Links[0] != source) {
				t.Fatalf("server %s links %v", srv.Name, srv.Links)
			}
		}
		if _, err := json.Marshal(out.Subjects); err != nil {
			t.Fatal(err)
		}
	})
}
