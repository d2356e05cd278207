package clientconfig

import (
	"path"
	"testing"
)

// TestGlobMatchIsPathMatch checks globMatch against path.Match on literal
// names, globs, classes, escapes and malformed patterns.
func TestGlobMatchIsPathMatch(t *testing.T) {
	patterns := []string{"mcp.json", ".mcp.json", "settings.local.json", "*.yaml", "*.json", "config.y*ml", "mcp?.json",
		"[a-c]onfig.toml", `\*.json`, `a\`, "[", "]", "a]b", "^x", "x-y", ""}
	names := []string{"mcp.json", ".mcp.json", "settings.local.json", "a.yaml", "config.yml", "config.yaml", "mcp1.json",
		"bonfig.toml", "*.json", `a\`, "a", "[", "]", "a]b", "^x", "x-y", "", "MCP.JSON", "mcp.json.bak", "x/mcp.json"}
	for _, p := range patterns {
		for _, n := range names {
			want, _ := path.Match(p, n)
			if got := globMatch(p, n); got != want {
				t.Errorf("globMatch(%q, %q) = %v, want %v", p, n, got, want)
			}
		}
	}
}
