package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestRunThatReadsNoFile guards that a run which reads no file at all (a
// glob that matches nothing, a folder without configs, an empty bundle)
// says so and exits 2 instead of passing the gate, unless --allow-empty is
// given, and that it then says it continues.
func TestRunThatReadsNoFile(t *testing.T) {
	empty := writeTree(t, map[string]string{"README.md": "no MCP here\n"})
	emptyBundle := filepath.Join(t.TempDir(), "bundle")
	if run := runTollgate(t, "collect", empty, "-o", emptyBundle, "--allow-empty"); run.code != 0 {
		t.Fatalf("collect --allow-empty: exit %d (%v)", run.code, run.err)
	}
	out := func() string { return filepath.Join(t.TempDir(), "out") }
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"include that matches nothing", []string{"assess", exampleDir, "--include", "nomatch/**", "--fail-on", "low", "-o", out()},
			[]string{"read no files", exampleDir, `--include "nomatch/**"`}},
		{"exclude that leaves nothing", []string{"collect", exampleDir, "--exclude", "**"},
			[]string{"read no files", `--exclude "**"`}},
		{"folder without configs", []string{"assess", empty, "-o", out()},
			[]string{"read no files", empty}},
		{"collect of a folder without configs", []string{"collect", empty, "--format", "json"},
			[]string{"read no files", empty}},
		{"bundle that records no file", []string{"evaluate", emptyBundle, "-o", out()},
			[]string{"read no files", emptyBundle}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run := runTollgate(t, tt.args...)
			if run.code != 2 {
				t.Fatalf("exit %d, want 2 (%v)", run.code, run.err)
			}
			for _, w := range append(tt.want, "--allow-empty") {
				if !strings.Contains(run.err.Error(), w) {
					t.Errorf("message %q does not say %q", run.err, w)
				}
			}
			run = runTollgate(t, append(tt.args, "--allow-empty")...)
			if run.code != 0 {
				t.Fatalf("with --allow-empty: exit %d, want 0 (%v)", run.code, run.err)
			}
			if !strings.Contains(run.stderr, "read no files") || !strings.Contains(run.stderr, "continuing because of --allow-empty") {
				t.Errorf("with --allow-empty the run must say it read nothing:\n%s", run.stderr)
			}
		})
	}
}
