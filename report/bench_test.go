package report

import (
	"path/filepath"
	"runtime"
	"testing"

	"github.com/tollgate-dev/tollgate/internal/cputime"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
)

// BenchmarkWriteAllFleet writes every default report of 5,000 judged server
// declarations (the full catalog, about 100,000 evaluations) into a folder,
// as 'tollgate assess' does after evaluation: the formats streamed
// concurrently, one worker per core. It reports the CPU time of an op
// beside its wall time, since the workers share the cores.
func BenchmarkWriteAllFleet(b *testing.B) {
	r := fixture.Fleet(b, 5000)
	dir := filepath.Join(b.TempDir(), "out")
	runtime.GC()
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cputime.Process()
	for b.Loop() {
		if _, err := WriteAll(dir, r, nil, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	cputime.Report(b, cpu)
}
