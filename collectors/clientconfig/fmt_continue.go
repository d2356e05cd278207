package clientconfig

import (
	"fmt"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
)

// continueYAML reads Continue's config.yaml and the YAML blocks in
// .continue/mcpServers/: both hold an "mcpServers" list of
// {name, type, command, args, env, cwd, url, requestOptions.headers}.
type continueYAML struct{}

func (continueYAML) ID() string                                { return "continue/config.yaml" }
func (continueYAML) Client() string                            { return "continue" }
func (continueYAML) Syntax() (postree.Syntax, postree.Dialect) { return postree.YAML, postree.Strict }
func (continueYAML) MatchName(p string) files.Strength {
	return matchAny(p,
		[]pattern{{dir: ".continue", base: "config.yaml"}, {dir: ".continue", base: "config.yml"}, {dir: ".continue/mcpServers", base: "*.yaml"}, {dir: ".continue/mcpServers", base: "*.yml"}},
		[]pattern{{base: "config.yaml"}, {base: "config.yml"}})
}

// MatchContent claims any YAML document with an mcpServers list: the list
// form is Continue's own.
func (continueYAML) MatchContent(root *postree.Node, byName bool) bool {
	return root.IsObject() && root.Get("mcpServers") != nil && root.Get("mcpServers").Kind == postree.Array
}

var continueKnown = keys("name", "type", "command", "args", "env", "cwd", "url", "requestOptions", "connectionTimeout", "uses", "with", "override", "apiKey")

var continueSpec = &entrySpec{
	known:     continueKnown,
	urlKeys:   []string{"url"},
	transport: commonTransport,
	headers: func(n *postree.Node) map[string]string {
		h, _ := n.Get("requestOptions").StringMap("headers")
		return h
	},
}

func (f continueYAML) Parse(d *document) ([]*evidence.Server, []evidence.Diagnostic) {
	p := newParser(d, f)
	root := d.root
	if !root.IsObject() {
		if root.Kind != postree.Null {
			p.fail(root, "expected a mapping at the top level, found a %s", root.Kind)
		}
		return p.result()
	}
	list := root.Get("mcpServers")
	switch {
	case list == nil:
	case list.Kind == postree.Array:
		for i, item := range list.Items {
			name, _ := item.Str("name")
			if u, ok := item.Str("uses"); ok && name == "" {
				name = u
			}
			if name == "" {
				name = fmt.Sprintf("mcpServers[%d]", i)
			}
			if u, ok := item.Str("uses"); ok && !item.Has("command") && !item.Has("url") {
				// A hub block ("uses: owner/block") is resolved by Continue
				// from its hub; its launch is not in this file.
				s := p.newServer(name, item, d.scope())
				s.UnknownKeys = item.UnknownKeys(continueKnown)
				p.warn(item, "server %q comes from hub block %q, which is not resolved offline", name, clip(u))
				continue
			}
			p.entry(name, item, d.scope(), continueSpec)
		}
	case list.IsObject():
		// The Claude-style map belongs in .json blocks; config.yaml wants a list.
		for i, name := range list.Keys {
			s := p.entry(name, list.Vals[i], d.scope(), continueSpec)
			p.ignore(s, "mcpServers in Continue YAML is a list; a map entry is not loaded")
		}
	default:
		p.fail(list, "mcpServers should be a list, found a %s", list.Kind)
	}
	p.strays(root, keys("mcpServers"), "mcpServers", d.scope(), continueSpec)
	return p.result()
}

// continueJSON reads a Claude-style JSON block in .continue/mcpServers/,
// which Continue parses as plain JSON.
type continueJSON struct{}

func (continueJSON) ID() string                                { return "continue/mcpServers.json" }
func (continueJSON) Client() string                            { return "continue" }
func (continueJSON) Syntax() (postree.Syntax, postree.Dialect) { return postree.JSON, postree.Strict }
func (continueJSON) MatchName(p string) files.Strength {
	return matchAny(p, []pattern{{dir: ".continue/mcpServers", base: "*.json"}}, nil)
}
func (continueJSON) MatchContent(root *postree.Node, byName bool) bool {
	return byName && root.IsObject()
}

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

// readKeys are the top-level keys the client reads in this file, which
// exists only to declare servers: `mcpServers`.
func (continueJSON) readKeys() map[string]bool { return keys("mcpServers") }
