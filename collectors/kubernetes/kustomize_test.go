package kubernetes

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
)

func TestKustomizationsBuiltOffline(t *testing.T) {
	sources, workloads, _ := collectDir(t, filepath.Join("testdata", "kustomize"), Options{})
	if len(workloads) != 1 {
		t.Fatalf("%d workloads, want only the overlay's build of fetch-mcp", len(workloads))
	}
	w := workloads[0]
	if w.Namespace != "mcp-prod" || w.Origin != "kustomization" || w.Images[0].Version != "1.2.0" || !*w.Containers[0].RunAsNonRoot {
		t.Errorf("workload %s/%s origin %s image %+v container %+v: want the overlay's namespace, tag and patch",
			w.Namespace, w.Object, w.Origin, w.Images[0], w.Containers[0])
	}
	if w.Provenance.File != "overlays/prod/kustomization.yaml" || w.Links[0] != sources["overlays/prod/kustomization.yaml"].ID {
		t.Errorf("provenance %+v links %v", w.Provenance, w.Links)
	}
	base := sources["base/kustomization.yaml"]
	if base == nil || base.Status != evidence.StatusOK || !strings.Contains(base.Diagnostics[0].Message, "used by the kustomization in overlays/prod") {
		t.Errorf("base: %+v", base)
	}
	if m := sources["base/deployment.yaml"]; m == nil || m.Servers != 0 || !strings.Contains(m.Diagnostics[0].Message, "judged as the kustomization builds it") {
		t.Errorf("base manifest: %+v", m)
	}
	remote := sources["remote/kustomization.yaml"]
	if remote == nil || remote.Status != evidence.StatusSchemaError || !strings.Contains(remote.Diagnostics[0].Message, "does not fetch") {
		t.Errorf("remote: %+v", remote)
	}
}
