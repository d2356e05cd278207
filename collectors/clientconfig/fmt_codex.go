package clientconfig

import (
	"fmt"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
)

// codexFormat reads Codex's config.toml (~/.codex/config.toml, a trusted
// project's .codex/config.toml or /etc/codex/config.toml). Each
// [mcp_servers.<name>] table is a stdio server (command, args, env, cwd) or
// a Streamable HTTP server (url, bearer_token_env_var, http_headers,
// env_http_headers). Codex interpolates nothing: tokens come from the
// environment only through bearer_token_env_var and env_http_headers, and an
// inline bearer_token is rejected. default_tools_approval_mode (auto,
// prompt, approve) sets per-server approvals, per-tool
// [mcp_servers.<name>.tools.<tool>] approval_mode refines it, and the
// top-level approval_policy "never" means nothing is ever confirmed.
//
// Codex decides the transport from the keys present: command makes a stdio
// server and url a Streamable HTTP one. A table that mixes the two (url,
// bearer_token_env_var, http_headers, env_http_headers, oauth or
// oauth_resource next to command; args, env, env_vars or cwd next to url)
// or has neither is rejected ("… is not supported for stdio", "invalid
// transport"). Keys Codex does not know are ignored, not rejected, so a
// "headers" table is never sent.
type codexFormat struct{}

func (codexFormat) ID() string                                { return "codex/config.toml" }
func (codexFormat) Client() string                            { return "codex" }
func (codexFormat) Syntax() (postree.Syntax, postree.Dialect) { return postree.TOML, postree.Strict }
func (codexFormat) MatchName(p string) files.Strength {
	return matchAny(p,
		[]pattern{{dir: ".codex", base: "config.toml"}, {dir: "codex", base: "config.toml"}},
		[]pattern{{base: "config.toml"}, {base: "*.toml"}})
}

// MatchContent claims a TOML document with an mcp_servers table: that table
// is Codex's own.
func (codexFormat) MatchContent(root *postree.Node, _ bool) bool {
	return root.Get("mcp_servers").IsObject()
}

var codexKnown = keys("command", "args", "env", "env_vars", "cwd", "enabled", "required", "url", "bearer_token_env_var",
	"bearer_token", "http_headers", "env_http_headers", "enabled_tools", "disabled_tools", "startup_timeout_sec",
	"startup_timeout_ms", "tool_timeout_sec", "default_tools_approval_mode", "tools", "scopes", "oauth_resource",
	"supports_parallel_tool_calls", "oauth", "experimental_environment", "name")

// codexHTTPOnly and codexStdioOnly are the keys Codex refuses in a stdio and
// in a Streamable HTTP server table respectively.
var (
	codexHTTPOnly  = []string{"url", "bearer_token_env_var", "bearer_token", "http_headers", "env_http_headers", "oauth", "oauth_resource"}
	codexStdioOnly = []string{"args", "env", "env_vars", "cwd", "bearer_token"}
)

// codexRejection returns why Codex rejects the server table n ("" when it
// accepts it): a key its transport does not support, or no transport at all.
func codexRejection(n *postree.Node) string {
	if !n.IsObject() {
		return fmt.Sprintf("a server is a table, not a %s", n.Kind)
	}
	key, transport := codexConflict(n)
	switch {
	case key != "":
		return fmt.Sprintf("%s is not supported for %s", key, transport)
	case !n.Has("command") && !n.Has("url"):
		return "invalid transport (neither command nor url)"
	}
	return ""
}

// codexConflict returns the first key Codex rejects in the server table n,
// with the transport it was rejected for.
func codexConflict(n *postree.Node) (key, transport string) {
	switch {
	case n.Has("command"):
		for _, k := range codexHTTPOnly {
			if n.Has(k) {
				return k, "stdio"
			}
		}
	case n.Has("url"):
		for _, k := range codexStdioOnly {
			if n.Has(k) {
				return k, "streamable_http"
			}
		}
	}
	return "", ""
}

