package gateway

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// litellmFormat reads a LiteLLM proxy config.yaml that serves MCP servers
// (`litellm --config config.yaml`): mcp_servers (and, in releases with the
// built-in registry, mcp_builtin_servers) become servers behind the
// gateway. LiteLLM reads settings with dict lookups, so a key in the wrong
// place is silently dropped: a master_key outside general_settings, an MCP
// server list under another section, or a per-server auth key LiteLLM does
// not know are ignored settings of the gateway.
//
// Defaults: the proxy listens on 0.0.0.0:4000; without a master key (in
// general_settings or LITELLM_MASTER_KEY) it does not authenticate callers,
// and since the key may come from the environment, a file without one
// leaves authentication unknown. Values written os.environ/NAME are read
// from the environment. A server with allow_all_keys is open to every
// virtual key; extra_headers forwards the client's request headers to it.
var litellmFormat = &format{
	id:        "litellm/config",
	product:   "litellm",
	syntax:    postree.YAML,
	name:      litellmName,
	recognise: recogniseLiteLLM,
	read:      readLiteLLM,
	syn:       secrets.Syntax{Client: "litellm"},
}

// litellmName matches LiteLLM's config file names; the content decides.
func litellmName(p string) files.Strength {
	lp := strings.ToLower(p)
	if ext := path.Ext(lp); ext != ".yaml" && ext != ".yml" {
		return files.None
	}
	if strings.Contains(lp, "litellm") || strings.HasSuffix(baseName(lp), "proxy_config.yaml") {
		return files.Weak
	}
	return files.None
}

// litellmSections are LiteLLM's top-level sections.
var litellmSections = []string{"model_list", "general_settings", "litellm_settings", "router_settings", "environment_variables"}

// recogniseLiteLLM accepts a LiteLLM config that declares MCP servers.
func recogniseLiteLLM(_ *files.File, root *postree.Node, _ bool) bool {
	if !root.IsObject() {
		return false
	}
	section := false
	for _, k := range litellmSections {
		section = section || root.Has(k)
	}
	mcp := root.Get("mcp_servers").IsObject() || root.Get("mcp_builtin_servers").IsObject()
	for _, k := range litellmSections {
		mcp = mcp || root.Get(k).Get("mcp_servers").IsObject()
	}
	return section && mcp
}

// litellmServerKeys are the keys LiteLLM reads in a server entry (across
// releases).
var litellmServerKeys = keys("url", "transport", "command", "args", "env", "auth_type", "authentication_token",
	"auth_value", "description", "alias", "mcp_info", "spec_path", "client_id", "client_secret", "oauth2_flow",
	"scopes", "authorization_url", "token_url", "registration_url", "extra_headers", "static_headers",
	"allowed_tools", "disallowed_tools", "allowed_params", "access_groups", "allow_all_keys",
	"available_on_public_internet", "aws_access_key_id", "aws_secret_access_key", "aws_session_token",
	"aws_region_name", "aws_service_name", "aws_role_name", "aws_session_name", "spec_version", "server_name",
	"require_approval", "tool_name_to_display_name", "tool_name_to_description", "timeout", "env_key", "enabled",
	"server_id", "name", "token_endpoint_auth_method", "byok", "user_ip_allowlist", "allowed_ips")

// reSecurityWord finds a setting name that reads as a protection or a
// credential.
var reSecurityWord = regexp.MustCompile(`(?i)(auth|token|key|secret|header|password|bearer|credential|allow|deny|approv|scope|tls|ssl|verify)`)

// litellmReader reads one LiteLLM config.
type litellmReader struct {
	b    *builder
	gw   *evidence.Gateway
	root *postree.Node
	// every server is limited to the tools it lists; every server needs a
	// key permission (none open to every key).
	allToolsListed bool
}

// readLiteLLM reads the config into one gateway and its servers.
func readLiteLLM(b *builder, root *postree.Node) {
	r := &litellmReader{b: b, root: root, allToolsListed: true}
	r.gw = b.newGateway(gatewayName(b.at.path, "litellm"), root)
	gw := r.gw
	l := listenerAt("", 4000, false)
	l.Path = "/mcp"
	gw.Listeners = []evidence.Listener{l}
	r.authentication()
	r.logging()
	r.misplaced()
	servers := 0
	if m := root.Get("mcp_servers"); m.IsObject() {
		for i, name := range m.Keys {
			r.server(name, m.Vals[i], false)
			servers++
		}
	}
	if m := root.Get("mcp_builtin_servers"); m.IsObject() {
		b.info(root.Get("mcp_builtin_servers"), "mcp_builtin_servers is read only by LiteLLM releases with the built-in MCP registry; mcp_servers is the documented key")
		for i, name := range m.Keys {
			r.server(name, m.Vals[i], true)
			servers++
		}
	}
	z := &gw.Authorization
	if gw.Authentication.Mode == evidence.GatewayAuthNone {
		*z = evidence.GatewayAuthorization{Kind: "none"}
	} else {
		// Virtual keys and teams are granted MCP servers (and tools).
		z.Kind, z.PerCaller = "rbac", true
		z.PerTool = servers > 0 && r.allToolsListed
	}
}

