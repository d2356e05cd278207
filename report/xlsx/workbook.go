package xlsx

import (
	"archive/zip"
	"compress/flate"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/report/engagement"
	"github.com/tollgate-dev/tollgate/report/internal/view"
	"github.com/tollgate-dev/tollgate/templates/workbook"
)

// Options configure the workbook.
type Options struct {
	// Profile names an embedded column profile ("" = "default").
	Profile string
	// Custom, when set, is used instead of the named profile.
	Custom *workbook.Profile
	// Engagement is what the cover sheet states about the assessment.
	Engagement engagement.Engagement
	// ManifestSHA256 is the hex sha256 of the evidence bundle's manifest
	// written with the workbook, which the cover states.
	ManifestSHA256 string
}

// Write renders r as an xlsx workbook to w.
func Write(w io.Writer, r *assess.Results, opts Options) error {
	return write(w, r, opts, false)
}

// write is Write; with throughStreamWriter, the rows of streamed sheets go
// through excelize's StreamWriter.SetRow, the reference for the rows
// written straight into the package (see sheetBodies).
func write(w io.Writer, r *assess.Results, opts Options, throughStreamWriter bool) error {
	if r == nil {
		return fmt.Errorf("write workbook: no results")
	}
	p := opts.Custom
	if p == nil {
		var err error
		if p, err = workbook.Load(opts.Profile); err != nil {
			return fmt.Errorf("write workbook: %w", err)
		}
	}
	if err := CheckProfile(p); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	f := excelize.NewFile()
	defer f.Close()
	var bodies sheetBodies
	if !throughStreamWriter {
		bodies = sheetBodies{}
	}
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		if bodies == nil {
			return fastZip(w)
		}
		return &splicingZip{ZipWriter: fastZip(w), bodies: bodies}
	})
	if err := build(f, r, p, opts, bodies); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	// The package is normalized from excelize's own buffer, not a copy.
	buf, err := f.WriteToBuffer()
	if err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	if err := normalize(w, buf.Bytes()); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}

// fastZip is the workbook's zip writer: it compresses the parts at
// flate.BestSpeed. A fleet's Findings and Inventory sheets hold hundreds
// of megabytes of repetitive XML, which the default level spent about a
// quarter of the workbook's time compressing to a file a third smaller.
func fastZip(w io.Writer) excelize.ZipWriter {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		fw, ok := flateWriters.Get().(*flate.Writer)
		if !ok {
			var err error
			if fw, err = flate.NewWriter(out, flate.BestSpeed); err != nil {
				return nil, err
			}
		} else {
			fw.Reset(out)
		}
		return &pooledFlate{fw}, nil
	})
	return zw
}

// flateWriters keeps the compressors of finished parts for the next ones:
// each holds about a megabyte of tables.
var flateWriters sync.Pool

// pooledFlate returns its compressor to flateWriters once closed.
type pooledFlate struct{ *flate.Writer }

func (p *pooledFlate) Close() error {
	if p.Writer == nil {
		return nil
	}
	err := p.Writer.Close()
	flateWriters.Put(p.Writer)
	p.Writer = nil
	return err
}

// book is what the sheets of one workbook are built from.
type book struct {
	x    *view.Index
	r    *assess.Results
	opts Options
	p    *workbook.Profile
	st   *styles
	// items are the findings as a plan of action states them (the order of
	// the Findings sheet and of poam.json).
	items view.Plan
	// findingsSheet is the name of the findings sheet ("" when the profile
	// has none), and findingRow the row of each finding on it, by
	// fingerprint, so requirement rows can link to their findings.
	findingsSheet string
	findingRow    map[string]int
	// evidenceOf caches the evidence of each control (see controlEvidence),
	// and evidenceOfSet that of each set of controls requirements map to,
	// by their sorted IDs.
	evidenceOf    map[string]*controlEvidence
	evidenceOfSet map[string]*setEvidence
	// subjects and files number the subjects and artifact paths the
	// controls' evidence sets hold.
	subjects, files indexer
	// defaultDropped says whether the first sheet was added (see newSheet).
	defaultDropped bool
	// bodies take the rows of streamed sheets, to be written as the
	// package is; nil when the rows go through the StreamWriter.
	bodies sheetBodies
}

