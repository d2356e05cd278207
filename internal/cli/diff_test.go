package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// copyExample copies the README's example organisation into a new
// temporary folder, so a test can change it.
func copyExample(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "acme")
	if err := os.CopyFS(dir, os.DirFS(exampleDir)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// editFile replaces old by new in path, failing when old is absent.
func editFile(t *testing.T, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s does not contain %q", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// fixAliceAddAnalytics fixes the broad, unpinned filesystem server of
// alice's workstation and adds, at the top of the payments API's config
// (moving every other server down), a server with a literal API key.
func fixAliceAddAnalytics(t *testing.T, acme string) {
	t.Helper()
	editFile(t, filepath.Join(acme, "workstations", "alice", "claude_desktop_config.json"),
		`"@modelcontextprotocol/server-filesystem", "/Users/alice"`,
		`"@modelcontextprotocol/server-filesystem@2025.8.21", "/Users/alice/projects"`)
	editFile(t, filepath.Join(acme, "repos", "payments-api", ".mcp.json"), `  "mcpServers": {
`, `  "mcpServers": {
    "analytics": {
      "type": "stdio",
      "command": "uvx",
      "args": ["analytics-mcp==1.2.0"],
      "env": {"ANALYTICS_API_KEY": "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ"}
    },
`)
}

type diffEntry struct {
	ID, Control, Subject, Location, Severity string
}

type diffJSON struct {
	New          []diffEntry `json:"new"`
	Fixed        []diffEntry `json:"fixed"`
	StillFailing []diffEntry `json:"still_failing"`
	Waived       []diffEntry `json:"waived"`
}

func pairs(es []diffEntry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Control+" "+e.Subject)
	}
	slices.Sort(out)
	return out
}