// value classifies a LiteLLM value: os.environ/NAME is read from the
// environment.
func (r *litellmReader) value(key, raw string) evidence.Value {
	if name, ok := strings.CutPrefix(strings.TrimSpace(raw), "os.environ/"); ok && name != "" {
		return evidence.Value{Kind: evidence.ValueEnvReference, Secret: secrets.IsCredentialKey(key), Ref: name, Text: raw}
	}
	return r.b.value(key, raw)
}

// credential records a credential setting, with LiteLLM's references.
func (r *litellmReader) credential(name, raw string) evidence.Value {
	if v := r.value(credentialKey(name), raw); v.Kind == evidence.ValueEnvReference {
		v.Secret = true
		if r.gw.Credentials == nil {
			r.gw.Credentials = map[string]evidence.Value{}
		}
		r.gw.Credentials[name] = v
		return v
	}
	return r.b.credential(r.gw, name, raw)
}

// litellmDefaults are the master keys LiteLLM's documentation and examples
// use.
var litellmDefaults = keys("sk-1234", "sk-12345", "sk-my-master-key", "sk-master-key")

// authentication reads how callers authenticate to the proxy.
func (r *litellmReader) authentication() {
	gw, gs := r.gw, r.root.Get("general_settings")
	a := &gw.Authentication
	raw, ok := gs.Scalar("master_key")
	switch {
	case !ok:
		a.Mode = evidence.GatewayAuthUnknown
		r.b.info(gs, "no general_settings.master_key: the proxy authenticates callers only if LITELLM_MASTER_KEY is set where it runs")
	default:
		a.Mode = evidence.GatewayAuthRequired
		a.Kinds = append(a.Kinds, "api-key")
		v := r.credential("general_settings.master_key", raw)
		if litellmDefaults[strings.ToLower(strings.TrimSpace(raw))] || v.Reason == "weak-default" {
			gw.DefaultCredentials = append(gw.DefaultCredentials, "general_settings.master_key")
		}
	}
	if on, _ := gs.Boolean("enable_jwt_auth"); on {
		a.Kinds = append(a.Kinds, "jwt")
	}
	if _, ok := gs.Str("custom_auth"); ok {
		a.Kinds = append(a.Kinds, "external")
	}
	for _, k := range []string{"database_url", "salt_key"} {
		if v, ok := gs.Str(k); ok {
			r.credential("general_settings."+k, v)
		}
	}
	for _, k := range []string{"max_parallel_requests", "global_max_parallel_requests", "max_request_per_minute"} {
		if gs.Has(k) {
			gw.RateLimit = true
		}
	}
}

// logging reads what the proxy records: spend logs in the database, and
// message content sent to logging callbacks unless turned off.
func (r *litellmReader) logging() {
	gw, gs, ls := r.gw, r.root.Get("general_settings"), r.root.Get("litellm_settings")
	callbacks := false
	for _, k := range []string{"callbacks", "success_callback", "failure_callback"} {
		if len(items(ls.Get(k))) > 0 {
			callbacks = true
		}
	}
	disabled, _ := gs.Boolean("disable_spend_logs")
	gw.Audit.Enabled = callbacks || gs.Has("database_url") && !disabled
	off, _ := ls.Boolean("turn_off_message_logging")
	stored, _ := gs.Boolean("store_prompts_in_spend_logs")
	gw.Audit.Payloads = callbacks && !off || stored
	if v, _ := ls.Boolean("set_verbose"); v {
		// Verbose mode logs provider API keys.
		gw.Debug, gw.Audit.Credentials = true, true
	}
	for _, g := range items(r.root.Get("guardrails")) {
		name := strings.ToLower(text(g.Lookup("litellm_params", "guardrail")))
		if strings.Contains(name, "secret") {
			on := true
			gw.SecretBlocking = &on
		}
	}
}

// misplaced reports settings written where LiteLLM does not read them.
func (r *litellmReader) misplaced() {
	root, gw := r.root, r.gw
	if n := root.Get("master_key"); n != nil {
		r.b.ignored(gw, n, "master_key at the top level (LiteLLM reads general_settings.master_key)")
		if raw, ok := n.ScalarText(); ok {
			r.credential("master_key", raw)
		}
	}
	for _, section := range []string{"litellm_settings", "router_settings", "environment_variables"} {
		s := root.Get(section)
		if n := s.Get("master_key"); n != nil {
			r.b.ignored(gw, n, "%s", fmt.Sprintf("master_key under %s (LiteLLM reads general_settings.master_key)", section))
			if raw, ok := n.ScalarText(); ok {
				r.credential(section+".master_key", raw)
			}
		}
	}
	for _, section := range litellmSections {
		if n := root.Get(section).Get("mcp_servers"); n != nil {
			r.b.ignored(gw, n, "%s", fmt.Sprintf("mcp_servers under %s (LiteLLM reads the top-level mcp_servers)", section))
		}
	}
	if n := root.Get("general_settings").Get("debug"); n != nil {
		r.b.ignored(gw, n, "general_settings.debug (debug logging is --debug, --detailed_debug or LITELLM_LOG)")
	}
}

