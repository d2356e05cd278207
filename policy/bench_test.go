package policy

import (
	"testing"

	"github.com/tollgate-dev/tollgate/assess/assesstest"
)

// BenchmarkJudge judges 50,000 generated servers against a starting policy
// written from half of them: matching every server with the approved and
// denied entries, before any control runs.
func BenchmarkJudge(b *testing.B) {
	fleet := assesstest.Fleet(50000, 1)
	p, err := Parse([]File{{Path: "policy.cue", Data: Init(fleet[:len(fleet)/2])}})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := p.Judge(fleet); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(p.Approved)), "approved")
}
