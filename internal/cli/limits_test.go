package cli

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/controls"
)

// costlyControl is a custom catalog whose one control builds the 4-fold
// product of check's list with itself: cheap on the examples, about a
// second of CUE on a server with 14 arguments, or at compile time when the
// list is a constant.
func costlyControl(list string) string {
	return `control "ACME-COSTLY-01" {
  title       = "Costly"
  family      = "config"
  severity    = "low"
  risks       = ["tool-poisoning"]
  subject     = "server"
  description = "A check that costs."
  remediation = "None."
  check = <<-CUE
    name: string
    launch: args: [...string]
    let l = ` + list + `
    _all: [for a in l for b in l for c in l for d in l {a}]
    _n: len(_all) & >=0
  CUE
  message = "{{.name}} fails"
  example "passes" {
    expect  = "pass"
    subject = { name = "ok", launch = { args = ["a"] } }
  }
  example "fails" {
    expect  = "fail"
    subject = { name = 1, launch = { args = ["a"] } }
  }
}
`
}

// TestCostlyCustomCatalogFailsFast guards that a custom catalog whose CUE
// cannot be evaluated in bounded time makes every command that uses it exit
// 2 quickly with a message naming the control, rather than hang.
func TestCostlyCustomCatalogFailsFast(t *testing.T) {
	saved := controls.CustomLimits
	controls.CustomLimits.Time = 150 * time.Millisecond
	t.Cleanup(func() { controls.CustomLimits = saved })

	atCompile := writeTree(t, map[string]string{"c.hcl": costlyControl("[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]")})
	perSubject := writeTree(t, map[string]string{"c.hcl": costlyControl("launch.args")})
	repo := writeTree(t, map[string]string{".mcp.json": `{"mcpServers": {"many": {"command": "node",
  "args": ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n"]}}}`})
	out := filepath.Join(t.TempDir(), "out")
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"controls list", []string{"controls", "list", "--catalog", atCompile}, []string{"c.hcl:10", "ACME-COSTLY-01", "exceeded the limit of 150ms"}},
		{"controls test", []string{"controls", "test", "--catalog", atCompile}, []string{"c.hcl:10", "ACME-COSTLY-01", "exceeded"}},
		{"assess, costly to compile", []string{"assess", repo, "--catalog", atCompile, "-o", out}, []string{"c.hcl:10", "ACME-COSTLY-01", "exceeded"}},
		{"assess, costly on one server", []string{"assess", repo, "--catalog", perSubject, "-o", out}, []string{"c.hcl:1", "ACME-COSTLY-01", "#many", "exceeded the limit of 150ms"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			run := runTollgate(t, tt.args...)
			if took := time.Since(start); took > 20*time.Second {
				t.Errorf("took %v", took)
			}
			if run.code != 2 {
				t.Fatalf("exit %d, want 2 (%v)", run.code, run.err)
			}
			for _, w := range tt.want {
				if !strings.Contains(run.err.Error(), w) {
					t.Errorf("message %q does not say %q", run.err, w)
				}
			}
		})
	}
}
