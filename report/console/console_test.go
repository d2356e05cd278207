package console

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
)

// failures counts the fail and waived evaluations of r, the numbers every
// output must agree on.
func failures(r *assess.Results) (fail, waived int) {
	for _, cr := range r.Controls {
		for _, ev := range cr.Evaluations {
			switch ev.Verdict {
			case assess.VerdictFail:
				fail++
			case assess.VerdictWaived:
				waived++
			}
		}
	}
	return fail, waived
}

func TestSummariseAgreesWithResults(t *testing.T) {
	r := fixture.Results()
	s := Summarise(r, Gate{Passed: false, Reasons: []string{"2 unwaived failures"}, FailOn: "high"}, nil)
	fail, waived := failures(r)
	if fail == 0 || waived == 0 {
		t.Fatalf("fixture must have failures and waivers, got %d and %d", fail, waived)
	}
	if len(s.Failures) != fail || len(s.Waived) != waived {
		t.Errorf("summary has %d failures and %d waived, results have %d and %d", len(s.Failures), len(s.Waived), fail, waived)
	}
	if len(s.Frameworks) != len(r.Frameworks) {
		t.Errorf("summary has %d frameworks, results %d", len(s.Frameworks), len(r.Frameworks))
	}
	for i, f := range s.Frameworks {
		tally := r.Frameworks[i].Tally
		if f.Satisfied != tally.Satisfied || f.NotSatisfied != tally.NotSatisfied || f.NotAssessed != tally.NotAssessed {
			t.Errorf("framework %s: summary %+v, tally %+v", f.ID, f, tally)
		}
	}
	for i := 1; i < len(s.Failures); i++ {
		a, b := s.Failures[i-1], s.Failures[i]
		if rank(a.Severity) > rank(b.Severity) {
			t.Errorf("failures not ordered by severity: %s before %s", a.Severity, b.Severity)
		}
	}
	for _, f := range s.Failures {
		if f.Location == "" && f.Subject != "" {
			t.Errorf("failure of %s on %s has no location", f.Control, f.Subject)
		}
	}
}

func rank(s string) int {
	for i, v := range []string{"critical", "high", "medium", "low", "info"} {
		if v == s {
			return i
		}
	}
	return 9
}

func TestWriteText(t *testing.T) {
	r := fixture.Results()
	files := []File{{Path: "out/results.json", Description: "stable machine-readable results"}}
	tests := []struct {
		name     string
		gate     Gate
		opts     Options
		want     []string
		dontWant []string
	}{
		{
			name: "failed gate, no colour",
			gate: Gate{Passed: false, Reasons: []string{"3 unwaived failures at or above severity high"}},
			want: []string{"FRAMEWORK", "Failing checks", "repo-a/.cursor/mcp.json:4", "out/results.json", "Gate: FAILED: 3 unwaived failures",
				// Expired waivers and attestations no longer apply: say so.
				"Expired, no longer applied (2):", "attestation ir-plan-2025  MCP-IR-01  expired 2026-01-01  attestations.hcl:1", "old-analytics  MCP-AUTH-01  expired 2026-01-31  waivers.hcl:12"},
			// No escape codes when colour is off, and no secret value.
			dontWant: []string{"\x1b[", fixture.Canary},
		},
		{
			name: "passed gate in colour",
			gate: Gate{Passed: true, FailOn: "critical", Coverage: 42.5},
			opts: Options{Color: true},
			want: []string{"\x1b[32mPASSED\x1b[0m", "fail-on critical, coverage 42.5%"},
		},
		{
			name: "long failure lists are cut",
			gate: Gate{Passed: false, Reasons: []string{"x"}},
			opts: Options{MaxFailures: 1},
			want: []string{"… and"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteText(&buf, Summarise(r, tt.gate, files), tt.opts); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.dontWant {
				if strings.Contains(out, w) {
					t.Errorf("output contains %q:\n%s", w, out)
				}
			}
		})
	}
}

func TestWriteJSONIsStableAndComplete(t *testing.T) {
	r := fixture.Results()
	s := Summarise(r, Gate{Passed: true, FailOn: "none"}, nil)
	var a, b bytes.Buffer
	if err := WriteJSON(&a, s); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&b, Summarise(fixture.Results(), Gate{Passed: true, FailOn: "none"}, nil)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two summaries of the same results differ")
	}
	var decoded Summary
	if err := json.Unmarshal(a.Bytes(), &decoded); err != nil {
		t.Fatalf("summary is not valid JSON: %v", err)
	}
	fail, _ := failures(r)
	if len(decoded.Failures) != fail || decoded.Counts.Fail != r.Counts.Fail {
		t.Errorf("decoded summary has %d failures (counts %d), want %d (%d)", len(decoded.Failures), decoded.Counts.Fail, fail, r.Counts.Fail)
	}
	if strings.Contains(a.String(), fixture.Canary) {
		t.Error("summary JSON contains a secret value")
	}
}

func TestOneLineStripsControlCharacters(t *testing.T) {
	if got := oneLine("a\nb\x1b[31m  c\t"); got != "a b [31m c" {
		t.Errorf("oneLine = %q", got)
	}
}

func TestWriteTextListsEvaluationErrors(t *testing.T) {
	r := fixture.Results()
	s := Summarise(r, Gate{Passed: true, FailOn: "none"}, nil)
	errs := 0
	for _, cr := range r.Controls {
		for _, ev := range cr.Evaluations {
			if ev.Verdict == assess.VerdictError {
				errs++
			}
		}
	}
	if errs == 0 || len(s.Errors) != errs {
		t.Fatalf("summary has %d errors, results %d (the fixture must have some)", len(s.Errors), errs)
	}
	var buf bytes.Buffer
	if err := WriteText(&buf, s, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Could not evaluate (", "the gateway fronting mcp-gateway could not be read"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, buf.String())
		}
	}
}

