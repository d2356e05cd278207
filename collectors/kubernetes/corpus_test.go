package kubernetes

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/evidence"
)

// corpusDir is the shared corpus of real MCP configuration files.
const corpusDir = "../../../shared/corpus"

var fixedNow = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// collectCorpus collects one corpus file with the Kubernetes analyzers.
func collectCorpus(t *testing.T, rel string) *files.Output {
	t.Helper()
	path := filepath.Join(corpusDir, rel)
	if _, err := os.Stat(path); err != nil {
		t.Skip("corpus not present at ../shared/corpus")
	}
	out, err := files.Collect(context.Background(), files.Options{Root: filepath.Dir(path), Paths: []string{path}, Now: fixedNow, Version: "test"}, Analyzers(Options{}))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCorpusWorkloads checks the workloads an expert reads in each
// Kubernetes and ToolHive manifest of the corpus, with the facts that
// decide its findings (INDEX.md).
func TestCorpusWorkloads(t *testing.T) {
	type want struct {
		object, role string
		check        func(t *testing.T, w *evidence.Workload)
	}
	cases := []struct {
		file      string
		workloads []want
	}{
		{"kubernetes/microsoft__mcp-gateway__deployment_k8s_local-deployment.yml", []want{
			{"Deployment/mcpgateway", "gateway", func(t *testing.T, w *evidence.Workload) {
				if w.ServiceAccount != "mcpgateway-sa" || !w.RBAC.PodsCreate || w.RBAC.ClusterAdmin || w.RBAC.SecretsRead {
					t.Errorf("rbac = %+v (service account %s): want create statefulsets/pods only", w.RBAC, w.ServiceAccount)
				}
				if *w.Network.EgressRestricted || *w.Network.IngressRestricted {
					t.Errorf("network = %+v: the ingress rule has ports only and no policy has egress", w.Network)
				}
				if !slices.Equal(w.CommittedSecrets, []string{"redis-secret"}) {
					t.Errorf("committed secrets = %v", w.CommittedSecrets)
				}
				if c := w.Containers[0]; *c.RunAsNonRoot || !*c.AllowPrivilegeEscalation || c.Env["GatewaySettings__Secret"].Kind != evidence.ValueSecretReference {
					t.Errorf("container = %+v", c)
				}
				if w.Exposure != "cluster-ip" || len(w.Services) != 1 || w.Services[0].Name != "mcpgateway-service" {
					t.Errorf("exposure = %s %+v", w.Exposure, w.Services)
				}
			}},
			{"StatefulSet/toolgateway", "gateway", func(t *testing.T, w *evidence.Workload) {
				if !*w.Network.IngressRestricted {
					t.Errorf("adapter-access admits only the gateways: ingress should be restricted")
				}
			}},
		}},
		{"toolhive/stacklok__toolhive__examples_operator_mcp-servers_mcpserver_mkp.yaml", []want{
			{"MCPServer/mkp", "server", func(t *testing.T, w *evidence.Workload) {
				if !w.RBAC.ClusterAdmin || !slices.Equal(w.RBAC.Bindings, []string{"ClusterRoleBinding/mkp-sa-cluster-admin"}) {
					t.Errorf("rbac = %+v, want cluster-admin through mkp-sa-cluster-admin", w.RBAC)
				}
				if w.Images[0].Pinning != evidence.PinNone || !*w.Containers[0].MemoryLimit {
					t.Errorf("image %+v, container %+v", w.Images[0], w.Containers[0])
				}
			}},
		}},
		{"toolhive/stacklok__toolhive__deploy_keycloak_mcpserver-with-auth.yaml", []want{
			{"MCPServer/fetch-server-keycloak", "server", func(t *testing.T, w *evidence.Workload) {
				c := w.Containers[0]
				if !*c.RunAsNonRoot || *c.AllowPrivilegeEscalation || !*c.ReadOnlyRootFS || *c.CapabilitiesDropAll {
					t.Errorf("container %+v: want the ToolHive operator's defaults", c)
				}
				if w.Images[0].Version != "0.0.4" || w.Images[0].Pinning != evidence.PinTag {
					t.Errorf("image = %+v", w.Images[0])
				}
			}},
		}},
		{"toolhive/stacklok__toolhive__examples_operator_mcp-servers_mcpserver_with_kubernetes_oidc.yaml", []want{
			{"MCPServer/secure-fetch-k8s", "server", nil},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			out := collectCorpus(t, tc.file)
			var got []*evidence.Workload
			var src *evidence.Source
			for _, s := range out.Subjects {
				switch v := s.(type) {
				case *evidence.Workload:
					got = append(got, v)
				case *evidence.Source:
					src = v
				}
			}
			if src == nil || src.Status != evidence.StatusOK || src.Format != FormatManifest || src.Servers != len(tc.workloads) {
				t.Fatalf("source = %+v", src)
			}
			if len(got) != len(tc.workloads) {
				t.Fatalf("got %d workloads, want %d", len(got), len(tc.workloads))
			}
			for i, w := range tc.workloads {
				g := got[i]
				if g.Object != w.object || g.Role != w.role {
					t.Errorf("workload %d = %s (%s), want %s (%s)", i, g.Object, g.Role, w.object, w.role)
					continue
				}
				if err := evidence.ValidateSubject(g); err != nil {
					t.Error(err)
				}
				if g.Provenance.Line == 0 || g.Links[0] != src.ID {
					t.Errorf("%s: provenance %+v, links %v", g.Object, g.Provenance, g.Links)
				}
				if w.check != nil {
					w.check(t, g)
				}
			}
			for path, data := range out.Files {
				for _, canary := range []string{"localdev-redis-pass", "localdev-gateway-secret"} {
					if bytes.Contains(data, []byte(canary)) {
						t.Errorf("%s keeps the Secret value %q", path, canary)
					}
				}
				if strings.Contains(path, "..") {
					t.Errorf("artifact path %s", path)
				}
			}
		})
	}
}
