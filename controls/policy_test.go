package controls

import (
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
)

// TestDisabledEntriesAreJudged holds the built-in catalog to one policy for
// entries the client is told not to start (disabled: true, enabled = false,
// Gemini's mcp.excluded): every control judges them exactly as enabled ones,
// since each is one toggle away from running with everything its entry
// says. No control's applicability may depend on the flag, and every failing
// example still fails with the entry disabled.
func TestDisabledEntriesAreJudged(t *testing.T) {
	cat, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	plan, err := NewPlan(cat)
	if err != nil {
		t.Fatal(err)
	}
	ev := plan.NewEvaluator()
	judged := 0
	for i, c := range cat.Controls {
		if c.Manual || c.Subject != evidence.KindServer {
			continue
		}
		if strings.Contains(c.When, "disabled") || strings.Contains(c.Check, "disabled") {
			t.Errorf("%s (%s): its CUE names the disabled flag; disabled entries are judged like enabled ones", c.ID, c.File)
		}
		for _, ex := range c.Examples {
			if ex.Expect != ResultFail {
				continue
			}
			subject, err := ExampleSubject(c, ex)
			if err != nil {
				t.Fatal(err)
			}
			subject["disabled"] = true
			if o := ev.Evaluate(i, subject); o.Result != ResultFail {
				t.Errorf("%s example %q: %s once the entry is disabled, want fail", c.ID, ex.Name, o.Result)
			}
			judged++
		}
	}
	if err := ev.Err(); err != nil {
		t.Fatal(err)
	}
	if judged < 50 {
		t.Fatalf("only %d failing server examples judged", judged)
	}
}