func build(f *excelize.File, r *assess.Results, p *workbook.Profile, opts Options, bodies sheetBodies) error {
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	b := &book{x: view.For(r), r: r, opts: opts, p: p, st: st, findingRow: map[string]int{}, evidenceOf: map[string]*controlEvidence{}, evidenceOfSet: map[string]*setEvidence{},
		subjects: indexer{}, files: indexer{}, bodies: bodies}
	b.items = b.x.Plan(opts.Engagement)
	for _, s := range p.Sheets {
		if s.Kind == workbook.KindFindings {
			b.findingsSheet = s.Name
			for i := range b.items.Len() {
				b.findingRow[b.items.Finding(i).Fingerprint()] = i + 2
			}
		}
	}
	names := newNamer(p)
	first := ""
	for _, s := range p.Sheets {
		switch s.Kind {
		case workbook.KindFramework:
			for _, fw := range r.Frameworks {
				if fw.Framework == nil {
					continue
				}
				name := names.framework(fw.Framework.ID)
				if err := b.writeSheet(f, name, s, listed(b.requirementRows(fw))); err != nil {
					return err
				}
				first = orDefault(first, name)
			}
			continue
		case workbook.KindCover:
			err = b.writeSheet(f, s.Name, s, listed(b.coverRows()))
		case workbook.KindSummary:
			rows := summaryRows(r)
			if err := b.writeSheet(f, s.Name, s, listed(rows)); err != nil {
				return err
			}
			if err := addChart(f, s, len(rows)); err != nil {
				return err
			}
			if err := writeTrend(f, st, r); err != nil {
				return err
			}
		case workbook.KindFindings:
			err = b.writeSheet(f, s.Name, s, b.findingRows())
		case workbook.KindEvidence:
			err = b.writeSheet(f, s.Name, s, listed(artifactRows(b.x)))
		case workbook.KindInventory:
			err = b.writeSheet(f, s.Name, s, subjectRows(b.x))
		case workbook.KindWaivers:
			err = b.writeSheet(f, s.Name, s, listed(waiverRows(r)))
		}
		if err != nil {
			return err
		}
		first = orDefault(first, s.Name)
	}
	if first == "" {
		return fmt.Errorf("profile %s produced no sheet", p.Name)
	}
	// Setting the active sheet reads every sheet, streamed ones included,
	// back into memory: do it only when the first sheet is not active yet.
	if idx, err := f.GetSheetIndex(first); err == nil && idx >= 0 && idx != f.GetActiveSheetIndex() {
		f.SetActiveSheet(idx)
	}
	ts := r.Timestamp.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:          "Tollgate assessment workbook",
		Subject:        "MCP compliance assessment",
		Creator:        "Tollgate " + r.Version,
		LastModifiedBy: "Tollgate " + r.Version,
		Created:        ts,
		Modified:       ts,
		Keywords:       "tollgate; mcp; compliance; profile " + p.Name,
		Version:        fmt.Sprintf("%s v%d", p.Name, p.Version),
	}); err != nil {
		return fmt.Errorf("document properties: %w", err)
	}
	return nil
}

// sheetRows are the items a sheet has a row for, n of them, each made by
// at when its row is written: the rows of a streamed sheet are made one at
// a time, never all held. An item is used only until the next is made,
// which may reuse it.
type sheetRows struct {
	n  int
	at func(i int) any
}

// listed are the rows of items held in a slice.
func listed(items []any) sheetRows {
	return sheetRows{n: len(items), at: func(i int) any { return items[i] }}
}

// streamed are the kinds of sheet whose rows grow with the fleet (a row
// per finding, per stored file, per subject): their rows are streamed into
// the package as they are made (excelize's StreamWriter) instead of being
// held as cells of the workbook until it is written.
var streamed = map[string]bool{workbook.KindFindings: true, workbook.KindEvidence: true, workbook.KindInventory: true}

