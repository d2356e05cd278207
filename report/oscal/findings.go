package oscal

import (
	"fmt"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// objectiveStatus maps a Tollgate status onto OSCAL's two states. OSCAL has
// only satisfied and not-satisfied, so the reason (pass, fail, other) and the
// finding's "status" property keep not-assessed, manual and error apart.
func objectiveStatus(s assess.Status, remarks string) oscalTypes.ObjectiveStatus {
	switch s {
	case assess.StatusSatisfied:
		return oscalTypes.ObjectiveStatus{State: "satisfied", Reason: "pass", Remarks: remarks}
	case assess.StatusNotSatisfied, assess.StatusWaived:
		return oscalTypes.ObjectiveStatus{State: "not-satisfied", Reason: "fail", Remarks: remarks}
	}
	return oscalTypes.ObjectiveStatus{State: "not-satisfied", Reason: "other", Remarks: remarks}
}

// finding records one requirement's roll-up, pointing at the observations of
// the controls mapped to it and at their risks.
func (b *arBuilder) finding(key string, t target, obs map[string]string, risks map[string][]string) oscalTypes.Finding {
	reason := orDefault(t.reason, fmt.Sprintf("%s: %s.", t.id, view.StatusLabel(t.status)))
	var p []oscalTypes.Property
	for _, pair := range [][2]string{{"status", string(t.status)}, {"requirement-id", t.id}} {
		if pp, ok := prop(pair[0], pair[1]); ok {
			p = append(p, pp)
		}
	}
	var related []oscalTypes.RelatedObservation
	var relatedRisks []oscalTypes.AssociatedRisk
	for _, l := range t.links {
		if pp, ok := prop("control-id", l.Control); ok {
			if l.Provenance != "" {
				pp.Class = tokenize(l.Provenance)
			}
			pp.Remarks = l.Rationale
			p = append(p, pp)
		}
		if u, ok := obs[l.Control]; ok {
			related = append(related, oscalTypes.RelatedObservation{ObservationUuid: u})
		}
		for _, u := range risks[l.Control] {
			relatedRisks = append(relatedRisks, oscalTypes.AssociatedRisk{RiskUuid: u})
		}
	}
	return oscalTypes.Finding{
		UUID:        id("finding", key, t.id),
		Title:       clean(t.id + " " + t.title),
		Description: reason,
		Props:       list(p),
		Target: oscalTypes.FindingTarget{
			Type:     "objective-id",
			TargetId: t.token,
			Title:    clean(t.title),
			Status:   objectiveStatus(t.status, reason),
		},
		RelatedObservations: list(related),
		RelatedRisks:        list(relatedRisks),
	}
}
