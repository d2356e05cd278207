package oscal

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/pipeline"
	"github.com/tollgate-dev/tollgate/report/oscal/oscaltest"
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

// TestDocumentsFromRealEngine renders what the engine really produces
// (organisation-wide manual evaluations, subjects of every kind, sources
// with parse errors) as the assessment plan, results and POA&M, validates
// each against NIST's schema, checks that every reference resolves, and
// that every file a resource links resolves, relative to the documents, to
// a file of the written bundle whose SHA-256 is the one stated.
func TestDocumentsFromRealEngine(t *testing.T) {
	for _, in := range realInputs {
		t.Run(in.name, func(t *testing.T) {
			if _, err := os.Stat(in.dir); err != nil {
				if in.optional {
					t.Skipf("%s absent: %v", in.dir, err)
				}
				t.Fatal(err)
			}
			r, bundle := realResults(t, in.dir)
			files, err := evidence.EncodeBundle(bundle)
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(files[evidence.ManifestFile])
			opts := testOptions()
			opts.ManifestSHA256 = hex.EncodeToString(sum[:])

			plan, err := MarshalPlan(r, opts)
			if err != nil {
				t.Fatalf("plan: %v", err)
			}
			ar, err := Marshal(r, opts)
			if err != nil {
				t.Fatalf("results: %v", err)
			}
			poam, err := MarshalPOAM(r, opts)
			if err != nil {
				t.Fatalf("POA&M: %v", err)
			}
			oscaltest.Validate(t, oscaltest.AssessmentPlan, plan)
			oscaltest.Validate(t, oscaltest.AssessmentResults, ar)
			oscaltest.Validate(t, oscaltest.POAM, poam)
			checkReferences(t, plan)
			checkReferences(t, ar, plan)
			checkReferences(t, poam)

			out := t.TempDir()
			if err := evidence.WriteBundle(filepath.Join(out, "evidence"), bundle); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(out, PlanFile), plan, 0o644); err != nil {
				t.Fatal(err)
			}
			linked := 0
			for _, doc := range [][]byte{ar, poam, plan} {
				for _, res := range deref(decodeAny(t, doc)) {
					for _, l := range deref(res.Rlinks) {
						if l.Hashes == nil || strings.HasPrefix(l.Href, "http") {
							continue
						}
						linked++
						checkFile(t, out, l.Href, (*l.Hashes)[0].Value)
					}
				}
			}
			if linked == 0 {
				t.Error("no resource links a file with a hash")
			}
		})
	}
}

// decodeAny returns the back-matter resources of any OSCAL document.
func decodeAny(t *testing.T, data []byte) *[]oscalTypes.Resource {
	m := decode(t, data)
	switch {
	case m.AssessmentResults != nil && m.AssessmentResults.BackMatter != nil:
		return m.AssessmentResults.BackMatter.Resources
	case m.AssessmentPlan != nil && m.AssessmentPlan.BackMatter != nil:
		return m.AssessmentPlan.BackMatter.Resources
	case m.PlanOfActionAndMilestones != nil && m.PlanOfActionAndMilestones.BackMatter != nil:
		return m.PlanOfActionAndMilestones.BackMatter.Resources
	}
	return nil
}

// checkFile resolves href against the folder holding the documents and
// compares the file's SHA-256 with want.
func checkFile(t *testing.T, base, href, want string) {
	t.Helper()
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
