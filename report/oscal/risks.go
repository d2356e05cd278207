package oscal

import (
	"fmt"
	"sort"
	"strings"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/assess"
)

// riskSystem is the namespace of the MCP risk taxonomy ids in threat-ids.
const riskSystem = "https://tollgate.dev/ns/risks"

// maxListed bounds how many subjects a risk statement names.
const maxListed = 25

// risks returns an open risk when the control failed on a subject, and one
// deviation-approved risk per waiver that accepted some of its failures.
func (b *arBuilder) risks(key string, cr *assess.ControlResult, observation string) []oscalTypes.Risk {
	c := cr.Control
	var failed []assess.Evaluation
	waived := map[string][]assess.Evaluation{}
	for _, e := range cr.Evaluations {
		switch e.Verdict {
		case assess.VerdictFail:
			failed = append(failed, e)
		case assess.VerdictWaived:
			waived[e.Waiver] = append(waived[e.Waiver], e)
		}
	}
	related := &[]oscalTypes.RelatedObservation{{ObservationUuid: observation}}
	var out []oscalTypes.Risk
	if len(failed) > 0 {
		out = append(out, oscalTypes.Risk{
			UUID:        id("risk", key, c.ID),
			Title:       c.ID + ": " + c.Title,
			Description: orDefault(c.Description, c.Title),
			Statement:   fmt.Sprintf("Failed on %d subject(s): %s.", len(failed), b.subjectList(failed)),
			Status:      "open",
			Props:       props("control-id", c.ID, "severity", c.Severity, "family", c.Family),
			ThreatIds:   b.threats(c.Risks),
			Remediations: &[]oscalTypes.Response{{
				UUID:        id("remediation", key, c.ID),
				Lifecycle:   "recommendation",
				Title:       "Remediate " + c.ID,
				Description: orDefault(c.Remediation, "Change the configuration so that "+c.ID+" passes."),
			}},
			RelatedObservations: related,
		})
	}
	waivers := make([]string, 0, len(waived))
	for w := range waived {
		waivers = append(waivers, w)
	}
	sort.Strings(waivers)
	for _, wid := range waivers {
		evs := waived[wid]
		rk := oscalTypes.Risk{
			UUID:                id("risk", key, c.ID, "waiver", wid),
			Title:               fmt.Sprintf("%s: %s (waived by %s)", c.ID, c.Title, orDefault(wid, "an unnamed waiver")),
			Description:         fmt.Sprintf("A failure of %s accepted under waiver %s.", c.ID, orDefault(wid, "(unnamed)")),
			Statement:           fmt.Sprintf("Accepted failure on %d subject(s): %s.", len(evs), b.subjectList(evs)),
			Status:              "deviation-approved",
			Props:               props("control-id", c.ID, "severity", c.Severity, "waiver", wid),
			ThreatIds:           b.threats(c.Risks),
			RelatedObservations: related,
		}
		if w := b.x.Waiver(wid); w != nil {
			rk.Description = orDefault(w.Justification, rk.Description)
			rk.Props = props("control-id", c.ID, "severity", c.Severity, "waiver", wid,
				"waiver-owner", w.Owner, "waiver-approved-by", w.ApprovedBy, "waiver-status", w.Status)
			if !w.Expires.IsZero() {
				deadline := w.Expires.UTC()
				rk.Deadline = &deadline
			}
		}
		out = append(out, rk)
	}
	return out
}

// subjectList names subjects with their locations, at most maxListed of them.
func (b *arBuilder) subjectList(evs []assess.Evaluation) string {
	var names []string
	for i, e := range evs {
		if i == maxListed {
			names = append(names, fmt.Sprintf("and %d more", len(evs)-maxListed))
			break
		}
		if orgWide(e) {
			names = append(names, "the deployment as a whole")
			continue
		}
		meta := b.x.Meta(e.SubjectID)
		name := orDefault(meta.Name, e.SubjectID)
		if loc := meta.Provenance.Location(); loc != "" {
			name += " (" + loc + ")"
		}
		names = append(names, name)
	}
	return strings.Join(names, "; ")
}

// threats lists the control's MCP risk taxonomy entries as threat ids.
func (b *arBuilder) threats(ids []string) *[]oscalTypes.ThreatId {
	var out []oscalTypes.ThreatId
	for _, rid := range ids {
		if clean(rid) == "" {
			continue
		}
		out = append(out, oscalTypes.ThreatId{System: riskSystem, ID: riskSystem + "#" + tokenize(clean(rid))})
	}
	return list(out)
}
