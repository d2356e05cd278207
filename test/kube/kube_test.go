// Package kube tests the live Kubernetes collector against a real
// kube-apiserver started in-process from the Kubernetes Go modules, with
// an embedded etcd: the corpus manifests are loaded into it, and the live
// path must judge them as the file path does.
package kube

import (
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/gateway"
	"github.com/tollgate-dev/tollgate/collectors/kubernetes"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/pipeline"
	"github.com/tollgate-dev/tollgate/progress"
	authv1 "k8s.io/api/authentication/v1"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apiserver/pkg/storage/etcd3/testserver"
	"k8s.io/apiserver/pkg/storage/storagebackend"
	"k8s.io/client-go/dynamic"
	clientset "k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/klog/v2"
	kubeapiserver "k8s.io/kubernetes/cmd/kube-apiserver/app/testing"
	"sigs.k8s.io/yaml"
)

// corpusDir is the shared corpus, relative to this module.
const corpusDir = "../../../shared/corpus"

// corpusFiles are the corpus manifests loaded into the API server.
var corpusFiles = []string{
	"kubernetes/microsoft__mcp-gateway__deployment_k8s_local-deployment.yml",
	"toolhive/stacklok__toolhive__deploy_keycloak_mcpserver-with-auth.yaml",
	"toolhive/stacklok__toolhive__examples_operator_mcp-servers_mcpserver_mkp.yaml",
}

var fixedNow = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// options are the Kubernetes collector's options as Tollgate runs it: with
// the gateway collector's interpreters of MCP custom resources.
func options() kubernetes.Options {
	return kubernetes.Options{Interpreters: gateway.Interpreters(), ValuesInterpreters: gateway.ValuesInterpreters()}
}

// TestMain keeps the API server's own logging out of the test output.
func TestMain(m *testing.M) {
	klog.SetOutput(io.Discard)
	flags := flag.NewFlagSet("klog", flag.ContinueOnError)
	klog.InitFlags(flags)
	_ = flags.Set("logtostderr", "false")
	_ = flags.Set("stderrthreshold", "FATAL")
	os.Exit(m.Run())
}

// cluster is a running API server and its administrator's client.
type cluster struct {
	admin   *rest.Config
	dyn     dynamic.Interface
	typed   clientset.Interface
	objects []*unstructured.Unstructured
}

// startCluster starts etcd and kube-apiserver (RBAC authorization), both on
// loopback and free ports, stopped when the test ends.
func startCluster(t testing.TB) *cluster {
	t.Helper()
	if testing.Short() {
		t.Skip("starts a kube-apiserver")
	}
	etcd := testserver.RunEtcd(t, nil)
	storage := storagebackend.NewDefaultConfig("/tollgate-test", nil)
	storage.Transport.ServerList = etcd.Endpoints()
	server := kubeapiserver.StartTestServerOrDie(t, nil, []string{"--authorization-mode=RBAC", "--bind-address=127.0.0.1"}, storage)
	t.Cleanup(server.TearDownFn)
	c := &cluster{admin: server.ClientConfig}
	c.dyn = dynamic.NewForConfigOrDie(c.admin)
	c.typed = clientset.NewForConfigOrDie(c.admin)
	return c
}

// apply creates the objects of a manifest text, namespaces first.
func (c *cluster) apply(t testing.TB, text string) {
	t.Helper()
	ctx := context.Background()
	for _, doc := range strings.Split(text, "\n---") {
		var obj map[string]any
		if err := yaml.Unmarshal([]byte(doc), &obj); err != nil {
			t.Fatalf("manifest: %v", err)
		}
		if len(obj) == 0 {
			continue
		}
		u := &unstructured.Unstructured{Object: obj}
		gvr := c.resourceOf(t, u.GroupVersionKind().GroupVersion().WithKind(u.GetKind()))
		if ns := u.GetNamespace(); ns != "" {
			c.ensureNamespace(t, ns)
		}
		var err error
		if u.GetNamespace() != "" {
			_, err = c.dyn.Resource(gvr).Namespace(u.GetNamespace()).Create(ctx, u, metav1.CreateOptions{})
		} else {
			_, err = c.dyn.Resource(gvr).Create(ctx, u, metav1.CreateOptions{})
		}
		if err != nil && !apierrors.IsAlreadyExists(err) {
			t.Fatalf("create %s %s: %v", u.GetKind(), u.GetName(), err)
		}
		c.objects = append(c.objects, u)
	}
}

