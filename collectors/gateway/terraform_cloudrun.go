package gateway

import (
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
)

// invokerRoles are the IAM roles that let a principal call a Cloud Run
// service.
var invokerRoles = map[string]bool{"roles/run.invoker": true, "roles/run.servicesInvoker": true}

// cloudRunIAM are the IAM resources of each Cloud Run resource type and
// the attribute naming the service.
var cloudRunIAM = map[string]struct {
	prefix, service string
}{
	"google_cloud_run_service":    {"google_cloud_run_service_iam_", "service"},
	"google_cloud_run_v2_service": {"google_cloud_run_v2_service_iam_", "name"},
}

// cloudRunInvoker is one grant of the invoker role.
type cloudRunInvoker struct {
	member string
	at     *postree.Node
}

// cloudRun reads Cloud Run services that run MCP: Cloud Run's HTTPS front
// end is the gateway, reached as the ingress setting allows and
// authenticated by IAM (Google identity tokens checked against
// roles/run.invoker) unless the role is granted to allUsers or the IAM
// check is disabled; each container is a server behind it.
func (rd *tfReader) cloudRun() {
	for _, r := range rd.m.ofType("google_cloud_run_service", "google_cloud_run_v2_service") {
		v2 := r.typ == "google_cloud_run_v2_service"
		spec := r.body.Lookup("template", "0", "spec", "0")
		if v2 {
			spec = r.body.Lookup("template", "0")
		}
		name, ok := literal(r.body.Get("name"))
		if !ok {
			name = r.name
		}
		var containers []*tfContainer
		mcp := false
		for _, c := range items(spec.Get("containers")) {
			tc := cloudRunContainer(c, v2)
			containers = append(containers, tc)
			cname, _ := literal(c.Get("name"))
			mcp = mcp || tc.runsMCP(name, r.name, cname)
		}
		if !mcp {
			continue
		}
		b := rd.builder(r, "cloud-run")
		gw := b.newGateway(name, r.body)
		gw.Provenance.Collector = b.collector
		gw.Listeners = []evidence.Listener{rd.cloudRunListener(b, r, name, v2)}
		// Google's front end routes requests by host name to the service
		// that owns it: a request for another (rebound) name never reaches
		// the container.
		gw.DNSRebinding = true
		rd.cloudRunAuth(b, gw, r, name, v2)
		for i, c := range items(spec.Get("containers")) {
			cname, ok := literal(c.Get("name"))
			if !ok {
				cname = name
				if i > 0 {
					cname = name + "/" + c.Pointer
				}
			}
			containers[i].server(b, gw, cname, c)
		}
	}
}

// cloudRunContainer reads a container of a Cloud Run template.
func cloudRunContainer(c *postree.Node, v2 bool) *tfContainer {
	tc := &tfContainer{env: map[string]*postree.Node{}, secretEnv: map[string]string{}}
	tc.image, _ = c.Str("image")
	tc.command = append(words(c.Get("command")), words(c.Get("args"))...)
	for _, e := range items(c.Get("env")) {
		name, _ := e.Str("name")
		if name == "" {
			continue
		}
		if v := e.Get("value"); v != nil {
			tc.env[name] = v
			continue
		}
		ref := e.Lookup("value_from", "0", "secret_key_ref", "0")
		secret := "name"
		if v2 {
			ref, secret = e.Lookup("value_source", "0", "secret_key_ref", "0"), "secret"
		}
		if s, ok := ref.Str(secret); ok {
			tc.secretEnv[name] = s
		}
	}
	return tc
}

// cloudRunListener is the service's HTTPS endpoint, public unless ingress
// keeps it inside the project's networks.
func (rd *tfReader) cloudRunListener(b *builder, r *tfResource, name string, v2 bool) evidence.Listener {
	l := evidence.Listener{Port: 443, TLS: true, Exposure: evidence.ExposurePublic, Hosts: []string{name},
		Transport: evidence.TransportStreamableHTTP}
	ingress, set := "all", false
	at := r.body
	if v2 {
		if n := r.body.Get("ingress"); n != nil {
			at = n
			ingress, set = literal(n)
		}
	} else if n := r.body.Lookup("metadata", "0", "annotations", "run.googleapis.com/ingress"); n != nil {
		at = n
		ingress, set = literal(n)
	}
	switch strings.ToLower(ingress) {
	case "internal", "ingress_traffic_internal_only":
		l.Exposure = evidence.ExposureInternal
	case "internal-and-cloud-load-balancing", "ingress_traffic_internal_load_balancer":
		b.info(at, "Cloud Run service %s accepts traffic from its VPC and from Cloud Load Balancing, which may be an external load balancer", name)
	case "all", "ingress_traffic_all", "":
	default:
		if !set {
			b.info(at, "the ingress of Cloud Run service %s is computed by Terraform; the default, all traffic, is assumed", name)
		}
	}
	return l
}

