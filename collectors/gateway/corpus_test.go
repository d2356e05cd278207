package gateway

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/pending"
	"github.com/tollgate-dev/tollgate/evidence"
)

// corpusDir is the shared corpus of real MCP configuration files.
const corpusDir = "../../../shared/corpus"

// gatewayCorpus are the corpus folders of gateway products.
var gatewayCorpus = []string{"agentgateway", "docker-mcp-gateway", "toolhive", "contextforge", "litellm"}

// TestCorpusGolden collects the gateway folders of the corpus with the
// gateway analyzers (and the recognisers of files other collectors read) and
// compares every subject with testdata/golden/corpus.json: the gateway and
// server subjects each file yields, and each file's status and
// diagnostics. Per-file expectations in control terms live in
// pipeline/corpus_test.go.
func TestCorpusGolden(t *testing.T) {
	if _, err := os.Stat(filepath.Join(corpusDir, "INDEX.md")); err != nil {
		t.Skip("corpus not present at ../shared/corpus")
	}
	var paths []string
	for _, d := range gatewayCorpus {
		paths = append(paths, filepath.Join(corpusDir, d))
	}
	analyzers := append(Analyzers(), pending.Analyzers()...)
	out, err := files.Collect(context.Background(), files.Options{Root: corpusDir, Paths: paths, Now: fixedNow, Version: "test"}, analyzers)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range out.Subjects {
		if err := evidence.ValidateSubject(s); err != nil {
			t.Errorf("%s: %v", s.Metadata().ID, err)
		}
	}
	sort.SliceStable(out.Subjects, func(i, j int) bool { return out.Subjects[i].Metadata().ID < out.Subjects[j].Metadata().ID })
	got, err := json.MarshalIndent(out.Subjects, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "corpus.json", append(got, '\n'))
}
