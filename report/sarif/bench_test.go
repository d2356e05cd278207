package sarif

import (
	"io"
	"runtime"
	"testing"

	"github.com/tollgate-dev/tollgate/internal/cputime"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
)

// BenchmarkWriteFleet writes the SARIF log of 5,000 judged server
// declarations (the full catalog, so about 100,000 evaluations), with the
// CPU time of an op beside its wall time.
func BenchmarkWriteFleet(b *testing.B) {
	r := fixture.Fleet(b, 5000)
	runtime.GC()
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cputime.Process()
	for b.Loop() {
		if err := Write(io.Discard, r, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	cputime.Report(b, cpu)
}
