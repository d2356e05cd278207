package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestKubernetesSourceFlags checks the cluster and Helm flags: what is a
// usage error, and that a cluster that cannot be reached is an error naming
// it (exit 2), not an empty pass.
func TestKubernetesSourceFlags(t *testing.T) {
	tmp := t.TempDir()
	kubeconfig := filepath.Join(tmp, "kubeconfig")
	// A cluster on a loopback port nothing listens on.
	if err := os.WriteFile(kubeconfig, []byte(`apiVersion: v1
kind: Config
clusters: [{name: gone, cluster: {server: "https://127.0.0.1:1"}}]
users: [{name: u, user: {token: not-a-real-token}}]
contexts: [{name: gone, context: {cluster: gone, user: u}}]
current-context: gone
`), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(tmp, "out")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"in-cluster with a kubeconfig", []string{"assess", "--in-cluster", "--kubeconfig", kubeconfig, "-o", out}, "--in-cluster reads the cluster Tollgate runs in"},
		{"bad selector", []string{"assess", exampleDir, "--kube-selector", "app in (", "-o", out}, "--kube-selector"},
		{"missing values file", []string{"assess", exampleDir, "--helm-values", filepath.Join(tmp, "nope.yaml"), "-o", out}, "--helm-values"},
		{"unknown context", []string{"collect", "--kubeconfig", kubeconfig, "--context", "prod"}, `no context "prod"`},
		{"unreachable cluster", []string{"collect", "--kubeconfig", kubeconfig}, "cluster gone: cannot reach the API server"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			run := runTollgate(t, tc.args...)
			if run.code != 2 || run.err == nil || !strings.Contains(run.err.Error(), tc.want) {
				t.Errorf("exit %d, error %v; want exit 2 and an error saying %q", run.code, run.err, tc.want)
			}
			if strings.Contains(run.stdout+run.stderr, "not-a-real-token") {
				t.Error("the kubeconfig's token was printed")
			}
		})
	}
}
