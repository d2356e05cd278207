package kubernetes

import (
	"context"

	"github.com/tollgate-dev/tollgate/collectors/kubeobj"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// SetBuilder returns the collector's builder for sets of objects other
// collectors find in formats of their own (Terraform's kubernetes_*
// resources): the interpreters run over the set and one workload subject is
// built per MCP workload, as for a folder of manifests. Raw secrets met in
// the objects go to the set's Origin.Secret.
func SetBuilder(opts Options) kubeobj.SetBuilder {
	return func(ctx context.Context, set *kubeobj.Set) kubeobj.Built {
		red := secrets.NewRedactor()
		b := build(ctx, set, opts, red)
		red.Each(set.Secret)
		return kubeobj.Built{Subjects: b.subjects, Diagnostics: b.diagnostics}
	}
}
