package kubeobj

import (
	"slices"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
)

// MatchesMap reports whether labels carry every key and value of a
// map-style selector (a Service's spec.selector). An empty or absent
// selector matches nothing, as a Service without a selector selects no pods.
func MatchesMap(selector *postree.Node, labels map[string]string) bool {
	m, _ := selectorMap(selector)
	if len(m) == 0 {
		return false
	}
	for k, v := range m {
		if labels[k] != v {
			return false
		}
	}
	return true
}

// MatchesSelector reports whether labels match a metav1.LabelSelector
// (matchLabels and matchExpressions, as NetworkPolicy podSelector and
// Deployment selectors are written). An empty selector ({}) matches every
// label set; an absent one (nil) matches nothing. An expression with an
// unknown operator matches nothing, as the API server would reject it.
func MatchesSelector(selector *postree.Node, labels map[string]string) bool {
	if selector == nil || selector.Kind == postree.Null {
		return false
	}
	if selector.Kind != postree.Object {
		return false
	}
	ml, _ := selector.StringMap("matchLabels")
	for k, v := range ml {
		if got, ok := labels[k]; !ok || got != v {
			return false
		}
	}
	exprs := selector.Get("matchExpressions")
	if exprs == nil {
		return true
	}
	for _, e := range exprs.Items {
		key, _ := e.Str("key")
		op, _ := e.Str("operator")
		values, _ := e.Strings("values")
		got, has := labels[key]
		switch op {
		case "In":
			if !has || !slices.Contains(values, got) {
				return false
			}
		case "NotIn":
			if has && slices.Contains(values, got) {
				return false
			}
		case "Exists":
			if !has {
				return false
			}
		case "DoesNotExist":
			if has {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// selectorMap reads a map of scalar strings.
func selectorMap(n *postree.Node) (map[string]string, bool) {
	if !n.IsObject() {
		return nil, false
	}
	out := make(map[string]string, len(n.Keys))
	for i, k := range n.Keys {
		if s, ok := n.Vals[i].ScalarText(); ok {
			out[k] = s
		}
	}
	return out, true
}
