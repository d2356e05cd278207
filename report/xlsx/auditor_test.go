package xlsx

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/report/engagement"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
	"github.com/tollgate-dev/tollgate/report/internal/view"
	"github.com/tollgate-dev/tollgate/templates/workbook"
)

// testEngagement is what a configured run tells the workbook.
func testEngagement() engagement.Engagement {
	return engagement.Engagement{
		Organization: engagement.Party{Name: "Example Corp"},
		Assessor:     engagement.Party{Name: "Jane Auditor", Type: "person"},
		System:       engagement.System{ID: "EX-MCP-1", Name: "Example MCP estate"},
		Scope:        []string{"repos"},
		Gate:         &engagement.Gate{Passed: false, Reasons: []string{"2 unwaived failures at or above severity high"}, FailOn: "high"},
		Remediation:  engagement.Policy{Days: map[string]int{"critical": 15, "high": 30, "medium": 90, "low": 180, "info": 365}, PointOfContact: engagement.Party{Name: "Platform Security"}},
	}
}

// coverItems are the items the cover states, in order.
func coverItems(t *testing.T) []string {
	t.Helper()
	p, err := workbook.Load("default")
	if err != nil {
		t.Fatal(err)
	}
	b := &book{r: fixture.Results(), p: p, x: view.New(fixture.Results())}
	var out []string
	for _, row := range b.coverRows() {
		out = append(out, cellText(row.(coverRow).item))
	}
	return out
}

// TestCoverStatesTheAssessment: before any number, the workbook states
// what was assessed, when, by whom, with which tool and method, the gate's
// verdict, what each status means, and the hash of the evidence manifest.
func TestCoverStatesTheAssessment(t *testing.T) {
	opts := Options{Engagement: testEngagement(), ManifestSHA256: fixture.Hash("manifest")}
	f := open(t, render(t, fixture.Results(), opts))
	rows, err := f.GetRows("Cover")
	if err != nil {
		t.Fatal(err)
	}
	stated := map[string]string{}
	for _, row := range rows[1:] {
		if len(row) == 2 {
			stated[row[0]] = row[1]
		}
	}
	for item, want := range map[string]string{
		"Assessed organisation":               "Example Corp",
		"System":                              "EX-MCP-1",
		"Scope":                               "repos",
		"Assessment date":                     "2026-03-14T09:26:53Z",
		"Assessor":                            "Jane Auditor",
		"Tool":                                "tollgate 0.4.0",
		"Gate verdict":                        "FAILED: 2 unwaived failures",
		"Methodology":                         "EXAMINE",
		"What a requirement status means":     "MCP scope",
		"Evidence":                            fixture.Hash("manifest"),
		"Remediation policy":                  "critical 15 days",
		"Legend: MCP scope met":               "Only the MCP scope",
		"Legend: Not met, deviation approved": "not compliance",
		"How to read the sheets":              "go to its first finding",
	} {
		if !strings.Contains(stated[item], want) {
			t.Errorf("cover %q = %q, want it to contain %q", item, stated[item], want)
		}
	}
	// The population counts every kind of subject judged, as the console
	// and the assessment plan do, in singular or plural as the count asks.
	for _, want := range []string{"4 MCP servers, 1 workload declared in 1 configuration source (", "nothing was sampled"} {
		if !strings.Contains(stated["Population"], want) {
			t.Errorf("cover Population = %q, want it to contain %q", stated["Population"], want)
		}
	}
	unconfigured := open(t, render(t, fixture.Results(), Options{}))
	rows, _ = unconfigured.GetRows("Cover")
	for _, row := range rows {
		if row[0] == "Assessor" && !strings.Contains(row[1], "no person has reviewed") {
			t.Errorf("with no assessor named, the cover says %q", row[1])
		}
	}
}

