// Package diff compares two assessments, each read from its results.json
// document: which findings are new, fixed, still failing, newly waived or
// no longer waived, whose severity changed, and which controls and framework
// requirements changed status. Findings are matched by their fingerprint
// (assess.Fingerprint), never by line numbers.
package diff

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/controls"
	resultsjson "github.com/tollgate-dev/tollgate/report/json"
)

// Verdicts of a finding, as results.json writes them.
const (
	verdictFail   = string(assess.VerdictFail)
	verdictWaived = string(assess.VerdictWaived)
)

// Run names one side of a comparison.
type Run struct {
	// Source is the path the run was read from.
	Source string `json:"source"`
	// Timestamp is the run's assessment time (RFC 3339).
	Timestamp string `json:"timestamp"`
	// Version is the Tollgate version that assessed it.
	Version string `json:"version"`
}

// Entry is one finding in a comparison.
type Entry struct {
	ID          string `json:"id"`
	Fingerprint string `json:"fingerprint"`
	Control     string `json:"control"`
	Title       string `json:"title"`
	Subject     string `json:"subject"`
	SubjectName string `json:"subject_name"`
	// Location is where the subject is declared in the later run (in the
	// earlier one for fixed findings), for people: file:line, URL or object.
	Location string `json:"location"`
	Severity string `json:"severity"`
	// Verdict is the finding's verdict in the later run (fail or waived); for
	// fixed findings, in the earlier one.
	Verdict string `json:"verdict"`
	// Message says what is wrong, from the run the entry was taken from.
	Message string `json:"message"`
	// Waiver is the waiver that covers it (waived, still waived), or that
	// covered it in the earlier run (unwaived).
	Waiver string `json:"waiver,omitempty"`
	// WaiverStatus says why an unwaived finding lost its waiver: "expired",
	// "removed" (the waiver is gone) or "not-matching" (the waiver no longer
	// selects it).
	WaiverStatus string `json:"waiver_status,omitempty"`
	// Previous is, for newly waived findings, what the finding was before:
	// "fail", or "absent" when it is new and waived at once.
	Previous string `json:"previous,omitempty"`
}

// SeverityChange is a finding present in both runs whose control changed severity.
type SeverityChange struct {
	Entry
	From string `json:"from"`
	To   string `json:"to"`
}

// StatusChange is a control or framework requirement whose status changed.
// "absent" stands for a side that does not have it.
type StatusChange struct {
	// Framework is set for requirements.
	Framework string `json:"framework,omitempty"`
	ID        string `json:"id"`
	Title     string `json:"title"`
	From      string `json:"from"`
	To        string `json:"to"`
}

// FrameworkChange is a framework whose requirement tally changed.
type FrameworkChange struct {
	ID    string            `json:"id"`
	Title string            `json:"title"`
	From  resultsjson.Tally `json:"from"`
	To    resultsjson.Tally `json:"to"`
	// Requirements is the number of requirements in the later run.
	Requirements int `json:"requirements"`
	// FromPercent and ToPercent are the satisfied share of requirements.
	FromPercent float64 `json:"from_satisfied_percent"`
	ToPercent   float64 `json:"to_satisfied_percent"`
}

// Result is the comparison of an earlier run (From) with a later one (To).
// Every list is sorted by severity (most severe first), control and subject,
// or by ID, and is empty rather than absent.
type Result struct {
	From Run `json:"from"`
	To   Run `json:"to"`
	// New are failures of the later run absent from the earlier one.
	New []Entry `json:"new"`
	// Fixed are findings (failing or waived) of the earlier run absent from the later one.
	Fixed []Entry `json:"fixed"`
	// StillFailing are failures in both runs.
	StillFailing []Entry `json:"still_failing"`
	// Waived are findings waived in the later run that were failing or absent before.
	Waived []Entry `json:"waived"`
	// StillWaived are findings waived in both runs.
	StillWaived []Entry `json:"still_waived"`
	// Unwaived are findings waived before and failing now (WaiverStatus says why).
	Unwaived []Entry `json:"unwaived"`
	// SeverityChanged are findings in both runs whose control changed severity.
	SeverityChanged []SeverityChange `json:"severity_changed"`
	// Controls are the controls whose status changed.
	Controls []StatusChange `json:"controls"`
	// Requirements are the framework requirements whose status changed.
	Requirements []StatusChange `json:"requirements"`
	// Frameworks are the frameworks whose tally changed.
	Frameworks []FrameworkChange `json:"frameworks"`
}

