package sarif

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/policy"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// TestStreamedIsTheLog checks that the results streamed one at a time make
// exactly the bytes of the whole log encoded at once, for the fixture (with
// waived findings and evaluation errors) and for a generated fleet, with
// and without a root, a baseline, the policy's artifact and an artifact
// without size or hash.
func TestStreamedIsTheLog(t *testing.T) {
	withBaseline := fixture.Results()
	known := map[string]bool{}
	for i, f := range view.New(withBaseline).Findings() {
		if i%2 == 0 {
			known[f.Fingerprint()] = true
		}
	}
	withBaseline.Baseline = &assess.Baseline{Source: "base.json", Known: known}
	withBaseline.Artifacts = append(withBaseline.Artifacts, evidence.Artifact{Path: "org policy.cue", Format: policy.Format},
		evidence.Artifact{Path: "unhashed file.json", Format: "json"})
	cases := map[string]struct {
		r    *assess.Results
		root string
	}{
		"fixture":          {fixture.Results(), "infra"},
		"fixture baseline": {withBaseline, ""},
		"fleet":            {fixture.Fleet(t, 300), "infra"},
		"fleet no root":    {fixture.Fleet(t, 300), "./"},
	}
	for name, c := range cases {
		r := c.r
		t.Run(name, func(t *testing.T) {
			opts := Options{Category: "tollgate", Root: c.root}
			x := view.New(r)
			doc, findings, index := document(x, opts)
			doc.Runs[0].Artifacts = artifacts(r, opts.Root)
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

// TestFileURIOfPlainPaths checks that a path fileURI returns as it is
// would be the same percent-encoded segment by segment.
func TestFileURIOfPlainPaths(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const alphabet = "aZ09-._~/: #%?@+é\x00"
	for range 20000 {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		p := string(b)
		if got, want := fileURI(p), escapeSegments(p); got != want {
			t.Fatalf("fileURI(%q) = %q, want %q", p, got, want)
		}
	}
	if !view.PlainPath("repos/web-frontend/.cursor/mcp.json") || view.PlainPath("a b/c") || view.PlainPath("c:/x") {
		t.Error("PlainPath misjudges a path")
	}
}

// artifacts are the log's artifacts of r as encoding/json encodes them.
func artifacts(r *assess.Results, root string) []artifact {
	var out []artifact
	for _, a := range r.Artifacts {
		if a.Format == policy.Format {
			continue
		}
		art := artifact{Location: artifactLoc{URI: fileURI(rooted(root, a.Path)), URIBaseID: srcRoot}, Length: a.Size}
		if a.SHA256 != "" {
			art.Hashes = map[string]string{"sha-256": a.SHA256}
		}
		out = append(out, art)
	}
	return out
}
