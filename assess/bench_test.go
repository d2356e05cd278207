package assess

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/assess/assesstest"
	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/internal/cputime"
	"github.com/tollgate-dev/tollgate/policy"
)

// BenchmarkRunFleet judges the built-in catalog over 50,000 generated
// server declarations. Target: under 10 s and 1 GiB on two cores.
func BenchmarkRunFleet(b *testing.B) {
	cat, err := controls.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	fleet := assesstest.Fleet(50000, 1)
	in := Input{Subjects: fleet, Catalog: cat, Now: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}
	runtime.GC()
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cputime.Process()
	var stats controls.Stats
	for b.Loop() {
		res, s, err := run(context.Background(), in)
		if err != nil {
			b.Fatal(err)
		}
		stats = s
		if len(res.Controls) != len(cat.Controls) {
			b.Fatalf("got %d control results", len(res.Controls))
		}
	}
	b.StopTimer()
	cputime.Report(b, cpu)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(stats.Hits)/float64(stats.Hits+stats.Misses)*100, "hit%")
	b.ReportMetric(float64(stats.Misses), "misses")
	b.ReportMetric(float64(ms.Sys)/(1<<20), "sys-MiB")
	b.ReportMetric(float64(len(cat.Controls)), "controls")
}

// BenchmarkRunFleetWithPolicy is BenchmarkRunFleet with an organisation
// policy: a starting policy written from half the fleet (so the other half
// holds shadow servers and other versions) with one requirement, judged for
// every server before the catalog. The difference with BenchmarkRunFleet is
// the policy's cost.
func BenchmarkRunFleetWithPolicy(b *testing.B) {
	cat, err := controls.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	fleet := assesstest.Fleet(50000, 1)
	src := string(policy.Init(fleet[:len(fleet)/2])) + `
required: "remote-oauth": {
	description: "Remote servers use OAuth"
	subject:     "server"
	when: remote: url: string
	check: auth: kind: "oauth" | "oauth-capable"
}
`
	p, err := policy.Parse([]policy.File{{Path: "policy.cue", Data: []byte(src)}})
	if err != nil {
		b.Fatal(err)
	}
	in := Input{Subjects: fleet, Catalog: cat, Policy: p, Now: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}
	runtime.GC()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		res, _, err := run(context.Background(), in)
		if err != nil {
			b.Fatal(err)
		}
		if res.Policy == nil {
			b.Fatal("no policy record")
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(len(p.Approved)), "approved")
}