// cloudRunAuth reads who may invoke the service: the IAM grants of the
// invoker role in the module, or invoker_iam_disabled.
func (rd *tfReader) cloudRunAuth(b *builder, gw *evidence.Gateway, r *tfResource, name string, v2 bool) {
	a := &gw.Authentication
	if off, _ := r.body.Boolean("invoker_iam_disabled"); off {
		a.Mode = evidence.GatewayAuthNone
		b.warn(r.body.Get("invoker_iam_disabled"), "Cloud Run service %s does not check IAM (invoker_iam_disabled): anyone who reaches it can call it", name)
		return
	}
	invokers := rd.cloudRunInvokers(r, name)
	for _, inv := range invokers {
		switch inv.member {
		case "allUsers":
			a.Mode = evidence.GatewayAuthNone
			b.warn(inv.at, "roles/run.invoker is granted to allUsers: anyone on the internet can call Cloud Run service %s without a Google identity", name)
			return
		case "allAuthenticatedUsers":
			gw.Authorization.Unrestricted = append(gw.Authorization.Unrestricted, "roles/run.invoker: allAuthenticatedUsers (any Google account)")
		}
	}
	a.Mode = evidence.GatewayAuthRequired
	addKind(a, "external")
	gw.Authorization.Kind, gw.Authorization.PerCaller = "rbac", true
	if len(invokers) == 0 {
		b.info(r.body, "no roles/run.invoker grant for Cloud Run service %s in this module: only principals granted it elsewhere (project IAM, another module) can call it", name)
	}
}

// cloudRunInvokers returns the grants of an invoker role on the service in
// the module: iam_member, iam_binding and iam_policy resources (with their
// google_iam_policy data source).
func (rd *tfReader) cloudRunInvokers(r *tfResource, name string) []cloudRunInvoker {
	iam := cloudRunIAM[r.typ]
	var out []cloudRunInvoker
	for _, g := range rd.m.resources {
		if !strings.HasPrefix(g.typ, iam.prefix) || !refersTo(g.body.Get(iam.service), r.typ, r.name, name) {
			continue
		}
		switch strings.TrimPrefix(g.typ, iam.prefix) {
		case "member":
			if role, _ := literal(g.body.Get("role")); invokerRoles[role] {
				m, _ := g.body.Str("member")
				out = append(out, cloudRunInvoker{m, g.body.Get("member")})
			}
		case "binding":
			if role, _ := literal(g.body.Get("role")); invokerRoles[role] {
				for _, m := range items(g.body.Get("members")) {
					out = append(out, cloudRunInvoker{m.Text, m})
				}
			}
		case "policy":
			out = append(out, rd.policyInvokers(g.body.Get("policy_data"))...)
		}
	}
	return out
}

// policyInvokers returns the invoker members of the google_iam_policy data
// source a policy_data attribute refers to.
func (rd *tfReader) policyInvokers(ref *postree.Node) []cloudRunInvoker {
	if ref == nil || !strings.HasPrefix(ref.Text, "${data.google_iam_policy.") {
		return nil
	}
	name := strings.TrimSuffix(strings.TrimPrefix(ref.Text, "${data.google_iam_policy."), ".policy_data}")
	d := rd.m.dataOf("google_iam_policy", name)
	if d == nil {
		return nil
	}
	var out []cloudRunInvoker
	for _, bnd := range items(d.body.Get("binding")) {
		if role, _ := literal(bnd.Get("role")); invokerRoles[role] {
			for _, m := range items(bnd.Get("members")) {
				out = append(out, cloudRunInvoker{m.Text, m})
			}
		}
	}
	return out
}