// writeSheet writes a header row and one row per item, styles them, sets
// widths, freezes the header, adds an autofilter, restricts what may be
// typed into the columns people fill in, and sets the sheet up to print.
func (b *book) writeSheet(f *excelize.File, name string, s workbook.Sheet, rows sheetRows) error {
	if err := b.newSheet(f, name); err != nil {
		return err
	}
	widths := make([]float64, len(s.Columns))
	headerLines := 1
	total := 0.0
	for i, c := range s.Columns {
		widths[i] = c.Width
		if widths[i] == 0 {
			widths[i] = defaultWidth
		}
		total += widths[i]
		headerLines = max(headerLines, wrappedLines(c.Header, widths[i]))
	}
	if streamed[s.Kind] {
		return b.streamSheet(f, name, s, rows, widths, headerLines, total)
	}
	st := b.st
	fns := fields[s.Kind]
	last := len(s.Columns)
	for i, c := range s.Columns {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(name, cell, c.Header); err != nil {
			return fmt.Errorf("sheet %q header: %w", name, err)
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(name, col, col, widths[i]); err != nil {
			return fmt.Errorf("sheet %q width: %w", name, err)
		}
	}
	if err := setRowHeight(f, name, 1, headerLines); err != nil {
		return err
	}
	lastCol, _ := excelize.ColumnNumberToName(last)
	if err := f.SetCellStyle(name, "A1", lastCol+"1", st.header); err != nil {
		return fmt.Errorf("sheet %q header style: %w", name, err)
	}
	if rows.n > 0 {
		if err := f.SetCellStyle(name, "A2", fmt.Sprintf("%s%d", lastCol, rows.n+1), st.body); err != nil {
			return fmt.Errorf("sheet %q body style: %w", name, err)
		}
	}
	for r := range rows.n {
		row := rows.at(r)
		lines := 1
		for i, c := range s.Columns {
			if c.Field == workbook.FieldBlank {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(i+1, r+2)
			v := fns[c.Field](row)
			if err := setCell(f, st, name, cell, v); err != nil {
				return fmt.Errorf("sheet %q cell %s: %w", name, cell, err)
			}
			lines = max(lines, wrappedLines(limit(cellText(v)), widths[i]))
		}
		if err := setRowHeight(f, name, r+2, lines); err != nil {
			return err
		}
	}
	for i, c := range s.Columns {
		if c.Input == workbook.InputDate {
			col, _ := excelize.ColumnNumberToName(i + 1)
			if err := f.SetCellStyle(name, col+"2", fmt.Sprintf("%s%d", col, max(rows.n+1, 2)), st.date); err != nil {
				return fmt.Errorf("sheet %q date style: %w", name, err)
			}
		}
	}
	if err := f.SetPanes(name, headerPanes()); err != nil {
		return fmt.Errorf("sheet %q freeze header: %w", name, err)
	}
	if err := b.filterAndRestrict(f, name, s, rows.n); err != nil {
		return err
	}
	return printSetup(f, name, total)
}

// streamSheet is writeSheet for a streamed kind of sheet: the cells are
// those writeSheet sets, with the same styles (the body's, a date input
// column's, or a value's own) and row heights, written row by row.
func (b *book) streamSheet(f *excelize.File, name string, s workbook.Sheet, rows sheetRows, widths []float64, headerLines int, total float64) error {
	st := b.st
	// The stream writes the sheet's properties first: the print setup,
	// which fits the sheet to the page, comes before any row.
	if err := printSetup(f, name, total); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return fmt.Errorf("sheet %q: %w", name, err)
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return fmt.Errorf("sheet %q width: %w", name, err)
		}
	}
	if err := sw.SetPanes(headerPanes()); err != nil {
		return fmt.Errorf("sheet %q freeze header: %w", name, err)
	}
	cells := make([]any, len(s.Columns))
	for i, c := range s.Columns {
		cells[i] = excelize.Cell{StyleID: st.header, Value: c.Header}
	}
	if err := sw.SetRow("A1", cells, rowOpts(headerLines)); err != nil {
		return fmt.Errorf("sheet %q header: %w", name, err)
	}
	if b.bodies != nil && rows.n > 0 {
		b.bodies[sheetPart(sw.SheetID)] = func(w io.Writer) error { return b.writeRows(w, s, rows, widths) }
	} else if err := b.streamRows(f, sw, name, s, rows, widths); err != nil {
		return err
	}
	if rows.n == 0 {
		// As writeSheet does, a date input column's first row is styled
		// for a date even when the sheet has no rows.
		dates, styled := make([]any, len(s.Columns)), false
		for i, c := range s.Columns {
			if c.Input == workbook.InputDate {
				dates[i], styled = excelize.Cell{StyleID: st.date}, true
			}
		}
		if styled {
			if err := sw.SetRow("A2", dates); err != nil {
				return fmt.Errorf("sheet %q row 2: %w", name, err)
			}
		}
	}
	if err := b.filterAndRestrict(f, name, s, rows.n); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("sheet %q: %w", name, err)
	}
	return nil
}

