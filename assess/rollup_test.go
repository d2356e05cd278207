package assess

import (
	"slices"
	"testing"

	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/mappings"
)

func TestControlResult(t *testing.T) {
	c := &controls.Control{ID: "C-1", Subject: "server"}
	ev := func(vs ...Verdict) []Evaluation {
		var out []Evaluation
		for _, v := range vs {
			out = append(out, Evaluation{Verdict: v})
		}
		return out
	}
	tests := []struct {
		name  string
		evals []Evaluation
		want  Status
	}{
		{"nothing applicable", nil, StatusNotAssessed},
		{"all pass", ev(VerdictPass, VerdictPass), StatusSatisfied},
		{"a failure", ev(VerdictPass, VerdictFail), StatusNotSatisfied},
		{"failure and error", ev(VerdictError, VerdictFail), StatusNotSatisfied},
		{"error only", ev(VerdictPass, VerdictError), StatusError},
		{"waived failure", ev(VerdictPass, VerdictWaived), StatusWaived},
		{"only waived", ev(VerdictWaived), StatusWaived},
		{"waived failure and error", ev(VerdictError, VerdictWaived), StatusWaived},
		{"failure and waived failure", ev(VerdictWaived, VerdictFail), StatusNotSatisfied},
	}
	for _, tt := range tests {
		cr := controlResult(c, tt.evals, 2)
		if cr.Status != tt.want || cr.Reason == "" || cr.Counts.NotApplicable != 2 {
			t.Errorf("%s: %s (%q), want %s", tt.name, cr.Status, cr.Reason, tt.want)
		}
	}
}

func TestRequirementResult(t *testing.T) {
	by := map[string]*ControlResult{}
	for id, s := range map[string]Status{
		"SAT": StatusSatisfied, "FAIL": StatusNotSatisfied, "ERR": StatusError, "MAN": StatusManual, "NA": StatusNotAssessed,
		"WAIV": StatusWaived,
	} {
		by[id] = &ControlResult{Control: &controls.Control{ID: id}, Status: s}
	}
	links := func(ids ...string) []mappings.Link {
		var out []mappings.Link
		for _, id := range ids {
			out = append(out, mappings.Link{Control: id})
		}
		return out
	}
	tests := []struct {
		name   string
		links  []mappings.Link
		want   Status
		reason string
	}{
		{"unmapped", nil, StatusNotAssessed, "No control maps to this requirement."},
		{"failure wins", links("SAT", "FAIL", "ERR"), StatusNotSatisfied, "Not satisfied: FAIL failed."},
		{"error before satisfied", links("SAT", "ERR"), StatusError, "Undecided: ERR could not be evaluated."},
		{"a waived failure is no pass", links("SAT", "WAIV"), StatusWaived, "Not satisfied, deviation approved: WAIV failed only on subjects covered by waivers."},
		{"failure wins over waived", links("WAIV", "FAIL"), StatusNotSatisfied, "Not satisfied: FAIL failed. Waived failures of WAIV."},
		{"waived before error", links("ERR", "WAIV"), StatusWaived, "Not satisfied, deviation approved: WAIV failed only on subjects covered by waivers. ERR could not be evaluated."},
		{"satisfied with pending attestation", links("SAT", "MAN", "NA"), StatusSatisfied, "Satisfied by SAT. Awaiting attestation: MAN. Nothing applicable to NA."},
		{"manual only", links("MAN"), StatusManual, "Awaiting attestation: MAN."},
		{"manual and not applicable", links("MAN", "NA"), StatusManual, "Awaiting attestation: MAN."},
		{"nothing applicable", links("NA"), StatusNotAssessed, "No subject was applicable to NA."},
	}
	for _, tt := range tests {
		rr := requirementResult(mappings.Requirement{ID: "R"}, tt.links, by)
		if rr.Status != tt.want || rr.Reason != tt.reason {
			t.Errorf("%s: %s %q, want %s %q", tt.name, rr.Status, rr.Reason, tt.want, tt.reason)
		}
	}
}

func TestControlResultWaivedOnlyReason(t *testing.T) {
	c := &controls.Control{ID: "C-1", Subject: "server"}
	cr := controlResult(c, []Evaluation{{Verdict: VerdictWaived}}, 0)
	if want := "C-1 failed on 1 subject, accepted under waivers (deviation approved)."; cr.Reason != want {
		t.Errorf("reason = %q, want %q", cr.Reason, want)
	}
}

func TestRollUpKeepsFrameworkOrder(t *testing.T) {
	c := &controls.Control{ID: "C-1", Subject: "server"}
	results := []ControlResult{controlResult(c, []Evaluation{{Verdict: VerdictPass}}, 0)}
	fw := &mappings.Framework{ID: "fw", Requirements: []mappings.Requirement{{ID: "AC-2"}, {ID: "AC-17"}, {ID: "Art. 5"}, {ID: "Art. 32"}}}
	set := &mappings.Set{Links: []mappings.Link{{Framework: "fw", Requirement: "AC-17", Control: "C-1"}}}
	out := rollUpFrameworks([]*mappings.Framework{fw}, set, results)
	var got []string
	for _, rr := range out[0].Requirements {
		got = append(got, rr.Requirement.ID)
	}
	if want := []string{"AC-2", "AC-17", "Art. 5", "Art. 32"}; !slices.Equal(got, want) {
		t.Errorf("requirements in %v, want the framework's order %v", got, want)
	}
}
