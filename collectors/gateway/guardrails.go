package gateway

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
)

// Guardrails and tracing: the content filters a gateway runs on tool calls
// and results, and where its traces go, read from each product's own
// settings into the normalized guardrails, output_filtering and
// audit.trace_exporter facts.

// guardrail records one content filter of gw; its name is redacted, since
// it may hold a hook's URL or command line.
func (b *builder) guardrail(gw *evidence.Gateway, g evidence.GatewayGuardrail) {
	g.Name = b.at.red.RedactString(g.Name)
	gw.Guardrails = append(gw.Guardrails, g)
}

// finishGuardrails sorts a gateway's guardrails and, unless its reader
// decided it, derives output_filtering from them.
func finishGuardrails(gw *evidence.Gateway) {
	sort.SliceStable(gw.Guardrails, func(i, j int) bool {
		a, b := gw.Guardrails[i], gw.Guardrails[j]
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Kind < b.Kind
	})
	if gw.OutputFiltering == "" {
		gw.OutputFiltering = outputFiltering(gw.Guardrails)
	}
}

// outputFiltering sums up what inspects every tool result (filters scoped
// to some routes, servers or tools do not count): an enforcing filter makes
// it enforced, else a hook of unknown effect unknown, else a monitoring
// filter monitor.
func outputFiltering(gs []evidence.GatewayGuardrail) string {
	state := evidence.FilteringNone
	for _, g := range gs {
		if !g.Responses || g.Scoped {
			continue
		}
		switch g.Mode {
		case evidence.GuardrailEnforce:
			return evidence.FilteringEnforced
		case evidence.GuardrailUnknown:
			state = evidence.FilteringUnknown
		case evidence.GuardrailMonitor:
			if state == evidence.FilteringNone {
				state = evidence.FilteringMonitor
			}
		}
	}
	return state
}

// --- agentgateway -----------------------------------------------------------

// agwGuards tracks the mcpGuardrails processors of an agentgateway file
// against the MCP backends they apply to: a processor that is missing from
// some backend's policies leaves that route's results unfiltered.
type agwGuards struct {
	backends int
	order    []*postree.Node
	seen     map[*postree.Node]int
}

// readGuardrails notes the mcpGuardrails processors among the policies that
// apply to one MCP backend.
func (r *agwReader) readGuardrails(policies []*postree.Node) {
	g := &r.guards
	g.backends++
	if g.seen == nil {
		g.seen = map[*postree.Node]int{}
	}
	counted := map[*postree.Node]bool{}
	for _, p := range policies {
		for _, proc := range items(p.Get("mcpGuardrails").Get("processors")) {
			if counted[proc] {
				continue
			}
			counted[proc] = true
			if g.seen[proc] == 0 {
				g.order = append(g.order, proc)
			}
			g.seen[proc]++
		}
	}
}

// finishGuardrails turns the processors into guardrails. agentgateway calls
// a processor (an external ExtMCP policy service) for the methods it lists,
// in the phase given (request, response, full or off); one that runs the
// response phase of tools/call filters tool results. A processor fails
// closed unless failureMode is failOpen.
func (r *agwReader) finishGuardrails() {
	g := &r.guards
	for _, proc := range g.order {
		phase := agwPhase(proc.Get("methods"), "tools/call")
		req, resp := phase == "request" || phase == "full", phase == "response" || phase == "full"
		if !req && !resp {
			continue
		}
		name := "mcpGuardrails processor"
		for _, k := range []string{"host", "backend", "service"} {
			if v := proc.Get(k); v != nil {
				if s, ok := v.ScalarText(); ok {
					name += " " + s
				} else if h, ok := v.Str("name"); ok {
					name += " " + h
				}
				break
			}
		}
		failure, _ := proc.Str("failureMode")
		if g.seen[proc] < g.backends {
			name += fmt.Sprintf(" (on %d of %d MCP routes)", g.seen[proc], g.backends)
		}
		r.b.guardrail(r.gw, evidence.GatewayGuardrail{Name: name, Kind: "external", Requests: req, Responses: resp,
			Mode: evidence.GuardrailEnforce, FailOpen: strings.EqualFold(failure, "failOpen"), Scoped: g.seen[proc] < g.backends})
	}
}

