package kubernetes

import (
	"slices"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/collectors/kubeobj"
	"github.com/tollgate-dev/tollgate/evidence"
)

const rbacGroup = "rbac.authorization.k8s.io"

// defaultClusterRoles are the rules of the user-facing ClusterRoles every
// cluster has, for manifests that bind them without defining them. They
// are summaries of the roles' rules that keep what the RBAC controls judge:
// cluster-admin grants everything; edit reads and writes Secrets, creates
// workloads, execs into pods and impersonates service accounts; admin adds
// Roles and RoleBindings; view reads everything but Secrets.
var defaultClusterRoles = map[string][]evidence.RBACRule{
	"cluster-admin": {
		{APIGroups: []string{"*"}, Resources: []string{"*"}, Verbs: []string{"*"}},
		{NonResourceURLs: []string{"*"}, Verbs: []string{"*"}},
	},
	"admin": append(editRules(),
		evidence.RBACRule{APIGroups: []string{rbacGroup}, Resources: []string{"roles", "rolebindings"},
			Verbs: []string{"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"}}),
	"edit": editRules(),
	"view": {
		{APIGroups: []string{"", "apps", "batch", "autoscaling", "networking.k8s.io", "policy"},
			Resources: []string{"pods", "pods/log", "services", "endpoints", "configmaps", "persistentvolumeclaims",
				"deployments", "statefulsets", "daemonsets", "replicasets", "jobs", "cronjobs", "ingresses", "networkpolicies"},
			Verbs: []string{"get", "list", "watch"}},
	},
}

func editRules() []evidence.RBACRule {
	return []evidence.RBACRule{
		{APIGroups: []string{""}, Resources: []string{"pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy",
			"secrets", "configmaps", "services", "persistentvolumeclaims", "serviceaccounts"},
			Verbs: []string{"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"}},
		{APIGroups: []string{""}, Resources: []string{"serviceaccounts"}, Verbs: []string{"impersonate"}},
		{APIGroups: []string{"apps", "batch"}, Resources: []string{"deployments", "statefulsets", "daemonsets", "replicasets", "jobs", "cronjobs"},
			Verbs: []string{"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"}},
	}
}

// subjectMatches reports whether a binding subject names the service
// account ns/name (directly, or through the service-account and
// authenticated groups).
func subjectMatches(s *postree.Node, bindingNS, ns, name string) bool {
	kind, _ := s.Str("kind")
	sname, _ := s.Str("name")
	switch kind {
	case "ServiceAccount":
		sns, _ := s.Str("namespace")
		if sns == "" {
			sns = bindingNS
		}
		return sname == name && sns == ns
	case "Group":
		return sname == "system:serviceaccounts" || sname == "system:serviceaccounts:"+ns || sname == "system:authenticated"
	case "User":
		return sname == "system:serviceaccount:"+ns+":"+name
	}
	return false
}

// onlyBroadGroups reports whether a binding's subjects are only the groups
// every identity (or every service account) belongs to.
func onlyBroadGroups(b *kubeobj.Object) bool {
	subjects := items(b.Root.Get("subjects"))
	for _, s := range subjects {
		kind, _ := s.Str("kind")
		name, _ := s.Str("name")
		if kind != "Group" || !strings.HasPrefix(name, "system:") {
			return false
		}
	}
	return len(subjects) > 0
}

// resolveRBAC collects the rules bound to the service account ns/name.
func resolveRBAC(set *kubeobj.Set, ns, name string) evidence.WorkloadRBAC {
	var out evidence.WorkloadRBAC
	bindings := slices.Concat(set.OfKind(rbacGroup, "ClusterRoleBinding"), set.InNamespace(rbacGroup, "RoleBinding", ns))
	for _, b := range bindings {
		bound := false
		for _, s := range items(b.Root.Get("subjects")) {
			if subjectMatches(s, b.Namespace, ns, name) {
				bound = true
				break
			}
		}
		if !bound {
			continue
		}
		scope := "cluster"
		if b.Kind == "RoleBinding" {
			scope = b.Namespace
		}
		ref := b.Root.Get("roleRef")
		kind, _ := ref.Str("kind")
		role, _ := ref.Str("name")
		if strings.HasPrefix(role, "system:") && onlyBroadGroups(b) {
			// Kubernetes' bootstrap roles for every authenticated identity
			// (discovery, self-reviews): they do not tell workloads apart.
			continue
		}
		bindingName := b.Kind + "/" + b.Name
		out.Bindings = append(out.Bindings, bindingName)
		roleName := kind + "/" + role
		rules, ok := roleRules(set, kind, b.Namespace, role)
		if !ok {
			if defaults, known := defaultClusterRoles[role]; known && kind == "ClusterRole" {
				rules = defaults
			} else {
				out.Unresolved = append(out.Unresolved, roleName)
				continue
			}
		}
		if kind == "ClusterRole" && role == "cluster-admin" && scope == "cluster" {
			out.ClusterAdmin = true
		}
		for _, r := range rules {
			r.Role, r.Binding, r.Scope = roleName, bindingName, scope
			out.Rules = append(out.Rules, r)
		}
	}
	judgeRules(&out)
	sort.Strings(out.Bindings)
	out.Bindings = slices.Compact(out.Bindings)
	sort.Strings(out.Unresolved)
	out.Unresolved = slices.Compact(out.Unresolved)
	return out
}

