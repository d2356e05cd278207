package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func runFrameworks(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	app := &App{Out: &out, Err: &errOut, Version: "test"}
	cmd := newFrameworksCommand(app)
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	cmd.SetArgs(args)
	err := cmd.Execute()
	return out.String(), err
}

func TestFrameworksList(t *testing.T) {
	out, err := runFrameworks(t, "list")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"nist-800-53-rev5", "iso-27001-2022", "nist-ssdf-1.1", "gdpr", "owasp-mcp-top10", "cosai-mcp", "mcp-enterprise-server", "REQUIREMENTS"} {
		if !strings.Contains(out, want) {
			t.Errorf("list output lacks %q:\n%s", want, out)
		}
	}
	out, err = runFrameworks(t, "list", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var sums []frameworkSummary
	if err := json.Unmarshal([]byte(out), &sums); err != nil {
		t.Fatalf("list json: %v\n%s", err, out)
	}
	if len(sums) != 7 {
		t.Fatalf("%d frameworks, want 7", len(sums))
	}
	for _, s := range sums {
		if s.Requirements == 0 || s.Links == 0 || s.Controls == 0 {
			t.Errorf("%s: %+v", s.ID, s)
		}
		if s.ID == "iso-27001-2022" && s.Official == 0 {
			t.Errorf("iso has no official links: %+v", s)
		}
	}
}

func TestFrameworksCoverage(t *testing.T) {
	out, err := runFrameworks(t, "coverage", "gdpr", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var cov []coverageJSON
	if err := json.Unmarshal([]byte(out), &cov); err != nil {
		t.Fatalf("coverage json: %v\n%s", err, out)
	}
	if len(cov) != 1 || cov[0].Framework.ID != "gdpr" {
		t.Fatalf("coverage for %+v, want gdpr only", cov)
	}
	c := cov[0]
	if c.Totals.Requirements != len(c.Requirements) || c.Totals.Automated+c.Totals.Manual+c.Totals.Uncovered != c.Totals.Requirements {
		t.Errorf("inconsistent totals %+v for %d requirements", c.Totals, len(c.Requirements))
	}
	for _, r := range c.Requirements {
		if r.ID == "Art. 32" && (r.Status != "automated" || len(r.Automated) == 0) {
			t.Errorf("Art. 32: %+v", r)
		}
		if r.ID == "Art. 35" && (r.Status != "manual" || len(r.Manual) == 0) {
			t.Errorf("Art. 35: %+v", r)
		}
	}

	out, err = runFrameworks(t, "coverage")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"nist-800-53-rev5 — NIST SP 800-53 Rev. 5", "IA-5(7)", "automated", "uncovered", "UNCOVERED\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("coverage table lacks %q", want)
		}
	}

	_, err = runFrameworks(t, "coverage", "sox")
	if ExitCode(err) != 2 || !strings.Contains(err.Error(), "unknown framework") {
		t.Errorf("unknown framework: exit %d, %v", ExitCode(err), err)
	}
	_, err = runFrameworks(t, "list", "--format", "xml")
	if ExitCode(err) != 2 {
		t.Errorf("bad format: exit %d, %v", ExitCode(err), err)
	}
}