func TestDiffOfTheExampleBeforeAndAfterAFix(t *testing.T) {
	acme := copyExample(t)
	tmp := t.TempDir()
	before, after := filepath.Join(tmp, "before"), filepath.Join(tmp, "after")
	if run := runTollgate(t, "assess", acme, "-o", before, "--timestamp", "2026-01-01T00:00:00Z", "-q"); run.code != 1 {
		t.Fatalf("assess before: exit %d: %v", run.code, run.err)
	}
	fixAliceAddAnalytics(t, acme)
	if run := runTollgate(t, "assess", acme, "-o", after, "--timestamp", "2026-02-01T00:00:00Z", "-q"); run.code != 1 {
		t.Fatalf("assess after: exit %d: %v", run.code, run.err)
	}

	run := runTollgate(t, "diff", before, filepath.Join(after, "results.json"), "--format", "json")
	if run.code != 0 {
		t.Fatalf("diff: exit %d: %v", run.code, run.err)
	}
	var d diffJSON
	if err := json.Unmarshal([]byte(run.stdout), &d); err != nil {
		t.Fatalf("diff --format json: %v\n%s", err, run.stdout)
	}
	// analytics is on no approved list of the example's policy, and alice's
	// filesystem server is now pinned at the version the policy approves.
	wantNew := []string{
		"MCP-GOV-01 server:repos/payments-api/.mcp.json#analytics",
		"MCP-SECRETS-01 server:repos/payments-api/.mcp.json#analytics",
		"MCP-SUPPLY-03 server:repos/payments-api/.mcp.json#analytics",
	}
	wantFixed := []string{
		"MCP-POLICY-01 server:workstations/alice/claude_desktop_config.json#filesystem",
		"MCP-SANDBOX-07 server:workstations/alice/claude_desktop_config.json#filesystem",
		"MCP-SUPPLY-01 server:workstations/alice/claude_desktop_config.json#filesystem",
	}
	if got := pairs(d.New); !slices.Equal(got, wantNew) {
		t.Errorf("new = %q, want %q", got, wantNew)
	}
	if got := pairs(d.Fixed); !slices.Equal(got, wantFixed) {
		t.Errorf("fixed = %q, want %q", got, wantFixed)
	}
	// Every other failure of the example is still failing, including the
	// payments API's servers whose lines moved down.
	var results struct {
		Summary struct{ Failures int } `json:"summary"`
	}
	data, err := os.ReadFile(filepath.Join(before, "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &results); err != nil {
		t.Fatal(err)
	}
	if got, want := len(d.StillFailing), results.Summary.Failures-len(wantFixed); got != want {
		t.Errorf("%d still failing, want %d", got, want)
	}
	moved := false
	for _, e := range d.StillFailing {
		if e.Subject == "server:repos/payments-api/.mcp.json#payments-docs" {
			moved = e.Location == "repos/payments-api/.mcp.json:25"
		}
		if e.ID == "" || e.Severity == "" || e.Location == "" {
			t.Errorf("entry without id, severity or location: %+v", e)
		}
	}
	if !moved {
		t.Error("payments-docs moved to line 25 and must be still failing there")
	}
	if len(d.Waived) != 0 {
		t.Errorf("nothing was newly waived: %+v", d.Waived)
	}

	// Gating on new failures: two new high, one new low.
	for _, tt := range []struct {
		severity string
		code     int
	}{{"critical", 0}, {"high", 1}, {"low", 1}} {
		run := runTollgate(t, "diff", before, after, "--fail-on-new", tt.severity)
		if run.code != tt.code {
			t.Errorf("--fail-on-new %s: exit %d, want %d (%v)", tt.severity, run.code, tt.code, run.err)
		}
		if !strings.Contains(run.stdout, "3 new, 3 fixed") {
			t.Errorf("text output lacks the counts:\n%s", run.stdout)
		}
	}
	md := runTollgate(t, "diff", before, after, "--format", "md")
	if md.code != 0 || !strings.Contains(md.stdout, "### New failures (3)") || !strings.Contains(md.stdout, "### Fixed (3)") {
		t.Errorf("--format md: exit %d\n%s", md.code, md.stdout)
	}
}

func TestDiffEvaluatesBundles(t *testing.T) {
	tmp := t.TempDir()
	bundle, out := filepath.Join(tmp, "bundle"), filepath.Join(tmp, "out")
	if run := runTollgate(t, "collect", exampleDir, "-o", bundle, "--timestamp", fixedTimestamp); run.code != 0 {
		t.Fatalf("collect: exit %d: %v", run.code, run.err)
	}
	config := filepath.Join(exampleDir, "tollgate.yaml")
	if run := runTollgate(t, "assess", exampleDir, "--config", config, "-o", out, "--timestamp", fixedTimestamp, "-q"); run.code != 1 {
		t.Fatalf("assess: exit %d: %v", run.code, run.err)
	}
	// The bundle evaluated with the same configuration is the same run.
	run := runTollgate(t, "diff", bundle, out, "--config", config, "--timestamp", fixedTimestamp)
	if run.code != 0 || !strings.Contains(run.stdout, "0 new, 0 fixed, 67 still failing, 0 newly waived, 0 no longer waived") {
		t.Errorf("exit %d (%v):\n%s", run.code, run.err, run.stdout)
	}
}

func TestDiffRejectsBadInput(t *testing.T) {
	tmp := t.TempDir()
	notResults := filepath.Join(tmp, "other.json")
	if err := os.WriteFile(notResults, []byte(`{"version": "2.1.0", "runs": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"missing path", []string{"diff", filepath.Join(tmp, "nope"), notResults}, "no such file or folder"},
		{"not results", []string{"diff", notResults, notResults}, "not a Tollgate results.json"},
		{"empty folder", []string{"diff", tmp, tmp}, "not a results.json, an output folder or an evidence bundle"},
		{"bad format", []string{"diff", notResults, notResults, "--format", "xml"}, "--format"},
		{"bad severity", []string{"diff", notResults, notResults, "--fail-on-new", "urgent"}, "--fail-on-new"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run := runTollgate(t, tt.args...)
			if run.code != 2 || run.err == nil || !strings.Contains(run.err.Error(), tt.want) {
				t.Errorf("exit %d, error %v; want 2 and %q", run.code, run.err, tt.want)
			}
		})
	}
}
