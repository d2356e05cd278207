package oscal

import (
	"fmt"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// riskSystem is the namespace of the MCP risk taxonomy ids in threat-ids.
const riskSystem = "https://tollgate.dev/ns/risks"

// facetSystem is the NIST naming system of the likelihood, impact and risk
// facets.
const facetSystem = "http://csrc.nist.gov/ns/oscal"

// riskUUID is the UUID of the risk of one finding: it depends on the
// finding's fingerprint alone, so the assessment results and the POA&M give
// the same risk the same UUID, and so does the next assessment while the
// finding stands.
func riskUUID(fingerprint string) string { return id("risk", fingerprint) }

// risk describes one finding (a control failing on a subject, or a failure
// accepted under a waiver) as an OSCAL risk: its statement in words, the
// likelihood, impact and risk its severity stands for (documented in
// engagement.Ratings), a deadline from the remediation policy (or the
// waiver's expiry), a planned remediation with a milestone and its owner,
// and its Tollgate finding id, which SARIF, the workbook and results.json
// carry too.
func (b *builder) risk(it view.PlanItem) oscalTypes.Risk {
	return b.riskIn(it, new(riskScratch))
}

// riskScratch is where a risk's properties, remediation and milestone are
// built (see riskIn). A risk built in a scratch that the next risk reuses
// must be encoded before the next is built.
type riskScratch struct {
	props        []oscalTypes.Property
	remediations []oscalTypes.Response
	tasks        []oscalTypes.Task
	timing       oscalTypes.EventTiming
	onDate       oscalTypes.OnDateCondition
}

// riskIn is risk with the risk's properties, remediation and milestone
// built in s (whose contents it replaces).
func (b *builder) riskIn(it view.PlanItem, s *riskScratch) oscalTypes.Risk {
	f := it.Finding
	c := f.Control
	status := "open"
	if it.Status == view.PlanRiskAccepted {
		status = "deviation-approved"
	}
	var buf [18]string
	pairs := append(buf[:0], "finding-id", f.ID(), "control-id", c.ID, "severity", c.Severity, "subject-id", f.Subject.ID,
		"detected", b.day(it.Detected))
	if w := f.Waiver; w != nil {
		pairs = append(pairs, "waiver", w.ID, "waiver-owner", w.Owner, "waiver-approved-by", w.ApprovedBy, "waiver-status", w.Status)
	} else if f.Eval.Waiver != "" {
		pairs = append(pairs, "waiver", f.Eval.Waiver)
	}
	rk := b.riskHead(it)
	rk.Description = orDefault(c.Description, c.Title)
	rk.Status = status
	if s.props = appendProps(s.props[:0], pairs...); len(s.props) > 0 {
		rk.Props = &s.props
	}
	rk.Origins = b.origins
	threatIDs, ok := b.threatIDs[c]
	if !ok {
		threatIDs = threats(c.Risks)
		b.threatIDs[c] = threatIDs
	}
	rk.ThreatIds = threatIDs
	key := ratingKey{c.Severity, it.Rating}
	chars, ok := b.ratings[key]
	if !ok {
		chars = characterizations(it)
		b.ratings[key] = chars
	}
	rk.Characterizations = chars
	rk.RelatedObservations = b.relatedObservation(c.ID)
	rk.Remediations = b.remediations(it, s)
	if it.HasDeadline {
		d := it.Deadline
		rk.Deadline = &d
	}
	return rk
}

// riskHead is the part of a finding's risk that its POA&M item cites: the
// UUID, the title and the statement (which names an accepting waiver).
func (b *builder) riskHead(it view.PlanItem) oscalTypes.Risk {
	f := it.Finding
	c := f.Control
	rk := oscalTypes.Risk{
		UUID:      riskUUID(f.Fingerprint()),
		Title:     clean(c.ID + ": " + c.Title + " (" + orDefault(f.Subject.Name, f.Subject.ID) + ")"),
		Statement: b.riskStatement(f),
	}
	if w := f.Waiver; w != nil && it.Status == view.PlanRiskAccepted {
		rk.Statement += fmt.Sprintf("\nAccepted as a deviation under waiver %s, approved by %s, owned by %s, until %s: %s",
			w.ID, orDefault(w.ApprovedBy, "an unnamed approver"), orDefault(w.Owner, "an unnamed owner"), w.Expires.UTC().Format("2006-01-02"), clean(w.Justification))
		b.parties.addText(w.ApprovedBy, roleApprover)
	}
	return rk
}

// riskStatement says what is wrong where, in words: the message, a line
// per reason, and where the subject is declared.
func (b *builder) riskStatement(f view.Finding) string {
	msg := f.Eval.Message
	if blank(msg) {
		msg = orDefault(f.Subject.Name, f.Subject.ID) + " fails " + f.Control.ID + ": " + f.Control.Title
	}
	if f.Location == "" {
		return view.ReasonLines(msg, "- ", f.Eval.Reasons)
	}
	return view.ReasonLines(msg, "- ", f.Eval.Reasons, "Declared at ", f.Location, ".")
}

// characterizations rate the risk on the SP 800-30 scale from the control's
// severity, with Tollgate as the origin.
func characterizations(it view.PlanItem) *[]oscalTypes.Characterization {
	r := it.Rating
	if r.Risk == "" {
		return nil
	}
	facet := func(name, value string) oscalTypes.Facet {
		return oscalTypes.Facet{Name: name, System: facetSystem, Value: value,
			Props: &[]oscalTypes.Property{{Name: "state", Value: "initial"}}}
	}
	return &[]oscalTypes.Characterization{{
		Origin: toolOrigin(),
		Facets: []oscalTypes.Facet{facet("likelihood", r.Likelihood), facet("impact", r.Impact), facet("risk", r.Risk)},
		Props:  props("severity", it.Control.Severity, "rating-basis", "control severity (see the engagement ratings table)"),
	}}
}

// remediations plan the response: fix the configuration by the deadline
// (or, for an accepted risk, remediate or renew the waiver before it
// expires), as a milestone owned by the risk's owner. They are built in s.
func (b *builder) remediations(it view.PlanItem, s *riskScratch) *[]oscalTypes.Response {
	f := it.Finding
	c := f.Control
	fp := f.Fingerprint()
	title := "Remediate " + c.ID + " on " + orDefault(f.Subject.Name, f.Subject.ID)
	milestone := "Remediated by the deadline of the remediation policy"
	if it.Status == view.PlanRiskAccepted {
		title = "Remediate " + c.ID + " on " + orDefault(f.Subject.Name, f.Subject.ID) + " before the waiver expires"
		milestone = "Waiver expires: remediated, or the waiver renewed"
	}
	task := oscalTypes.Task{
		UUID:        id("milestone", fp),
		Type:        "milestone",
		Title:       milestone,
		Description: orDefault(f.Subject.Name, f.Subject.ID) + " on " + orDefault(f.Location, "its declaration") + " passes " + c.ID + ".",
	}
	if it.HasDeadline {
		s.onDate = oscalTypes.OnDateCondition{Date: it.Deadline}
		s.timing = oscalTypes.EventTiming{OnDate: &s.onDate}
		task.Timing = &s.timing
	}
	if u := b.parties.add(it.Owner, roleOwner); u != "" {
		roles, ok := b.ownerRoles[u]
		if !ok {
			roles = &[]oscalTypes.ResponsibleRole{{RoleId: roleOwner, PartyUuids: &[]string{u}}}
			b.ownerRoles[u] = roles
		}
		task.ResponsibleRoles = roles
	}
	desc := c.Remediation
	if blank(desc) {
		desc = "Change the configuration so that " + c.ID + " passes."
	}
	s.tasks = append(s.tasks[:0], task)
	s.remediations = append(s.remediations[:0], oscalTypes.Response{
		UUID:        id("remediation", fp),
		Lifecycle:   "planned",
		Title:       clean(title),
		Description: desc,
		Origins:     b.origins,
		Tasks:       &s.tasks,
	})
	return &s.remediations
}

// threats lists the control's MCP risk taxonomy entries as threat ids.
func threats(ids []string) *[]oscalTypes.ThreatId {
	var out []oscalTypes.ThreatId
	for _, rid := range ids {
		if clean(rid) == "" {
			continue
		}
		out = append(out, oscalTypes.ThreatId{System: riskSystem, ID: riskSystem + "#" + tokenize(clean(rid))})
	}
	return list(out)
}

// bookParties books the parties the risks of the items name (the approvers
// of accepted deviations and the owners of the remediations), as building
// the risks does, so that the metadata lists them when the risks are built
// only as the document is written, after its metadata.
func (b *builder) bookParties(plan view.Plan) {
	for i := range plan.Len() {
		it := plan.Item(i)
		if w := it.Finding.Waiver; w != nil && it.Status == view.PlanRiskAccepted {
			b.parties.addText(w.ApprovedBy, roleApprover)
		}
		b.parties.add(it.Owner, roleOwner)
	}
}

// streamedRisks is risk for the risks of items encoded one at a time, each
// before the next is built: they are built in one scratch, reused.
func (b *builder) streamedRisks(item func(int) view.PlanItem) func(int) oscalTypes.Risk {
	s := new(riskScratch)
	return func(i int) oscalTypes.Risk { return b.riskIn(item(i), s) }
}

// lazyRisks is the risks of the plan items, built as they are encoded.
func (b *builder) lazyRisks(plan view.Plan) *lazyArray[oscalTypes.Risk] {
	return &lazyArray[oscalTypes.Risk]{s: new([]oscalTypes.Risk), n: plan.Len(), appendElem: (*objectWriter).risk, w: objectWriter{shared: b.parts},
		gen: func(i int) oscalTypes.Risk { return b.risk(plan.Item(i)) }, setUUID: func(r *oscalTypes.Risk, id string) { r.UUID = id }}
}
