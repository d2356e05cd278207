package history

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	resultsjson "github.com/tollgate-dev/tollgate/report/json"
)

// fleetRun is a run of a large fleet: n findings, of which the ones below
// fixedBelow are gone (fixed) and n/100 are new in this run.
func fleetRun(day, n, fixedBelow int) *resultsjson.Document {
	var fs []resultsjson.Finding
	for i := fixedBelow; i < n+day*n/100; i++ {
		fs = append(fs, finding(fmt.Sprintf("%032x", i), "MCP-SUPPLY-03", []string{"critical", "high", "medium", "low"}[i%4], "fail"))
	}
	return document(time.Date(2026, 1, 1+day, 0, 0, 0, 0, time.UTC).Format(time.RFC3339), 5, nil, fs...)
}

// BenchmarkRecord records one run of 10,000 findings into SQLite.
func BenchmarkRecord(b *testing.B) {
	s, err := Open(b.Context(), filepath.Join(b.TempDir(), "history.db"), true)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	docs := make([]*resultsjson.Document, b.N)
	for i := range docs {
		docs[i] = fleetRun(i, 10000, 0)
	}
	b.ResetTimer()
	for i := range b.N {
		if _, _, err := s.Record(b.Context(), docs[i], "out", "", recorded); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTrends computes the trends of 30 daily runs of 10,000 findings
// each (300,000 stored findings) in SQLite.
func BenchmarkTrends(b *testing.B) {
	s, err := Open(b.Context(), filepath.Join(b.TempDir(), "history.db"), true)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for day := range 30 {
		if _, _, err := s.Record(b.Context(), fleetRun(day, 10000, day*50), "out", "", recorded); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for range b.N {
		t, err := s.Trends(b.Context(), TrendOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if len(t.Runs) != 30 {
			b.Fatalf("%d runs", len(t.Runs))
		}
	}
}
