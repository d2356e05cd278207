package clientconfig

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
)

// mcpbFormat reads an MCPB (formerly DXT) bundle manifest.json: the server
// launch in server.mcp_config, the user_config fields (sensitive ones are
// kept in the OS keychain and substituted as ${user_config.key}), the tools
// the bundle declares and its privacy policies.
type mcpbFormat struct{}

func (mcpbFormat) ID() string                                { return "mcpb/manifest.json" }
func (mcpbFormat) Client() string                            { return "mcpb" }
func (mcpbFormat) Syntax() (postree.Syntax, postree.Dialect) { return postree.JSON, postree.Strict }
func (mcpbFormat) MatchName(p string) files.Strength {
	return matchAny(p, nil, []pattern{{base: "manifest.json"}})
}

// MatchContent claims a document with a manifest_version or dxt_version and
// a server object: that pair is the bundle manifest's own.
func (mcpbFormat) MatchContent(root *postree.Node, _ bool) bool {
	return (root.Has("manifest_version") || root.Has("dxt_version")) && root.Get("server").IsObject()
}

var mcpbTopKeys = keys("$schema", "manifest_version", "dxt_version", "id", "name", "display_name", "version", "description",
	"long_description", "author", "repository", "homepage", "documentation", "support", "icon", "icons", "screenshots",
	"server", "tools", "tools_generated", "prompts", "prompts_generated", "keywords", "license", "privacy_policies",
	"compatibility", "user_config", "localization", "_meta")

func (f mcpbFormat) Parse(d *document) ([]*evidence.Server, []evidence.Diagnostic) {
	p := newParser(d, f)
	root := d.root
	m := &evidence.Manifest{Type: "mcpb"}
	m.SchemaVersion, _ = root.Str("manifest_version")
	if m.SchemaVersion == "" {
		m.SchemaVersion, _ = root.Str("dxt_version")
	}
	m.PackageName, _ = root.Str("name")
	m.Version, _ = root.Str("version")
	m.ExplicitVersion = m.Version != "" && m.Version != "latest"
	for _, k := range []string{"name", "version", "description", "author", "server"} {
		if !root.Has(k) {
			m.SchemaErrors = append(m.SchemaErrors, fmt.Sprintf("required key %q is missing", k))
		}
	}
	for _, k := range root.UnknownKeys(mcpbTopKeys) {
		m.SchemaErrors = append(m.SchemaErrors, fmt.Sprintf("unknown key %q", clip(k)))
	}
	if pp := root.Get("privacy_policies"); pp != nil && pp.Kind == postree.Array {
		m.PrivacyPolicies = len(pp.Items)
	}
	if tools := root.Get("tools"); tools != nil && tools.Kind == postree.Array {
		for _, t := range tools.Items {
			if n, ok := t.Str("name"); ok {
				m.Tools = append(m.Tools, n)
			}
		}
		sort.Strings(m.Tools)
	}
	sensitive := map[string]bool{}
	if uc := root.Get("user_config"); uc.IsObject() {
		for i, k := range uc.Keys {
			if sens, _ := uc.Vals[i].Boolean("sensitive"); sens {
				sensitive[k] = true
			} else if secretName(k) {
				m.UnmarkedSecrets = append(m.UnmarkedSecrets, k)
			}
			if def, ok := uc.Vals[i].Str("default"); ok && def != "" && (sensitive[k] || secretName(k)) {
				// A default for a credential ships inside the bundle.
				p.value(k, def)
			}
		}
		sort.Strings(m.UnmarkedSecrets)
	}

	name := m.PackageName
	if name == "" {
		name = "bundle"
	}
	server := root.Get("server")
	s := p.newServer(name, server, evidence.ScopeBundle)
	s.Manifest = m
	cfg := server.Get("mcp_config")
	command, ok := cfg.Str("command")
	args, _ := cfg.Strings("args")
	if !ok {
		// Without mcp_config the host launches the server from its type and
		// entry point (a uv server's mcp_config is optional: the host runs
		// it with uv).
		command, args, ok = hostLaunch(server)
		if !ok {
			p.ignore(s, "server.mcp_config has no command, and the host cannot launch the server from its type and entry point")
			s.Transport = evidence.TransportStdio
			return p.result()
		}
	}
	p.stdio(s, command, args, "")
	if env, ok := cfg.StringMap("env"); ok {
		p.env(s, env)
	}
	for k, v := range s.Env {
		ref := strings.TrimPrefix(v.Ref, "user_config.")
		if v.Kind == evidence.ValueConfigReference && sensitive[ref] && !v.Secret {
			v.Secret, v.Reason = true, "sensitive-user-config"
			s.Env[k] = v
		}
	}
	if s.Launch != nil && s.Launch.Package == nil {
		typ, _ := server.Str("type")
		entry, _ := server.Str("entry_point")
		s.Launch.Package = &evidence.Package{Ecosystem: "mcpb", Name: m.PackageName, Version: m.Version, Pinning: evidence.PinLocal}
		if entry == "" && typ == "" {
			s.Launch.Package.Pinning = evidence.PinNone
		}
	}
	return p.result()
}

// hostLaunch returns the command an MCPB host runs for a server without an
// mcp_config: the runtime of its type on its entry point (${__dirname} is
// the unpacked bundle).
func hostLaunch(server *postree.Node) (command string, args []string, ok bool) {
	typ, _ := server.Str("type")
	entry, _ := server.Str("entry_point")
	if entry == "" {
		return "", nil, false
	}
	entry = "${__dirname}/" + strings.TrimPrefix(entry, "./")
	switch typ {
	case "node":
		return "node", []string{entry}, true
	case "python":
		return "python", []string{entry}, true
	case "uv":
		return "uv", []string{"run", "--directory", "${__dirname}", entry}, true
	case "binary":
		return entry, nil, true
	}
	return "", nil, false
}