func TestWriteTextCountsInWords(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    Summary
		want string
	}{
		{"singular", Summary{Version: "1", Servers: 1, Sources: 1}, ": 1 server in 1 file;"},
		{"every kind judged", Summary{Version: "1", Servers: 21, Gateways: 1, Workloads: 2, Endpoints: 3, Tools: 40, Clients: 4, Sources: 15},
			": 21 servers, 1 gateway, 2 workloads, 3 endpoints, 40 tool definitions, 4 clients in 15 files;"},
		{"kinds absent are not named", Summary{Version: "1", Servers: 0, Workloads: 1, Sources: 2}, ": 0 servers, 1 workload in 2 files;"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteText(&buf, tc.s, Options{}); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(buf.String(), tc.want) {
				t.Errorf("headline = %q, want it to contain %q", strings.SplitN(buf.String(), "\n", 2)[0], tc.want)
			}
		})
	}
}

// TestSummaryCountsEveryKindJudged checks that the headline counts come from
// the subjects of the run, kind by kind.
func TestSummaryCountsEveryKindJudged(t *testing.T) {
	r := &assess.Results{Subjects: []evidence.Subject{
		&evidence.Server{}, &evidence.Server{Ignored: true}, &evidence.Gateway{}, &evidence.Workload{}, &evidence.Workload{},
		&evidence.Endpoint{}, &evidence.Tool{}, &evidence.Client{}, &evidence.Source{Status: evidence.StatusOK},
	}}
	s := Summarise(r, Gate{}, nil)
	if s.Servers != 1 || s.Gateways != 1 || s.Workloads != 2 || s.Endpoints != 1 || s.Tools != 1 || s.Clients != 1 || s.Sources != 1 {
		t.Errorf("counts = servers %d, gateways %d, workloads %d, endpoints %d, tools %d, clients %d, sources %d; want 1 1 2 1 1 1 1",
			s.Servers, s.Gateways, s.Workloads, s.Endpoints, s.Tools, s.Clients, s.Sources)
	}
}

// TestWriteTextNamesSourcesNotFullyRead: the headline's "N not fully read"
// is backed by a list of those files, each with its status and first
// error, so a CI log says which file to fix; sources read in full, or
// recognised but not collected, are not listed.
func TestWriteTextNamesSourcesNotFullyRead(t *testing.T) {
	r := &assess.Results{Subjects: []evidence.Subject{
		&evidence.Source{Meta: evidence.Meta{Kind: evidence.KindSource, Name: "a/.mcp.json", Provenance: evidence.Provenance{File: "a/.mcp.json"}},
			Status: evidence.StatusParseError, Diagnostics: []evidence.Diagnostic{
				{Severity: "warning", Line: 1, Message: "repeated key"},
				{Severity: "error", Line: 7, Message: "invalid character '}' after object key"},
			}},
		&evidence.Source{Meta: evidence.Meta{Kind: evidence.KindSource, Name: "b/huge.json", Provenance: evidence.Provenance{File: "b/huge.json"}},
			Status: evidence.StatusTooLarge},
		&evidence.Source{Meta: evidence.Meta{Kind: evidence.KindSource, Name: "c/ok.json", Provenance: evidence.Provenance{File: "c/ok.json"}},
			Status: evidence.StatusOK},
		&evidence.Source{Meta: evidence.Meta{Kind: evidence.KindSource, Name: "d/gw.yaml", Provenance: evidence.Provenance{File: "d/gw.yaml"}},
			Status: evidence.StatusUnsupported},
	}}
	s := Summarise(r, Gate{}, nil)
	var buf bytes.Buffer
	if err := WriteText(&buf, s, Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"(2 not fully read)", "Not fully read (2):", "a/.mcp.json  parse-error\n      line 7: invalid character '}' after object key",
		"b/huge.json  too-large"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, not := range []string{"c/ok.json", "d/gw.yaml  unsupported", "repeated key"} {
		if strings.Contains(out, not) {
			t.Errorf("output lists %q:\n%s", not, out)
		}
	}
}

func TestSortFailuresByLineNumber(t *testing.T) {
	fs := []Failure{
		{Control: "C", Severity: "low", Location: "a.json:11", file: "a.json", line: 11},
		{Control: "C", Severity: "low", Location: "a.json:3", file: "a.json", line: 3},
	}
	sortFailures(fs)
	if fs[0].line != 3 {
		t.Errorf("line 11 sorted before line 3: %+v", fs)
	}
}

// TestWriteTextListsCreditedPasses checks that a pass carrying a credit (a
// server judged by the gateway in front of it) is listed with its message,
// and a pass without one is not.
func TestWriteTextListsCreditedPasses(t *testing.T) {
	r := fixture.Results()
	credited := 0
	for i := range r.Controls {
		for j := range r.Controls[i].Evaluations {
			ev := &r.Controls[i].Evaluations[j]
			if ev.Verdict == assess.VerdictPass && credited == 0 {
				ev.Message = "reached through gateway edge in gw/agentgateway.yaml:3, which requires authentication"
				credited++
			}
		}
	}
	if credited == 0 {
		t.Fatal("the fixture must have a pass")
	}
	s := Summarise(r, Gate{Passed: true, FailOn: "none"}, nil)
	if len(s.Credited) != 1 {
		t.Fatalf("summary credits %d passes, want 1", len(s.Credited))
	}
	var buf bytes.Buffer
	if err := WriteText(&buf, s, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Passing on credit (1):", "reached through gateway edge in gw/agentgateway.yaml:3"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, buf.String())
		}
	}
}
