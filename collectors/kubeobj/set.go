package kubeobj

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// Origin kinds: what a Set was read from.
const (
	OriginManifests     = "manifests"     // the manifest files of one folder
	OriginChart         = "chart"         // a Helm chart rendered with its values
	OriginKustomization = "kustomization" // a kustomization built
	OriginCluster       = "cluster"       // a live cluster
	OriginValues        = "values"        // a lone Helm values file (Values only)
	OriginTerraform     = "terraform"     // the kubernetes_* resources of a Terraform module
)

// Origin says where the objects of a Set were read.
type Origin struct {
	// Kind is one of the Origin* constants.
	Kind string
	// Path is the provenance path of the folder of manifests, the chart
	// folder or the kustomization folder ("" for clusters).
	Path string
	// Cluster names a live cluster (its kubeconfig context, or "in-cluster").
	Cluster string
	// SourceID is the ID of the source subject of the chart, kustomization
	// or cluster. Objects of a folder of manifests each have their own file's
	// source: link subjects to Set.SourceOf(o), which covers both.
	SourceID string
	// Collected is the collection time and Version the Tollgate version,
	// recorded in every subject's provenance.
	Collected time.Time
	Version   string
	// Secret, when set, receives every raw secret read from the objects, so
	// that it is redacted from the stored copies and from messages.
	Secret func(raw string)
	// SHA256 returns the hex sha256 of the file at a provenance path, when
	// the set knows it.
	SHA256 func(file string) string
}

// rendered reports whether the objects are generated output (a rendered
// chart, a built kustomization): their positions are in text nobody edits,
// so subjects name the file and object without a line.
func (o *Origin) rendered() bool { return o.Kind == OriginChart || o.Kind == OriginKustomization }

// Name returns the origin for IDs and messages: the path, or
// "cluster/<name>".
func (o *Origin) Name() string {
	if o.Kind == OriginCluster {
		return "cluster/" + o.Cluster
	}
	return o.Path
}

// Set is the objects of one source, with lookups. Build it with NewSet and
// Add; it is read-only once handed to interpreters.
type Set struct {
	// Origin is where the objects were read.
	Origin Origin
	// Objects are in source order (files: document order; clusters: sorted
	// by kind, namespace and name).
	Objects []*Object

	byKey  map[key]*Object
	byUID  map[string]*Object
	byKind map[key][]*Object // group and kind; namespace too for namespaced lookups
}

type key struct{ group, kind, namespace, name string }

// NewSet returns an empty set of objects read from origin.
func NewSet(origin Origin) *Set {
	return &Set{Origin: origin, byKey: map[key]*Object{}, byUID: map[string]*Object{}, byKind: map[key][]*Object{}}
}

// Add appends objects to the set. A later object with the same group, kind,
// namespace and name replaces the earlier one in lookups (as a later
// `kubectl apply` would), but both stay in Objects.
func (s *Set) Add(objs ...*Object) {
	for _, o := range objs {
		o.origin = &s.Origin
		s.Objects = append(s.Objects, o)
		s.byKey[key{o.Group(), o.Kind, o.Namespace, o.Name}] = o
		all, inNS := key{group: o.Group(), kind: o.Kind}, key{group: o.Group(), kind: o.Kind, namespace: o.Namespace}
		s.byKind[all] = append(s.byKind[all], o)
		if o.Namespace != "" {
			s.byKind[inNS] = append(s.byKind[inNS], o)
		}
		if o.UID != "" {
			s.byUID[o.UID] = o
		}
	}
}

// Find returns the object of the group, kind, namespace and name, or nil.
// For cluster-scoped kinds namespace is "".
func (s *Set) Find(group, kind, namespace, name string) *Object {
	if ClusterScoped(group, kind) {
		namespace = ""
	}
	return s.byKey[key{group, kind, namespace, name}]
}

