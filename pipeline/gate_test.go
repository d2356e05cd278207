package pipeline

import (
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/mappings"
)

// gateResults has one high failure, two low failures (one waived) and a
// framework with 4 requirements of which 3 were decided.
func gateResults() *assess.Results {
	ctrl := func(id, sev string) *controls.Control { return &controls.Control{ID: id, Severity: sev} }
	return &assess.Results{
		Controls: []assess.ControlResult{
			{Control: ctrl("MCP-A", "high"), Counts: assess.Counts{Fail: 1, Pass: 3}},
			{Control: ctrl("MCP-B", "low"), Counts: assess.Counts{Fail: 1, Waived: 1}},
			{Control: ctrl("MCP-C", "critical"), Counts: assess.Counts{Pass: 2}},
		},
		Frameworks: []assess.FrameworkResult{{
			Framework:    &mappings.Framework{ID: "f"},
			Requirements: make([]assess.RequirementResult, 4),
			Tally:        assess.FrameworkTally{Satisfied: 2, NotSatisfied: 1, NotAssessed: 1},
		}},
	}
}

func TestGateJudge(t *testing.T) {
	tests := []struct {
		name       string
		gate       Gate
		passed     bool
		blocking   int
		wantReason string
	}{
		{"critical only passes", Gate{FailOn: "critical"}, true, 0, ""},
		{"high fails on the high failure", Gate{FailOn: "high"}, false, 1, "1 unwaived failure at or above severity high"},
		{"low counts both unwaived failures", Gate{FailOn: "low"}, false, 2, "2 unwaived failures"},
		{"none never fails on severity", Gate{FailOn: "none"}, true, 0, ""},
		{"coverage below the minimum fails", Gate{FailOn: "none", MinCoverage: 80}, false, 0, "coverage 75.0% is below the required 80.0%"},
		{"coverage at the minimum passes", Gate{FailOn: "none", MinCoverage: 75}, true, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := tt.gate.Judge(gateResults())
			if v.Passed != tt.passed || v.Blocking != tt.blocking {
				t.Fatalf("Judge = passed %v blocking %d, want %v %d (%v)", v.Passed, v.Blocking, tt.passed, tt.blocking, v.Reasons)
			}
			if tt.wantReason != "" && !strings.Contains(strings.Join(v.Reasons, "; "), tt.wantReason) {
				t.Errorf("reasons %q lack %q", v.Reasons, tt.wantReason)
			}
			if v.Coverage != 75 {
				t.Errorf("coverage = %v, want 75", v.Coverage)
			}
		})
	}
}

func TestGateValidate(t *testing.T) {
	for _, g := range []Gate{{FailOn: "severe"}, {FailOn: "high", MinCoverage: 101}, {MinCoverage: -1}} {
		if err := g.Validate(); err == nil {
			t.Errorf("%+v: want an error", g)
		}
	}
	for _, g := range []Gate{{}, {FailOn: "none"}, {FailOn: "info", MinCoverage: 100}} {
		if err := g.Validate(); err != nil {
			t.Errorf("%+v: %v", g, err)
		}
	}
}

func TestCoverageWithoutFrameworks(t *testing.T) {
	if c := Coverage(&assess.Results{}); c != 0 {
		t.Errorf("coverage of nothing = %v, want 0", c)
	}
}
