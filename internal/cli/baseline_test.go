package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// baselineMarks reads results.json and returns "control subject" → baseline mark.
func baselineMarks(t *testing.T, out string) (map[string]string, []string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Findings []struct{ Control, Subject, Baseline string } `json:"findings"`
		Baseline *struct {
			New, Unchanged int
			Fixed          []struct{ Control, Subject string } `json:"fixed"`
		} `json:"baseline"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Baseline == nil {
		t.Fatal("results.json has no baseline object")
	}
	marks := map[string]string{}
	for _, f := range doc.Findings {
		marks[f.Control+" "+f.Subject] = f.Baseline
	}
	var fixed []string
	for _, f := range doc.Baseline.Fixed {
		fixed = append(fixed, f.Control+" "+f.Subject)
	}
	return marks, fixed
}

func TestBaselineGatesOnlyNewFailures(t *testing.T) {
	acme := copyExample(t)
	tmp := t.TempDir()
	base, same, changed := filepath.Join(tmp, "base"), filepath.Join(tmp, "same"), filepath.Join(tmp, "changed")
	if run := runTollgate(t, "assess", acme, "-o", base, "--timestamp", "2026-01-01T00:00:00Z", "-q"); run.code != 1 {
		t.Fatalf("the example must fail its gate without a baseline: exit %d: %v", run.code, run.err)
	}

	// The same estate against its own results: every failure is old.
	run := runTollgate(t, "assess", acme, "-o", same, "--baseline", filepath.Join(base, "results.json"), "--timestamp", "2026-02-01T00:00:00Z")
	if run.code != 0 {
		t.Fatalf("with a baseline holding every failure the gate must pass: exit %d: %v\n%s", run.code, run.err, run.stdout)
	}
	if !strings.Contains(run.stdout, "0 new, 70 already in it, 0 fixed") || !strings.Contains(run.stdout, "Gate: PASSED") ||
		!strings.Contains(run.stdout, "28 failures at or above high in the baseline") {
		t.Errorf("console output:\n%s", run.stdout)
	}
	marks, _ := baselineMarks(t, same)
	for pair, mark := range marks {
		if mark != "baseline" {
			t.Errorf("%s marked %q, want baseline", pair, mark)
		}
	}

	// A fix and new high failures (a literal key, a server on no approved
	// list): the gate fails on the new ones only.
	fixAliceAddAnalytics(t, acme)
	run = runTollgate(t, "assess", acme, "-o", changed, "--baseline", base, "--timestamp", "2026-03-01T00:00:00Z")
	if run.code != 1 {
		t.Fatalf("a new high failure must fail the gate: exit %d: %v", run.code, run.err)
	}
	if !strings.Contains(run.stdout, "2 new unwaived failures at or above severity high, absent from the baseline (26 more in the baseline)") {
		t.Errorf("gate reason:\n%s", run.stdout)
	}
	marks, fixed := baselineMarks(t, changed)
	var fresh []string
	for pair, mark := range marks {
		if mark == "new" {
			fresh = append(fresh, pair)
		}
	}
	slices.Sort(fresh)
	wantNew := []string{"MCP-GOV-01 server:repos/payments-api/.mcp.json#analytics", "MCP-SECRETS-01 server:repos/payments-api/.mcp.json#analytics", "MCP-SUPPLY-03 server:repos/payments-api/.mcp.json#analytics"}
	if !slices.Equal(fresh, wantNew) {
		t.Errorf("new findings = %q, want %q", fresh, wantNew)
	}
	wantFixed := []string{"MCP-POLICY-01 server:workstations/alice/claude_desktop_config.json#filesystem", "MCP-SANDBOX-07 server:workstations/alice/claude_desktop_config.json#filesystem", "MCP-SUPPLY-01 server:workstations/alice/claude_desktop_config.json#filesystem"}
	if !slices.Equal(fixed, wantFixed) {
		t.Errorf("fixed = %q, want %q", fixed, wantFixed)
	}

	// Every other report marks the findings too.
	sarif, err := os.ReadFile(filepath.Join(changed, "tollgate.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(sarif), `"baselineState": "new"`); n != 3 {
		t.Errorf("SARIF has %d new results, want 3", n)
	}
	if n := strings.Count(string(sarif), `"baselineState": "unchanged"`); n != 67 {
		t.Errorf("SARIF has %d unchanged results, want 67", n)
	}
	summary, err := os.ReadFile(filepath.Join(changed, "summary.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"**3 new, 3 fixed** since the baseline", "high · **new**", "Fixed since the baseline (3)"} {
		if !strings.Contains(string(summary), want) {
			t.Errorf("summary.md lacks %q", want)
		}
	}
	ar, err := os.ReadFile(filepath.Join(changed, "assessment-results.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(ar), `{"name": "baseline", "ns": "https://tollgate.dev/ns/oscal", "value": "new"}`) {
		t.Error("the OSCAL assessment results must mark new findings")
	}
	junit, err := os.ReadFile(filepath.Join(changed, "junit.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(junit), "(new: not in the baseline)"); n != 3 {
		t.Errorf("JUnit marks %d failures new, want 3", n)
	}
}

func TestBaselineMustBeReadable(t *testing.T) {
	run := runTollgate(t, "assess", exampleDir, "-o", filepath.Join(t.TempDir(), "out"), "--baseline", filepath.Join(t.TempDir(), "missing.json"), "-q")
	if run.code != 2 || !strings.Contains(run.err.Error(), "baseline") || !strings.Contains(run.err.Error(), "missing.json") {
		t.Errorf("exit %d, %v; want 2 naming the baseline", run.code, run.err)
	}
}
