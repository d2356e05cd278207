package gateway

import (
	"context"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/collectors/kubeobj"
	"github.com/tollgate-dev/tollgate/evidence"
)

// tfKubeKinds maps the Kubernetes provider's resource types to the objects
// they create (the _v1 names and the older unversioned ones).
var tfKubeKinds = map[string][2]string{
	"deployment":           {"apps/v1", "Deployment"},
	"stateful_set":         {"apps/v1", "StatefulSet"},
	"daemonset":            {"apps/v1", "DaemonSet"},
	"daemon_set":           {"apps/v1", "DaemonSet"},
	"pod":                  {"v1", "Pod"},
	"job":                  {"batch/v1", "Job"},
	"cron_job":             {"batch/v1", "CronJob"},
	"service":              {"v1", "Service"},
	"service_account":      {"v1", "ServiceAccount"},
	"secret":               {"v1", "Secret"},
	"config_map":           {"v1", "ConfigMap"},
	"namespace":            {"v1", "Namespace"},
	"role":                 {"rbac.authorization.k8s.io/v1", "Role"},
	"role_binding":         {"rbac.authorization.k8s.io/v1", "RoleBinding"},
	"cluster_role":         {"rbac.authorization.k8s.io/v1", "ClusterRole"},
	"cluster_role_binding": {"rbac.authorization.k8s.io/v1", "ClusterRoleBinding"},
	"network_policy":       {"networking.k8s.io/v1", "NetworkPolicy"},
	"ingress":              {"networking.k8s.io/v1", "Ingress"},
}

// tfKubeLists are the provider's repeated blocks whose Kubernetes field is
// a list under another name (a container block per container of
// containers).
var tfKubeLists = map[string]string{
	"container": "containers", "init_container": "initContainers", "port": "ports", "ports": "ports",
	"env": "env", "env_from": "envFrom", "volume": "volumes", "volume_mount": "volumeMounts", "rule": "rules",
	"subject": "subjects", "toleration": "tolerations", "image_pull_secrets": "imagePullSecrets",
	"ingress": "ingress", "egress": "egress", "from": "from", "to": "to", "path": "paths", "tls": "tls",
	"host_aliases": "hostAliases", "match_expressions": "matchExpressions", "items": "items",
}

// tfKubeNames are field names whose Kubernetes spelling is not the camel
// case of the provider's.
var tfKubeNames = map[string]string{
	"cluster_ip": "clusterIP", "cluster_ips": "clusterIPs", "external_ips": "externalIPs",
	"load_balancer_ip": "loadBalancerIP", "pod_ip": "podIP", "host_ip": "hostIP",
	"data": "stringData", // the provider takes Secret data as plain text and encodes it
}

// tfKubeObjects converts the module's kubernetes_* resources to Kubernetes
// objects, each with its resource's file as source.
func (rd *tfReader) tfKubeObjects() []*kubeobj.Object {
	var out []*kubeobj.Object
	for _, r := range rd.m.resources {
		node := tfKubeNode(r)
		if node == nil {
			continue
		}
		objs, _ := kubeobj.FromDocuments([]*postree.Node{node}, r.file.Path)
		for _, o := range objs {
			o.Source = r.file.SourceID()
		}
		out = append(out, objs...)
	}
	return out
}

// tfKubeNode returns the Kubernetes object a kubernetes_* resource creates,
// as a document, or nil.
func tfKubeNode(r *tfResource) *postree.Node {
	typ, ok := strings.CutPrefix(r.typ, "kubernetes_")
	if !ok {
		return nil
	}
	if typ == "manifest" {
		// The manifest attribute is the object, written in Kubernetes'
		// own field names.
		if m := r.body.Get("manifest"); m.IsObject() {
			return m
		}
		return nil
	}
	gvk, ok := tfKubeKinds[strings.TrimSuffix(typ, "_v1")]
	if !ok {
		return nil
	}
	doc := &postree.Node{Kind: postree.Object, Line: r.body.Line, Col: r.body.Col, Pointer: r.body.Pointer,
		Keys: []string{"apiVersion", "kind"},
		Vals: []*postree.Node{{Kind: postree.String, Text: gvk[0]}, {Kind: postree.String, Text: gvk[1]}}}
	body := tfKubeBlock(r.body)
	if gvk[1] != "Secret" {
		// Only a Secret's data is written in plain text by the provider.
		for i, k := range body.Keys {
			if k == "stringData" {
				body.Keys[i] = "data"
			}
		}
	}
	doc.Keys = append(doc.Keys, body.Keys...)
	doc.Vals = append(doc.Vals, body.Vals...)
	return doc
}

