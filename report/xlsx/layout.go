package xlsx

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Row heights, in points. Spreadsheet applications do not grow rows to fit
// wrapped text when they open a file, so the workbook sets the height of
// every row whose text wraps.
const (
	// lineHeight is the height of one line of the default 11-point font.
	lineHeight = 15.0
	// rowPadding is added to a multi-line row so its last line is not clipped.
	rowPadding = 2.0
	// maxRowHeight is the tallest row spreadsheet applications allow.
	maxRowHeight = 409.0
	// defaultWidth is the width, in characters, of a column the profile
	// gives no width.
	defaultWidth = 16.0
	// textPerWidth is how many characters of text a column holds per unit
	// of width: widths count the default font's digit, wider than the
	// average letter, so a line of text holds about a fifth more (rendered
	// in LibreOffice, 36 to 38 characters of prose and 30 of
	// "MCP-TRANSPORT-03 (asserted)" to a line of width 30 and 26). A little
	// less is used, so that rows rather get a line too many than too few.
	textPerWidth = 1.12
	// pathPerWidth is the same for paths, which break only at '/' (and, in
	// LibreOffice, '-'): a little under one (17 characters of a path to a
	// line of width 18).
	pathPerWidth = 0.95
)

// cellText is the text a cell value shows, for sizing its row.
func cellText(v any) string {
	switch v := v.(type) {
	case statusCell:
		return v.label
	case percentCell:
		return fmt.Sprintf("%.0f%%", 100*float64(v))
	case string:
		return v
	case nil:
		return ""
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	}
	return fmt.Sprint(v)
}

// wrappedLines estimates how many lines text takes when wrapped in a column
// width characters wide, the way spreadsheet applications wrap: each
// explicit line takes at least one; words (and path segments, which break
// after a '/') are placed on a line while they fit, and a word longer than
// a line takes as many lines as its length needs. A line of text holds
// more characters than the width, which counts digits; a path (a line with
// a '/' and no space) a few fewer.
func wrappedLines(text string, width float64) int {
	plain := max(1, int(width*textPerWidth))
	path := max(1, int(width*pathPerWidth+0.5))
	if len(text) <= min(plain, path) && strings.IndexByte(text, '\n') < 0 {
		// Fewer characters than bytes, and fewer than a line of either
		// kind holds: one line (most cells).
		return 1
	}
	n := 0
	for rest, more := text, true; more; {
		var line string
		line, rest, more = strings.Cut(rest, "\n")
		per := plain
		if !strings.Contains(line, " ") && strings.Contains(line, "/") {
			per = path
		}
		f := lineFill{per: per, lines: 1}
		// Words break after a space or a '/', each keeping its separator.
		start := 0
		for i := 0; i < len(line); i++ {
			if line[i] == ' ' || line[i] == '/' {
				f.place(line[start : i+1])
				start = i + 1
			}
		}
		if start < len(line) {
			f.place(line[start:])
		}
		n += f.lines
	}
	return n
}

// lineFill places the words of one line into wrapped lines of per
// characters.
type lineFill struct {
	per   int
	lines int // the wrapped lines so far
	used  int // characters on the last of them
}

func (f *lineFill) place(word string) {
	w := utf8.RuneCountInString(word)
	switch {
	case f.used > 0 && f.used+w <= f.per:
		f.used += w
	case f.used == 0 && w <= f.per:
		f.used = w
	default:
		if f.used > 0 {
			f.lines++
		}
		f.lines += (w - 1) / f.per
		f.used = (w-1)%f.per + 1
	}
}

// rowHeight is the height for a row whose tallest cell has lines lines, and
// false when the default height fits.
func rowHeight(lines int) (float64, bool) {
	if lines <= 1 {
		return 0, false
	}
	return min(float64(lines)*lineHeight+rowPadding, maxRowHeight), true
}

// printWidth is the total column width, in characters, that fits a
// landscape page (A4 or Letter, narrow margins) at a readable scale:
// about 75 %, so 11-point text prints at about 8 points.
const printWidth = 190.0

// printSetup makes a sheet print legibly: landscape, narrow margins, as
// many pages wide as its columns need at a readable scale (one for every
// sheet of the default layout; the first column is then repeated on each),
// as many pages tall as needed, with the header row repeated on every page.
func printSetup(f *excelize.File, sheet string, width float64) error {
	landscape, tall, fit := "landscape", 0, true
	wide := max(1, int(math.Ceil(width/printWidth)))
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return fmt.Errorf("sheet %q page layout: %w", sheet, err)
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("sheet %q fit to page: %w", sheet, err)
	}
	side, edge, band := 0.25, 0.4, 0.2
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: &edge, Bottom: &edge, Header: &band, Footer: &band}); err != nil {
		return fmt.Errorf("sheet %q margins: %w", sheet, err)
	}
	footer := "&L" + strings.ReplaceAll(sheet, "&", "&&") + "&RPage &P of &N"
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: footer}); err != nil {
		return fmt.Errorf("sheet %q footer: %w", sheet, err)
	}
	titles := fmt.Sprintf("%s!$1:$1", quoteSheet(sheet))
	if wide > 1 {
		titles = fmt.Sprintf("%s!$A:$A,%s!$1:$1", quoteSheet(sheet), quoteSheet(sheet))
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: titles, Scope: sheet}); err != nil {
		return fmt.Errorf("sheet %q print titles: %w", sheet, err)
	}
	return nil
}

// quoteSheet quotes a sheet name for use in a formula reference.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}
