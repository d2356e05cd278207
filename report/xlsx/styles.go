package xlsx

import (
	"fmt"
	"maps"
	"slices"

	"github.com/xuri/excelize/v2"
)

// Fill colours of status cells.
const (
	colourGreen  = "C6EFCE"
	colourRed    = "FFC7CE"
	colourGrey   = "D9D9D9"
	colourAmber  = "FFEB9C"
	colourOrange = "F8CBAD"
	colourBlue   = "DDEBF7"
	colourHeader = "1F3864"
)

// statusFills maps a status or verdict key to its fill colour.
var statusFills = map[string]string{
	"satisfied":     colourGreen,
	"pass":          colourGreen,
	"not-satisfied": colourRed,
	"fail":          colourRed,
	"open":          colourRed,
	"not-assessed":  colourGrey,
	"manual":        colourAmber,
	"waived":        colourBlue,
	"risk-accepted": colourBlue,
	"error":         colourOrange,
}

// styles holds the style IDs of one workbook.
type styles struct {
	header  int
	body    int
	percent int
	date    int
	link    int
	status  map[string]int
}

func newStyles(f *excelize.File) (*styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1},
	}
	s := &styles{status: map[string]int{}}
	var err error
	s.header, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF", Family: "Calibri"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colourHeader}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		Border:    border,
	})
	if err != nil {
		return nil, fmt.Errorf("header style: %w", err)
	}
	s.body, err = f.NewStyle(&excelize.Style{
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
		Border:    border,
	})
	if err != nil {
		return nil, fmt.Errorf("body style: %w", err)
	}
	s.percent, err = f.NewStyle(&excelize.Style{
		NumFmt:    9, // 0%
		Alignment: &excelize.Alignment{Vertical: "top"},
		Border:    border,
	})
	if err != nil {
		return nil, fmt.Errorf("percent style: %w", err)
	}
	s.link, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Color: "1F4E79", Underline: "single"},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
		Border:    border,
	})
	if err != nil {
		return nil, fmt.Errorf("link style: %w", err)
	}
	dateFmt := "yyyy-mm-dd"
	s.date, err = f.NewStyle(&excelize.Style{
		CustomNumFmt: &dateFmt,
		Alignment:    &excelize.Alignment{Vertical: "top"},
		Border:       border,
	})
	if err != nil {
		return nil, fmt.Errorf("date style: %w", err)
	}
	for _, key := range slices.Sorted(maps.Keys(statusFills)) {
		id, err := f.NewStyle(&excelize.Style{
			Font:      &excelize.Font{Bold: true, Family: "Calibri"},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{statusFills[key]}},
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
			Border:    border,
		})
		if err != nil {
			return nil, fmt.Errorf("status style %s: %w", key, err)
		}
		s.status[key] = id
	}
	return s, nil
}
