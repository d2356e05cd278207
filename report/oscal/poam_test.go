package oscal

import (
	"bytes"
	"strings"
	"testing"
	"time"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
	"github.com/tollgate-dev/tollgate/report/internal/view"
	"github.com/tollgate-dev/tollgate/report/oscal/oscaltest"
)

func poam(t *testing.T, r *assess.Results, opts Options) (*oscalTypes.PlanOfActionAndMilestones, []byte) {
	t.Helper()
	data, err := MarshalPOAM(r, opts)
	if err != nil {
		t.Fatal(err)
	}
	return decode(t, data).PlanOfActionAndMilestones, data
}

func TestMarshalPOAM(t *testing.T) {
	first, err := MarshalPOAM(fixture.Results(), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	second, err := MarshalPOAM(fixture.Results(), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Fatal("two renders differ")
	}
	golden(t, "poam.json", first)
	validateNIST(t, oscaltest.POAM, first)
	checkReferences(t, first)
}

// TestPOAMItemsAreTheFindings: one item per finding (open, or risk accepted
// under a waiver), in the order of the findings; each item and its risk
// carry the UUIDs the assessment results give the risk and the
// observation, the Tollgate finding id, the requirements in their own
// spelling, an origin, and its owner and deadline; the POA&M names the
// system by its configured id and imports the system security plan.
func TestPOAMItemsAreTheFindings(t *testing.T) {
	r := fixture.Results()
	opts := testOptions()
	p, _ := poam(t, r, opts)
	ar, _ := results(t, r, opts)
	arRisks := map[string]bool{}
	for _, rk := range deref(ar.Results[0].Risks) {
		arRisks[rk.UUID] = true
	}
	arObservations := map[string]bool{}
	for _, o := range deref(ar.Results[0].Observations) {
		arObservations[o.UUID] = true
	}
	items := view.New(r).PlanItems(opts.Engagement)
	if len(p.PoamItems) != len(items) {
		t.Fatalf("POA&M items = %d, findings = %d", len(p.PoamItems), len(items))
	}
	for i, it := range items {
		pi := p.PoamItems[i]
		if pi.UUID != poamItemUUID(it.Fingerprint()) || propOf(pi.Props, "finding-id") != it.ID() {
			t.Errorf("item %d is %s (%s), want finding %s", i, pi.Title, propOf(pi.Props, "finding-id"), it.ID())
		}
		if propOf(pi.Props, "status") != it.Status {
			t.Errorf("item %s status %s, want %s", it.ID(), propOf(pi.Props, "status"), it.Status)
		}
		risks := deref(pi.RelatedRisks)
		if len(risks) != 1 || !arRisks[risks[0].RiskUuid] {
			t.Errorf("item %s relates risks %v, which the assessment results do not define", it.ID(), risks)
		}
		obs := deref(pi.RelatedObservations)
		if len(obs) != 1 || !arObservations[obs[0].ObservationUuid] {
			t.Errorf("item %s relates observations %v, which the assessment results do not define", it.ID(), obs)
		}
		if pi.Origins == nil || (*pi.Origins)[0].Actors[0].Type != "tool" {
			t.Errorf("item %s has no origin", it.ID())
		}
		for _, rid := range propsNamed(pi.Props, "requirement-id") {
			if rid.Class == "" || strings.Contains(rid.Value, ":") && rid.Class != "owasp-mcp-top10" {
				t.Errorf("item %s requirement %+v", it.ID(), rid)
			}
		}
		if it.HasDeadline && !strings.Contains(pi.Remarks, it.Deadline.Format("2006-01-02")) {
			t.Errorf("item %s remarks %q do not give its deadline", it.ID(), pi.Remarks)
		}
	}
	if p.SystemId == nil || p.SystemId.ID != "EX-MCP-1" {
		t.Errorf("system-id %+v, want the configured EX-MCP-1", p.SystemId)
	}
	if p.ImportSsp == nil || !strings.HasPrefix(p.ImportSsp.Href, "#") {
		t.Errorf("import-ssp %+v", p.ImportSsp)
	}
	if p.LocalDefinitions == nil || p.LocalDefinitions.AssessmentAssets == nil {
		t.Error("the POA&M does not define the tool its origins name")
	}
}

// TestPOAMSystemIDWithoutConfiguration: with no system id configured, the
// system is identified by a UUID derived from the organisation and scope,
// never by a generic placeholder.
func TestPOAMSystemIDWithoutConfiguration(t *testing.T) {
	opts := testOptions()
	opts.Engagement.System.ID = ""
	p, _ := poam(t, fixture.Results(), opts)
	if p.SystemId == nil || p.SystemId.IdentifierType != "https://ietf.org/rfc/rfc4122" || p.SystemId.ID == "mcp-deployment" {
		t.Errorf("system-id %+v", p.SystemId)
	}
	opts.Engagement.Scope = []string{"elsewhere"}
	other, _ := poam(t, fixture.Results(), opts)
	if other.SystemId.ID == p.SystemId.ID {
		t.Error("two scopes got the same system id")
	}
}

func TestPOAMWithNothingOpen(t *testing.T) {
	r := fixture.Results()
	for i := range r.Controls {
		for j := range r.Controls[i].Evaluations {
			if v := r.Controls[i].Evaluations[j].Verdict; v == assess.VerdictFail || v == assess.VerdictWaived {
				r.Controls[i].Evaluations[j].Verdict = assess.VerdictPass
			}
		}
	}
	p, data := poam(t, r, testOptions())
	if len(p.PoamItems) != 1 || propOf(p.PoamItems[0].Props, "open-items") != "0" {
		t.Errorf("items %+v, want the single no-open-item entry", p.PoamItems)
	}
	validateNIST(t, oscaltest.POAM, data)
}

// TestPOAMDatesFindingsFromHistory: a finding the history store first saw
// at an earlier run is detected then, and its deadline counts from then;
// findings the store does not know are detected now.
func TestPOAMDatesFindingsFromHistory(t *testing.T) {
	r := fixture.Results()
	items := view.New(r).PlanItems(testOptions().Engagement)
	var open *view.PlanItem
	for i := range items {
		if !items[i].Waived() && items[i].HasDeadline {
			open = &items[i]
			break
		}
	}
	if open == nil {
		t.Fatal("the fixture has no open finding with a deadline")
	}
	first := r.Timestamp.AddDate(0, 0, -20).UTC()
	r.History = &assess.History{FirstSeen: map[string]time.Time{open.Fingerprint(): first}}
	p, _ := poam(t, r, testOptions())
	for _, pi := range p.PoamItems {
		detected := propOf(pi.Props, "detected")
		if propOf(pi.Props, "finding-id") == open.ID() {
			if detected != first.Format("2006-01-02") {
				t.Errorf("item %s detected %s, want %s from the history", open.ID(), detected, first.Format("2006-01-02"))
			}
			due := first.Add(open.Deadline.Sub(open.Detected)).Format("2006-01-02")
			if !strings.Contains(pi.Remarks, due) {
				t.Errorf("item %s remarks %q, want the deadline %s counted from first detection", open.ID(), pi.Remarks, due)
			}
		} else if detected != r.Timestamp.UTC().Format("2006-01-02") {
			t.Errorf("item %s detected %s, want this assessment's date", propOf(pi.Props, "finding-id"), detected)
		}
	}
}
