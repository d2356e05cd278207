package pipeline_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/tollgate-dev/tollgate/assess/assesstest"
	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/pipeline/pipelinetest"
)

// TestProjectionKeepsFleetOutcomes judges every subject collected from a
// generated fleet (servers of every client format, Kubernetes workloads,
// gateways) against every built-in control with and without projection,
// and requires the same outcome (verdict and reasons) for each pair.
func TestProjectionKeepsFleetOutcomes(t *testing.T) {
	bundle := pipelinetest.CollectFleet(t, assesstest.FilesSpec{Servers: 200, Workloads: 200, Gateways: 3, Seed: 11})
	cat, err := controls.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	plan, err := controls.NewPlan(cat)
	if err != nil {
		t.Fatal(err)
	}
	projected, whole := plan.NewEvaluator(), plan.NewEvaluator()
	whole.SetProjection(false)
	judged := map[string]int{}
	for _, s := range bundle.Subjects {
		data, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		m, err := controls.DecodeJSON(data)
		if err != nil {
			t.Fatal(err)
		}
		for i := range plan.Len() {
			c := plan.Control(i)
			if c.Subject != s.Metadata().Kind || !c.Evaluable() {
				continue
			}
			a, b := projected.Evaluate(i, m), whole.Evaluate(i, m)
			judged[a.Result]++
			if !reflect.DeepEqual(a, b) {
				t.Errorf("%s on %s: projected %+v, whole %+v", c.ID, s.Metadata().ID, a, b)
			}
		}
	}
	if judged[controls.ResultPass] == 0 || judged[controls.ResultFail] == 0 {
		t.Errorf("the comparison saw no passes or no failures: %v", judged)
	}
	st := projected.Stats()
	t.Logf("outcomes %v; memo hits %d misses %d", judged, st.Hits, st.Misses)
}
