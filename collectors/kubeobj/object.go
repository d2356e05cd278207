package kubeobj

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// Object is one Kubernetes object: a document of a manifest file (or an item
// of a List), an object of a rendered chart or kustomization, or an object
// listed from a cluster.
type Object struct {
	// APIVersion and Kind are the object's type ("apps/v1", "Deployment").
	APIVersion, Kind string
	// Namespace is the object's namespace. A namespaced object written
	// without one is placed in "default", where kubectl would apply it with
	// the default context (NamespaceDefaulted is then true); cluster-scoped
	// kinds have "".
	Namespace          string
	NamespaceDefaulted bool
	// Name is metadata.name (metadata.generateName when only that is set).
	Name string
	// UID is metadata.uid (objects read from a cluster).
	UID string
	// Labels and Annotations are metadata.labels and metadata.annotations
	// (never nil).
	Labels, Annotations map[string]string
	// Root is the whole object. Read from a file, its nodes carry line,
	// column and JSON pointer; from a cluster they carry pointers only.
	Root *postree.Node
	// File is the provenance path of the file the object was written in
	// (for a chart, the template that rendered it); "" for cluster objects.
	File string
	// Doc is the 0-based index of the object's document in File (items of
	// a List share their document).
	Doc int
	// Source is the ID of the source subject of File when the object was
	// read from a folder of manifests ("" otherwise: see Set.SourceOf).
	Source string

	// origin is the source of the set the object belongs to.
	origin *Origin
}

// Provenance returns the provenance of a subject read from the object, as
// collected by collector: file, line and pointer for objects read from
// files, cluster, namespace and Kind/name for objects read from a cluster.
func (o *Object) Provenance(collector string) evidence.Provenance {
	return o.ProvenanceAt(collector, nil)
}

// ProvenanceAt is Provenance pointing at node at inside the object (the
// object itself when at is nil).
func (o *Object) ProvenanceAt(collector string, at *postree.Node) evidence.Provenance {
	origin := o.origin
	if origin == nil {
		origin = &Origin{}
	}
	return o.provenance(origin, collector, at)
}

// Group returns the API group of the object's apiVersion ("" for the core
// group: "v1").
func (o *Object) Group() string { return GroupOf(o.APIVersion) }

// GroupOf returns the API group of an apiVersion ("apps/v1" → "apps",
// "v1" → "").
func GroupOf(apiVersion string) string {
	if i := strings.IndexByte(apiVersion, '/'); i >= 0 {
		return apiVersion[:i]
	}
	return ""
}

// Is reports whether the object is of the given group and kind.
func (o *Object) Is(group, kind string) bool { return o.Kind == kind && o.Group() == group }

// Ref names the object for people and in subject IDs: "ns/Kind/name", or
// "Kind/name" for cluster-scoped objects.
func (o *Object) Ref() string {
	if o.Namespace == "" {
		return o.Kind + "/" + o.Name
	}
	return o.Namespace + "/" + o.Kind + "/" + o.Name
}

// Line returns the line of the object's declaration in File (0 when
// unknown).
func (o *Object) Line() int {
	if o.Root == nil {
		return 0
	}
	return o.Root.Line
}

// Spec returns the object's spec (nil when it has none).
func (o *Object) Spec() *postree.Node { return o.Root.Get("spec") }