// agwPhase resolves the phase a processor's methods map gives a method, as
// agentgateway does: an exact key, then the longest prefix wildcard
// (tools/*), then the longest suffix wildcard (*/call), then *; off when
// none matches.
func agwPhase(methods *postree.Node, method string) string {
	if !methods.IsObject() {
		return "off"
	}
	best, bestRank, bestLen, bestKey := "off", 0, -1, ""
	for i, k := range methods.Keys {
		v, _ := methods.Vals[i].ScalarText()
		v = strings.ToLower(v)
		rank := 0
		switch {
		case k == method:
			rank = 4
		case k == "*":
			rank = 1
		case strings.HasSuffix(k, "*") && strings.Count(k, "*") == 1 && strings.HasPrefix(method, strings.TrimSuffix(k, "*")):
			rank = 3
		case strings.HasPrefix(k, "*") && strings.Count(k, "*") == 1 && strings.HasSuffix(method, strings.TrimPrefix(k, "*")):
			rank = 2
		}
		if rank == 0 {
			continue
		}
		if rank > bestRank || rank == bestRank && (len(k) > bestLen || len(k) == bestLen && k < bestKey) {
			best, bestRank, bestLen, bestKey = v, rank, len(k), k
		}
	}
	return best
}

// --- Docker MCP Gateway -----------------------------------------------------

// dockerGuardrails reads the gateway's secret blocking (--block-secrets, on
// by default: secrets are blocked in tool arguments and results) and its
// interceptors (--interceptor when:type:argument, before or after a tool
// call, an exec script, a container or an HTTP endpoint). An interceptor
// can rewrite or replace what passes, or only log it: its effect is not in
// the configuration. A malformed interceptor stops the gateway.
func dockerGuardrails(b *builder, gw *evidence.Gateway, flags dockerFlags, at *postree.Node) {
	if flags.on("block-secrets", true) {
		b.guardrail(gw, evidence.GatewayGuardrail{Name: "--block-secrets", Kind: "secrets", Requests: true, Responses: true,
			Mode: evidence.GuardrailEnforce})
	}
	for _, spec := range flags.values["interceptor"] {
		parts := strings.SplitN(spec, ":", 3)
		if len(parts) != 3 {
			b.rejected(gw, at, "interceptor %q is not when:type:argument (the gateway refuses to start)", spec)
			continue
		}
		when, typ := strings.ToLower(parts[0]), strings.ToLower(parts[1])
		if when != "before" && when != "after" || typ != "exec" && typ != "docker" && typ != "http" {
			b.rejected(gw, at, "interceptor %q: when must be before or after and type exec, docker or http (the gateway refuses to start)", spec)
			continue
		}
		b.guardrail(gw, evidence.GatewayGuardrail{Name: "--interceptor " + tooLong(spec, 120), Kind: "custom",
			Requests: when == "before", Responses: when == "after", Mode: evidence.GuardrailUnknown})
	}
}

// dockerTracing reads where the gateway sends telemetry: the OpenTelemetry
// collector named by OTEL_EXPORTER_OTLP_ENDPOINT or the Docker CLI's
// DOCKER_CLI_OTEL_EXPORTER_OTLP_ENDPOINT. Without one (outside Docker
// Desktop), nothing is exported.
func dockerTracing(gw *evidence.Gateway, env map[string]envEntry) {
	for _, k := range []string{"OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "DOCKER_CLI_OTEL_EXPORTER_OTLP_ENDPOINT"} {
		if e := env[k]; e.set && strings.TrimSpace(e.value) != "" {
			gw.Audit.Tracing, gw.Audit.TraceExporter = true, "otlp"
			return
		}
	}
}