// server reads one MCP server entry.
func (r *litellmReader) server(name string, e *postree.Node, builtin bool) {
	b, gw := r.b, r.gw
	s := b.newServer(gw, name, e)
	if !e.IsObject() {
		s.Ignored, s.IgnoredReason = true, fmt.Sprintf("entry is a %s, not an object", e.Kind)
		return
	}
	for _, k := range e.UnknownKeys(litellmServerKeys) {
		s.UnknownKeys = append(s.UnknownKeys, k)
		if reSecurityWord.MatchString(k) {
			b.ignored(gw, e.Get(k), "%s", fmt.Sprintf("%q of MCP server %s (not a key LiteLLM reads)", k, name))
		}
	}
	if on, ok := e.Boolean("enabled"); ok && !on {
		s.Disabled = true
	}
	def := "http"
	if builtin {
		def = "sse"
	}
	transport := strings.ToLower(text(e.Get("transport")))
	if transport == "" {
		transport = def
	}
	switch transport {
	case "stdio":
		cmd, _ := e.Str("command")
		args, _ := e.Strings("args")
		env, _ := e.StringMap("env")
		b.stdio(s, cmd, args, nil)
		if len(env) > 0 {
			s.Env = map[string]evidence.Value{}
			for k, v := range env {
				s.Env[k] = r.value(k, v)
			}
		}
	default:
		t := evidence.TransportStreamableHTTP
		if transport == "sse" {
			t = evidence.TransportSSE
		}
		u, _ := e.Str("url")
		headers, _ := e.StringMap("static_headers")
		b.remote(s, u, headers, t)
		r.serverAuth(s, e, builtin)
	}
	if tools, ok := e.Strings("allowed_tools"); ok && len(tools) > 0 {
		s.Approvals.IncludeTools = tools
	} else {
		r.allToolsListed = false
	}
	if tools, ok := e.Strings("disallowed_tools"); ok {
		s.Approvals.ExcludeTools = tools
	}
	if open, _ := e.Boolean("allow_all_keys"); open {
		gw.Authorization.Unrestricted = append(gw.Authorization.Unrestricted, "MCP server "+name+" (allow_all_keys)")
	}
	if hs, ok := e.Strings("extra_headers"); ok {
		forwardHeaders(gw, hs)
	}
	for _, k := range []string{"client_secret", "aws_secret_access_key", "aws_session_token"} {
		if v, ok := e.Str(k); ok {
			r.credential("mcp_servers."+name+"."+k, v)
		}
	}
}

// litellmAuthKinds maps auth_type to how the proxy authenticates upstream.
var litellmAuthKinds = map[string]string{
	"api_key": evidence.AuthAPIKey, "bearer_token": evidence.AuthStaticBearer, "basic": evidence.AuthBasic,
	"authorization": evidence.AuthStaticBearer, "token": evidence.AuthStaticBearer, "oauth2": evidence.AuthOAuth,
	"aws_sigv4": evidence.AuthReference,
}

// serverAuth sets how the proxy authenticates to a remote server.
func (r *litellmReader) serverAuth(s *evidence.Server, e *postree.Node, builtin bool) {
	gw := r.gw
	typ, _ := e.Str("auth_type")
	kind, ok := litellmAuthKinds[strings.ToLower(typ)]
	if !ok {
		return
	}
	auth := evidence.Auth{Kind: kind}
	raw, has := e.Scalar("authentication_token")
	if !has {
		raw, has = e.Scalar("auth_value")
	}
	switch {
	case has:
		v := r.value("token", raw)
		if v.Kind != evidence.ValueEnvReference {
			v = r.b.credential(gw, "mcp_servers."+s.Name+".authentication_token", raw)
		}
		auth.Value = &v
	case builtin:
		if env, ok := e.Str("env_key"); ok {
			v := evidence.Value{Kind: evidence.ValueEnvReference, Secret: true, Ref: env, Text: env}
			auth.Value = &v
			auth.Kind = evidence.AuthReference
		}
	}
	if kind == evidence.AuthOAuth {
		gw.UpstreamAuth = append(gw.UpstreamAuth, "oauth-client")
	} else {
		gw.UpstreamAuth = append(gw.UpstreamAuth, "static")
	}
	s.Auth = auth
}
