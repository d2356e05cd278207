package kubernetes

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"sort"
	"strings"
	"time"

	"github.com/tollgate-dev/tollgate/collectors/kubeobj"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
	"github.com/tollgate-dev/tollgate/progress"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
)

// LiveOptions say which cluster to read and how.
type LiveOptions struct {
	Options
	// Kubeconfig is the kubeconfig file ("" with InCluster false: the
	// default loading rules, $KUBECONFIG then ~/.kube/config).
	Kubeconfig string
	// Context is the kubeconfig context ("": its current context).
	Context string
	// InCluster uses the pod's service account (tollgate running as a
	// CronJob in the cluster).
	InCluster bool
	// Namespaces limits namespaced objects to these namespaces (empty: all).
	Namespaces []string
	// Timeout bounds each API request (0: 30 seconds).
	Timeout time.Duration
	// Config, when set, is used instead of a kubeconfig (tests).
	Config *rest.Config
	// ClusterName names the cluster in subject IDs when Config is set.
	ClusterName string
	// Now is the collection time, Version the Tollgate version.
	Now     time.Time
	Version string
}

// LiveResult is what reading a cluster produced.
type LiveResult struct {
	Subjects  []evidence.Subject
	Artifacts []evidence.Artifact
	Files     map[string][]byte
}

// liveResource is one kind read from a cluster.
type liveResource struct {
	gvr        schema.GroupVersionResource
	namespaced bool
}

// builtinResources are the kinds that decide a workload's posture. Secrets
// are never listed: the names workloads reference are enough.
var builtinResources = []liveResource{
	{schema.GroupVersionResource{Version: "v1", Resource: "pods"}, true},
	{schema.GroupVersionResource{Version: "v1", Resource: "replicationcontrollers"}, true},
	{schema.GroupVersionResource{Version: "v1", Resource: "serviceaccounts"}, true},
	{schema.GroupVersionResource{Version: "v1", Resource: "services"}, true},
	{schema.GroupVersionResource{Group: "apps", Version: "v1", Resource: "deployments"}, true},
	{schema.GroupVersionResource{Group: "apps", Version: "v1", Resource: "statefulsets"}, true},
	{schema.GroupVersionResource{Group: "apps", Version: "v1", Resource: "daemonsets"}, true},
	{schema.GroupVersionResource{Group: "apps", Version: "v1", Resource: "replicasets"}, true},
	{schema.GroupVersionResource{Group: "batch", Version: "v1", Resource: "jobs"}, true},
	{schema.GroupVersionResource{Group: "batch", Version: "v1", Resource: "cronjobs"}, true},
	{schema.GroupVersionResource{Group: rbacGroup, Version: "v1", Resource: "roles"}, true},
	{schema.GroupVersionResource{Group: rbacGroup, Version: "v1", Resource: "rolebindings"}, true},
	{schema.GroupVersionResource{Group: rbacGroup, Version: "v1", Resource: "clusterroles"}, false},
	{schema.GroupVersionResource{Group: rbacGroup, Version: "v1", Resource: "clusterrolebindings"}, false},
	{schema.GroupVersionResource{Group: "networking.k8s.io", Version: "v1", Resource: "ingresses"}, true},
	{schema.GroupVersionResource{Group: "networking.k8s.io", Version: "v1", Resource: "networkpolicies"}, true},
}

// mcpGroups are API groups of MCP products whose every listable resource
// is read, at the version the API server prefers: ToolHive, kmcp/kagent,
// Envoy AI Gateway, agentgateway, and OpenShift routes.
var mcpGroups = []string{"toolhive.stacklok.dev", "kagent.dev", "aigateway.envoyproxy.io", "agentgateway.dev", "route.openshift.io"}