// tfKubeBlock converts a provider block body to the Kubernetes field
// names: snake case to camel case, a repeated block to its list, a single
// nested block to its object. Attribute maps (labels, annotations, data,
// selectors, resource limits) keep their keys.
func tfKubeBlock(n *postree.Node) *postree.Node {
	out := &postree.Node{Kind: postree.Object, Line: n.Line, Col: n.Col, Pointer: n.Pointer, Span: n.Span}
	for i, k := range n.Keys {
		if k == "__label" {
			continue
		}
		v := n.Vals[i]
		name := tfKubeName(k)
		switch {
		case v.IsArray() && tfBlockList(v):
			list, isList := tfKubeLists[k]
			switch {
			case isList:
				arr := &postree.Node{Kind: postree.Array, Line: v.Line, Col: v.Col, Pointer: v.Pointer}
				for _, it := range v.Items {
					arr.Items = append(arr.Items, tfKubeBlock(it))
				}
				name, v = list, arr
			case len(v.Items) == 1:
				v = tfKubeBlock(v.Items[0])
			default:
				arr := &postree.Node{Kind: postree.Array, Line: v.Line, Col: v.Col, Pointer: v.Pointer}
				for _, it := range v.Items {
					arr.Items = append(arr.Items, tfKubeBlock(it))
				}
				v = arr
			}
		}
		out.Keys = append(out.Keys, name)
		out.Vals = append(out.Vals, v)
	}
	return out
}

// tfBlockList reports whether an array holds nested blocks (objects from
// block bodies) rather than an attribute's list of values.
func tfBlockList(v *postree.Node) bool {
	for _, it := range v.Items {
		if !it.IsObject() {
			return false
		}
	}
	return len(v.Items) > 0
}

// tfKubeName returns the Kubernetes spelling of a provider field name.
func tfKubeName(k string) string {
	if n, ok := tfKubeNames[k]; ok {
		return n
	}
	parts := strings.Split(k, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}

// kubernetes hands the module's Kubernetes objects to the Kubernetes
// collector's builder and places what it builds in the files the objects
// were written in.
func (rd *tfReader) kubernetes(ctx context.Context, build kubeobj.SetBuilder) bool {
	if build == nil {
		return false
	}
	objs := rd.tfKubeObjects()
	if len(objs) == 0 {
		return false
	}
	first := rd.members[0].File
	origin := kubeobj.Origin{
		Kind: kubeobj.OriginTerraform, Path: rd.m.dir, Collected: first.Now, Version: first.Version,
		Secret: func(raw string) {
			for _, mb := range rd.members {
				mb.File.Secret(raw)
			}
		},
		SHA256: func(file string) string { return rd.member(file).File.SHA256 },
	}
	set := kubeobj.NewSet(origin)
	set.Add(objs...)
	built := build(ctx, set)
	for _, s := range built.Subjects {
		mb := rd.member(s.Metadata().Provenance.File)
		mb.Analysis.Subjects = append(mb.Analysis.Subjects, s)
		if _, ok := s.(*evidence.Workload); ok {
			mb.Analysis.Source.Servers++
		}
	}
	for _, d := range built.Diagnostics {
		mb := rd.member(d.File)
		mb.Analysis.Source.Diagnostics = append(mb.Analysis.Source.Diagnostics, d)
	}
	return len(built.Subjects) > 0
}
