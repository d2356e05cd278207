package collectors

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/evidence"
)

// fixedNow is the collection time used by tests, so output is reproducible.
var fixedNow = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// writeFile creates path and its folders with body.
func writeFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestUserConfigsAlone checks that --user-configs without paths reads the
// per-user client configs and nothing from the working directory.
func TestUserConfigsAlone(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	writeFile(t, filepath.Join(home, ".cursor", "mcp.json"), `{"mcpServers": {"user-server": {"command": "uvx", "args": ["mcp-server-time==0.6.2"]}}}`)
	work := t.TempDir()
	writeFile(t, filepath.Join(work, ".mcp.json"), `{"mcpServers": {"project-server": {"command": "node", "args": ["x.js"]}}}`)
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

// TestUserConfigsFollowTheSameRules checks that per-user configuration
// files are read through links that stay in the home directory (dotfile
// managers link them there), and that a link out of it is reported and not
// read.
func TestUserConfigsFollowTheSameRules(t *testing.T) {
	home, elsewhere := t.TempDir(), t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	link := func(target, path string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, path); err != nil {
			t.Skipf("symbolic links unavailable: %v", err)
		}
	}
	writeFile(t, filepath.Join(home, "dotfiles", "cursor.json"), `{"mcpServers": {"dotfile-server": {"command": "uvx", "args": ["mcp-server-time==0.6.2"]}}}`)
	link(filepath.Join(home, "dotfiles", "cursor.json"), filepath.Join(home, ".cursor", "mcp.json"))
	writeFile(t, filepath.Join(elsewhere, "settings.json"), `{"mcpServers": {"planted": {"command": "x", "env": {"TOKEN": "CANARY-ELSEWHERE"}}}}`)
	link(filepath.Join(elsewhere, "settings.json"), filepath.Join(home, ".gemini", "settings.json"))
	t.Chdir(t.TempDir())

	res, err := Collect(context.Background(), Request{ClientConfigs: ClientConfigOptions{UserConfigs: true}, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	sources := map[string]*evidence.Source{}
	var servers []string
	for _, s := range res.Subjects {
		switch v := s.(type) {
		case *evidence.Source:
			sources[v.Name] = v
		case *evidence.Server:
			servers = append(servers, v.Name)
		}
	}
	if len(servers) != 1 || servers[0] != "dotfile-server" {
		t.Errorf("servers = %v, want only dotfile-server (read through a link inside the home directory)", servers)
	}
	if src := sources["~/.gemini/settings.json"]; src == nil || src.Status != evidence.StatusSymlinkOutsideRoot {
		t.Errorf("~/.gemini/settings.json = %+v, want a symlink-outside-root source", src)
	}
	for name, content := range res.Files {
		if strings.Contains(string(content), "CANARY") {
			t.Errorf("%s holds the content of a file outside the home directory", name)
		}
	}
}
