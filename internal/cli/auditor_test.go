package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
			if r["Status"] != "Not met, deviation approved" {
				t.Errorf("workbook: %s status %q, want %q", waivedRequirement, r["Status"], "Not met, deviation approved")
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

// TestReportsWordFailuresForPeople: no report an auditor or a code-scanning
// UI reads carries CUE's own error text ("conflicting values", "out of
// bound"); reasons say what the subject holds and what the check requires.
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
	data, err := os.ReadFile(filepath.Join(out, fileSARIF))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `is \"http\"; the check requires \"https\"`) {
		t.Errorf("%s does not word the plain-HTTP failure as found and required values", fileSARIF)
	}
}
