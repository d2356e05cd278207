package report

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/mappings"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
	jsonreport "github.com/tollgate-dev/tollgate/report/json"
	"github.com/tollgate-dev/tollgate/report/oscal/oscaltest"
	"github.com/tollgate-dev/tollgate/report/reporttest"
)

func renderAll(t *testing.T, r *assess.Results) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, name := range Formats {
		var buf bytes.Buffer
		if err := Render(&buf, name, r, Options{}); err != nil {
			t.Fatalf("render %s: %v", name, err)
		}
		out[name] = buf.Bytes()
	}
	reporttest.ValidateResults(t, out["json"])
	return out
}

// TestCountsAgree checks that every format tells the same story.
func TestCountsAgree(t *testing.T) {
	r := fixture.Results()
	out := renderAll(t, r)

	var js jsonreport.Document
	if err := json.Unmarshal(out["json"], &js); err != nil {
		t.Fatal(err)
	}

	var sarif struct {
		Runs []struct {
			Results []struct {
				Suppressions []any `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out["sarif"], &sarif); err != nil {
		t.Fatal(err)
	}
	var sarifFail, sarifSuppressed int
	for _, res := range sarif.Runs[0].Results {
		if len(res.Suppressions) > 0 {
			sarifSuppressed++
		} else {
			sarifFail++
		}
	}

	var junit struct {
		Failures int `xml:"failures,attr"`
		Errors   int `xml:"errors,attr"`
	}
	if err := xml.Unmarshal(out["junit"], &junit); err != nil {
		t.Fatal(err)
	}

	book, err := excelize.OpenReader(bytes.NewReader(out["xlsx"]))
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	rows, err := book.GetRows("Findings")
	if err != nil {
		t.Fatal(err)
	}
	statusCol := -1
	for i, h := range rows[0] {
		if h == "Status" {
			statusCol = i
		}
	}
	var xlsxFail, xlsxWaived int
	for _, row := range rows[1:] {
		switch row[statusCol] {
		case "Fail":
			xlsxFail++
		case "Waived":
			xlsxWaived++
		}
	}

	var truth assess.Counts
	for _, cr := range r.Controls {
		for _, e := range cr.Evaluations {
			truth.Add(e.Verdict)
		}
	}
	if truth.Fail == 0 || truth.Waived == 0 {
		t.Fatal("fixture must have failures and waivers for this test to mean anything")
	}
	checks := []struct {
		name      string
		got, want int
	}{
		{"json failures", js.Summary.Failures, truth.Fail},
		{"sarif results (unsuppressed)", sarifFail, truth.Fail},
		{"junit failures", junit.Failures, truth.Fail},
		{"xlsx Findings rows (Fail)", xlsxFail, truth.Fail},
		{"json waived", js.Summary.Waived, truth.Waived},
		{"sarif suppressed", sarifSuppressed, truth.Waived},
		{"xlsx Findings rows (Waived)", xlsxWaived, truth.Waived},
		{"junit errors", junit.Errors, truth.Error},
		{"json errors", js.Summary.Errors, truth.Error},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}

	// OSCAL: per framework, the requirements in each status (findings for
	// those assessed, reviewed-control groups for the others) equal the json
	// tallies.
	tallies := oscaltest.Tally(t, out["oscal"])
	if len(tallies) != len(js.Frameworks) {
		t.Fatalf("OSCAL frameworks = %d, json frameworks = %d", len(tallies), len(js.Frameworks))
	}
	for _, fw := range js.Frameworks {
		by, tl := tallies[fw.ID], fw.Tally
		if by["satisfied"] != tl.Satisfied || by["not-satisfied"] != tl.NotSatisfied || by["waived"] != tl.Waived || by["not-assessed"] != tl.NotAssessed ||
			by["manual"] != tl.Manual || by["error"] != tl.Error {
			t.Errorf("%s: OSCAL statuses %v, json tally %+v", fw.ID, by, tl)
		}
	}

	// The HTML report: finding rows by verdict, headline cards, and each
	// framework's chart table.
	page, err := reporttest.ReadHTML(out["html"])
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		got, want int
	}{
		{"html failing rows", page.Rows["fail"], truth.Fail},
		{"html waived rows", page.Rows["waived"], truth.Waived},
		{"html error rows", page.Rows["error"], truth.Error},
		{"html failures card", page.Cards["failures"], js.Summary.Failures},
		{"html waived card", page.Cards["waived"], js.Summary.Waived},
		{"html errors card", page.Cards["errors"], js.Summary.Errors},
		{"html subjects card", page.Cards["subjects"], js.Summary.Subjects},
		{"html inventory rows", page.Subjects, len(js.Subjects)},
	} {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
	if len(page.Frameworks) != len(js.Frameworks) {
		t.Errorf("html shows %d frameworks, json %d", len(page.Frameworks), len(js.Frameworks))
	}
	for _, fw := range js.Frameworks {
		tl, got := fw.Tally, page.Frameworks[fw.ID]
		want := map[string]int{"satisfied": tl.Satisfied, "not-satisfied": tl.NotSatisfied, "waived": tl.Waived,
			"not-assessed": tl.NotAssessed, "manual": tl.Manual, "error": tl.Error}
		for status, n := range want {
			if got[status] != n {
				t.Errorf("html %s %s = %d, json tally %d", fw.ID, status, got[status], n)
			}
		}
	}

	// The GitLab reports list the unwaived failures, one entry each.
	var codeQuality []json.RawMessage
	if err := json.Unmarshal(out["codequality"], &codeQuality); err != nil {
		t.Fatal(err)
	}
	var sast struct {
		Vulnerabilities []json.RawMessage `json:"vulnerabilities"`
	}
	if err := json.Unmarshal(out["gitlab-sast"], &sast); err != nil {
		t.Fatal(err)
	}
	if len(codeQuality) != truth.Fail || len(sast.Vulnerabilities) != truth.Fail {
		t.Errorf("GitLab Code Quality issues = %d, SAST vulnerabilities = %d, want %d", len(codeQuality), len(sast.Vulnerabilities), truth.Fail)
	}

	// The Markdown headline names the same number of failures.
	if !strings.Contains(string(out["md"]), "**5 failures**") || truth.Fail != 5 {
		t.Errorf("summary.md headline disagrees with %d failures", truth.Fail)
	}
}

// TestNoSecretInAnyOutput plants a canary in the Text and Fingerprint of
// secret values and checks every output, every part of the workbook
// included, never contains it.
func TestNoSecretInAnyOutput(t *testing.T) {
	r := fixture.Results()
	if !strings.Contains(mustJSON(t, r), fixture.Canary) {
		t.Fatal("the fixture does not carry the canary; the test would prove nothing")
	}
	for name, data := range renderAll(t, r) {
		if bytes.Contains(data, []byte(fixture.Canary)) {
			t.Errorf("%s output contains the canary secret", name)
		}
		if name != "xlsx" {
			continue
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		for _, zf := range zr.File {
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			part, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(part, []byte(fixture.Canary)) || bytes.Contains(part, []byte("CANARY")) {
				t.Errorf("workbook part %s contains the canary secret", zf.Name)
			}
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestOfficialLinksNameTheirCrosswalk: wherever a report shows that a
// control supports a requirement through an official link, it names the
// SP 800-53 control and the published crosswalk the link rests on, so an
// auditor can check the row that makes it official.
func TestOfficialLinksNameTheirCrosswalk(t *testing.T) {
	r := fixture.Results()
	var fw *mappings.Framework
	var link mappings.Link
	for _, f := range r.Frameworks {
		for _, req := range f.Requirements {
			for _, l := range req.Links {
				if l.Provenance == mappings.ProvenanceOfficial {
					fw, link = f.Framework, l
				}
			}
		}
	}
	if fw == nil || fw.Crosswalk == nil {
		t.Fatal("the fixture has no official link with a crosswalk; the test would prove nothing")
	}
	want := link.Basis(fw)
	if !strings.Contains(want, link.Via) || !strings.Contains(want, fw.Crosswalk.Title) {
		t.Fatalf("Basis = %q names neither %s nor the crosswalk", want, link.Via)
	}
	out := renderAll(t, r)
	if !strings.Contains(string(out["sarif"]), want) {
		t.Errorf("SARIF rule help does not say %q", want)
	}
	book, err := excelize.OpenReader(bytes.NewReader(out["xlsx"]))
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	rows, err := book.GetRows(fw.ID)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	short := link.Basis(nil)
	for _, row := range rows {
		for _, cell := range row {
			found = found || strings.Contains(cell, link.Control+" ("+short+")")
		}
	}
	if !found {
		t.Errorf("workbook sheet %s does not show %s (%s)", fw.ID, link.Control, short)
	}
	cover, err := book.GetRows("Cover")
	if err != nil {
		t.Fatal(err)
	}
	found = false
	for _, row := range cover {
		for _, cell := range row {
			found = found || strings.Contains(cell, fw.Crosswalk.Title)
		}
	}
	if !found {
		t.Errorf("the workbook cover does not name the crosswalk %q", fw.Crosswalk.Title)
	}
	var ar []byte = out["oscal"]
	if !strings.Contains(string(ar), "Basis: "+want) {
		t.Errorf("OSCAL findings do not give the link's basis %q", want)
	}
	var js struct {
		Frameworks []struct {
			ID           string `json:"id"`
			Requirements []struct {
				ID       string `json:"id"`
				Controls []struct {
					Control, Provenance, Via, Crosswalk string
				} `json:"controls"`
			} `json:"requirements"`
		} `json:"frameworks"`
	}
	if err := json.Unmarshal(out["json"], &js); err != nil {
		t.Fatal(err)
	}
	found = false
	for _, f := range js.Frameworks {
		for _, req := range f.Requirements {
			for _, c := range req.Controls {
				if f.ID == fw.ID && req.ID == link.Requirement && c.Control == link.Control {
					found = c.Via == link.Via && c.Crosswalk == fw.Crosswalk.Title
				}
			}
		}
	}
	if !found {
		t.Errorf("results.json does not give %s → %s its via %s and crosswalk", link.Control, link.Requirement, link.Via)
	}
}
