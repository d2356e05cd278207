package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"
	"github.com/xuri/excelize/v2"
)

// The example organisation waives the only failure of MCP-TRANSPORT-02
// (storybook, ACME-W-001); ISO/IEC 27001:2022 A.8.26 maps only controls that
// pass or are waived. These tests read what assess writes for it.
const (
	waivedFramework   = "iso-27001-2022"
	waivedRequirement = "A.8.26"
)

// TestWaivedFailuresAreNotCompliance: a requirement whose only failures are
// waived is not satisfied: results.json calls it waived, the workbook says
// "Not met, deviation approved", summary.md counts it apart, and OSCAL
// states it not-satisfied with a deviation-approved risk.
func TestWaivedFailuresAreNotCompliance(t *testing.T) {
	out, sum := assessInto(t, exampleDir)
	var js struct {
		Frameworks []struct {
			ID           string `json:"id"`
			Requirements []struct {
				ID, Status string
			} `json:"requirements"`
		} `json:"frameworks"`
	}
	readJSON(t, filepath.Join(out, fileJSON), &js)
	status := ""
	for _, fw := range js.Frameworks {
		for _, r := range fw.Requirements {
			if fw.ID == waivedFramework && r.ID == waivedRequirement {
				status = r.Status
			}
		}
	}
	if status != "waived" {
		t.Errorf("results.json: %s %s status = %q, want waived", waivedFramework, waivedRequirement, status)
	}
	for _, f := range sum.Frameworks {
		if f.ID == waivedFramework && f.Waived == 0 {
			t.Errorf("console summary: %s counts no waived requirement", f.ID)
		}
	}

	book, err := excelize.OpenFile(filepath.Join(out, fileWorkbook))
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	found := false
	for _, r := range sheetRecords(t, book, waivedFramework) {
		if r["Requirement"] == waivedRequirement {
			found = true
			if r["Status (MCP scope)"] != "Not met, deviation approved" {
				t.Errorf("workbook: %s status %q, want %q", waivedRequirement, r["Status (MCP scope)"], "Not met, deviation approved")
			}
		}
	}
	if !found {
		t.Errorf("workbook sheet %s has no row %s", waivedFramework, waivedRequirement)
	}

	data, err := os.ReadFile(filepath.Join(out, fileOSCAL))
	if err != nil {
		t.Fatal(err)
	}
	var ar struct {
		AR struct {
			Results []struct {
				Findings []struct {
					Props  []oscalTestProp `json:"props"`
					Target struct {
						Status struct{ State string } `json:"status"`
					} `json:"target"`
					Risks []struct {
						UUID string `json:"risk-uuid"`
					} `json:"related-risks"`
				} `json:"findings"`
				Risks []struct {
					UUID, Status string
				} `json:"risks"`
			} `json:"results"`
		} `json:"assessment-results"`
	}
	if err := json.Unmarshal(data, &ar); err != nil {
		t.Fatal(err)
	}
	riskStatus := map[string]string{}
	for _, res := range ar.AR.Results {
		for _, rk := range res.Risks {
			riskStatus[rk.UUID] = rk.Status
		}
	}
	seen := false
	for _, res := range ar.AR.Results {
		for _, f := range res.Findings {
			if oscalProp(f.Props, "requirement-id") != waivedRequirement {
				continue
			}
			seen = true
			if f.Target.Status.State != "not-satisfied" {
				t.Errorf("OSCAL: %s is %s, want not-satisfied", waivedRequirement, f.Target.Status.State)
			}
			deviation := false
			for _, rk := range f.Risks {
				deviation = deviation || riskStatus[rk.UUID] == "deviation-approved"
			}
			if !deviation {
				t.Errorf("OSCAL: %s relates no deviation-approved risk", waivedRequirement)
			}
		}
	}
	if !seen {
		t.Errorf("OSCAL has no finding for %s", waivedRequirement)
	}
	md, err := os.ReadFile(filepath.Join(out, fileMarkdown))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(md), "Waived (deviation approved)") {
		t.Error("summary.md does not count waived requirements apart")
	}
}

