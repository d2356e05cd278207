package cli

import (
	"encoding/json"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/internal/mcptest"
)

// TestServerHygieneFindings assesses two live servers, under names that
// are not loopback, with the error probe on: the unhygienic one fails each
// server-hygiene control with the tool and field named, the clean one none,
// and the database password its error leaks appears in no output.
func TestServerHygieneFindings(t *testing.T) {
	bad, good := mcptest.Unhygienic(t), mcptest.Clean(t)
	mcptest.ResolveToLoopback(t, "orders.mcp.test", "tickets.mcp.test")
	rename := func(raw, host string) string {
		u, _ := url.Parse(raw)
		u.Host = host + ":" + u.Port()
		return u.String() + "/mcp"
	}
	badURL, goodURL := rename(bad.URL, "orders.mcp.test"), rename(good.URL, "tickets.mcp.test")
	t.Setenv("TG_TEST_AUTH", "Bearer "+mcptest.Token)
	out := filepath.Join(t.TempDir(), "out")
	r := runTollgate(t, "assess", "--probe-url", badURL, "--probe-url", goodURL, "--header", "Authorization=env:TG_TEST_AUTH",
		"--probe-errors", "-o", out, "--timestamp", fixedTimestamp)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1: %v\n%s\n%s", r.code, r.err, r.stdout, r.stderr)
	}
	data, err := os.ReadFile(filepath.Join(out, "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Findings []struct {
			Control, Subject, Message string
		} `json:"findings"`
		Controls []struct {
			ID          string `json:"id"`
			Evaluations []struct {
				Subject, Verdict string
			} `json:"evaluations"`
		} `json:"controls"`
	}
	if err := json.Unmarshal(data, &res); err != nil {
		t.Fatal(err)
	}
	hygiene := map[string]bool{"MCP-TOOL-12": true, "MCP-TOOL-13": true, "MCP-TOOL-14": true,
		"MCP-ENDPOINT-11": true, "MCP-ENDPOINT-12": true, "MCP-ENDPOINT-13": true}
	got := map[string][]string{} // control → messages
	for _, f := range res.Findings {
		if strings.Contains(f.Subject, "tickets.mcp.test") && hygiene[f.Control] {
			t.Errorf("clean server fails %s: %s", f.Control, f.Message)
		}
		got[f.Control] = append(got[f.Control], f.Message)
	}
	for control, want := range map[string]string{
		"MCP-TOOL-12":     "create_issue of " + badURL + " asks for a credential as parameter github_token",
		"MCP-TOOL-13":     "run_report of " + badURL + " accepts unchecked input: its schema declares no properties",
		"MCP-TOOL-14":     "query_orders of " + badURL + " takes unconstrained sql in sql",
		"MCP-ENDPOINT-11": badURL + " lists its tools to anyone without credentials (3 tools)",
		"MCP-ENDPOINT-12": "stack-trace",
		"MCP-ENDPOINT-13": badURL + " puts a credential in its errors",
	} {
		if !strings.Contains(strings.Join(got[control], "\n"), want) {
			t.Errorf("%s: findings %q lack %q", control, got[control], want)
		}
	}
	// The clean server was judged by each hygiene control and passed.
	passed := map[string]int{}
	for _, c := range res.Controls {
		for _, e := range c.Evaluations {
			if hygiene[c.ID] && strings.Contains(e.Subject, "tickets.mcp.test") && e.Verdict == "pass" {
				passed[c.ID]++
			}
		}
	}
	for control := range hygiene {
		if passed[control] == 0 {
			t.Errorf("%s passed no subject of the clean server", control)
		}
	}
	if !strings.Contains(strings.Join(got["MCP-ENDPOINT-12"], ""), "orders-db.prod.internal") {
		t.Errorf("MCP-ENDPOINT-12 does not show the connection string's host: %q", got["MCP-ENDPOINT-12"])
	}

	// The canary: the password of the leaked connection string, and the
	// token, reach no output file, no evidence artifact and no console.
	leaks := 0
	err = filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, secret := range []string{mcptest.DatabasePassword, mcptest.Token} {
			if strings.Contains(string(b), secret) {
				leaks++
				t.Errorf("%s holds a secret", path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(r.stdout+r.stderr, mcptest.DatabasePassword) {
		t.Error("console shows the database password")
	}
	if !strings.Contains(string(data), "orders_app:[REDACTED") {
		t.Error("results do not show the redacted connection string")
	}
}

// TestProbeErrorsTable: the probe command reports what the error discloses.
func TestProbeErrorsTable(t *testing.T) {
	srv := mcptest.Unhygienic(t)
	r := runTollgate(t, "probe", srv.URL, "--probe-errors")
	if r.code != 0 {
		t.Fatalf("exit %d: %v\n%s", r.code, r.err, r.stderr)
	}
	for _, want := range []string{
		"error probe (tollgate_probe_no_such_tool): error -32603, DISCLOSES stack-trace, file-path, private-address, connection-string, credential",
		"asks for a credential (name github_token)", "loose schema (no-properties)", "unconstrained input (sql sql)",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, mcptest.DatabasePassword) {
		t.Error("the database password is printed")
	}
	if r := runTollgate(t, "assess", t.TempDir(), "--probe-errors"); r.code != 2 || !strings.Contains(r.err.Error(), "--probe-errors applies to probed endpoints") {
		t.Errorf("--probe-errors without a probe: exit %d %v", r.code, r.err)
	}
}

// TestLockfileJudgedOffline: a committed lockfile lets an offline run judge
// the approved definitions of servers it cannot reach; once the run reaches
// the server itself, its live definitions are judged instead, once.
func TestLockfileJudgedOffline(t *testing.T) {
	srv := mcptest.Unhygienic(t)
	dir := t.TempDir()
	if r := runTollgate(t, "lock", "--probe-url", srv.URL, "-o", filepath.Join(dir, "tollgate.lock")); r.code != 0 {
		t.Fatalf("lock: exit %d %v", r.code, r.err)
	}
	findings := func(args ...string) map[string][]string {
		t.Helper()
		out := filepath.Join(t.TempDir(), "out")
		r := runTollgate(t, append([]string{"assess", dir, "-o", out, "--format", "json", "--timestamp", fixedTimestamp}, args...)...)
		if r.code != 1 {
			t.Fatalf("assess %v: exit %d %v\n%s", args, r.code, r.err, r.stdout)
		}
		data, err := os.ReadFile(filepath.Join(out, "results.json"))
		if err != nil {
			t.Fatal(err)
		}
		var res struct {
			Findings []struct {
				Control, Message string
				Location         struct{ Text string }
			} `json:"findings"`
		}
		if err := json.Unmarshal(data, &res); err != nil {
			t.Fatal(err)
		}
		got := map[string][]string{}
		for _, f := range res.Findings {
			got[f.Control] = append(got[f.Control], f.Message+" @ "+f.Location.Text)
		}
		return got
	}
	offline := findings()
	if f := offline["MCP-TOOL-12"]; len(f) != 1 || !strings.Contains(f[0], "create_issue") || !strings.Contains(f[0], "github_token") ||
		!strings.Contains(f[0], "@ tollgate.lock:") {
		t.Errorf("offline MCP-TOOL-12: %q", f)
	}
	if f := offline["MCP-TOOL-01"]; len(f) > 0 {
		t.Errorf("definitions read from the lock fail MCP-TOOL-01: %q", f)
	}
	live := findings("--probe-url", srv.URL)
	if f := live["MCP-TOOL-12"]; len(f) != 1 || strings.Contains(f[0], "tollgate.lock") {
		t.Errorf("live MCP-TOOL-12 (the lock's copy must give way): %q", f)
	}
	if f := live["MCP-TOOL-01"]; len(f) > 0 {
		t.Errorf("unchanged server fails MCP-TOOL-01: %q", f)
	}
}
