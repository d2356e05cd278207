package kubernetes_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/kubernetes"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/pipeline"
)

// writeFleet writes n MCP Deployments spread over namespaces of 100, one
// folder per namespace, each with its ServiceAccount, RoleBinding, Service
// and NetworkPolicy, as a cluster's manifests are kept in a repository.
func writeFleet(tb testing.TB, dir string, n int) {
	tb.Helper()
	for ns := 0; ns*100 < n; ns++ {
		var b strings.Builder
		fmt.Fprintf(&b, "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: reader, namespace: team-%d}\nrules:\n- {apiGroups: [\"\"], resources: [pods, secrets], verbs: [get, list]}\n", ns)
		fmt.Fprintf(&b, "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: default-deny, namespace: team-%d}\nspec: {podSelector: {}, policyTypes: [Ingress, Egress]}\n", ns)
		for i := ns * 100; i < n && i < (ns+1)*100; i++ {
			fmt.Fprintf(&b, `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: mcp-%[1]d, namespace: team-%[2]d, labels: {app.kubernetes.io/component: mcp-server}}
spec:
  selector: {matchLabels: {app: mcp-%[1]d}}
  template:
    metadata: {labels: {app: mcp-%[1]d}}
    spec:
      serviceAccountName: mcp-%[1]d
      containers:
        - name: server
          image: ghcr.io/acme/mcp-server-%[1]d:1.%[1]d.0
          env:
            - {name: API_TOKEN, valueFrom: {secretKeyRef: {name: mcp-%[1]d, key: token}}}
            - {name: LOG_LEVEL, value: info}
          securityContext: {runAsNonRoot: true, allowPrivilegeEscalation: false}
          resources: {limits: {cpu: 200m, memory: 128Mi}}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: mcp-%[1]d, namespace: team-%[2]d}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: mcp-%[1]d, namespace: team-%[2]d}
subjects: [{kind: ServiceAccount, name: mcp-%[1]d, namespace: team-%[2]d}]
roleRef: {kind: Role, name: reader, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: v1
kind: Service
metadata: {name: mcp-%[1]d, namespace: team-%[2]d}
spec: {selector: {app: mcp-%[1]d}, ports: [{port: 8080}]}
`, i, ns)
		}
		folder := filepath.Join(dir, fmt.Sprintf("team-%d", ns))
		if err := os.MkdirAll(folder, 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(folder, "workloads.yaml"), []byte(b.String()), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkCollect2000Workloads collects 2,000 MCP workloads from
// manifests, without evaluating them: the collector's own cost.
func BenchmarkCollect2000Workloads(b *testing.B) {
	dir := b.TempDir()
	writeFleet(b, dir, 2000)
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := files.Collect(context.Background(), files.Options{Root: dir, Paths: []string{dir}, Now: now}, kubernetes.Analyzers(kubernetes.Options{})); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCollectAndAssess2000Workloads collects 2,000 MCP workloads from
// manifests (with their RBAC, Services and NetworkPolicies) and evaluates
// the whole catalog over them.
func BenchmarkCollectAndAssess2000Workloads(b *testing.B) {
	dir := b.TempDir()
	writeFleet(b, dir, 2000)
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out, err := files.Collect(context.Background(), files.Options{Root: dir, Paths: []string{dir}, Now: now}, kubernetes.Analyzers(kubernetes.Options{}))
		if err != nil {
			b.Fatal(err)
		}
		workloads := 0
		for _, s := range out.Subjects {
			if s.Metadata().Kind == evidence.KindWorkload {
				workloads++
			}
		}
		if workloads != 2000 {
			b.Fatalf("%d workloads, want 2000", workloads)
		}
		res, err := pipeline.Evaluate(context.Background(), &evidence.Bundle{Subjects: out.Subjects, Artifacts: out.Artifacts}, pipeline.EvaluateOptions{Now: now})
		if err != nil {
			b.Fatal(err)
		}
		if res.Counts.Fail == 0 {
			b.Fatal("no failure: the fleet reads Secrets and should fail MCP-RBAC-03")
		}
	}
}
