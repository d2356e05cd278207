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
	// fingerprint and id are Fingerprint and ID, found once for every
	// report that quotes them ("" for a finding the index did not list).
	fingerprint, id string
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
		if n == len(all) {
			// Nothing is waived: the failures are the findings.
			x.failures = all
			return
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
			fp := e.Fingerprint()
			*list = append(*list, Finding{
				Control:     cr.Control,
				Eval:        e,
				Subject:     s.meta(e.SubjectID),
				Location:    x.loc(s),
				Artifact:    x.artifact(s),
				Waiver:      x.Waiver(e.Waiver),
				fingerprint: fp,
				id:          assess.FindingID(fp),
			})
		}
	}
	x.findings = ordered([][]Finding{x.findings}, nil, true)
	x.errs = ordered([][]Finding{x.errs}, nil, true)
}

// BySeverity returns the findings of the lists, one after the other,
// sorted most severe first, then by control and subject (a stable sort,
// so findings of one control and subject keep their order). Unknown
// severities sort last. The lists are not changed.
func BySeverity(lists ...[]Finding) []Finding {
	return ordered(lists, func(c *controls.Control) int {
		if r := controls.SeverityRank(c.Severity); r >= 0 {
			return r
		}
		return len(controls.Severities)
	}, false)
}

// ordered returns the findings of the lists, one after the other, in
// order of their control's rank (when rank is not nil), control ID and
// subject ID, keeping the order of findings equal in all three: what a
// stable sort gives, in a new list; with reuse, a single list already in
// order is returned as it is. Each finding is moved
// once to its control's place, the controls in order, and only the
// findings of one control are sorted by subject, when they are not
// already (as each list's are when the lists are in control then subject
// order, as the index's are).
func ordered(lists [][]Finding, rank func(*controls.Control) int, reuse bool) []Finding {
	type group struct {
		rank int
		id   string
	}
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	// Number the findings' groups (controls) as they come, then put the
	// groups in order.
	var groups []group
	numbers := map[group]int32{}
	of := make([]int32, 0, n)
	var last *controls.Control
	var lastGroup int32
	for _, l := range lists {
		for i := range l {
			if c := l[i].Control; c != last || len(of) == 0 {
				g := group{id: c.ID}
				if rank != nil {
					g.rank = rank(c)
				}
				k, ok := numbers[g]
				if !ok {
					k = int32(len(groups))
					numbers[g] = k
					groups = append(groups, g)
				}
				last, lastGroup = c, k
			}
			of = append(of, lastGroup)
		}
	}
	byGroup := make([]int32, len(groups))
	for i := range byGroup {
		byGroup[i] = int32(i)
	}
	slices.SortFunc(byGroup, func(a, b int32) int {
		if c := cmp.Compare(groups[a].rank, groups[b].rank); c != 0 {
			return c
		}
		return strings.Compare(groups[a].id, groups[b].id)
	})
	place := make([]int32, len(groups))
	for p, g := range byGroup {
		place[g] = int32(p)
	}
	inOrder := reuse && len(lists) == 1
	for i := 1; inOrder && i < len(of); i++ {
		a, b := &lists[0][i-1], &lists[0][i]
		inOrder = place[of[i-1]] < place[of[i]] || of[i-1] == of[i] && a.Subject.ID <= b.Subject.ID
	}
	if inOrder {
		return lists[0]
	}
	// Where each group starts, then each finding to its group's next place.
	start := make([]int, len(groups)+1)
	for _, g := range of {
		start[place[g]+1]++
	}
	for p := range groups {
		start[p+1] += start[p]
	}
	next := slices.Clone(start[:len(groups)])
	out := make([]Finding, n)
	k := 0
	for _, l := range lists {
		for i := range l {
			p := place[of[k]]
			out[next[p]] = l[i]
			next[p]++
			k++
		}
	}
	bySubject := func(a, b Finding) int { return strings.Compare(a.Subject.ID, b.Subject.ID) }
	for p := range groups {
		if g := out[start[p]:start[p+1]]; !slices.IsSortedFunc(g, bySubject) {
			slices.SortStableFunc(g, bySubject)
		}
	}
	return out
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
