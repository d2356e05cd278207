package sarif

import (
	"bytes"
	"testing"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// TestStreamedIsTheLog checks that the results streamed one at a time make
// exactly the bytes of the whole log encoded at once, for the fixture (with
// waived findings and evaluation errors) and for a generated fleet.
func TestStreamedIsTheLog(t *testing.T) {
	for name, r := range map[string]*assess.Results{"fixture": fixture.Results(), "fleet": fixture.Fleet(t, 300)} {
		t.Run(name, func(t *testing.T) {
			opts := Options{Category: "tollgate", Root: "infra"}
			x := view.New(r)
			doc, findings, index := document(x, opts)
			for _, f := range findings {
				doc.Runs[0].Results = append(doc.Runs[0].Results, buildResult(x, f, index[f.Control.ID], opts.Root))
			}
			var want bytes.Buffer
			if err := encodeLog(&want, doc); err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := Write(&got, r, opts); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("streamed SARIF (%d bytes) differs from the encoded log (%d bytes)", got.Len(), want.Len())
			}
			if len(findings) < 2 {
				t.Fatalf("%d findings: the comparison would prove little", len(findings))
			}
		})
	}
}

// TestStreamedWithoutFindings checks the log of an assessment with nothing
// to report: an empty results array, as code scanning expects.
func TestStreamedWithoutFindings(t *testing.T) {
	r := fixture.Results()
	for i := range r.Controls {
		r.Controls[i].Evaluations = nil
	}
	var got bytes.Buffer
	if err := Write(&got, r, Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(got.Bytes(), []byte(`"results": []`)) {
		t.Errorf("log without findings has no empty results array:\n%s", got.Bytes())
	}
}
