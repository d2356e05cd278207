package clientconfig

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/evidence"
)

// TestUserConfigsAlone checks that --user-configs without paths reads the
// per-user client configs and nothing from the working directory.
func TestUserConfigsAlone(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	write := func(path, body string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(home, ".cursor", "mcp.json"), `{"mcpServers": {"user-server": {"command": "uvx", "args": ["mcp-server-time==0.6.2"]}}}`)
	work := t.TempDir()
	write(filepath.Join(work, ".mcp.json"), `{"mcpServers": {"project-server": {"command": "node", "args": ["x.js"]}}}`)
	t.Chdir(work)

	res, err := New().Collect(context.Background(), collectors.Request{UserConfigs: true, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range res.Subjects {
		if srv, ok := s.(*evidence.Server); ok {
			names = append(names, srv.Name)
			if srv.Provenance.File != "~/.cursor/mcp.json" {
				t.Errorf("user config shown as %q, want ~/.cursor/mcp.json", srv.Provenance.File)
			}
		}
	}
	if len(names) != 1 || names[0] != "user-server" {
		t.Fatalf("servers = %v, want only the user's [user-server]", names)
	}
}
