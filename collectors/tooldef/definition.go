// Package tooldef turns the definitions an MCP server hands to the model —
// tools, prompts, resource templates and server instructions — into tool
// subjects: it hashes each definition's canonical JSON, flattens input
// schemas into parameters, applies the poisoning heuristics (hidden
// instructions, invisible Unicode, encoded blobs, …), correlates definitions
// across servers (name collisions, shadowing) and compares them with a
// lockfile. Live probes and offline definition files both build on it.
package tooldef

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// Definition is one definition as the server served it.
type Definition struct {
	// Type is evidence.DefinitionTool, DefinitionPrompt,
	// DefinitionResourceTemplate or DefinitionInstructions.
	Type string
	// Raw is the definition's JSON object as served (for instructions:
	// {"instructions": "…"}). "_meta" is ignored.
	Raw map[string]any
}

// Name returns the definition's name ("instructions" for server instructions).
func (d Definition) Name() string {
	if d.Type == evidence.DefinitionInstructions {
		return "instructions"
	}
	s, _ := d.Raw["name"].(string)
	return s
}

// Origin says where a server's definitions were seen.
type Origin struct {
	// Server names the server (configured name, endpoint URL or file-given name).
	Server string
	// Endpoint is the URL or stdio:NAME listed; empty for files.
	Endpoint string
	// Collector, File, Line, Pointer, SHA256 and URL fill the subjects' provenance.
	Collector string
	Version   string
	File      string
	Line      int
	Pointer   string
	SHA256    string
	URL       string
	Collected time.Time
	// Links are subject IDs every definition links to (its endpoint, its server).
	Links []string
}

// FromJSON decodes one definition of type typ from its JSON encoding.
func FromJSON(typ string, data []byte) (Definition, error) {
	var raw map[string]any
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		return Definition{}, fmt.Errorf("decode %s definition: %w", typ, err)
	}
	return Definition{Type: typ, Raw: raw}, nil
}

// FromValue converts any JSON-encodable value (an SDK type) into a Definition.
func FromValue(typ string, v any) (Definition, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return Definition{}, fmt.Errorf("encode %s definition: %w", typ, err)
	}
	return FromJSON(typ, data)
}

// Canonical returns the definition's canonical JSON: keys sorted, no
// insignificant space, "_meta" dropped. Hashes and lockfiles use it.
func (d Definition) Canonical() []byte {
	data, _ := json.Marshal(d.withoutMeta())
	return data
}

// SHA256 is the hex sha256 of the canonical JSON.
func (d Definition) SHA256() string {
	sum := sha256.Sum256(d.Canonical())
	return hex.EncodeToString(sum[:])
}

func (d Definition) withoutMeta() map[string]any {
	out := make(map[string]any, len(d.Raw))
	for k, v := range d.Raw {
		if k != "_meta" {
			out[k] = v
		}
	}
	return out
}

// Redacted returns the definition with every string value passed through
// red (secrets replaced by their redacted shape) and every key through
// secrets.RedactName (a credential pasted as a parameter's name).
func (d Definition) Redacted(red *secrets.Redactor) map[string]any {
	return redactValue(d.withoutMeta(), red).(map[string]any)
}

func redactValue(v any, red *secrets.Redactor) any {
	switch x := v.(type) {
	case string:
		return red.RedactString(x)
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[secrets.RedactName(k)] = redactValue(e, red)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = redactValue(e, red)
		}
		return out
	}
	return v
}