// roleRules returns the rules of a Role or ClusterRole in the set,
// resolving ClusterRole aggregation.
func roleRules(set *kubeobj.Set, kind, ns, name string) ([]evidence.RBACRule, bool) {
	var role *kubeobj.Object
	if kind == "Role" {
		role = set.Find(rbacGroup, "Role", ns, name)
	} else {
		role = set.Find(rbacGroup, "ClusterRole", "", name)
	}
	if role == nil {
		return nil, false
	}
	rules := readRules(role.Root.Get("rules"))
	if agg := role.Root.Lookup("aggregationRule", "clusterRoleSelectors"); agg.IsArray() {
		for _, cr := range set.OfKind(rbacGroup, "ClusterRole") {
			if cr == role {
				continue
			}
			for _, sel := range agg.Items {
				if kubeobj.MatchesSelector(sel, cr.Labels) {
					rules = append(rules, readRules(cr.Root.Get("rules"))...)
					break
				}
			}
		}
	}
	return rules, true
}

// readRules reads PolicyRules.
func readRules(n *postree.Node) []evidence.RBACRule {
	var out []evidence.RBACRule
	for _, r := range items(n) {
		var rule evidence.RBACRule
		rule.APIGroups, _ = r.Strings("apiGroups")
		rule.Resources, _ = r.Strings("resources")
		rule.ResourceNames, _ = r.Strings("resourceNames")
		rule.NonResourceURLs, _ = r.Strings("nonResourceURLs")
		rule.Verbs, _ = r.Strings("verbs")
		if rule.Verbs == nil {
			rule.Verbs = []string{}
		}
		out = append(out, rule)
	}
	return out
}

// podCreators are resources whose creation runs pods of one's choosing.
var podCreators = []string{"pods", "deployments", "statefulsets", "daemonsets", "replicasets", "jobs", "cronjobs", "replicationcontrollers"}

// judgeRules fills the summary facts from the rules.
func judgeRules(out *evidence.WorkloadRBAC) {
	for _, r := range out.Rules {
		verb := func(vs ...string) bool {
			for _, v := range r.Verbs {
				if v == "*" || slices.Contains(vs, v) {
					return true
				}
			}
			return false
		}
		resource := func(rs ...string) bool {
			for _, res := range r.Resources {
				if res == "*" || slices.Contains(rs, res) {
					return true
				}
			}
			return false
		}
		core := slices.Contains(r.APIGroups, "") || slices.Contains(r.APIGroups, "*")
		if slices.Contains(r.Verbs, "*") || slices.Contains(r.Resources, "*") || slices.Contains(r.APIGroups, "*") && len(r.Resources) > 0 {
			out.Wildcard = true
		}
		if core && resource("secrets") && verb("get", "list", "watch") {
			out.SecretsRead = true
		}
		if resource(podCreators...) && verb("create") && anyGroup(r.APIGroups, "", "apps", "batch") {
			out.PodsCreate = true
		}
		if core && resource("pods/exec", "pods/attach") && verb("create", "get") {
			out.PodsExec = true
		}
		rbac := anyGroup(r.APIGroups, rbacGroup)
		if rbac && resource("roles", "clusterroles") && verb("escalate") {
			out.Escalate = true
		}
		if rbac && resource("roles", "clusterroles") && verb("bind") {
			out.Bind = true
		}
		if verb("impersonate") && (resource("users", "groups", "serviceaccounts", "uids", "userextras/scopes") || anyGroup(r.APIGroups, "authentication.k8s.io")) {
			out.Impersonate = true
		}
		if r.Role == "ClusterRole/cluster-admin" && r.Scope == "cluster" {
			out.ClusterAdmin = true
		}
	}
	if out.Wildcard && !out.ClusterAdmin {
		for _, r := range out.Rules {
			if r.Scope == "cluster" && slices.Contains(r.Verbs, "*") && slices.Contains(r.Resources, "*") && slices.Contains(r.APIGroups, "*") {
				out.ClusterAdmin = true
			}
		}
	}
}

// anyGroup reports whether groups holds one of want or "*".
func anyGroup(groups []string, want ...string) bool {
	for _, g := range groups {
		if g == "*" || slices.Contains(want, g) {
			return true
		}
	}
	return false
}
