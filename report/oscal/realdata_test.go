package oscal

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/pipeline"
)

// realInputs are trees the real collectors and engine are run over; the
// shared corpus is skipped where it is absent.
var realInputs = []struct {
	name, dir string
	optional  bool
}{
	{name: "example", dir: filepath.Join("..", "..", "examples", "acme")},
	{name: "corpus", dir: filepath.Join("..", "..", "..", "shared", "corpus"), optional: true},
}

// realResults collects and evaluates dir with the built-in catalog and
// mappings, the way `tollgate assess` does.
func realResults(t *testing.T, dir string) (*assess.Results, *evidence.Bundle) {
	t.Helper()
	now := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	ctx := context.Background()
	bundle, err := pipeline.Collect(ctx, collectors.Request{Paths: []string{dir}, Now: now, Version: "test"})
	if err != nil {
		t.Fatalf("collect %s: %v", dir, err)
	}
	r, err := pipeline.Evaluate(ctx, bundle, pipeline.EvaluateOptions{Now: now, Version: "test"})
	if err != nil {
		t.Fatalf("evaluate %s: %v", dir, err)
	}
	return r, bundle
}

// TestAssessmentResultsFromRealEngine renders what the engine really
// produces (organisation-wide manual evaluations, subjects of every kind,
// sources with parse errors) and checks that the document validates, that
// manual controls are recorded without a subject, and that every evidence
// href resolves, relative to the OSCAL file, to a bundle file whose SHA-256
// is the one the document states.
func TestAssessmentResultsFromRealEngine(t *testing.T) {
	for _, in := range realInputs {
		t.Run(in.name, func(t *testing.T) {
			if _, err := os.Stat(in.dir); err != nil {
				if in.optional {
					t.Skipf("%s absent: %v", in.dir, err)
				}
				t.Fatal(err)
			}
			r, bundle := realResults(t, in.dir)
			var manual int
			for _, cr := range r.Controls {
				for _, e := range cr.Evaluations {
					if e.SubjectID == "" {
						manual++
					}
				}
			}
			if manual == 0 {
				t.Fatal("the engine produced no organisation-wide evaluation; this test no longer covers them")
			}

			data, err := Marshal(r, Options{EvidenceBase: "evidence/"})
			if err != nil {
				t.Fatalf("marshal: %v", err)
			}
			validateNIST(t, "oscal_assessment-results_schema.json", data)

			out := t.TempDir()
			if err := evidence.WriteBundle(filepath.Join(out, "evidence"), bundle); err != nil {
				t.Fatal(err)
			}
			d := decodeAR(t, data)
			var hrefs, manifests, orgObservations int
			for _, res := range d.AR.Results {
				for _, o := range res.Observations {
					if len(o.Subjects) == 0 && propValue(o.Props, "verdict") != "" {
						orgObservations++
					}
					for _, e := range o.Evidence {
						switch {
						case e.Href == "":
						case propValue(e.Props, "evidence-kind") == "bundle-manifest":
							manifests++
							checkManifest(t, out, e.Href, len(bundle.Artifacts))
						default:
							hrefs++
							checkHref(t, out, e.Href, propValue(e.Props, "redacted-sha256"))
						}
					}
				}
			}
			if hrefs == 0 {
				t.Error("no relevant evidence carries an href")
			}
			if manifests == 0 {
				t.Error("no relevant evidence points at the bundle manifest")
			}
			if orgObservations == 0 {
				t.Error("no observation records an organisation-wide verdict")
			}
		})
	}
}

// checkManifest resolves href against the folder holding the OSCAL file and
// checks that it is the bundle manifest, listing every artifact.
func checkManifest(t *testing.T, base, href string, artifacts int) {
	t.Helper()
	if href != "evidence/"+evidence.ManifestFile {
		t.Errorf("manifest href %q is not the bundle manifest", href)
		return
	}
	data, err := os.ReadFile(filepath.Join(base, "evidence", evidence.ManifestFile))
	if err != nil {
		t.Errorf("manifest href %q does not resolve: %v", href, err)
		return
	}
	var m struct {
		Artifacts []json.RawMessage `json:"artifacts"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Errorf("manifest %q: %v", href, err)
		return
	}
	if len(m.Artifacts) != artifacts {
		t.Errorf("manifest %q lists %d artifacts, the bundle holds %d", href, len(m.Artifacts), artifacts)
	}
}

// checkHref resolves href against the folder holding the OSCAL file and
// compares the file's digest with want.
func checkHref(t *testing.T, base, href, want string) {
	t.Helper()
	if !strings.HasPrefix(href, "evidence/artifacts/") {
		t.Errorf("href %q does not point into the evidence bundle", href)
		return
	}
	u, err := url.Parse(href)
	if err != nil || u.IsAbs() {
		t.Errorf("href %q is not a relative URI reference: %v", href, err)
		return
	}
	data, err := os.ReadFile(filepath.Join(base, filepath.FromSlash(u.Path)))
	if err != nil {
		t.Errorf("href %q does not resolve: %v", href, err)
		return
	}
	sum := sha256.Sum256(data)
	if got := hex.EncodeToString(sum[:]); got != want {
		t.Errorf("href %q: sha256 %s, document says %q", href, got, want)
	}
}

func TestPathHref(t *testing.T) {
	tests := []struct{ in, want string }{
		{"artifacts/repo/.mcp.json", "artifacts/repo/.mcp.json"},
		{"evidence/artifacts/my repo/mcp #1.json", "evidence/artifacts/my%20repo/mcp%20%231.json"},
		{"artifacts/100%/a?.json", "artifacts/100%25/a%3F.json"},
		{"c:/Users/x/mcp.json", "./c:/Users/x/mcp.json"},
		{"/home/x/.cursor/mcp.json", "/home/x/.cursor/mcp.json"},
		{"artifacts/Ünïcode.json", "artifacts/%C3%9Cn%C3%AFcode.json"},
		{"", "."},
	}
	for _, tt := range tests {
		if got := pathHref(tt.in); got != tt.want {
			t.Errorf("pathHref(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if _, err := url.Parse(pathHref(tt.in)); err != nil {
			t.Errorf("pathHref(%q) does not parse: %v", tt.in, err)
		}
	}
}

func TestURIReference(t *testing.T) {
	tests := []struct{ in, want string }{
		{" https://modelcontextprotocol.io/specification ", "https://modelcontextprotocol.io/specification"},
		{"https://example.com/a b?q=1&r=<2>", "https://example.com/a%20b?q=1&r=%3C2%3E"},
		{"https://example.com/%7Euser/100%", "https://example.com/%7Euser/100%25"},
		{"https://example.com/ünï", "https://example.com/%C3%BCn%C3%AF"},
		{"   ", ""},
	}
	for _, tt := range tests {
		if got := uriReference(tt.in); got != tt.want {
			t.Errorf("uriReference(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
