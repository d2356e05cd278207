package oscal

import (
	"fmt"
	"io"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// poamKey scopes the UUIDs of the plan of action and milestones.
const poamKey = "poam"

// WritePOAM writes r as an OSCAL 1.1.3 plan of action and milestones to w.
// The document is validated first; nothing is written when it is not valid.
func WritePOAM(w io.Writer, r *assess.Results, opts Options) error {
	data, err := MarshalPOAM(r, opts)
	if err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		return fmt.Errorf("write OSCAL plan of action and milestones: %w", err)
	}
	return nil
}

// MarshalPOAM renders r as validated OSCAL 1.1.3 plan-of-action-and-milestones
// JSON.
func MarshalPOAM(r *assess.Results, opts Options) ([]byte, error) {
	p, err := BuildPOAM(r, opts)
	if err != nil {
		return nil, err
	}
	data, err := encode(oscalTypes.OscalModels{PlanOfActionAndMilestones: p})
	if err != nil {
		return nil, fmt.Errorf("plan of action and milestones: %w", err)
	}
	return data, nil
}

// BuildPOAM assembles the plan of action and milestones for r without
// validating it: per control that failed on some subject, an observation
// of the failing subjects, an open risk with its remediation and a POA&M
// item; per waiver that accepted failures of a control, a
// deviation-approved risk (with the waiver's expiry as its deadline) and a
// POA&M item. The subjects concerned are inventory items. When nothing
// failed, a single item records that the plan has no open item, since a
// POA&M needs at least one. Options.Title is not used (the title is fixed).
func BuildPOAM(r *assess.Results, opts Options) (*oscalTypes.PlanOfActionAndMilestones, error) {
	if r == nil {
		return nil, fmt.Errorf("build OSCAL plan of action and milestones: no results")
	}
	ts, err := stamp(r.Timestamp)
	if err != nil {
		return nil, fmt.Errorf("build OSCAL plan of action and milestones: %w", err)
	}
	b := &arBuilder{x: view.New(r), ts: ts, opts: opts}
	var (
		observations []oscalTypes.Observation
		risks        []oscalTypes.Risk
		items        []oscalTypes.PoamItem
	)
	subjects := map[string]bool{}
	for i := range r.Controls {
		cr := openEvaluations(&r.Controls[i])
		if cr == nil {
			continue
		}
		for _, e := range cr.Evaluations {
			if !orgWide(e) {
				subjects[e.SubjectID] = true
			}
		}
		o := b.observation(poamKey, cr)
		o.Description = fmt.Sprintf("%s (%s) failed on %d and was waived on %d of the subjects it was judged against.",
			cr.Control.ID, cr.Control.Title, cr.Counts.Fail, cr.Counts.Waived)
		observations = append(observations, o)
		for _, rk := range b.risks(poamKey, cr, o.UUID) {
			item := b.poamItem(cr, rk, o.UUID)
			withHistory(r, cr, &rk, &item, ts)
			risks = append(risks, rk)
			items = append(items, item)
		}
	}
	if len(items) == 0 {
		items = append(items, oscalTypes.PoamItem{
			UUID:        id("poam-item", poamKey, "none"),
			Title:       "No open items",
			Description: "The assessment found no failing and no waived control: nothing needs a plan of action.",
			Props:       props("open-items", "0"),
		})
	}
	p := &oscalTypes.PlanOfActionAndMilestones{
		Metadata: metadata("Tollgate plan of action and milestones", r.Version, ts),
		SystemId: &oscalTypes.SystemId{IdentifierType: NS, ID: "mcp-deployment"},
		LocalDefinitions: poamLocalDefinitions(b.inventory(poamKey, subjects),
			fmt.Sprintf("The MCP deployment assessed by Tollgate: %d subjects from %d artifacts.", len(r.Subjects), len(r.Artifacts))),
		Observations: list(observations),
		Risks:        list(risks),
		PoamItems:    items,
		BackMatter:   b.backMatter(),
	}
	if p.UUID, err = contentUUID("plan-of-action-and-milestones", p); err != nil {
		return nil, fmt.Errorf("build OSCAL plan of action and milestones: %w", err)
	}
	return p, nil
}

// openEvaluations returns a copy of cr holding only its failing and waived
// evaluations (counts unchanged), or nil when it has none.
func openEvaluations(cr *assess.ControlResult) *assess.ControlResult {
	if cr.Control == nil {
		return nil
	}
	var open []assess.Evaluation
	for _, e := range cr.Evaluations {
		if e.Verdict == assess.VerdictFail || e.Verdict == assess.VerdictWaived {
			open = append(open, e)
		}
	}
	if len(open) == 0 {
		return nil
	}
	c := *cr
	c.Evaluations = open
	return &c
}

// poamItem is the plan entry for one risk: the failures of a control still
// to remediate, or those a waiver accepted until it expires.
func (b *arBuilder) poamItem(cr *assess.ControlResult, rk oscalTypes.Risk, observation string) oscalTypes.PoamItem {
	c := cr.Control
	status := "open"
	if rk.Status == "deviation-approved" {
		status = "risk-accepted"
	}
	pairs := []string{"control-id", c.ID, "severity", c.Severity, "status", status}
	if rk.Props != nil {
		for _, p := range *rk.Props {
			if p.Name == "waiver" {
				pairs = append(pairs, "waiver", p.Value)
			}
		}
	}
	for _, ref := range b.x.Requirements(c.ID) {
		pairs = append(pairs, "requirement", ref.String())
	}
	return oscalTypes.PoamItem{
		UUID:                id("poam-item", rk.UUID),
		Title:               rk.Title,
		Description:         rk.Statement,
		Props:               props(pairs...),
		RelatedObservations: &[]oscalTypes.RelatedObservation{{ObservationUuid: observation}},
		RelatedRisks:        &[]oscalTypes.AssociatedRisk{{RiskUuid: rk.UUID}},
	}
}

// poamLocalDefinitions carries the inventory into the POA&M's own local
// definitions type; remarks describe the system when there is no subject.
func poamLocalDefinitions(ld *oscalTypes.LocalDefinitions, remarks string) *oscalTypes.PlanOfActionAndMilestonesLocalDefinitions {
	out := &oscalTypes.PlanOfActionAndMilestonesLocalDefinitions{Remarks: remarks}
	if ld != nil {
		out.InventoryItems, out.Components = ld.InventoryItems, ld.Components
	}
	return out
}
