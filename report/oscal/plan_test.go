package oscal

import (
	"bytes"
	"strings"
	"testing"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/report/engagement"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
	"github.com/tollgate-dev/tollgate/report/oscal/oscaltest"
)

func plan(t *testing.T, opts Options) *oscalTypes.AssessmentPlan {
	t.Helper()
	data, err := MarshalPlan(fixture.Results(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return decode(t, data).AssessmentPlan
}

func TestMarshalPlan(t *testing.T) {
	first, err := MarshalPlan(fixture.Results(), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	second, err := MarshalPlan(fixture.Results(), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Fatal("two renders of the same plan differ")
	}
	golden(t, "assessment-plan.json", first)
	validateNIST(t, oscaltest.AssessmentPlan, first)
	checkReferences(t, first)
}

// TestPlanDescribesTheAssessment: the plan an auditor reads first states the
// system security plan it rests on, every subject as an inventory item, the
// activities with their SP 800-53A methods, the requirements reviewed, the
// assessment subjects (the whole population), Tollgate as the tool and
// platform, the task with its dates, and the methodology, assumptions and
// exclusions.
func TestPlanDescribesTheAssessment(t *testing.T) {
	r := fixture.Results()
	ap := plan(t, testOptions())
	resources := map[string]oscalTypes.Resource{}
	for _, res := range deref(ap.BackMatter.Resources) {
		resources[res.UUID] = res
	}
	ssp := resources[strings.TrimPrefix(ap.ImportSsp.Href, "#")]
	if !strings.Contains(ssp.Title, "not supplied") || ssp.Rlinks != nil {
		t.Errorf("without an SSP, import-ssp names %+v; want a resource saying none was supplied", ssp)
	}
	items := deref(ap.LocalDefinitions.InventoryItems)
	if len(items) != len(r.Subjects) {
		t.Errorf("inventory items = %d, subjects = %d", len(items), len(r.Subjects))
	}
	for _, s := range r.Subjects {
		found := false
		for _, it := range items {
			found = found || (it.UUID == subjectUUID(s.Metadata().ID) && propOf(it.Props, "asset-id") == s.Metadata().ID)
		}
		if !found {
			t.Errorf("subject %s has no inventory item", s.Metadata().ID)
		}
	}
	methods := map[string]bool{}
	for _, a := range deref(ap.LocalDefinitions.Activities) {
		methods[propOf(a.Props, "method")] = true
		if len(deref(a.Steps)) == 0 {
			t.Errorf("activity %s has no steps", a.Title)
		}
	}
	if !methods["EXAMINE"] {
		t.Errorf("activities' methods %v lack EXAMINE", methods)
	}
	if len(ap.ReviewedControls.ControlSelections) == 0 {
		t.Error("no reviewed controls")
	}
	subjects := deref(ap.AssessmentSubjects)
	if len(subjects) == 0 || subjects[0].IncludeAll == nil || subjects[0].Type != "inventory-item" {
		t.Errorf("assessment subjects %+v, want every inventory item", subjects)
	}
	if ap.AssessmentAssets == nil || len(ap.AssessmentAssets.AssessmentPlatforms) != 1 || deref(ap.AssessmentAssets.Components)[0].UUID != toolComponentUUID() {
		t.Errorf("assessment assets %+v, want Tollgate as tool and platform", ap.AssessmentAssets)
	}
	tasks := deref(ap.Tasks)
	if len(tasks) != 1 || tasks[0].Timing == nil || tasks[0].Timing.WithinDateRange == nil || len(deref(tasks[0].AssociatedActivities)) == 0 {
		t.Errorf("tasks %+v, want one dated task running the activities", tasks)
	}
	var parts []string
	for _, p := range deref(ap.TermsAndConditions.Parts) {
		parts = append(parts, p.Name)
	}
	if got := strings.Join(parts, ","); got != "methodology,assumptions,assessment-exclusions,results-delivery" {
		t.Errorf("terms = %s", got)
	}
}

// TestPlanImportsTheGivenSSP: an SSP given as a path is linked with its
// hash; the POA&M imports the same one.
func TestPlanImportsTheGivenSSP(t *testing.T) {
	opts := testOptions()
	opts.Engagement.SSP = engagement.Document{Href: "../ssp/example-ssp.json", SHA256: fixture.Hash("ssp")}
	ap := plan(t, opts)
	poamData, err := MarshalPOAM(fixture.Results(), opts)
	if err != nil {
		t.Fatal(err)
	}
	poam := decode(t, poamData).PlanOfActionAndMilestones
	for name, doc := range map[string]struct {
		href      string
		resources *[]oscalTypes.Resource
	}{"plan": {ap.ImportSsp.Href, ap.BackMatter.Resources}, "POA&M": {poam.ImportSsp.Href, poam.BackMatter.Resources}} {
		var link oscalTypes.ResourceLink
		for _, res := range deref(doc.resources) {
			if "#"+res.UUID == doc.href && res.Rlinks != nil {
				link = (*res.Rlinks)[0]
			}
		}
		if link.Href != "../ssp/example-ssp.json" || link.Hashes == nil || (*link.Hashes)[0].Value != fixture.Hash("ssp") {
			t.Errorf("%s imports %+v, want the SSP with its hash", name, link)
		}
	}
}
