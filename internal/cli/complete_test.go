package cli

import (
	"bytes"
	"strings"
	"testing"
)

// TestCompletion drives cobra's hidden completion command the way a shell
// completion script does.
func TestCompletion(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		want     []string
		dontWant []string
	}{
		{"control IDs", []string{"__complete", "controls", "show", "MCP-SECR"}, []string{"MCP-SECRETS-01\t"}, []string{"MCP-AUTH-01"}},
		{"framework argument", []string{"__complete", "frameworks", "coverage", "nist"}, []string{"nist-800-53-rev5\t", "nist-ssdf-1.1\t"}, []string{"gdpr"}},
		{"comma-separated frameworks flag", []string{"__complete", "assess", "--frameworks", "gdpr,iso"}, []string{"gdpr,iso-27001-2022\t"}, nil},
		{"severities", []string{"__complete", "assess", "--fail-on", ""}, []string{"critical", "none"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			app := &App{Out: &out, Err: &errOut, Version: "test"}
			root := NewRootCommand(app)
			root.SetOut(&out)
			root.SetArgs(tt.args)
			if err := root.Execute(); err != nil {
				t.Fatal(err)
			}
			got := out.String()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("completions lack %q:\n%s", w, got)
				}
			}
			for _, w := range tt.dontWant {
				if strings.Contains(got, w) {
					t.Errorf("completions include %q:\n%s", w, got)
				}
			}
		})
	}
}
