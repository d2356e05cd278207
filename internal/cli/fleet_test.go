package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMergedBundlesEqualAssessingBothTrees holds the promise of fleet
// evaluation: bundles collected separately, each labelled with its origin,
// evaluate to exactly what assessing their trees at once reports, the
// origin standing for the folder each tree was collected from. A bundle
// collected twice is merged, not counted twice.
func TestMergedBundlesEqualAssessingBothTrees(t *testing.T) {
	parent := t.TempDir()
	for _, tree := range []string{"repos", "workstations"} {
		if err := os.CopyFS(filepath.Join(parent, tree), os.DirFS(filepath.Join(exampleDir, tree))); err != nil {
			t.Fatal(err)
		}
	}
	tmp := t.TempDir()
	repos, again, stations := filepath.Join(tmp, "repos"), filepath.Join(tmp, "repos-again"), filepath.Join(tmp, "stations")
	for _, c := range []struct{ tree, origin, out string }{
		{"repos", "repos", repos}, {"repos", "repos", again}, {"workstations", "workstations", stations},
	} {
		run := runTollgate(t, "collect", filepath.Join(parent, c.tree), "--origin", c.origin, "-o", c.out, "--timestamp", fixedTimestamp)
		if run.code != 0 {
			t.Fatalf("collect %s: exit %d: %v", c.tree, run.code, run.err)
		}
	}
	common := []string{"--timestamp", fixedTimestamp, "--fail-on", "none", "-q"}
	merged := filepath.Join(tmp, "merged")
	if run := runTollgate(t, append([]string{"evaluate", stations, repos, again, "-o", merged}, common...)...); run.code != 0 {
		t.Fatalf("evaluate: exit %d: %v", run.code, run.err)
	}
	both := filepath.Join(tmp, "both")
	t.Chdir(parent)
	if run := runTollgate(t, append([]string{"assess", "repos", "workstations", "-o", both}, common...)...); run.code != 0 {
		t.Fatalf("assess: exit %d: %v", run.code, run.err)
	}

	for _, name := range []string{"results.json", "assessment-plan.json", "assessment-results.json", "poam.json", "tollgate.sarif", "junit.xml", "summary.md"} {
		a, err := os.ReadFile(filepath.Join(both, name))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(merged, name))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(name, ".json") && name != "results.json" {
			// The OSCAL documents cite the bundle manifest by its hash, and
			// the two manifests differ in their origin label (below).
			a, b = withoutManifestHash(t, a, both), withoutManifestHash(t, b, merged)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between assessing both trees and evaluating their merged bundles", name)
		}
	}
	// The evidence is the same too; only the origin label differs (the
	// merged bundle has many, assess recorded this host's).
	manifest := func(dir string) map[string]any {
		data, err := os.ReadFile(filepath.Join(dir, "evidence", "manifest.json"))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		delete(m, "origin")
		return m
	}
	a, _ := json.Marshal(manifest(both))
	b, _ := json.Marshal(manifest(merged))
	if !bytes.Equal(a, b) {
		t.Error("the merged evidence bundle differs from the one assess wrote")
	}
	results, err := os.ReadFile(filepath.Join(merged, "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(results), `"server:workstations/alice/claude_desktop_config.json#filesystem"`) {
		t.Error("subjects must be qualified by their bundle's origin")
	}
}

func TestEvaluateChecksEveryBundle(t *testing.T) {
	tmp := t.TempDir()
	a, b := filepath.Join(tmp, "a"), filepath.Join(tmp, "b")
	for _, c := range []struct{ origin, out string }{{"host-a", a}, {"host-b", b}} {
		if run := runTollgate(t, "collect", exampleDir, "--origin", c.origin, "-o", c.out); run.code != 0 {
			t.Fatalf("collect: exit %d: %v", run.code, run.err)
		}
	}
	artifact := filepath.Join(b, "artifacts", "repos", "payments-api", ".mcp.json")
	if err := os.WriteFile(artifact, []byte(`{"mcpServers": {}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	run := runTollgate(t, "evaluate", a, b, "-o", filepath.Join(tmp, "out"))
	if run.code != 2 || !strings.Contains(run.err.Error(), "payments-api/.mcp.json") {
		t.Fatalf("a tampered bundle among many: exit %d, %v; want 2 naming the artifact", run.code, run.err)
	}
	if _, err := os.Stat(filepath.Join(tmp, "out")); err == nil {
		t.Error("nothing may be written when a bundle is refused")
	}
}

func TestCollectRejectsBadOrigins(t *testing.T) {
	for _, origin := range []string{"../up", "a//b", "with space", "/abs"} {
		run := runTollgate(t, "collect", exampleDir, "--origin", origin, "-o", filepath.Join(t.TempDir(), "b"))
		if run.code != 2 || !strings.Contains(run.err.Error(), "--origin") {
			t.Errorf("--origin %q: exit %d, %v; want a usage error", origin, run.code, run.err)
		}
	}
}

// withoutManifestHash returns an OSCAL document with the hash of the bundle
// manifest in dir, and the hashes and UUIDs derived from it (the plan's,
// which the results cite, and each document's own), replaced by
// placeholders.
func withoutManifestHash(t *testing.T, doc []byte, dir string) []byte {
	t.Helper()
	hash := func(name string) string {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		return hex.EncodeToString(sum[:])
	}
	out := strings.ReplaceAll(string(doc), hash("evidence/manifest.json"), "MANIFEST-SHA-256")
	out = strings.ReplaceAll(out, hash("assessment-plan.json"), "PLAN-SHA-256")
	var m map[string]map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatal(err)
	}
	for _, model := range m {
		delete(model, "uuid")
	}
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
