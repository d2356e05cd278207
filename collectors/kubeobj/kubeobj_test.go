package kubeobj_test

import (
	"context"
	pathpkg "path"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/collectors/kubeobj"
	"github.com/tollgate-dev/tollgate/evidence"
)

var collected = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

const toolhiveManifest = `apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPOIDCConfig
metadata:
  name: keycloak-oidc
  namespace: toolhive-system
spec:
  type: inline
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPServer
metadata:
  name: fetch
  namespace: toolhive-system
spec:
  image: ghcr.io/stackloklabs/gofetch/server:0.0.4
  oidcConfigRef:
    name: keycloak-oidc
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPServer
metadata:
  name: orphan
  namespace: toolhive-system
spec:
  image: mcp/fetch
  oidcConfigRef:
    name: missing-oidc
`

// fileSet reads a manifest text as the Kubernetes collector does.
func fileSet(t *testing.T, path, text string) *kubeobj.Set {
	t.Helper()
	docs, err := postree.ParseYAMLDocuments([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	objs, problems := kubeobj.FromDocuments(docs, path)
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	for _, o := range objs {
		o.Source = "source:" + path
	}
	set := kubeobj.NewSet(kubeobj.Origin{Kind: kubeobj.OriginManifests, Path: pathpkg.Dir(path), Collected: collected})
	set.Add(objs...)
	return set
}

// toolhiveExample is the interpreter of the package documentation: one
// gateway per MCPServer, and a diagnostic for a missing MCPOIDCConfig.
type toolhiveExample struct{}

func (toolhiveExample) Name() string { return "gateway/toolhive" }

func (toolhiveExample) Interpret(_ context.Context, set *kubeobj.Set) kubeobj.Interpretation {
	var out kubeobj.Interpretation
	for _, o := range set.OfKind("toolhive.stacklok.dev", "MCPServer") {
		gw := &evidence.Gateway{Meta: evidence.Meta{
			Kind: evidence.KindGateway, ID: set.SubjectID(evidence.KindGateway, o), Name: o.Name,
			Provenance: o.Provenance("gateway/toolhive"),
			Links:      []string{set.SourceOf(o), set.WorkloadID(o)},
		}, Product: "toolhive", Authentication: evidence.GatewayAuthentication{Mode: evidence.GatewayAuthNone},
			Authorization: evidence.GatewayAuthorization{Kind: "none"}, Egress: "unknown"}
		ref := o.Root.Lookup("spec", "oidcConfigRef")
		if name, ok := ref.Str("name"); ok {
			if set.Find("toolhive.stacklok.dev", "MCPOIDCConfig", o.Namespace, name) == nil {
				out.Diagnostics = append(out.Diagnostics, set.Diag("warning", o, ref, "MCPOIDCConfig "+name+" is not defined"))
			} else {
				gw.Authentication.Mode = evidence.GatewayAuthRequired
			}
		}
		out.Subjects = append(out.Subjects, gw)
		out.Claims = append(out.Claims, kubeobj.Claim{Object: o, Role: kubeobj.RoleGateway, Reason: "ToolHive MCPServer"})
	}
	return out
}

func TestExampleInterpreter(t *testing.T) {
	set := fileSet(t, "deploy/toolhive.yaml", toolhiveManifest)
	var in kubeobj.Interpreter = toolhiveExample{}
	got := in.Interpret(context.Background(), set)
	if len(got.Subjects) != 2 || len(got.Claims) != 2 {
		t.Fatalf("got %d subjects, %d claims; want 2 and 2", len(got.Subjects), len(got.Claims))
	}
	gw := got.Subjects[0].(*evidence.Gateway)
	if gw.ID != "gateway:deploy#toolhive-system/MCPServer/fetch" {
		t.Errorf("gateway id = %q", gw.ID)
	}
	if want := "workload:deploy#toolhive-system/MCPServer/fetch"; gw.Links[1] != want {
		t.Errorf("workload link = %q, want %q", gw.Links[1], want)
	}
	if gw.Authentication.Mode != "required" {
		t.Errorf("fetch: authentication %q, want required (its MCPOIDCConfig is in the set)", gw.Authentication.Mode)
	}
	if p := gw.Provenance; p.File != "deploy/toolhive.yaml" || p.Line != 9 || p.Object != "MCPServer/fetch" || p.Namespace != "toolhive-system" {
		t.Errorf("provenance = %+v, want deploy/toolhive.yaml:9 MCPServer/fetch in toolhive-system", p)
	}
	if err := evidence.ValidateSubject(gw); err != nil {
		t.Error(err)
	}
	want := evidence.Diagnostic{Severity: "warning", File: "deploy/toolhive.yaml", Line: 26, Column: 3, Message: "MCPOIDCConfig missing-oidc is not defined"}
	if len(got.Diagnostics) != 1 || got.Diagnostics[0] != want {
		t.Errorf("diagnostics = %+v, want [%+v]", got.Diagnostics, want)
	}
}

// TestFileAndClusterObjectsAgree checks that an object read from a file and
// the same object listed from a cluster read the same through the node API,
// and differ only in where provenance points.
func TestFileAndClusterObjectsAgree(t *testing.T) {
	set := fileSet(t, "deploy/toolhive.yaml", toolhiveManifest)
	fromFile := set.Find("toolhive.stacklok.dev", "MCPServer", "toolhive-system", "fetch")
	if fromFile == nil {
		t.Fatal("fetch not found")
	}
	var body map[string]any
	if err := fromFile.Decode(&body); err != nil {
		t.Fatal(err)
	}
	fromCluster, err := kubeobj.FromValue(body)
	if err != nil {
		t.Fatal(err)
	}
	live := kubeobj.NewSet(kubeobj.Origin{Kind: kubeobj.OriginCluster, Cluster: "kind-dev", SourceID: "source:cluster/kind-dev", Collected: collected})
	live.Add(fromCluster)
	if !reflect.DeepEqual(kubeobj.Value(fromFile.Root), kubeobj.Value(fromCluster.Root)) {
		t.Error("file and cluster objects decode differently")
	}
	if fromCluster.Ref() != fromFile.Ref() {
		t.Errorf("refs differ: %s and %s", fromCluster.Ref(), fromFile.Ref())
	}
	p := fromCluster.Provenance("kubernetes")
	if p.Cluster != "kind-dev" || p.File != "" || p.Location() != "kind-dev:toolhive-system/MCPServer/fetch" {
		t.Errorf("cluster provenance = %+v (%s)", p, p.Location())
	}
	if got := live.WorkloadID(fromCluster); got != "workload:cluster/kind-dev#toolhive-system/MCPServer/fetch" {
		t.Errorf("cluster workload id = %q", got)
	}
	d := live.Diag("warning", fromCluster, nil, "broken")
	if d.File != "" || d.Message != "toolhive-system/MCPServer/fetch: broken" {
		t.Errorf("cluster diagnostic = %+v", d)
	}
}

func TestFromDocuments(t *testing.T) {
	text := `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ServiceAccount
  metadata: {name: a}
- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata: {name: reader, namespace: ignored}
---
# empty document
---
just: a map
---
- a list
`
	docs, err := postree.ParseYAMLDocuments([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	objs, problems := kubeobj.FromDocuments(docs, "m.yaml")
	var refs []string
	for _, o := range objs {
		refs = append(refs, o.Ref())
	}
	if got := strings.Join(refs, ","); got != "default/ServiceAccount/a,ClusterRole/reader" {
		t.Errorf("objects = %s", got)
	}
	if !objs[0].NamespaceDefaulted || objs[1].NamespaceDefaulted {
		t.Error("namespace defaulting wrong")
	}
	if len(problems) != 2 || !strings.Contains(problems[0].Msg, "no apiVersion and kind") || !strings.Contains(problems[1].Msg, "array") {
		t.Errorf("problems = %+v", problems)
	}
}

func TestSelectors(t *testing.T) {
	sel := func(text string) *postree.Node {
		n, err := postree.ParseYAML([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	labels := map[string]string{"app": "mcp", "tier": "gw"}
	cases := []struct {
		name, selector string
		want           bool
	}{
		{"empty selects all", `{}`, true},
		{"matchLabels", `matchLabels: {app: mcp}`, true},
		{"matchLabels mismatch", `matchLabels: {app: web}`, false},
		{"In", `matchExpressions: [{key: tier, operator: In, values: [gw, api]}]`, true},
		{"NotIn", `matchExpressions: [{key: tier, operator: NotIn, values: [gw]}]`, false},
		{"Exists", `matchExpressions: [{key: app, operator: Exists}]`, true},
		{"DoesNotExist", `matchExpressions: [{key: app, operator: DoesNotExist}]`, false},
		{"unknown operator", `matchExpressions: [{key: app, operator: Like}]`, false},
	}
	for _, tc := range cases {
		if got := kubeobj.MatchesSelector(sel(tc.selector), labels); got != tc.want {
			t.Errorf("%s: got %v", tc.name, got)
		}
	}
	if kubeobj.MatchesSelector(nil, labels) {
		t.Error("absent selector matched")
	}
	if !kubeobj.MatchesMap(sel(`{app: mcp}`), labels) || kubeobj.MatchesMap(sel(`{}`), labels) {
		t.Error("map selector wrong")
	}
}

func TestOwners(t *testing.T) {
	rs, err := kubeobj.FromValue(map[string]any{"apiVersion": "apps/v1", "kind": "ReplicaSet",
		"metadata": map[string]any{"name": "gw-1", "namespace": "mcp", "uid": "u2",
			"ownerReferences": []any{map[string]any{"apiVersion": "apps/v1", "kind": "Deployment", "name": "gw", "uid": "u1"}}}})
	if err != nil {
		t.Fatal(err)
	}
	dep, err := kubeobj.FromValue(map[string]any{"apiVersion": "apps/v1", "kind": "Deployment",
		"metadata": map[string]any{"name": "gw", "namespace": "mcp", "uid": "u1"}})
	if err != nil {
		t.Fatal(err)
	}
	set := kubeobj.NewSet(kubeobj.Origin{Kind: kubeobj.OriginCluster, Cluster: "c"})
	set.Add(rs, dep)
	if o := set.Owners(rs); len(o) != 1 || o[0] != dep {
		t.Errorf("owners of rs = %v", o)
	}
	if o := set.Owned(dep); len(o) != 1 || o[0] != rs {
		t.Errorf("owned by dep = %v", o)
	}
}
