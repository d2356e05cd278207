package xlsx

import (
	"fmt"
	"slices"

	"github.com/xuri/excelize/v2"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/controls"
)

// trendSheet is the name of the sheet written when the run has a history.
const trendSheet = "Trend"

// The widths of the Trend sheet's date column, framework columns and
// failure columns, and its header row's height in points (room for four
// wrapped lines).
const (
	trendDateWidth      = 17
	trendFrameworkWidth = 14
	trendFailuresWidth  = 10
	trendHeaderHeight   = 60
)

// writeTrend writes the Trend sheet — one row per run of the history, this
// run last: each framework's share of assessed requirements whose MCP scope
// was met (the Summary's "Met % of assessed") and the failures by severity —
// with a line chart of the shares and a column chart of the failures. It
// writes nothing without a history. Its columns are narrow with wrapped
// headers, so that it prints one page wide.
func writeTrend(f *excelize.File, st *styles, r *assess.Results) error {
	h := r.History
	if h == nil || len(h.Runs) == 0 {
		return nil
	}
	var frameworks []string
	for _, fw := range r.Frameworks {
		if fw.Framework != nil {
			frameworks = append(frameworks, fw.Framework.ID)
		}
	}
	headers := []string{"Assessed"}
	for _, id := range frameworks {
		headers = append(headers, id+" met % of assessed")
	}
	severities := slices.Clone(controls.Severities)
	for _, s := range severities {
		headers = append(headers, "Failures: "+s)
	}
	headers = append(headers, "Failures")
	if _, err := f.NewSheet(trendSheet); err != nil {
		return fmt.Errorf("sheet %q: %w", trendSheet, err)
	}
	width := 0.0
	for i, title := range headers {
		w := float64(trendFailuresWidth)
		switch {
		case i == 0:
			w = trendDateWidth
		case i <= len(frameworks):
			w = trendFrameworkWidth
		}
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(trendSheet, cell, title); err != nil {
			return fmt.Errorf("sheet %q: %w", trendSheet, err)
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		width += w
		if err := f.SetColWidth(trendSheet, col, col, w); err != nil {
			return fmt.Errorf("sheet %q: %w", trendSheet, err)
		}
	}
	lastCol, _ := excelize.ColumnNumberToName(len(headers))
	if err := f.SetCellStyle(trendSheet, "A1", lastCol+"1", st.header); err != nil {
		return fmt.Errorf("sheet %q: %w", trendSheet, err)
	}
	if err := f.SetRowHeight(trendSheet, 1, trendHeaderHeight); err != nil {
		return fmt.Errorf("sheet %q: %w", trendSheet, err)
	}
	if err := f.SetCellStyle(trendSheet, "A2", fmt.Sprintf("%s%d", lastCol, len(h.Runs)+1), st.body); err != nil {
		return fmt.Errorf("sheet %q: %w", trendSheet, err)
	}
	for i, run := range h.Runs {
		row := []any{run.AssessedAt.UTC().Format("2006-01-02 15:04")}
		for _, id := range frameworks {
			if v, ok := run.MetOfAssessed[id]; ok {
				row = append(row, percentCell(v/100))
			} else {
				row = append(row, "")
			}
		}
		total := 0
		for _, s := range severities {
			row = append(row, run.Failures[s])
			total += run.Failures[s]
		}
		row = append(row, total)
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
			if err := setCell(f, st, trendSheet, cell, v); err != nil {
				return fmt.Errorf("sheet %q cell %s: %w", trendSheet, cell, err)
			}
		}
	}
	if err := f.SetPanes(trendSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("sheet %q: %w", trendSheet, err)
	}
	if err := trendCharts(f, len(h.Runs), len(frameworks), len(severities)); err != nil {
		return err
	}
	return printSetup(f, trendSheet, width)
}

// severityColours colour the failures chart, most severe first.
var severityColours = []string{"7B0000", "C00000", "ED7D31", "FFC000", "A5A5A5"}

// trendCharts draws, below the table, the satisfied share of each framework
// as lines and the failures by severity as stacked columns, run by run.
func trendCharts(f *excelize.File, runs, frameworks, severities int) error {
	ref := func(c, r1, r2 int) string {
		name, _ := excelize.ColumnNumberToName(c)
		if r1 == r2 {
			return fmt.Sprintf("%s!$%s$%d", quoteSheet(trendSheet), name, r1)
		}
		return fmt.Sprintf("%s!$%s$%d:$%s$%d", quoteSheet(trendSheet), name, r1, name, r2)
	}
	dates := ref(1, 2, runs+1)
	labels := excelize.Font{Color: chartTextColour, Size: 9}
	title := func(s string) excelize.ChartTitle {
		return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: s, Font: &excelize.Font{Color: chartTextColour, Size: 14}}}}
	}
	var lines []excelize.ChartSeries
	for i := range frameworks {
		lines = append(lines, excelize.ChartSeries{Name: ref(i+2, 1, 1), Categories: dates, Values: ref(i+2, 2, runs+1),
			Marker: excelize.ChartMarker{Symbol: "circle", Size: 5}})
	}
	anchor, _ := excelize.CoordinatesToCellName(1, runs+3)
	if len(lines) > 0 {
		if err := f.AddChart(trendSheet, anchor, &excelize.Chart{
			Type: excelize.Line, Series: lines, Title: title("MCP scope met, % of assessed requirements"),
			Legend:    excelize.ChartLegend{Position: "bottom"},
			XAxis:     excelize.ChartAxis{Font: labels},
			YAxis:     excelize.ChartAxis{MajorGridLines: true, Font: labels, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0%"}},
			Dimension: excelize.ChartDimension{Width: 720, Height: 320},
		}); err != nil {
			return fmt.Errorf("trend chart: %w", err)
		}
	}
	var columns []excelize.ChartSeries
	for i := range severities {
		c := 2 + frameworks + i
		columns = append(columns, excelize.ChartSeries{Name: ref(c, 1, 1), Categories: dates, Values: ref(c, 2, runs+1),
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{severityColours[i%len(severityColours)]}}})
	}
	anchor, _ = excelize.CoordinatesToCellName(1, runs+21)
	vary := false
	if err := f.AddChart(trendSheet, anchor, &excelize.Chart{
		Type: excelize.ColStacked, VaryColors: &vary, Series: columns, Title: title("Open failures by severity"),
		Legend:    excelize.ChartLegend{Position: "bottom"},
		XAxis:     excelize.ChartAxis{Font: labels},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, Font: labels},
		Dimension: excelize.ChartDimension{Width: 720, Height: 320},
	}); err != nil {
		return fmt.Errorf("failures chart: %w", err)
	}
	return nil
}