// CollectLive reads a cluster with get and list only and builds its
// workloads. It returns an error only when nothing could be read; a kind
// the credentials may not list is a diagnostic of the cluster's source.
func CollectLive(ctx context.Context, opts LiveOptions) (*LiveResult, error) {
	cfg, cluster, err := restConfig(opts)
	if err != nil {
		return nil, err
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 30 * time.Second
	}
	cfg = rest.CopyConfig(cfg)
	cfg.Timeout = opts.Timeout
	cfg.UserAgent = "tollgate/" + opts.Version
	if cfg.QPS == 0 {
		cfg.QPS, cfg.Burst = 20, 40
	}
	client, err := dynamic.NewForConfig(cfg)
	if err != nil {
		return nil, fmt.Errorf("cluster %s: %w", cluster, err)
	}
	r := &liveRun{opts: opts, cluster: cluster, client: client}
	resources := append([]liveResource(nil), builtinResources...)
	if disc, err := discovery.NewDiscoveryClientForConfig(cfg); err == nil {
		extra, derr := mcpResources(disc)
		if derr != nil && isConnectionError(derr) {
			return nil, fmt.Errorf("cluster %s: cannot reach the API server: %w", cluster, derr)
		}
		resources = append(resources, extra...)
	}
	task := progress.Start(ctx, "Listing cluster "+cluster, len(resources))
	defer task.Done()
	var objs []*kubeobj.Object
	for _, res := range resources {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		objs = append(objs, r.list(ctx, res)...)
		task.Add(1)
	}
	if r.read == 0 {
		if r.firstErr != nil {
			return nil, fmt.Errorf("cluster %s: nothing could be read: %w", cluster, r.firstErr)
		}
		return nil, fmt.Errorf("cluster %s: nothing could be read", cluster)
	}
	return r.finish(ctx, objs)
}

// restConfig returns the client configuration and the cluster's name.
func restConfig(opts LiveOptions) (*rest.Config, string, error) {
	switch {
	case opts.Config != nil:
		name := opts.ClusterName
		if name == "" {
			name = "cluster"
		}
		return opts.Config, name, nil
	case opts.InCluster:
		cfg, err := rest.InClusterConfig()
		if err != nil {
			return nil, "", fmt.Errorf("--in-cluster: %w", err)
		}
		return cfg, "in-cluster", nil
	}
	rules := clientcmd.NewDefaultClientConfigLoadingRules()
	if opts.Kubeconfig != "" {
		rules.ExplicitPath = opts.Kubeconfig
	}
	loader := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(rules, &clientcmd.ConfigOverrides{CurrentContext: opts.Context})
	raw, err := loader.RawConfig()
	if err != nil {
		return nil, "", fmt.Errorf("kubeconfig: %w", err)
	}
	name := opts.Context
	if name == "" {
		name = raw.CurrentContext
	}
	if _, ok := raw.Contexts[name]; !ok {
		return nil, "", fmt.Errorf("kubeconfig: no context %q", name)
	}
	cfg, err := loader.ClientConfig()
	if err != nil {
		return nil, "", fmt.Errorf("kubeconfig context %s: %w", name, err)
	}
	return cfg, name, nil
}

// mcpResources lists the listable resources of the MCP groups the server
// serves, at their preferred versions.
func mcpResources(disc discovery.DiscoveryInterface) ([]liveResource, error) {
	groups, err := disc.ServerGroups()
	if err != nil {
		return nil, err
	}
	var out []liveResource
	for _, g := range groups.Groups {
		if !contains(mcpGroups, g.Name) {
			continue
		}
		gv := g.PreferredVersion.GroupVersion
		list, err := disc.ServerResourcesForGroupVersion(gv)
		if err != nil {
			continue
		}
		for _, res := range list.APIResources {
			if strings.Contains(res.Name, "/") || !contains(res.Verbs, "list") {
				continue
			}
			parsed, _ := schema.ParseGroupVersion(gv)
			out = append(out, liveResource{gvr: parsed.WithResource(res.Name), namespaced: res.Namespaced})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].gvr.String() < out[j].gvr.String() })
	return out, nil
}

// liveRun is one read of a cluster.
type liveRun struct {
	opts     LiveOptions
	cluster  string
	client   dynamic.Interface
	read     int
	firstErr error
	diags    []evidence.Diagnostic
	raw      []map[string]any
}

// list reads one resource in every namespace asked for.
func (r *liveRun) list(ctx context.Context, res liveResource) []*kubeobj.Object {
	namespaces := []string{metav1.NamespaceAll}
	if res.namespaced && len(r.opts.Namespaces) > 0 {
		namespaces = r.opts.Namespaces
	}
	var out []*kubeobj.Object
	for _, ns := range namespaces {
		var ri dynamic.ResourceInterface = r.client.Resource(res.gvr)
		if res.namespaced && ns != metav1.NamespaceAll {
			ri = r.client.Resource(res.gvr).Namespace(ns)
		}
		cont := ""
		for {
			list, err := ri.List(ctx, metav1.ListOptions{Limit: 500, Continue: cont})
			if err != nil {
				r.failed(res, ns, err)
				break
			}
			r.read++
			for i := range list.Items {
				item := list.Items[i].Object
				clean(item)
				r.raw = append(r.raw, item)
				if o, err := kubeobj.FromValue(item); err == nil {
					out = append(out, o)
				}
			}
			if cont = list.GetContinue(); cont == "" {
				break
			}
		}
	}
	return out
}

