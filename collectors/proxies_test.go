package collectors

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/golden"
)

// TestProxyFixturesThroughTheRegistry collects the gateway fixtures that
// need two collectors with the registry's analyzers: Kubernetes custom
// resources read by the gateway collector's interpreters (Envoy AI Gateway,
// kmcp, Microsoft MCP Gateway) and Terraform's kubernetes_* resources built
// by the Kubernetes collector. Every link must resolve to a subject of the
// run, and the subjects match testdata/proxies.golden.json.
func TestProxyFixturesThroughTheRegistry(t *testing.T) {
	root := filepath.Join("gateway", "testdata")
	var paths []string
	for _, d := range []string{"envoy-ai-gateway", "kmcp", "microsoft-mcp-gateway", "terraform-kubernetes"} {
		paths = append(paths, filepath.Join(root, d))
	}
	out, err := files.Collect(context.Background(), files.Options{Root: root, Paths: paths, Now: fixedNow, Version: "test"}, Analyzers())
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	kinds := map[evidence.Kind]int{}
	for _, s := range out.Subjects {
		ids[s.Metadata().ID] = true
		kinds[s.Metadata().Kind]++
		if err := evidence.ValidateSubject(s); err != nil {
			t.Errorf("%s: %v", s.Metadata().ID, err)
		}
	}
	for _, s := range out.Subjects {
		for _, l := range s.Metadata().Links {
			if !ids[l] {
				t.Errorf("%s links to %s, which the run does not hold", s.Metadata().ID, l)
			}
		}
	}
	if kinds[evidence.KindGateway] < 6 || kinds[evidence.KindWorkload] < 6 {
		t.Errorf("kinds %v: gateways of every product and the workloads they run", kinds)
	}
	var workloads []string
	for _, s := range out.Subjects {
		if w, ok := s.(*evidence.Workload); ok && w.Origin == "terraform" {
			workloads = append(workloads, w.Object)
		}
	}
	slices.Sort(workloads)
	if !slices.Equal(workloads, []string{"Deployment/github-mcp", "MCPServer/time"}) {
		t.Errorf("Terraform workloads %v", workloads)
	}
	got, err := json.MarshalIndent(out.Subjects, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "proxies.golden.json"), append(got, '\n'))
}