// Decode decodes the object (or, with path, the node at that path) into v
// the way encoding/json would decode the object's JSON form. Unknown fields
// are ignored.
func (o *Object) Decode(v any, path ...string) error {
	n := o.Root.Lookup(path...)
	if n == nil {
		return fmt.Errorf("decode %s: no %s", o.Ref(), strings.Join(path, "."))
	}
	data, err := json.Marshal(Value(n))
	if err != nil {
		return fmt.Errorf("decode %s: %w", o.Ref(), err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("decode %s: %w", o.Ref(), err)
	}
	return nil
}

// FromNode reads the objects of one parsed manifest document: the document
// itself, or the items of a List kind (v1 List, PodList, …). A document that
// is not an object with apiVersion and kind yields nothing and a problem
// describing why (nil for an empty document).
func FromNode(doc *postree.Node, file string, index int) ([]*Object, *Problem) {
	if doc == nil || doc.Kind == postree.Null {
		return nil, nil
	}
	if doc.Kind != postree.Object {
		return nil, &Problem{Node: doc, Msg: fmt.Sprintf("document %d is a %s, not a Kubernetes object", index+1, doc.Kind)}
	}
	apiVersion, _ := doc.Str("apiVersion")
	kind, _ := doc.Str("kind")
	if apiVersion == "" || kind == "" {
		return nil, &Problem{Node: doc, Msg: fmt.Sprintf("document %d has no apiVersion and kind, so Kubernetes would reject it", index+1)}
	}
	if strings.HasSuffix(kind, "List") && doc.Get("items").IsArray() {
		var out []*Object
		for _, it := range doc.Get("items").Items {
			objs, p := FromNode(it, file, index)
			if p != nil {
				return out, p
			}
			out = append(out, objs...)
		}
		return out, nil
	}
	o := &Object{APIVersion: apiVersion, Kind: kind, Root: doc, File: file, Doc: index}
	o.readMetadata()
	return []*Object{o}, nil
}

// FromValue builds an object from its decoded JSON form (an unstructured
// object listed from a cluster). Members are ordered by name, so the same
// object always yields the same tree.
func FromValue(v map[string]any) (*Object, error) {
	root := NodeOf(v)
	apiVersion, _ := root.Str("apiVersion")
	kind, _ := root.Str("kind")
	if apiVersion == "" || kind == "" {
		return nil, fmt.Errorf("object without apiVersion and kind")
	}
	o := &Object{APIVersion: apiVersion, Kind: kind, Root: root}
	o.readMetadata()
	return o, nil
}

// readMetadata fills the fields read from metadata.
func (o *Object) readMetadata() {
	md := o.Root.Get("metadata")
	o.Name, _ = md.Str("name")
	if o.Name == "" {
		o.Name, _ = md.Str("generateName")
	}
	o.UID, _ = md.Str("uid")
	o.Namespace, _ = md.Str("namespace")
	if ClusterScoped(o.Group(), o.Kind) {
		o.Namespace = ""
	} else if o.Namespace == "" {
		o.Namespace, o.NamespaceDefaulted = "default", true
	}
	o.Labels, _ = md.StringMap("labels")
	if o.Labels == nil {
		o.Labels = map[string]string{}
	}
	o.Annotations, _ = md.StringMap("annotations")
	if o.Annotations == nil {
		o.Annotations = map[string]string{}
	}
}

// clusterScoped lists the cluster-scoped kinds of the built-in API groups
// and of the MCP products Tollgate reads. Any other kind is taken to be
// namespaced.
var clusterScoped = map[string]bool{
	"/Namespace": true, "/Node": true, "/PersistentVolume": true, "/ComponentStatus": true,
	"rbac.authorization.k8s.io/ClusterRole": true, "rbac.authorization.k8s.io/ClusterRoleBinding": true,
	"apiextensions.k8s.io/CustomResourceDefinition": true, "storage.k8s.io/StorageClass": true,
	"storage.k8s.io/CSIDriver": true, "storage.k8s.io/CSINode": true, "storage.k8s.io/VolumeAttachment": true,
	"admissionregistration.k8s.io/MutatingWebhookConfiguration":     true,
	"admissionregistration.k8s.io/ValidatingWebhookConfiguration":   true,
	"admissionregistration.k8s.io/ValidatingAdmissionPolicy":        true,
	"admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding": true,
	"scheduling.k8s.io/PriorityClass":                               true, "node.k8s.io/RuntimeClass": true,
	"networking.k8s.io/IngressClass": true, "apiregistration.k8s.io/APIService": true,
	"certificates.k8s.io/CertificateSigningRequest": true, "policy/PodSecurityPolicy": true,
	"gateway.networking.k8s.io/GatewayClass": true,
}

// ClusterScoped reports whether objects of the group and kind have no
// namespace.
func ClusterScoped(group, kind string) bool { return clusterScoped[group+"/"+kind] }

// Problem is a document that could not be read as a Kubernetes object.
type Problem struct {
	Node *postree.Node
	Msg  string
}

// Value converts a node back into the value encoding/json would decode from
// the same JSON (see postree.Node.Value).
func Value(n *postree.Node) any { return n.Value() }

// NodeOf builds a node tree (pointers, no positions) from a decoded JSON
// value. Object members are sorted by name so that the tree is
// deterministic.
func NodeOf(v any) *postree.Node { return nodeOf(v, "") }

func nodeOf(v any, ptr string) *postree.Node {
	switch t := v.(type) {
	case map[string]any:
		n := &postree.Node{Kind: postree.Object, Pointer: ptr}
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			n.Keys = append(n.Keys, k)
			n.Vals = append(n.Vals, nodeOf(t[k], ptr+"/"+escapePointer(k)))
		}
		return n
	case []any:
		n := &postree.Node{Kind: postree.Array, Pointer: ptr}
		for i, it := range t {
			n.Items = append(n.Items, nodeOf(it, fmt.Sprintf("%s/%d", ptr, i)))
		}
		return n
	case string:
		return &postree.Node{Kind: postree.String, Text: t, Pointer: ptr}
	case bool:
		return &postree.Node{Kind: postree.Bool, Text: fmt.Sprint(t), Pointer: ptr}
	case json.Number:
		return &postree.Node{Kind: postree.Number, Text: t.String(), Pointer: ptr}
	case float64, float32, int, int32, int64, uint, uint32, uint64:
		return &postree.Node{Kind: postree.Number, Text: fmt.Sprint(t), Pointer: ptr}
	case nil:
		return &postree.Node{Kind: postree.Null, Pointer: ptr}
	}
	return &postree.Node{Kind: postree.String, Text: fmt.Sprint(v), Pointer: ptr}
}

// escapePointer escapes one JSON pointer reference token.
func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// provenance returns the provenance of the object read from origin.
func (o *Object) provenance(origin *Origin, collector string, at *postree.Node) evidence.Provenance {
	p := evidence.Provenance{
		Collector:        collector,
		CollectorVersion: origin.Version,
		Collected:        origin.Collected,
		Namespace:        secrets.RedactName(o.Namespace),
		Object:           o.Kind + "/" + secrets.RedactName(o.Name),
	}
	if origin.Cluster != "" {
		p.Cluster = origin.Cluster
		return p
	}
	p.File = o.File
	if origin.SHA256 != nil && o.File != "" {
		p.SHA256 = origin.SHA256(o.File)
	}
	if at == nil {
		at = o.Root
	}
	if at != nil && at.Line > 0 && !origin.rendered() {
		p.Line, p.Column = at.Line, at.Col
	}
	if at != nil {
		p.Pointer = secrets.RedactSegments(at.Pointer)
	}
	return p
}

// FromDocuments reads the objects of a parsed manifest stream (see
// files.File.ParseYAMLStream), in document order, and the problems of the
// documents that are not objects.
func FromDocuments(docs []*postree.Node, file string) ([]*Object, []Problem) {
	var out []*Object
	var problems []Problem
	for i, d := range docs {
		objs, p := FromNode(d, file, i)
		out = append(out, objs...)
		if p != nil {
			problems = append(problems, *p)
		}
	}
	return out, problems
}
