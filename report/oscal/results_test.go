package oscal

import (
	"bytes"
	"encoding/json"
	"flag"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	fixture.Golden(t, name, got, *update)
}

func TestMarshalAssessmentResults(t *testing.T) {
	first, err := Marshal(fixture.Results(), Options{EvidenceBase: "evidence/"})
	if err != nil {
		t.Fatal(err)
	}
	second, err := Marshal(fixture.Results(), Options{EvidenceBase: "evidence/"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Fatal("two renders of the same results differ")
	}
	golden(t, "assessment-results.json", first)
	validateNIST(t, "oscal_assessment-results_schema.json", first)
}

// arDoc is the part of the assessment results the tests inspect.
type arDoc struct {
	AR struct {
		UUID    string `json:"uuid"`
		Results []struct {
			Title    string  `json:"title"`
			Props    []tprop `json:"props"`
			Reviewed struct {
				Selections []struct {
					Include []struct {
						ControlID string `json:"control-id"`
					} `json:"include-controls"`
				} `json:"control-selections"`
			} `json:"reviewed-controls"`
			Findings []struct {
				Target struct {
					TargetID string `json:"target-id"`
					Status   struct {
						State  string `json:"state"`
						Reason string `json:"reason"`
					} `json:"status"`
				} `json:"target"`
				Props   []tprop `json:"props"`
				Related []any   `json:"related-observations"`
				Risks   []struct {
					UUID string `json:"risk-uuid"`
				} `json:"related-risks"`
			} `json:"findings"`
			Observations []struct {
				UUID     string  `json:"uuid"`
				Props    []tprop `json:"props"`
				Subjects []struct {
					Props []tprop `json:"props"`
				} `json:"subjects"`
				Evidence []struct {
					Href  string  `json:"href"`
					Props []tprop `json:"props"`
				} `json:"relevant-evidence"`
			} `json:"observations"`
			Risks []struct {
				UUID     string  `json:"uuid"`
				Status   string  `json:"status"`
				Deadline string  `json:"deadline"`
				Props    []tprop `json:"props"`
			} `json:"risks"`
		} `json:"results"`
	} `json:"assessment-results"`
}

type tprop struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	Class string `json:"class"`
}

func propValue(ps []tprop, name string) string {
	for _, p := range ps {
		if p.Name == name {
			return p.Value
		}
	}
	return ""
}

