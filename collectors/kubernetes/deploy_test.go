package kubernetes

import (
	"os"
	"slices"
	"testing"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
)

// TestReaderClusterRoleIsReadOnly checks the ClusterRole shipped in
// deploy/kubernetes: it grants only get, list and watch, never on Secrets,
// and covers every kind the live collector lists.
func TestReaderClusterRoleIsReadOnly(t *testing.T) {
	data, err := os.ReadFile("../../deploy/kubernetes/clusterrole.yaml")
	if err != nil {
		t.Fatal(err)
	}
	role, perr := postree.ParseYAML(data)
	if perr != nil {
		t.Fatal(perr)
	}
	grants := map[[2]string]bool{}
	for _, r := range readRules(role.Get("rules")) {
		for _, v := range r.Verbs {
			if v != "get" && v != "list" && v != "watch" {
				t.Errorf("rule %v grants %q: the role must be read-only", r.Resources, v)
			}
		}
		for _, g := range r.APIGroups {
			for _, res := range r.Resources {
				if res == "secrets" || res == "*" && g == "" {
					t.Errorf("rule grants %s in group %q: Secrets must never be readable", res, g)
				}
				grants[[2]string{g, res}] = true
			}
		}
	}
	for _, res := range builtinResources {
		if !grants[[2]string{res.gvr.Group, res.gvr.Resource}] {
			t.Errorf("the live collector lists %s, which the ClusterRole does not grant", res.gvr)
		}
	}
	for _, g := range mcpGroups {
		if !grants[[2]string{g, "*"}] && !slices.ContainsFunc(builtinResources, func(r liveResource) bool { return r.gvr.Group == g }) && !grants[[2]string{g, "routes"}] {
			t.Errorf("the live collector reads group %s, which the ClusterRole does not grant", g)
		}
	}
}
