package kube

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/tollgate-dev/tollgate/collectors/kubernetes"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/pipeline"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// loadFleet creates n MCP Deployments in namespaces of 100, each with its
// ServiceAccount, RoleBinding and Service, and a Role and a default-deny
// NetworkPolicy per namespace.
func (c *cluster) loadFleet(b *testing.B, n int) {
	b.Helper()
	ctx := context.Background()
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	fail := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		if firstErr == nil {
			firstErr = err
		}
	}
	for ns := 0; ns*100 < n; ns++ {
		name := fmt.Sprintf("team-%d", ns)
		c.ensureNamespace(b, name)
		role := &rbacv1.Role{ObjectMeta: metav1.ObjectMeta{Name: "reader", Namespace: name},
			Rules: []rbacv1.PolicyRule{{APIGroups: []string{""}, Resources: []string{"pods", "secrets"}, Verbs: []string{"get", "list"}}}}
		if _, err := c.typed.RbacV1().Roles(name).Create(ctx, role, metav1.CreateOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				ns, name := fmt.Sprintf("team-%d", i/100), fmt.Sprintf("mcp-%d", i)
				labels := map[string]string{"app": name, "app.kubernetes.io/component": "mcp-server"}
				yes, no := true, false
				dep := &appsv1.Deployment{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: ns, Labels: labels},
					Spec: appsv1.DeploymentSpec{Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": name}},
						Template: corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: labels}, Spec: corev1.PodSpec{
							ServiceAccountName: name,
							Containers: []corev1.Container{{Name: "server", Image: fmt.Sprintf("ghcr.io/acme/mcp-server-%d:1.0.%d", i, i),
								Env: []corev1.EnvVar{{Name: "API_TOKEN", ValueFrom: &corev1.EnvVarSource{SecretKeyRef: &corev1.SecretKeySelector{
									LocalObjectReference: corev1.LocalObjectReference{Name: name}, Key: "token"}}}},
								SecurityContext: &corev1.SecurityContext{RunAsNonRoot: &yes, AllowPrivilegeEscalation: &no},
								Resources: corev1.ResourceRequirements{Limits: corev1.ResourceList{
									corev1.ResourceCPU: resource.MustParse("200m"), corev1.ResourceMemory: resource.MustParse("128Mi")}}}},
						}}}}
				if _, err := c.typed.AppsV1().Deployments(ns).Create(ctx, dep, metav1.CreateOptions{}); err != nil {
					fail(err)
				}
				sa := &corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: ns}}
				if _, err := c.typed.CoreV1().ServiceAccounts(ns).Create(ctx, sa, metav1.CreateOptions{}); err != nil {
					fail(err)
				}
				rb := &rbacv1.RoleBinding{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: ns},
					Subjects: []rbacv1.Subject{{Kind: "ServiceAccount", Name: name, Namespace: ns}},
					RoleRef:  rbacv1.RoleRef{APIGroup: "rbac.authorization.k8s.io", Kind: "Role", Name: "reader"}}
				if _, err := c.typed.RbacV1().RoleBindings(ns).Create(ctx, rb, metav1.CreateOptions{}); err != nil {
					fail(err)
				}
				svc := &corev1.Service{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: ns},
					Spec: corev1.ServiceSpec{Selector: map[string]string{"app": name}, Ports: []corev1.ServicePort{{Port: 8080}}}}
				if _, err := c.typed.CoreV1().Services(ns).Create(ctx, svc, metav1.CreateOptions{}); err != nil {
					fail(err)
				}
			}
		}()
	}
	for i := 0; i < n; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		b.Fatal(firstErr)
	}
}

// BenchmarkLiveCollectAndAssess2000Workloads reads a cluster holding 2,000
// MCP workloads (with their service accounts, RBAC and Services) through
// the API server and evaluates the whole catalog over them.
func BenchmarkLiveCollectAndAssess2000Workloads(b *testing.B) {
	c := startCluster(b)
	c.loadFleet(b, 2000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := kubernetes.CollectLive(context.Background(), kubernetes.LiveOptions{Config: c.admin, ClusterName: "bench", Now: fixedNow})
		if err != nil {
			b.Fatal(err)
		}
		workloads := 0
		for _, s := range res.Subjects {
			if s.Metadata().Kind == evidence.KindWorkload {
				workloads++
			}
		}
		if workloads != 2000 {
			b.Fatalf("%d workloads, want 2000", workloads)
		}
		out, err := pipeline.Evaluate(context.Background(), &evidence.Bundle{Subjects: res.Subjects, Artifacts: res.Artifacts}, pipeline.EvaluateOptions{Now: fixedNow})
		if err != nil {
			b.Fatal(err)
		}
		if out.Counts.Fail == 0 {
			b.Fatal("no failure: the fleet reads Secrets and should fail MCP-RBAC-03")
		}
	}
}
