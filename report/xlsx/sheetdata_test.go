package xlsx

import (
	"archive/zip"
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// awkwardText are texts whose cells excelize writes with care: escapes,
// white space it preserves, characters XML does not allow, invalid UTF-8,
// its own _xHHHH_ escapes (including those of surrogates, which it
// handles in its own way), and texts over a cell's limit in UTF-16 code
// units.
var awkwardText = []string{
	"", "plain", " leading", "trailing\n", "\ttab", "cr\r", "a\tb", "x\r\ny", "one\ntwo\n\nthree",
	`<&>"'`, "&#xA;", "\x00\x01\x08\x1f\x7f", "bad \xff\xfe utf-8 \xc3", "\uFFFD", "\uFFFE\uFFFF", "\u2028",
	"emoji 😀 and é", "_x0041_", "_x005F_x0041_", "_x005F_", "_x005f_x0041_", "a_x005F_b_x0041", "_xD800_",
	"_xD800_ then _x0041_", "_xd800__x0041__xDFFF_ end", "_x12", "__x0041__", "_x005F_xD800_", "_x0041_\n",
	"tail _x00", strings.Repeat("a", excelize.TotalCellChars+5), strings.Repeat("😀", excelize.TotalCellChars/2+3),
	strings.Repeat("é", excelize.TotalCellChars) + "x", " " + strings.Repeat("b", excelize.TotalCellChars),
}

// streamWriterRow is the XML excelize's StreamWriter writes for row n of
// cells.
func streamWriterRow(t *testing.T, n int, height float64, cells []excelize.Cell) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	values := make([]any, len(cells))
	for i := range cells {
		values[i] = &cells[i]
	}
	if err := sw.SetRow(cellName(t, 1, n), values, excelize.RowOpts{Height: height}); err != nil {
		t.Fatal(err)
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name == "xl/worksheets/sheet1.xml" {
			_, rows, _ := strings.Cut(readZip(t, zf), "<sheetData>")
			rows, _, _ = strings.Cut(rows, "</sheetData>")
			return rows
		}
	}
	t.Fatal("no sheet part")
	return ""
}

func encodedRow(t *testing.T, n int, height float64, cells []excelize.Cell) string {
	t.Helper()
	enc := newRowEncoder(len(cells))
	if err := enc.row(n, height, cells); err != nil {
		t.Fatal(err)
	}
	return string(enc.buf)
}

func TestRowEncoderMatchesStreamWriter(t *testing.T) {
	values := []any{nil, 0, -7, int64(1) << 40, 0.5, 1.0 / 3, -2.25e-9, 1e21, math.NaN(), math.Inf(-1)}
	for _, s := range awkwardText {
		values = append(values, s)
	}
	for _, v := range values {
		for _, style := range []int{0, 3} {
			for _, height := range []float64{0, 32, 409} {
				cells := []excelize.Cell{{StyleID: 1, Value: "first"}, {StyleID: style, Value: v}, {StyleID: 2}}
				want := streamWriterRow(t, 27, height, cells)
				if got := encodedRow(t, 27, height, cells); got != want {
					t.Errorf("value %.60q, style %d, height %g:\n got %.300s\nwant %.300s", v, style, height, got, want)
				}
			}
		}
	}
}

func TestRowEncoderRejects(t *testing.T) {
	enc := newRowEncoder(1)
	if err := enc.row(2, 0, []excelize.Cell{{Value: true}}); err == nil {
		t.Error("a bool was encoded")
	}
	if err := enc.row(2, excelize.MaxRowHeight+1, []excelize.Cell{{Value: "x"}}); err == nil {
		t.Error("a row over the highest height was encoded")
	}
}

func FuzzRowEncoder(f *testing.F) {
	for _, s := range awkwardText {
		if len(s) < 200 {
			f.Add(s)
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		cells := []excelize.Cell{{StyleID: 4, Value: s}}
		if got, want := encodedRow(t, 2, 0, cells), streamWriterRow(t, 2, 0, cells); got != want {
			t.Errorf("text %q:\n got %s\nwant %s", s, got, want)
		}
	})
}
