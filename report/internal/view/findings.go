package view

import (
	"cmp"
	"slices"
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
	// id is ID, found once for every report that quotes it ("" until
	// then).
	id string
}

// Waived reports whether the finding is a waived failure.
func (f Finding) Waived() bool { return f.Eval.Verdict == assess.VerdictWaived }

// Findings returns the failing and waived evaluations in control then subject
// order. Every format reports exactly these pairs. The list is found once
// and shared by every caller: it must not be changed (appending to it
// copies it; BySeverity sorts a copy).
func (x *Index) Findings() []Finding {
	x.found.Do(x.collect)
	return slices.Clip(x.findings)
}

// Failures returns only the failing (not waived) evaluations, in the order
// of Findings; shared as Findings is.
func (x *Index) Failures() []Finding {
	x.failed.Do(func() {
		all := x.Findings()
		n := 0
		for _, f := range all {
			if f.Eval.Verdict == assess.VerdictFail {
				n++
			}
		}
		x.failures = make([]Finding, 0, n)
		for _, f := range all {
			if f.Eval.Verdict == assess.VerdictFail {
				x.failures = append(x.failures, f)
			}
		}
	})
	return slices.Clip(x.failures)
}

// Errors returns the evaluations that could not be decided, in control
// then subject order; shared as Findings is.
func (x *Index) Errors() []Finding {
	x.found.Do(x.collect)
	return slices.Clip(x.errs)
}

// collect finds the findings and the errors, in one pass over every
// evaluation.
func (x *Index) collect() {
	found, errs := 0, 0
	for _, cr := range x.R.Controls {
		if cr.Control == nil {
			continue
		}
		for i := range cr.Evaluations {
			switch cr.Evaluations[i].Verdict {
			case assess.VerdictFail, assess.VerdictWaived:
				found++
			case assess.VerdictError:
				errs++
			}
		}
	}
	x.findings, x.errs = make([]Finding, 0, found), make([]Finding, 0, errs)
	for _, cr := range x.R.Controls {
		if cr.Control == nil {
			continue
		}
		for i := range cr.Evaluations {
			e := &cr.Evaluations[i]
			list := &x.findings
			switch e.Verdict {
			case assess.VerdictFail, assess.VerdictWaived:
			case assess.VerdictError:
				list = &x.errs
			default:
				continue
			}
			s := x.entryOf(e)
			*list = append(*list, Finding{
				Control:  cr.Control,
				Eval:     e,
				Subject:  s.meta(e.SubjectID),
				Location: x.loc(s),
				Artifact: x.artifact(s),
				Waiver:   x.Waiver(e.Waiver),
				id:       e.FindingID(),
			})
		}
	}
	sortFindings(x.findings, nil)
	sortFindings(x.errs, nil)
}

// BySeverity returns the findings of the lists, one after the other,
// sorted most severe first, then by control and subject (a stable sort,
// so findings of one control and subject keep their order). Unknown
// severities sort last. The lists are not changed.
func BySeverity(lists ...[]Finding) []Finding {
	fs := slices.Concat(lists...)
	sortFindings(fs, func(f *Finding) int {
		if r := controls.SeverityRank(f.Control.Severity); r >= 0 {
			return r
		}
		return len(controls.Severities)
	})
	return fs
}

// sortFindings sorts fs by rank (when not nil), then by control and subject
// ID, keeping the order of findings equal in all three: what a stable sort
// gives. It sorts their positions instead of the findings, then moves each
// finding once.
func sortFindings(fs []Finding, rank func(*Finding) int) {
	type key struct{ rank, at int }
	keys := make([]key, len(fs))
	sorted := true
	for i := range fs {
		keys[i].at = i
		if rank != nil {
			keys[i].rank = rank(&fs[i])
		}
		if i > 0 && compareFindings(keys[i-1].rank, keys[i].rank, &fs[i-1], &fs[i]) > 0 {
			sorted = false
		}
	}
	if sorted {
		return
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := compareFindings(a.rank, b.rank, &fs[a.at], &fs[b.at]); c != 0 {
			return c
		}
		return cmp.Compare(a.at, b.at)
	})
	// Finding i goes where keys names it: follow each cycle of the
	// permutation, marking the places filled.
	for i := range keys {
		if keys[i].at < 0 {
			continue
		}
		first, j := fs[i], i
		for {
			from := keys[j].at
			keys[j].at = -1
			if from == i {
				fs[j] = first
				break
			}
			fs[j], j = fs[from], from
		}
	}
}

// compareFindings orders findings by rank, then by control and subject ID.
func compareFindings(ra, rb int, a, b *Finding) int {
	if c := cmp.Compare(ra, rb); c != 0 {
		return c
	}
	if c := strings.Compare(a.Control.ID, b.Control.ID); c != 0 {
		return c
	}
	return strings.Compare(a.Subject.ID, b.Subject.ID)
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
