package html

import (
	"math"
	"strconv"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/controls"
)

// Charts are drawn as inline SVG with coordinates computed here, so the page
// needs no chart library and prints as it shows.

// barChart is a horizontal bar chart, one bar per category.
type barChart struct {
	Title         string
	Width, Height int
	Bars          []bar
}

type bar struct {
	Class, Label  string
	Count         int
	X, Y, W, H    string
	TextY, ValueX string
}

const (
	barLabelWidth = 90
	barMaxWidth   = 420
	barRow        = 28
	barThickness  = 20
)

// severityChart draws the unwaived failures per severity.
func severityChart(counts []severityCount) barChart {
	c := barChart{Title: "Unwaived failures by severity", Width: barLabelWidth + barMaxWidth + 50, Height: len(counts)*barRow + 4}
	max := 0
	for _, s := range counts {
		if s.Count > max {
			max = s.Count
		}
	}
	for i, s := range counts {
		w := 0.0
		if max > 0 {
			w = math.Max(2, float64(s.Count)*barMaxWidth/float64(max))
		}
		y := float64(i*barRow + 4)
		c.Bars = append(c.Bars, bar{Class: s.Severity, Label: s.Severity, Count: s.Count,
			X: itoa(barLabelWidth), Y: num(y), W: num(w), H: itoa(barThickness),
			TextY: num(y + barThickness/2), ValueX: num(barLabelWidth + w + 8)})
	}
	return c
}

// trendView is the trend section: two line charts and their data.
type trendView struct {
	Scope   string
	Charts  []lineChart
	Columns []string
	Runs    []trendRun
}

type trendRun struct {
	When  string
	Cells []string
}

type lineChart struct {
	Title         string
	Width, Height int
	Grid          []gridLine
	Series        []series
	XLabels       []axisLabel
}

type gridLine struct {
	X1, Y1, X2, Y2 string
	LX, LY, Label  string
}

type series struct {
	Name, Class string
	Points      string
	Dots        []dot
}

type dot struct{ X, Y, Label string }

type axisLabel struct{ X, Y, Label string }

const (
	chartW, chartH                  = 520, 230
	padLeft, padRight, padTop, padB = 44, 16, 14, 30
)

// trendOf draws the history's runs; nil when there are fewer than two.
func trendOf(h *assess.History) *trendView {
	if h == nil || len(h.Runs) < 2 {
		return nil
	}
	t := &trendView{Scope: h.Scope}
	sevSet := map[string]bool{}
	fwSet := map[string]bool{}
	for _, run := range h.Runs {
		for s := range run.Failures {
			sevSet[s] = true
		}
		for f := range run.MetOfAssessed {
			fwSet[f] = true
		}
	}
	var sevs []string
	for _, s := range controls.Severities {
		if sevSet[s] {
			sevs = append(sevs, s)
			delete(sevSet, s)
		}
	}
	sevs = append(sevs, sortedKeys(sevSet)...)
	fws := sortedKeys(fwSet)

	dates := make([]string, len(h.Runs))
	for i, run := range h.Runs {
		dates[i] = run.AssessedAt.UTC().Format("01-02")
	}
	failures := make([][]float64, len(sevs))
	maxFail := 1.0
	for i, s := range sevs {
		for _, run := range h.Runs {
			n := float64(run.Failures[s])
			failures[i] = append(failures[i], n)
			maxFail = math.Max(maxFail, n)
		}
	}
	satisfied := make([][]float64, len(fws))
	for i, f := range fws {
		for _, run := range h.Runs {
			satisfied[i] = append(satisfied[i], run.MetOfAssessed[f])
		}
	}
	top := niceCeiling(maxFail)
	fc := lineChart{Title: "Unwaived failures by severity", Width: chartW, Height: chartH}
	fc.axes(top, dates, func(v float64) string { return strconv.Itoa(int(v)) })
	for i, s := range sevs {
		class := "s" + strconv.Itoa(severityClass(s))
		fc.Series = append(fc.Series, fc.line(s, class, failures[i], top, dates, func(v float64) string { return strconv.Itoa(int(v)) }))
	}
	sc := lineChart{Title: "MCP scope met, percent of assessed requirements", Width: chartW, Height: chartH}
	sc.axes(100, dates, func(v float64) string { return strconv.Itoa(int(v)) + "%" })
	for i, f := range fws {
		class := "s" + strconv.Itoa(5+i%3)
		if i >= 3 {
			class = "s" + strconv.Itoa(i%5)
		}
		sc.Series = append(sc.Series, sc.line(f, class, satisfied[i], 100, dates, func(v float64) string { return num1(v) + "%" }))
	}
	t.Charts = []lineChart{fc, sc}

	for _, s := range sevs {
		t.Columns = append(t.Columns, s+" failures")
	}
	for _, f := range fws {
		t.Columns = append(t.Columns, f+" met")
	}
	for ri, run := range h.Runs {
		tr := trendRun{When: run.AssessedAt.UTC().Format("2006-01-02 15:04 UTC")}
		for i := range sevs {
			tr.Cells = append(tr.Cells, strconv.Itoa(int(failures[i][ri])))
		}
		for i := range fws {
			tr.Cells = append(tr.Cells, num1(satisfied[i][ri])+"%")
		}
		t.Runs = append(t.Runs, tr)
	}
	return t
}

