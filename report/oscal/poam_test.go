package oscal

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
)

// poamDoc is the part of the POA&M the tests inspect.
type poamDoc struct {
	POAM struct {
		UUID             string `json:"uuid"`
		LocalDefinitions struct {
			InventoryItems []struct {
				UUID string `json:"uuid"`
			} `json:"inventory-items"`
		} `json:"local-definitions"`
		Observations []struct {
			UUID     string `json:"uuid"`
			Subjects []struct {
				UUID  string  `json:"subject-uuid"`
				Props []tprop `json:"props"`
			} `json:"subjects"`
		} `json:"observations"`
		Risks []struct {
			UUID     string  `json:"uuid"`
			Status   string  `json:"status"`
			Deadline string  `json:"deadline"`
			Props    []tprop `json:"props"`
		} `json:"risks"`
		Items []struct {
			Title   string  `json:"title"`
			Props   []tprop `json:"props"`
			Related []struct {
				UUID string `json:"risk-uuid"`
			} `json:"related-risks"`
		} `json:"poam-items"`
	} `json:"plan-of-action-and-milestones"`
}

func decodePOAM(t *testing.T, data []byte) poamDoc {
	t.Helper()
	var d poamDoc
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestMarshalPOAM(t *testing.T) {
	first, err := MarshalPOAM(fixture.Results(), Options{EvidenceBase: "evidence/"})
	if err != nil {
		t.Fatal(err)
	}
	second, err := MarshalPOAM(fixture.Results(), Options{EvidenceBase: "evidence/"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Fatal("two renders of the same results differ")
	}
	golden(t, "poam.json", first)
	validateNIST(t, "oscal_poam_schema.json", first)
}

// TestPOAMContent checks the plan against the results: one open item per
// control that failed, one risk-accepted item per waiver that accepted
// failures, every subject reference resolvable, only failing and waived
// subjects listed.
func TestPOAMContent(t *testing.T) {
	r := fixture.Results()
	data, err := MarshalPOAM(r, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := decodePOAM(t, data).POAM

	wantOpen, wantAccepted := 0, 0
	for _, cr := range r.Controls {
		waivers := map[string]bool{}
		failed := false
		for _, e := range cr.Evaluations {
			switch e.Verdict {
			case assess.VerdictFail:
				failed = true
			case assess.VerdictWaived:
				waivers[e.Waiver] = true
			}
		}
		if failed {
			wantOpen++
		}
		wantAccepted += len(waivers)
	}
	if wantOpen == 0 || wantAccepted == 0 {
		t.Fatal("the fixture needs failures and waivers for this test to mean anything")
	}
	byStatus := map[string]int{}
	risks := map[string]string{}
	for _, rk := range d.Risks {
		risks[rk.UUID] = rk.Status
	}
	for _, it := range d.Items {
		status := propValue(it.Props, "status")
		byStatus[status]++
		if len(it.Related) != 1 {
			t.Fatalf("item %q relates to %d risks, want 1", it.Title, len(it.Related))
		}
		wantRisk := map[string]string{"open": "open", "risk-accepted": "deviation-approved"}[status]
		if got := risks[it.Related[0].UUID]; got != wantRisk {
			t.Errorf("item %q (%s) relates to a risk with status %q, want %q", it.Title, status, got, wantRisk)
		}
		if propValue(it.Props, "control-id") == "" || propValue(it.Props, "requirement") == "" {
			t.Errorf("item %q lacks its control or requirements", it.Title)
		}
	}
	if byStatus["open"] != wantOpen || byStatus["risk-accepted"] != wantAccepted || len(d.Items) != wantOpen+wantAccepted {
		t.Errorf("items by status %v, want %d open and %d risk-accepted", byStatus, wantOpen, wantAccepted)
	}

	items := map[string]bool{}
	for _, it := range d.LocalDefinitions.InventoryItems {
		items[it.UUID] = true
	}
	for _, o := range d.Observations {
		for _, s := range o.Subjects {
			if v := propValue(s.Props, "verdict"); v != "fail" && v != "waived" {
				t.Errorf("observation %s lists a subject with verdict %q", o.UUID, v)
			}
			if !items[s.UUID] {
				t.Errorf("observation %s refers to subject %s, which is no inventory item", o.UUID, s.UUID)
			}
		}
	}
}

func TestPOAMEdgeCases(t *testing.T) {
	tests := []struct {
		name      string
		mutate    func(r *assess.Results)
		wantItems int
		wantErr   string
	}{
		{name: "nothing failed", wantItems: 1, mutate: func(r *assess.Results) {
			for i := range r.Controls {
				for j := range r.Controls[i].Evaluations {
					r.Controls[i].Evaluations[j].Verdict = assess.VerdictPass
				}
			}
		}},
		{name: "no results at all", wantItems: 1, mutate: func(r *assess.Results) {
			*r = assess.Results{Tool: "tollgate", Timestamp: r.Timestamp}
		}},
		{name: "failure without a known subject", wantItems: -1, mutate: func(r *assess.Results) {
			r.Controls[0].Evaluations = append(r.Controls[0].Evaluations,
				assess.Evaluation{ControlID: r.Controls[0].Control.ID, Verdict: assess.VerdictFail, Message: "organisation-wide"})
		}},
		{name: "a year OSCAL cannot express", mutate: func(r *assess.Results) { r.Timestamp = r.Timestamp.AddDate(-3000, 0, 0) }, wantErr: "outside"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := fixture.Results()
			tt.mutate(r)
			data, err := MarshalPOAM(r, Options{})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			validateNIST(t, "oscal_poam_schema.json", data)
			if n := len(decodePOAM(t, data).POAM.Items); tt.wantItems >= 0 && n != tt.wantItems {
				t.Errorf("poam-items = %d, want %d", n, tt.wantItems)
			}
		})
	}
}

// TestPOAMFromRealEngine renders the plan for the example and the corpus.
func TestPOAMFromRealEngine(t *testing.T) {
	for _, in := range realInputs {
		t.Run(in.name, func(t *testing.T) {
			if _, err := os.Stat(in.dir); err != nil {
				if in.optional {
					t.Skipf("%s absent: %v", in.dir, err)
				}
				t.Fatal(err)
			}
			r, _ := realResults(t, in.dir)
			data, err := MarshalPOAM(r, Options{EvidenceBase: "evidence/"})
			if err != nil {
				t.Fatal(err)
			}
			validateNIST(t, "oscal_poam_schema.json", data)
			var fails int
			for _, cr := range r.Controls {
				if cr.Counts.Fail > 0 {
					fails++
				}
			}
			open := 0
			for _, it := range decodePOAM(t, data).POAM.Items {
				if propValue(it.Props, "status") == "open" {
					open++
				}
			}
			if open != fails {
				t.Errorf("%d open items, want one per failing control (%d)", open, fails)
			}
		})
	}
}
