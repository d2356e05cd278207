package clientconfig

import (
	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
)

// genericFormat reads a JSON file that is not any client's known file but
// declares servers under "mcpServers", the shape most clients share (a
// config kept in a repository under another name, or copied between
// machines). The client that will read it is unknown, so no reference form
// is assumed to be expanded.
type genericFormat struct{}

func (genericFormat) ID() string                                { return "generic/mcpServers.json" }
func (genericFormat) Client() string                            { return "unknown" }
func (genericFormat) Syntax() (postree.Syntax, postree.Dialect) { return postree.JSON, postree.JSONC }
func (genericFormat) MatchName(string) files.Strength           { return files.None }
func (genericFormat) MatchContent(root *postree.Node, _ bool) bool {
	return looksLikeServerMap(root.Get("mcpServers"))
}

var genericSpec = &entrySpec{
	known:     keys("type", "command", "args", "env", "cwd", "url", "headers"),
	urlKeys:   []string{"url", "serverUrl", "httpUrl"},
	transport: commonTransport,
}

func (f genericFormat) Parse(d *document) ([]*evidence.Server, []evidence.Diagnostic) {
	p := newParser(d, f)
	p.rootServers(d.root, "mcpServers", d.scope(), genericSpec)
	return p.result()
}