var codexSpec = &entrySpec{
	known:   codexKnown,
	urlKeys: []string{"url"},
	transport: func(n *postree.Node, hasCommand bool, urlKey string) (string, string) {
		switch {
		case hasCommand:
			return evidence.TransportStdio, ""
		case urlKey != "":
			return evidence.TransportStreamableHTTP, ""
		}
		return evidence.TransportUnknown, ""
	},
	headers: func(n *postree.Node) map[string]string {
		h, _ := n.StringMap("http_headers")
		return h
	},
	oauthDiscovery: true,
	extra:          codexExtra,
}

func codexExtra(p *parser, s *evidence.Server, n *postree.Node) {
	if en, ok := n.Boolean("enabled"); ok && !en {
		s.Disabled = true
	}
	if inc, ok := n.Strings("enabled_tools"); ok {
		s.Approvals.IncludeTools = inc
	}
	if exc, ok := n.Strings("disabled_tools"); ok {
		s.Approvals.ExcludeTools = exc
	}
	if mode, ok := n.Str("default_tools_approval_mode"); ok {
		s.Approvals.Mode = mode
		if mode == "approve" {
			s.Approvals.AutoApproveAll = true
		}
	}
	if tools := n.Get("tools"); tools.IsObject() {
		for i, tool := range tools.Keys {
			if m, _ := tools.Vals[i].Str("approval_mode"); m == "approve" {
				s.Approvals.AutoApprove = append(s.Approvals.AutoApprove, tool)
			}
		}
	}
	if tok, ok := n.Str("bearer_token"); ok {
		v := p.value("bearer_token", tok)
		s.Auth = evidence.Auth{Kind: evidence.AuthStaticBearer, Header: "Authorization", Value: &v}
		p.ignore(s, "Codex rejects an inline bearer_token; use bearer_token_env_var")
	}

	if s.Remote == nil {
		return
	}
	if envHeaders, ok := n.StringMap("env_http_headers"); ok {
		if s.Remote.Headers == nil {
			s.Remote.Headers = map[string]evidence.Value{}
		}
		for h, envVar := range envHeaders {
			v := envRef(envVar)
			s.Remote.Headers[h] = v
			if h == "Authorization" || h == "authorization" {
				s.Auth = evidence.Auth{Kind: evidence.AuthReference, Header: h, Value: &v}
			}
		}
	}
	if envVar, ok := n.Str("bearer_token_env_var"); ok && envVar != "" {
		v := envRef(envVar)
		s.Auth = evidence.Auth{Kind: evidence.AuthReference, Header: "Authorization", Value: &v}
	}
}

// envRef is a credential taken from the named environment variable.
func envRef(name string) evidence.Value {
	return evidence.Value{Kind: evidence.ValueEnvReference, Secret: true, Reason: "key-name", Ref: name, Text: fmt.Sprintf("${%s}", name)}
}

func (f codexFormat) Parse(d *document) ([]*evidence.Server, []evidence.Diagnostic) {
	p := newParser(d, f)
	p.rootServers(d.root, "mcp_servers", d.scope(), codexSpec)
	// One rejected server table makes Codex fail to load config.toml
	// ("Error loading config.toml: invalid transport in `mcp_servers.x`"),
	// so no server of the file is started.
	if tables := d.root.Get("mcp_servers"); tables.IsObject() {
		first := ""
		for i, name := range tables.Keys {
			if why := codexRejection(tables.Vals[i]); why != "" {
				if tables.Vals[i].IsObject() { // entry reported the others
					p.fail(tables.Vals[i], "server %q: %s; Codex refuses to load config.toml", name, why)
				}
				if first == "" {
					first = fmt.Sprintf("Codex refuses to load config.toml: %s in mcp_servers.%s", why, name)
				}
			}
		}
		if first != "" {
			for _, s := range p.servers {
				p.ignore(s, first)
			}
		}
	}
	if policy, ok := d.root.Str("approval_policy"); ok && policy == "never" {
		for _, s := range p.servers {
			s.Approvals.AutoApproveAll = true
			if s.Approvals.Mode == "" {
				s.Approvals.Mode = "approval_policy=never"
			}
		}
	}
	return p.result()
}
