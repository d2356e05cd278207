package gateway

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/kubeobj"
	"github.com/tollgate-dev/tollgate/evidence"
)

// The fixture testdata/terraform-kubernetes/main.tf follows the Kubernetes
// provider's documented resources (kubernetes_deployment_v1,
// kubernetes_service_v1, kubernetes_secret_v1, kubernetes_manifest).

// TestTerraformKubernetesObjects checks that kubernetes_* resources reach
// the Kubernetes collector's builder as the objects they create, in
// Kubernetes' own field names, with their lines in the .tf file.
func TestTerraformKubernetesObjects(t *testing.T) {
	var got *kubeobj.Set
	build := func(_ context.Context, set *kubeobj.Set) kubeobj.Built {
		got = set
		return kubeobj.Built{}
	}
	dir := filepath.Join("testdata", "terraform-kubernetes")
	if _, err := files.Collect(context.Background(), files.Options{Root: dir, Paths: []string{dir}, Now: fixedNow, Version: "test"}, AnalyzersWith(build)); err != nil {
		t.Fatal(err)
	}
	if got == nil || got.Origin.Kind != kubeobj.OriginTerraform {
		t.Fatalf("set %+v", got)
	}
	dep := got.Find("apps", "Deployment", "mcp", "github-mcp")
	if dep == nil || dep.Line() != 16 {
		t.Fatalf("deployment %+v", dep)
	}
	c := dep.Root.Lookup("spec", "template", "spec", "containers", "0")
	if img, _ := c.Str("image"); img != "ghcr.io/github/github-mcp-server:${var.release}" {
		t.Errorf("image %q: a variable without default stays templated", img)
	}
	if p, _ := c.Lookup("securityContext").Boolean("privileged"); !p {
		t.Errorf("container %+v: security_context becomes securityContext", c)
	}
	ref := c.Lookup("env", "0", "valueFrom", "secretKeyRef")
	if key, _ := ref.Str("key"); key != "token" {
		t.Error("env value_from secret_key_ref becomes valueFrom.secretKeyRef")
	}
	if name, _ := ref.Str("name"); name != "github-mcp" {
		t.Errorf("secret name %q: the Secret resource's literal name is resolved", name)
	}
	if port, _ := c.Lookup("ports", "0").Scalar("containerPort"); port != "8080" {
		t.Error("a port block becomes ports[].containerPort")
	}
	if m, _ := dep.Root.Lookup("spec", "selector").StringMap("matchLabels"); m["app"] != "github-mcp" {
		t.Error("selector match_labels becomes matchLabels, its keys kept")
	}
	svc := got.Find("", "Service", "mcp", "github-mcp")
	if typ, _ := svc.Spec().Str("type"); typ != "LoadBalancer" || svc.Spec().Lookup("ports", "0", "targetPort") == nil {
		t.Errorf("service %+v", svc.Root)
	}
	if sec := got.Find("", "Secret", "mcp", "github-mcp"); sec == nil || sec.Root.Lookup("stringData", "token") == nil {
		t.Error("a Secret's data is written in plain text: stringData")
	}
	if got.Find("kagent.dev", "MCPServer", "mcp", "time") == nil {
		t.Error("kubernetes_manifest creates its manifest")
	}
}

// TestTerraformKubernetesWithoutBuilder checks that a module of only
// Kubernetes resources is not reported when no builder is given.
func TestTerraformKubernetesWithoutBuilder(t *testing.T) {
	out := collectTree(t, map[string]string{"k8s/main.tf": readFixture(t, "terraform-kubernetes/main.tf")})
	for _, s := range out.Subjects {
		if s.Metadata().Kind != evidence.KindSource {
			t.Errorf("subject %s without a builder", s.Metadata().ID)
		}
	}
}
