package clientconfig

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/evidence"
)

// seedFuzz adds every corpus and fixture file with one of exts as a seed,
// once per file name the target tries.
func seedFuzz(f *testing.F, names int, exts ...string) {
	for _, root := range []string{corpusDir, formatsDir} {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			for _, ext := range exts {
				if strings.HasSuffix(p, ext) {
					// Large seeds only slow the fuzzer down.
					if b, err := os.ReadFile(p); err == nil && len(b) <= 16<<10 {
						for i := 0; i < names; i++ {
							f.Add(uint8(i), b)
						}
					}
				}
			}
			return nil
		})
	}
}

// fuzzName runs data through one of names (chosen by which): recognition,
// the format's parser, redaction and JSON encoding must not panic or hang,
// and every server must be linked to its source.
func fuzzName(t *testing.T, which uint8, data []byte, names []string) {
	if len(data) > 8<<10 {
		// Large inputs slow every run and the minimizer down; the parsers'
		// logic is exercised by small inputs, and TestPathologicalInputsLinear
		// checks that the time taken grows linearly with the input.
		t.Skip("input larger than 8 KiB")
	}
	names = names[int(which)%len(names) : int(which)%len(names)+1]
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			buf := make([]byte, 1<<20)
			n := runtime.Stack(buf, true)
			panic(fmt.Sprintf("analysis of a %d-byte input took over 5s:\n%s", len(data), buf[:n]))
		}
	}()
	for _, name := range names {
		sourceID := evidence.MakeID(evidence.KindSource, name, "")
		subjects := analyze(name, data)
		for _, s := range subjects {
			// A server links to its source first; a server behind a gateway
			// links to that gateway as well.
			if srv, ok := s.(*evidence.Server); ok && (len(srv.Links) == 0 || srv.Links[0] != sourceID) {
				t.Fatalf("%s: server %q not linked to its source", name, srv.Name)
			}
		}
		if _, err := json.Marshal(subjects); err != nil {
			t.Fatalf("%s: marshal: %v", name, err)
		}
	}
}

var jsonNames = []string{
	"claude_desktop_config.json", ".mcp.json", ".claude.json", "managed-mcp.json", ".cursor/mcp.json",
	".vscode/mcp.json", "Code/User/settings.json", ".codeium/windsurf/mcp_config.json", "cline_mcp_settings.json",
	".continue/mcpServers/a.json", ".zed/settings.json", ".gemini/settings.json", "server.json", "manifest.json", "other.json",
}

var (
	yamlNames = []string{".continue/config.yaml", ".continue/mcpServers/a.yaml", "values.yaml", "compose.yaml"}
	tomlNames = []string{".codex/config.toml", "other.toml"}
)

func FuzzJSON(f *testing.F) {
	seedFuzz(f, len(jsonNames), ".json")
	f.Add(uint8(0), []byte(`{"mcpServers": {"a": {"command": "x", "args": ["-y"], "env": {"K": "v"}}}} // c`))
	// A credential value running to the end of the file (once quadratic to
	// redact).
	f.Add(uint8(0), []byte(`{"token": "`+strings.Repeat("\xd9", 4000)))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) { fuzzName(t, which, data, jsonNames) })
}

func FuzzYAML(f *testing.F) {
	seedFuzz(f, len(yamlNames), ".yaml", ".yml")
	f.Add(uint8(0), []byte("mcpServers:\n  - name: a\n    command: x\n    args: [a, b]\n"))
	f.Add(uint8(0), []byte(yamlAliasBomb())) // once expanded to a million nodes
	f.Fuzz(func(t *testing.T, which uint8, data []byte) { fuzzName(t, which, data, yamlNames) })
}

func FuzzTOML(f *testing.F) {
	seedFuzz(f, len(tomlNames), ".toml")
	f.Add(uint8(0), []byte("[mcp_servers.a]\ncommand = \"x\"\nenv = { K = \"v\" }\n"))
	f.Add(uint8(0), []byte(dottedTOML(2000))) // once took seconds to build
	f.Fuzz(func(t *testing.T, which uint8, data []byte) { fuzzName(t, which, data, tomlNames) })
}
