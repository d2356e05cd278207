package controls

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Checks that take about a second of CUE on a fast machine: a comprehension
// building 14⁴ values, either when the snippet compiles (it does not depend
// on the subject) or when it meets a subject with 14 arguments.
const (
	costlyAtCompile = `let l = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]
    name: string
    _all: [for a in l for b in l for c in l for d in l {a}]
    _n: len(_all) & >0`
	costlyPerSubject = `name: !="bad"
    launch: args: [...string]
    _all: [for a in launch.args for b in launch.args for c in launch.args for d in launch.args {a}]
    _n: len(_all) & >=0`
)

// customCatalog writes a catalog with one server control whose check is
// check, and returns its folder.
func customCatalog(t *testing.T, check string) string {
	t.Helper()
	dir := t.TempDir()
	body := `risk "r" {
  title       = "R"
  description = "R."
}

control "ACME-COSTLY-01" {
  title       = "Costly"
  family      = "config"
  severity    = "low"
  risks       = ["r"]
  subject     = "server"
  description = "A check that costs."
  remediation = "None."
  check = <<-CUE
    ` + check + `
  CUE
  message = "{{.name}} fails"
  example "passes" {
    expect  = "pass"
    subject = { name = "ok", launch = { args = ["a"] } }
  }
  example "fails" {
    expect  = "fail"
    subject = { name = "bad", launch = { args = ["a"] } }
  }
}
`
	if err := os.WriteFile(filepath.Join(dir, "costly.hcl"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// withLimits sets CustomLimits for one test.
func withLimits(t *testing.T, l Limits) {
	t.Helper()
	saved := CustomLimits
	CustomLimits = l
	t.Cleanup(func() { CustomLimits = saved })
}

// TestCustomCatalogCompileIsBounded guards that a custom control whose CUE
// is too costly to compile makes loading fail quickly, at the control's
// file and line, instead of hanging.
func TestCustomCatalogCompileIsBounded(t *testing.T) {
	withLimits(t, Limits{Time: 100 * time.Millisecond, Memory: 1 << 30, SourceSize: 64 << 10})
	dir := customCatalog(t, costlyAtCompile)
	start := time.Now()
	_, err := LoadDir(dir)
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("loading took %v", took)
	}
	if err == nil {
		t.Fatal("a catalog too costly to compile loaded")
	}
	want := filepath.ToSlash(filepath.Join(dir, "costly.hcl")) + ":15: control \"ACME-COSTLY-01\": check: compiling it exceeded the limit of 100ms"
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error = %v\nwant it to contain %q", err, want)
	}
}

// TestCustomCatalogSourceSizeIsBounded guards the size bound on a custom
// control's CUE.
func TestCustomCatalogSourceSizeIsBounded(t *testing.T) {
	withLimits(t, Limits{Time: 5 * time.Second, SourceSize: 1 << 10})
	_, err := LoadDir(customCatalog(t, "name: string\n    // "+strings.Repeat("x", 2000)))
	if err == nil || !strings.Contains(err.Error(), "bytes, over the limit of 1024 for custom controls") {
		t.Fatalf("err = %v", err)
	}
}

// TestCustomControlEvaluationIsBounded guards that a custom control that
// becomes too costly on a subject stops the evaluation with an error naming
// the control and the subject, and that no later evaluation runs.
func TestCustomControlEvaluationIsBounded(t *testing.T) {
	dir := customCatalog(t, costlyPerSubject)
	cat, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if results, err := RunExamples(cat); err != nil || len(results) != 2 || !results[0].OK() || !results[1].OK() {
		t.Fatalf("examples: %v %+v", err, results)
	}
	withLimits(t, Limits{Time: 100 * time.Millisecond})
	plan, err := NewPlan(cat)
	if err != nil {
		t.Fatal(err)
	}
	ev := plan.NewEvaluator()
	args := make([]any, 14)
	for i := range args {
		args[i] = string(rune('a' + i))
	}
	subject := map[string]any{"kind": "server", "id": "server:big", "name": "big", "launch": map[string]any{"args": args}}
	start := time.Now()
	out := ev.Evaluate(0, subject)
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("evaluation took %v", took)
	}
	var le *LimitError
	if !errors.As(ev.Err(), &le) || le.Control != "ACME-COSTLY-01" || le.Line != 6 || !strings.Contains(le.Error(), "server:big") {
		t.Fatalf("Err() = %v", ev.Err())
	}
	if out.Result != ResultError {
		t.Errorf("outcome = %+v", out)
	}
	small := map[string]any{"kind": "server", "id": "server:small", "name": "small", "launch": map[string]any{"args": []any{"a"}}}
	if out := ev.Evaluate(0, small); out.Result != ResultError {
		t.Errorf("an evaluator past its limit went on: %+v", out)
	}
}

// TestCustomControlMemoryIsBounded guards the memory bound: an evaluation
// that makes the heap grow past it is stopped like one out of time.
func TestCustomControlMemoryIsBounded(t *testing.T) {
	withLimits(t, Limits{Time: time.Minute, Memory: 8 << 20})
	_, err := LoadDir(customCatalog(t, costlyAtCompile))
	if err == nil || !strings.Contains(err.Error(), "exceeded the limit of 8 MiB of memory") {
		t.Fatalf("err = %v", err)
	}
}

// TestBuiltinControlsAreNotBounded checks that the limits apply to custom
// catalogs only: the built-in catalog loads and runs its examples with
// limits no real evaluation could meet.
func TestBuiltinControlsAreNotBounded(t *testing.T) {
	withLimits(t, Limits{Time: time.Nanosecond, Memory: 1, SourceSize: 1})
	assertBuiltinExamplesPass(t)
}
