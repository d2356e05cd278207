package xlsx

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// withHistory gives the fixture a history of three runs, this one last, in
// which its first finding was first seen two months earlier.
func withHistory(r *assess.Results) *assess.Results {
	day := func(m time.Month) time.Time { return time.Date(2026, m, 1, 0, 0, 0, 0, time.UTC) }
	h := &assess.History{Store: "history.db", Scope: "default", Previous: day(2), New: 1, Fixed: 2, FirstSeen: map[string]time.Time{}}
	for i, m := range []time.Month{1, 2, 3} {
		h.Runs = append(h.Runs, assess.HistoryRun{AssessedAt: day(m),
			Failures:      map[string]int{"critical": 3 - i, "high": 2},
			Satisfied:     map[string]float64{"nist-800-53-rev5": float64(10 * (i + 1)), "gdpr": 50},
			MetOfAssessed: map[string]float64{"nist-800-53-rev5": float64(20 * (i + 1)), "gdpr": 100}})
	}
	h.FirstSeen[view.New(r).Findings()[0].Fingerprint()] = day(1)
	r.History = h
	return r
}

func TestTrendSheet(t *testing.T) {
	r := withHistory(fixture.Results())
	f := open(t, render(t, r, Options{}))
	sheets := f.GetSheetList()
	at := slices.Index(sheets, "Summary")
	if at < 0 || at+1 >= len(sheets) || sheets[at+1] != "Trend" {
		t.Fatalf("sheets = %v, want the Trend sheet after the Summary", sheets)
	}
	rows, err := f.GetRows("Trend")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 {
		t.Fatalf("%d rows, want a header and three runs", len(rows))
	}
	header := strings.Join(rows[0], "|")
	if !strings.HasPrefix(header, "Assessed|gdpr met % of assessed|iso-27001-2022 met % of assessed|nist-800-53-rev5 met % of assessed|Failures: critical") {
		t.Errorf("header = %s", header)
	}
	nist := slices.Index(rows[0], "nist-800-53-rev5 met % of assessed")
	var got []string
	for _, row := range rows[1:] {
		got = append(got, row[0]+" "+row[nist]+" "+row[len(row)-1])
	}
	// The share is that of assessed requirements, as on the Summary.
	want := []string{"2026-01-01 00:00 20% 5", "2026-02-01 00:00 40% 4", "2026-03-01 00:00 60% 3"}
	if !slices.Equal(got, want) {
		t.Errorf("runs = %q, want %q", got, want)
	}
	var charts []string
	for name, content := range parts(t, render(t, r, Options{})) {
		if strings.HasPrefix(name, "xl/charts/chart") && strings.Contains(content, "Trend") {
			charts = append(charts, content)
		}
	}
	if len(charts) != 2 {
		t.Fatalf("%d charts on the Trend sheet, want 2 (met share, failures by severity)", len(charts))
	}
	all := strings.ReplaceAll(strings.Join(charts, ""), "&#39;", "'")
	for _, want := range []string{"MCP scope met, % of assessed requirements", "Open failures by severity", "'Trend'!$D$2:$D$4", "'Trend'!$A$2:$A$4"} {
		if !strings.Contains(all, want) {
			t.Errorf("trend charts lack %q", want)
		}
	}
	// Findings say when each was first seen.
	findings, err := f.GetRows("Findings")
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(findings[0], "First seen")
	if col < 0 || findings[1][col] != "2026-01-01" || findings[2][col] != r.Timestamp.UTC().Format("2006-01-02") {
		t.Errorf("first seen column %d: %q, %q", col, findings[1], findings[2])
	}
}

func TestNoTrendSheetWithoutHistory(t *testing.T) {
	f := open(t, render(t, fixture.Results(), Options{}))
	if slices.Contains(f.GetSheetList(), "Trend") {
		t.Error("a run without history has no Trend sheet")
	}
}
