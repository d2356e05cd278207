package xlsx

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/tollgate-dev/tollgate/templates/workbook"
)

// chartTextColour is the colour of the chart's title and axis labels.
const chartTextColour = "404040"

// chartSeries are the summary fields drawn in the chart, with their colours.
var chartSeries = []struct{ field, colour string }{
	{"satisfied", "70AD47"},
	{"not_satisfied", "C00000"},
	{"waived", "5B9BD5"},
	{"not_assessed", "A5A5A5"},
	{"manual", "FFC000"},
	{"error", "ED7D31"},
}

// addChart draws a stacked bar per framework from the summary's status
// columns, below the table. It draws nothing when the profile's summary has
// no status column or there is no framework.
func addChart(f *excelize.File, s workbook.Sheet, rows int) error {
	if rows == 0 {
		return nil
	}
	col := map[string]int{}
	for i, c := range s.Columns {
		if _, dup := col[c.Field]; !dup {
			col[c.Field] = i + 1
		}
	}
	catCol := col["framework.title"]
	if catCol == 0 {
		catCol = col["framework.id"]
	}
	ref := func(c, r1, r2 int) string {
		name, _ := excelize.ColumnNumberToName(c)
		if r1 == r2 {
			return fmt.Sprintf("%s!$%s$%d", quoteSheet(s.Name), name, r1)
		}
		return fmt.Sprintf("%s!$%s$%d:$%s$%d", quoteSheet(s.Name), name, r1, name, r2)
	}
	var series []excelize.ChartSeries
	for _, cs := range chartSeries {
		c := col[cs.field]
		if c == 0 {
			continue
		}
		ser := excelize.ChartSeries{
			Name:   ref(c, 1, 1),
			Values: ref(c, 2, rows+1),
			Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{cs.colour}},
		}
		if catCol > 0 {
			ser.Categories = ref(catCol, 2, rows+1)
		}
		series = append(series, ser)
	}
	if len(series) == 0 {
		return nil
	}
	// Below the table, so it is on screen next to the numbers and prints on
	// the same page width.
	anchor, _ := excelize.CoordinatesToCellName(1, rows+3)
	vary := false
	labels := excelize.Font{Color: chartTextColour, Size: 9}
	err := f.AddChart(s.Name, anchor, &excelize.Chart{
		Type:       excelize.BarStacked,
		VaryColors: &vary,
		Series:     series,
		Title:      excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Requirements by status", Font: &excelize.Font{Color: chartTextColour, Size: 14}}}},
		Legend:     excelize.ChartLegend{Position: "bottom"},
		// Frameworks top to bottom in table order.
		XAxis:     excelize.ChartAxis{ReverseOrder: true, Font: labels},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, Font: labels},
		Dimension: excelize.ChartDimension{Width: 720, Height: uint(200 + 40*rows)},
	})
	if err != nil {
		return fmt.Errorf("summary chart: %w", err)
	}
	return nil
}
