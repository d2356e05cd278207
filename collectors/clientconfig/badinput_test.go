package clientconfig

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
)

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"malformed/.cursor/mcp.json":        "{\n  \"mcpServers\": {\n    \"a\": {\"command\": \"x\"\n  }\n",
		"trailing/.cursor/mcp.json":         "{\n  \"mcpServers\": {\n    \"a\": {\"command\": \"x\"},\n  }\n}\n",
		"malformed/.continue/config.yaml":   "mcpServers:\n  - name: a\n    args: [1, 2\n  - name: b\n",
		"malformed/.codex/config.toml":      "[mcp_servers.a]\ncommand = \"x\"\nargs = [\"a\",\n\n[mcp_servers.a]\n",
		"malformed/server.json":             "{\"$schema\": \"x\"", // weak name, unparsable: not known to be MCP
		"empty/.mcp.json":                   "  \n\t\n",
		"schema/.mcp.json":                  "[1, 2, 3]",
		"good/.vscode/mcp.json":             `{"servers": {"ok": {"command": "node", "args": ["s.js"]}}}`,
		"good/.gemini/settings.json":        `{"mcpServers": {"ok": {"command": "node"}}}`,
		"unrelated/package.json":            `{"name": "x", "version": "1.0.0"}`,
		"binary/claude_desktop_config.json": "{\"mcpServers\": {}}\x00\x01\x02",
	})
	// Over the 10 MB limit (sparse: nothing is really written).
	big := filepath.Join(dir, "big", ".gemini", "settings.json")
	if err := os.MkdirAll(filepath.Dir(big), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(11 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	// A broken link named like a config, a loop of file links, and a
	// directory link back to its ancestor.
	mustSymlink(t, "does-not-exist.json", filepath.Join(dir, "good", ".mcp.json"))
	mustSymlink(t, "b.json", filepath.Join(dir, "links", "claude_desktop_config.json"))
	mustSymlink(t, "claude_desktop_config.json", filepath.Join(dir, "links", "b.json"))
	mustSymlink(t, "..", filepath.Join(dir, "links", "up"))
	// Unreadable by permissions (not testable as root, who reads anything).
	locked := filepath.Join(dir, "locked", "cline_mcp_settings.json")
	writeFiles(t, dir, map[string]string{"locked/cline_mcp_settings.json": `{"mcpServers": {}}`})
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(locked, 0o644)
	lockedWorks := os.Geteuid() != 0

	res := collect(t, dir)
	sources, servers := index(res)
	tests := []struct {
		file, status string
		line, col    int
		msg          string
	}{
		{"malformed/.cursor/mcp.json", evidence.StatusParseError, 5, 1, "JSON syntax error"},
		{"trailing/.cursor/mcp.json", evidence.StatusParseError, 3, 26, "trailing comma"},
		{"malformed/.continue/config.yaml", evidence.StatusParseError, 3, 0, "YAML syntax error"}, // the unclosed "[" is on line 3
		{"malformed/.codex/config.toml", evidence.StatusParseError, 5, 2, "TOML syntax error"},
		{"empty/.mcp.json", evidence.StatusEmpty, 0, 0, "empty"},
		{"schema/.mcp.json", evidence.StatusSchemaError, 1, 1, "top level"},
		{"binary/claude_desktop_config.json", evidence.StatusBinary, 0, 0, "NUL"},
		{"big/.gemini/settings.json", evidence.StatusTooLarge, 0, 0, "limit"},
		{"good/.mcp.json", evidence.StatusUnreadable, 0, 0, "does not exist"},
		{"links/claude_desktop_config.json", evidence.StatusSymlinkLoop, 0, 0, "symbolic links"},
		{"links/up", evidence.StatusSymlinkLoop, 0, 0, "contains it"},
		{"good/.vscode/mcp.json", evidence.StatusOK, 0, 0, ""},
		{"good/.gemini/settings.json", evidence.StatusOK, 0, 0, ""},
	}
	if lockedWorks {
		tests = append(tests, struct {
			file, status string
			line, col    int
			msg          string
		}{"locked/cline_mcp_settings.json", evidence.StatusUnreadable, 0, 0, "permission denied"})
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			src := sources[tt.file]
			if src == nil {
				t.Fatalf("no source subject")
			}
			if src.Status != tt.status {
				t.Fatalf("status = %s, want %s (%+v)", src.Status, tt.status, src.Diagnostics)
			}
			if tt.msg == "" {
				if len(src.Diagnostics) != 0 {
					t.Errorf("unexpected diagnostics %+v", src.Diagnostics)
				}
				return
			}
			if len(src.Diagnostics) == 0 {
				t.Fatal("no diagnostic")
			}
			d := src.Diagnostics[0]
			if d.Line != tt.line || d.Column != tt.col || !strings.Contains(d.Message, tt.msg) || d.File != tt.file {
				t.Errorf("diagnostic = %+v, want %s:%d:%d %q", d, tt.file, tt.line, tt.col, tt.msg)
			}
		})
	}
	for _, name := range []string{"unrelated/package.json", "malformed/server.json"} {
		if _, ok := sources[name]; ok {
			t.Errorf("%s is not an MCP file but was reported", name)
		}
	}
	if s := servers["good/.vscode/mcp.json#ok"]; s == nil || s.Ignored {
		t.Error("a good file next to bad ones was not collected")
	}
	if s := servers["trailing/.cursor/mcp.json#a"]; s == nil || !s.Ignored {
		t.Error("server in a file the client cannot parse should be reported as ignored")
	}
}

func mustSymlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symlinks unavailable: %v", err)
	}
}
