package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
	"github.com/tollgate-dev/tollgate/report/internal/view"
	"github.com/tollgate-dev/tollgate/report/oscal"
	"github.com/tollgate-dev/tollgate/templates/workbook"
)

func render(t *testing.T, r *assess.Results, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r, opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func open(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestWorkbookRoundTrip(t *testing.T) {
	r := fixture.Results()
	x := view.New(r)
	f := open(t, render(t, r, Options{}))

	wantSheets := []string{"Cover", "Summary", "gdpr", "iso-27001-2022", "nist-800-53-rev5", "Findings", "Evidence", "Inventory", "Waivers"}
	if got := strings.Join(f.GetSheetList(), ","); got != strings.Join(wantSheets, ",") {
		t.Fatalf("sheets = %s, want %s", got, strings.Join(wantSheets, ","))
	}
	p, err := workbook.Load("default")
	if err != nil {
		t.Fatal(err)
	}
	headers := map[string][]string{}
	for _, s := range p.Sheets {
		for _, c := range s.Columns {
			headers[s.Kind] = append(headers[s.Kind], c.Header)
		}
	}
	tests := []struct {
		sheet, kind string
		rows        int
	}{
		{"Cover", workbook.KindCover, len(coverItems(t))},
		{"Summary", workbook.KindSummary, len(r.Frameworks)},
		{"gdpr", workbook.KindFramework, len(r.Frameworks[0].Requirements)},
		{"iso-27001-2022", workbook.KindFramework, len(r.Frameworks[1].Requirements)},
		{"nist-800-53-rev5", workbook.KindFramework, len(r.Frameworks[2].Requirements)},
		{"Findings", workbook.KindFindings, len(x.Findings())},
		{"Evidence", workbook.KindEvidence, len(r.Artifacts)},
		{"Inventory", workbook.KindInventory, len(r.Subjects)},
		{"Waivers", workbook.KindWaivers, len(r.Waivers)},
	}
	for _, tt := range tests {
		t.Run(tt.sheet, func(t *testing.T) {
			rows, err := f.GetRows(tt.sheet)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(rows[0], "|"); got != strings.Join(headers[tt.kind], "|") {
				t.Errorf("headers = %s\nwant      %s", got, strings.Join(headers[tt.kind], "|"))
			}
			if got := len(rows) - 1; got != tt.rows {
				t.Errorf("data rows = %d, want %d", got, tt.rows)
			}
			panes, err := f.GetPanes(tt.sheet)
			if err != nil || !panes.Freeze || panes.YSplit != 1 {
				t.Errorf("header row not frozen: %+v %v", panes, err)
			}
		})
	}
}

func TestStatusCellFills(t *testing.T) {
	r := fixture.Results()
	f := open(t, render(t, r, Options{}))
	fill := func(sheet, cell string) string {
		t.Helper()
		id, err := f.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Fill.Color) == 0 {
			return ""
		}
		return strings.ToUpper(strings.TrimPrefix(st.Fill.Color[0], "#"))
	}
	// The NIST sheet: the fixture's requirements in order.
	statusCol := column(t, f, "nist-800-53-rev5", "Status (MCP scope)")
	want := map[assess.Status]string{
		assess.StatusSatisfied: colourGreen, assess.StatusNotSatisfied: colourRed,
		assess.StatusNotAssessed: colourGrey, assess.StatusManual: colourAmber, assess.StatusWaived: colourBlue,
	}
	seen := map[assess.Status]bool{}
	for i, rr := range r.Frameworks[2].Requirements {
		cell, _ := excelize.CoordinatesToCellName(statusCol, i+2)
		v, _ := f.GetCellValue("nist-800-53-rev5", cell)
		if v != view.RequirementLabel(rr.Status) {
			t.Errorf("%s status = %q, want %q", rr.Requirement.ID, v, view.RequirementLabel(rr.Status))
		}
		if got := fill("nist-800-53-rev5", cell); got != want[rr.Status] {
			t.Errorf("%s (%s) fill = %q, want %q", rr.Requirement.ID, rr.Status, got, want[rr.Status])
		}
		seen[rr.Status] = true
	}
	if len(seen) != len(want) {
		t.Errorf("fixture covers statuses %v, want all of %v", seen, want)
	}
	// Findings: waived rows blue, failures red.
	rows, _ := f.GetRows("Findings")
	sc := column(t, f, "Findings", "Status")
	for i, row := range rows[1:] {
		cell, _ := excelize.CoordinatesToCellName(sc, i+2)
		wantFill := colourRed
		if row[sc-1] == "Waived" {
			wantFill = colourBlue
		}
		if got := fill("Findings", cell); got != wantFill {
			t.Errorf("Findings row %d (%s) fill = %q, want %q", i+2, row[sc-1], got, wantFill)
		}
	}
	// Header cells are styled too.
	if got := fill("Summary", "A1"); got != colourHeader {
		t.Errorf("header fill = %q, want %q", got, colourHeader)
	}
}

func TestSummaryHasChart(t *testing.T) {
	data := render(t, fixture.Results(), Options{})
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var chart string
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			chart = strings.ReplaceAll(readZip(t, zf), "&#39;", "'")
		}
	}
	if chart == "" {
		t.Fatal("no chart in the workbook")
	}
	met := column(t, open(t, data), "Summary", "MCP scope met")
	name, _ := excelize.ColumnNumberToName(met)
	for _, want := range []string{"'Summary'!$" + name + "$2:$" + name + "$4", "'Summary'!$A$2:$A$4", "Requirements by status"} {
		if !strings.Contains(chart, want) {
			t.Errorf("chart lacks %q", want)
		}
	}
}

