package html_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/pipeline"
	htmlreport "github.com/tollgate-dev/tollgate/report/html"
)

// BenchmarkWriteFleet renders the report of 300 repositories, each with the
// example's web-frontend Cursor configuration (1,200 subjects).
func BenchmarkWriteFleet(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("..", "..", "examples", "acme", "repos", "web-frontend", ".cursor", "mcp.json"))
	if err != nil {
		b.Fatal(err)
	}
	root := b.TempDir()
	for i := range 300 {
		dir := filepath.Join(root, "repo"+strconv.Itoa(i), ".cursor")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "mcp.json"), src, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	ctx := context.Background()
	now := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	bundle, err := pipeline.Collect(ctx, collectors.Request{Paths: []string{root}, Now: now, Version: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	r, err := pipeline.Evaluate(ctx, bundle, pipeline.EvaluateOptions{Now: now, Version: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	var size int
	for b.Loop() {
		var buf bytes.Buffer
		if err := htmlreport.Write(&buf, r, htmlreport.Options{EvidenceBase: "evidence/"}); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size)/(1<<20), "MiB/report")
	b.ReportMetric(float64(len(r.Subjects)), "subjects")
}