// tooLong cuts s to n bytes, marking the cut.
func tooLong(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// --- ContextForge -----------------------------------------------------------

// contextForgeTracing reads ContextForge's OpenTelemetry export
// (OTEL_ENABLE_OBSERVABILITY, off by default; OTEL_TRACES_EXPORTER otlp by
// default, which needs OTEL_EXPORTER_OTLP_ENDPOINT; jaeger, zipkin, console
// or none) and its internal observability (OBSERVABILITY_ENABLED: traces
// kept in the gateway's own database).
func contextForgeTracing(gw *evidence.Gateway, s cfSettings) {
	if s.flag("OTEL_ENABLE_OBSERVABILITY", false) {
		switch exp := strings.ToLower(s.str("OTEL_TRACES_EXPORTER", "otlp")); exp {
		case "none":
		case "otlp":
			if s.str("OTEL_EXPORTER_OTLP_ENDPOINT", "") != "" || s.str("LANGFUSE_OTEL_ENDPOINT", "") != "" {
				gw.Audit.Tracing, gw.Audit.TraceExporter = true, "otlp"
				return
			}
		case "console":
			gw.Audit.TraceExporter = "console"
		default:
			gw.Audit.Tracing, gw.Audit.TraceExporter = true, exp
			return
		}
	}
	if s.flag("OBSERVABILITY_ENABLED", false) && gw.Audit.TraceExporter == "" {
		gw.Audit.TraceExporter = "internal"
	}
}

// cfPluginKinds classify ContextForge plugins by words of their name or
// class: the filters among them. Plugins that only transform, cache,
// retry, time out or export telemetry are not guardrails.
var cfPluginKinds = []struct{ word, kind string }{
	{"pii", "pii"}, {"secret", "secrets"}, {"exfil", "secrets"}, {"llmguard", "prompt-injection"},
	{"llm_guard", "prompt-injection"}, {"injection", "prompt-injection"}, {"harmful", "moderation"},
	{"moderation", "moderation"}, {"toxic", "moderation"}, {"deny", "deny-list"}, {"regex", "deny-list"},
	{"search_replace", "deny-list"}, {"searchreplace", "deny-list"}, {"badword", "deny-list"},
	{"resource_filter", "deny-list"}, {"resourcefilter", "deny-list"}, {"file_type", "deny-list"},
	{"filetype", "deny-list"}, {"schema_guard", "schema"}, {"schemaguard", "schema"}, {"output_length", "schema"},
	{"outputlength", "schema"}, {"sparc", "schema"}, {"virus", "malware"}, {"clamav", "malware"},
	{"url_reputation", "url"}, {"urlreputation", "url"}, {"code_safety", "code"}, {"codesafety", "code"},
	{"sql_sanitizer", "code"}, {"sqlsanitizer", "code"}, {"safe_html", "code"}, {"safehtml", "code"},
	{"opa", "external"}, {"cedar", "external"}, {"pdp", "external"},
}

// cfPluginKind classifies a plugin, or "" for one that filters nothing.
func cfPluginKind(name, class string) string {
	text := strings.ToLower(name + " " + class)
	for _, k := range cfPluginKinds {
		if k.word == "opa" || k.word == "pdp" {
			if containsWord(text, k.word) {
				return k.kind
			}
			continue
		}
		if strings.Contains(text, k.word) {
			return k.kind
		}
	}
	if strings.EqualFold(class, "external") {
		return "external"
	}
	return ""
}

// containsWord reports whether text holds word between non-letters.
func containsWord(text, word string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], word)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(word)
		before := start == 0 || !isLetterByte(text[start-1])
		after := end == len(text) || !isLetterByte(text[end])
		if before && after {
			return true
		}
		i = start + 1
	}
}

