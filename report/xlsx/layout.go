package xlsx

import (
	"fmt"
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
	}
	return fmt.Sprint(v)
}

// wrappedLines estimates how many lines text takes when wrapped in a column
// width characters wide: each explicit line takes at least one, and a long
// line as many as its length in characters needs.
func wrappedLines(text string, width float64) int {
	per := int(width)
	if per < 1 {
		per = 1
	}
	n := 0
	for _, line := range strings.Split(text, "\n") {
		n += max(1, (utf8.RuneCountInString(line)+per-1)/per)
	}
	return n
}

// rowHeight is the height for a row whose tallest cell has lines lines, and
// false when the default height fits.
func rowHeight(lines int) (float64, bool) {
	if lines <= 1 {
		return 0, false
	}
	return min(float64(lines)*lineHeight+rowPadding, maxRowHeight), true
}

// printSetup makes a sheet print legibly: landscape, one page wide (as many
// pages tall as needed), with the header row repeated on every page.
func printSetup(f *excelize.File, sheet string) error {
	landscape, wide, tall, fit := "landscape", 1, 0, true
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return fmt.Errorf("sheet %q page layout: %w", sheet, err)
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("sheet %q fit to page: %w", sheet, err)
	}
	if err := f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("%s!$1:$1", quoteSheet(sheet)),
		Scope:    sheet,
	}); err != nil {
		return fmt.Errorf("sheet %q print titles: %w", sheet, err)
	}
	return nil
}

// quoteSheet quotes a sheet name for use in a formula reference.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}
