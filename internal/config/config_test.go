package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

func writeConfig(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), FileName)
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCheckKeys(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		wantErr string
	}{
		{"empty file", "", ""},
		{"valid", "output:\n  dir: out\n  formats: [json]\ngate:\n  fail_on: medium\n", ""},
		{"unknown top-level key", "output:\n  dir: out\nfail_on: high\n", `:3:1: unknown key "fail_on" (did you mean "`},
		{"unknown nested key with suggestion", "gate:\n  fail-on: high\n", `:2:3: unknown key "gate.fail-on" (did you mean "gate.fail_on"?)`},
		{"section must be a mapping", "gate: high\n", `:1:7: "gate" must be a mapping`},
		{"not a mapping", "- a\n- b\n", `:1:1: the configuration must be a mapping`},
		{"yaml syntax error", "gate:\n  fail_on: [high\n", "yaml:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, tt.body)
			err := CheckKeys(path, []byte(tt.body))
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestLoadPrecedence(t *testing.T) {
	path := writeConfig(t, "output:\n  dir: from-file\n  formats: [json, md]\ngate:\n  fail_on: medium\n")

	cfg, err := Load(path, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	// output.dir is relative to the file, like every path in it.
	if cfg.Config.Output.Dir != filepath.Join(filepath.Dir(path), "from-file") || cfg.Config.Gate.FailOn != "medium" {
		t.Fatalf("file values not read: %+v", cfg.Config)
	}
	if got := strings.Join(cfg.Config.Output.Formats, ","); got != "json,md" {
		t.Fatalf("formats = %q", got)
	}
	if cfg.Config.Output.WorkbookProfile != "default" {
		t.Fatalf("default not applied: %q", cfg.Config.Output.WorkbookProfile)
	}

	t.Setenv("TOLLGATE_GATE_FAIL_ON", "low")
	t.Setenv("TOLLGATE_OUTPUT_DIR", "from-env")
	flags := pflag.NewFlagSet("test", pflag.ContinueOnError)
	flags.StringP("output", "o", "", "")
	if err := flags.Parse([]string{"-o", "from-flag"}); err != nil {
		t.Fatal(err)
	}
	cfg, err = Load(path, nil, flags, map[string]string{"output.dir": "output"})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Config.Output.Dir != "from-flag" {
		t.Errorf("flag should win over env and file: %q", cfg.Config.Output.Dir)
	}
	if cfg.Config.Gate.FailOn != "low" {
		t.Errorf("env should win over file: %q", cfg.Config.Gate.FailOn)
	}
}

func TestLoadMissingFile(t *testing.T) {
	t.Chdir(t.TempDir())
	cfg, err := Load("", nil, nil, nil)
	if err != nil {
		t.Fatalf("absent default file must be fine: %v", err)
	}
	if cfg.File != "" || cfg.Config.Output.Dir != "tollgate-out" {
		t.Fatalf("unexpected %+v", cfg)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "nope.yaml"), nil, nil, nil); err == nil {
		t.Fatal("an explicitly named missing file must be an error")
	}
}

func TestLoadFromAssessedFolder(t *testing.T) {
	t.Chdir(t.TempDir())
	dir := filepath.Join(t.TempDir(), "project")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	body := "waivers: [policy/waivers.hcl]\nattestations: /abs/attest.hcl\nsources:\n  paths: [repos]\ngate:\n  baseline: base/results.json\n"
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load("", []string{dir}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.File != filepath.Join(dir, FileName) {
		t.Fatalf("config not found in the assessed folder: %q", cfg.File)
	}
	if got, want := cfg.Config.Waivers, []string{filepath.Join(dir, "policy/waivers.hcl")}; len(got) != 1 || got[0] != want[0] {
		t.Errorf("waivers = %v, want %v (relative to the file)", got, want)
	}
	if got := cfg.Config.Attestations; len(got) != 1 || got[0] != "/abs/attest.hcl" {
		t.Errorf("attestations = %v: absolute paths stay as written", got)
	}
	if got := cfg.Config.Sources.Paths; len(got) != 1 || got[0] != filepath.Join(dir, "repos") {
		t.Errorf("sources.paths = %v", got)
	}
	// Found in the assessed folder, the file cannot set a baseline; named
	// explicitly, it can.
	if got := cfg.Config.Gate.Baseline; got != "" || strings.Join(cfg.Ignored, ",") != "gate.baseline" {
		t.Errorf("gate.baseline = %q from a file inside the assessed folder (ignored: %v)", got, cfg.Ignored)
	}
	cfg, err = Load(filepath.Join(dir, FileName), []string{dir}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cfg.Config.Gate.Baseline, filepath.Join(dir, "base", "results.json"); got != want {
		t.Errorf("gate.baseline = %q, want %q (one path, relative to the file)", got, want)
	}
	// With two folders there is no single project to take the file from.
	cfg, err = Load("", []string{dir, t.TempDir()}, nil, nil)
	if err != nil || cfg.File != "" {
		t.Fatalf("want no config file with two folders, got %q, %v", cfg.File, err)
	}
}

func TestHistoryStorePaths(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct{ store, want string }{
		{".tollgate/history.db", filepath.Join(dir, ".tollgate", "history.db")},
		{"postgres://tollgate@db.internal:5432/history", "postgres://tollgate@db.internal:5432/history"},
	} {
		file := filepath.Join(dir, "tollgate.yaml")
		if err := os.WriteFile(file, []byte("history:\n  store: "+tt.store+"\n  scope: payments\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		cfg, err := Load(file, nil, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Config.History.Store != tt.want || cfg.Config.History.Scope != "payments" {
			t.Errorf("history = %+v, want store %q (a file relative to the configuration, a URL as written)", cfg.Config.History, tt.want)
		}
	}
}

// TestAssessmentAndRemediation reads what the reports state about the
// engagement: parties, system, the system security plan (a path relative to
// the file, a URL as it is) and remediation deadlines, whose defaults apply
// to severities the file leaves out.
func TestAssessmentAndRemediation(t *testing.T) {
	path := writeConfig(t, `assessment:
  organization: {name: Acme Corp, email: security@acme.example}
  assessor: {name: Jane Auditor, type: person}
  system: {id: ACME-1, name: Acme MCP}
  ssp: ssp/acme.json
  document_version: "2026-Q1"
remediation:
  point_of_contact: {name: Platform Security}
  deadlines: {critical: 7, high: 20}
`)
	cfg, err := Load(path, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, r := cfg.Config.Assessment, cfg.Config.Remediation
	if a.Organization.Name != "Acme Corp" || a.Organization.Email != "security@acme.example" || a.Assessor.Type != "person" ||
		a.System.ID != "ACME-1" || a.DocumentVersion != "2026-Q1" || r.PointOfContact.Name != "Platform Security" {
		t.Errorf("assessment %+v, remediation %+v", a, r)
	}
	if want := filepath.Join(filepath.Dir(path), "ssp", "acme.json"); a.SSP != want {
		t.Errorf("ssp = %q, want %q (relative to the file)", a.SSP, want)
	}
	if d := r.Deadlines; d.Critical != 7 || d.High != 20 || d.Medium != 90 || d.Low != 180 || d.Info != 365 {
		t.Errorf("deadlines %+v, want the file's, then the defaults", d)
	}
	url := writeConfig(t, "assessment:\n  ssp: https://grc.example/ssp.json\n")
	cfg, err = Load(url, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Config.Assessment.SSP != "https://grc.example/ssp.json" {
		t.Errorf("a URL ssp became %q", cfg.Config.Assessment.SSP)
	}
	if err := CheckKeys(path, []byte("assessment:\n  organisation: {name: X}\n")); err == nil || !strings.Contains(err.Error(), `did you mean "assessment.organization"`) {
		t.Errorf("misspelt key: %v", err)
	}
}
