package oscal

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/internal/jsontest"
)

// riskGen makes random risks and POA&M items with the fields the builder
// sets: strings of every kind JSON escapes, nil and empty lists, times.
type riskGen struct{ r *rand.Rand }

func (g riskGen) str() string {
	if g.r.IntN(3) == 0 {
		return ""
	}
	return jsontest.String(g.r)
}

// ptr is nil, a pointer to a nil slice or to up to three elements.
func ptr[T any](g riskGen, elem func() T) *[]T {
	switch g.r.IntN(4) {
	case 0:
		return nil
	case 1:
		return new([]T)
	}
	s := make([]T, g.r.IntN(3))
	for i := range s {
		s[i] = elem()
	}
	return &s
}

func (g riskGen) time() time.Time {
	zones := []*time.Location{time.UTC, time.FixedZone("", 2*3600), time.FixedZone("", -(5*3600 + 30*60))}
	return time.Date(1990+g.r.IntN(60), time.Month(1+g.r.IntN(12)), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60),
		[]int{0, 500, 123456789}[g.r.IntN(3)], zones[g.r.IntN(len(zones))])
}

func (g riskGen) props() *[]oscalTypes.Property {
	return ptr(g, func() oscalTypes.Property {
		return oscalTypes.Property{Name: g.str(), Ns: g.str(), Value: g.str(), Class: g.str(), Remarks: g.str()}
	})
}

func (g riskGen) origin() oscalTypes.Origin {
	var actors []oscalTypes.OriginActor
	for range g.r.IntN(3) {
		actors = append(actors, oscalTypes.OriginActor{ActorUuid: g.str(), Type: g.str(), RoleId: g.str(), Props: g.props()})
	}
	return oscalTypes.Origin{Actors: actors}
}

func (g riskGen) risk() oscalTypes.Risk {
	r := oscalTypes.Risk{UUID: g.str(), Title: g.str(), Description: g.str(), Statement: g.str(), Status: g.str(), Props: g.props()}
	if g.r.IntN(2) == 0 {
		d := g.time()
		r.Deadline = &d
	}
	r.Origins = ptr(g, g.origin)
	r.ThreatIds = ptr(g, func() oscalTypes.ThreatId { return oscalTypes.ThreatId{System: g.str(), ID: g.str(), Href: g.str()} })
	r.RelatedObservations = ptr(g, func() oscalTypes.RelatedObservation { return oscalTypes.RelatedObservation{ObservationUuid: g.str()} })
	r.Characterizations = ptr(g, func() oscalTypes.Characterization {
		c := oscalTypes.Characterization{Origin: g.origin(), Props: g.props()}
		for range g.r.IntN(3) {
			c.Facets = append(c.Facets, oscalTypes.Facet{Name: g.str(), System: g.str(), Value: g.str(), Remarks: g.str(), Props: g.props()})
		}
		return c
	})
	r.Remediations = ptr(g, func() oscalTypes.Response {
		return oscalTypes.Response{UUID: g.str(), Lifecycle: g.str(), Title: g.str(), Description: g.str(), Remarks: g.str(),
			Props: g.props(), Origins: ptr(g, g.origin), Tasks: ptr(g, func() oscalTypes.Task {
				t := oscalTypes.Task{UUID: g.str(), Type: g.str(), Title: g.str(), Description: g.str(), Remarks: g.str(), Props: g.props()}
				switch g.r.IntN(3) {
				case 0:
					t.Timing = &oscalTypes.EventTiming{OnDate: &oscalTypes.OnDateCondition{Date: g.time()}}
				case 1:
					t.Timing = &oscalTypes.EventTiming{}
				}
				t.ResponsibleRoles = ptr(g, func() oscalTypes.ResponsibleRole {
					return oscalTypes.ResponsibleRole{RoleId: g.str(), Remarks: g.str(), Props: g.props(), PartyUuids: ptr(g, g.str)}
				})
				return t
			})}
	})
	return r
}

