package junit

import (
	"io"
	"testing"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
)

// BenchmarkWriteFleet writes the report of 5,000 judged server
// declarations (the full catalog, so about 100,000 evaluations), with the
// CPU time of an op beside its wall time.
func BenchmarkWriteFleet(b *testing.B) {
	fixture.BenchmarkWrite(b, 5000, func(w io.Writer, r *assess.Results) error { return Write(w, r, Options{}) })
}
