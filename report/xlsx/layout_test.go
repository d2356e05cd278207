package xlsx

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/tollgate-dev/tollgate/report/internal/fixture"
)

func TestWrappedLines(t *testing.T) {
	tests := []struct {
		text  string
		width float64
		want  int
	}{
		{"", 10, 1},
		{"short", 10, 1},
		{"exactly10!", 10, 1},
		{"eleven chars", 10, 2},
		{"a\nb\nc", 40, 3},
		{strings.Repeat("x", 45) + "\nshort", 20, 4},
		{"ünïcödé ünïcödé", 8, 2}, // runes, not bytes
		{"anything", 0, 8},        // a zero width counts one character a line
	}
	for _, tt := range tests {
		if got := wrappedLines(tt.text, tt.width); got != tt.want {
			t.Errorf("wrappedLines(%q, %v) = %d, want %d", tt.text, tt.width, got, tt.want)
		}
	}
}

func TestRowHeight(t *testing.T) {
	if _, ok := rowHeight(1); ok {
		t.Error("a one-line row got an explicit height")
	}
	if h, ok := rowHeight(3); !ok || h != 3*lineHeight+rowPadding {
		t.Errorf("rowHeight(3) = %v, %v", h, ok)
	}
	if h, _ := rowHeight(10000); h != maxRowHeight {
		t.Errorf("rowHeight(10000) = %v, want the maximum %v", h, maxRowHeight)
	}
}

// TestRowsFitWrappedText checks that rows whose text wraps are tall enough
// to show it (applications do not resize rows when they open a file), and
// that one-line rows keep the default height.
func TestRowsFitWrappedText(t *testing.T) {
	r := fixture.Results()
	long := strings.Repeat("A very long requirement title that wraps. ", 6)
	r.Frameworks[0].Requirements[0].Requirement.Title = long
	f := open(t, render(t, r, Options{}))
	sheet := r.Frameworks[0].Framework.ID
	tall, err := f.GetRowHeight(sheet, 2)
	if err != nil {
		t.Fatal(err)
	}
	// The Title column of the default profile is 44 characters wide.
	if want, _ := rowHeight(wrappedLines(long, 44)); tall < want || want <= lineHeight {
		t.Errorf("row with a %d-character title is %v points tall, want %v", len(long), tall, want)
	}
	def, err := f.GetRowHeight("Summary", 2)
	if err != nil {
		t.Fatal(err)
	}
	if def >= 2*lineHeight {
		t.Errorf("one-line Summary row is %v points tall", def)
	}
}

// TestPrintSetup checks that every sheet prints landscape, one page wide,
// with its header row repeated.
func TestPrintSetup(t *testing.T) {
	f := open(t, render(t, fixture.Results(), Options{}))
	titles := map[string]bool{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles[dn.Scope] = strings.HasSuffix(dn.RefersTo, "!$1:$1")
		}
	}
	for _, sheet := range f.GetSheetList() {
		layout, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if layout.Orientation == nil || *layout.Orientation != "landscape" || layout.FitToWidth == nil || *layout.FitToWidth != 1 {
			t.Errorf("%s: page layout %+v, want landscape one page wide", sheet, layout)
		}
		props, err := f.GetSheetProps(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: fit to page is off", sheet)
		}
		if !titles[sheet] {
			t.Errorf("%s: header row is not repeated on printed pages", sheet)
		}
	}
}

// TestSatisfiedPercentIsANumber checks that the Summary's percentage is a
// number formatted as a percentage, not text.
func TestSatisfiedPercentIsANumber(t *testing.T) {
	r := fixture.Results()
	f := open(t, render(t, r, Options{}))
	rows, err := f.GetRows("Summary")
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range rows[0] {
		if h == "Satisfied %" {
			col = i + 1
		}
	}
	if col < 0 {
		t.Fatal("no Satisfied % column")
	}
	cell := cellName(t, col, 2)
	raw, err := f.GetCellValue("Summary", cell, excelizeRaw)
	if err != nil {
		t.Fatal(err)
	}
	shown, err := f.GetCellValue("Summary", cell)
	if err != nil {
		t.Fatal(err)
	}
	fw := r.Frameworks[0]
	want := float64(fw.Tally.Satisfied) / float64(len(fw.Requirements))
	if !strings.HasSuffix(shown, "%") || raw == shown || !approx(raw, want) {
		t.Errorf("Satisfied %% cell: raw %q shown %q, want the number %v shown as a percentage", raw, shown, want)
	}
}

// excelizeRaw reads a cell's stored value rather than its formatted text.
var excelizeRaw = excelize.Options{RawCellValue: true}

func cellName(t *testing.T, col, row int) string {
	t.Helper()
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		t.Fatal(err)
	}
	return name
}

// approx reports whether the stored number s is within rounding of want.
func approx(s string, want float64) bool {
	got, err := strconv.ParseFloat(s, 64)
	return err == nil && math.Abs(got-want) < 1e-9
}
