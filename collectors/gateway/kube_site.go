package gateway

import (
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/collectors/kubeobj"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// objectSite is the site of subjects read from a Kubernetes object of a
// set: IDs from the set's origin, the object's source and positions,
// diagnostics at the object's lines, secrets handed to the set (and to red,
// the redactor launch and remote analysis use).
func objectSite(set *kubeobj.Set, o *kubeobj.Object, red *secrets.Redactor) site {
	return site{
		path:     set.Origin.Name(),
		sourceID: set.SourceOf(o),
		prov:     func(n *postree.Node) evidence.Provenance { return o.ProvenanceAt("", n) },
		diag:     func(sev string, n *postree.Node, msg string) evidence.Diagnostic { return set.Diag(sev, o, n, msg) },
		secret:   set.Secret,
		red:      red,
	}
}

// interpretation gathers what builders read from a set: their subjects (a
// gateway lists every server that links to it, whichever object declared
// the server) and diagnostics; red's secrets go to the set.
func interpretation(set *kubeobj.Set, red *secrets.Redactor, builders []*builder) kubeobj.Interpretation {
	var out kubeobj.Interpretation
	red.Each(set.Secret)
	for _, b := range builders {
		out.Subjects = append(out.Subjects, b.subjects()...)
		out.Diagnostics = append(out.Diagnostics, b.diags...)
	}
	frontAcrossObjects(out.Subjects)
	return out
}