// Compare compares the earlier run from with the later run to. fromSource
// and toSource name where they were read from.
func Compare(from, to *resultsjson.Document, fromSource, toSource string) *Result {
	res := &Result{
		From: runOf(from, fromSource), To: runOf(to, toSource),
		New: []Entry{}, Fixed: []Entry{}, StillFailing: []Entry{}, Waived: []Entry{}, StillWaived: []Entry{},
		Unwaived: []Entry{}, SeverityChanged: []SeverityChange{}, Controls: []StatusChange{},
		Requirements: []StatusChange{}, Frameworks: []FrameworkChange{},
	}
	before := byFingerprint(from.Findings)
	after := byFingerprint(to.Findings)
	waivers := map[string]string{}
	for _, w := range to.Waivers {
		waivers[w.ID] = w.Status
	}
	for _, f := range to.Findings {
		old, had := before[f.Fingerprint]
		e := entry(f)
		switch {
		case !had && f.Verdict == verdictFail:
			res.New = append(res.New, e)
		case !had && f.Verdict == verdictWaived:
			e.Previous = "absent"
			res.Waived = append(res.Waived, e)
		case f.Verdict == verdictFail && old.Verdict == verdictFail:
			res.StillFailing = append(res.StillFailing, e)
		case f.Verdict == verdictWaived && old.Verdict == verdictWaived:
			res.StillWaived = append(res.StillWaived, e)
		case f.Verdict == verdictWaived:
			e.Previous = verdictFail
			res.Waived = append(res.Waived, e)
		case f.Verdict == verdictFail:
			e.Waiver = old.Waiver
			e.WaiverStatus = unwaivedBecause(old.Waiver, waivers)
			res.Unwaived = append(res.Unwaived, e)
		}
		if had && old.Severity != f.Severity {
			res.SeverityChanged = append(res.SeverityChanged, SeverityChange{Entry: e, From: old.Severity, To: f.Severity})
		}
	}
	for _, f := range from.Findings {
		if _, ok := after[f.Fingerprint]; !ok {
			res.Fixed = append(res.Fixed, entry(f))
		}
	}
	for _, list := range [][]Entry{res.New, res.Fixed, res.StillFailing, res.Waived, res.StillWaived, res.Unwaived} {
		sortEntries(list)
	}
	slices.SortStableFunc(res.SeverityChanged, func(a, b SeverityChange) int { return compareEntries(a.Entry, b.Entry) })
	res.Controls = controlChanges(from, to)
	res.Requirements, res.Frameworks = frameworkChanges(from, to)
	return res
}

// Blocking returns the new failures at or above severity (critical, high,
// medium, low, info).
func (r *Result) Blocking(severity string) []Entry {
	limit := controls.SeverityRank(severity)
	var out []Entry
	for _, e := range r.New {
		if rank := controls.SeverityRank(e.Severity); rank >= 0 && rank <= limit {
			out = append(out, e)
		}
	}
	return out
}

func runOf(d *resultsjson.Document, source string) Run {
	return Run{Source: source, Timestamp: d.Timestamp, Version: d.Tool.Version}
}

// byFingerprint indexes the failing and waived findings of a run.
func byFingerprint(fs []resultsjson.Finding) map[string]resultsjson.Finding {
	out := make(map[string]resultsjson.Finding, len(fs))
	for _, f := range fs {
		if f.Verdict == verdictFail || f.Verdict == verdictWaived {
			out[f.Fingerprint] = f
		}
	}
	return out
}

func entry(f resultsjson.Finding) Entry {
	return Entry{
		ID: f.ID, Fingerprint: f.Fingerprint, Control: f.Control, Title: f.Title, Subject: f.Subject,
		SubjectName: f.SubjectName, Location: f.Location.Text, Severity: f.Severity, Verdict: f.Verdict,
		Message: f.Message, Waiver: f.Waiver,
	}
}

// unwaivedBecause says why a waiver stopped covering a finding.
func unwaivedBecause(waiver string, now map[string]string) string {
	switch status, ok := now[waiver]; {
	case !ok:
		return "removed"
	case status == assess.WaiverExpired:
		return "expired"
	default:
		return "not-matching"
	}
}

func sortEntries(es []Entry) { slices.SortStableFunc(es, compareEntries) }

func compareEntries(a, b Entry) int {
	return cmp.Or(cmp.Compare(severityOrder(a.Severity), severityOrder(b.Severity)),
		cmp.Compare(a.Control, b.Control), cmp.Compare(a.Subject, b.Subject), cmp.Compare(a.Fingerprint, b.Fingerprint))
}