func (g riskGen) item() oscalTypes.PoamItem {
	return oscalTypes.PoamItem{UUID: g.str(), Title: g.str(), Description: g.str(), Remarks: g.str(), Props: g.props(),
		Links: ptr(g, func() oscalTypes.Link {
			return oscalTypes.Link{Href: g.str(), Rel: g.str(), Text: g.str(), MediaType: g.str(), ResourceFragment: g.str()}
		}),
		Origins: ptr(g, func() oscalTypes.PoamItemOrigin { return oscalTypes.PoamItemOrigin{Actors: g.origin().Actors} }),
		RelatedObservations: ptr(g, func() oscalTypes.RelatedObservation {
			return oscalTypes.RelatedObservation{ObservationUuid: g.str()}
		}),
		RelatedRisks: ptr(g, func() oscalTypes.AssociatedRisk { return oscalTypes.AssociatedRisk{RiskUuid: g.str()} }),
	}
}

// TestRiskEncodingIsJSON compares the hand encoding of random risks and
// POA&M items with encoding/json's.
func TestRiskEncodingIsJSON(t *testing.T) {
	g := riskGen{rand.New(rand.NewPCG(14, 15))}
	for i := range 3000 {
		r := g.risk()
		got, ok := appendRisk([]byte("keep"), &r)
		if want := append([]byte("keep"), jsontest.Std(t, &r)...); !ok || !bytes.Equal(got, want) {
			t.Fatalf("risk %d (ok %v):\n got %s\nwant %s", i, ok, got, want)
		}
		it := g.item()
		got, ok = appendPoamItem(nil, &it)
		if want := jsontest.Std(t, &it); !ok || !bytes.Equal(got, want) {
			t.Fatalf("item %d (ok %v):\n got %s\nwant %s", i, ok, got, want)
		}
	}
}

// TestRiskEncodingGivesUp checks that a field the encoder does not write
// makes it give up instead of leaving the field out.
func TestRiskEncodingGivesUp(t *testing.T) {
	far := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	for name, r := range map[string]oscalTypes.Risk{
		"links":              {Links: &[]oscalTypes.Link{}},
		"mitigating factors": {MitigatingFactors: &[]oscalTypes.MitigatingFactor{}},
		"risk log":           {RiskLog: &oscalTypes.RiskLog{}},
		"deadline past 9999": {Deadline: &far},
		"related tasks":      {Origins: &[]oscalTypes.Origin{{RelatedTasks: &[]oscalTypes.RelatedTask{}}}},
		"actor links":        {Origins: &[]oscalTypes.Origin{{Actors: []oscalTypes.OriginActor{{Links: &[]oscalTypes.Link{}}}}}},
		"facet links":        {Characterizations: &[]oscalTypes.Characterization{{Facets: []oscalTypes.Facet{{Links: &[]oscalTypes.Link{}}}}}},
		"required assets":    {Remediations: &[]oscalTypes.Response{{RequiredAssets: &[]oscalTypes.RequiredAsset{}}}},
		"nested tasks":       {Remediations: &[]oscalTypes.Response{{Tasks: &[]oscalTypes.Task{{Tasks: &[]oscalTypes.Task{}}}}}},
		"task subjects":      {Remediations: &[]oscalTypes.Response{{Tasks: &[]oscalTypes.Task{{Subjects: &[]oscalTypes.AssessmentSubject{}}}}}},
		"date range":         {Remediations: &[]oscalTypes.Response{{Tasks: &[]oscalTypes.Task{{Timing: &oscalTypes.EventTiming{WithinDateRange: &oscalTypes.OnDateRangeCondition{}}}}}}},
	} {
		if _, ok := appendRisk(nil, &r); ok {
			t.Errorf("%s: the risk was encoded by hand", name)
		}
	}
	if _, ok := appendPoamItem(nil, &oscalTypes.PoamItem{RelatedFindings: &[]oscalTypes.RelatedFinding{}}); ok {
		t.Error("related findings: the item was encoded by hand")
	}
}

