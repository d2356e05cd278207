package markdown

import (
	"io"
	"runtime"
	"testing"

	"github.com/tollgate-dev/tollgate/report/internal/fixture"
)

// BenchmarkWriteFleet writes the report of 5,000 judged server
// declarations (the full catalog, so about 100,000 evaluations).
func BenchmarkWriteFleet(b *testing.B) {
	r := fixture.Fleet(b, 5000)
	runtime.GC()
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, r, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
