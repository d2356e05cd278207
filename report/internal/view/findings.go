package view

import (
	"slices"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/evidence"
)

// Finding is one control × subject evaluation worth reporting: a failure, a
// waived failure or an evaluation error.
type Finding struct {
	Control *controls.Control
	// Eval points at the evaluation in the results, which reports read
	// and never change.
	Eval *assess.Evaluation
	// Subject points at the common fields of the subject in the results,
	// which reports read and never change.
	Subject  *evidence.Meta
	Location string
	Artifact *evidence.Artifact
	Waiver   *assess.WaiverRecord
}

// Waived reports whether the finding is a waived failure.
func (f Finding) Waived() bool { return f.Eval.Verdict == assess.VerdictWaived }

// Findings returns the failing and waived evaluations in control then subject
// order. Every format reports exactly these pairs.
func (x *Index) Findings() []Finding {
	return x.collect(assess.VerdictFail, assess.VerdictWaived)
}

// Failures returns only the failing (not waived) evaluations.
func (x *Index) Failures() []Finding { return x.collect(assess.VerdictFail) }

// Errors returns the evaluations that could not be decided.
func (x *Index) Errors() []Finding { return x.collect(assess.VerdictError) }

func (x *Index) collect(verdicts ...assess.Verdict) []Finding {
	// A linear search of one or two verdicts: every evaluation is asked.
	want := func(v assess.Verdict) bool { return slices.Contains(verdicts, v) }
	n := 0
	for _, cr := range x.R.Controls {
		if cr.Control == nil {
			continue
		}
		for i := range cr.Evaluations {
			if want(cr.Evaluations[i].Verdict) {
				n++
			}
		}
	}
	out := make([]Finding, 0, n)
	for _, cr := range x.R.Controls {
		if cr.Control == nil {
			continue
		}
		for i := range cr.Evaluations {
			e := &cr.Evaluations[i]
			if !want(e.Verdict) {
				continue
			}
			s := x.entryOf(e)
			out = append(out, Finding{
				Control:  cr.Control,
				Eval:     e,
				Subject:  s.meta(e.SubjectID),
				Location: s.loc(),
				Artifact: s.artifact(x),
				Waiver:   x.Waiver(e.Waiver),
			})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Control.ID != out[j].Control.ID {
			return out[i].Control.ID < out[j].Control.ID
		}
		return out[i].Subject.ID < out[j].Subject.ID
	})
	return out
}

// BySeverity sorts findings most severe first, then by control and subject.
// Unknown severities sort last.
func BySeverity(fs []Finding) {
	rank := func(f Finding) int {
		if r := controls.SeverityRank(f.Control.Severity); r >= 0 {
			return r
		}
		return len(controls.Severities)
	}
	sort.SliceStable(fs, func(i, j int) bool {
		ri, rj := rank(fs[i]), rank(fs[j])
		if ri != rj {
			return ri < rj
		}
		if fs[i].Control.ID != fs[j].Control.ID {
			return fs[i].Control.ID < fs[j].Control.ID
		}
		return fs[i].Subject.ID < fs[j].Subject.ID
	})
}

// ReasonText renders one cause of a failure or error for people:
// "path: detail", or the detail alone when the cause has no path (a file
// that could not be read, a check that could not run).
func ReasonText(r assess.Reason) string {
	if r.Path == "" {
		return r.Detail
	}
	return r.Path + ": " + r.Detail
}

// ReasonLines is what strings.Join(lines, "\n") returns for the lines:
// head unless it is empty, a line per reason (prefix then its ReasonText),
// and the concatenated tail unless it is empty; built in one allocation.
func ReasonLines(head, prefix string, rs []assess.Reason, tail ...string) string {
	n, last := len(head), 0
	for _, r := range rs {
		n += 1 + len(prefix) + len(r.Path) + 2 + len(r.Detail)
	}
	for _, t := range tail {
		last += len(t)
	}
	var b strings.Builder
	b.Grow(n + 1 + last)
	b.WriteString(head)
	lines := len(head) // > 0 once a line is written
	for _, r := range rs {
		if lines > 0 {
			b.WriteByte('\n')
		}
		lines++
		b.WriteString(prefix)
		if r.Path != "" {
			b.WriteString(r.Path)
			b.WriteString(": ")
		}
		b.WriteString(r.Detail)
	}
	if last > 0 {
		if lines > 0 {
			b.WriteByte('\n')
		}
		for _, t := range tail {
			b.WriteString(t)
		}
	}
	return b.String()
}

// ReasonTexts renders every reason with ReasonText.
func ReasonTexts(rs []assess.Reason) []string {
	var out []string
	for _, r := range rs {
		out = append(out, ReasonText(r))
	}
	return out
}
