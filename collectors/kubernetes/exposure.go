package kubernetes

import (
	"slices"
	"sort"
	"strconv"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/collectors/kubeobj"
	"github.com/tollgate-dev/tollgate/evidence"
)

// authAnnotations are Ingress annotations by which the ingress controller
// authenticates requests before they reach the workload.
var authAnnotations = []string{
	"nginx.ingress.kubernetes.io/auth-url",               // external auth (oauth2-proxy, …)
	"nginx.ingress.kubernetes.io/auth-type",              // basic or digest
	"nginx.ingress.kubernetes.io/auth-tls-verify-client", // client certificates ("on")
	"nginx.org/jwt-key",                                  // NGINX Plus JWT
	"alb.ingress.kubernetes.io/auth-type",                // AWS ALB cognito or oidc
	"ingress.kubernetes.io/auth-type",                    // Traefik v1
	"traefik.ingress.kubernetes.io/auth-type",
	"haproxy.org/auth-type",
}

// ingressAuth returns the annotation that authenticates requests at an
// ingress, or "".
func ingressAuth(annotations map[string]string) string {
	for _, a := range authAnnotations {
		v, ok := annotations[a]
		if !ok || v == "" {
			continue
		}
		if a == "nginx.ingress.kubernetes.io/auth-tls-verify-client" && v != "on" {
			continue
		}
		if a == "alb.ingress.kubernetes.io/auth-type" && v == "none" {
			continue
		}
		return a
	}
	return ""
}

// exposure is how a workload's pods are reached.
type exposure struct {
	services  []evidence.ExposedService
	ingresses []evidence.ExposedIngress
	widest    string
}

// exposureRank orders exposures from narrowest to widest.
var exposureRank = map[string]int{"": 0, "cluster-ip": 1, "node-port": 2, "load-balancer": 3, "ingress": 4}

// resolveExposure finds the Services selecting pods with podLabels in ns,
// and the Ingresses and Routes that route to them.
func resolveExposure(set *kubeobj.Set, ns string, podLabels map[string]string) exposure {
	var out exposure
	widen := func(e string) {
		if exposureRank[e] > exposureRank[out.widest] {
			out.widest = e
		}
	}
	names := map[string]bool{}
	for _, svc := range set.InNamespace("", "Service", ns) {
		spec := svc.Spec()
		if !kubeobj.MatchesMap(spec.Get("selector"), podLabels) {
			continue
		}
		typ, _ := spec.Str("type")
		if typ == "" {
			typ = "ClusterIP"
		}
		es := evidence.ExposedService{Name: svc.Name, Type: typ}
		for _, p := range items(spec.Get("ports")) {
			if port, ok := p.Scalar("port"); ok {
				if n, err := strconv.Atoi(port); err == nil {
					es.Ports = append(es.Ports, n)
				}
			}
		}
		es.SourceRanges, _ = spec.Strings("loadBalancerSourceRanges")
		es.ExternalIPs, _ = spec.Strings("externalIPs")
		switch typ {
		case "NodePort":
			widen("node-port")
		case "LoadBalancer":
			widen("load-balancer")
		default:
			widen("cluster-ip")
		}
		if len(es.ExternalIPs) > 0 {
			widen("load-balancer")
		}
		out.services = append(out.services, es)
		names[svc.Name] = true
	}
	for _, ing := range set.InNamespace("networking.k8s.io", "Ingress", ns) {
		if ei, ok := readIngress(ing, names); ok {
			out.ingresses = append(out.ingresses, ei)
			widen("ingress")
		}
	}
	for _, ing := range set.InNamespace("extensions", "Ingress", ns) {
		if ei, ok := readIngress(ing, names); ok {
			out.ingresses = append(out.ingresses, ei)
			widen("ingress")
		}
	}
	for _, rt := range set.InNamespace("route.openshift.io", "Route", ns) {
		to, _ := rt.Root.Lookup("spec", "to").Str("name")
		if !names[to] {
			continue
		}
		host, _ := rt.Spec().Str("host")
		ei := evidence.ExposedIngress{Name: rt.Name, Kind: "Route", TLS: rt.Spec().Get("tls").IsObject(), Auth: ingressAuth(rt.Annotations)}
		if host != "" {
			ei.Hosts = []string{host}
		}
		out.ingresses = append(out.ingresses, ei)
		widen("ingress")
	}
	return out
}

// readIngress reads an Ingress that routes to one of the named Services.
func readIngress(ing *kubeobj.Object, services map[string]bool) (evidence.ExposedIngress, bool) {
	spec := ing.Spec()
	hits := func(b *postree.Node) bool {
		name, _ := b.Lookup("service").Str("name")
		if name == "" {
			name, _ = b.Str("serviceName") // extensions/v1beta1
		}
		return services[name]
	}
	routes := hits(spec.Get("defaultBackend")) || hits(spec.Get("backend"))
	var hosts []string
	for _, rule := range items(spec.Get("rules")) {
		for _, p := range items(rule.Lookup("http", "paths")) {
			if hits(p.Get("backend")) {
				routes = true
				host, _ := rule.Str("host")
				hosts = append(hosts, host)
				break
			}
		}
	}
	if !routes {
		return evidence.ExposedIngress{}, false
	}
	tlsHosts := map[string]bool{}
	wildcardTLS := false
	for _, t := range items(spec.Get("tls")) {
		hs, _ := t.Strings("hosts")
		if len(hs) == 0 {
			wildcardTLS = true
		}
		for _, h := range hs {
			tlsHosts[h] = true
		}
	}
	tls := len(items(spec.Get("tls"))) > 0
	for _, h := range hosts {
		if !wildcardTLS && !tlsHosts[h] && !coveredByWildcard(h, tlsHosts) {
			tls = false
		}
	}
	sort.Strings(hosts)
	hosts = slices.Compact(hosts)
	if len(hosts) == 1 && hosts[0] == "" {
		hosts = nil
	}
	return evidence.ExposedIngress{Name: ing.Name, Kind: "Ingress", Hosts: hosts, TLS: tls, Auth: ingressAuth(ing.Annotations)}, true
}

// coveredByWildcard reports whether a TLS host "*.example.com" covers host.
func coveredByWildcard(host string, tlsHosts map[string]bool) bool {
	for i := 0; i < len(host); i++ {
		if host[i] == '.' {
			return tlsHosts["*"+host[i:]]
		}
	}
	return false
}
