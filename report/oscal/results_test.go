package oscal

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
	"time"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/policy"
	"github.com/tollgate-dev/tollgate/report/engagement"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
	"github.com/tollgate-dev/tollgate/report/internal/view"
	"github.com/tollgate-dev/tollgate/report/oscal/oscaltest"
)

// results renders the fixture's assessment results with testOptions.
func results(t *testing.T, r *assess.Results, opts Options) (*oscalTypes.AssessmentResults, []byte) {
	t.Helper()
	data, err := Marshal(r, opts)
	if err != nil {
		t.Fatal(err)
	}
	ar := decode(t, data).AssessmentResults
	if ar == nil || len(ar.Results) != 1 {
		t.Fatalf("want one result, got %+v", ar)
	}
	return ar, data
}

func TestMarshalAssessmentResults(t *testing.T) {
	first, err := Marshal(fixture.Results(), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	second, err := Marshal(fixture.Results(), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Fatal("two renders of the same results differ")
	}
	golden(t, "assessment-results.json", first)
	validateNIST(t, oscaltest.AssessmentResults, first)
}

// findingOf indexes findings by framework and requirement id as the
// framework writes it.
func findingsByRequirement(ar *oscalTypes.AssessmentResults) map[[2]string]oscalTypes.Finding {
	out := map[[2]string]oscalTypes.Finding{}
	for _, f := range deref(ar.Results[0].Findings) {
		out[[2]string{propOf(f.Props, "framework"), propOf(f.Props, "requirement-id")}] = f
	}
	return out
}

// TestFindingsOnlyForConcludedRequirements: a requirement gets a finding
// only when its MCP scope was assessed (met, not met, deviation approved);
// one with no mapped control, nothing applicable, only an unattested manual
// control, or an evaluation error gets none, so OSCAL never counts it as
// not satisfied. The reviewed controls still list every requirement in the
// MCP scope, in its group, and name those outside it.
func TestFindingsOnlyForConcludedRequirements(t *testing.T) {
	r := fixture.Results()
	ar, _ := results(t, r, testOptions())
	findings := findingsByRequirement(ar)
	if len(findings) != len(deref(ar.Results[0].Findings)) {
		t.Fatal("two findings for one requirement")
	}
	groups := map[[2]string]string{}
	for _, sel := range ar.Results[0].ReviewedControls.ControlSelections {
		for _, c := range deref(sel.IncludeControls) {
			groups[[2]string{propOf(sel.Props, "framework"), c.ControlId}] = propOf(sel.Props, "group")
		}
	}
	var concluded, open int
	for _, fw := range r.Frameworks {
		for _, rr := range fw.Requirements {
			key := [2]string{fw.Framework.ID, rr.Requirement.ID}
			f, has := findings[key]
			switch {
			case rr.Status.Assessed():
				concluded++
				if !has {
					t.Errorf("%v (%s) has no finding", key, rr.Status)
					continue
				}
				wantState := "not-satisfied"
				if rr.Status == assess.StatusSatisfied {
					wantState = "satisfied"
				}
				if f.Target.Status.State != wantState || propOf(f.Props, "status") != string(rr.Status) {
					t.Errorf("%v: state %s, status prop %s; want %s, %s", key, f.Target.Status.State, propOf(f.Props, "status"), wantState, rr.Status)
				}
			default:
				open++
				if has {
					t.Errorf("%v is %s, yet has a finding (state %s): nothing was tested", key, rr.Status, f.Target.Status.State)
				}
			}
			token := Token(fw.Framework.ID, rr.Requirement.ID)
			group, reviewed := groups[[2]string{fw.Framework.ID, token}]
			switch {
			case len(rr.Links) == 0 && reviewed:
				t.Errorf("%v has no mapped control, yet is reviewed", key)
			case len(rr.Links) == 0 && !strings.Contains(ar.Results[0].ReviewedControls.Remarks, rr.Requirement.ID):
				t.Errorf("%v is outside the MCP scope, but the reviewed controls' remarks do not say so", key)
			case len(rr.Links) > 0 && group != groupOf(rr.Status):
				t.Errorf("%v (%s) is reviewed in group %q, want %q", key, rr.Status, group, groupOf(rr.Status))
			}
		}
	}
	if concluded == 0 || open == 0 {
		t.Fatalf("fixture covers %d concluded and %d open requirements; want both", concluded, open)
	}
}

// TestFindingsStateTheirMCPScope: every finding and the result say that a
// requirement was judged for its MCP scope only, never that it is met as a
// whole, and name what was examined.
func TestFindingsStateTheirMCPScope(t *testing.T) {
	ar, _ := results(t, fixture.Results(), testOptions())
	res := ar.Results[0]
	for _, want := range []string{"Scope:", "MCP scope", "repos, workstations"} {
		if !strings.Contains(res.Description, want) {
			t.Errorf("result description lacks %q: %s", want, res.Description)
		}
	}
	for _, f := range deref(res.Findings) {
		status := assess.Status(propOf(f.Props, "status"))
		if !strings.HasSuffix(f.Title, view.RequirementLabel(status)) {
			t.Errorf("finding %q does not end with %q", f.Title, view.RequirementLabel(status))
		}
		if strings.Contains(f.Title, "Satisfied") {
			t.Errorf("finding %q says satisfied without its scope", f.Title)
		}
		for _, want := range []string{"judged for its MCP scope only", "Examined:", "was not assessed"} {
			if !strings.Contains(f.Description, want) {
				t.Errorf("finding %q description lacks %q", f.Title, want)
			}
		}
		if propOf(f.Props, "scope") != "mcp" {
			t.Errorf("finding %q has no scope property", f.Title)
		}
	}
}

// TestWaivedRequirementIsADeviation: a requirement whose failures are all
// waived is not satisfied, and its finding relates the deviation-approved
// risk, whose deadline is the waiver's expiry.
func TestWaivedRequirementIsADeviation(t *testing.T) {
	r := fixture.Results()
	ar, _ := results(t, r, testOptions())
	f, ok := findingsByRequirement(ar)[[2]string{"nist-800-53-rev5", "SC-8"}]
	if !ok {
		t.Fatal("no finding for SC-8, whose failures are all waived")
	}
	if f.Target.Status.State != "not-satisfied" || f.Target.Status.Reason != "fail" || propOf(f.Props, "status") != "waived" {
		t.Errorf("SC-8 state %s/%s status %s, want not-satisfied/fail waived", f.Target.Status.State, f.Target.Status.Reason, propOf(f.Props, "status"))
	}
	risks := map[string]oscalTypes.Risk{}
	for _, rk := range deref(ar.Results[0].Risks) {
		risks[rk.UUID] = rk
	}
	deviation := false
	for _, rel := range deref(f.RelatedRisks) {
		rk := risks[rel.RiskUuid]
		if rk.Status != "deviation-approved" {
			continue
		}
		deviation = true
		w := waiverNamed(r, propOf(rk.Props, "waiver"))
		if w == nil || rk.Deadline == nil || !rk.Deadline.Equal(w.Expires) {
			t.Errorf("deviation risk %s: deadline %v, want the expiry of waiver %s", rk.Title, rk.Deadline, propOf(rk.Props, "waiver"))
		}
		if !strings.Contains(rk.Statement, "Accepted as a deviation under waiver") {
			t.Errorf("deviation risk statement does not name the waiver: %s", rk.Statement)
		}
	}
	if !deviation {
		t.Error("SC-8 relates no deviation-approved risk")
	}
}

// waiverNamed returns the waiver of r with the given ID, or nil.
func waiverNamed(r *assess.Results, id string) *assess.WaiverRecord {
	for i := range r.Waivers {
		if r.Waivers[i].ID == id {
			return &r.Waivers[i]
		}
	}
	return nil
}

// TestTargetsNameStatementsOrObjectives: SP 800-53 findings target the
// control's statement in NIST's catalog (ac-3_smt), or its SP 800-53A
// objective where every mapped control judges exactly that one; other
// frameworks' findings target the requirement's own id and link the
// framework's publication.
func TestTargetsNameStatementsOrObjectives(t *testing.T) {
	r := fixture.Results()
	// MCP-FS-01 judges the whole of AC-3's objective, and is the only
	// control mapped to it.
	for i, rr := range r.Frameworks[2].Requirements {
		if rr.Requirement.ID == "AC-3" {
			r.Frameworks[2].Requirements[i].Links[0].Objectives = []string{"ac-3_obj"}
		}
	}
	ar, _ := results(t, r, testOptions())
	resources := map[string]oscalTypes.Resource{}
	for _, res := range deref(ar.BackMatter.Resources) {
		resources[res.UUID] = res
	}
	for key, f := range findingsByRequirement(ar) {
		switch {
		case key == [2]string{"nist-800-53-rev5", "AC-3"}:
			if f.Target.Type != "objective-id" || f.Target.TargetId != "ac-3_obj" {
				t.Errorf("AC-3 target %s %s, want objective-id ac-3_obj", f.Target.Type, f.Target.TargetId)
			}
		case key[0] == "nist-800-53-rev5":
			if want := Token(key[0], key[1]) + "_smt"; f.Target.Type != "statement-id" || f.Target.TargetId != want {
				t.Errorf("%s target %s %s, want statement-id %s", key[1], f.Target.Type, f.Target.TargetId, want)
			}
		default:
			if f.Target.TargetId != Token(key[0], key[1]) {
				t.Errorf("%v target %s", key, f.Target.TargetId)
			}
			links := deref(f.Links)
			if len(links) == 0 || resources[strings.TrimPrefix(links[0].Href, "#")].Rlinks == nil {
				t.Errorf("%v links no framework resource with a link to the framework's publication", key)
			}
		}
	}
	objectives := ar.Results[0].ReviewedControls.ControlObjectiveSelections
	if objectives == nil || !strings.Contains(deref((*objectives)[0].IncludeObjectives)[0].ObjectiveId, "ac-3_obj") {
		t.Errorf("reviewed objectives = %+v, want ac-3_obj", objectives)
	}
}

// TestOneRiskPerFinding: every failing or waived pair is one risk, once in
// the document, whose UUID derives from its fingerprint (so the POA&M and
// the next assessment give it the same one), carrying its Tollgate finding
// id, its likelihood, impact and risk, its deadline and a planned
// remediation with a milestone and an owner.
func TestOneRiskPerFinding(t *testing.T) {
	r := fixture.Results()
	opts := testOptions()
	ar, _ := results(t, r, opts)
	risks := map[string]oscalTypes.Risk{}
	for _, rk := range deref(ar.Results[0].Risks) {
		if _, dup := risks[rk.UUID]; dup {
			t.Errorf("risk %s appears twice", rk.UUID)
		}
		risks[rk.UUID] = rk
	}
	items := view.New(r).PlanItems(opts.Engagement)
	if len(risks) != len(items) {
		t.Fatalf("risks = %d, findings = %d", len(risks), len(items))
	}
	for _, it := range items {
		rk, ok := risks[riskUUID(it.Fingerprint())]
		if !ok {
			t.Errorf("finding %s has no risk with its UUID", it.ID())
			continue
		}
		if propOf(rk.Props, "finding-id") != it.ID() {
			t.Errorf("risk %s finding-id %q, want %s", rk.Title, propOf(rk.Props, "finding-id"), it.ID())
		}
		facets := map[string]string{}
		for _, c := range deref(rk.Characterizations) {
			for _, f := range c.Facets {
				facets[f.Name] = f.Value
			}
		}
		if facets["likelihood"] == "" || facets["impact"] == "" || facets["risk"] != it.Rating.Risk {
			t.Errorf("risk %s facets %v, want likelihood, impact and risk %s", rk.Title, facets, it.Rating.Risk)
		}
		wantDeadline, hasDeadline := it.Deadline, it.HasDeadline
		if hasDeadline != (rk.Deadline != nil) || (hasDeadline && !rk.Deadline.Equal(wantDeadline)) {
			t.Errorf("risk %s deadline %v, want %v", rk.Title, rk.Deadline, wantDeadline)
		}
		if !it.Waived() {
			days := opts.Engagement.Remediation.Days[it.Control.Severity]
			if days > 0 && !rk.Deadline.Equal(fixture.Timestamp.AddDate(0, 0, days)) {
				t.Errorf("open %s risk %s due %v, want %d days after detection", it.Control.Severity, rk.Title, rk.Deadline, days)
			}
		}
		rem := deref(rk.Remediations)
		if len(rem) != 1 || rem[0].Lifecycle != "planned" || len(deref(rem[0].Tasks)) != 1 {
			t.Errorf("risk %s remediations %+v, want one planned response with a milestone", rk.Title, rem)
			continue
		}
		task := deref(rem[0].Tasks)[0]
		if task.Type != "milestone" || task.ResponsibleRoles == nil {
			t.Errorf("risk %s milestone %+v, want a milestone with an owner", rk.Title, task)
		}
	}
}

// TestUUIDsFollowTheAssessmentTime: the result, its observations and
// findings get new UUIDs for another assessment time and the same ones for
// the same time; risks keep theirs, so a finding can be followed.
func TestUUIDsFollowTheAssessmentTime(t *testing.T) {
	r1 := fixture.Results()
	r2 := fixture.Results()
	r2.Timestamp = r2.Timestamp.AddDate(0, 1, 0)
	a1, _ := results(t, r1, testOptions())
	a2, _ := results(t, r2, testOptions())
	again, _ := results(t, fixture.Results(), testOptions())
	if a1.Results[0].UUID == a2.Results[0].UUID {
		t.Error("the result has the same UUID at two assessment times")
	}
	if a1.Results[0].UUID != again.Results[0].UUID {
		t.Error("the result's UUID changed for the same time and inputs")
	}
	o1, o2 := deref(a1.Results[0].Observations), deref(a2.Results[0].Observations)
	for i := range o1 {
		if o1[i].UUID == o2[i].UUID {
			t.Errorf("observation %s has the same UUID at two times", o1[i].Title)
		}
	}
	f1, f2 := deref(a1.Results[0].Findings), deref(a2.Results[0].Findings)
	for i := range f1 {
		if f1[i].UUID == f2[i].UUID {
			t.Errorf("finding %s has the same UUID at two times", f1[i].Title)
		}
	}
	k1, k2 := deref(a1.Results[0].Risks), deref(a2.Results[0].Risks)
	for i := range k1 {
		if k1[i].UUID != k2[i].UUID {
			t.Errorf("risk %s changed UUID between two times", k1[i].Title)
		}
	}
}

// TestObservationsListEverySubjectWithEvidence: an observation lists every
// subject its control judged, those that passed included, each with its
// verdict (and its finding id when it failed), names its evidence through
// back-matter resources, whose hashes are those of the files stored in the
// bundle, and cites the bundle manifest with the hash of the one written.
func TestObservationsListEverySubjectWithEvidence(t *testing.T) {
	r := fixture.Results()
	opts := testOptions()
	ar, _ := results(t, r, opts)
	resources := map[string]oscalTypes.Resource{}
	for _, res := range deref(ar.BackMatter.Resources) {
		resources[res.UUID] = res
	}
	manifest, ok := resources[manifestResourceID()]
	if !ok || manifest.Rlinks == nil || deref((*manifest.Rlinks)[0].Hashes)[0].Value != opts.ManifestSHA256 {
		t.Errorf("manifest resource %+v does not carry the manifest's hash", manifest)
	}
	for i := range r.Artifacts {
		a := &r.Artifacts[i]
		res := resources[artifactResourceID(a)]
		if res.Rlinks == nil || deref((*res.Rlinks)[0].Hashes)[0].Value != a.RedactedSHA256 || (*res.Rlinks)[0].Href != "evidence/"+a.BundlePath {
			t.Errorf("artifact %s resource %+v, want a link to its stored copy with that copy's hash", a.Path, res.Rlinks)
		}
	}
	byControl := map[string]oscalTypes.Observation{}
	for _, o := range deref(ar.Results[0].Observations) {
		byControl[propOf(o.Props, "control-id")] = o
		ev := deref(o.RelevantEvidence)
		if len(ev) == 0 {
			t.Errorf("observation %s cites no evidence", o.Title)
		}
		for _, e := range ev {
			if e.Href != "" && !strings.HasPrefix(e.Href, "#") {
				t.Errorf("observation %s cites %q directly, not through a back-matter resource", o.Title, e.Href)
			}
			if id, ok := strings.CutPrefix(e.Href, "#"); ok {
				if _, ok := resources[id]; !ok {
					t.Errorf("observation %s cites %s, which is no resource", o.Title, e.Href)
				}
			}
		}
	}
	passes := 0
	for _, cr := range r.Controls {
		o := byControl[cr.Control.ID]
		listed := map[string]string{}
		ids := map[string]string{}
		for _, s := range deref(o.Subjects) {
			listed[s.SubjectUuid] = propOf(s.Props, "verdict")
			ids[s.SubjectUuid] = propOf(s.Props, "finding-id")
		}
		for _, e := range cr.Evaluations {
			if e.SubjectID == "" {
				continue
			}
			u := subjectUUID(e.SubjectID)
			if listed[u] != string(e.Verdict) {
				t.Errorf("%s observation lists %s as %q, want %s", cr.Control.ID, e.SubjectID, listed[u], e.Verdict)
			}
			if e.Verdict == assess.VerdictPass {
				passes++
			}
			if (e.Verdict == assess.VerdictFail || e.Verdict == assess.VerdictWaived) && ids[u] != e.FindingID() {
				t.Errorf("%s observation gives %s finding id %q, want %s", cr.Control.ID, e.SubjectID, ids[u], e.FindingID())
			}
		}
	}
	if passes == 0 {
		t.Fatal("the fixture has no passing pair; the test would prove nothing")
	}
}

// TestMethodsTypesOriginsAndTimes: reading configuration is an examination
// (EXAMINE), an attestation an interview (INTERVIEW) with the attestor as
// an origin; observations say what they are (types), that Tollgate made
// them (a tool origin defined in the plan's assessment assets), and when
// the evidence was collected; the result runs from the earliest collection
// to the assessment time.
func TestMethodsTypesOriginsAndTimes(t *testing.T) {
	r := fixture.Results()
	// Give the manual control a valid attestation.
	for i := range r.Controls {
		if r.Controls[i].Control.Manual {
			r.Controls[i].Evaluations[0].Verdict = assess.VerdictPass
			r.Controls[i].Evaluations[0].Attestation = "ir-plan-2025"
			r.Controls[i].Status = assess.StatusSatisfied
		}
	}
	r.Attestations[0].Status = assess.AttestationValid
	r.Attestations[0].Expires = at(2027, 1, 1)
	ar, _ := results(t, r, testOptions())
	parties := map[string]bool{}
	for _, p := range deref(ar.Metadata.Parties) {
		parties[p.UUID] = true
	}
	for _, o := range deref(ar.Results[0].Observations) {
		manual := propOf(o.Props, "verdict") != ""
		want := "EXAMINE"
		if manual {
			want = "INTERVIEW"
		}
		if strings.Join(o.Methods, ",") != want {
			t.Errorf("%s methods %v, want %s", o.Title, o.Methods, want)
		}
		if o.Types == nil || (*o.Types)[0] != "control-objective" {
			t.Errorf("%s types %v", o.Title, o.Types)
		}
		var tool, party bool
		for _, org := range deref(o.Origins) {
			for _, a := range org.Actors {
				tool = tool || (a.Type == "tool" && a.ActorUuid == toolComponentUUID())
				party = party || (a.Type == "party" && parties[a.ActorUuid])
			}
		}
		if !tool {
			t.Errorf("%s does not name Tollgate as its origin", o.Title)
		}
		if manual && !party {
			t.Errorf("%s (attested) does not name the attestor as an origin", o.Title)
		}
		if o.Collected.IsZero() || o.Collected.After(fixture.Timestamp) {
			t.Errorf("%s collected %v", o.Title, o.Collected)
		}
	}
	res := ar.Results[0]
	if want := fixture.Timestamp.Add(-time.Minute); !res.Start.Equal(want) || res.End == nil || !res.End.Equal(fixture.Timestamp) {
		t.Errorf("result runs %v to %v, want %v to %v", res.Start, res.End, want, fixture.Timestamp)
	}
}

// TestMetadataNamesThePartiesAndTheDocumentVersion: the assessed
// organisation and the assessor are parties in their roles (never the tool),
// and the document's version is its own, apart from the tool's.
func TestMetadataNamesThePartiesAndTheDocumentVersion(t *testing.T) {
	opts := testOptions()
	ar, _ := results(t, fixture.Results(), opts)
	m := ar.Metadata
	byRole := map[string][]string{}
	names := map[string]string{}
	for _, p := range deref(m.Parties) {
		names[p.UUID] = p.Name
		if p.Name == "Tollgate" {
			t.Error("Tollgate is a party; it is a tool")
		}
	}
	for _, rp := range deref(m.ResponsibleParties) {
		for _, u := range rp.PartyUuids {
			byRole[rp.RoleId] = append(byRole[rp.RoleId], names[u])
		}
	}
	if strings.Join(byRole[roleOrganization], ",") != "Example Corp" || strings.Join(byRole[roleAssessor], ",") != "Jane Auditor" {
		t.Errorf("roles %v, want Example Corp prepared-for and Jane Auditor assessor", byRole)
	}
	if m.Version == fixture.Results().Version || m.Version != fixture.Timestamp.Format(time.RFC3339) {
		t.Errorf("version %q, want the assessment time, not the tool version", m.Version)
	}
	if propOf(m.Props, "tool-version") != fixture.Results().Version {
		t.Errorf("tool-version %q", propOf(m.Props, "tool-version"))
	}
	opts.Engagement.DocumentVersion = "2026-Q1 r2"
	ar, _ = results(t, fixture.Results(), opts)
	if ar.Metadata.Version != "2026-Q1 r2" {
		t.Errorf("configured version %q not used", ar.Metadata.Version)
	}
	opts.Engagement.Assessor = engagement.Party{}
	ar, _ = results(t, fixture.Results(), opts)
	if !strings.Contains(ar.Metadata.Remarks, "No assessor is named") {
		t.Errorf("remarks do not say nobody reviewed the results: %q", ar.Metadata.Remarks)
	}
}

// TestResultsImportThePlan: import-ap names a resource linking the plan
// file with the hash of the plan written beside the results.
func TestResultsImportThePlan(t *testing.T) {
	r := fixture.Results()
	plan, err := MarshalPlan(r, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(plan)
	for _, opts := range []Options{testOptions(), withPlanHash(testOptions(), hex.EncodeToString(sum[:]))} {
		ar, _ := results(t, r, opts)
		id, ok := strings.CutPrefix(ar.ImportAp.Href, "#")
		if !ok {
			t.Fatalf("import-ap %q is not a back-matter reference", ar.ImportAp.Href)
		}
		var found bool
		for _, res := range deref(ar.BackMatter.Resources) {
			if res.UUID != id {
				continue
			}
			found = true
			link := deref(res.Rlinks)[0]
			if link.Href != PlanFile || deref(link.Hashes)[0].Value != hex.EncodeToString(sum[:]) {
				t.Errorf("plan resource links %s %v, want %s with the plan's hash", link.Href, link.Hashes, PlanFile)
			}
		}
		if !found {
			t.Error("import-ap names no resource")
		}
	}
}

func withPlanHash(o Options, h string) Options {
	o.PlanSHA256 = h
	return o
}

// TestReferencesResolve: every UUID the results refer to is defined, in the
// results or in the plan they import, and no UUID is defined twice.
func TestReferencesResolve(t *testing.T) {
	r := fixture.Results()
	opts := testOptions()
	_, arData := results(t, r, opts)
	planData, err := MarshalPlan(r, opts)
	if err != nil {
		t.Fatal(err)
	}
	checkReferences(t, arData, planData)
}

func TestMarshalEdgeCases(t *testing.T) {
	noFrameworks := fixture.Results()
	noFrameworks.Frameworks = nil
	empty := fixture.Results()
	empty.Controls, empty.Frameworks, empty.Subjects, empty.Artifacts, empty.Waivers, empty.Attestations = nil, nil, nil, nil, nil, nil
	tests := []struct {
		name    string
		r       *assess.Results
		wantErr string
	}{
		{"no frameworks: the MCP controls are reviewed", noFrameworks, ""},
		{"nothing at all", empty, ""},
		{"no timestamp", func() *assess.Results { r := fixture.Results(); r.Timestamp = time.Time{}; return r }(), "no timestamp"},
		{"nil", nil, "no results"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, write := range []func(*assess.Results, Options) ([]byte, error){Marshal, MarshalPlan, MarshalPOAM} {
				_, err := write(tt.r, testOptions())
				if tt.wantErr == "" && err != nil {
					t.Fatal(err)
				}
				if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
			}
		})
	}
	ar, _ := results(t, noFrameworks, testOptions())
	if n := len(deref(ar.Results[0].Findings)); n == 0 {
		t.Error("without frameworks, the MCP controls get no finding")
	}
}

func TestValidateRejectsInvalid(t *testing.T) {
	if err := Validate([]byte(`{"assessment-results": {"uuid": "not-a-uuid"}}`)); err == nil {
		t.Fatal("an invalid document validated")
	}
}

// TestObservationDescriptionsCountInWords: an observation counts the
// subjects a control did not apply to in singular or plural as the count
// asks ("1 server subject was not applicable").
func TestObservationDescriptionsCountInWords(t *testing.T) {
	for _, tt := range []struct {
		notApplicable int
		want          string
	}{
		{1, "; 1 server subject was not applicable."},
		{3, "; 3 server subjects were not applicable."},
	} {
		r := fixture.Results()
		var control string
		for i := range r.Controls {
			cr := &r.Controls[i]
			if cr.Control.Subject == evidence.KindServer && !cr.Control.Manual && len(cr.Evaluations) > 0 {
				cr.Counts.NotApplicable = tt.notApplicable
				control = cr.Control.ID
				break
			}
		}
		if control == "" {
			t.Fatal("the fixture has no server control with evaluations")
		}
		ar, _ := results(t, r, testOptions())
		found := false
		for _, o := range deref(ar.Results[0].Observations) {
			if propOf(o.Props, "control-id") == control {
				found = true
				if !strings.HasSuffix(o.Description, tt.want) {
					t.Errorf("%s observation: %q, want it to end with %q", control, o.Description, tt.want)
				}
			}
		}
		if !found {
			t.Errorf("no observation of %s", control)
		}
	}
}

// TestScopeCountsConfigurationFiles: the scope statement counts the
// configuration files assessed, as the console does, not the organisation
// policy stored beside them in the bundle.
func TestScopeCountsConfigurationFiles(t *testing.T) {
	r := fixture.Results()
	want := fmt.Sprintf("from %d configuration files.", len(r.Artifacts))
	if len(r.Artifacts) == 1 {
		want = "from 1 configuration file."
	}
	r.Artifacts = append(r.Artifacts, evidence.Artifact{Path: "tollgate-policy/servers.cue", BundlePath: "artifacts/tollgate-policy/servers.cue",
		Format: policy.Format, SHA256: strings.Repeat("a", 64), RedactedSHA256: strings.Repeat("a", 64), Size: 10})
	ar, _ := results(t, r, testOptions())
	if d := ar.Results[0].Description; !strings.Contains(d, want) {
		t.Errorf("scope statement %q, want it to say %q", d, want)
	}
}