func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// maxPluginConfig bounds the plugin configuration read beside a settings file.
const maxPluginConfig = 4 << 20

// contextForgePlugins reads the plugins ContextForge runs on tool calls.
// They run only with PLUGINS_ENABLED (off by default), from the file
// PLUGIN_CONFIG_FILE names (plugins/config.yaml, relative to the gateway's
// working folder). That file is read beside the settings, inside the
// scanned folders; when it is not there, the gateway's filters are unknown.
func contextForgePlugins(b *builder, gw *evidence.Gateway, s cfSettings, decl *postree.Node) {
	if !s.flag("PLUGINS_ENABLED", false) {
		return
	}
	name := s.str("PLUGIN_CONFIG_FILE", "plugins/config.yaml")
	rel := strings.TrimPrefix(strings.TrimPrefix(name, "/app/"), "./")
	var data []byte
	var where string
	ok := false
	if b.at.beside != nil && !path.IsAbs(rel) {
		data, where, ok = b.at.beside(rel)
	}
	if !ok {
		gw.OutputFiltering = evidence.FilteringUnknown
		b.info(decl, "plugins are enabled, but their configuration (%s) is not among the files assessed: the filters on tool calls are unknown", name)
		return
	}
	root, err := postree.ParseYAML(data)
	if err != nil {
		gw.OutputFiltering = evidence.FilteringUnknown
		b.diags = append(b.diags, evidence.Diagnostic{Severity: "warning", File: where, Line: err.Line, Column: err.Col,
			Message: "plugin configuration does not parse (" + err.Msg + "): the filters on tool calls are unknown"})
		return
	}
	for _, p := range items(root.Get("plugins")) {
		pname, _ := p.Str("name")
		class, _ := p.Str("kind")
		kind := cfPluginKind(pname, class)
		if kind == "" {
			continue
		}
		mode, _ := p.Str("mode")
		g := evidence.GatewayGuardrail{Name: pname, Kind: kind}
		switch strings.ToLower(mode) {
		case "", "enforce", "sequential", "concurrent", "transform":
			g.Mode = evidence.GuardrailEnforce
		case "enforce_ignore_error":
			g.Mode, g.FailOpen = evidence.GuardrailEnforce, true
		case "permissive", "audit", "fire_and_forget":
			g.Mode = evidence.GuardrailMonitor
		default: // disabled, or a mode the gateway does not run
			continue
		}
		hooks, _ := p.Strings("hooks")
		for _, h := range hooks {
			switch h {
			case "tool_pre_invoke":
				g.Requests = true
			case "tool_post_invoke":
				g.Responses = true
			}
		}
		if !g.Requests && !g.Responses {
			continue // prompts, resources or HTTP only
		}
		g.Scoped = cfScoped(p.Get("conditions"))
		b.guardrail(gw, g)
	}
}

// cfScoped reports whether a plugin's conditions limit it to some servers,
// tools or tenants.
func cfScoped(conds *postree.Node) bool {
	for _, c := range items(conds) {
		for _, k := range []string{"server_ids", "tools", "tenant_ids", "prompts", "resources", "user_patterns"} {
			if l, ok := c.Strings(k); ok && len(l) > 0 {
				return true
			}
		}
	}
	return false
}

// readBeside reads a file named relative to f's folder when it is a regular
// file of at most maxPluginConfig bytes inside the scanned area, returning
// its content and its provenance path.
func readBeside(f *files.File, rel string) ([]byte, string, bool) {
	if f.Abs == "" {
		return nil, "", false
	}
	p := filepath.Join(filepath.Dir(f.Abs), filepath.FromSlash(rel))
	if !f.InScannedArea(p) {
		return nil, "", false
	}
	info, err := os.Stat(p)
	if err != nil || !info.Mode().IsRegular() || info.Size() > maxPluginConfig {
		return nil, "", false
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, "", false
	}
	return data, path.Join(path.Dir(f.Path), rel), true
}
