package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestProgress: bars go to standard error only when asked for or when it is
// a terminal (never in these tests' buffers), never with -q, and name each
// stage with its count.
func TestProgress(t *testing.T) {
	tests := []struct {
		name string
		args []string
		bars bool
		code int
	}{
		{"not a terminal", nil, false, 1},
		{"always", []string{"--progress", "always"}, true, 1},
		{"always but quiet", []string{"--progress", "always", "-q"}, false, 1},
		{"never", []string{"--progress", "never"}, false, 1},
		{"unknown mode", []string{"--progress", "sometimes"}, false, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"assess", exampleDir, "-o", filepath.Join(t.TempDir(), "out"), "--timestamp", fixedTimestamp}, tt.args...)
			run := runTollgate(t, args...)
			if run.code != tt.code {
				t.Fatalf("exit %d, want %d: %v", run.code, tt.code, run.err)
			}
			for _, stage := range []string{"Finding files", "Reading files", "Judging subjects"} {
				if got := strings.Contains(run.stderr, stage); got != tt.bars {
					t.Errorf("stderr has %q: %v, want %v:\n%s", stage, got, tt.bars, run.stderr)
				}
			}
			if tt.bars && strings.Contains(run.stdout, "Reading files") {
				t.Error("bars went to standard output")
			}
		})
	}
	run := runTollgate(t, "collect", exampleDir, "--progress", "always")
	if run.code != 0 || !strings.Contains(run.stderr, "Reading files") {
		t.Errorf("collect --progress always: exit %d, stderr:\n%s", run.code, run.stderr)
	}
}