// columnFields are the field functions of the columns of sheet s, nil
// for a blank column.
func columnFields(s workbook.Sheet) []fieldFunc {
	fns := make([]fieldFunc, len(s.Columns))
	for i, c := range s.Columns {
		if c.Field != workbook.FieldBlank {
			fns[i] = fields[s.Kind][c.Field]
		}
	}
	return fns
}

// rowCells sets cells to the cells of item's row of sheet s, whose
// columns' fields are fns, as setCell would set them (the value, and the
// body's style, a date input column's, or the value's own), and returns
// the lines its tallest cell takes when its columns are widths wide.
// links[i] is the link of column i's cell, if any.
func (b *book) rowCells(s workbook.Sheet, fns []fieldFunc, item any, widths []float64, cells []excelize.Cell, links []*linkCell) int {
	st := b.st
	lines := 1
	for i, c := range s.Columns {
		var v any
		if fns[i] != nil {
			v = fns[i](item)
			lines = max(lines, wrappedLines(limit(cellText(v)), widths[i]))
		}
		value, style, link := st.streamedCell(v)
		if c.Input == workbook.InputDate {
			style = st.date
		}
		cells[i] = excelize.Cell{StyleID: style, Value: value}
		links[i] = link
	}
	return lines
}

// streamRows writes the rows of a streamed sheet through the stream
// writer sw.
func (b *book) streamRows(f *excelize.File, sw *excelize.StreamWriter, name string, s workbook.Sheet, rows sheetRows, widths []float64) error {
	// The rows' cells are set in one array the row points into: SetRow
	// writes a row before it returns, and a Cell in an interface would be
	// allocated for every cell.
	row := make([]excelize.Cell, len(s.Columns))
	links := make([]*linkCell, len(s.Columns))
	cells := make([]any, len(s.Columns))
	for i := range cells {
		cells[i] = &row[i]
	}
	fns := columnFields(s)
	for r := range rows.n {
		lines := b.rowCells(s, fns, rows.at(r), widths, row, links)
		for i, link := range links {
			if link == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(i+1, r+2)
			if err := f.SetCellHyperLink(name, cell, link.target, "Location", excelize.HyperlinkOpts{Tooltip: &link.tooltip}); err != nil {
				return fmt.Errorf("sheet %q cell %s: %w", name, cell, err)
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(cell, cells, rowOpts(lines)); err != nil {
			return fmt.Errorf("sheet %q row %d: %w", name, r+2, err)
		}
	}
	return nil
}

// writeRows writes the rows of a streamed sheet, the same XML streamRows
// has the stream writer write, to w. The rows' links would have to be
// added to the sheet before it is written: no streamed kind of sheet has
// a field that links.
func (b *book) writeRows(w io.Writer, s workbook.Sheet, rows sheetRows, widths []float64) error {
	enc := newRowEncoder(len(s.Columns))
	row := make([]excelize.Cell, len(s.Columns))
	links := make([]*linkCell, len(s.Columns))
	fns := columnFields(s)
	for r := range rows.n {
		lines := b.rowCells(s, fns, rows.at(r), widths, row, links)
		for i, link := range links {
			if link != nil {
				return fmt.Errorf("%s sheet, column %q: a streamed sheet cannot link", s.Kind, s.Columns[i].Header)
			}
		}
		if err := enc.row(r+2, rowOpts(lines).Height, row); err != nil {
			return fmt.Errorf("row %d: %w", r+2, err)
		}
		if len(enc.buf) >= rowsChunk || r == rows.n-1 {
			if _, err := w.Write(enc.buf); err != nil {
				return err
			}
			enc.buf = enc.buf[:0]
		}
	}
	return nil
}

// rowsChunk is how much row XML writeRows gathers before it writes.
const rowsChunk = 64 << 10

// defaultSheet is the sheet excelize.NewFile starts with.
const defaultSheet = "Sheet1"

// newSheet adds a sheet. The first sheet a profile adds replaces the
// default sheet (unless it has the default's name), so that the default is
// dropped before any sheet is streamed: dropping a sheet reads every other
// one, streamed ones included, back into memory.
func (b *book) newSheet(f *excelize.File, name string) error {
	if _, err := f.NewSheet(name); err != nil {
		return fmt.Errorf("sheet %q: %w", name, err)
	}
	if b.defaultDropped {
		return nil
	}
	b.defaultDropped = true
	if strings.EqualFold(name, defaultSheet) {
		return nil
	}
	if err := f.DeleteSheet(defaultSheet); err != nil {
		return fmt.Errorf("drop the default sheet: %w", err)
	}
	return nil
}

// headerPanes freeze a sheet's header row.
func headerPanes() *excelize.Panes {
	return &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}
}

// rowOpts give a streamed row the height of lines lines of text, when that
// is more than one (see setRowHeight).
func rowOpts(lines int) excelize.RowOpts {
	h, _ := rowHeight(lines)
	return excelize.RowOpts{Height: h}
}

// filterAndRestrict adds the autofilter over a sheet's header and rows and
// restricts what may be typed into the columns people fill in.
func (b *book) filterAndRestrict(f *excelize.File, name string, s workbook.Sheet, rows int) error {
	lastCol, _ := excelize.ColumnNumberToName(len(s.Columns))
	lastRow := max(rows+1, 2)
	if err := f.AutoFilter(name, fmt.Sprintf("A1:%s%d", lastCol, lastRow), nil); err != nil {
		return fmt.Errorf("sheet %q autofilter: %w", name, err)
	}
	for i, c := range s.Columns {
		if c.Input != "" {
			if err := b.restrictInput(f, name, i+1, lastRow, c.Input); err != nil {
				return err
			}
		}
	}
	return nil
}

// setRowHeight gives a row the height of lines lines of text, when that is
// more than one.
func setRowHeight(f *excelize.File, sheet string, row, lines int) error {
	h, ok := rowHeight(lines)
	if !ok {
		return nil
	}
	if err := f.SetRowHeight(sheet, row, h); err != nil {
		return fmt.Errorf("sheet %q row %d height: %w", sheet, row, err)
	}
	return nil
}

func setCell(f *excelize.File, st *styles, sheet, cell string, v any) error {
	switch v := v.(type) {
	case linkCell:
		if v.text == "" {
			return nil
		}
		if err := f.SetCellStr(sheet, cell, limit(v.text)); err != nil {
			return err
		}
		if v.target == "" {
			return nil
		}
		if err := f.SetCellHyperLink(sheet, cell, v.target, "Location", excelize.HyperlinkOpts{Tooltip: &v.tooltip}); err != nil {
			return err
		}
		return f.SetCellStyle(sheet, cell, cell, st.link)
	case statusCell:
		if err := f.SetCellStr(sheet, cell, v.label); err != nil {
			return err
		}
		if id, ok := st.status[v.key]; ok {
			return f.SetCellStyle(sheet, cell, cell, id)
		}
		return nil
	case percentCell:
		if err := f.SetCellFloat(sheet, cell, float64(v), -1, 64); err != nil {
			return err
		}
		return f.SetCellStyle(sheet, cell, cell, st.percent)
	case string:
		if v == "" {
			return nil
		}
		return f.SetCellStr(sheet, cell, limit(v))
	default:
		return f.SetCellValue(sheet, cell, v)
	}
}

// streamedCell is what setCell writes for v, for a streamed row: the
// value, its style (the body's unless the value has its own) and the link
// to add, if any.
func (st *styles) streamedCell(value any) (any, int, *linkCell) {
	switch v := value.(type) {
	case linkCell:
		if v.text == "" {
			return nil, st.body, nil
		}
		if v.target == "" {
			return limit(v.text), st.body, nil
		}
		return limit(v.text), st.link, &v
	case statusCell:
		if id, ok := st.status[v.key]; ok {
			return v.label, id, nil
		}
		return v.label, st.body, nil
	case percentCell:
		return float64(v), st.percent, nil
	case string:
		if v == "" {
			return nil, st.body, nil
		}
		if text := limit(v); len(text) != len(v) {
			return text, st.body, nil
		}
	}
	return value, st.body, nil
}

// maxCell is the most characters a spreadsheet cell holds.
const maxCell = 32767

// limit keeps text within a cell's limit. Text is always stored as a string
// cell, so a spreadsheet never evaluates it as a formula.
func limit(s string) string {
	// Counted before any copy: nearly every cell is far below the limit.
	if len(s) <= maxCell || utf8.RuneCountInString(s) <= maxCell {
		return s
	}
	return string([]rune(s)[:maxCell-1]) + "…"
}