// TestInventoryItemEncodingIsJSON compares the hand-encoded inventory
// items with encoding/json on random items with the fields the builder
// sets, and checks that another field makes the encoder give up.
func TestInventoryItemEncodingIsJSON(t *testing.T) {
	g := riskGen{rand.New(rand.NewPCG(16, 17))}
	for i := range 3000 {
		it := oscalTypes.InventoryItem{UUID: g.str(), Description: g.str(), Remarks: g.str(), Props: g.props(),
			ImplementedComponents: ptr(g, func() oscalTypes.ImplementedComponent {
				return oscalTypes.ImplementedComponent{ComponentUuid: g.str()}
			}),
			Links: ptr(g, func() oscalTypes.Link {
				return oscalTypes.Link{Href: g.str(), MediaType: g.str(), Rel: g.str(), ResourceFragment: g.str(), Text: g.str()}
			})}
		got, ok := appendInventoryItem([]byte("keep"), &it)
		if want := append([]byte("keep"), jsontest.Std(t, &it)...); !ok || !bytes.Equal(got, want) {
			t.Fatalf("item %d (ok %v):\n got %s\nwant %s", i, ok, got, want)
		}
	}
	for name, it := range map[string]oscalTypes.InventoryItem{
		"responsible parties": {ResponsibleParties: &[]oscalTypes.ResponsibleParty{}},
		"component props":     {ImplementedComponents: &[]oscalTypes.ImplementedComponent{{Props: &[]oscalTypes.Property{}}}},
		"component remarks":   {ImplementedComponents: &[]oscalTypes.ImplementedComponent{{Remarks: "r"}}},
	} {
		if _, ok := appendInventoryItem(nil, &it); ok {
			t.Errorf("%s: encoded by hand", name)
		}
	}
}

// collected gathers what an element hands out: its compact encoding, and
// its layout by a layouter that starts at a given depth.
type collected struct {
	compact []byte
	l       layouter
}

func (c *collected) piece(p []byte) {
	c.compact = append(c.compact, p...)
	c.l.run(p, nil)
}

func (c *collected) shared(p *sharedPart) {
	c.compact = append(c.compact, p.compact...)
	c.l.insert(p.laidAt(c.l.depth))
}

