package kubernetes

import "github.com/tollgate-dev/tollgate/collectors/files"

// Analyzers returns the file analyzers of the Kubernetes collector, in
// recognition order: Helm charts (Chart.yaml), kustomizations, Kubernetes
// manifests (and Helm templates), Helm values files.
func Analyzers(opts Options) []files.Analyzer {
	return []files.Analyzer{&chart{opts: opts}, &kustomization{opts: opts}, &manifests{opts: opts}, &values{opts: opts}}
}
