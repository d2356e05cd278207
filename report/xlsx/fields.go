package xlsx

import (
	"fmt"
	"strings"
	"time"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/report/internal/view"
	"github.com/tollgate-dev/tollgate/templates/workbook"
)

// statusCell is a value shown with the fill colour of its key.
type statusCell struct{ label, key string }

// percentCell is a fraction shown as a whole percentage; it stays a number,
// so it sorts and aligns as one.
type percentCell float64

// linkCell is text that links to a place in the workbook.
type linkCell struct{ text, target, tooltip string }

// dateText renders a date for a cell, "" for none.
func dateText(t time.Time, ok bool) string {
	if !ok || t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}

type fieldFunc func(row any) any

// fields lists, per sheet kind, the fields a profile may name.
var fields = map[string]map[string]fieldFunc{
	workbook.KindCover: {
		"item":      cov(func(r coverRow) any { return r.item }),
		"statement": cov(func(r coverRow) any { return r.statement }),
	},
	workbook.KindSummary: {
		"framework.id":      sum(func(r summaryRow) any { return r.fw.Framework.ID }),
		"framework.title":   sum(func(r summaryRow) any { return orDefault(r.fw.Framework.Title, r.fw.Framework.ID) }),
		"framework.version": sum(func(r summaryRow) any { return r.fw.Framework.Version }),
		"requirements":      sum(func(r summaryRow) any { return len(r.fw.Requirements) }),
		"satisfied":         sum(func(r summaryRow) any { return r.fw.Tally.Satisfied }),
		"not_satisfied":     sum(func(r summaryRow) any { return r.fw.Tally.NotSatisfied }),
		"waived":            sum(func(r summaryRow) any { return r.fw.Tally.Waived }),
		"not_assessed":      sum(func(r summaryRow) any { return r.fw.Tally.NotAssessed }),
		"manual":            sum(func(r summaryRow) any { return r.fw.Tally.Manual }),
		"error":             sum(func(r summaryRow) any { return r.fw.Tally.Error }),
		"assessed":          sum(func(r summaryRow) any { return r.fw.Tally.Assessed() }),
		"assessed_pct": sum(func(r summaryRow) any {
			if len(r.fw.Requirements) == 0 {
				return "n/a"
			}
			return percentCell(float64(r.fw.Tally.Assessed()) / float64(len(r.fw.Requirements)))
		}),
		// Met % is over the requirements assessed only: one not assessed
		// is neither met nor unmet.
		"satisfied_pct": sum(func(r summaryRow) any {
			if r.fw.Tally.Assessed() == 0 {
				return "n/a"
			}
			return percentCell(float64(r.fw.Tally.Satisfied) / float64(r.fw.Tally.Assessed()))
		}),
	},
	workbook.KindFramework: {
		// A requirement with findings links to the first of them on the
		// findings sheet (the link is on this one-line cell, which every
		// spreadsheet application shows as a link).
		"requirement.id": req(func(r requirementRow) any {
			return linkCell{text: r.rr.Requirement.ID, target: r.findingsLink, tooltip: "Go to its findings"}
		}),
		"requirement.title": req(func(r requirementRow) any { return r.rr.Requirement.Title }),
		"requirement.group": req(func(r requirementRow) any { return r.rr.Requirement.Group }),
		"status": req(func(r requirementRow) any {
			return statusCell{label: view.RequirementLabel(r.rr.Status), key: string(r.rr.Status)}
		}),
		"reason": req(func(r requirementRow) any { return r.rr.Reason }),
		"controls": req(func(r requirementRow) any {
			var out []string
			for _, l := range r.rr.Links {
				// The crosswalk an official link rests on is named once,
				// on the cover; here the link says which SP 800-53
				// control it goes through.
				out = append(out, fmt.Sprintf("%s (%s)", l.Control, l.Basis(nil)))
			}
			return listCell(out)
		}),
		"evidence": req(func(r requirementRow) any { return r.evidence.cell() }),
		"hashes":   req(func(r requirementRow) any { return r.hashes.cell() }),
		"waivers":  req(func(r requirementRow) any { return listCell(r.waivers) }),
		"findings": req(func(r requirementRow) any { return r.findings.cell() }),
	},
	workbook.KindFindings: {
		"id":          find(func(r *findingRow) any { return r.ID() }),
		"owner":       find(func(r *findingRow) any { return orDefault(r.Owner.Name, r.Owner.Email) }),
		"deadline":    find(func(r *findingRow) any { return dateText(r.Deadline, r.HasDeadline) }),
		"detected":    find(func(r *findingRow) any { return dateText(r.Detected, true) }),
		"status_date": find(func(r *findingRow) any { return r.statusDate }),
		"risk":        find(func(r *findingRow) any { return r.Rating.Risk }),
		"likelihood":  find(func(r *findingRow) any { return r.Rating.Likelihood }),
		"impact":      find(func(r *findingRow) any { return r.Rating.Impact }),
		"milestone": find(func(r *findingRow) any {
			due := dateText(r.Deadline, r.HasDeadline)
			if r.Status == view.PlanRiskAccepted {
				return strings.TrimSpace("Waiver expires " + due + ": remediated or renewed")
			}
			if due == "" {
				return "Remediated (no deadline for this severity)"
			}
			return "Remediated by " + due
		}),
		"control.id":    find(func(r *findingRow) any { return r.Control.ID }),
		"control.title": find(func(r *findingRow) any { return r.Control.Title }),
		"severity":      find(func(r *findingRow) any { return r.Control.Severity }),
		"subject.id":    find(func(r *findingRow) any { return r.Subject.ID }),
		"subject.name":  find(func(r *findingRow) any { return r.Subject.Name }),
		"subject.kind":  find(func(r *findingRow) any { return string(r.Subject.Kind) }),
		"location":      find(func(r *findingRow) any { return r.Location }),
		"asset":         find(func(r *findingRow) any { return strings.TrimSpace(r.Subject.ID + "\n" + r.Location) }),
		"message":       find(func(r *findingRow) any { return r.Eval.Message }),
		"reasons":       find(func(r *findingRow) any { return listCell(view.ReasonTexts(r.Eval.Reasons)) }),
		"remediation":   find(func(r *findingRow) any { return r.Control.Remediation }),
		"requirements": find(func(r *findingRow) any {
			var out []string
			for _, ref := range r.reqs {
				out = append(out, ref.String())
			}
			return listCell(out)
		}),
		"risks": find(func(r *findingRow) any { return strings.Join(r.Control.Risks, "\n") }),
		"status": find(func(r *findingRow) any {
			return statusCell{label: view.VerdictLabel(r.Eval.Verdict), key: string(r.Eval.Verdict)}
		}),
		"poam_status": find(func(r *findingRow) any {
			if r.Waived() {
				return statusCell{label: "Risk Accepted", key: "risk-accepted"}
			}
			return statusCell{label: "Open", key: "open"}
		}),
		"source": find(func(r *findingRow) any { return r.source }),
		"baseline": find(func(r *findingRow) any {
			switch r.baseline {
			case assess.BaselineNew:
				return "New"
			case assess.BaselineUnchanged:
				return "Baseline"
			}
			return ""
		}),
		"waiver.id": find(func(r *findingRow) any {
			return r.Eval.Waiver
		}),
		"waiver.owner": find(func(r *findingRow) any { return waiverField(r, func(w *assess.WaiverRecord) string { return w.Owner }) }),
		"waiver.expires": find(func(r *findingRow) any {
			return waiverField(r, func(w *assess.WaiverRecord) string { return date(w) })
		}),
		"waiver.justification": find(func(r *findingRow) any {
			return waiverField(r, func(w *assess.WaiverRecord) string { return w.Justification })
		}),
	},
	workbook.KindEvidence: {
		"artifact.path":   art(func(r artifactRow) any { return r.a.Path }),
		"bundle_path":     art(func(r artifactRow) any { return r.a.BundlePath }),
		"format":          art(func(r artifactRow) any { return r.a.Format }),
		"size":            art(func(r artifactRow) any { return r.a.Size }),
		"sha256":          art(func(r artifactRow) any { return r.a.SHA256 }),
		"redacted_sha256": art(func(r artifactRow) any { return r.a.RedactedSHA256 }),
		"subjects":        art(func(r artifactRow) any { return r.subjects }),
	},
	workbook.KindInventory: {
		"subject.id":   subj(func(r *subjectRow) any { return r.f.ID }),
		"subject.kind": subj(func(r *subjectRow) any { return r.f.Kind }),
		"subject.name": subj(func(r *subjectRow) any { return r.f.Name }),
		"client":       subj(func(r *subjectRow) any { return r.f.Client }),
		"format":       subj(func(r *subjectRow) any { return r.f.Format }),
		"scope":        subj(func(r *subjectRow) any { return r.f.Scope }),
		"transport":    subj(func(r *subjectRow) any { return r.f.Transport }),
		"location":     subj(func(r *subjectRow) any { return r.f.Location }),
		"collector":    subj(func(r *subjectRow) any { return r.f.Collector }),
		"package":      subj(func(r *subjectRow) any { return r.f.Package }),
		"endpoint":     subj(func(r *subjectRow) any { return r.f.Endpoint }),
		"package_or_endpoint": subj(func(r *subjectRow) any {
			return strings.TrimSpace(r.f.Package + "\n" + r.f.Endpoint)
		}),
		"source_status": subj(func(r *subjectRow) any { return r.f.Status }),
		"failures":      subj(func(r *subjectRow) any { return r.failures }),
	},
	workbook.KindWaivers: {
		"waiver.id":     wv(func(r waiverRow) any { return r.w.ID }),
		"control.id":    wv(func(r waiverRow) any { return r.w.Control }),
		"subjects":      wv(func(r waiverRow) any { return listCell(r.w.Subjects) }),
		"justification": wv(func(r waiverRow) any { return r.w.Justification }),
		"owner":         wv(func(r waiverRow) any { return r.w.Owner }),
		"approved_by":   wv(func(r waiverRow) any { return r.w.ApprovedBy }),
		"expires":       wv(func(r waiverRow) any { return date(&r.w) }),
		"status": wv(func(r waiverRow) any {
			key := map[string]string{assess.WaiverActive: "waived", assess.WaiverExpired: "error", assess.WaiverUnused: "not-assessed"}[r.w.Status]
			return statusCell{label: r.w.Status, key: key}
		}),
		"matched": wv(func(r waiverRow) any { return r.w.Matched }),
		"location": wv(func(r waiverRow) any {
			if r.w.File == "" || r.w.Line == 0 {
				return r.w.File
			}
			return fmt.Sprintf("%s:%d", r.w.File, r.w.Line)
		}),
	},
}

