package oscal

import (
	"fmt"
	"io"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// WritePOAM writes r as an OSCAL 1.1.3 plan of action and milestones to w.
// Like Write, it encodes the document once and streams it out unvalidated.
func WritePOAM(w io.Writer, r *assess.Results, opts Options) error {
	p, plan, err := buildPOAM(r, opts)
	if err != nil {
		return err
	}
	arrays := []array{plan.inventory}
	if plan.items.Len() > 0 {
		risks, items := plan.arrays(p)
		risks.gen = plan.streamedRisks()
		items.gen, items.appendElem = plan.streamedItems()
		p.Observations = plan.observations.s
		arrays = append(arrays, plan.observations, risks, items)
	}
	arrays = append(arrays, streamResources(p.BackMatter))
	if err := writeModel(w, "plan-of-action-and-milestones", oscalTypes.OscalModels{PlanOfActionAndMilestones: p}, &p.UUID, arrays...); err != nil {
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

// poamItemUUID is the UUID of the POA&M item of a finding: like its risk's,
// it follows the finding from one assessment to the next.
func poamItemUUID(fingerprint string) string { return id("poam-item", fingerprint) }

// BuildPOAM assembles the plan of action and milestones for r without
// validating it. It imports the system security plan (the one given, or a
// resource saying none was), names the system by its id, and holds one item
// per finding (a control failing on a subject: open; a failure accepted
// under a waiver: risk accepted until it expires), the same items, in the
// same order, as the workbook's POA&M sheet. Each item's risk and
// observation carry the UUIDs the assessment results give them, so a reader
// follows an item to the results; the item links the results too. Each risk
// has its likelihood and impact, a deadline from the remediation policy
// (or the waiver's expiry), a planned remediation with a milestone, and an
// owner. When nothing failed, a single item records that the plan has no
// open item, since a POA&M needs at least one.
func BuildPOAM(r *assess.Results, opts Options) (*oscalTypes.PlanOfActionAndMilestones, error) {
	p, plan, err := buildPOAM(r, opts)
	if err != nil {
		return nil, err
	}
	if plan.inventory.n > 0 {
		*plan.inventory.s = plan.inventory.all()
	}
	if plan.items.Len() > 0 {
		risks, items := plan.arrays(p)
		p.Observations, p.Risks, p.PoamItems = list(plan.observations.all()), list(risks.all()), items.all()
	}
	if p.UUID, err = contentUUID("plan-of-action-and-milestones", p); err != nil {
		return nil, fmt.Errorf("build OSCAL plan of action and milestones: %w", err)
	}
	return p, nil
}

// poamPlan builds the inventory items, risks and POA&M items of a POA&M's
// findings one at a time, as they are written.
type poamPlan struct {
	b *builder
	// inventory is the inventory items of the findings' subjects.
	inventory *lazyArray[oscalTypes.InventoryItem]
	// items are the findings; none when nothing failed.
	items view.Plan
	// observations are those of the controls of the findings.
	observations *lazyArray[oscalTypes.Observation]
}

// risk builds the risk of finding i.
func (p poamPlan) risk(i int) oscalTypes.Risk { return p.riskIn(i, new(riskScratch)) }

// riskIn is risk built in s (see builder.riskIn).
func (p poamPlan) riskIn(i int, s *riskScratch) oscalTypes.Risk {
	it := p.items.Item(i)
	rk := p.b.riskIn(it, s)
	withHistory(p.b.r.History, it, &rk, &oscalTypes.PoamItem{}, p.b.ts)
	return rk
}

// streamedRisks is risk for risks encoded one at a time, as
// streamedItems is item.
func (p poamPlan) streamedRisks() func(int) oscalTypes.Risk {
	s := new(riskScratch)
	return func(i int) oscalTypes.Risk { return p.riskIn(i, s) }
}

// item builds the POA&M item of finding i, from the parts of its risk an
// item cites (see riskHead).
func (p poamPlan) item(i int) oscalTypes.PoamItem {
	item, _ := p.itemIn(i, new([]oscalTypes.Property))
	return item
}

// itemIn is item with the item's properties built in *props, and where
// among them are the requirement properties of the finding's control.
func (p poamPlan) itemIn(i int, props *[]oscalTypes.Property) (oscalTypes.PoamItem, propRun) {
	it := p.items.Item(i)
	rk := p.b.riskHead(it)
	item, reqs := p.b.poamItem(it, rk, props)
	withHistory(p.b.r.History, it, &rk, &item, p.b.ts)
	return item, reqs
}

// streamedItems is item for items encoded one at a time, each before the
// next is built: their properties are built in one list, reused. With it
// comes their encoder, which encodes the requirement properties of a
// control once for the items of all its findings.
func (p poamPlan) streamedItems() (func(int) oscalTypes.PoamItem, func(*objectWriter, *oscalTypes.PoamItem)) {
	props := new([]oscalTypes.Property)
	var reqs propRun
	gen := func(i int) oscalTypes.PoamItem {
		var item oscalTypes.PoamItem
		item, reqs = p.itemIn(i, props)
		return item
	}
	encode := func(w *objectWriter, item *oscalTypes.PoamItem) {
		w.run = reqs
		w.poamItem(item)
		w.run = propRun{}
	}
	return gen, encode
}

// arrays are the risks and the items of doc, built as they are encoded.
func (p poamPlan) arrays(doc *oscalTypes.PlanOfActionAndMilestones) (*lazyArray[oscalTypes.Risk], *lazyArray[oscalTypes.PoamItem]) {
	doc.Risks = new([]oscalTypes.Risk)
	risks := &lazyArray[oscalTypes.Risk]{s: doc.Risks, n: p.items.Len(), gen: p.risk, appendElem: (*objectWriter).risk, w: objectWriter{shared: p.b.parts},
		setUUID: func(r *oscalTypes.Risk, id string) { r.UUID = id }}
	items := &lazyArray[oscalTypes.PoamItem]{s: &doc.PoamItems, n: p.items.Len(), gen: p.item, appendElem: (*objectWriter).poamItem, w: objectWriter{shared: p.b.parts},
		setUUID: func(it *oscalTypes.PoamItem, id string) { it.UUID = id }}
	return risks, items
}

// buildPOAM is BuildPOAM without the document's UUID, and with the
// inventory items, and the risks and items of the findings when there are
// any, left to the plan returned.
func buildPOAM(r *assess.Results, opts Options) (*oscalTypes.PlanOfActionAndMilestones, *poamPlan, error) {
	b, err := newBuilder(r, opts, "plan of action and milestones")
	if err != nil {
		return nil, nil, err
	}
	items := b.x.Plan(b.eng)
	b.bookParties(items)
	var observed []*assess.ControlResult
	subjects := map[string]bool{}
	seenControl := map[string]bool{}
	for i := range items.Len() {
		c := items.Finding(i).Control
		if !seenControl[c.ID] {
			seenControl[c.ID] = true
			cr := b.x.Control(c.ID)
			observed = append(observed, cr)
			for i := range cr.Evaluations {
				if id := cr.Evaluations[i].SubjectID; !blank(id) {
					subjects[id] = true
				}
			}
		}
	}
	plan := &poamPlan{b: b}
	var poamItems []oscalTypes.PoamItem
	if items.Len() > 0 {
		plan.items, plan.observations = items, b.lazyObservations(observed)
	} else {
		poamItems = append(poamItems, oscalTypes.PoamItem{
			UUID:        id("poam-item", "none", b.run),
			Title:       "No open items",
			Description: "The assessment found no failing and no waived control: nothing needs a plan of action.",
			Props:       props("open-items", "0"),
		})
	}
	inventory, components := b.lazyInventory(subjects)
	plan.inventory = inventory
	assets := b.assessmentAssets()
	resources := []oscalTypes.Resource{b.sspResource(), documentResource(resultsResourceID(), "Assessment results", ResultsFile, "application/oscal.ar+json", "")}
	resources = append(resources, b.frameworkResources()...)
	resources = append(resources, b.evidenceResources()...)
	p := &oscalTypes.PlanOfActionAndMilestones{
		ImportSsp: &oscalTypes.ImportSsp{Href: "#" + sspResourceID()},
		SystemId:  b.systemID(),
		LocalDefinitions: &oscalTypes.PlanOfActionAndMilestonesLocalDefinitions{
			Components:       list(components),
			InventoryItems:   inventory.list(),
			AssessmentAssets: assets,
			Remarks: fmt.Sprintf("%s The inventory items describe the subjects of the observations below, with the UUIDs the assessment plan gives them.",
				b.scopeStatement()),
		},
		PoamItems: poamItems,
	}
	p.Metadata = b.metadata("Plan of action and milestones: " + b.subjectName())
	p.BackMatter = backMatter(resources...)
	return p, plan, nil
}

// poamItem is the plan entry for one finding, with its properties built in
// *props (whose contents it replaces), and where among them are the
// requirement properties of the finding's control.
func (b *builder) poamItem(it view.PlanItem, rk oscalTypes.Risk, props *[]oscalTypes.Property) (oscalTypes.PoamItem, propRun) {
	f := it.Finding
	c := f.Control
	detected := b.day(it.Detected)
	var deadline string
	if it.HasDeadline {
		deadline = b.day(it.Deadline)
	}
	var buf [14]string
	pairs := append(buf[:0], "finding-id", f.ID(), "control-id", c.ID, "severity", c.Severity, "status", it.Status,
		"detected", detected)
	if it.HasDeadline {
		pairs = append(pairs, "deadline", deadline)
	}
	if f.Eval.Waiver != "" {
		pairs = append(pairs, "waiver", f.Eval.Waiver)
	}
	reqs, ok := b.requirementProps[c]
	if !ok {
		for _, ref := range b.x.Requirements(c.ID) {
			if rp, ok := prop("requirement-id", ref.Requirement); ok {
				rp.Class = tokenize(ref.Framework)
				reqs = append(reqs, rp)
			}
		}
		b.requirementProps[c] = reqs
	}
	p := appendProps((*props)[:0], pairs...)
	run := propRun{start: len(p), props: reqs}
	p = append(p, reqs...)
	*props = p
	owner := "no owner is named"
	if it.Owner.Named() {
		owner = "owner " + it.Owner.String()
	}
	due := "no deadline is set for its severity"
	if it.HasDeadline {
		due = "due " + deadline
	}
	return oscalTypes.PoamItem{
		UUID:                poamItemUUID(f.Fingerprint()),
		Title:               rk.Title,
		Description:         rk.Statement,
		Props:               list(p),
		Origins:             b.itemOrigins,
		Links:               &[]oscalTypes.Link{{Href: resultsHref, Rel: "related", Text: "assessment results (risk " + rk.UUID + ")"}},
		RelatedObservations: b.relatedObservation(c.ID),
		RelatedRisks:        &[]oscalTypes.AssociatedRisk{{RiskUuid: rk.UUID}},
		Remarks:             "First detected " + detected + "; " + owner + "; " + due + ".",
	}, run
}
