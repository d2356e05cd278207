package gateway

import (
	"context"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/collectors/kubeobj"
	"github.com/tollgate-dev/tollgate/collectors/launch"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// ContextForgeValues reads the Helm values of ContextForge's chart
// (mcp-stack): mcpContextForge.config and .secret are the gateway's
// settings (environment variables, read with the documented defaults), its
// image, its Service, Ingress or OpenShift Route (where clients reach it,
// and whether with TLS), and its plugins (pluginConfig.plugins, itself a
// template of the plugin config file): a security plugin in permissive mode
// only observes, so it is not counted as enforcing anything.
type ContextForgeValues struct{}

// Name returns the provenance collector of what the interpreter emits.
func (ContextForgeValues) Name() string { return collectorName + "/contextforge" }

// InterpretValues reads v when it is the mcp-stack chart's.
func (ContextForgeValues) InterpretValues(ctx context.Context, v *kubeobj.Values) kubeobj.Interpretation {
	cf := v.Root.Get("mcpContextForge")
	if !cf.IsObject() || ctx.Err() != nil {
		return kubeobj.Interpretation{}
	}
	red := secrets.NewRedactor()
	at := site{
		path:     v.File,
		sourceID: v.Origin.SourceID,
		prov:     func(n *postree.Node) evidence.Provenance { return v.Provenance("", n) },
		diag:     v.Diag,
		secret:   v.Secret,
		red:      red,
	}
	b := newBuilder(at, "contextforge", "helm/values", secrets.Syntax{Client: "helm"})
	name := v.Chart
	if name == "" {
		name = gatewayName(v.File, "mcp-stack")
	}
	gw := b.newGateway(name, cf)
	gw.Links = append(gw.Links, v.WorkloadID("mcpContextForge"))

	s := cfSettings{}
	for _, section := range []string{"config", "secret"} {
		m := cf.Get(section)
		for i, k := range members(m) {
			if text, ok := m.Vals[i].ScalarText(); ok && m.Vals[i].Kind != postree.Null {
				s[k] = setting{value: text, node: m.Vals[i]}
			}
		}
	}
	if repo, ok := cf.Lookup("image").Str("repository"); ok {
		ref := repo
		if tag, ok := cf.Lookup("image").Scalar("tag"); ok && tag != "" {
			ref += ":" + tag
		}
		gw.Image = launch.ImagePackage(ref)
		gw.Version = gw.Image.Version
	}
	gw.Listeners = cfValuesListeners(v.Root, cf)
	readContextForge(b, gw, s, cf)
	cfPlugins(b, gw, cf.Get("pluginConfig"))
	red.Each(v.Secret)
	return kubeobj.Interpretation{Subjects: b.subjects(), Diagnostics: b.diags}
}

// cfValuesListeners describes where clients reach the gateway: its Service
// inside the cluster (ClusterIP), on every node (NodePort) or through a
// load balancer, and through an Ingress or OpenShift Route, with TLS when
// they say so.
func cfValuesListeners(root, cf *postree.Node) []evidence.Listener {
	port := intMember(cf.Get("service"), "port")
	if port == 0 {
		port = 80
	}
	l := evidence.Listener{Bind: "0.0.0.0", Port: port, Exposure: evidence.ExposureInternal, Path: "/mcp"}
	switch t, _ := cf.Lookup("service").Str("type"); t {
	case "LoadBalancer":
		l.Exposure = evidence.ExposurePublic
	case "NodePort":
		l.Exposure = evidence.ExposureAllInterfaces
	}
	out := []evidence.Listener{l}
	if ing := cf.Get("ingress"); ing.IsObject() {
		if on, _ := ing.Boolean("enabled"); on {
			tls, _ := ing.Lookup("tls").Boolean("enabled")
			il := evidence.Listener{Bind: "", Port: 80, TLS: tls, Exposure: evidence.ExposurePublic, Path: "/mcp"}
			if tls {
				il.Port = 443
			}
			if h, ok := ing.Str("host"); ok && h != "" {
				il.Hosts = []string{h}
			}
			out = append(out, il)
		}
	}
	if route := root.Get("route"); route.IsObject() {
		if on, _ := route.Boolean("enabled"); on {
			term, _ := route.Lookup("tls").Str("termination")
			rl := evidence.Listener{Port: 443, TLS: term != "", Exposure: evidence.ExposurePublic, Path: "/mcp"}
			if term == "" {
				rl.Port = 80
			}
			if h, ok := route.Str("host"); ok && h != "" {
				rl.Hosts = []string{h}
			}
			out = append(out, rl)
		}
	}
	return out
}

// cfPlugins reads the plugin config: plugins in enforce mode enforce,
// permissive ones only log; fail_on_plugin_error false lets a failing
// plugin's check pass.
func cfPlugins(b *builder, gw *evidence.Gateway, pc *postree.Node) {
	if on, _ := pc.Boolean("enabled"); !on {
		return
	}
	raw, ok := pc.Str("plugins")
	if !ok {
		return
	}
	doc, perr := postree.ParseYAML([]byte(stripTemplateActions(raw)))
	if perr != nil {
		b.warn(pc.Get("plugins"), "pluginConfig.plugins does not parse as YAML: %s", perr.Msg)
		return
	}
	var permissive []string
	for _, p := range items(doc.Get("plugins")) {
		kind := strings.ToLower(text(p.Get("kind")) + " " + text(p.Get("name")))
		mode, _ := p.Str("mode")
		enforce := strings.HasPrefix(mode, "enforce")
		if mode == "permissive" {
			name, _ := p.Str("name")
			permissive = append(permissive, name)
		}
		switch {
		case strings.Contains(kind, "secret"):
			on := enforce
			gw.SecretBlocking = &on
		case strings.Contains(kind, "ratelimit") || strings.Contains(kind, "rate_limit"):
			gw.RateLimit = gw.RateLimit || enforce
		case enforce && (strings.Contains(kind, "pdp") || strings.Contains(kind, "opa") || strings.Contains(kind, "cedar")):
			kindName := "opa"
			if strings.Contains(kind, "cedar") {
				kindName = "cedar"
			}
			gw.Authorization = evidence.GatewayAuthorization{Kind: kindName, PerTool: true, PerCaller: true}
		}
	}
	if len(permissive) > 0 {
		b.warn(pc.Get("plugins"), "plugins in permissive mode only log what they would block: %s", strings.Join(permissive, ", "))
	}
	if fail, ok := doc.Lookup("plugin_settings").Boolean("fail_on_plugin_error"); ok && !fail {
		b.info(pc.Get("plugins"), "fail_on_plugin_error is false: a plugin that errors lets the request through")
	}
}

// stripTemplateActions replaces every Go template action ({{ … }}, with
// quoted strings inside it taken whole) by a plain word, so a values string
// that is itself a template parses as YAML.
func stripTemplateActions(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		j, inString := i+2, byte(0)
	scan:
		for ; j < len(s)-1; j++ {
			c := s[j]
			switch {
			case inString != 0:
				if c == '\\' {
					j++
				} else if c == inString {
					inString = 0
				}
			case c == '"' || c == '`' || c == '\'':
				inString = c
			case c == '}' && s[j+1] == '}':
				break scan
			}
		}
		b.WriteString("TEMPLATE")
		if j+2 > len(s) {
			return b.String()
		}
		s = s[j+2:]
	}
}
