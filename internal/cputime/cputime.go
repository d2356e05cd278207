// Package cputime reads the CPU time the process uses, for benchmarks of
// work spread over several cores, whose wall time alone hides what the
// cores spent.
package cputime

import (
	"testing"
	"time"
)

// Report reports the CPU time (user and system, every core) each op of b
// took since the process had used since (a Process value taken before the
// ops), as cpu-s/op. Where the time cannot be read it reports nothing.
func Report(b *testing.B, since time.Duration) {
	if now := Process(); now > 0 {
		b.ReportMetric((now-since).Seconds()/float64(b.N), "cpu-s/op")
	}
}
