package gateway

import (
	"regexp"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
)

// ToolHive (Stacklok) runs each MCP server behind its own proxy (thv run,
// the operator's MCPServer, MCPRemoteProxy) or aggregates many behind a
// virtual MCP server (vmcp). The proxy authenticates with OIDC (or
// Kubernetes service-account tokens), authorizes with Cedar policies, audits
// tool calls, rate-limits, and confines the server container with a
// permission profile. Without OIDC the proxy accepts every request.

// cedarPolicy is one Cedar policy, as far as authorization facts need it.
type cedarPolicy struct {
	effect    string // permit or forbid
	principal string // the principal scope ("principal", "principal == User::\"x\"")
	action    string
	resource  string
	condition string // when/unless clauses
}

var (
	reCedarHead = regexp.MustCompile(`(?s)^\s*(?:@\w+\([^)]*\)\s*)*(permit|forbid)\s*\(`)
	reCedarID   = regexp.MustCompile(`::\s*"([^"]*)"`)
)

// parseCedar reads the head of a Cedar policy: its effect, scope and
// conditions. It returns false for text that is not a policy.
func parseCedar(text string) (cedarPolicy, bool) {
	m := reCedarHead.FindStringSubmatchIndex(text)
	if m == nil {
		return cedarPolicy{}, false
	}
	p := cedarPolicy{effect: text[m[2]:m[3]]}
	rest := text[m[1]:]
	depth, end := 0, -1
	for i, inString := 0, false; i < len(rest); i++ {
		switch c := rest[i]; {
		case c == '"' && (i == 0 || rest[i-1] != '\\'):
			inString = !inString
		case inString:
		case c == '(' || c == '[':
			depth++
		case c == ')' && depth == 0:
			end = i
		case c == ')' || c == ']':
			depth--
		}
		if end >= 0 {
			break
		}
	}
	if end < 0 {
		return cedarPolicy{}, false
	}
	scope := splitTopLevel(rest[:end])
	if len(scope) > 0 {
		p.principal = strings.TrimSpace(scope[0])
	}
	if len(scope) > 1 {
		p.action = strings.TrimSpace(scope[1])
	}
	if len(scope) > 2 {
		p.resource = strings.TrimSpace(scope[2])
	}
	p.condition = strings.TrimSpace(rest[end+1:])
	return p, true
}

// splitTopLevel splits a Cedar scope at commas outside brackets and strings.
func splitTopLevel(s string) []string {
	var out []string
	depth, start, inString := 0, 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' && (i == 0 || s[i-1] != '\\'):
			inString = !inString
		case inString:
		case c == '[' || c == '(':
			depth++
		case c == ']' || c == ')':
			depth--
		case c == ',' && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// constrainsCaller reports whether a policy depends on who the caller is:
// a principal in its scope, or the principal in its conditions.
func (p cedarPolicy) constrainsCaller() bool {
	return strings.TrimSpace(p.principal) != "principal" || strings.Contains(p.condition, "principal")
}

// names says what a policy grants, for people: its action and resource
// identifiers ("call_tool weather").
func (p cedarPolicy) names() string {
	var ids []string
	for _, part := range []string{p.action, p.resource} {
		for _, m := range reCedarID.FindAllStringSubmatch(part, -1) {
			ids = append(ids, m[1])
		}
		if strings.TrimSpace(part) == "resource" || strings.TrimSpace(part) == "action" {
			ids = append(ids, "any "+strings.TrimSpace(part))
		}
	}
	return strings.Join(ids, " ")
}

// readCedar sets the authorization facts of Cedar policies on gw: per tool
// when a permit names tools, per caller and reading claims when a policy
// conditions on the principal; a permit that does not is a grant to every
// caller. Text that is not a policy is reported at n.
func readCedar(b *builder, gw *evidence.Gateway, policies []string, n *postree.Node) {
	z := &gw.Authorization
	z.Kind = "cedar"
	for _, text := range policies {
		p, ok := parseCedar(text)
		if !ok {
			b.rejected(gw, n, "a Cedar policy does not parse: %.60q", strings.TrimSpace(text))
			continue
		}
		if strings.Contains(p.resource, "Tool::") || strings.Contains(p.action, "call_tool") || strings.Contains(p.action, "tools/call") {
			z.PerTool = true
		}
		if p.constrainsCaller() {
			z.PerCaller = true
		}
		if strings.Contains(p.condition, "principal.claim") || strings.Contains(p.condition, "principal.role") || strings.Contains(p.principal, " in ") {
			z.ReadsClaims = true
		}
		if p.effect == "permit" && !p.constrainsCaller() {
			z.Unrestricted = append(z.Unrestricted, "permit "+p.names()+" for any principal")
		}
	}
}

// readAudit reads a ToolHive audit block ({enabled, includeRequestData,
// includeResponseData}).
func readAudit(gw *evidence.Gateway, n *postree.Node) {
	if !n.IsObject() {
		return
	}
	on, _ := n.Boolean("enabled")
	gw.Audit.Enabled = on
	req, _ := n.Boolean("includeRequestData")
	resp, _ := n.Boolean("includeResponseData")
	gw.Audit.Payloads = on && (req || resp)
}

// readTelemetry reads the OpenTelemetry settings of a vmcp configuration
// (`telemetry`): traces are exported when tracing is enabled and an OTLP
// endpoint receives them; without `tracingEnabled` no tracer is created
// even when an endpoint is set.
func readTelemetry(gw *evidence.Gateway, n *postree.Node) {
	if !n.IsObject() {
		return
	}
	on, _ := n.Boolean("tracingEnabled")
	endpoint, _ := n.Str("endpoint")
	if on && strings.TrimSpace(endpoint) != "" {
		gw.Audit.Tracing, gw.Audit.TraceExporter = true, "otlp"
	}
}

// readProxyTelemetry reads the telemetry of an MCPServer or MCPRemoteProxy
// (`spec.telemetry.openTelemetry`): the proxy exports traces when
// OpenTelemetry is enabled with an endpoint and its tracing is enabled
// (off by default). Prometheus metrics are not traces.
func readProxyTelemetry(gw *evidence.Gateway, n *postree.Node) {
	otel := n.Get("openTelemetry")
	if !otel.IsObject() {
		return
	}
	on, _ := otel.Boolean("enabled")
	endpoint, _ := otel.Str("endpoint")
	tracing, _ := otel.Get("tracing").Boolean("enabled")
	if on && tracing && strings.TrimSpace(endpoint) != "" {
		gw.Audit.Tracing, gw.Audit.TraceExporter = true, "otlp"
	}
}

// readPermissionNetwork sets egress from a permission profile's network
// settings: insecure_allow_all opens it, allow_host lists restrict it.
func readPermissionNetwork(gw *evidence.Gateway, network *postree.Node) {
	out := network.Get("outbound")
	if !network.IsObject() {
		return
	}
	if all, _ := out.Boolean("insecure_allow_all"); all {
		gw.Egress = "open"
		return
	}
	gw.Egress = "restricted"
}
