package xlsx

import (
	"math"
	"math/rand/v2"
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
		{"ten chars!", 10, 1},
		{"twelve chars", 10, 2},         // a line of text holds a little more than the width
		{"four five six", 10, 2},        // words wrap whole: "four five " then "six"
		{"repos/web-frontend/x", 10, 3}, // paths break after '/'
		{"a\nb\nc", 40, 3},
		{strings.Repeat("x", 45) + "\nshort", 20, 4},
		{"ünïcödé ünïcödé", 10, 2},                              // runes, not bytes
		{"anything", 0, 8},                                      // a zero width counts one character a line
		{"one two three four five six seven eight nine", 40, 1}, // prose holds more than the width
		{"repos/ops-tools/.codex/config.toml", 18, 3},           // paths do not
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
	r.Frameworks[0].Framework.Title = "GDPR"
	long := strings.Repeat("A very long requirement title that wraps. ", 6)
	r.Frameworks[0].Requirements[0].Requirement.Title = long
	f := open(t, render(t, r, Options{}))
	sheet := r.Frameworks[0].Framework.ID
	tall, err := f.GetRowHeight(sheet, 2)
	if err != nil {
		t.Fatal(err)
	}
	// The Title column of the default profile is 22 characters wide.
	if want, _ := rowHeight(wrappedLines(long, 22)); tall < want || want <= lineHeight {
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

// TestPrintSetup checks that every sheet prints landscape, as many pages
// wide as its columns need at a readable scale, with its header row
// repeated (and its first column when it spans pages).
func TestPrintSetup(t *testing.T) {
	for _, profile := range []string{"default", "poam"} {
		f := open(t, render(t, fixture.Results(), Options{Profile: profile}))
		titles := map[string]string{}
		for _, dn := range f.GetDefinedName() {
			if dn.Name == "_xlnm.Print_Titles" {
				titles[dn.Scope] = dn.RefersTo
			}
		}
		for _, sheet := range f.GetSheetList() {
			layout, err := f.GetPageLayout(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if layout.Orientation == nil || *layout.Orientation != "landscape" || layout.FitToWidth == nil || *layout.FitToWidth < 1 {
				t.Errorf("%s %s: page layout %+v, want landscape, fit to width", profile, sheet, layout)
			}
			props, err := f.GetSheetProps(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if props.FitToPage == nil || !*props.FitToPage {
				t.Errorf("%s %s: fit to page is off", profile, sheet)
			}
			if !strings.HasSuffix(titles[sheet], "!$1:$1") {
				t.Errorf("%s %s: header row is not repeated on printed pages (%q)", profile, sheet, titles[sheet])
			}
			if *layout.FitToWidth > 1 && !strings.Contains(titles[sheet], "!$A:$A") {
				t.Errorf("%s %s spans %d pages but does not repeat its first column", profile, sheet, *layout.FitToWidth)
			}
		}
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

// TestWrappedLinesIsByWords compares wrappedLines with its first form,
// which split the text into lines and words before placing them, on random
// text of words,
// spaces, slashes, newlines and characters that are not ASCII.
func TestWrappedLinesIsByWords(t *testing.T) {
	byWords := func(text string, width float64) int {
		plain := max(1, int(width*textPerWidth))
		path := max(1, int(width*pathPerWidth+0.5))
		n := 0
		for _, line := range strings.Split(text, "\n") {
			per := plain
			if !strings.Contains(line, " ") && strings.Contains(line, "/") {
				per = path
			}
			var words []string
			start := 0
			for i, r := range line {
				if r == ' ' || r == '/' {
					words = append(words, line[start:i+1])
					start = i + 1
				}
			}
			if start < len(line) {
				words = append(words, line[start:])
			}
			f := lineFill{per: per, lines: 1}
			for _, word := range words {
				f.place(word)
			}
			n += f.lines
		}
		return n
	}
	r := rand.New(rand.NewPCG(41, 42))
	pieces := []string{"a", "word", "longerword", " ", "  ", "/", "\n", "é", "😀", "\xff", "evidence/artifacts/x.json"}
	for range 5000 {
		var b strings.Builder
		for range r.IntN(30) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		text, width := b.String(), float64(1+r.IntN(60))
		if got, want := wrappedLines(text, width), byWords(text, width); got != want {
			t.Fatalf("wrappedLines(%q, %v) = %d, want %d", text, width, got, want)
		}
	}
}
