package assess

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/internal/words"
	"github.com/tollgate-dev/tollgate/mappings"
)

// controlResult rolls an automated control's evaluations up: not-satisfied
// when any failure stands, waived when failures stand only under waivers
// (approved deviations, not compliance), error when an evaluation could not
// be made, satisfied when at least one subject passed and none failed,
// not-assessed when no subject was applicable.
func controlResult(c *controls.Control, evals []Evaluation, notApplicable int) ControlResult {
	cr := ControlResult{Control: c, Evaluations: evals}
	if cr.Evaluations == nil {
		cr.Evaluations = []Evaluation{}
	}
	for _, e := range evals {
		cr.Counts.Add(e.Verdict)
	}
	cr.Counts.NotApplicable = notApplicable
	n := cr.Counts
	switch {
	case n.Fail > 0:
		cr.Status = StatusNotSatisfied
		cr.Reason = fmt.Sprintf("%s failed on %s.", c.ID, words.Count(n.Fail, "subject"))
		if n.Waived > 0 {
			cr.Reason += fmt.Sprintf(" %s waived.", words.Count(n.Waived, "other failure"))
		}
		if n.Error > 0 {
			cr.Reason += fmt.Sprintf(" %s could not be evaluated.", words.Count(n.Error, "subject"))
		}
	case n.Waived > 0:
		cr.Status = StatusWaived
		cr.Reason = fmt.Sprintf("%s failed on %s, accepted under waivers (deviation approved).", c.ID, words.Count(n.Waived, "subject"))
		if n.Pass > 0 {
			cr.Reason += fmt.Sprintf(" It passed on %s.", words.Count(n.Pass, "subject"))
		}
		if n.Error > 0 {
			cr.Reason += fmt.Sprintf(" %s could not be evaluated.", words.Count(n.Error, "subject"))
		}
	case n.Error > 0:
		cr.Status = StatusError
		cr.Reason = fmt.Sprintf("%s could not be evaluated on %s; no failure was found elsewhere.", c.ID, words.Count(n.Error, "subject"))
	case n.Pass > 0:
		cr.Status = StatusSatisfied
		cr.Reason = fmt.Sprintf("%s passed on %s.", c.ID, words.Count(n.Pass, "subject"))
	default:
		cr.Status = StatusNotAssessed
		cr.Reason = fmt.Sprintf("No %s subject was applicable to %s.", c.Subject, c.ID)
	}
	return cr
}

// manualResult is a manual control's single evaluation: pass under a valid
// attestation (satisfied), manual otherwise (awaiting attestation).
func manualResult(c *controls.Control, att *AttestationRecord, expired []string) ControlResult {
	cr := ControlResult{Control: c}
	e := Evaluation{ControlID: c.ID}
	if att != nil {
		e.Verdict, e.Attestation = VerdictPass, att.ID
		e.Message = fmt.Sprintf("Attested by %s until %s: %s", att.AttestedBy, att.Expires.Format("2006-01-02"), att.Statement)
		cr.Status = StatusSatisfied
		cr.Reason = fmt.Sprintf("%s is attested by %s (%s).", c.ID, att.AttestedBy, att.ID)
	} else {
		e.Verdict = VerdictManual
		e.Message = "Awaiting attestation. It must show: " + c.Guidance
		if len(expired) > 0 {
			e.Message = fmt.Sprintf("Attestation %s expired. %s", strings.Join(expired, ", "), e.Message)
		}
		cr.Status = StatusManual
		cr.Reason = fmt.Sprintf("%s is checked by attestation and has no valid one.", c.ID)
	}
	cr.Counts.Add(e.Verdict)
	cr.Evaluations = []Evaluation{e}
	return cr
}

// rollUpFrameworks computes every requirement's status from the controls
// mapped to it.
func rollUpFrameworks(frameworks []*mappings.Framework, set *mappings.Set, results []ControlResult) []FrameworkResult {
	if len(frameworks) == 0 {
		return nil
	}
	byControl := make(map[string]*ControlResult, len(results))
	for i := range results {
		byControl[results[i].Control.ID] = &results[i]
	}
	type key struct{ framework, requirement string }
	links := map[key][]mappings.Link{}
	for _, l := range set.Links {
		if byControl[l.Control] == nil {
			continue // a control not in this catalog
		}
		k := key{l.Framework, l.Requirement}
		links[k] = append(links[k], l)
	}
	var out []FrameworkResult
	for _, f := range frameworks {
		fr := FrameworkResult{Framework: f, Requirements: []RequirementResult{}}
		// Requirements keep the framework's own order (AC-2 before AC-17,
		// Art. 5 before Art. 32), as auditors read them.
		for _, req := range f.Requirements {
			ls := links[key{f.ID, req.ID}]
			slices.SortFunc(ls, func(a, b mappings.Link) int { return cmp.Compare(a.Control, b.Control) })
			rr := requirementResult(req, ls, byControl)
			fr.Tally.Add(rr.Status)
			fr.Requirements = append(fr.Requirements, rr)
		}
		out = append(out, fr)
	}
	return out
}

// requirementResult rolls up one requirement. Causes stay distinct:
// not-satisfied (a mapped control failed) > waived (failures stand only
// under waivers: a deviation, not compliance) > error (one could not be
// evaluated) > satisfied (at least one is satisfied) > manual (only
// unattested manual controls remain) > not-assessed (nothing maps, or
// nothing mapped was applicable).
func requirementResult(req mappings.Requirement, links []mappings.Link, byControl map[string]*ControlResult) RequirementResult {
	rr := RequirementResult{Requirement: req, Links: links}
	if rr.Links == nil {
		rr.Links = []mappings.Link{}
	}
	if len(links) == 0 {
		rr.Status = StatusNotAssessed
		rr.Reason = "No control maps to this requirement."
		return rr
	}
	by := map[Status][]string{}
	for _, l := range links {
		cr := byControl[l.Control]
		by[cr.Status] = append(by[cr.Status], l.Control)
	}
	list := func(s Status) string { return strings.Join(slices.Compact(by[s]), ", ") }
	also := func(s Status, format string) string {
		if len(by[s]) == 0 {
			return ""
		}
		return fmt.Sprintf(" "+format, list(s))
	}
	switch {
	case len(by[StatusNotSatisfied]) > 0:
		rr.Status = StatusNotSatisfied
		rr.Reason = fmt.Sprintf("Not satisfied: %s failed.", list(StatusNotSatisfied)) +
			also(StatusWaived, "Waived failures of %s.")
	case len(by[StatusWaived]) > 0:
		rr.Status = StatusWaived
		rr.Reason = fmt.Sprintf("Not satisfied, deviation approved: %s failed only on subjects covered by waivers.", list(StatusWaived)) +
			also(StatusError, "%s could not be evaluated.")
	case len(by[StatusError]) > 0:
		rr.Status = StatusError
		rr.Reason = fmt.Sprintf("Undecided: %s could not be evaluated.", list(StatusError))
	case len(by[StatusSatisfied]) > 0:
		rr.Status = StatusSatisfied
		rr.Reason = fmt.Sprintf("Satisfied by %s.", list(StatusSatisfied)) +
			also(StatusManual, "Awaiting attestation: %s.") + also(StatusNotAssessed, "Nothing applicable to %s.")
	case len(by[StatusManual]) > 0:
		rr.Status = StatusManual
		rr.Reason = fmt.Sprintf("Awaiting attestation: %s.", list(StatusManual))
	default:
		rr.Status = StatusNotAssessed
		rr.Reason = fmt.Sprintf("No subject was applicable to %s.", list(StatusNotAssessed))
	}
	return rr
}
