package gateway

import (
	"context"
	"fmt"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/collectors/kubeobj"
	"github.com/tollgate-dev/tollgate/collectors/launch"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// MicrosoftMCPGatewayInterpreter reads deployments of Microsoft's MCP
// Gateway (github.com/microsoft/mcp-gateway): the gateway Deployment (its
// image, or the image its deployment scripts build, ...-mcpgateway-service)
// and the tool gateway router StatefulSet (tool-gateway,
// ...-mcpgateway-tools). Both are claimed as workloads, so the Kubernetes
// collector builds them whatever their names.
//
// The gateway's settings come from its container environment, with the
// ConfigMaps and Secrets of envFrom and valueFrom resolved in the set
// (ASP.NET reads "Section__Key" variables as Section:Key). As the service's
// Program.cs decides: ASPNETCORE_ENVIRONMENT=Development (or
// Authentication__BypassEntra=true) replaces Entra ID with a development
// handler that authenticates every request as a mock user whose identity
// and roles come from the X-Dev-UserId and X-Dev-Roles request headers;
// otherwise requests need an Entra ID bearer token for AzureAd:Audience
// (issuer https://login.microsoftonline.com/<tenant>/v2.0), protected
// resource metadata names PublicOrigin, and app roles (mcp.admin and each
// adapter's requiredRoles) decide per caller and per adapter, not per tool.
// The client's Authorization header is not forwarded; the tool gateway
// receives the shared GatewaySettings:Secret. Adapters (the MCP servers the
// gateway deploys through its /adapters API) exist only at run time; the
// tool gateway router is the server behind the gateway's /mcp.
type MicrosoftMCPGatewayInterpreter struct{}

// Name returns the provenance collector of what the interpreter emits.
func (MicrosoftMCPGatewayInterpreter) Name() string { return collectorName + "/microsoft-mcp-gateway" }

// Microsoft MCP Gateway component roles.
const (
	msGateway = iota + 1
	msTools
)

// msComponent says which component an image runs (0: neither).
func msComponent(image string) int {
	repo := strings.ToLower(imageRepo(image))
	switch {
	case repo == "microsoft/mcp-gateway" || strings.HasSuffix(repo, "mcp-gateway/mcpgateway") || strings.HasSuffix(repo, "microsoft-mcpgateway-service"):
		return msGateway
	case repo == "microsoft/tool-gateway" || strings.HasSuffix(repo, "microsoft-mcpgateway-tools"):
		return msTools
	}
	return 0
}

// msWorkloads are the kinds that run the gateway's components.
var msWorkloads = []string{"Deployment", "StatefulSet"}

// msFound is a component found in the set.
type msFound struct {
	obj       *kubeobj.Object
	role      int
	container *postree.Node
	image     string
}

// Interpret reads every Microsoft MCP Gateway component of the set.
func (MicrosoftMCPGatewayInterpreter) Interpret(ctx context.Context, set *kubeobj.Set) kubeobj.Interpretation {
	var found []msFound
	for _, kind := range msWorkloads {
		for _, o := range set.OfKind("apps", kind) {
			for _, c := range items(o.Root.Lookup("spec", "template", "spec", "containers")) {
				image, _ := c.Str("image")
				if role := msComponent(image); role != 0 {
					found = append(found, msFound{o, role, c, image})
					break
				}
			}
		}
	}
	if len(found) == 0 || ctx.Err() != nil {
		return kubeobj.Interpretation{}
	}
	red := secrets.NewRedactor()
	var builders []*builder
	var claims []kubeobj.Claim
	for _, fd := range found {
		role := kubeobj.RoleGateway
		if fd.role == msTools {
			role = kubeobj.RoleServer
		}
		claims = append(claims, kubeobj.Claim{Object: fd.obj, Role: role, Reason: "Microsoft MCP Gateway image " + fd.image})
	}
	for _, fd := range found {
		if fd.role != msGateway {
			continue
		}
		b := newBuilder(objectSite(set, fd.obj, red), "microsoft-mcp-gateway", "microsoft-mcp-gateway/deployment",
			secrets.Syntax{Client: "kubernetes", DollarParen: true, DollarBrace: true})
		builders = append(builders, b)
		msGatewayOf(b, set, fd, found)
	}
	in := interpretation(set, red, builders)
	in.Claims = claims
	return in
}

// msSetting is one environment setting of a container.
type msSetting struct {
	value string
	node  *postree.Node
	// secretRef names the Secret the value comes from, when it does.
	secretRef string
}

// msEnvironment resolves a container's environment: env values and
// valueFrom references, and the ConfigMaps and Secrets of envFrom, in the
// object's namespace (env wins over envFrom, as in Kubernetes).
func msEnvironment(set *kubeobj.Set, o *kubeobj.Object, c *postree.Node) map[string]msSetting {
	out := map[string]msSetting{}
	for _, ef := range items(c.Get("envFrom")) {
		if name, ok := ef.Lookup("configMapRef").Str("name"); ok {
			if cm := set.Find("", "ConfigMap", o.Namespace, name); cm != nil {
				data := cm.Root.Get("data")
				for i, k := range members(data) {
					if s, ok := data.Vals[i].ScalarText(); ok {
						out[k] = msSetting{value: s, node: data.Vals[i]}
					}
				}
			}
		}
		if name, ok := ef.Lookup("secretRef").Str("name"); ok {
			if sec := set.Find("", "Secret", o.Namespace, name); sec != nil {
				data := sec.Root.Get("stringData")
				for i, k := range members(data) {
					out[k] = msSetting{node: data.Vals[i], secretRef: name}
				}
			}
		}
	}
	for _, e := range items(c.Get("env")) {
		name, _ := e.Str("name")
		if v := e.Get("value"); v != nil {
			s, _ := v.ScalarText()
			out[name] = msSetting{value: s, node: v}
		} else if ref, ok := e.Lookup("valueFrom", "secretKeyRef").Str("name"); ok {
			out[name] = msSetting{node: e, secretRef: ref}
		}
	}
	return out
}

// msGatewayOf reads the gateway component into a gateway subject.
func msGatewayOf(b *builder, set *kubeobj.Set, fd msFound, found []msFound) {
	o := fd.obj
	gw := b.newGateway(o.Name, o.Root)
	gw.ID = set.SubjectID(evidence.KindGateway, o)
	gw.Links = append(gw.Links, set.WorkloadID(o))
	gw.Image = launch.ImagePackage(fd.image)
	gw.Version = gw.Image.Version
	env := msEnvironment(set, o, fd.container)
	a := &gw.Authentication
	envName := env["ASPNETCORE_ENVIRONMENT"].value
	bypass := strings.EqualFold(env["Authentication__BypassEntra"].value, "true")
	switch {
	case strings.EqualFold(envName, "Development") || bypass:
		a.Mode = evidence.GatewayAuthNone
		addKind(a, "header-trust")
		a.TrustedHeader = "X-Dev-Roles"
		gw.Debug = strings.EqualFold(envName, "Development")
		at := env["ASPNETCORE_ENVIRONMENT"].node
		if bypass {
			at = env["Authentication__BypassEntra"].node
		}
		b.warn(at, "%s runs the development authentication handler: every request is accepted as a mock user, whose identity and roles (mcp.admin included) come from the X-Dev-UserId and X-Dev-Roles headers", o.Name)
		gw.Authorization = evidence.GatewayAuthorization{Kind: "rbac", PerCaller: true,
			Unrestricted: []string{"any caller, who names their own roles in X-Dev-Roles"}}
	default:
		a.Mode = evidence.GatewayAuthRequired
		addKind(a, "oauth")
		tenant := env["AzureAd__TenantId"].value
		if tenant == "" {
			tenant = "${AzureAd__TenantId}"
		}
		a.Issuers = append(a.Issuers, "https://login.microsoftonline.com/"+tenant+"/v2.0")
		aud := env["AzureAd__Audience"].value
		if aud == "" {
			aud = env["AzureAd__ClientId"].value
		}
		if aud != "" {
			a.Audiences = append(a.Audiences, aud)
		}
		if origin := env["PublicOrigin"].value; origin != "" {
			a.ResourceMetadata, a.Resource = true, origin
		}
		gw.Authorization = evidence.GatewayAuthorization{Kind: "rbac", PerCaller: true}
		finishTokenFacts(a)
	}
	for _, k := range sortedKeys(env) {
		st := env[k]
		if st.secretRef != "" {
			continue
		}
		if looks, _ := secrets.LooksSecret(lastSection(k), st.value); !looks && !secrets.IsCredentialKey(lastSection(k)) {
			continue
		}
		if v := b.credential(gw, k, st.value); v.Kind == evidence.ValueLiteralSecret {
			b.secretNode(st.node)
		}
	}
	if env["ApplicationInsights__ConnectionString"].value != "" {
		gw.Audit.Tracing = true
	}
	if st, ok := env["GatewaySettings__Secret"]; ok {
		gw.UpstreamAuth = append(gw.UpstreamAuth, "static")
		if st.secretRef != "" {
			if gw.Credentials == nil {
				gw.Credentials = map[string]evidence.Value{}
			}
			gw.Credentials["GatewaySettings__Secret"] = evidence.Value{Kind: evidence.ValueSecretReference, Secret: true,
				Reason: "declared-secret", Text: "secret " + st.secretRef, Ref: st.secretRef}
		}
	}
	gw.Listeners = msListeners(set, o, fd.container)
	for _, other := range found {
		if other.role == msTools && other.obj.Namespace == o.Namespace {
			msToolServer(b, set, gw, other)
		}
	}
	b.info(o.Root, "the MCP servers %s deploys (adapters) are created through its /adapters API at run time, not in these manifests", o.Name)
}

// lastSection returns the key of an ASP.NET setting ("AzureAd__ClientSecret"
// → "ClientSecret").
func lastSection(k string) string {
	if i := strings.LastIndex(k, "__"); i >= 0 {
		return k[i+2:]
	}
	return k
}

// msListeners returns where the gateway is reached: the Services that
// select its pods (a load balancer is public unless annotated internal;
// a node port listens on every node interface; a cluster IP is internal),
// plain HTTP on the Service port.
func msListeners(set *kubeobj.Set, o *kubeobj.Object, c *postree.Node) []evidence.Listener {
	labels, _ := o.Root.Lookup("spec", "template", "metadata").StringMap("labels")
	var out []evidence.Listener
	for _, svc := range set.InNamespace("", "Service", o.Namespace) {
		if !kubeobj.MatchesMap(svc.Spec().Get("selector"), labels) {
			continue
		}
		exposure := evidence.ExposureInternal
		switch t, _ := svc.Spec().Str("type"); t {
		case "LoadBalancer":
			exposure = evidence.ExposurePublic
			for k, v := range svc.Annotations {
				if strings.HasSuffix(k, "load-balancer-internal") && v == "true" || strings.HasSuffix(k, "load-balancer-scheme") && v == "internal" {
					exposure = evidence.ExposureAddress
				}
			}
		case "NodePort":
			exposure = evidence.ExposureAllInterfaces
		}
		host := svc.Name + "." + svc.Namespace + ".svc.cluster.local"
		for _, p := range items(svc.Spec().Get("ports")) {
			out = append(out, evidence.Listener{Port: intMember(p, "port"), Exposure: exposure,
				Hosts: []string{svc.Name, host}, Path: "/adapters/{name}/mcp", Transport: evidence.TransportStreamableHTTP})
		}
	}
	return out
}

// msToolServer adds the tool gateway router, which the gateway's /mcp
// forwards to, as a server behind the gateway.
func msToolServer(b *builder, set *kubeobj.Set, gw *evidence.Gateway, fd msFound) {
	s := b.newServer(gw, fd.obj.Name, fd.obj.Root)
	s.ID = set.SubjectID(evidence.KindServer, fd.obj)
	s.Provenance = fd.obj.ProvenanceAt(gw.Provenance.Collector, fd.obj.Root)
	s.Links = []string{set.SourceOf(fd.obj), gw.ID, set.WorkloadID(fd.obj)}
	s.Transport = evidence.TransportStreamableHTTP
	svc, _ := fd.obj.Spec().Str("serviceName")
	if svc == "" {
		svc = fd.obj.Name
	}
	port := 8000
	for _, p := range items(fd.container.Get("ports")) {
		if cp := intMember(p, "containerPort"); cp > 0 {
			port = cp
		}
	}
	b.remote(s, fmt.Sprintf("http://%s.%s.svc.cluster.local:%d/mcp", svc, fd.obj.Namespace, port), nil, evidence.TransportStreamableHTTP)
	s.Auth = evidence.Auth{Kind: evidence.AuthAPIKey, Header: "X-Gateway-Secret"}
}