// severityOrder ranks severities most severe first, unknown ones last.
func severityOrder(s string) int {
	if r := controls.SeverityRank(s); r >= 0 {
		return r
	}
	return len(controls.Severities)
}

const absent = "absent"

func controlChanges(from, to *resultsjson.Document) []StatusChange {
	old := map[string]resultsjson.Control{}
	for _, c := range from.Controls {
		old[c.ID] = c
	}
	seen := map[string]bool{}
	out := []StatusChange{}
	for _, c := range to.Controls {
		seen[c.ID] = true
		prev, ok := old[c.ID]
		switch {
		case !ok:
			out = append(out, StatusChange{ID: c.ID, Title: c.Title, From: absent, To: c.Status})
		case prev.Status != c.Status:
			out = append(out, StatusChange{ID: c.ID, Title: c.Title, From: prev.Status, To: c.Status})
		}
	}
	for _, c := range from.Controls {
		if !seen[c.ID] {
			out = append(out, StatusChange{ID: c.ID, Title: c.Title, From: c.Status, To: absent})
		}
	}
	slices.SortStableFunc(out, func(a, b StatusChange) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

func frameworkChanges(from, to *resultsjson.Document) ([]StatusChange, []FrameworkChange) {
	type key struct{ fw, req string }
	oldReqs := map[key]resultsjson.Requirement{}
	oldFws := map[string]resultsjson.Framework{}
	for _, fw := range from.Frameworks {
		oldFws[fw.ID] = fw
		for _, r := range fw.Requirements {
			oldReqs[key{fw.ID, r.ID}] = r
		}
	}
	reqs := []StatusChange{}
	fws := []FrameworkChange{}
	seenReq := map[key]bool{}
	seenFw := map[string]bool{}
	for _, fw := range to.Frameworks {
		seenFw[fw.ID] = true
		for _, r := range fw.Requirements {
			k := key{fw.ID, r.ID}
			seenReq[k] = true
			prev, ok := oldReqs[k]
			switch {
			case !ok:
				reqs = append(reqs, StatusChange{Framework: fw.ID, ID: r.ID, Title: r.Title, From: absent, To: r.Status})
			case prev.Status != r.Status:
				reqs = append(reqs, StatusChange{Framework: fw.ID, ID: r.ID, Title: r.Title, From: prev.Status, To: r.Status})
			}
		}
		prev := oldFws[fw.ID]
		if prev.Tally != fw.Tally || len(prev.Requirements) != len(fw.Requirements) {
			fws = append(fws, FrameworkChange{ID: fw.ID, Title: fw.Title, From: prev.Tally, To: fw.Tally,
				Requirements: len(fw.Requirements), FromPercent: SatisfiedPercent(prev), ToPercent: SatisfiedPercent(fw)})
		}
	}
	for _, fw := range from.Frameworks {
		for _, r := range fw.Requirements {
			if !seenReq[key{fw.ID, r.ID}] {
				reqs = append(reqs, StatusChange{Framework: fw.ID, ID: r.ID, Title: r.Title, From: r.Status, To: absent})
			}
		}
		if !seenFw[fw.ID] {
			fws = append(fws, FrameworkChange{ID: fw.ID, Title: fw.Title, From: fw.Tally, FromPercent: SatisfiedPercent(fw)})
		}
	}
	// Requirements keep each framework's own order; frameworks go by ID.
	slices.SortStableFunc(reqs, func(a, b StatusChange) int { return cmp.Compare(a.Framework, b.Framework) })
	slices.SortStableFunc(fws, func(a, b FrameworkChange) int { return cmp.Compare(a.ID, b.ID) })
	return reqs, fws
}

// SatisfiedPercent is the share of a framework's requirements that are
// satisfied, in percent (0 for a framework without requirements).
func SatisfiedPercent(fw resultsjson.Framework) float64 {
	total := fw.Tally.Satisfied + fw.Tally.NotSatisfied + fw.Tally.Waived + fw.Tally.NotAssessed + fw.Tally.Manual + fw.Tally.Error
	if total == 0 {
		return 0
	}
	return float64(fw.Tally.Satisfied) * 100 / float64(total)
}

// Counts renders the headline numbers of a comparison in words.
func (r *Result) Counts() string {
	return fmt.Sprintf("%d new, %d fixed, %d still failing, %d newly waived, %d no longer waived, %d severity changed",
		len(r.New), len(r.Fixed), len(r.StillFailing), len(r.Waived), len(r.Unwaived), len(r.SeverityChanged))
}
