package clientconfig

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/tollgate-dev/tollgate/collectors/files"
)

// benchDir holds the generated tree; it lives as long as the benchmark's
// temporary directory and is regenerated when that is gone.
var benchDir string

// benchTemplates are varied configuration files; each is instantiated with
// a distinct number so no two generated files are equal.
var benchTemplates = []struct{ path, body string }{
	{"p%[1]d/.cursor/mcp.json", `{"mcpServers": {"a%[1]d": {"command": "npx", "args": ["-y", "pkg-%[1]d@1.0.0"], "env": {"TOKEN": "ghp_%036[1]d"}}, "r": {"url": "https://h%[1]d.example.com/mcp"}}}`},
	{"p%[1]d/.vscode/mcp.json", "{\n // c\n \"inputs\": [{\"id\": \"t\", \"password\": true}],\n \"servers\": {\"s%[1]d\": {\"type\": \"http\", \"url\": \"https://x%[1]d.example.com/mcp\", \"headers\": {\"Authorization\": \"Bearer ${input:t}\"},},},\n}"},
	{"p%[1]d/.mcp.json", `{"mcpServers": {"c%[1]d": {"command": "docker", "args": ["run", "-i", "--rm", "-v", "/:/host", "img%[1]d:latest"]}}}`},
	{"p%[1]d/.gemini/settings.json", `{"mcpServers": {"g%[1]d": {"httpUrl": "https://g%[1]d.example.com/mcp", "trust": true}}}`},
	{"p%[1]d/.codex/config.toml", "[mcp_servers.x%[1]d]\ncommand = \"uvx\"\nargs = [\"pkg-%[1]d==1.0\"]\n[mcp_servers.x%[1]d.env]\nKEY = \"v\"\n"},
	{"p%[1]d/.continue/config.yaml", "mcpServers:\n  - name: y%[1]d\n    command: bunx\n    args: [\"-y\", \"pkg-%[1]d\"]\n"},
	{"p%[1]d/.zed/settings.json", "{\"context_servers\": {\"z%[1]d\": {\"command\": {\"path\": \"/bin/srv%[1]d\", \"args\": []}}},}"},
	{"p%[1]d/cline_mcp_settings.json", `{"mcpServers": {"k%[1]d": {"command": "python", "args": ["s%[1]d.py"], "autoApprove": ["a"]}}}`},
	{"p%[1]d/server.json", `{"$schema": "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json", "name": "io.github.x/s%[1]d", "version": "1.0.%[1]d", "packages": [{"registryType": "npm", "identifier": "p", "version": "1.0.0"}]}`},
	{"p%[1]d/README.json", `{"name": "not-mcp-%[1]d", "n": %[1]d}`},
}

// BenchmarkCollect10k collects a generated tree of 10,000 varied files.
func BenchmarkCollect10k(b *testing.B) {
	if _, err := os.Stat(benchDir); benchDir == "" || err != nil {
		benchDir = filepath.Join(b.TempDir(), "tree")
		files := make(map[string]string, 10000)
		for i := 0; len(files) < 10000; i++ {
			t := benchTemplates[i%len(benchTemplates)]
			files[fmt.Sprintf(t.path, i)] = fmt.Sprintf(t.body, i)
		}
		writeFiles(b, benchDir, files)
	}
	opts := files.Options{Root: benchDir, Paths: []string{benchDir}, Now: fixedNow}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := files.Collect(context.Background(), opts, testAnalyzers())
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Artifacts) != 9000 {
			b.Fatalf("artifacts = %d, want 9000", len(res.Artifacts))
		}
	}
}
