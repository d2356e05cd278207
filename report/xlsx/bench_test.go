package xlsx_test

import (
	"io"
	"testing"

	"github.com/tollgate-dev/tollgate/assess/assesstest"
	"github.com/tollgate-dev/tollgate/internal/cputime"
	"github.com/tollgate-dev/tollgate/pipeline/pipelinetest"
	"github.com/tollgate-dev/tollgate/report/xlsx"
)

// BenchmarkWriteFleet writes the workbook of a generated fleet of 5,000
// servers, 200 workloads and 5 gateways.
func BenchmarkWriteFleet(b *testing.B) {
	_, r := pipelinetest.JudgeFleet(b, assesstest.FilesSpec{Servers: 5000, Workloads: 200, Gateways: 5, Seed: 1})
	var size int64
	cpu := cputime.Process()
	for b.Loop() {
		var n countingWriter
		if err := xlsx.Write(&n, r, xlsx.Options{}); err != nil {
			b.Fatal(err)
		}
		size = int64(n)
	}
	cputime.Report(b, cpu)
	b.ReportMetric(float64(size)/(1<<20), "MiB/workbook")
}

// countingWriter counts what is written to it.
type countingWriter int64

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}

var _ io.Writer = (*countingWriter)(nil)