// TestMetPercentIsOverAssessedRequirements: the share of requirements met
// is taken over those assessed only, and the share assessed is shown
// apart; both are numbers formatted as percentages.
func TestMetPercentIsOverAssessedRequirements(t *testing.T) {
	r := fixture.Results()
	f := open(t, render(t, r, Options{}))
	for _, tc := range []struct {
		header string
		want   func(i int) float64
	}{
		{"Met % of assessed", func(i int) float64 {
			tl := r.Frameworks[i].Tally
			return float64(tl.Satisfied) / float64(tl.Assessed())
		}},
		{"Assessed %", func(i int) float64 {
			return float64(r.Frameworks[i].Tally.Assessed()) / float64(len(r.Frameworks[i].Requirements))
		}},
	} {
		col := column(t, f, "Summary", tc.header)
		for i := range r.Frameworks {
			cell := cellName(t, col, i+2)
			raw, _ := f.GetCellValue("Summary", cell, excelizeRaw)
			shown, _ := f.GetCellValue("Summary", cell)
			if !strings.HasSuffix(shown, "%") || !approx(raw, tc.want(i)) {
				t.Errorf("%s of %s: raw %q shown %q, want %v as a percentage", tc.header, r.Frameworks[i].Framework.ID, raw, shown, tc.want(i))
			}
		}
	}
}

// TestEvidenceHashesAreOfTheStoredCopies: the hash an auditor recomputes
// from the bundle is the one the workbook states first; the original's is
// labelled as such.
func TestEvidenceHashesAreOfTheStoredCopies(t *testing.T) {
	r := fixture.Results()
	f := open(t, render(t, r, Options{}))
	stored := column(t, f, "Evidence", "SHA-256 of the stored copy (redacted)")
	original := column(t, f, "Evidence", "SHA-256 of the original file")
	rows, _ := f.GetRows("Evidence")
	for i, a := range r.Artifacts {
		if rows[i+1][stored-1] != a.RedactedSHA256 || rows[i+1][original-1] != a.SHA256 {
			t.Errorf("%s: stored %q original %q", a.Path, rows[i+1][stored-1], rows[i+1][original-1])
		}
	}
	for _, fw := range r.Frameworks {
		all, _ := f.GetRows(fw.Framework.ID)
		for _, row := range all {
			for _, cell := range row {
				for _, a := range r.Artifacts {
					if strings.Contains(cell, a.SHA256) {
						t.Errorf("sheet %s shows the original hash of %s as evidence", fw.Framework.ID, a.Path)
					}
				}
			}
		}
	}
}

// TestRequirementsLinkTheirFindings: a requirement's row names the
// findings of its mapped controls, and the requirement links to the first
// of them on the Findings sheet.
func TestRequirementsLinkTheirFindings(t *testing.T) {
	r := fixture.Results()
	f := open(t, render(t, r, Options{}))
	ids := column(t, f, "nist-800-53-rev5", "Finding IDs")
	reqCol := column(t, f, "nist-800-53-rev5", "Requirement")
	findings, _ := f.GetRows("Findings")
	row := map[string]int{}
	for i, fr := range findings[1:] {
		row[fr[0]] = i + 2
	}
	linked := 0
	for i, rr := range r.Frameworks[2].Requirements {
		cell := cellName(t, ids, i+2)
		text, _ := f.GetCellValue("nist-800-53-rev5", cell)
		if rr.Status.Assessed() && rr.Status != "satisfied" && text == "" {
			t.Errorf("%s (%s) names no finding", rr.Requirement.ID, rr.Status)
		}
		if text == "" {
			continue
		}
		ok, target, err := f.GetCellHyperLink("nist-800-53-rev5", cellName(t, reqCol, i+2))
		if err != nil || !ok {
			t.Errorf("%s finding IDs are not linked: %v", rr.Requirement.ID, err)
			continue
		}
		linked++
		first := strings.Split(text, "\n")[0]
		want := "'Findings'!" + cellName(t, 1, row[first])
		if row[first] == 0 || target != want {
			// The link goes to the first of its findings in sheet order.
			min := 0
			for _, id := range strings.Split(text, "\n") {
				if n := row[id]; n > 0 && (min == 0 || n < min) {
					min = n
				}
			}
			if target != "'Findings'!"+cellName(t, 1, min) {
				t.Errorf("%s links %q, want the row of its first finding", rr.Requirement.ID, target)
			}
		}
	}
	if linked == 0 {
		t.Error("no requirement links its findings")
	}
}

