package clientconfig

import (
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
)

// VS Code reads its JSON files with its JSONC parser: comments and trailing
// commas are accepted. Servers live under "servers" (mcp.json) or
// "mcp.servers" (legacy settings.json); prompted values are declared under
// "inputs" and referenced as ${input:id}.

var vscodeSpec = &entrySpec{
	known:          keys("type", "command", "args", "env", "envFile", "cwd", "url", "headers", "dev", "gallery", "version"),
	urlKeys:        []string{"url"},
	transport:      commonTransport,
	oauthDiscovery: true,
}

// vscodeScope is user for the files under the editor's User folder.
func vscodeScope(d *document) string {
	if d.location == files.Project && pathHas(d.path, "/user/") && !pathHas(d.path, ".vscode/") {
		return evidence.ScopeUser
	}
	return d.scope()
}

// vscodeMCP reads .vscode/mcp.json and the user's mcp.json.
type vscodeMCP struct{}

func (vscodeMCP) ID() string                                { return "vscode/mcp.json" }
func (vscodeMCP) Client() string                            { return "vscode" }
func (vscodeMCP) Syntax() (postree.Syntax, postree.Dialect) { return postree.JSON, postree.JSONC }
func (vscodeMCP) MatchName(p string) files.Strength {
	return matchAny(p,
		[]pattern{{dir: ".vscode", base: "mcp.json"}, {dir: "Code/User", base: "mcp.json"}, {dir: "Code - Insiders/User", base: "mcp.json"}},
		[]pattern{{base: "mcp.json"}})
}
func (vscodeMCP) MatchContent(root *postree.Node, byName bool) bool {
	return byName && root.IsObject() && (root.Get("servers").IsObject() || root.Has("inputs"))
}
func (f vscodeMCP) Parse(d *document) ([]*evidence.Server, []evidence.Diagnostic) {
	p := newParser(d, f)
	p.rootServers(d.root, "servers", vscodeScope(d), vscodeSpec, "inputs")
	p.resolveInputs(d.root.Get("inputs"))
	return p.result()
}

// vscodeSettings reads the legacy "mcp" section of a VS Code settings.json.
type vscodeSettings struct{}

func (vscodeSettings) ID() string                                { return "vscode/settings.json" }
func (vscodeSettings) Client() string                            { return "vscode" }
func (vscodeSettings) Syntax() (postree.Syntax, postree.Dialect) { return postree.JSON, postree.JSONC }
func (vscodeSettings) MatchName(p string) files.Strength {
	return matchAny(p,
		[]pattern{{dir: ".vscode", base: "settings.json"}, {dir: "Code/User", base: "settings.json"}, {dir: "Code - Insiders/User", base: "settings.json"}},
		[]pattern{{base: "settings.json"}})
}

// MatchContent claims a settings.json with an "mcp" section or VS Code's
// chat settings (flat "chat.…" keys).
func (vscodeSettings) MatchContent(root *postree.Node, byName bool) bool {
	if !byName || !root.IsObject() {
		return false
	}
	if root.Get("mcp").IsObject() {
		return true
	}
	for _, k := range root.Keys {
		if strings.HasPrefix(k, "chat.") {
			return true
		}
	}
	return false
}
func (f vscodeSettings) Parse(d *document) ([]*evidence.Server, []evidence.Diagnostic) {
	p := newParser(d, f)
	mcp := d.root.Get("mcp")
	scope := vscodeScope(d)
	p.entries(mcp.Get("servers"), scope, vscodeSpec)
	p.strays(d.root, keys("mcp"), "mcp.servers", scope, vscodeSpec)
	p.strays(mcp, keys("servers", "inputs"), "mcp.servers", scope, vscodeSpec)
	p.resolveInputs(mcp.Get("inputs"))
	return p.result()
}

// resolveInputs marks ${input:id} references to password inputs as secrets
// and warns about references to inputs that are not declared.
func (p *parser) resolveInputs(inputs *postree.Node) {
	password := map[string]bool{}
	declared := map[string]bool{}
	if inputs != nil && inputs.Kind == postree.Array {
		for _, in := range inputs.Items {
			id, ok := in.Str("id")
			if !ok {
				continue
			}
			declared[id] = true
			pw, _ := in.Boolean("password")
			if pw {
				password[id] = true
			}
			if def, ok := in.Str("default"); ok {
				// The default is the value the user is prompted for,
				// written in the file: a password input's default is a
				// credential whatever it looks like.
				key := id
				if pw {
					key = "password"
				}
				p.credential(key, in.Get("default"), def)
			}
		}
	}
	for _, s := range p.servers {
		warned := map[string]bool{}
		eachValue(s, func(v *evidence.Value) {
			if v.Kind != evidence.ValueInputReference {
				return
			}
			if password[v.Ref] && !v.Secret {
				v.Secret = true
				v.Reason = "input-password"
			}
			if !declared[v.Ref] && !warned[v.Ref] && !s.Ignored {
				warned[v.Ref] = true
				p.warn(nil, "server %q references undeclared input %q", s.Name, clip(v.Ref))
			}
		})
	}
}

// eachValue calls fn for every classified value held by s.
func eachValue(s *evidence.Server, fn func(v *evidence.Value)) {
	visitMap := func(m map[string]evidence.Value) {
		for k, v := range m {
			fn(&v)
			m[k] = v
		}
	}
	visitMap(s.Env)
	if r := s.Remote; r != nil {
		visitMap(r.Headers)
		visitMap(r.Query)
		if r.Userinfo != nil {
			fn(r.Userinfo)
		}
	}
	if s.Auth.Value != nil {
		fn(s.Auth.Value)
	}
	if l := s.Launch; l != nil {
		for i := range l.SecretArgs {
			fn(&l.SecretArgs[i].Value)
		}
		if l.Container != nil {
			visitMap(l.Container.Env)
		}
	}
}

// readKeys are the top-level keys the client reads in this file, which
// exists only to declare servers: `servers`, `inputs`.
func (vscodeMCP) readKeys() map[string]bool { return keys("servers", "inputs") }