// severityClass is a severity's colour slot (s0 critical … s4 info).
func severityClass(s string) int {
	if r := controls.SeverityRank(s); r >= 0 {
		return r
	}
	return 4
}

func (c *lineChart) x(i, n int) float64 {
	inner := float64(c.Width - padLeft - padRight)
	if n <= 1 {
		return padLeft + inner/2
	}
	return padLeft + inner*float64(i)/float64(n-1)
}

func (c *lineChart) y(v, top float64) float64 {
	inner := float64(c.Height - padTop - padB)
	return padTop + inner*(1-v/top)
}

// axes draws four horizontal grid lines with their values and a date
// under each run (thinned to at most eight).
func (c *lineChart) axes(top float64, dates []string, format func(float64) string) {
	for i := 0; i <= 4; i++ {
		v := top * float64(i) / 4
		y := c.y(v, top)
		c.Grid = append(c.Grid, gridLine{X1: itoa(padLeft), Y1: num(y), X2: itoa(c.Width - padRight), Y2: num(y),
			LX: "4", LY: num(y + 4), Label: format(v)})
	}
	step := (len(dates) + 7) / 8
	for i, d := range dates {
		if i%step != 0 && i != len(dates)-1 {
			continue
		}
		c.XLabels = append(c.XLabels, axisLabel{X: num(c.x(i, len(dates))), Y: itoa(c.Height - 10), Label: d})
	}
}

func (c *lineChart) line(name, class string, values []float64, top float64, dates []string, format func(float64) string) series {
	s := series{Name: name, Class: class}
	var pts []byte
	for i, v := range values {
		x, y := num(c.x(i, len(values))), num(c.y(v, top))
		if i > 0 {
			pts = append(pts, ' ')
		}
		pts = append(pts, x+","+y...)
		s.Dots = append(s.Dots, dot{X: x, Y: y, Label: name + ", " + dates[i] + ": " + format(v)})
	}
	s.Points = string(pts)
	return s
}

// niceCeiling rounds v up to 1, 2 or 5 times a power of ten, for axes.
func niceCeiling(v float64) float64 {
	if v <= 1 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}

// percent renders part of total as a whole percentage ("0%" for no total).
func percent(part, total int) string {
	if total == 0 {
		return "0%"
	}
	return strconv.Itoa(int(math.Round(float64(part)*100/float64(total)))) + "%"
}

// num renders a coordinate with at most two decimals, deterministically.
func num(v float64) string { return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64) }

// num1 renders a value with one decimal.
func num1(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

func itoa(n int) string { return strconv.Itoa(n) }
