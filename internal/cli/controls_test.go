package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/mappings"
)

func runControls(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	app := &App{Out: &out, Err: &errOut, Version: "test"}
	cmd := newControlsCommand(app)
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	cmd.SetArgs(args)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	err := cmd.Execute()
	return out.String(), err
}

func exitCode(err error) int {
	var ee *ExitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	if err != nil {
		return -1
	}
	return 0
}

// customCatalog writes a one-control catalog naming a built-in risk; with
// wrong set, its passing example claims to fail.
func customCatalog(t *testing.T, wrong bool) string {
	t.Helper()
	expect := "pass"
	if wrong {
		expect = "fail"
	}
	dir := t.TempDir()
	src := `control "ACME-01" {
  title       = "Servers are not disabled"
  family      = "acme"
  severity    = "low"
  risks       = ["` + builtinRisk(t) + `"]
  subject     = "server"
  description = "d"
  remediation = "r"
  check       = "disabled: false"
  message     = "{{.name}} is disabled"
  example "disabled fails" {
    expect  = "fail"
    subject = { name = "x", disabled = true }
  }
  example "enabled passes" {
    expect  = "` + expect + `"
    subject = { name = "x", disabled = false }
  }
  example "unset passes" {
    expect  = "pass"
    subject = { name = "y" }
  }
}
`
	if err := os.WriteFile(filepath.Join(dir, "acme.hcl"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func builtinRisk(t *testing.T) string {
	t.Helper()
	cat, err := controls.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return cat.Risks[0].ID
}

func TestControlsList(t *testing.T) {
	cat, err := controls.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	out, err := runControls(t, "list")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cat.Controls {
		if !strings.Contains(out, c.ID) {
			t.Errorf("list lacks %s", c.ID)
		}
	}
	if !strings.HasPrefix(out, "ID") {
		t.Errorf("no table header:\n%s", out)
	}

	fam := cat.Controls[0].Family
	out, err = runControls(t, "list", "--family", fam, "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var views []controlView
	if err := json.Unmarshal([]byte(out), &views); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if len(views) == 0 {
		t.Fatalf("no %s controls listed", fam)
	}
	for _, v := range views {
		if v.Family != fam {
			t.Errorf("%s has family %s, want %s", v.ID, v.Family, fam)
		}
	}

	out, err = runControls(t, "list", "--framework", "nist-800-53-rev5", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	views = nil
	if err := json.Unmarshal([]byte(out), &views); err != nil {
		t.Fatal(err)
	}
	for _, v := range views {
		if len(v.Mappings) == 0 {
			t.Errorf("%s listed under nist-800-53-rev5 without a mapping into it", v.ID)
		}
		for _, l := range v.Mappings {
			if l.Framework != "nist-800-53-rev5" {
				t.Errorf("%s: mapping into %s shown", v.ID, l.Framework)
			}
		}
	}

	out, err = runControls(t, "list", "--catalog", customCatalog(t, false), "--family", "acme")
	if err != nil || !strings.Contains(out, "ACME-01") || !strings.Contains(out, "1 controls") {
		t.Errorf("custom catalog list: %v\n%s", err, out)
	}
}

func TestControlsListErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"unknown family", []string{"list", "--family", "nope"}},
		{"unknown framework", []string{"list", "--framework", "nope"}},
		{"unknown format", []string{"list", "--format", "yaml"}},
		{"missing catalog", []string{"list", "--catalog", "/no/such/dir"}},
		{"unknown control", []string{"show", "NOPE-01"}},
	}
	for _, tt := range tests {
		if _, err := runControls(t, tt.args...); exitCode(err) != 2 {
			t.Errorf("%s: exit %d (%v), want 2", tt.name, exitCode(err), err)
		}
	}
}

func TestControlsShow(t *testing.T) {
	cat, err := controls.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var automated *controls.Control
	for _, c := range cat.Controls {
		if !c.Manual {
			automated = c
			break
		}
	}
	out, err := runControls(t, "show", automated.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{automated.ID, automated.Title, "Check (CUE)", "Examples", "Mappings", automated.Examples[0].Name} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	out, err = runControls(t, "show", automated.ID, "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var v controlView
	if err := json.Unmarshal([]byte(out), &v); err != nil || v.ID != automated.ID {
		t.Errorf("show json: %v\n%s", err, out)
	}
}

func TestControlsTest(t *testing.T) {
	out, err := runControls(t, "test")
	if err != nil {
		t.Fatalf("built-in examples: %v\n%s", err, out)
	}
	if !strings.Contains(out, " 0 failed") {
		t.Errorf("summary: %s", out)
	}
	out, err = runControls(t, "test", "--catalog", customCatalog(t, true))
	if exitCode(err) != 1 {
		t.Fatalf("wrong expectation: exit %d (%v)\n%s", exitCode(err), err, out)
	}
	if !strings.Contains(out, `FAIL ACME-01 "enabled passes"`) || !strings.Contains(out, "expected fail, got pass") {
		t.Errorf("failure report:\n%s", out)
	}
}

func TestControlsShowSaysWhereNoMappingExists(t *testing.T) {
	set, err := mappings.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Exclusions) == 0 {
		t.Skip("no control is declared unmapped")
	}
	e := set.Exclusions[0]
	out, err := runControls(t, "show", e.Control)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, e.Framework) || !strings.Contains(out, "not mapped") || !strings.Contains(out, e.Reason) {
		t.Errorf("show %s does not explain why it has no %s mapping:\n%s", e.Control, e.Framework, out)
	}
}
