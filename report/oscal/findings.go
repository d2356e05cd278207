package oscal

import (
	"fmt"
	"strings"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/internal/words"
	"github.com/tollgate-dev/tollgate/mappings"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// findingUUID is the UUID of the finding about a requirement in one
// assessment.
func (b *builder) findingUUID(frameworkID, requirementID string) string {
	return id("finding", b.run, frameworkID, requirementID)
}

// targetStatus states a concluded requirement in OSCAL's terms, for its MCP
// scope: met (satisfied, pass); not met (not-satisfied, fail); not met with
// every failure accepted under a waiver (not-satisfied, fail: accepting a
// risk is not meeting the requirement; the related risks say
// deviation-approved).
func targetStatus(s assess.Status, remarks string) oscalTypes.ObjectiveStatus {
	if s == assess.StatusSatisfied {
		return oscalTypes.ObjectiveStatus{State: "satisfied", Reason: "pass", Remarks: remarks}
	}
	return oscalTypes.ObjectiveStatus{State: "not-satisfied", Reason: "fail", Remarks: remarks}
}

// findings records a finding for every requirement whose MCP scope was
// assessed: met, not met, or not met with the deviation approved. A
// requirement that was not concluded (no control maps to it, nothing
// applicable was found, only manual controls awaiting an attestation, an
// evaluation error) gets no finding: nothing was tested, so nothing is
// asserted; the reviewed controls list it by group.
func (b *builder) findings(risksByControl map[string][]string) []oscalTypes.Finding {
	var out []oscalTypes.Finding
	for _, fw := range b.r.Frameworks {
		if fw.Framework == nil {
			continue
		}
		for _, rr := range fw.Requirements {
			if len(rr.Links) == 0 || !rr.Status.Assessed() {
				continue
			}
			out = append(out, b.finding(fw.Framework, rr, risksByControl))
		}
	}
	if len(b.r.Frameworks) == 0 {
		out = append(out, b.controlFindings(risksByControl)...)
	}
	return out
}

// finding states one requirement's MCP scope: what was examined, the
// verdict, the controls (with each link's provenance and rationale) and
// their observations and risks.
func (b *builder) finding(f *mappings.Framework, rr assess.RequirementResult, risksByControl map[string][]string) oscalTypes.Finding {
	t := targetOf(f, rr.Requirement, rr.Links)
	label := view.RequirementLabel(rr.Status)
	p := []oscalTypes.Property{}
	if more := props("framework", f.ID, "status", string(rr.Status), "scope", "mcp"); more != nil {
		p = append(p, *more...)
	}
	if rid, ok := prop("requirement-id", rr.Requirement.ID); ok {
		rid.Class = tokenize(f.ID)
		p = append(p, rid)
	}
	var related []oscalTypes.RelatedObservation
	var relatedRisks []oscalTypes.AssociatedRisk
	var examined []string
	for _, l := range rr.Links {
		if pp, ok := prop("control-id", l.Control); ok {
			pp.Class = tokenize(orDefault(l.Provenance, mappings.ProvenanceAsserted))
			pp.Remarks = clean(l.Rationale + " Basis: " + l.Basis(f) + ".")
			p = append(p, pp)
		}
		cr := b.x.Control(l.Control)
		if cr == nil || cr.Control == nil {
			continue
		}
		related = append(related, oscalTypes.RelatedObservation{ObservationUuid: b.observationUUID(l.Control)})
		for _, u := range risksByControl[l.Control] {
			relatedRisks = append(relatedRisks, oscalTypes.AssociatedRisk{RiskUuid: u})
		}
		examined = append(examined, examinedBy(cr))
	}
	for _, o := range t.objectives {
		if pp, ok := prop("objective-id", o); ok {
			p = append(p, pp)
		}
	}
	scope := fmt.Sprintf("%s %s (%s) was judged for its MCP scope only: what the mapped MCP controls examine. Examined: %s. "+
		"The rest of %s was not assessed.", rr.Requirement.ID, rr.Requirement.Title, frameworkName(f), strings.Join(examined, "; "), rr.Requirement.ID)
	return oscalTypes.Finding{
		UUID:        b.findingUUID(f.ID, rr.Requirement.ID),
		Title:       clean(fmt.Sprintf("%s %s %s: %s", orDefault(f.Title, f.ID), rr.Requirement.ID, rr.Requirement.Title, label)),
		Description: scope + "\n\n" + rr.Reason,
		Props:       list(p),
		Links:       &[]oscalTypes.Link{{Href: "#" + frameworkResourceID(f.ID), Rel: "reference", Text: frameworkName(f)}},
		Origins:     &[]oscalTypes.Origin{toolOrigin()},
		Target: oscalTypes.FindingTarget{
			Type:     t.kind,
			TargetId: t.id,
			Title:    clean(rr.Requirement.ID + " " + rr.Requirement.Title),
			Status:   targetStatus(rr.Status, rr.Reason),
		},
		RelatedObservations: list(related),
		RelatedRisks:        list(relatedRisks),
	}
}

// examinedBy says what a control examined: its title and how many subjects
// of which verdicts.
func examinedBy(cr *assess.ControlResult) string {
	c := cr.Control
	n := cr.Counts
	if c.Manual {
		return fmt.Sprintf("%s (%s), by attestation: %s", c.ID, c.Title, strings.ToLower(view.StatusLabel(cr.Status)))
	}
	judged := n.Pass + n.Fail + n.Waived + n.Error
	if judged == 0 {
		return fmt.Sprintf("%s (%s): no applicable %s subject", c.ID, c.Title, c.Subject)
	}
	return fmt.Sprintf("%s (%s) on %s: %d pass, %d fail, %d waived, %d error",
		c.ID, c.Title, words.Count(judged, string(c.Subject)+" subject"), n.Pass, n.Fail, n.Waived, n.Error)
}

// controlFindings states the MCP controls themselves when no framework is
// assessed, targeting the statements of Tollgate's exported catalog.
func (b *builder) controlFindings(risksByControl map[string][]string) []oscalTypes.Finding {
	var out []oscalTypes.Finding
	for i := range b.r.Controls {
		cr := &b.r.Controls[i]
		if cr.Control == nil || !cr.Status.Assessed() {
			continue
		}
		c := cr.Control
		var risks []oscalTypes.AssociatedRisk
		for _, u := range risksByControl[c.ID] {
			risks = append(risks, oscalTypes.AssociatedRisk{RiskUuid: u})
		}
		label := view.StatusLabel(cr.Status)
		out = append(out, oscalTypes.Finding{
			UUID:        b.findingUUID(catalogFramework, c.ID),
			Title:       clean(c.ID + " " + c.Title + ": " + label),
			Description: fmt.Sprintf("Examined: %s. %s", examinedBy(cr), cr.Reason),
			Props:       props("framework", catalogFramework, "control-id", c.ID, "status", string(cr.Status)),
			Origins:     &[]oscalTypes.Origin{toolOrigin()},
			Target: oscalTypes.FindingTarget{Type: "statement-id", TargetId: tokenize(c.ID) + "_smt", Title: clean(c.ID + " " + c.Title),
				Status: targetStatus(cr.Status, cr.Reason)},
			RelatedObservations: b.relatedObservation(c.ID),
			RelatedRisks:        list(risks),
		})
	}
	return out
}