// resourceOf maps a kind onto its resource through discovery.
func (c *cluster) resourceOf(t testing.TB, gvk schema.GroupVersionKind) schema.GroupVersionResource {
	t.Helper()
	list, err := c.typed.Discovery().ServerResourcesForGroupVersion(gvk.GroupVersion().String())
	if err != nil {
		t.Fatalf("discovery of %s: %v", gvk.GroupVersion(), err)
	}
	for _, r := range list.APIResources {
		if r.Kind == gvk.Kind && !strings.Contains(r.Name, "/") {
			return gvk.GroupVersion().WithResource(r.Name)
		}
	}
	t.Fatalf("no resource for %s", gvk)
	return schema.GroupVersionResource{}
}

func (c *cluster) ensureNamespace(t testing.TB, ns string) {
	t.Helper()
	_, err := c.typed.CoreV1().Namespaces().Create(context.Background(), &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}, metav1.CreateOptions{})
	if err != nil && !apierrors.IsAlreadyExists(err) {
		t.Fatal(err)
	}
}

// installToolHiveCRDs installs the ToolHive custom resources the corpus
// uses, with schemas that keep every field, and waits until they serve.
func (c *cluster) installToolHiveCRDs(t testing.TB) {
	t.Helper()
	for _, kind := range []string{"MCPServer", "MCPOIDCConfig"} {
		plural := strings.ToLower(kind) + "s"
		c.apply(t, `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: `+plural+`.toolhive.stacklok.dev
spec:
  group: toolhive.stacklok.dev
  scope: Namespaced
  names: {kind: `+kind+`, plural: `+plural+`, singular: `+strings.ToLower(kind)+`, listKind: `+kind+`List}
  versions:
    - name: v1beta1
      served: true
      storage: true
      schema:
        openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
`)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		list, err := c.typed.Discovery().ServerResourcesForGroupVersion("toolhive.stacklok.dev/v1beta1")
		if err == nil && len(list.APIResources) >= 2 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("ToolHive CRDs not served: %v", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// loadCorpus loads the corpus manifests into the cluster.
func (c *cluster) loadCorpus(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(corpusDir, "INDEX.md")); err != nil {
		t.Skip("corpus not present at ../shared/corpus")
	}
	c.installToolHiveCRDs(t)
	for _, f := range corpusFiles {
		data, err := os.ReadFile(filepath.Join(corpusDir, f))
		if err != nil {
			t.Fatal(err)
		}
		c.apply(t, string(data))
	}
}

// verdicts evaluates subjects and returns, per workload (namespace and
// object) and per gateway (product and name), each control's verdict.
func verdicts(t testing.TB, subjects []evidence.Subject) map[string]map[string]assess.Verdict {
	t.Helper()
	res, err := pipeline.Evaluate(context.Background(), &evidence.Bundle{Subjects: subjects}, pipeline.EvaluateOptions{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]string{}
	for _, s := range subjects {
		switch v := s.(type) {
		case *evidence.Workload:
			keys[v.ID] = v.Namespace + "/" + v.Object
		case *evidence.Gateway:
			keys[v.ID] = "gateway " + v.Product + " " + v.Provenance.Namespace + "/" + v.Name
		}
	}
	out := map[string]map[string]assess.Verdict{}
	for _, cr := range res.Controls {
		for _, e := range cr.Evaluations {
			key, ok := keys[e.SubjectID]
			if !ok {
				continue
			}
			if out[key] == nil {
				out[key] = map[string]assess.Verdict{}
			}
			out[key][cr.Control.ID] = e.Verdict
		}
	}
	return out
}

// fileSubjects collects the corpus files as files.
func fileSubjects(t testing.TB) []evidence.Subject {
	t.Helper()
	var subjects []evidence.Subject
	for _, f := range corpusFiles {
		path := filepath.Join(corpusDir, f)
		out, err := files.Collect(context.Background(), files.Options{Root: filepath.Dir(path), Paths: []string{path}, Now: fixedNow}, kubernetes.Analyzers(options()))
		if err != nil {
			t.Fatal(err)
		}
		subjects = append(subjects, out.Subjects...)
	}
	return subjects
}

// live reads the cluster with cfg, and checks that the listing reported its
// progress kind by kind to the end.
func live(t testing.TB, cfg *rest.Config) *kubernetes.LiveResult {
	t.Helper()
	var counter progress.Counter
	ctx := progress.WithReporter(context.Background(), &counter)
	res, err := kubernetes.CollectLive(ctx, kubernetes.LiveOptions{Options: options(), Config: cfg, ClusterName: "test", Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	tasks := counter.Tasks()
	if len(tasks) != 1 || tasks[0].Name != "Listing cluster test" || tasks[0].Total() == 0 ||
		tasks[0].Count() != tasks[0].Total() || !tasks[0].Finished() {
		t.Errorf("progress of the listing: %d tasks, want one named \"Listing cluster test\" counted to its end", len(tasks))
	}
	return res
}

// readerConfig creates a service account bound to the rules of the
// ClusterRole in file (deploy/kubernetes by default), and returns a client
// configuration that authenticates as it with a bound token.
func (c *cluster) readerConfig(t testing.TB, name string, edit func(*rbacv1.ClusterRole)) *rest.Config {
	t.Helper()
	ctx := context.Background()
	data, err := os.ReadFile("../../deploy/kubernetes/clusterrole.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var role rbacv1.ClusterRole
	if err := yaml.Unmarshal(data, &role); err != nil {
		t.Fatal(err)
	}
	role.Name = name
	if edit != nil {
		edit(&role)
	}
	c.ensureNamespace(t, "tollgate")
	if _, err := c.typed.RbacV1().ClusterRoles().Create(ctx, &role, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	sa := &corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "tollgate"}}
	if _, err := c.typed.CoreV1().ServiceAccounts("tollgate").Create(ctx, sa, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	binding := &rbacv1.ClusterRoleBinding{ObjectMeta: metav1.ObjectMeta{Name: name},
		Subjects: []rbacv1.Subject{{Kind: "ServiceAccount", Name: name, Namespace: "tollgate"}},
		RoleRef:  rbacv1.RoleRef{APIGroup: "rbac.authorization.k8s.io", Kind: "ClusterRole", Name: name}}
	if _, err := c.typed.RbacV1().ClusterRoleBindings().Create(ctx, binding, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	tok, err := c.typed.CoreV1().ServiceAccounts("tollgate").CreateToken(ctx, name, &authv1.TokenRequest{}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return &rest.Config{Host: c.admin.Host, BearerToken: tok.Status.Token,
		TLSClientConfig: rest.TLSClientConfig{CAData: c.admin.TLSClientConfig.CAData, ServerName: c.admin.TLSClientConfig.ServerName}}
}

// TestLiveAgreesWithFiles loads the corpus manifests into a real API server
// and checks that reading them live, with the read-only ClusterRole of
// deploy/kubernetes, gives every workload the verdicts reading the files
// gives; then that a kind the credentials may not list is reported and the
// rest is still assessed.
func TestLiveAgreesWithFiles(t *testing.T) {
	c := startCluster(t)
	c.loadCorpus(t)
	fromFiles := verdicts(t, fileSubjects(t))
	if len(fromFiles) == 0 {
		t.Fatal("no workload read from the corpus files")
	}

	t.Run("read-only identity", func(t *testing.T) {
		res := live(t, c.readerConfig(t, "tollgate-reader", nil))
		src := source(t, res)
		for _, d := range src.Diagnostics {
			if strings.Contains(d.Message, "not allowed to list") || strings.Contains(d.Message, "cannot list") {
				t.Errorf("the read-only role could not read everything: %s", d.Message)
			}
		}
		fromLive := verdicts(t, res.Subjects)
		compare(t, fromFiles, fromLive)
		if len(res.Files) != 1 {
			t.Errorf("artifacts: %d files, want the cluster's objects", len(res.Files))
		}
		for path, data := range res.Files {
			if strings.Contains(string(data), "managedFields") {
				t.Errorf("%s keeps managedFields", path)
			}
		}
	})

	t.Run("forbidden kind", func(t *testing.T) {
		cfg := c.readerConfig(t, "tollgate-partial", func(r *rbacv1.ClusterRole) {
			for i := range r.Rules {
				r.Rules[i].Resources = slicesDelete(r.Rules[i].Resources, "networkpolicies")
			}
		})
		res := live(t, cfg)
		src := source(t, res)
		found := false
		for _, d := range src.Diagnostics {
			if strings.Contains(d.Message, "not allowed to list networkpolicies.networking.k8s.io") {
				found = true
			}
		}
		if !found {
			t.Errorf("diagnostics %+v do not name the forbidden kind", src.Diagnostics)
		}
		if got := len(verdicts(t, res.Subjects)); got != len(fromFiles) {
			t.Errorf("%d workloads and gateways assessed without NetworkPolicies, want %d", got, len(fromFiles))
		}
	})

	t.Run("unreachable server", func(t *testing.T) {
		_, err := kubernetes.CollectLive(context.Background(), kubernetes.LiveOptions{
			Config: &rest.Config{Host: "https://127.0.0.1:1"}, ClusterName: "gone", Now: fixedNow, Timeout: 5 * time.Second})
		if err == nil || !strings.Contains(err.Error(), "cluster gone") {
			t.Errorf("err = %v, want a clear error naming the cluster", err)
		}
	})
}

// source returns the cluster's source subject.
func source(t testing.TB, res *kubernetes.LiveResult) *evidence.Source {
	t.Helper()
	for _, s := range res.Subjects {
		if src, ok := s.(*evidence.Source); ok {
			return src
		}
	}
	t.Fatal("no source subject for the cluster")
	return nil
}

// fileOnly are controls whose facts exist only in files: they are
// not-applicable to workloads read from a cluster.
var fileOnly = map[string]string{
	"MCP-WORKLOAD-14": "Secret values committed with the manifests: a live read never reads Secrets, and a cluster's Secrets are not in a repository",
}

// compare checks that every workload has the same verdicts both ways.
func compare(t *testing.T, files, live map[string]map[string]assess.Verdict) {
	t.Helper()
	var keys []string
	for k := range files {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		lv, ok := live[k]
		if !ok {
			t.Errorf("%s: read from the files, not from the cluster", k)
			continue
		}
		for control, want := range files[k] {
			if got := lv[control]; fileOnly[control] != "" {
				if got != assess.VerdictNotApplicable && got != "" {
					t.Errorf("%s %s: live %s, want not-applicable (%s)", k, control, got, fileOnly[control])
				}
			} else if got != want {
				t.Errorf("%s %s: live %s, files %s", k, control, got, want)
			}
		}
	}
	for k := range live {
		if _, ok := files[k]; !ok {
			t.Errorf("%s: read from the cluster, not from the files", k)
		}
	}
}

func slicesDelete(list []string, s string) []string {
	var out []string
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}
