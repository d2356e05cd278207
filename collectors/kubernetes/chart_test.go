package kubernetes

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/evidence"
)

// collectDir collects a folder of testdata with the Kubernetes analyzers.
func collectDir(t *testing.T, dir string, opts Options) (map[string]*evidence.Source, []*evidence.Workload, *files.Output) {
	t.Helper()
	out, err := files.Collect(context.Background(), files.Options{Root: dir, Paths: []string{dir}, Now: fixedNow, Version: "test"}, Analyzers(opts))
	if err != nil {
		t.Fatal(err)
	}
	sources := map[string]*evidence.Source{}
	var workloads []*evidence.Workload
	for _, s := range out.Subjects {
		switch v := s.(type) {
		case *evidence.Source:
			sources[v.Name] = v
		case *evidence.Workload:
			if err := evidence.ValidateSubject(v); err != nil {
				t.Error(err)
			}
			workloads = append(workloads, v)
		}
	}
	return sources, workloads, out
}

func TestChartRenderedWithDefaults(t *testing.T) {
	sources, workloads, _ := collectDir(t, filepath.Join("testdata", "charts"), Options{})
	chart := sources["github-mcp/Chart.yaml"]
	if chart == nil || chart.Status != evidence.StatusOK || chart.Format != FormatChart || chart.Servers != 1 {
		t.Fatalf("chart source = %+v", chart)
	}
	for _, name := range []string{"github-mcp/values.yaml", "github-mcp/templates/deployment.yaml", "github-mcp/templates/_helpers.tpl"} {
		if s := sources[name]; s == nil || s.Status != evidence.StatusOK {
			t.Errorf("%s: %+v, want an ok source judged with its chart", name, s)
		}
	}
	var w *evidence.Workload
	for _, x := range workloads {
		if x.Object == "Deployment/github-mcp" {
			w = x
		}
	}
	if w == nil {
		t.Fatalf("no Deployment/github-mcp among %d workloads", len(workloads))
	}
	if w.Origin != "helm-chart" || w.Provenance.File != "github-mcp/templates/deployment.yaml" || w.Provenance.Line != 0 {
		t.Errorf("origin %s, provenance %+v: want the template file without a rendered line", w.Origin, w.Provenance)
	}
	if img := w.Images[0]; img.Version != "0.9.1" {
		t.Errorf("image %+v: the empty tag defaults to the appVersion", img)
	}
	if !w.RBAC.SecretsRead || w.Exposure != "load-balancer" || !*w.Containers[0].RunAsNonRoot {
		t.Errorf("rbac %+v, exposure %s, container %+v", w.RBAC, w.Exposure, w.Containers[0])
	}
	failing := sources["needs-values/Chart.yaml"]
	if failing == nil || failing.Status != evidence.StatusSchemaError || !strings.Contains(failing.Diagnostics[0].Message, "apiKey is required") ||
		!strings.Contains(failing.Diagnostics[0].Message, "--helm-values") {
		t.Errorf("needs-values: %+v, want a schema error saying what is required and how to give it", failing)
	}
}

func TestChartWithHelmValues(t *testing.T) {
	values := filepath.Join(t.TempDir(), "prod.yaml")
	if err := os.WriteFile(values, []byte("apiKey: sk-live-canary-0123456789abcdefABCDEF\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	sources, workloads, out := collectDir(t, filepath.Join("testdata", "charts"), Options{HelmValues: []string{values}})
	if s := sources["needs-values/Chart.yaml"]; s == nil || s.Status != evidence.StatusOK {
		t.Fatalf("needs-values with --helm-values: %+v", s)
	}
	found := false
	for _, w := range workloads {
		if w.Object == "Deployment/mcp" {
			found = true
			if v := w.Containers[0].Env["API_KEY"]; v.Kind != evidence.ValueLiteralSecret {
				t.Errorf("API_KEY = %+v, want a literal secret", v)
			}
		}
	}
	if !found {
		t.Error("no Deployment/mcp rendered")
	}
	for path, data := range out.Files {
		if strings.Contains(string(data), "sk-live-canary") {
			t.Errorf("%s keeps the secret", path)
		}
	}
}
