package clientconfig

import (
	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
)

// geminiFormat reads Gemini CLI's settings.json (~/.gemini/settings.json, a
// project's .gemini/settings.json or the system settings). Gemini CLI strips
// comments before JSON.parse, so comments are accepted but trailing commas
// are not. httpUrl is Streamable HTTP and url is SSE (httpUrl wins when both
// are set); trust: true skips every confirmation; includeTools and
// excludeTools filter tools; oauth configures OAuth explicitly and remote
// servers without credentials get OAuth discovery. The top-level
// mcp.excluded list turns servers off by name.
type geminiFormat struct{}

func (geminiFormat) ID() string                                { return "gemini-cli/settings.json" }
func (geminiFormat) Client() string                            { return "gemini-cli" }
func (geminiFormat) Syntax() (postree.Syntax, postree.Dialect) { return postree.JSON, postree.Comments }
func (geminiFormat) MatchName(p string) files.Strength {
	return matchAny(p,
		[]pattern{{dir: ".gemini", base: "settings.json"}, {dir: "gemini-cli", base: "settings.json"}, {dir: "GeminiCli", base: "settings.json"}},
		[]pattern{{base: "settings.json"}})
}
func (geminiFormat) MatchContent(root *postree.Node, byName bool) bool {
	return byName && root.Get("mcpServers").IsObject()
}

var geminiSpec = &entrySpec{
	known: keys("command", "args", "env", "cwd", "url", "httpUrl", "headers", "timeout", "trust",
		"includeTools", "excludeTools", "oauth", "authProviderType", "description", "type", "targetAudience", "targetServiceAccount"),
	urlKeys: []string{"httpUrl", "url"},
	transport: func(n *postree.Node, hasCommand bool, urlKey string) (string, string) {
		switch urlKey {
		case "httpUrl":
			return evidence.TransportStreamableHTTP, ""
		case "url":
			if t, _ := n.Str("type"); t == "http" {
				return evidence.TransportStreamableHTTP, ""
			}
			return evidence.TransportSSE, ""
		}
		if hasCommand {
			return evidence.TransportStdio, ""
		}
		return evidence.TransportUnknown, ""
	},
	oauthDiscovery: true,
	extra: func(p *parser, s *evidence.Server, n *postree.Node) {
		if t, ok := n.Boolean("trust"); ok {
			s.Approvals.Trust = t
			s.Approvals.AutoApproveAll = s.Approvals.AutoApproveAll || t
		}
		if inc, ok := n.Strings("includeTools"); ok {
			s.Approvals.IncludeTools = inc
		}
		if exc, ok := n.Strings("excludeTools"); ok {
			s.Approvals.ExcludeTools = exc
		}
		oauth := n.Get("oauth")
		if oauth.IsObject() && s.Remote != nil {
			enabled, set := oauth.Boolean("enabled")
			if (enabled || !set) && (s.Auth.Kind == evidence.AuthNone || s.Auth.Kind == evidence.AuthOAuthCapable) {
				s.Auth = evidence.Auth{Kind: evidence.AuthOAuth}
			}
			if secret, ok := oauth.Str("clientSecret"); ok {
				v := p.value("clientSecret", secret)
				if s.Auth.Kind == evidence.AuthOAuth {
					s.Auth.Value = &v
				}
			}
		}
		if apt, ok := n.Str("authProviderType"); ok && apt != "" && apt != "dynamic_discovery" && s.Remote != nil &&
			(s.Auth.Kind == evidence.AuthNone || s.Auth.Kind == evidence.AuthOAuthCapable) {
			s.Auth = evidence.Auth{Kind: evidence.AuthOAuth}
		}
	},
}

func (f geminiFormat) Parse(d *document) ([]*evidence.Server, []evidence.Diagnostic) {
	p := newParser(d, f)
	p.rootServers(d.root, "mcpServers", d.scope(), geminiSpec, "mcp")
	if excluded, ok := d.root.Get("mcp").Strings("excluded"); ok {
		off := keys(excluded...)
		for _, s := range p.servers {
			if off[s.Name] {
				s.Disabled = true
			}
		}
	}
	return p.result()
}
