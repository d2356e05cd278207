package clientconfig

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/evidence"
)

// seedFuzz adds every corpus and fixture file with one of exts as a seed.
func seedFuzz(f *testing.F, exts ...string) {
	for _, root := range []string{corpusDir, formatsDir} {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			for _, ext := range exts {
				if strings.HasSuffix(p, ext) {
					// Large seeds only slow the fuzzer down.
					if b, err := os.ReadFile(p); err == nil && len(b) <= 16<<10 {
						f.Add(b)
					}
				}
			}
			return nil
		})
	}
}

// fuzzNames runs data through every given file name: recognition, every
// format's parser, redaction and JSON encoding must not panic, and every
// server must be linked to its source.
func fuzzNames(t *testing.T, data []byte, names []string) {
	req := collectors.Request{Now: fixedNow}
	for _, name := range names {
		src := &evidence.Source{Meta: evidence.Meta{Kind: evidence.KindSource, ID: evidence.MakeID(evidence.KindSource, name, ""), Name: name}}
		res := analyze(candidate{rel: name, explicit: true}, req, src, data)
		for _, s := range res.subjects {
			if srv, ok := s.(*evidence.Server); ok && (len(srv.Links) != 1 || srv.Links[0] != src.ID) {
				t.Fatalf("%s: server %q not linked to its source", name, srv.Name)
			}
		}
		if _, err := json.Marshal(res.subjects); err != nil {
			t.Fatalf("%s: marshal: %v", name, err)
		}
	}
}

var jsonNames = []string{
	"claude_desktop_config.json", ".mcp.json", ".claude.json", "managed-mcp.json", ".cursor/mcp.json",
	".vscode/mcp.json", "Code/User/settings.json", ".codeium/windsurf/mcp_config.json", "cline_mcp_settings.json",
	".continue/mcpServers/a.json", ".zed/settings.json", ".gemini/settings.json", "server.json", "manifest.json", "other.json",
}

func FuzzJSON(f *testing.F) {
	seedFuzz(f, ".json")
	f.Add([]byte(`{"mcpServers": {"a": {"command": "x", "args": ["-y"], "env": {"K": "v"}}}} // c`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzNames(t, data, jsonNames) })
}

func FuzzYAML(f *testing.F) {
	seedFuzz(f, ".yaml", ".yml")
	f.Add([]byte("mcpServers:\n  - name: a\n    command: x\n    args: [a, b]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzNames(t, data, []string{".continue/config.yaml", ".continue/mcpServers/a.yaml", "values.yaml", "compose.yaml"})
	})
}

func FuzzTOML(f *testing.F) {
	seedFuzz(f, ".toml")
	f.Add([]byte("[mcp_servers.a]\ncommand = \"x\"\nenv = { K = \"v\" }\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzNames(t, data, []string{".codex/config.toml", "other.toml"}) })
}
