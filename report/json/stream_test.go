package json

import (
	"bytes"
	stdjson "encoding/json"
	"testing"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
)

// TestStreamingIsTheEncoding checks that results.json, written a top-level
// array element at a time, is byte for byte what encoding/json writes for
// the whole document, indented and compact.
func TestStreamingIsTheEncoding(t *testing.T) {
	r := fixture.Results()
	r.Subjects[0].Metadata().Name += " <a&b>"
	check(t, r, true)
	// With nothing judged, the deferred controls and subjects are written
	// as the empty arrays the document holds.
	empty := fixture.Results()
	empty.Subjects, empty.Controls = nil, nil
	check(t, empty, false)
}

// check compares results.json as Write streams it with encoding/json's
// encoding of Build's document.
func check(t *testing.T, r *assess.Results, withHTML bool) {
	t.Helper()
	doc := Build(r)
	for _, compact := range []bool{false, true} {
		var want bytes.Buffer
		enc := stdjson.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if !compact {
			enc.SetIndent("", "  ")
		}
		if err := enc.Encode(doc); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := Write(&got, r, Options{Compact: compact}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("compact=%v: streamed results.json (%d bytes) differs from the encoding (%d bytes)", compact, got.Len(), want.Len())
		}
		if withHTML && !bytes.Contains(got.Bytes(), []byte("<a&b>")) {
			t.Error("HTML characters are escaped")
		}
	}
}