func decodeAR(t *testing.T, data []byte) arDoc {
	t.Helper()
	var d arDoc
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestAssessmentResultsContent(t *testing.T) {
	r := fixture.Results()
	data, err := Marshal(r, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := decodeAR(t, data)
	if got, want := len(d.AR.Results), len(r.Frameworks); got != want {
		t.Fatalf("results = %d, want one per framework (%d)", got, want)
	}
	for i, res := range d.AR.Results {
		fw := r.Frameworks[i]
		if got := propValue(res.Props, "framework"); got != fw.Framework.ID {
			t.Errorf("result %d framework prop = %q, want %q", i, got, fw.Framework.ID)
		}
		if got := len(res.Reviewed.Selections[0].Include); got != len(fw.Requirements) {
			t.Errorf("%s: reviewed controls = %d, want %d", fw.Framework.ID, got, len(fw.Requirements))
		}
		if len(res.Findings) != len(fw.Requirements) {
			t.Fatalf("%s: findings = %d, want one per requirement (%d)", fw.Framework.ID, len(res.Findings), len(fw.Requirements))
		}
		for j, f := range res.Findings {
			rr := fw.Requirements[j]
			if got := propValue(f.Props, "status"); got != string(rr.Status) {
				t.Errorf("%s %s: status prop = %q, want %q", fw.Framework.ID, rr.Requirement.ID, got, rr.Status)
			}
			wantState, wantReason := "not-satisfied", "other"
			switch rr.Status {
			case assess.StatusSatisfied:
				wantState, wantReason = "satisfied", "pass"
			case assess.StatusNotSatisfied, assess.StatusWaived:
				wantReason = "fail"
			}
			if f.Target.Status.State != wantState || f.Target.Status.Reason != wantReason {
				t.Errorf("%s %s: state/reason = %s/%s, want %s/%s", fw.Framework.ID, rr.Requirement.ID,
					f.Target.Status.State, f.Target.Status.Reason, wantState, wantReason)
			}
			if len(rr.Links) > 0 && len(f.Related) == 0 {
				t.Errorf("%s %s: mapped controls but no related observations", fw.Framework.ID, rr.Requirement.ID)
			}
		}
	}
	// NIST ids are written the way NIST's OSCAL catalogs write them.
	nist := d.AR.Results[2]
	if got := nist.Findings[1].Target.TargetID; got != "ac-6.1" {
		t.Errorf("AC-6(1) target-id = %q, want ac-6.1", got)
	}
	// A GDPR article number is not a token: it gets a prefix.
	if got := d.AR.Results[0].Findings[0].Target.TargetID; got != "_32" {
		t.Errorf("GDPR 32 target-id = %q, want _32", got)
	}

	// Observations carry machine-readable verdicts and evidence with hashes.
	var sawWaived, sawEvidence bool
	for _, o := range nist.Observations {
		if propValue(o.Props, "control-id") == "" || propValue(o.Props, "status") == "" {
			t.Errorf("observation %s lacks control-id/status props", o.UUID)
		}
		for _, s := range o.Subjects {
			if propValue(s.Props, "verdict") == "waived" {
				sawWaived = true
			}
		}
		for _, e := range o.Evidence {
			if strings.HasPrefix(e.Href, "artifacts/") && len(propValue(e.Props, "redacted-sha256")) == 64 {
				sawEvidence = true
			}
		}
	}
	if !sawWaived || !sawEvidence {
		t.Errorf("observations: waived verdict seen = %v, evidence with bundle href and hash seen = %v", sawWaived, sawEvidence)
	}

	// Risks: open for failures, deviation-approved with the waiver's deadline.
	statuses := map[string]int{}
	for _, rk := range nist.Risks {
		statuses[rk.Status]++
		if rk.Status == "deviation-approved" {
			w := waiverNamed(r, propValue(rk.Props, "waiver"))
			if w == nil || !strings.HasPrefix(rk.Deadline, w.Expires.Format("2006-01-02")) || propValue(rk.Props, "waiver-owner") != w.Owner {
				t.Errorf("deviation risk deadline/owner = %q/%q, want the waiver's", rk.Deadline, propValue(rk.Props, "waiver-owner"))
			}
		}
	}
	// NIST links MCP-AUTH-01, MCP-FS-01, MCP-PARSE-01, MCP-SECRETS-01 (all
	// failing), and waived failures of MCP-SECRETS-01 and MCP-SSE-01.
	if statuses["open"] != 4 || statuses["deviation-approved"] != 2 {
		t.Errorf("nist risks by status = %v, want 4 open and 2 deviation-approved", statuses)
	}
}

func TestAssessmentResultsUUIDFollowsContent(t *testing.T) {
	a, err := Marshal(fixture.Results(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := fixture.Results()
	r.Controls[0].Evaluations[0].Message = "changed"
	b, err := Marshal(r, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if decodeAR(t, a).AR.UUID == decodeAR(t, b).AR.UUID {
		t.Error("document UUID did not change with the content")
	}
}

func TestMarshalEdgeCases(t *testing.T) {
	tests := []struct {
		name    string
		mutate  func(r *assess.Results)
		wantErr string
	}{
		{name: "no frameworks falls back to the controls", mutate: func(r *assess.Results) { r.Frameworks = nil }},
		{name: "nothing at all", mutate: func(r *assess.Results) {
			*r = assess.Results{Tool: "tollgate", Timestamp: r.Timestamp}
		}},
		{name: "no timestamp", mutate: func(r *assess.Results) { r.Timestamp = time.Time{} }, wantErr: "no timestamp"},
		{name: "empty reason and title", mutate: func(r *assess.Results) {
			r.Frameworks[0].Requirements[0].Reason = ""
			r.Frameworks[0].Requirements[0].Requirement.Title = ""
		}},
		{name: "evaluation of an unknown subject", mutate: func(r *assess.Results) {
			r.Controls[0].Evaluations[0].SubjectID = "server:gone#x"
		}},
		{name: "artifact without hashes", mutate: func(r *assess.Results) {
			r.Artifacts[0].SHA256, r.Artifacts[0].RedactedSHA256 = "", ""
		}},
		{name: "organisation-wide evaluation without a subject", mutate: func(r *assess.Results) {
			r.Controls[0].Evaluations = append(r.Controls[0].Evaluations,
				assess.Evaluation{ControlID: r.Controls[0].Control.ID, Verdict: assess.VerdictManual, Message: "Awaiting attestation."})
		}},
		{name: "blank subject id and whitespace-only facts", mutate: func(r *assess.Results) {
			r.Controls[0].Evaluations[0].SubjectID = "  "
			r.Subjects[0].Metadata().Name = " \n "
		}},
		{name: "artifact paths that are not URI-safe", mutate: func(r *assess.Results) {
			r.Artifacts[0].BundlePath = "artifacts/my repo/#1 100%.json"
			r.Artifacts[1].BundlePath, r.Artifacts[1].Path = "", "C:/Users/x/mcp config.json"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := fixture.Results()
			tt.mutate(r)
			data, err := Marshal(r, Options{})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			validateNIST(t, "oscal_assessment-results_schema.json", data)
		})
	}
}

func TestValidateRejectsInvalid(t *testing.T) {
	data, err := Marshal(fixture.Results(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	broken := bytes.Replace(data, []byte(`"state": "satisfied"`), []byte(`"state": ""`), 1)
	if bytes.Equal(broken, data) {
		t.Fatal("fixture has no satisfied finding to break")
	}
	if err := Validate(broken); err == nil {
		t.Fatal("Validate accepted a document with an empty state")
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
