package xlsx_test

import (
	"context"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/assess/assesstest"
	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/pipeline"
	"github.com/tollgate-dev/tollgate/report/xlsx"
)

// BenchmarkWriteFleet writes the workbook of a generated fleet of 5,000
// servers, 200 workloads and 5 gateways.
func BenchmarkWriteFleet(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "fleet")
	if _, err := assesstest.WriteFleetFiles(dir, assesstest.FilesSpec{Servers: 5000, Workloads: 200, Gateways: 5, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	bundle, err := pipeline.Collect(ctx, collectors.Request{Paths: []string{dir}, Root: dir, Now: now, Version: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	r, err := pipeline.Evaluate(ctx, bundle, pipeline.EvaluateOptions{Now: now, Version: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	var size int64
	for b.Loop() {
		var n countingWriter
		if err := xlsx.Write(&n, r, xlsx.Options{}); err != nil {
			b.Fatal(err)
		}
		size = int64(n)
	}
	b.ReportMetric(float64(size)/(1<<20), "MiB/workbook")
}

// countingWriter counts what is written to it.
type countingWriter int64

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}

var _ io.Writer = (*countingWriter)(nil)