// OfKind returns the objects of the group and kind, in set order. The slice
// is the set's own: do not modify it.
func (s *Set) OfKind(group, kind string) []*Object {
	return s.byKind[key{group: group, kind: kind}]
}

// InNamespace returns the objects of the group and kind in namespace, in
// set order. The slice is the set's own: do not modify it.
func (s *Set) InNamespace(group, kind, namespace string) []*Object {
	if namespace == "" {
		return nil
	}
	return s.byKind[key{group: group, kind: kind, namespace: namespace}]
}

// Owners returns the objects named in o's metadata.ownerReferences that are
// in the set (matched by uid when both have one, else by kind and name in
// o's namespace).
func (s *Set) Owners(o *Object) []*Object {
	refs := o.Root.Lookup("metadata", "ownerReferences")
	if !refs.IsArray() {
		return nil
	}
	var out []*Object
	for _, r := range refs.Items {
		if uid, _ := r.Str("uid"); uid != "" {
			if owner := s.byUID[uid]; owner != nil {
				out = append(out, owner)
				continue
			}
		}
		apiVersion, _ := r.Str("apiVersion")
		kind, _ := r.Str("kind")
		name, _ := r.Str("name")
		if owner := s.Find(GroupOf(apiVersion), kind, o.Namespace, name); owner != nil {
			out = append(out, owner)
		}
	}
	return out
}

// Owned returns the objects whose ownerReferences name o.
func (s *Set) Owned(o *Object) []*Object {
	var out []*Object
	for _, c := range s.Objects {
		for _, owner := range s.Owners(c) {
			if owner == o {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// SubjectID returns the ID of the subject of kind read from object o of
// this set: stable across runs, and the same whoever computes it. A
// credential pasted into the object's name or namespace is redacted.
func (s *Set) SubjectID(kind evidence.Kind, o *Object) string {
	return evidence.MakeID(kind, s.Origin.Name(), secrets.RedactSegments(o.Ref()))
}

// SourceOf returns the ID of the source subject o was read from: its own
// file's for a folder of manifests, the set's otherwise. Link every subject
// read from o to it.
func (s *Set) SourceOf(o *Object) string {
	if o.Source != "" {
		return o.Source
	}
	return s.Origin.SourceID
}

// WorkloadID returns the ID of the workload subject the Kubernetes
// collector builds for o (a Deployment, a ToolHive MCPServer, …). Link
// gateway and server subjects to it.
func (s *Set) WorkloadID(o *Object) string { return s.SubjectID(evidence.KindWorkload, o) }

// Diag returns a diagnostic about object o at node at (the object itself
// when at is nil): file and line for objects read from files; for cluster
// objects the message is prefixed with the object's reference.
func (s *Set) Diag(severity string, o *Object, at *postree.Node, msg string) evidence.Diagnostic {
	if s.Origin.Kind == OriginCluster {
		return evidence.Diagnostic{Severity: severity, Message: o.Ref() + ": " + msg}
	}
	d := evidence.Diagnostic{Severity: severity, File: o.File, Message: msg}
	if at == nil {
		at = o.Root
	}
	if s.Origin.rendered() {
		// Rendered output: the line is not in a file people edit, so name
		// the object instead.
		d.Message = o.Ref() + ": " + msg
	} else if at != nil && at.Line > 0 {
		d.Line, d.Column = at.Line, at.Col
	}
	return d
}

// Secret hands a raw secret read from the set's objects to the redactor of
// the set's source, together with its escaped JSON form.
func (s *Set) Secret(raw string) {
	if s.Origin.Secret == nil || raw == "" {
		return
	}
	s.Origin.Secret(raw)
	if b, err := json.Marshal(raw); err == nil {
		if esc := string(b[1 : len(b)-1]); esc != raw {
			s.Origin.Secret(esc)
		}
	}
}

// String describes the set for people: its origin and size.
func (s *Set) String() string {
	return fmt.Sprintf("%s %s (%d objects)", s.Origin.Kind, s.Origin.Name(), len(s.Objects))
}