// Subject builds the tool subject of d: the redacted definition fields, the
// flattened parameters, the annotation facts and every per-definition
// heuristic. Cross-server facts (collisions, shadowing) come from Correlate;
// lock facts from Lock.Apply.
func Subject(d Definition, o Origin, red *secrets.Redactor) *evidence.Tool {
	if red == nil {
		red = secrets.NewRedactor()
	}
	name := secrets.RedactName(d.Name()) // a credential pasted as the name
	raw := d.Raw
	str := func(k string) string { s, _ := raw[k].(string); return s }
	t := &evidence.Tool{
		Meta: evidence.Meta{
			Kind: evidence.KindTool,
			ID:   toolID(o, d.Type, name),
			Name: name,
			Provenance: evidence.Provenance{
				Collector: o.Collector, CollectorVersion: o.Version, File: o.File, Line: o.Line,
				Pointer: o.Pointer, SHA256: o.SHA256, URL: o.URL, Collected: o.Collected,
			},
			Links: append([]string(nil), o.Links...),
		},
		Type:            d.Type,
		Server:          o.Server,
		Endpoint:        o.Endpoint,
		Title:           red.RedactString(str("title")),
		URITemplate:     red.RedactString(str("uriTemplate")),
		DestructiveHint: evidence.HintUnset,
		Definition:      d.Redacted(red),
		SHA256:          d.SHA256(),
		Lock:            evidence.LockUnlocked,
	}
	desc := str("description")
	if d.Type == evidence.DefinitionInstructions {
		desc = str("instructions")
	}
	t.Description = red.RedactString(desc)
	t.DescriptionLength = utf8.RuneCountInString(desc)
	if m, ok := raw["inputSchema"].(map[string]any); ok {
		t.InputSchema = redactValue(m, red).(map[string]any)
	}
	if args, ok := raw["arguments"].([]any); ok && d.Type == evidence.DefinitionPrompt {
		t.InputSchema = redactValue(promptSchema(args), red).(map[string]any)
	}
	if m, ok := raw["outputSchema"].(map[string]any); ok {
		t.OutputSchema = redactValue(m, red).(map[string]any)
	}
	if m, ok := raw["annotations"].(map[string]any); ok {
		t.Annotations = redactValue(m, red).(map[string]any)
		if b, ok := m["readOnlyHint"].(bool); ok {
			t.ReadOnlyHint = b
		}
		if b, ok := m["destructiveHint"].(bool); ok {
			t.DestructiveHint = evidence.HintFalse
			if b {
				t.DestructiveHint = evidence.HintTrue
			}
		}
	}
	if t.InputSchema != nil {
		t.Parameters = Parameters(t.InputSchema)
	}
	analyze(t, d, red)
	schemaHygiene(t, d, red)
	return t
}

// toolID is stable per origin, type and name.
func toolID(o Origin, typ, name string) string {
	origin := o.Endpoint
	if origin == "" {
		origin = o.File
	}
	if origin == "" {
		origin = o.Server
	}
	if typ != evidence.DefinitionTool {
		name = typ + ":" + name
	}
	return evidence.MakeID(evidence.KindTool, origin, name)
}

// promptSchema turns a prompt's arguments into an equivalent object schema.
func promptSchema(args []any) map[string]any {
	props := map[string]any{}
	var required []any
	for _, a := range args {
		m, ok := a.(map[string]any)
		if !ok {
			continue
		}
		name, _ := m["name"].(string)
		if name == "" {
			continue
		}
		p := map[string]any{"type": "string"}
		for _, k := range []string{"description", "title"} {
			if s, ok := m[k].(string); ok {
				p[k] = s
			}
		}
		props[name] = p
		if r, _ := m["required"].(bool); r {
			required = append(required, name)
		}
	}
	out := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		out["required"] = required
	}
	return out
}

// maxParameters bounds how many parameters one schema flattens into.
const maxParameters = 256

// Parameters flattens an object schema's properties, depth first, nested
// object properties as dotted paths and array items as "[]".
func Parameters(schema map[string]any) []evidence.ToolParameter {
	var out []evidence.ToolParameter
	eachProperty(schema, func(path string, p map[string]any, required bool) {
		out = append(out, parameter(path, p, required))
	})
	return out
}

// eachProperty visits the properties of an object schema in the order
// Parameters lists them (at most maxParameters, eight levels deep), with
// each property's path, its schema and whether its parent requires it.
func eachProperty(schema map[string]any, visit func(path string, p map[string]any, required bool)) {
	n := 0
	var walk func(prefix string, s map[string]any, depth int)
	walk = func(prefix string, s map[string]any, depth int) {
		if depth > 8 || n >= maxParameters {
			return
		}
		props, _ := s["properties"].(map[string]any)
		req := map[string]bool{}
		if list, ok := s["required"].([]any); ok {
			for _, r := range list {
				if name, ok := r.(string); ok {
					req[name] = true
				}
			}
		}
		names := make([]string, 0, len(props))
		for k := range props {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, name := range names {
			p, ok := props[name].(map[string]any)
			if !ok || n >= maxParameters {
				continue
			}
			path := name
			if prefix != "" {
				path = prefix + "." + name
			}
			n++
			visit(path, p, req[name])
			walk(path, p, depth+1)
			if items, ok := p["items"].(map[string]any); ok {
				walk(path+"[]", items, depth+1)
			}
		}
	}
	walk("", schema, 0)
}

func parameter(path string, p map[string]any, required bool) evidence.ToolParameter {
	tp := evidence.ToolParameter{Path: path, Required: required}
	switch t := p["type"].(type) {
	case string:
		tp.Type = t
	case []any:
		var parts []string
		for _, e := range t {
			if s, ok := e.(string); ok {
				parts = append(parts, s)
			}
		}
		tp.Type = strings.Join(parts, "|")
	}
	tp.Description, _ = p["description"].(string)
	tp.Format, _ = p["format"].(string)
	tp.Pattern, _ = p["pattern"].(string)
	if d, ok := p["default"]; ok {
		tp.Default = d
	}
	if e, ok := p["enum"].([]any); ok {
		tp.Enum = e
	}
	return tp
}