// readJSON decodes a JSON file into v.
func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// goSlice matches a list printed in Go's syntax: "[delete_contact
// export_contacts]" after a space, a colon or a parenthesis.
var goSlice = regexp.MustCompile(`(^|[ :(])\[[^\]\s]+ [^\]]*\]`)

// TestReportsWordFailuresForPeople: no report an auditor or a code-scanning
// UI reads carries CUE's own error text ("conflicting values", "out of
// bound") or syntax (=~, _); reasons say what the subject holds and what
// the check requires, and messages list entries as words, without a
// dangling separator.
func TestReportsWordFailuresForPeople(t *testing.T) {
	out, _ := assessInto(t, exampleDir)
	for _, name := range []string{fileOSCAL, filePOAM, fileSARIF, fileJUnit, fileJSON, fileMarkdown} {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		for _, raw := range []string{"conflicting values", "out of bound", "mismatched types"} {
			if strings.Contains(string(data), raw) {
				t.Errorf("%s contains CUE's error text %q", name, raw)
			}
		}
	}
	var js struct {
		Findings []struct {
			Control, Message string
			Reasons          []struct{ Path, Detail string }
		} `json:"findings"`
	}
	readJSON(t, filepath.Join(out, fileJSON), &js)
	for _, f := range js.Findings {
		m := strings.TrimSpace(f.Message)
		if strings.HasSuffix(m, ";") || strings.HasSuffix(m, ":") || strings.Contains(m, "; )") || goSlice.MatchString(m) {
			t.Errorf("%s: message %q ends with a separator or prints a list in Go's syntax", f.Control, m)
		}
		for _, r := range f.Reasons {
			for _, raw := range []string{"requires _", "=~", "!~", "%!"} {
				if strings.Contains(r.Detail, raw) {
					t.Errorf("%s: reason %s %q carries CUE's syntax %q", f.Control, r.Path, r.Detail, raw)
				}
			}
		}
	}
	data, err := os.ReadFile(filepath.Join(out, fileSARIF))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `is \"http\"; the check requires \"https\"`) {
		t.Errorf("%s does not word the plain-HTTP failure as found and required values", fileSARIF)
	}
}

// arDocument is the part of the OSCAL documents these tests read, in
// go-oscal's model.
func oscalModels(t *testing.T, path string) oscalTypes.OscalModels {
	t.Helper()
	var m oscalTypes.OscalModels
	readJSON(t, path, &m)
	return m
}

// resourceLink returns the first link of the back-matter resource a
// "#uuid" reference names.
func resourceLink(t *testing.T, resources *[]oscalTypes.Resource, ref string) oscalTypes.ResourceLink {
	t.Helper()
	id, ok := strings.CutPrefix(ref, "#")
	if !ok {
		t.Fatalf("%q is not a back-matter reference", ref)
	}
	if resources != nil {
		for _, r := range *resources {
			if r.UUID == id && r.Rlinks != nil && len(*r.Rlinks) > 0 {
				return (*r.Rlinks)[0]
			}
		}
	}
	return oscalTypes.ResourceLink{}
}

