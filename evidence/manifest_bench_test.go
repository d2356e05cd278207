package evidence_test

import (
	"io"
	"runtime"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/assess/assesstest"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/cputime"
)

// BenchmarkManifestFleet writes the manifest of a bundle of 5,000 server
// declarations, as every assessment does beside its reports, and reports
// the CPU time of an op beside its wall time.
func BenchmarkManifestFleet(b *testing.B) {
	bundle := &evidence.Bundle{Created: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), Subjects: assesstest.Fleet(5000, 1)}
	for i, s := range bundle.Subjects {
		p := s.Metadata().Provenance
		bundle.Artifacts = append(bundle.Artifacts, evidence.Artifact{Path: p.File, SHA256: p.SHA256, Format: "json", Size: int64(512 + i)})
	}
	_, write, err := evidence.EncodeBundleFiles(bundle)
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cputime.Process()
	for b.Loop() {
		if err := write(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	cputime.Report(b, cpu)
}
