package controls

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/assess/assesstest"
)

func TestScratchMisses(t *testing.T) {
	cat, _ := Builtin()
	plan, _ := NewPlan(cat)
	fleet := assesstest.Fleet(5000, 1)
	var maps []map[string]any
	for _, s := range fleet {
		d, _ := json.Marshal(s)
		m, _ := DecodeJSON(d)
		maps = append(maps, m)
	}
	ev := plan.NewEvaluator()
	for i := range plan.Len() {
		before := ev.Stats()
		st := time.Now()
		for _, m := range maps {
			ev.Evaluate(i, m)
		}
		t.Logf("%-18s misses=%5d %8v  %s", plan.Control(i).ID, ev.Stats().Misses-before.Misses, time.Since(st), plan.Observes(i))
	}
}