// TestSharedPartsAreLaidOutInPlace writes random risks and POA&M items
// whose lists come in part from a few shared ones, as the builder shares
// them (and items whose properties hold a shared run), and checks that with shared parts they are handed out as the same
// compact encoding and laid out, at several depths, as layout lays out
// that encoding whole.
func TestSharedPartsAreLaidOutInPlace(t *testing.T) {
	g := riskGen{rand.New(rand.NewPCG(18, 19))}
	var pool []oscalTypes.Risk
	var itemPool []oscalTypes.PoamItem
	for range 6 {
		pool = append(pool, g.risk())
		itemPool = append(itemPool, g.item())
	}
	pick := func() *oscalTypes.Risk { return &pool[g.r.IntN(len(pool))] }
	var runs [][]oscalTypes.Property
	for len(runs) < 4 {
		if p := g.props(); p != nil && len(*p) > 0 {
			runs = append(runs, *p)
		}
	}
	roles := []*[]oscalTypes.ResponsibleRole{nil}
	for range 4 {
		roles = append(roles, ptr(g, func() oscalTypes.ResponsibleRole {
			return oscalTypes.ResponsibleRole{RoleId: g.str(), PartyUuids: ptr(g, g.str)}
		}))
	}
	withShared := func(r oscalTypes.Risk) oscalTypes.Risk {
		if g.r.IntN(4) > 0 {
			r.Characterizations = pick().Characterizations
		}
		if g.r.IntN(4) > 0 {
			r.Origins = pick().Origins
		}
		if g.r.IntN(4) > 0 {
			r.ThreatIds = pick().ThreatIds
		}
		if g.r.IntN(4) > 0 {
			r.RelatedObservations = pick().RelatedObservations
		}
		if r.Remediations != nil {
			rems := slices.Clone(*r.Remediations)
			for i := range rems {
				rems[i].Origins = pick().Origins
				if rems[i].Tasks != nil {
					tasks := slices.Clone(*rems[i].Tasks)
					for j := range tasks {
						tasks[j].ResponsibleRoles = roles[g.r.IntN(len(roles))]
					}
					rems[i].Tasks = &tasks
				}
			}
			r.Remediations = &rems
		}
		return r
	}
	lay := func(compact []byte, depth int) []byte {
		l := layouter{depth: depth}
		l.run(compact, nil)
		return l.out
	}
	shared := 0
	for depth := range 4 {
		parts := sharedParts{}
		w := objectWriter{shared: parts}
		for i := range 400 {
			r := withShared(g.risk())
			plain, ok := appendRisk(nil, &r)
			w.reset()
			w.risk(&r)
			if w.ok != ok {
				t.Fatalf("depth %d, risk %d: encoded by hand %v with shared parts, %v without", depth, i, w.ok, ok)
			}
			if !ok {
				continue
			}
			shared += len(w.marks)
			got := &collected{l: layouter{depth: depth}}
			w.emit(got)
			if !bytes.Equal(got.compact, plain) {
				t.Fatalf("depth %d, risk %d: handed out\n%s\nwant\n%s", depth, i, got.compact, plain)
			}
			if want := lay(plain, depth); !bytes.Equal(got.l.out, want) {
				t.Fatalf("depth %d, risk %d: laid out\n%s\nwant\n%s", depth, i, got.l.out, want)
			}

			it := g.item()
			if g.r.IntN(4) > 0 {
				it.Origins = itemPool[g.r.IntN(len(itemPool))].Origins
			}
			if g.r.IntN(4) > 0 {
				it.RelatedObservations = itemPool[g.r.IntN(len(itemPool))].RelatedObservations
			}
			// Some items hold a run of shared properties among theirs, as
			// the items of a control hold its requirement properties; in
			// others the run named differs from what the item holds.
			var run propRun
			if g.r.IntN(4) > 0 {
				run.props = runs[g.r.IntN(len(runs))]
				var own, tail []oscalTypes.Property
				if p := g.props(); p != nil {
					own = *p
				}
				if p := g.props(); p != nil {
					tail = *p
				}
				all := slices.Concat(own, run.props, tail)
				it.Props = &all
				run.start = len(own)
				if g.r.IntN(8) == 0 {
					run.start++
				}
			}
			plain, _ = appendPoamItem(nil, &it)
			w.reset()
			w.run = run
			w.poamItem(&it)
			w.run = propRun{}
			got = &collected{l: layouter{depth: depth}}
			w.emit(got)
			if !bytes.Equal(got.compact, plain) || !bytes.Equal(got.l.out, lay(plain, depth)) {
				t.Fatalf("depth %d, item %d: handed out\n%s\nlaid out\n%s\nwant\n%s", depth, i, got.compact, got.l.out, lay(plain, depth))
			}
		}
	}
	if shared < 1000 {
		t.Fatalf("only %d parts were shared", shared)
	}
}

// TestResourceEncodingIsJSON compares the hand-encoded back-matter
// resources with encoding/json on random resources with the fields the
// builder sets, and checks that another field makes the encoder give up.
func TestResourceEncodingIsJSON(t *testing.T) {
	g := riskGen{rand.New(rand.NewPCG(20, 21))}
	for i := range 3000 {
		r := oscalTypes.Resource{UUID: g.str(), Title: g.str(), Description: g.str(), Remarks: g.str(), Props: g.props(),
			Rlinks: ptr(g, func() oscalTypes.ResourceLink {
				return oscalTypes.ResourceLink{Href: g.str(), MediaType: g.str(), Hashes: ptr(g, func() oscalTypes.Hash {
					return oscalTypes.Hash{Algorithm: g.str(), Value: g.str()}
				})}
			})}
		got, ok := appendResource([]byte("keep"), &r)
		if want := append([]byte("keep"), jsontest.Std(t, &r)...); !ok || !bytes.Equal(got, want) {
			t.Fatalf("resource %d (ok %v):\n got %s\nwant %s", i, ok, got, want)
		}
	}
	for name, r := range map[string]oscalTypes.Resource{
		"base64":       {Base64: &oscalTypes.Base64{}},
		"citation":     {Citation: &oscalTypes.Citation{}},
		"document ids": {DocumentIds: &[]oscalTypes.DocumentId{}},
	} {
		if _, ok := appendResource(nil, &r); ok {
			t.Errorf("%s: encoded by hand", name)
		}
	}
}

