package cli

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestReportSelection: a default run writes the default reports and not the
// GitLab ones; asking for the GitLab ones by name writes them; --format none
// writes nothing at all, not even the evidence, and still gates.
func TestReportSelection(t *testing.T) {
	tests := []struct {
		name   string
		format []string
		want   []string
		code   int
	}{
		{"default", nil, reportFiles, 1},
		{"gitlab", []string{"--format", "codequality,gitlab-sast,json"}, []string{"gl-code-quality-report.json", "gl-sast-report.json", fileJSON}, 1},
		{"none", []string{"--format", "none"}, nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			run := runTollgate(t, append([]string{"assess", exampleDir, "-o", out, "-q", "--timestamp", fixedTimestamp}, tt.format...)...)
			if run.code != tt.code {
				t.Fatalf("exit %d, want %d: %v", run.code, tt.code, run.err)
			}
			if tt.want == nil {
				if _, err := os.Stat(out); !os.IsNotExist(err) {
					t.Fatalf("--format none wrote %s (%v)", out, err)
				}
				return
			}
			var got []string
			for _, f := range listFiles(t, out) {
				if filepath.Dir(f) == "." {
					got = append(got, f)
				}
			}
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("%s not written (got %v)", w, got)
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("wrote %v, want %v", got, tt.want)
			}
		})
	}
}
