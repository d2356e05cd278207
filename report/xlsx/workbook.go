package xlsx

import (
	"bytes"
	"fmt"
	"io"
	"time"

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
	if err := build(f, r, p, opts); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	data, err := normalize(buf.Bytes())
	if err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	if _, err := w.Write(data); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
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
	items []view.PlanItem
	// findingsSheet is the name of the findings sheet ("" when the profile
	// has none), and findingRow the row of each finding on it, by
	// fingerprint, so requirement rows can link to their findings.
	findingsSheet string
	findingRow    map[string]int
	// evidenceOf caches the evidence of each control (see controlEvidence),
	// and unions the counts of subjects and files judged by sets of them.
	evidenceOf map[string]*controlEvidence
	unions     map[string][2]int
}

func build(f *excelize.File, r *assess.Results, p *workbook.Profile, opts Options) error {
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	b := &book{x: view.New(r), r: r, opts: opts, p: p, st: st, findingRow: map[string]int{}, evidenceOf: map[string]*controlEvidence{}, unions: map[string][2]int{}}
	b.items = b.x.PlanItems(opts.Engagement)
	for _, s := range p.Sheets {
		if s.Kind == workbook.KindFindings {
			b.findingsSheet = s.Name
			for i, it := range b.items {
				b.findingRow[it.Fingerprint()] = i + 2
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
				if err := b.writeSheet(f, name, s, b.requirementRows(fw)); err != nil {
					return err
				}
				first = orDefault(first, name)
			}
			continue
		case workbook.KindCover:
			err = b.writeSheet(f, s.Name, s, b.coverRows())
		case workbook.KindSummary:
			rows := summaryRows(r)
			if err := b.writeSheet(f, s.Name, s, rows); err != nil {
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
			err = b.writeSheet(f, s.Name, s, artifactRows(b.x))
		case workbook.KindInventory:
			err = b.writeSheet(f, s.Name, s, subjectRows(b.x))
		case workbook.KindWaivers:
			err = b.writeSheet(f, s.Name, s, waiverRows(r))
		}
		if err != nil {
			return err
		}
		first = orDefault(first, s.Name)
	}
	if first == "" {
		return fmt.Errorf("profile %s produced no sheet", p.Name)
	}
	// NewFile starts with Sheet1: drop it unless the profile uses that name.
	if !names.used["sheet1"] {
		if err := f.DeleteSheet("Sheet1"); err != nil {
			return fmt.Errorf("drop the default sheet: %w", err)
		}
	}
	if idx, err := f.GetSheetIndex(first); err == nil && idx >= 0 {
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

// writeSheet writes a header row and one row per item, styles them, sets
// widths, freezes the header, adds an autofilter, restricts what may be
// typed into the columns people fill in, and sets the sheet up to print.
func (b *book) writeSheet(f *excelize.File, name string, s workbook.Sheet, rows []any) error {
	st := b.st
	if _, err := f.NewSheet(name); err != nil {
		return fmt.Errorf("sheet %q: %w", name, err)
	}
	fns := fields[s.Kind]
	last := len(s.Columns)
	widths := make([]float64, last)
	headerLines := 1
	for i, c := range s.Columns {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(name, cell, c.Header); err != nil {
			return fmt.Errorf("sheet %q header: %w", name, err)
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		widths[i] = c.Width
		if widths[i] == 0 {
			widths[i] = defaultWidth
		}
		if err := f.SetColWidth(name, col, col, widths[i]); err != nil {
			return fmt.Errorf("sheet %q width: %w", name, err)
		}
		headerLines = max(headerLines, wrappedLines(c.Header, widths[i]))
	}
	if err := setRowHeight(f, name, 1, headerLines); err != nil {
		return err
	}
	lastCol, _ := excelize.ColumnNumberToName(last)
	if err := f.SetCellStyle(name, "A1", lastCol+"1", st.header); err != nil {
		return fmt.Errorf("sheet %q header style: %w", name, err)
	}
	if len(rows) > 0 {
		if err := f.SetCellStyle(name, "A2", fmt.Sprintf("%s%d", lastCol, len(rows)+1), st.body); err != nil {
			return fmt.Errorf("sheet %q body style: %w", name, err)
		}
	}
	for r, row := range rows {
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
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("sheet %q freeze header: %w", name, err)
	}
	lastRow := len(rows) + 1
	if lastRow < 2 {
		lastRow = 2
	}
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
	total := 0.0
	for _, w := range widths {
		total += w
	}
	return printSetup(f, name, total)
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

// maxCell is the most characters a spreadsheet cell holds.
const maxCell = 32767

// limit keeps text within a cell's limit. Text is always stored as a string
// cell, so a spreadsheet never evaluates it as a formula.
func limit(s string) string {
	if r := []rune(s); len(r) > maxCell {
		s = string(r[:maxCell-1]) + "…"
	}
	return s
}