func waiverField(r *findingRow, get func(*assess.WaiverRecord) string) string {
	if r.Waiver == nil {
		return ""
	}
	return get(r.Waiver)
}

func date(w *assess.WaiverRecord) string {
	if w.Expires.IsZero() {
		return ""
	}
	return w.Expires.UTC().Format("2006-01-02")
}

// Typed adapters: each field function receives the row type of its sheet.
func sum(f func(summaryRow) any) fieldFunc { return func(r any) any { return f(r.(summaryRow)) } }
func cov(f func(coverRow) any) fieldFunc   { return func(r any) any { return f(r.(coverRow)) } }
func req(f func(requirementRow) any) fieldFunc {
	return func(r any) any { return f(r.(requirementRow)) }
}
func find(f func(*findingRow) any) fieldFunc { return func(r any) any { return f(r.(*findingRow)) } }
func art(f func(artifactRow) any) fieldFunc  { return func(r any) any { return f(r.(artifactRow)) } }
func subj(f func(*subjectRow) any) fieldFunc { return func(r any) any { return f(r.(*subjectRow)) } }
func wv(f func(waiverRow) any) fieldFunc     { return func(r any) any { return f(r.(waiverRow)) } }

// CheckProfile reports whether every column of p names a field its sheet
// kind provides.
func CheckProfile(p *workbook.Profile) error {
	for _, s := range p.Sheets {
		known := fields[s.Kind]
		for _, c := range s.Columns {
			if c.Field == workbook.FieldBlank {
				continue
			}
			if _, ok := known[c.Field]; !ok {
				return fmt.Errorf("workbook profile %s: %s sheet, column %q: unknown field %q", p.Name, s.Kind, c.Header, c.Field)
			}
		}
	}
	return nil
}
