package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// failingRepo is a repository whose one server fails a high-severity
// control (a literal GitHub token), next to its own tollgate.yaml.
func failingRepo(t *testing.T, config string) string {
	t.Helper()
	return writeTree(t, map[string]string{
		".mcp.json": `{"mcpServers": {"gh": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@1.2.3"],
  "env": {"GITHUB_TOKEN": "ghp_TrustCanaryTrustCanary0123456789abcd"}}}}`,
		"tollgate.yaml":    config,
		"controls/x.hcl":   "# not loaded\n",
		"policy/notes.txt": "",
	})
}

// TestRepositoryConfigCannotWeakenItsAssessment guards that a repository's
// own tollgate.yaml, found by assessing the repository, cannot switch the
// gate off, add catalogs or write outside the repository, and that the run
// says which settings it ignored; named with --config, it applies.
func TestRepositoryConfigCannotWeakenItsAssessment(t *testing.T) {
	cwd := t.TempDir()
	t.Chdir(cwd)
	repo := failingRepo(t, "gate:\n  fail_on: none\ncatalogs: [controls]\noutput:\n  dir: ../escaped-out\n")
	escaped := filepath.Join(filepath.Dir(repo), "escaped-out")

	run := runTollgate(t, "assess", repo, "--timestamp", fixedTimestamp)
	if run.code != 1 {
		t.Fatalf("exit %d, want 1: the repository's file must not switch the gate off (%v)", run.code, run.err)
	}
	for _, want := range []string{filepath.Join(repo, "tollgate.yaml"), "gate.fail_on", "catalogs", "output.dir", "--config"} {
		if !strings.Contains(run.stderr, want) {
			t.Errorf("stderr does not name %q:\n%s", want, run.stderr)
		}
	}
	if _, err := os.Stat(escaped); err == nil {
		t.Errorf("outputs written outside the repository, to %s", escaped)
	}
	if _, err := os.Stat(filepath.Join(cwd, "tollgate-out", "results.json")); err != nil {
		t.Errorf("outputs not in the default folder: %v", err)
	}

	// The operator's explicit choice applies in full (the catalog folder
	// holds no control, so only the gate and the output folder show).
	run = runTollgate(t, "--config", filepath.Join(repo, "tollgate.yaml"), "assess", repo, "--timestamp", fixedTimestamp)
	if run.code != 0 {
		t.Fatalf("with --config: exit %d, want 0 (%v)", run.code, run.err)
	}
	if strings.Contains(run.stderr, "ignored") {
		t.Errorf("with --config nothing is ignored:\n%s", run.stderr)
	}
	if _, err := os.Stat(filepath.Join(escaped, "results.json")); err != nil {
		t.Errorf("with --config, output.dir relative to the file: %v", err)
	}
}

// TestConfigOutputDirRelativeToFile guards that output.dir in tollgate.yaml
// is taken relative to the file, as every path in it is, whatever the
// working directory.
func TestConfigOutputDirRelativeToFile(t *testing.T) {
	cwd := t.TempDir()
	t.Chdir(cwd)
	repo := failingRepo(t, "gate:\n  fail_on: none\noutput:\n  dir: reports\n")
	for _, args := range [][]string{
		{"assess", repo},
		{"--config", filepath.Join(repo, "tollgate.yaml"), "assess", repo},
	} {
		os.RemoveAll(filepath.Join(repo, "reports"))
		run := runTollgate(t, append(args, "--timestamp", fixedTimestamp, "--fail-on", "none")...)
		if run.code != 0 {
			t.Fatalf("%v: exit %d (%v)", args, run.code, run.err)
		}
		if _, err := os.Stat(filepath.Join(repo, "reports", "results.json")); err != nil {
			t.Errorf("%v: reports not next to the file: %v", args, err)
		}
		if _, err := os.Stat(filepath.Join(cwd, "reports")); err == nil {
			t.Errorf("%v: reports written relative to the working directory", args)
		}
	}
}
