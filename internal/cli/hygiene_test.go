package cli

import (
	"encoding/json"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/internal/mcptest"
	"github.com/tollgate-dev/tollgate/report"
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
	out, store := filepath.Join(t.TempDir(), "out"), filepath.Join(t.TempDir(), "history.db")
	r := runTollgate(t, "assess", "--probe-url", badURL, "--probe-url", goodURL, "--header", "Authorization=env:TG_TEST_AUTH",
		"--probe-errors", "-o", out, "--format", strings.Join(report.Formats, ","), "--history", store,
		"--timestamp", fixedTimestamp)
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

	if !strings.Contains(string(data), "orders_app:[REDACTED") {
		t.Error("results do not show the redacted connection string")
	}

	// The canary: the password of the leaked connection string (and its
	// tail, should redaction keep a prefix) and the token reach no output:
	// no report of any format (the workbook unzipped), no evidence file, no
	// history store, no console line, whether the findings come from
	// assess, the probe command (table, JSON, bundle) or an evaluation of
	// the bundle.
	texts := map[string][]byte{}
	record := func(name string, run cliRun) {
		texts[name+" stdout"], texts[name+" stderr"] = []byte(run.stdout), []byte(run.stderr)
		if run.err != nil {
			texts[name+" error"] = []byte(run.err.Error())
		}
	}
	outputs := func(prefix, dir string) { // every file of dir, under prefix
		files := map[string][]byte{}
		readOutputs(t, dir, files)
		for name, b := range files {
			texts[prefix+name] = b
		}
	}
	record("assess", r)
	outputs("", out)
	for _, name := range append(slices.Clone(reportFiles), "gl-code-quality-report.json", "gl-sast-report.json") {
		if !slices.ContainsFunc(slices.Collect(maps.Keys(texts)), func(k string) bool { return k == name || strings.HasPrefix(k, name+"!") }) {
			t.Errorf("%s was not written: the canary check misses it", name)
		}
	}
	if texts["history store"], err = os.ReadFile(store); err != nil {
		t.Errorf("history store: %v", err)
	}
	js := runTollgate(t, "assess", "--probe-url", badURL, "--header", "Authorization=env:TG_TEST_AUTH", "--probe-errors",
		"--format", report.None, "--summary", "json", "--timestamp", fixedTimestamp)
	if js.code != 1 || !strings.Contains(js.stdout, "MCP-ENDPOINT-13") {
		t.Errorf("assess --summary json: exit %d %v\n%s", js.code, js.err, js.stdout)
	}
	record("assess --summary json", js)
	bundle := filepath.Join(t.TempDir(), "bundle")
	for _, args := range [][]string{{"--format", "table"}, {"--format", "json"}, {"-o", bundle, "--timestamp", fixedTimestamp}} {
		run := runTollgate(t, append([]string{"probe", badURL, "--probe-errors"}, args...)...)
		if run.code != 0 || !strings.Contains(run.stdout, "orders-db.prod.internal") {
			t.Errorf("probe %v: exit %d %v: the error probe's finding is not shown\n%s", args, run.code, run.err, run.stdout)
		}
		record("probe "+strings.Join(args, " "), run)
	}
	outputs("probe bundle/", bundle)
	evaluated := filepath.Join(t.TempDir(), "evaluated")
	ev := runTollgate(t, "evaluate", bundle, "-o", evaluated, "--format", strings.Join(report.Formats, ","), "--timestamp", fixedTimestamp)
	if ev.code != 1 {
		t.Errorf("evaluate the probe's bundle: exit %d %v, want 1\n%s", ev.code, ev.err, ev.stderr)
	}
	record("evaluate", ev)
	outputs("evaluated/", evaluated)
	password := mcptest.DatabasePassword
	findNeedles(t, texts, []string{password, password[len(password)-8:], mcptest.Token})
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

// TestSavedListingJudgedOffline: tool listings saved in a repository (a
// tools/list result, a JSON-RPC response) are judged like live ones, without
// a network: each finding names the tool and the parameter and points at
// the line of the file that defines the tool.
func TestSavedListingJudgedOffline(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"snapshots/tools.json": `{
  "serverInfo": {"name": "crm", "version": "2.0.0"},
  "tools": [
    {"name": "export_contacts", "description": "Exports contacts.", "inputSchema": {"type": "object", "additionalProperties": false,
      "required": ["format"], "properties": {"format": {"type": "string", "enum": ["csv", "json"]}}}},
    {"name": "connect_account", "description": "Connects a CRM account.", "inputSchema": {"type": "object", "additionalProperties": false,
      "properties": {"account": {"type": "string", "maxLength": 64}, "api_key": {"type": "string", "description": "Your CRM API key."}}}},
    {"name": "run_job", "description": "Runs a maintenance job.", "inputSchema": {}}
  ]
}`,
		"rpc/fs-tools.json": `{"jsonrpc": "2.0", "id": 2, "result": {"tools": [
  {"name": "read_file", "description": "Reads a file.", "inputSchema": {"type": "object", "additionalProperties": false,
    "required": ["path"], "properties": {"path": {"type": "string"}}}}
]}}`,
	})
	out := filepath.Join(t.TempDir(), "out")
	r := runTollgate(t, "assess", dir, "-o", out, "--format", "json", "--timestamp", fixedTimestamp)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1: %v\n%s", r.code, r.err, r.stderr)
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
	for control, want := range map[string][]string{
		"MCP-TOOL-12": {"connect_account", "asks for a credential as parameter api_key", "@ snapshots/tools.json:6"},
		"MCP-TOOL-13": {"run_job", "@ snapshots/tools.json:8"},
		"MCP-TOOL-14": {"read_file", "path", "@ rpc/fs-tools.json:2"},
	} {
		if len(got[control]) != 1 {
			t.Errorf("%s: %d findings %q, want 1", control, len(got[control]), got[control])
			continue
		}
		for _, w := range want {
			if !strings.Contains(got[control][0], w) {
				t.Errorf("%s: %q lacks %q", control, got[control][0], w)
			}
		}
	}
	for _, f := range res.Findings {
		if strings.Contains(f.Message, "export_contacts") && (f.Control == "MCP-TOOL-12" || f.Control == "MCP-TOOL-13" || f.Control == "MCP-TOOL-14") {
			t.Errorf("the constrained tool fails %s: %s", f.Control, f.Message)
		}
	}
}
