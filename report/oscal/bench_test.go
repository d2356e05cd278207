package oscal

import (
	"bytes"
	"io"
	"runtime"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/internal/cputime"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
)

// BenchmarkWriteLargeFleet writes the assessment results and the plan of
// action and milestones for 10,000 generated server declarations, about
// the size of a large organisation's fleet. It reports the size of each
// document, the CPU time an op took and the memory the process obtained
// from the system. The options carry the digests of the plan and the
// manifest, as when the reports of a run are written together.
func BenchmarkWriteLargeFleet(b *testing.B) {
	r := fixture.Fleet(b, 10000)
	opts := Options{EvidenceBase: "evidence/", PlanSHA256: fixture.Hash("plan"), ManifestSHA256: fixture.Hash("manifest")}
	for _, doc := range []struct {
		name  string
		write func(io.Writer, *assess.Results, Options) error
	}{
		{"assessment-results", Write},
		{"poam", WritePOAM},
	} {
		b.Run(doc.name, func(b *testing.B) {
			runtime.GC()
			b.ReportAllocs()
			var n countingWriter
			cpu := cputime.Process()
			for b.Loop() {
				n = 0
				if err := doc.write(&n, r, opts); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			cputime.Report(b, cpu)
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(n)/(1<<20), "out-MiB")
			b.ReportMetric(float64(ms.Sys)/(1<<20), "sys-MiB")
		})
	}
}

// countingWriter counts the bytes written to it.
type countingWriter int64

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}

// TestWriteIsWhatMarshalValidates checks that the streamed documents are,
// byte for byte, the ones Marshal validates against the OSCAL schema (the
// same UUIDs, derived from one encoding instead of two), also when values
// hold the characters json.Marshal escapes for HTML.
func TestWriteIsWhatMarshalValidates(t *testing.T) {
	r := fixture.Fleet(t, 300)
	for i, s := range r.Subjects {
		if i%7 == 0 {
			s.Metadata().Name += " <a&b>"
		}
	}
	// A history dates some findings earlier, which adds properties to
	// their items and a log to their risks.
	r.History = &assess.History{Scope: "default", FirstSeen: map[string]time.Time{}}
	n := 0
	for _, cr := range r.Controls {
		for _, e := range cr.Evaluations {
			if e.Verdict == assess.VerdictFail {
				if n++; n%3 == 0 {
					r.History.FirstSeen[e.Fingerprint()] = r.Timestamp.AddDate(0, 0, -n)
				}
			}
		}
	}
	if n < 10 {
		t.Fatalf("the fleet has %d failures, want several", n)
	}
	for _, doc := range []struct {
		name    string
		write   func(io.Writer, *assess.Results, Options) error
		marshal func(*assess.Results, Options) ([]byte, error)
	}{
		{"assessment-plan", WritePlan, MarshalPlan},
		{"assessment-results", Write, Marshal},
		{"poam", WritePOAM, MarshalPOAM},
	} {
		t.Run(doc.name, func(t *testing.T) {
			opts := Options{EvidenceBase: "evidence/"}
			var streamed bytes.Buffer
			if err := doc.write(&streamed, r, opts); err != nil {
				t.Fatal(err)
			}
			validated, err := doc.marshal(r, opts)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(streamed.Bytes(), validated) {
				t.Fatalf("written %d bytes differ from the %d validated bytes", streamed.Len(), len(validated))
			}
			if !bytes.Contains(validated, []byte("<a&b>")) {
				t.Fatal("the names with HTML characters are not in the document")
			}
		})
	}
}
