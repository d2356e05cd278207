package oscal

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"runtime"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/assess/assesstest"
	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/mappings"
)

// fleetResults judges n generated server declarations with the built-in
// catalog and mappings, with one artifact per configuration file the
// declarations were read from.
func fleetResults(tb testing.TB, n int) *assess.Results {
	tb.Helper()
	cat, err := controls.Builtin()
	if err != nil {
		tb.Fatal(err)
	}
	maps, err := mappings.Builtin()
	if err != nil {
		tb.Fatal(err)
	}
	fleet := assesstest.Fleet(n, 1)
	seen := map[string]bool{}
	var artifacts []evidence.Artifact
	for _, s := range fleet {
		p := s.Metadata().Provenance
		if seen[p.File] {
			continue
		}
		seen[p.File] = true
		sum := sha256.Sum256([]byte("redacted " + p.File))
		artifacts = append(artifacts, evidence.Artifact{Path: p.File, BundlePath: "artifacts/" + p.File,
			SHA256: p.SHA256, RedactedSHA256: hex.EncodeToString(sum[:]), Format: "json", Size: 512})
	}
	r, err := assess.Run(context.Background(), assess.Input{
		Subjects: fleet, Artifacts: artifacts, Catalog: cat, Mappings: maps,
		Now: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), Tool: "tollgate", Version: "bench",
	})
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// BenchmarkWriteLargeFleet writes the assessment results and the plan of
// action and milestones for 10,000 generated server declarations, about
// the size of a large organisation's fleet. It reports the size of each
// document and the memory the process obtained from the system.
func BenchmarkWriteLargeFleet(b *testing.B) {
	r := fleetResults(b, 10000)
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
			for b.Loop() {
				n = 0
				if err := doc.write(&n, r, Options{EvidenceBase: "evidence/"}); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
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
	r := fleetResults(t, 300)
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
