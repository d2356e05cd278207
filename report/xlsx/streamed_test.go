package xlsx_test

import (
	"bytes"
	"testing"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/assess/assesstest"
	"github.com/tollgate-dev/tollgate/pipeline/pipelinetest"
	"github.com/tollgate-dev/tollgate/report/xlsx"
	"github.com/tollgate-dev/tollgate/templates/workbook"
)

// TestRowsMatchStreamWriter writes the workbook of a generated fleet with
// the rows of its streamed sheets put straight into the package and with
// them set through excelize's StreamWriter: every part must be the same,
// with each embedded profile and with one that shows every field of the
// streamed kinds of sheet (with a date input column and a blank one).
func TestRowsMatchStreamWriter(t *testing.T) {
	_, r := pipelinetest.JudgeFleet(t, assesstest.FilesSpec{Servers: 300, Workloads: 40, Gateways: 2, Seed: 3})
	every := &workbook.Profile{Name: "every-field", Version: 1}
	for _, kind := range []string{workbook.KindFindings, workbook.KindEvidence, workbook.KindInventory} {
		s := workbook.Sheet{Kind: kind, Name: kind}
		for i, field := range xlsx.Fields(kind) {
			s.Columns = append(s.Columns, workbook.Column{Header: field, Field: field, Width: float64(10 + 3*(i%9))})
		}
		s.Columns = append(s.Columns, workbook.Column{Header: "Due", Field: workbook.FieldBlank, Input: workbook.InputDate},
			workbook.Column{Header: "Notes", Field: workbook.FieldBlank, Input: workbook.InputText})
		every.Sheets = append(every.Sheets, s)
	}
	type run struct {
		name    string
		opts    xlsx.Options
		results *assess.Results
	}
	runs := []run{
		{"every field", xlsx.Options{Custom: every}, r},
		{"no findings", xlsx.Options{}, withoutFindings(r)},
	}
	for _, name := range workbook.Names() {
		runs = append(runs, run{name, xlsx.Options{Profile: name}, r})
	}
	for _, tc := range runs {
		t.Run(tc.name, func(t *testing.T) {
			var direct, reference bytes.Buffer
			if err := xlsx.Write(&direct, tc.results, tc.opts); err != nil {
				t.Fatal(err)
			}
			if err := xlsx.WriteThroughStreamWriter(&reference, tc.results, tc.opts); err != nil {
				t.Fatal(err)
			}
			got, want := xlsx.Parts(t, direct.Bytes()), xlsx.Parts(t, reference.Bytes())
			if len(got) != len(want) {
				t.Fatalf("%d parts, want %d", len(got), len(want))
			}
			for name, content := range want {
				if got[name] != content {
					t.Errorf("part %s differs from the StreamWriter's (%d bytes, want %d)", name, len(got[name]), len(content))
				}
			}
			if !bytes.Equal(direct.Bytes(), reference.Bytes()) {
				t.Error("the packages differ")
			}
		})
	}
}

// withoutFindings is r with no evaluations: the Findings sheet has no rows.
func withoutFindings(r *assess.Results) *assess.Results {
	out := *r
	out.Controls = nil
	for _, cr := range r.Controls {
		cr.Evaluations = nil
		out.Controls = append(out.Controls, cr)
	}
	return &out
}