// failed records a list that could not be read.
func (r *liveRun) failed(res liveResource, ns string, err error) {
	where := "in every namespace"
	if ns != "" {
		where = "in namespace " + ns
	}
	if !res.namespaced {
		where = "cluster-wide"
	}
	what := res.gvr.Resource
	if res.gvr.Group != "" {
		what += "." + res.gvr.Group
	}
	switch {
	case apierrors.IsNotFound(err):
		return // the cluster does not serve this kind
	case apierrors.IsForbidden(err):
		r.diags = append(r.diags, evidence.Diagnostic{Severity: "warning", Message: fmt.Sprintf(
			"not allowed to list %s %s: workloads that depend on them are judged without them (grant get and list, see deploy/kubernetes)", what, where)})
	default:
		if r.firstErr == nil {
			r.firstErr = err
		}
		r.diags = append(r.diags, evidence.Diagnostic{Severity: "error", Message: fmt.Sprintf("cannot list %s %s: %v", what, where, err)})
	}
}

// clean removes what an object read from a cluster carries that is no
// evidence: managed fields and the last-applied copy of the object.
func clean(obj map[string]any) {
	md, _ := obj["metadata"].(map[string]any)
	if md == nil {
		return
	}
	delete(md, "managedFields")
	if ann, ok := md["annotations"].(map[string]any); ok {
		delete(ann, "kubectl.kubernetes.io/last-applied-configuration")
		if len(ann) == 0 {
			delete(md, "annotations")
		}
	}
}

// finish builds the workloads and the cluster's source and artifact.
func (r *liveRun) finish(ctx context.Context, objs []*kubeobj.Object) (*LiveResult, error) {
	now := r.opts.Now.UTC()
	sourceID := evidence.MakeID(evidence.KindSource, "cluster/"+r.cluster, "")
	red := secrets.NewRedactor()
	origin := kubeobj.Origin{Kind: kubeobj.OriginCluster, Cluster: r.cluster, SourceID: sourceID, Collected: now, Version: r.opts.Version,
		Secret: red.Add}
	sort.SliceStable(objs, func(i, j int) bool { return objs[i].Ref() < objs[j].Ref() })
	set := kubeobj.NewSet(origin)
	set.Add(objs...)
	b := build(ctx, set, r.opts.Options, red)

	sort.SliceStable(r.raw, func(i, j int) bool { return refOf(r.raw[i]) < refOf(r.raw[j]) })
	data, err := json.MarshalIndent(map[string]any{"cluster": r.cluster, "objects": r.raw}, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("cluster %s: encode objects: %w", r.cluster, err)
	}
	data = append(data, '\n')
	redacted := red.Redact(data)
	sum, rsum := sha256.Sum256(data), sha256.Sum256(redacted)
	path := "cluster/" + r.cluster + ".json"
	art := evidence.Artifact{Path: path, BundlePath: "artifacts/" + path, SHA256: hex.EncodeToString(sum[:]),
		RedactedSHA256: hex.EncodeToString(rsum[:]), Format: FormatCluster, Size: int64(len(data))}

	src := &evidence.Source{
		Meta: evidence.Meta{Kind: evidence.KindSource, ID: sourceID, Name: "cluster/" + r.cluster,
			Provenance: evidence.Provenance{Collector: Collector, CollectorVersion: r.opts.Version, Cluster: r.cluster,
				SHA256: art.SHA256, Collected: now}},
		Format: FormatCluster, Status: evidence.StatusOK, Servers: b.workloads, Size: art.Size,
	}
	src.Diagnostics = append(r.diags, b.diagnostics...)
	for i := range src.Diagnostics {
		src.Diagnostics[i].Message = red.RedactString(src.Diagnostics[i].Message)
	}
	sortDiagnostics(src.Diagnostics)
	out := &LiveResult{Subjects: append(b.subjects, src), Artifacts: []evidence.Artifact{art},
		Files: map[string][]byte{art.BundlePath: redacted}}
	return out, nil
}

// refOf orders raw objects by kind, namespace and name.
func refOf(obj map[string]any) string {
	md, _ := obj["metadata"].(map[string]any)
	kind, _ := obj["kind"].(string)
	ns, _ := md["namespace"].(string)
	name, _ := md["name"].(string)
	return kind + "/" + ns + "/" + name
}

// isConnectionError reports errors that mean the API server was not
// reached at all.
func isConnectionError(err error) bool {
	var netErr net.Error
	var opErr *net.OpError
	return errors.As(err, &netErr) || errors.As(err, &opErr) || strings.Contains(err.Error(), "connection refused") ||
		strings.Contains(err.Error(), "no such host")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
