package pipeline

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/collectors"
)

// findingIDs collects and evaluates dir and returns control/server name → finding ID.
func findingIDs(t *testing.T, dir string) map[string]string {
	t.Helper()
	now := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	b, err := Collect(t.Context(), collectors.Request{Paths: []string{dir}, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Evaluate(t.Context(), b, EvaluateOptions{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, s := range r.Subjects {
		names[s.Metadata().ID] = s.Metadata().Name
	}
	ids := map[string]string{}
	for _, cr := range r.Controls {
		for _, e := range cr.Evaluations {
			if e.Verdict == "fail" {
				ids[cr.Control.ID+"/"+names[e.SubjectID]] = e.FindingID()
			}
		}
	}
	return ids
}

func TestFindingSurvivesLineShiftsAndReordering(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, ".cursor", "mcp.json")
	write := func(content string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(`{"mcpServers": {
  "github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
             "env": {"GITHUB_TOKEN": "ghp_abcdefghijklmnopqrstuvwxyz0123456789"}},
  "kube": {"command": "docker", "args": ["run", "-v", "/var/run/docker.sock:/var/run/docker.sock", "-v", "/home/me/.kube:/root/.kube", "mcp/kubernetes:latest"]}
}}`)
	before := findingIDs(t, dir)
	for _, key := range []string{"MCP-SECRETS-01/github", "MCP-SANDBOX-03/kube", "MCP-SANDBOX-04/kube"} {
		if before[key] == "" {
			t.Fatalf("the example config must fail %s; failures: %v", key, before)
		}
	}
	// The same servers, moved down the file, in the other order, with their
	// mounts swapped and an unrelated server added between them.
	write(`{

  "mcpServers": {
  "kube": {"command": "docker", "args": ["run", "-v", "/home/me/.kube:/root/.kube", "-v", "/var/run/docker.sock:/var/run/docker.sock", "mcp/kubernetes:latest"]},
  "time": {"command": "uvx", "args": ["mcp-server-time==2025.1.1"]},


  "github": {"env": {"GITHUB_TOKEN": "ghp_abcdefghijklmnopqrstuvwxyz0123456789"},
             "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"]}
}}`)
	after := findingIDs(t, dir)
	for key, id := range before {
		if after[key] != id {
			t.Errorf("%s: finding ID %s became %q after lines moved and entries were reordered", key, id, after[key])
		}
	}
	// A different failing fact is a different finding.
	write(`{"mcpServers": {
  "github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
             "env": {"GH_PAT": "ghp_abcdefghijklmnopqrstuvwxyz0123456789"}},
  "kube": {"command": "docker", "args": ["run", "-v", "/var/run/docker.sock:/var/run/docker.sock", "-v", "/home/me/.kube:/root/.kube", "mcp/kubernetes:latest"]}
}}`)
	renamed := findingIDs(t, dir)
	if renamed["MCP-SECRETS-01/github"] == "" || renamed["MCP-SECRETS-01/github"] == before["MCP-SECRETS-01/github"] {
		t.Errorf("a secret in another variable must be a new finding: %q vs %q", renamed["MCP-SECRETS-01/github"], before["MCP-SECRETS-01/github"])
	}
}