// TestFrameworkSheetsPrintLegibly: every sheet of the default layout prints
// landscape, one page wide at a readable scale (its columns fit the width
// a page holds at about 75 %), with narrow margins and its header row
// repeated.
func TestFrameworkSheetsPrintLegibly(t *testing.T) {
	p, err := workbook.Load("default")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range p.Sheets {
		total := 0.0
		for _, c := range s.Columns {
			total += c.Width
		}
		if total > printWidth {
			t.Errorf("default %s sheet is %.0f characters wide, more than the %.0f a page holds legibly", s.Kind, total, printWidth)
		}
	}
	f := open(t, render(t, withHistory(fixture.Results()), Options{})) // with the Trend sheet
	for _, sheet := range f.GetSheetList() {
		layout, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if *layout.FitToWidth != 1 {
			t.Errorf("%s prints %d pages wide", sheet, *layout.FitToWidth)
		}
		m, err := f.GetPageMargins(sheet)
		if err != nil || m.Left == nil || *m.Left > 0.5 {
			t.Errorf("%s margins %+v: want narrow ones", sheet, m)
		}
	}
}

// TestInputsAreRestricted: the columns people fill in accept what they are
// for: a date on or after the assessment, an owner from a list (others
// allowed), a conclusion from a list, a comment of bounded length.
func TestInputsAreRestricted(t *testing.T) {
	f := open(t, render(t, fixture.Results(), Options{Engagement: testEngagement()}))
	dvs, err := f.GetDataValidations("nist-800-53-rev5")
	if err != nil {
		t.Fatal(err)
	}
	byCol := map[int]*excelize.DataValidation{}
	for _, dv := range dvs {
		col, _, err := excelize.CellNameToCoordinates(strings.Split(dv.Sqref, ":")[0])
		if err != nil {
			t.Fatal(err)
		}
		byCol[col] = dv
	}
	for header, want := range map[string]string{"Owner": "list", "Target date": "date", "Auditor conclusion": "list", "Auditor comment": "textLength"} {
		dv := byCol[column(t, f, "nist-800-53-rev5", header)]
		if dv == nil || dv.Type != want {
			t.Errorf("%s validation %+v, want %s", header, dv, want)
			continue
		}
		if header == "Owner" && !strings.Contains(dv.Formula1, "Platform Security") {
			t.Errorf("owner list %q lacks the point of contact", dv.Formula1)
		}
	}
}

// TestSummaryNamesStatusesAsTheSheetsDo: the Summary's count columns are
// headed with the status labels the framework sheets, the Cover's legend
// and the other reports use, in every profile.
func TestSummaryNamesStatusesAsTheSheetsDo(t *testing.T) {
	statuses := map[string]assess.Status{"satisfied": assess.StatusSatisfied, "not_satisfied": assess.StatusNotSatisfied,
		"waived": assess.StatusWaived, "not_assessed": assess.StatusNotAssessed, "manual": assess.StatusManual,
		"error": assess.StatusError}
	for _, name := range []string{"default", "poam"} {
		p, err := workbook.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range p.Sheets {
			if s.Kind != workbook.KindSummary {
				continue
			}
			for _, c := range s.Columns {
				if st, ok := statuses[c.Field]; ok && c.Header != view.RequirementLabel(st) {
					t.Errorf("%s Summary column %q counts %s, labelled %q elsewhere", name, c.Header, st, view.RequirementLabel(st))
				}
			}
		}
	}
}