// TestFindingEncodingIsJSON compares the hand-encoded findings with
// encoding/json on random findings with the fields the builder sets, and
// checks that another field makes the encoder give up.
func TestFindingEncodingIsJSON(t *testing.T) {
	g := riskGen{rand.New(rand.NewPCG(22, 23))}
	for i := range 3000 {
		f := oscalTypes.Finding{UUID: g.str(), Title: g.str(), Description: g.str(), Remarks: g.str(),
			ImplementationStatementUuid: g.str(), Props: g.props(), Origins: ptr(g, g.origin),
			Links: ptr(g, func() oscalTypes.Link { return oscalTypes.Link{Href: g.str(), Rel: g.str(), Text: g.str()} }),
			RelatedObservations: ptr(g, func() oscalTypes.RelatedObservation {
				return oscalTypes.RelatedObservation{ObservationUuid: g.str()}
			}),
			RelatedRisks: ptr(g, func() oscalTypes.AssociatedRisk { return oscalTypes.AssociatedRisk{RiskUuid: g.str()} }),
			Target: oscalTypes.FindingTarget{Type: g.str(), TargetId: g.str(), Title: g.str(), Description: g.str(),
				Remarks: g.str(), Props: g.props(),
				Status: oscalTypes.ObjectiveStatus{State: g.str(), Reason: g.str(), Remarks: g.str()}}}
		got, ok := appendFinding([]byte("keep"), &f)
		if want := append([]byte("keep"), jsontest.Std(t, &f)...); !ok || !bytes.Equal(got, want) {
			t.Fatalf("finding %d (ok %v):\n got %s\nwant %s", i, ok, got, want)
		}
	}
	for name, f := range map[string]oscalTypes.Finding{
		"implementation status": {Target: oscalTypes.FindingTarget{ImplementationStatus: &oscalTypes.ImplementationStatus{}}},
		"target links":          {Target: oscalTypes.FindingTarget{Links: &[]oscalTypes.Link{}}},
		"origin related tasks":  {Origins: &[]oscalTypes.Origin{{RelatedTasks: &[]oscalTypes.RelatedTask{}}}},
	} {
		if _, ok := appendFinding(nil, &f); ok {
			t.Errorf("%s: encoded by hand", name)
		}
	}
}

// appendByHand appends v's compact JSON as write writes it; ok is false
// when v sets a field write does not handle.
func appendByHand[T any](dst []byte, v *T, write func(*objectWriter, *T)) (_ []byte, ok bool) {
	w := &objectWriter{b: dst, ok: true}
	write(w, v)
	return w.b, w.ok
}

// appendRisk appends r's compact JSON; ok is false when r sets a field the
// encoder does not handle.
func appendRisk(dst []byte, r *oscalTypes.Risk) (_ []byte, ok bool) {
	return appendByHand(dst, r, (*objectWriter).risk)
}

// appendPoamItem appends the item's compact JSON; ok is false when it sets a
// field the encoder does not handle.
func appendPoamItem(dst []byte, it *oscalTypes.PoamItem) (_ []byte, ok bool) {
	return appendByHand(dst, it, (*objectWriter).poamItem)
}

// appendInventoryItem appends the item's compact JSON (the POA&M lists one item
// per subject its findings concern); ok is false when it sets a field the
// encoder does not handle.
func appendInventoryItem(dst []byte, it *oscalTypes.InventoryItem) (_ []byte, ok bool) {
	return appendByHand(dst, it, (*objectWriter).inventoryItem)
}

// appendResource appends the back-matter resource's compact JSON (a
// document has one per artifact); ok is false when it sets a field the
// encoder does not handle.
func appendResource(dst []byte, r *oscalTypes.Resource) (_ []byte, ok bool) {
	return appendByHand(dst, r, (*objectWriter).resource)
}

// appendFinding appends the finding's compact JSON (a finding lists the
// risks of every control its requirement maps to); ok is false when it
// sets a field the encoder does not handle.
func appendFinding(dst []byte, f *oscalTypes.Finding) (_ []byte, ok bool) {
	return appendByHand(dst, f, (*objectWriter).finding)
}