// fileHash is the hex SHA-256 of a file.
func fileHash(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// TestAssessmentPlanIsWrittenAndImported: every run that writes the OSCAL
// results writes the assessment plan they import, with its hash; the plan
// and the POA&M import the system security plan given (--ssp), hashed and
// named relative to them, or say none was given; the POA&M names the
// system by the id tollgate.yaml gives.
func TestAssessmentPlanIsWrittenAndImported(t *testing.T) {
	out, _ := assessInto(t, exampleDir, "--format", "oscal")
	ar := oscalModels(t, filepath.Join(out, fileOSCAL)).AssessmentResults
	link := resourceLink(t, ar.BackMatter.Resources, ar.ImportAp.Href)
	if link.Href != fileAP || link.Hashes == nil || (*link.Hashes)[0].Value != fileHash(t, filepath.Join(out, fileAP)) {
		t.Errorf("import-ap names %+v, want %s with its hash", link, fileAP)
	}
	ap := oscalModels(t, filepath.Join(out, fileAP)).AssessmentPlan
	if got := resourceLink(t, ap.BackMatter.Resources, ap.ImportSsp.Href); got.Href != "" {
		t.Errorf("without --ssp, the plan imports %q", got.Href)
	}

	ssp := filepath.Join(t.TempDir(), "ssp.json")
	if err := os.WriteFile(ssp, []byte(`{"system-security-plan": {}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ = assessInto(t, exampleDir, "--ssp", ssp)
	for _, name := range []string{fileAP, filePOAM} {
		m := oscalModels(t, filepath.Join(out, name))
		href, resources := "", (*[]oscalTypes.Resource)(nil)
		if m.AssessmentPlan != nil {
			href, resources = m.AssessmentPlan.ImportSsp.Href, m.AssessmentPlan.BackMatter.Resources
		} else {
			href, resources = m.PlanOfActionAndMilestones.ImportSsp.Href, m.PlanOfActionAndMilestones.BackMatter.Resources
			if sid := m.PlanOfActionAndMilestones.SystemId; sid == nil || sid.ID != "ACME-MCP-001" {
				t.Errorf("%s system-id %+v, want ACME-MCP-001 from tollgate.yaml", name, sid)
			}
		}
		l := resourceLink(t, resources, href)
		if l.Hashes == nil || (*l.Hashes)[0].Value != fileHash(t, ssp) || fileHash(t, filepath.Join(out, filepath.FromSlash(l.Href))) != fileHash(t, ssp) {
			t.Errorf("%s imports %+v, want the SSP, relative to it, with its hash", name, l)
		}
	}
}

// TestAttestationIsAnInterviewWithBundledEvidence: the attested manual
// control is observed by interview, names its attestor as an origin, and
// cites the attestation's evidence, copied into the bundle with the hash
// of the copy.
func TestAttestationIsAnInterviewWithBundledEvidence(t *testing.T) {
	out, _ := assessInto(t, exampleDir)
	ar := oscalModels(t, filepath.Join(out, fileOSCAL)).AssessmentResults
	parties := map[string]string{}
	for _, p := range *ar.Metadata.Parties {
		parties[p.UUID] = p.Name
	}
	found := false
	for _, o := range *ar.Results[0].Observations {
		if !strings.HasPrefix(o.Title, "MCP-GOV-02") {
			continue
		}
		found = true
		if strings.Join(o.Methods, ",") != "INTERVIEW" {
			t.Errorf("attested observation methods %v, want INTERVIEW", o.Methods)
		}
		attestor := false
		for _, org := range *o.Origins {
			for _, a := range org.Actors {
				attestor = attestor || (a.Type == "party" && parties[a.ActorUuid] == "security@acme.example")
			}
		}
		if !attestor {
			t.Error("the attestor is not among the observation's origins")
		}
		ev := *o.RelevantEvidence
		link := resourceLink(t, ar.BackMatter.Resources, ev[0].Href)
		if !strings.HasPrefix(link.Href, "evidence/attestations/ACME-A-001/") || link.Hashes == nil {
			t.Fatalf("attestation evidence %+v is not in the bundle", link)
		}
		copied := filepath.Join(out, filepath.FromSlash(link.Href))
		if got := fileHash(t, copied); got != (*link.Hashes)[0].Value || got != fileHash(t, filepath.Join(exampleDir, "policy", "mcp-incident-playbook.md")) {
			t.Errorf("the bundled copy's hash %s differs from the one stated or from the original", got)
		}
	}
	if !found {
		t.Fatal("no observation of MCP-GOV-02")
	}
}

// TestEveryOutputCarriesTheSameFindingIDs: SARIF, the workbook, results.json,
// the OSCAL results' risks and the POA&M items name the same findings by
// the same TG ids, and the POA&M's risks are the results' risks (same
// UUIDs).
func TestEveryOutputCarriesTheSameFindingIDs(t *testing.T) {
	out, _ := assessInto(t, exampleDir)
	ids := map[string]map[string]bool{}
	add := func(format, id string) {
		if ids[format] == nil {
			ids[format] = map[string]bool{}
		}
		ids[format][id] = true
	}
	var js struct {
		Findings []struct{ ID string } `json:"findings"`
	}
	readJSON(t, filepath.Join(out, fileJSON), &js)
	for _, f := range js.Findings {
		add(fileJSON, f.ID)
	}
	var sarif struct {
		Runs []struct {
			Results []struct {
				Properties struct {
					FindingID string `json:"findingId"`
				} `json:"properties"`
			} `json:"results"`
		} `json:"runs"`
	}
	readJSON(t, filepath.Join(out, fileSARIF), &sarif)
	for _, r := range sarif.Runs[0].Results {
		add(fileSARIF, r.Properties.FindingID)
	}
	book, err := excelize.OpenFile(filepath.Join(out, fileWorkbook))
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	for _, r := range sheetRecords(t, book, "Findings") {
		add(fileWorkbook, r["Finding ID"])
	}
	ar := oscalModels(t, filepath.Join(out, fileOSCAL)).AssessmentResults
	arRisks := map[string]bool{}
	for _, rk := range *ar.Results[0].Risks {
		arRisks[rk.UUID] = true
		for _, p := range *rk.Props {
			if p.Name == "finding-id" {
				add(fileOSCAL, p.Value)
			}
		}
	}
	poam := oscalModels(t, filepath.Join(out, filePOAM)).PlanOfActionAndMilestones
	for _, it := range poam.PoamItems {
		for _, p := range *it.Props {
			if p.Name == "finding-id" {
				add(filePOAM, p.Value)
			}
		}
		for _, rk := range *it.RelatedRisks {
			if !arRisks[rk.RiskUuid] {
				t.Errorf("POA&M item %s relates risk %s, which the assessment results do not have", it.Title, rk.RiskUuid)
			}
		}
	}
	want := fmt.Sprint(slices.Sorted(maps.Keys(ids[fileJSON])))
	if len(ids[fileJSON]) == 0 {
		t.Fatal("no findings")
	}
	for format, set := range ids {
		if got := fmt.Sprint(slices.Sorted(maps.Keys(set))); got != want {
			t.Errorf("%s finding ids %s, results.json %s", format, got, want)
		}
	}
}

// TestEvidenceHashesMatchTheStoredFiles: every file an OSCAL document links
// with a hash (artifacts, the bundle manifest, attestation evidence, the
// plan) resolves, relative to the document, to a file with that hash, and
// the workbook's stored-copy hashes are those of the bundle's files.
func TestEvidenceHashesMatchTheStoredFiles(t *testing.T) {
	out, _ := assessInto(t, exampleDir)
	checked := 0
	for _, name := range []string{fileAP, fileOSCAL, filePOAM} {
		m := oscalModels(t, filepath.Join(out, name))
		var resources *[]oscalTypes.Resource
		switch {
		case m.AssessmentPlan != nil:
			resources = m.AssessmentPlan.BackMatter.Resources
		case m.AssessmentResults != nil:
			resources = m.AssessmentResults.BackMatter.Resources
		default:
			resources = m.PlanOfActionAndMilestones.BackMatter.Resources
		}
		for _, r := range *resources {
			if r.Rlinks == nil {
				continue
			}
			for _, l := range *r.Rlinks {
				if l.Hashes == nil || strings.HasPrefix(l.Href, "http") {
					continue
				}
				checked++
				if got := fileHash(t, filepath.Join(out, filepath.FromSlash(l.Href))); got != (*l.Hashes)[0].Value {
					t.Errorf("%s: %s has SHA-256 %s, the document says %s", name, l.Href, got, (*l.Hashes)[0].Value)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no hashed link checked")
	}
	book, err := excelize.OpenFile(filepath.Join(out, fileWorkbook))
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	for _, r := range sheetRecords(t, book, "Evidence") {
		path := r["Artifact (stored under evidence/artifacts/)"]
		if got := fileHash(t, filepath.Join(out, "evidence", "artifacts", filepath.FromSlash(path))); got != r["SHA-256 of the stored copy (redacted)"] {
			t.Errorf("workbook: %s stored copy hash %s, the file's is %s", path, r["SHA-256 of the stored copy (redacted)"], got)
		}
	}
}

// TestRequirementIDsAreSpelledOnce: a requirement id reads as its framework
// writes it (Art. 32, MCP01:2025) everywhere a person reads it; the OSCAL
// token form (Art.32, MCP01-2025) appears only where OSCAL requires a token
// (target-id, control-id), and the findings state the id's own spelling
// beside it.
func TestRequirementIDsAreSpelledOnce(t *testing.T) {
	out, _ := assessInto(t, exampleDir)
	tokens := map[string]string{"Art.32": "Art. 32", "MCP01-2025": "MCP01:2025", "Art.25": "Art. 25"}
	for _, name := range []string{fileAP, fileOSCAL, filePOAM} {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		var doc any
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		canonical := map[string]bool{}
		var walk func(key string, v any)
		walk = func(key string, v any) {
			switch x := v.(type) {
			case map[string]any:
				if x["name"] == "requirement-id" {
					if s, ok := x["value"].(string); ok {
						canonical[s] = true
					}
				}
				for k, e := range x {
					walk(k, e)
				}
			case []any:
				for _, e := range x {
					walk(key, e)
				}
			case string:
				if _, isToken := tokens[x]; isToken && key != "target-id" && key != "control-id" {
					t.Errorf("%s: %q (the OSCAL token) appears under %q, where people read it", name, x, key)
				}
			}
		}
		walk("", doc)
		if name != fileAP {
			for _, want := range []string{"Art. 32", "MCP01:2025"} {
				if !canonical[want] {
					t.Errorf("%s states no requirement-id %q", name, want)
				}
			}
		}
	}
	for _, name := range []string{fileSARIF, fileJSON, fileMarkdown} {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		for tok := range tokens {
			if strings.Contains(string(data), tok) {
				t.Errorf("%s spells a requirement %q", name, tok)
			}
		}
	}
}

// TestSARIFPathsAreRepositoryRelative: assessing a folder inside the
// repository from its root gives SARIF paths code scanning finds in the
// repository; --sarif-root overrides the prefix.
func TestSARIFPathsAreRepositoryRelative(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	uris := func(extra ...string) []string {
		out, _ := assessInto(t, filepath.Join("examples", "acme"), extra...)
		var doc struct {
			Runs []struct {
				Artifacts []struct {
					Location struct{ URI string } `json:"location"`
				} `json:"artifacts"`
			} `json:"runs"`
		}
		readJSON(t, filepath.Join(out, fileSARIF), &doc)
		var out2 []string
		for _, a := range doc.Runs[0].Artifacts {
			out2 = append(out2, a.Location.URI)
		}
		return out2
	}
	for _, u := range uris() {
		if !strings.HasPrefix(u, "examples/acme/") {
			t.Errorf("SARIF artifact %q is not relative to the repository", u)
		} else if _, err := os.Stat(filepath.FromSlash(u)); err != nil {
			t.Errorf("SARIF artifact %q does not exist in the repository", u)
		}
	}
	for _, u := range uris("--sarif-root", ".") {
		if strings.HasPrefix(u, "examples/") {
			t.Errorf("with --sarif-root ., artifact %q is prefixed", u)
		}
	}
}

// TestMetadataNamesTheConfiguredParties: tollgate.yaml names the assessed
// organisation and the assessor, who appear as parties in their roles; the
// documents' version is their own, not the tool's.
func TestMetadataNamesTheConfiguredParties(t *testing.T) {
	out, _ := assessInto(t, exampleDir)
	ar := oscalModels(t, filepath.Join(out, fileOSCAL)).AssessmentResults
	names := map[string]string{}
	for _, p := range *ar.Metadata.Parties {
		names[p.UUID] = p.Name
	}
	roles := map[string][]string{}
	for _, rp := range *ar.Metadata.ResponsibleParties {
		for _, u := range rp.PartyUuids {
			roles[rp.RoleId] = append(roles[rp.RoleId], names[u])
		}
	}
	if !slices.Contains(roles["prepared-for"], "Acme Corp") || !slices.Contains(roles["assessor"], "Acme Security Engineering") {
		t.Errorf("roles %v, want Acme Corp prepared-for and Acme Security Engineering assessor", roles)
	}
	if ar.Metadata.Version == "test" {
		t.Error("the document version is the tool's")
	}
	for _, f := range *ar.Results[0].Findings {
		for _, p := range *f.Props {
			if p.Name == "requirement-id" && (p.Value == "IA-3" || p.Value == "Art. 6") {
				t.Errorf("%s, which no control maps to, has a finding", p.Value)
			}
		}
	}
}
