package collectors

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/evidence"
)

// fixedNow is the collection time used by tests, so output is reproducible.
var fixedNow = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

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

	res, err := Collect(context.Background(), Request{ClientConfigs: ClientConfigOptions{UserConfigs: true}, Now: fixedNow})
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

// TestSkipsEvidenceBundles checks that a second run over a repository does
// not collect the redacted copies the first run wrote into its output folder.
func TestSkipsEvidenceBundles(t *testing.T) {
	repo := t.TempDir()
	cfg := `{"mcpServers": {"docs": {"command": "uvx", "args": ["mcp-server-time==0.6.2"]}}}`
	b := &evidence.Bundle{
		FormatVersion: evidence.BundleFormatVersion, Tool: "tollgate", Created: fixedNow,
		Artifacts: []evidence.Artifact{{Path: ".mcp.json", BundlePath: "artifacts/.mcp.json", SHA256: fmt.Sprintf("%x", sha256.Sum256([]byte(cfg))), Size: int64(len(cfg))}},
		Files:     map[string][]byte{"artifacts/.mcp.json": []byte(cfg)},
	}
	if err := evidence.WriteBundle(filepath.Join(repo, "tollgate-out", "evidence"), b); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repo, ".mcp.json"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	// A folder that merely has a manifest.json and artifacts/ is still read.
	other := filepath.Join(repo, "vendor-docs")
	if err := os.MkdirAll(filepath.Join(other, "artifacts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(other, "manifest.json"), []byte(`{"name": "not a bundle"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(other, "artifacts", ".mcp.json"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := Collect(context.Background(), Request{Paths: []string{repo}, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, s := range res.Subjects {
		if srv, ok := s.(*evidence.Server); ok {
			files = append(files, srv.Provenance.File)
		}
	}
	if len(files) != 2 || files[0] != ".mcp.json" || files[1] != "vendor-docs/artifacts/.mcp.json" {
		t.Fatalf("servers found in %v, want .mcp.json and vendor-docs/artifacts/.mcp.json only", files)
	}
}
