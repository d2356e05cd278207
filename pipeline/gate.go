package pipeline

import (
	"fmt"
	"strings"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/internal/words"
)

// FailOnNone disables the severity gate.
const FailOnNone = "none"

// Gate decides whether an assessment passes.
type Gate struct {
	// FailOn is the lowest severity whose unwaived failures fail the gate
	// (critical, high, medium, low, info), or "none".
	FailOn string
	// MinCoverage is the lowest acceptable coverage in percent (0 disables it).
	MinCoverage float64
}

// GateVerdict is the outcome of a gate.
type GateVerdict struct {
	Passed bool `json:"passed"`
	// Reasons explain a failed gate, one sentence each.
	Reasons []string `json:"reasons,omitempty"`
	// Blocking is the number of unwaived failures at or above FailOn (with a
	// baseline, only those absent from it).
	Blocking int `json:"blocking"`
	// Baselined is the number of unwaived failures at or above FailOn that the
	// baseline already had, and so do not block.
	Baselined int `json:"baselined,omitempty"`
	// Coverage is the percentage of framework requirements that were assessed
	// (satisfied, not satisfied or waived), over every framework in the results.
	Coverage float64 `json:"coverage"`
}

// Validate checks the gate's settings.
func (g Gate) Validate() error {
	if g.FailOn != "" && g.FailOn != FailOnNone && controls.SeverityRank(g.FailOn) < 0 {
		return fmt.Errorf("fail-on %q: want one of %s or none", g.FailOn, strings.Join(controls.Severities, ", "))
	}
	if g.MinCoverage < 0 || g.MinCoverage > 100 {
		return fmt.Errorf("min-coverage %g: want a percentage from 0 to 100", g.MinCoverage)
	}
	return nil
}

// Judge applies the gate to results.
func (g Gate) Judge(r *assess.Results) GateVerdict {
	v := GateVerdict{Passed: true, Coverage: Coverage(r)}
	if g.FailOn != "" && g.FailOn != FailOnNone {
		limit := controls.SeverityRank(g.FailOn)
		for _, cr := range r.Controls {
			rank := controls.SeverityRank(cr.Control.Severity)
			if rank < 0 || rank > limit {
				continue
			}
			if r.Baseline == nil {
				v.Blocking += cr.Counts.Fail
				continue
			}
			for _, e := range cr.Evaluations {
				switch {
				case e.Verdict != assess.VerdictFail:
				case r.Baseline.State(e) == assess.BaselineNew:
					v.Blocking++
				default:
					v.Baselined++
				}
			}
		}
		switch {
		case v.Blocking > 0 && r.Baseline != nil:
			v.Passed = false
			v.Reasons = append(v.Reasons, fmt.Sprintf("%d new unwaived %s at or above severity %s, absent from the baseline (%d more in the baseline)",
				v.Blocking, words.Plural(v.Blocking, "failure", "failures"), g.FailOn, v.Baselined))
		case v.Blocking > 0:
			v.Passed = false
			v.Reasons = append(v.Reasons, fmt.Sprintf("%d unwaived %s at or above severity %s", v.Blocking, words.Plural(v.Blocking, "failure", "failures"), g.FailOn))
		}
	}
	if g.MinCoverage > 0 && v.Coverage < g.MinCoverage {
		v.Passed = false
		v.Reasons = append(v.Reasons, fmt.Sprintf("coverage %.1f%% is below the required %.1f%%", v.Coverage, g.MinCoverage))
	}
	return v
}

// Coverage is the percentage of framework requirements in the results whose
// status was decided by evidence (satisfied, not satisfied, or not satisfied
// under an approved deviation). Requirements
// that are not assessed, manual without an attestation, or in error count
// against it. With no requirements at all it is 0.
func Coverage(r *assess.Results) float64 {
	var total, decided int
	for _, fr := range r.Frameworks {
		total += len(fr.Requirements)
		decided += fr.Tally.Assessed()
	}
	if total == 0 {
		return 0
	}
	return float64(decided) * 100 / float64(total)
}
