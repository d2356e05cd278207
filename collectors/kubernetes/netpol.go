package kubernetes

import (
	"fmt"
	"net/netip"
	"slices"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/collectors/kubeobj"
	"github.com/tollgate-dev/tollgate/evidence"
)

// metadataAddress is the cloud instance metadata service (AWS, GCP, Azure,
// and most others), where a pod picks up the node's cloud credentials.
var metadataAddress = netip.MustParseAddr("169.254.169.254")

// resolveNetwork judges the NetworkPolicies of ns that select pods with
// podLabels, as the API server applies them: a pod is isolated for a
// direction when any selecting policy has that policy type, and then only
// what some rule of those policies allows gets through.
func resolveNetwork(set *kubeobj.Set, ns string, podLabels map[string]string) evidence.WorkloadNetwork {
	var out evidence.WorkloadNetwork
	var ingressPolicies, egressPolicies int
	ingressOpen, egressOpen := false, false
	for _, np := range set.InNamespace("networking.k8s.io", "NetworkPolicy", ns) {
		spec := np.Spec()
		sel := spec.Get("podSelector")
		if sel == nil {
			sel = kubeobj.NodeOf(map[string]any{})
		}
		if !kubeobj.MatchesSelector(sel, podLabels) {
			continue
		}
		out.Policies = append(out.Policies, np.Name)
		ingressType, egressType := policyTypes(spec)
		if ingressType {
			ingressPolicies++
			for _, r := range items(spec.Get("ingress")) {
				if admitsAll(r.Get("from")) {
					ingressOpen = true
				}
			}
		}
		if egressType {
			egressPolicies++
			for i, r := range items(spec.Get("egress")) {
				peers := r.Get("to")
				if admitsAll(peers) {
					egressOpen = true
					out.OpenEgress = append(out.OpenEgress, fmt.Sprintf("%s egress rule %d: %s", np.Name, i+1, openReason(peers)))
				}
				if reachesMetadata(peers) {
					out.MetadataEgress = true
				}
			}
		}
	}
	ingress := ingressPolicies > 0 && !ingressOpen
	egress := egressPolicies > 0 && !egressOpen
	out.IngressRestricted, out.EgressRestricted = &ingress, &egress
	slices.Sort(out.Policies)
	return out
}

// policyTypes returns whether a NetworkPolicy spec isolates ingress and
// egress: its policyTypes, or by default Ingress, plus Egress when it has
// egress rules.
func policyTypes(spec *postree.Node) (ingress, egress bool) {
	if types, ok := spec.Strings("policyTypes"); ok && len(types) > 0 {
		return slices.Contains(types, "Ingress"), slices.Contains(types, "Egress")
	}
	return true, spec.Has("egress")
}

// admitsAll reports whether a rule's peers (from or to) admit every
// address: no peers, or an ipBlock of the whole address space.
func admitsAll(peers *postree.Node) bool {
	if peers == nil || peers.Kind == postree.Null || peers.IsArray() && len(peers.Items) == 0 {
		return true
	}
	for _, p := range items(peers) {
		if cidr, _ := p.Lookup("ipBlock").Str("cidr"); cidr == "0.0.0.0/0" || cidr == "::/0" {
			return true
		}
	}
	return false
}

// openReason says why a rule's peers admit everything.
func openReason(peers *postree.Node) string {
	for _, p := range items(peers) {
		if cidr, _ := p.Lookup("ipBlock").Str("cidr"); cidr == "0.0.0.0/0" || cidr == "::/0" {
			return "to " + cidr
		}
	}
	return "to any destination"
}

// reachesMetadata reports whether a rule's peers include the instance
// metadata address through an ipBlock that does not except it.
func reachesMetadata(peers *postree.Node) bool {
	for _, p := range items(peers) {
		block := p.Get("ipBlock")
		cidr, _ := block.Str("cidr")
		prefix, err := netip.ParsePrefix(cidr)
		if err != nil || !prefix.Contains(metadataAddress) {
			continue
		}
		excepted := false
		except, _ := block.Strings("except")
		for _, e := range except {
			if ep, err := netip.ParsePrefix(e); err == nil && ep.Contains(metadataAddress) {
				excepted = true
			}
		}
		if !excepted {
			return true
		}
	}
	return false
}