// TestPOAMProfile: the POA&M sheet lists the same items as poam.json, in
// the same order: each finding with its id (the POA&M ID), owner,
// detection date, deadline (the waiver's expiry for an accepted risk),
// milestone and risk rating.
func TestPOAMProfile(t *testing.T) {
	r := fixture.Results()
	opts := Options{Profile: "poam", Engagement: testEngagement()}
	f := open(t, render(t, r, opts))
	rows, err := f.GetRows("POA&M Items")
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	items := view.New(r).PlanItems(opts.Engagement)
	if len(rows)-1 != len(items) {
		t.Fatalf("POA&M rows = %d, want %d", len(rows)-1, len(items))
	}
	data, err := oscal.MarshalPOAM(r, oscal.Options{Engagement: opts.Engagement})
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		POAM struct {
			Items []struct {
				Props []struct{ Name, Value string } `json:"props"`
			} `json:"poam-items"`
		} `json:"plan-of-action-and-milestones"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	statuses := map[string]int{}
	for i, row := range rows[1:] {
		it := items[i]
		get := func(h string) string {
			if c, ok := col[h]; ok && c < len(row) {
				return row[c]
			}
			return ""
		}
		if get("POA&M ID") != it.ID() {
			t.Errorf("row %d is %s, want %s", i+2, get("POA&M ID"), it.ID())
		}
		var jsonID string
		for _, p := range doc.POAM.Items[i].Props {
			if p.Name == "finding-id" {
				jsonID = p.Value
			}
		}
		if jsonID != get("POA&M ID") {
			t.Errorf("row %d is %s, poam.json item %d is %s", i+2, get("POA&M ID"), i, jsonID)
		}
		statuses[get("Status")]++
		if got, want := get("Scheduled Completion Date"), it.Deadline.Format("2006-01-02"); got != want {
			t.Errorf("%s completion date %q, want %q", it.ID(), got, want)
		}
		if get("Point of Contact") == "" || get("Original Detection Date") == "" || get("Planned Milestones") == "" || get("Original Risk Rating") != it.Rating.Risk {
			t.Errorf("%s: contact %q, detected %q, milestones %q, rating %q", it.ID(), get("Point of Contact"), get("Original Detection Date"), get("Planned Milestones"), get("Original Risk Rating"))
		}
		if get("Weakness Detector Source") != "tollgate 0.4.0" {
			t.Errorf("source = %q", get("Weakness Detector Source"))
		}
	}
	if statuses["Open"] != 5 || statuses["Risk Accepted"] != 2 {
		t.Errorf("POA&M statuses = %v, want 5 Open and 2 Risk Accepted", statuses)
	}
}

func TestDeterministicParts(t *testing.T) {
	a := parts(t, render(t, fixture.Results(), Options{}))
	b := parts(t, render(t, fixture.Results(), Options{}))
	if !bytes.Equal(render(t, fixture.Results(), Options{}), render(t, fixture.Results(), Options{})) {
		t.Error("two renders differ byte for byte")
	}
	if len(a) != len(b) {
		t.Fatalf("part counts differ: %d vs %d", len(a), len(b))
	}
	for name, content := range a {
		if b[name] != content {
			t.Errorf("part %s differs between renders", name)
		}
	}
	if core := a["docProps/core.xml"]; !strings.Contains(core, "2026-03-14T09:26:53Z") {
		t.Errorf("core properties do not carry the assessment time:\n%s", core)
	}
}

func TestProfileErrors(t *testing.T) {
	bad := &workbook.Profile{Name: "bad", Version: 1, Sheets: []workbook.Sheet{{
		Kind: workbook.KindFindings, Name: "F", Columns: []workbook.Column{{Header: "X", Field: "no.such.field"}},
	}}}
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"unknown profile", Options{Profile: "nope"}, "not found"},
		{"unknown field", Options{Custom: bad}, `unknown field "no.such.field"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Write(io.Discard, fixture.Results(), tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestEmbeddedProfilesUseKnownFields(t *testing.T) {
	for _, name := range workbook.Names() {
		p, err := workbook.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := CheckProfile(p); err != nil {
			t.Error(err)
		}
	}
}

func TestFrameworkSheetNames(t *testing.T) {
	p := &workbook.Profile{Sheets: []workbook.Sheet{{Kind: workbook.KindSummary, Name: "Summary"}}}
	n := newNamer(p)
	got := []string{
		n.framework("summary"),
		n.framework("a/very:long*framework?identifier[2026]"),
		n.framework("a/very:long*framework?identifier[2026]"),
		n.framework(""),
	}
	want := []string{"summary~2", "a-very-long-framework-identifie", "a-very-long-framework-identif~2", "framework"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("name %d = %q, want %q", i, got[i], want[i])
		}
		if err := workbook.CheckSheetName(got[i]); err != nil {
			t.Error(err)
		}
	}
}

func parts(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	var names []string
	for _, zf := range zr.File {
		out[zf.Name] = readZip(t, zf)
		names = append(names, zf.Name)
	}
	sort.Strings(names)
	return out
}

func readZip(t *testing.T, zf *zip.File) string {
	t.Helper()
	rc, err := zf.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// column returns the 1-based column of a header on a sheet's first row.
func column(t *testing.T, f *excelize.File, sheet, header string) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) == 0 {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	for i, h := range rows[0] {
		if h == header {
			return i + 1
		}
	}
	t.Fatalf("sheet %s has no column %q (headers %v)", sheet, header, rows[0])
	return 0
}
