package jsonvalue_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/tollgate-dev/tollgate/assess/assesstest"
	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/internal/jsonvalue"
	"github.com/tollgate-dev/tollgate/pipeline/pipelinetest"
)

// BenchmarkSubjects turns every subject collected from a generated fleet
// (2,000 servers, 500 workloads, 5 gateways, with their sources and
// clients) into the map controls read: through JSON (encoded with
// encoding/json, decoded with a controls.Decoder), as the engine once did,
// and with a Converter. One op is the whole fleet.
func BenchmarkSubjects(b *testing.B) {
	bundle := pipelinetest.CollectFleet(b, assesstest.FilesSpec{Servers: 2000, Workloads: 500, Gateways: 5, Seed: 1})
	subjects := bundle.Subjects
	b.Run("json", func(b *testing.B) {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		var dec controls.Decoder
		b.ReportAllocs()
		for b.Loop() {
			for _, s := range subjects {
				buf.Reset()
				if err := enc.Encode(s); err != nil {
					b.Fatal(err)
				}
				if _, err := dec.Decode(buf.Bytes()); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(subjects)), "ns/subject")
	})
	b.Run("converter", func(b *testing.B) {
		var c jsonvalue.Converter
		b.ReportAllocs()
		for b.Loop() {
			for _, s := range subjects {
				if _, err := c.Map(s); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(subjects)), "ns/subject")
	})
}
