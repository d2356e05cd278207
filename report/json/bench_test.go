package json

import (
	"io"
	"runtime"
	"testing"

	"github.com/tollgate-dev/tollgate/report/internal/fixture"
)

// BenchmarkWriteFleet writes results.json for 5,000 judged server
// declarations (the full catalog, so about 100,000 evaluations) alone, as
// 'tollgate assess --format json' does, on one goroutine and with an
// encoder per core.
func BenchmarkWriteFleet(b *testing.B) {
	r := fixture.Fleet(b, 5000)
	for _, bc := range []struct {
		name     string
		encoders int
	}{{"sequential", 1}, {"parallel", runtime.GOMAXPROCS(0)}} {
		b.Run(bc.name, func(b *testing.B) {
			runtime.GC()
			b.ReportAllocs()
			for b.Loop() {
				doc, later := build(r)
				if err := encodeDocument(io.Discard, doc, false, later, bc.encoders); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
