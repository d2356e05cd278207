package gateway

import (
	"context"
	"fmt"

	"github.com/tollgate-dev/tollgate/collectors/kubeobj"
	"github.com/tollgate-dev/tollgate/collectors/launch"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// kmcpGroup is the API group of kmcp's (and kagent's) MCPServer.
const kmcpGroup = "kagent.dev"

// KmcpInterpreter reads kmcp's MCPServer (kagent.dev) into what the kmcp
// controller runs in its pod: agentgateway as a transport adapter, with a
// configuration the controller generates (a bind on spec.deployment.port,
// 3000 by default, routing /mcp and /sse to one MCP target, without any
// policy: no authentication, no authorization, no DNS-rebinding
// protection), reached through a ClusterIP Service named after the
// resource. The adapter is a gateway; the server behind it is the stdio
// command it spawns (cmd, args, env: launch analysis) or, for the http
// transport, the container's own endpoint on localhost. The workload facts
// of the pod (its containers, environment and security settings) are the
// Kubernetes collector's, to which the gateway links.
type KmcpInterpreter struct{}

// Name returns the provenance collector of what the interpreter emits.
func (KmcpInterpreter) Name() string { return collectorName + "/kmcp" }

// Interpret reads every MCPServer of kmcp in the set.
func (KmcpInterpreter) Interpret(ctx context.Context, set *kubeobj.Set) kubeobj.Interpretation {
	servers := set.OfKind(kmcpGroup, "MCPServer")
	if len(servers) == 0 {
		return kubeobj.Interpretation{}
	}
	red := secrets.NewRedactor()
	var builders []*builder
	for _, o := range servers {
		if ctx.Err() != nil {
			break
		}
		b := newBuilder(objectSite(set, o, red), "kmcp", "kmcp/mcpserver", secrets.Syntax{Client: "kmcp"})
		builders = append(builders, b)
		kmcpServer(b, set, o)
	}
	return interpretation(set, red, builders)
}

// kmcpServer reads one MCPServer.
func kmcpServer(b *builder, set *kubeobj.Set, o *kubeobj.Object) {
	gw := b.newGateway(o.Name, o.Root)
	gw.ID = set.SubjectID(evidence.KindGateway, o)
	gw.Links = append(gw.Links, set.WorkloadID(o))
	gw.Audit.Enabled = true // agentgateway writes access logs with the MCP method and tool by default
	spec := o.Spec()
	dep := spec.Get("deployment")
	if img, ok := dep.Lookup("initContainer").Str("image"); ok {
		gw.Image = launch.ImagePackage(img)
		gw.Version = gw.Image.Version
	}
	port := intMember(dep, "port")
	if port == 0 {
		port = 3000
	}
	// One route serves /mcp (Streamable HTTP) and /sse (HTTP+SSE).
	gw.Listeners = []evidence.Listener{{Port: port, Exposure: evidence.ExposureInternal, Path: "/mcp",
		Hosts: []string{o.Name, o.Name + "." + o.Namespace + ".svc.cluster.local"}}}
	b.info(o.Root, "kmcp serves MCPServer %s through agentgateway with a configuration that sets no authentication, authorization or rate limit", o.Name)
	s := b.newServer(gw, o.Name, dep)
	s.ID = set.SubjectID(evidence.KindServer, o)
	// The environment is the pod's: the Kubernetes collector judges it on
	// the workload, so the server does not repeat it.
	switch t, _ := spec.Str("transportType"); t {
	case "stdio":
		cmd, _ := dep.Str("cmd")
		args, _ := dep.Strings("args")
		b.stdio(s, cmd, args, nil)
	case "http":
		h := spec.Get("httpTransport")
		target := intMember(h, "targetPort")
		if target == 0 {
			b.rejected(gw, spec, "transportType http needs httpTransport.targetPort (the controller refuses the MCPServer)")
		}
		path, _ := h.Str("path")
		scheme := "http"
		if tls := h.Get("tls"); tls.IsObject() {
			scheme = "https"
			if skip, _ := tls.Boolean("insecureSkipVerify"); skip {
				gw.UpstreamTLSUnverified = true
				b.warn(tls.Get("insecureSkipVerify"), "the adapter of MCPServer %s does not verify the server's certificate (insecureSkipVerify)", o.Name)
			}
		}
		b.remote(s, fmt.Sprintf("%s://localhost:%d%s", scheme, target, path), nil, evidence.TransportStreamableHTTP)
		// The adapter reaches the server on the pod's own loopback, which
		// only the pod's containers share.
		s.Auth = evidence.Auth{Kind: evidence.AuthLocal}
	default:
		at := spec.Get("transportType")
		if at == nil {
			at = spec
		}
		b.rejected(gw, at, "transportType must be stdio or http (the controller refuses the MCPServer)")
	}
}
