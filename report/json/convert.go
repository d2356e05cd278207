package json

import (
	"strings"
	"time"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/mappings"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

func framework(fw assess.FrameworkResult) Framework {
	f := fw.Framework
	out := Framework{ID: f.ID, Title: f.Title, Version: f.Version, Main: f.Main, Tally: Tally(fw.Tally), Requirements: []Requirement{}}
	for _, rr := range fw.Requirements {
		req := Requirement{ID: rr.Requirement.ID, Title: rr.Requirement.Title, Group: rr.Requirement.Group,
			Status: string(rr.Status), Reason: rr.Reason, Controls: []Link{}}
		for _, l := range rr.Links {
			link := Link{Control: l.Control, Provenance: l.Provenance, Rationale: l.Rationale, Via: l.Via, Objectives: strs(l.Objectives)}
			if l.Provenance == mappings.ProvenanceOfficial && f.Crosswalk != nil {
				link.Crosswalk = f.Crosswalk.Title
			}
			req.Controls = append(req.Controls, link)
		}
		out.Requirements = append(out.Requirements, req)
	}
	return out
}

func control(x *view.Index, cr assess.ControlResult) Control {
	out := controlHead(x, cr)
	out.Evaluations = make([]Evaluation, 0, len(cr.Evaluations))
	for i := range cr.Evaluations {
		out.Evaluations = append(out.Evaluations, evaluation(x, &cr.Evaluations[i], nil))
	}
	return out
}

// controlHead converts a control's result without its evaluations, whose
// list it leaves empty.
func controlHead(x *view.Index, cr assess.ControlResult) Control {
	c := cr.Control
	out := Control{
		ID: c.ID, Title: c.Title, Family: c.Family, Severity: c.Severity, Risks: strs(c.Risks),
		SubjectKind: string(c.Subject), Manual: c.Manual, Builtin: c.Builtin, Status: string(cr.Status),
		Reason: cr.Reason, Counts: Verdicts(cr.Counts), Remediation: c.Remediation, References: strs(c.References),
		Source: Position{File: c.File, Line: c.Line}, Requirements: []string{}, Evaluations: []Evaluation{},
	}
	for _, ref := range x.Requirements(c.ID) {
		out.Requirements = append(out.Requirements, ref.String())
	}
	return out
}

// evaluation converts one verdict of a control on a subject; its reasons
// are rs when it has reasons and rs is not nil.
func evaluation(x *view.Index, e *assess.Evaluation, rs []Reason) Evaluation {
	if rs == nil {
		rs = reasons(e.Reasons)
	}
	return Evaluation{
		Subject: e.SubjectID, Verdict: string(e.Verdict), Message: e.Message, Reasons: rs,
		Waiver: e.Waiver, Attestation: e.Attestation, Location: x.Judged(e).Location(),
	}
}

// requirementLists returns the requirements of the controls of fs as
// results.json lists them, one shared list per control.
func requirementLists(x *view.Index, fs []view.Finding) map[string][]string {
	out := map[string][]string{}
	for i := range fs {
		id := fs[i].Control.ID
		if _, ok := out[id]; ok {
			continue
		}
		list := []string{}
		for _, ref := range x.Requirements(id) {
			list = append(list, ref.String())
		}
		out[id] = list
	}
	return out
}

// finding converts one failing, waived or undecided pair; its
// requirements are its control's list in reqs (see requirementLists),
// shared.
func finding(x *view.Index, f view.Finding, reqs map[string][]string) Finding {
	p := f.Subject.Provenance
	item := Finding{
		ID:          f.ID(),
		Fingerprint: f.Fingerprint(),
		Control:     f.Control.ID, Title: f.Control.Title, Severity: f.Control.Severity,
		Verdict: string(f.Eval.Verdict), Subject: f.Subject.ID, SubjectKind: string(f.Subject.Kind),
		SubjectName: f.Subject.Name,
		Location: Location{File: p.File, Line: p.Line, Column: p.Column, URL: p.URL, Object: object(p),
			Text: f.Location},
		Message: f.Eval.Message, Reasons: reasons(f.Eval.Reasons), Remediation: f.Control.Remediation,
		Requirements: reqs[f.Control.ID], Waiver: f.Eval.Waiver, Baseline: x.R.Baseline.State(*f.Eval),
	}
	return item
}

func object(p evidence.Provenance) string {
	if p.Object == "" {
		return ""
	}
	return strings.Trim(strings.Join([]string{p.Cluster, p.Namespace, p.Object}, "/"), "/")
}

func subject(x *view.Index, s evidence.Subject) Subject {
	f := x.Facts(s)
	m := s.Metadata()
	return Subject{ID: f.ID, Kind: f.Kind, Name: f.Name, Client: f.Client, Format: f.Format, Scope: f.Scope,
		Transport: f.Transport, Location: f.Location, Collector: f.Collector, Package: f.Package,
		Endpoint: f.Endpoint, SourceStatus: f.Status, SHA256: m.Provenance.SHA256, Links: strs(m.Links)}
}

func waiver(w assess.WaiverRecord) Waiver {
	out := Waiver{ID: w.ID, Control: w.Control, Subjects: strs(w.Subjects), Justification: w.Justification,
		Owner: w.Owner, ApprovedBy: w.ApprovedBy, Status: w.Status, Matched: w.Matched, Reasons: strs(w.Reasons),
		Source: Position{File: w.File, Line: w.Line}}
	if !w.Expires.IsZero() {
		out.Expires = w.Expires.UTC().Format("2006-01-02")
	}
	return out
}

func attestation(a assess.AttestationRecord) Attestation {
	out := Attestation{ID: a.ID, Control: a.Control, Statement: a.Statement, AttestedBy: a.AttestedBy,
		Evidence: a.Evidence, EvidenceSHA256: a.EvidenceSHA256, Status: a.Status,
		Source: Position{File: a.File, Line: a.Line}}
	if !a.Expires.IsZero() {
		out.Expires = a.Expires.UTC().Format("2006-01-02")
	}
	return out
}

func reasons(rs []assess.Reason) []Reason {
	if len(rs) == 0 {
		return []Reason{}
	}
	return appendReasonsOf(make([]Reason, 0, len(rs)), rs)
}

// appendReasonsOf appends the conversions of rs to dst.
func appendReasonsOf(dst []Reason, rs []assess.Reason) []Reason {
	for _, r := range rs {
		dst = append(dst, Reason{Path: r.Path, Detail: r.Detail})
	}
	return dst
}

func addVerdicts(t *Verdicts, c Verdicts) {
	t.Pass += c.Pass
	t.Fail += c.Fail
	t.NotApplicable += c.NotApplicable
	t.Error += c.Error
	t.Waived += c.Waived
	t.Manual += c.Manual
}

// strs returns s, or an empty (not null) list.
func strs(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// baseline describes the comparison with a baseline, or nil without one.
func baseline(b *assess.Baseline, fs []view.Finding) *Baseline {
	if b == nil {
		return nil
	}
	out := &Baseline{Source: b.Source, Timestamp: b.Timestamp.UTC().Format(time.RFC3339), Fixed: []BaselineFinding{}}
	for _, f := range fs {
		switch b.State(*f.Eval) {
		case assess.BaselineNew:
			out.New++
		case assess.BaselineUnchanged:
			out.Unchanged++
		}
	}
	for _, f := range b.Fixed {
		out.Fixed = append(out.Fixed, BaselineFinding(f))
	}
	return out
}

// policyDoc describes the organisation policy, or nil without one.
func policyDoc(p *assess.PolicyRecord) *Policy {
	if p == nil {
		return nil
	}
	out := &Policy{Owner: p.Owner, Reviewed: p.Reviewed, Files: []PolicyFile{}, Approved: p.Approved, Denied: p.Denied,
		Required: p.Required, Exceptions: p.Exceptions}
	for _, f := range p.Files {
		out.Files = append(out.Files, PolicyFile{Path: f.Path, Artifact: f.Artifact, SHA256: f.SHA256, Size: f.Size})
	}
	return out
}
