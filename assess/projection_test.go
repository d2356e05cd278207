package assess

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/tollgate-dev/tollgate/assess/assesstest"
	"github.com/tollgate-dev/tollgate/controls"
)

// TestProjectionKeepsVerdicts evaluates every built-in control over every
// example subject and a few hundred generated servers, with and without
// projection, and requires identical outcomes (verdict and reasons).
func TestProjectionKeepsVerdicts(t *testing.T) {
	cat, err := controls.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	plan, err := controls.NewPlan(cat)
	if err != nil {
		t.Fatal(err)
	}
	var subjects []map[string]any
	codec := newSubjectCodec()
	for _, s := range assesstest.Fleet(400, 7) {
		m, err := codec.mapOf(s)
		if err != nil {
			t.Fatal(err)
		}
		subjects = append(subjects, m)
	}
	for _, c := range cat.Controls {
		for _, ex := range c.Examples {
			m, err := controls.ExampleSubject(c, ex)
			if err != nil {
				t.Fatal(err)
			}
			subjects = append(subjects, m)
		}
	}
	projected, whole := plan.NewEvaluator(), plan.NewEvaluator()
	whole.SetProjection(false)
	verdicts := map[string]int{}
	for i := range plan.Len() {
		for _, s := range subjects {
			a, b := projected.Evaluate(i, s), whole.Evaluate(i, s)
			verdicts[a.Result]++
			if !reflect.DeepEqual(a, b) {
				data, _ := json.Marshal(s)
				t.Errorf("%s: projected %+v, whole %+v\nsubject %s", plan.Control(i).ID, a, b, data)
			}
		}
	}
	if verdicts[controls.ResultPass] == 0 || verdicts[controls.ResultFail] == 0 {
		t.Errorf("the comparison saw no passes or no failures: %v", verdicts)
	}
	st := projected.Stats()
	t.Logf("verdicts %v; memo hits %d misses %d", verdicts, st.Hits, st.Misses)
}
