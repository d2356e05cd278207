package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvaluateMatchesAssess holds the promise of the two-stage workflow:
// collecting where the data is (collect -o bundle) and evaluating elsewhere
// (evaluate bundle) reports exactly what assess reports in one go.
func TestEvaluateMatchesAssess(t *testing.T) {
	config := filepath.Join(exampleDir, "tollgate.yaml")
	tmp := t.TempDir()
	bundle := filepath.Join(tmp, "bundle")
	oneGo := filepath.Join(tmp, "assess")
	twoStage := filepath.Join(tmp, "evaluate")

	if run := runTollgate(t, "collect", exampleDir, "-o", bundle, "--timestamp", fixedTimestamp); run.code != 0 {
		t.Fatalf("collect: exit %d: %v", run.code, run.err)
	}
	if _, err := os.Stat(filepath.Join(bundle, "manifest.json")); err != nil {
		t.Fatalf("collect -o wrote no bundle: %v", err)
	}
	common := []string{"--config", config, "--timestamp", fixedTimestamp, "--fail-on", "none", "-q"}
	if run := runTollgate(t, append([]string{"assess", exampleDir, "-o", oneGo}, common...)...); run.code != 0 {
		t.Fatalf("assess: exit %d: %v", run.code, run.err)
	}
	if run := runTollgate(t, append([]string{"evaluate", bundle, "-o", twoStage}, common...)...); run.code != 0 {
		t.Fatalf("evaluate: exit %d: %v", run.code, run.err)
	}
	for _, name := range []string{"results.json", "assessment-results.json", "poam.json", "tollgate.sarif", "junit.xml", "summary.md", "evidence/manifest.json"} {
		a, err := os.ReadFile(filepath.Join(oneGo, name))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(twoStage, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between assess and collect + evaluate", name)
		}
	}
}

// TestEvaluateRejectsTamperedBundle checks that evidence altered after
// collection is refused rather than reported on.
func TestEvaluateRejectsTamperedBundle(t *testing.T) {
	bundle := filepath.Join(t.TempDir(), "bundle")
	if run := runTollgate(t, "collect", exampleDir, "-o", bundle); run.code != 0 {
		t.Fatalf("collect: exit %d: %v", run.code, run.err)
	}
	artifact := filepath.Join(bundle, "artifacts", "repos", "payments-api", ".mcp.json")
	if err := os.WriteFile(artifact, []byte(`{"mcpServers": {}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	run := runTollgate(t, "evaluate", bundle, "-o", filepath.Join(t.TempDir(), "out"))
	if run.code != 2 {
		t.Fatalf("evaluate of a tampered bundle: exit %d, want 2 (%v)", run.code, run.err)
	}
	if !strings.Contains(run.err.Error(), "payments-api/.mcp.json") {
		t.Errorf("the error should name the altered artifact: %v", run.err)
	}
}
