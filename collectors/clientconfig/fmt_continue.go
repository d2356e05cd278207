package clientconfig

import (
	"fmt"

	"github.com/tollgate-dev/tollgate/evidence"
)

// continueYAML reads Continue's config.yaml and the YAML blocks in
// .continue/mcpServers/: both hold an "mcpServers" list of
// {name, type, command, args, env, cwd, url, requestOptions.headers}.
type continueYAML struct{}

func (continueYAML) ID() string                          { return "continue/config.yaml" }
func (continueYAML) Client() string                      { return "continue" }
func (continueYAML) Syntax() (syntaxFamily, jsonDialect) { return syntaxYAML, dialectStrict }
func (continueYAML) MatchName(p string) nameMatch {
	return matchAny(p,
		[]pattern{{dir: ".continue", base: "config.yaml"}, {dir: ".continue", base: "config.yml"}, {dir: ".continue/mcpServers", base: "*.yaml"}, {dir: ".continue/mcpServers", base: "*.yml"}},
		[]pattern{{base: "config.yaml"}, {base: "config.yml"}})
}

// MatchContent claims any YAML document with an mcpServers list: the list
// form is Continue's own.
func (continueYAML) MatchContent(root *node, byName bool) bool {
	return root.isObject() && root.get("mcpServers") != nil && root.get("mcpServers").kind == kindArray
}

var continueKnown = keys("name", "type", "command", "args", "env", "cwd", "url", "requestOptions", "connectionTimeout", "uses", "with", "override", "apiKey")

var continueSpec = &entrySpec{
	known:     continueKnown,
	urlKeys:   []string{"url"},
	transport: commonTransport,
	headers: func(n *node) map[string]string {
		h, _ := n.get("requestOptions").stringMap("headers")
		return h
	},
}

func (f continueYAML) Parse(d *document) ([]*evidence.Server, []evidence.Diagnostic) {
	p := newParser(d, f)
	root := d.root
	if !root.isObject() {
		if root.kind != kindNull {
			p.fail(root, "expected a mapping at the top level, found a %s", root.kind)
		}
		return p.result()
	}
	list := root.get("mcpServers")
	switch {
	case list == nil:
	case list.kind == kindArray:
		for i, item := range list.items {
			name, _ := item.str("name")
			if u, ok := item.str("uses"); ok && name == "" {
				name = u
			}
			if name == "" {
				name = fmt.Sprintf("mcpServers[%d]", i)
			}
			if u, ok := item.str("uses"); ok && !item.has("command") && !item.has("url") {
				// A hub block ("uses: owner/block") is resolved by Continue
				// from its hub; its launch is not in this file.
				s := p.newServer(name, item, d.scope())
				s.UnknownKeys = item.unknownKeys(continueKnown)
				p.warn(item, "server %q comes from hub block %q, which is not resolved offline", name, clip(u))
				continue
			}
			p.entry(name, item, d.scope(), continueSpec)
		}
	case list.isObject():
		// The Claude-style map belongs in .json blocks; config.yaml wants a list.
		for i, name := range list.keys {
			s := p.entry(name, list.vals[i], d.scope(), continueSpec)
			p.ignore(s, "mcpServers in Continue YAML is a list; a map entry is not loaded")
		}
	default:
		p.fail(list, "mcpServers should be a list, found a %s", list.kind)
	}
	p.strays(root, keys("mcpServers"), "mcpServers", d.scope(), continueSpec)
	return p.result()
}

// continueJSON reads a Claude-style JSON block in .continue/mcpServers/,
// which Continue parses as plain JSON.
type continueJSON struct{}

func (continueJSON) ID() string                          { return "continue/mcpServers.json" }
func (continueJSON) Client() string                      { return "continue" }
func (continueJSON) Syntax() (syntaxFamily, jsonDialect) { return syntaxJSON, dialectStrict }
func (continueJSON) MatchName(p string) nameMatch {
	return matchAny(p, []pattern{{dir: ".continue/mcpServers", base: "*.json"}}, nil)
}
func (continueJSON) MatchContent(root *node, byName bool) bool { return byName && root.isObject() }

var continueJSONSpec = &entrySpec{
	known:     keys("type", "command", "args", "env", "cwd", "url", "headers"),
	urlKeys:   []string{"url"},
	transport: commonTransport,
}

func (f continueJSON) Parse(d *document) ([]*evidence.Server, []evidence.Diagnostic) {
	p := newParser(d, f)
	p.rootServers(d.root, "mcpServers", d.scope(), continueJSONSpec)
	return p.result()
}
