// Package definitions reads tool definitions saved in files, so that a CI job
// without network access still judges what servers tell the model and checks
// the lockfile: saved tools/list (prompts/list, resources/templates/list)
// results, bare or wrapped in their JSON-RPC response, registry and
// catalogue metadata that lists tools with their schemas, and the tools and
// prompts an MCPB manifest declares. It is an analyzer of the shared walk
// (collectors/files); the subjects come from collectors/tooldef, exactly as
// for live endpoints.
package definitions

import (
	"context"
	"path"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/collectors/tooldef"
	"github.com/tollgate-dev/tollgate/evidence"
)

// Format is the source format of a saved definition listing.
const Format = "mcp/definitions"

// collectorName is the provenance collector of listing subjects.
const collectorName = "definitions"

// listingNames are file names that hold saved listings by convention.
var listingNames = map[string]bool{
	"tools.json": true, "prompts.json": true, "resources.json": true, "resource-templates.json": true,
	"resource_templates.json": true, "tools-list.json": true, "tools_list.json": true, "mcp-tools.json": true,
	"tools.yaml": true, "tools.yml": true,
}

// Analyzers returns the analyzer of saved definition listings.
func Analyzers() []files.Analyzer { return []files.Analyzer{lockfile{}, listing{}} }

type listing struct{}

// Label names the format and collector.
func (listing) Label() files.Label {
	return files.Label{Format: Format, Collector: collectorName}
}

// Match: the conventional names weakly (the content decides), any other
// JSON or YAML file by content.
func (listing) Match(p string) files.Strength {
	base := strings.ToLower(path.Base(p))
	if listingNames[base] || strings.HasSuffix(base, ".tools.json") {
		return files.Weak
	}
	if syn, ok := postree.SyntaxOfPath(p); ok && syn != postree.TOML {
		return files.Content
	}
	return files.None
}

// Analyze reads a listing: a document whose tools (or prompts, or
// resourceTemplates) array holds definitions — objects with a name and, for
// tools, an input schema — at the top level, under "result" (a JSON-RPC
// response) or as the document itself (an array of tools).
func (l listing) Analyze(_ context.Context, file *files.File, _ files.Strength) *files.Analysis {
	syn, ok := postree.SyntaxOfPath(file.Path)
	if !ok || syn == postree.TOML {
		return nil
	}
	parsed := file.Parse(syn)
	if parsed.Err != nil || parsed.Root == nil {
		return nil
	}
	root := parsed.Root
	if r := root.Get("result"); r.IsObject() {
		root = r
	}
	lists := map[string]*postree.Node{}
	if root.IsArray() {
		lists[evidence.DefinitionTool] = root
	} else {
		for key, typ := range map[string]string{"tools": evidence.DefinitionTool, "prompts": evidence.DefinitionPrompt,
			"resourceTemplates": evidence.DefinitionResourceTemplate} {
			if n := root.Get(key); n.IsArray() {
				lists[typ] = n
			}
		}
	}
	if !looksLikeDefinitions(lists) {
		return nil
	}
	src := file.NewSource(l.Label())
	src.Status = evidence.StatusOK
	server := serverName(parsed.Root, root, file.Path)
	origin := tooldef.Origin{Server: server, Collector: collectorName, Version: file.Version, File: file.Path,
		SHA256: file.SHA256, Collected: file.Now, Links: []string{src.ID}}
	var tools []*evidence.Tool
	seen := map[string]bool{}
	for _, typ := range []string{evidence.DefinitionTool, evidence.DefinitionPrompt, evidence.DefinitionResourceTemplate} {
		list := lists[typ]
		if list == nil {
			continue
		}
		for _, item := range list.Items {
			if !item.IsObject() {
				continue
			}
			if name, _ := item.Str("name"); name == "" {
				src.Diagnostics = append(src.Diagnostics, file.Diag("warning", item, typ+" without a name: not judged"))
				continue
			}
			t := Subject(file, typ, item, origin)
			if seen[t.ID] {
				src.Diagnostics = append(src.Diagnostics, file.Diag("warning", item, typ+" "+t.Name+" is listed twice: the first is judged"))
				continue
			}
			seen[t.ID] = true
			tools = append(tools, t)
		}
	}
	if instr, ok := root.Str("instructions"); ok && instr != "" {
		d := tooldef.Definition{Type: evidence.DefinitionInstructions, Raw: map[string]any{"instructions": instr}}
		t := tooldef.Subject(d, origin, file.Redactor())
		t.Provenance.Line, t.Provenance.Pointer = root.Get("instructions").Line, root.Get("instructions").Pointer
		tools = append(tools, t)
	}
	subjects := make([]evidence.Subject, 0, len(tools))
	for _, t := range tools {
		subjects = append(subjects, t)
	}
	return &files.Analysis{Source: src, Subjects: subjects, Store: true}
}

// looksLikeDefinitions requires MCP's own shape, so that arbitrary JSON with
// a "tools" array is not read: every tool has a name and an inputSchema
// object; prompts and templates have a name and their own key.
func looksLikeDefinitions(lists map[string]*postree.Node) bool {
	found := false
	for typ, list := range lists {
		if len(list.Items) == 0 {
			continue
		}
		for _, item := range list.Items {
			if _, ok := item.Str("name"); !ok {
				return false
			}
			switch typ {
			case evidence.DefinitionTool:
				if !item.Get("inputSchema").IsObject() {
					return false
				}
			case evidence.DefinitionResourceTemplate:
				if _, ok := item.Str("uriTemplate"); !ok {
					return false
				}
			}
		}
		found = true
	}
	return found
}

// serverName is the name the listing gives its server (serverInfo.name, a
// top-level "server" or "name"), else the file's path.
func serverName(doc, root *postree.Node, file string) string {
	for _, n := range []*postree.Node{doc, root} {
		if s, ok := n.Get("serverInfo").Str("name"); ok && s != "" {
			return s
		}
		if s, ok := n.Str("server"); ok && s != "" {
			return s
		}
		if n.IsObject() && !n.Has("inputSchema") {
			if s, ok := n.Str("name"); ok && s != "" {
				return s
			}
		}
	}
	return file
}

// Subject builds the tool subject of one definition node of file, located
// at the node.
func Subject(file *files.File, typ string, item *postree.Node, o tooldef.Origin) *evidence.Tool {
	raw, _ := item.Value().(map[string]any)
	o.Line, o.Pointer = item.Line, item.Pointer
	t := tooldef.Subject(tooldef.Definition{Type: typ, Raw: raw}, o, file.Redactor())
	t.Provenance.Column = item.Col
	return t
}
