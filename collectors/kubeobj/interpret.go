package kubeobj

import (
	"context"
	"path"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// Interpreter reads the objects of a Set that belong to one product (custom
// resources, a product's Deployments) into gateway and server subjects. The
// Kubernetes collector calls every registered interpreter once per Set, in
// registration order, before it builds workload subjects. Interpret must be
// safe for concurrent use on different sets, must not modify the set, and
// must treat everything in it as untrusted input.
type Interpreter interface {
	// Name identifies the interpreter: the provenance collector of what it
	// emits, e.g. "gateway/toolhive".
	Name() string
	// Interpret reads the set. An interpreter that finds nothing of its
	// product returns the zero Interpretation.
	Interpret(ctx context.Context, set *Set) Interpretation
}

// Interpretation is what an interpreter read from a set or from values.
type Interpretation struct {
	// Subjects are gateway and server subjects (never workloads or
	// sources). Each links to the source of the object it was read from
	// (Set.SourceOf) and to the workloads it runs in (Set.WorkloadID), and
	// has a provenance made with Object.Provenance.
	Subjects []evidence.Subject
	// Diagnostics are problems found in the objects (a reference to an
	// object the set does not hold, a field the product no longer reads).
	// They are added to the source subject of the file they name (the
	// set's source when they name none); make them with Set.Diag.
	Diagnostics []evidence.Diagnostic
	// Claims are objects the interpreter knows to run an MCP server or
	// gateway; the collector builds workload subjects for them even when
	// its own recognition rules would not.
	Claims []Claim
}

// Claim marks an object as an MCP workload.
type Claim struct {
	Object *Object
	// Role is RoleServer or RoleGateway.
	Role string
	// Reason says how the object was recognised, for people
	// ("image ghcr.io/microsoft/mcp-gateway").
	Reason string
}

// Workload roles.
const (
	RoleServer  = "server"  // runs an MCP server
	RoleGateway = "gateway" // runs an MCP gateway or proxy
)

// Merge appends other's subjects, diagnostics and claims to in.
func (in *Interpretation) Merge(other Interpretation) {
	in.Subjects = append(in.Subjects, other.Subjects...)
	in.Diagnostics = append(in.Diagnostics, other.Diagnostics...)
	in.Claims = append(in.Claims, other.Claims...)
}

// ValuesInterpreter reads a product's Helm values (the values of a chart it
// knows, or a lone values file) into gateway and server subjects. Values
// decide what a chart renders; a product's interpreter knows what its
// settings mean (ContextForge's AUTH_REQUIRED, a gateway's auth toggles)
// where the rendered objects alone would not say.
type ValuesInterpreter interface {
	// Name identifies the interpreter, e.g. "gateway/contextforge".
	Name() string
	// InterpretValues reads v. It returns the zero Interpretation when the
	// values are not its product's.
	InterpretValues(ctx context.Context, v *Values) Interpretation
}

// Values are the Helm values of one chart or one lone values file.
type Values struct {
	// Chart is the chart's name from Chart.yaml ("mcp-stack"), or "" for a
	// lone values file whose chart is not beside it.
	Chart string
	// Root is the values document: for a rendered chart, the chart's
	// defaults merged with the values files given; for a lone values file,
	// the file itself (with positions).
	Root *postree.Node
	// File is the provenance path of the values file Root was read from
	// (the chart's values.yaml or the lone file).
	File string
	// Rendered is the set of objects the chart rendered, nil for a lone
	// values file. Link subjects to its workloads with Rendered.WorkloadID.
	Rendered *Set
	// Origin is where the values were read; subjects link to
	// Origin.SourceID.
	Origin Origin
}

// Provenance returns the provenance of a subject declared at node at of
// the values (nil: the file as a whole).
func (v *Values) Provenance(collector string, at *postree.Node) evidence.Provenance {
	p := evidence.Provenance{
		Collector:        collector,
		CollectorVersion: v.Origin.Version,
		File:             v.File,
		Collected:        v.Origin.Collected,
	}
	if v.Origin.SHA256 != nil {
		p.SHA256 = v.Origin.SHA256(v.File)
	}
	if at != nil {
		p.Line, p.Column, p.Pointer = at.Line, at.Col, at.Pointer
	}
	return p
}

// SubjectID returns the ID of a subject of kind named name read from the
// values.
func (v *Values) SubjectID(kind evidence.Kind, name string) string {
	return evidence.MakeID(kind, v.File, secrets.RedactSegments(name))
}

// WorkloadID returns the ID of the partial workload the Kubernetes
// collector builds from a lone values file for the component at key path
// component ("mcpContextForge", "gateway.proxy"; "" for an image at the top
// level). Link gateway subjects read from the same component to it.
func (v *Values) WorkloadID(component string) string {
	if component == "" {
		component = strings.TrimSuffix(path.Base(v.File), path.Ext(v.File))
	}
	return v.SubjectID(evidence.KindWorkload, "values/"+component)
}

// Diag returns a diagnostic about the values at node at (nil: no line).
func (v *Values) Diag(severity string, at *postree.Node, msg string) evidence.Diagnostic {
	d := evidence.Diagnostic{Severity: severity, File: v.File, Message: msg}
	if at != nil && at.Line > 0 {
		d.Line, d.Column = at.Line, at.Col
	}
	return d
}

// Secret hands a raw secret read from the values to the source's redactor.
func (v *Values) Secret(raw string) {
	s := Set{Origin: v.Origin}
	s.Secret(raw)
}

// Built is what the Kubernetes collector built from a set: workload
// subjects, the subjects its interpreters read, and diagnostics.
type Built struct {
	Subjects    []evidence.Subject
	Diagnostics []evidence.Diagnostic
}

// SetBuilder builds the subjects of a set of objects that another
// collector found in a format of its own (the kubernetes_* resources of a
// Terraform module, converted to objects), with the Kubernetes collector's
// own rules: every workload is built by one builder, whatever format it was
// written in. collectors/registry.go hands the Kubernetes collector's
// builder to the collectors that need it.
type SetBuilder func(ctx context.Context, set *Set) Built
