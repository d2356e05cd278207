package controls

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"

	"github.com/tollgate-dev/tollgate/evidence"
)

// linkedField is the field the engine adds to a subject before evaluation:
// the subjects it links to, grouped by kind (assess.LinkedField). With
// policyField, it is a field controls see that no subject definition of the
// evidence schema holds.
const linkedField = "linked"

// policyField is the field the engine adds to a subject when the assessment
// has an organisation policy: what the policy says about it
// (#PolicyFacts in the evidence schema).
const policyField = "policy"

// schemaNode is what the evidence schema allows at one path of a subject.
type schemaNode struct {
	// fields are the named fields, required and optional.
	fields map[string]*schemaNode
	// names are the keys of fields, sorted.
	names []string
	// pattern is the value of every other key of a map ([string]: …).
	pattern *schemaNode
	// elem is the element of a list.
	elem *schemaNode
	// open means any field may appear below this path (an open struct, a
	// value of any type, or a part of the schema too deep to follow).
	open bool
}

// child returns the node of field name, or nil if the schema has no such
// field here.
func (s *schemaNode) child(name string) *schemaNode {
	if s.open {
		return openNode
	}
	if c, ok := s.fields[name]; ok {
		return c
	}
	return s.pattern
}

// anyKey is what a pattern constraint of a control (which applies to every
// key) can reach: the map's values, or any of the struct's fields.
func (s *schemaNode) anyKey() *schemaNode {
	out := s.pattern
	for _, name := range s.names {
		out = mergeSchema(out, s.fields[name])
	}
	return out
}

var openNode = &schemaNode{open: true}

// mergeSchema returns a node allowing what a or b allows (the alternatives
// of a disjunction).
func mergeSchema(a, b *schemaNode) *schemaNode {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	case a.open || b.open:
		return openNode
	}
	out := &schemaNode{
		fields:  maps.Clone(a.fields),
		pattern: mergeSchema(a.pattern, b.pattern),
		elem:    mergeSchema(a.elem, b.elem),
	}
	if out.fields == nil {
		out.fields = map[string]*schemaNode{}
	}
	for k, v := range b.fields {
		out.fields[k] = mergeSchema(out.fields[k], v)
	}
	out.names = slices.Sorted(maps.Keys(out.fields))
	return out
}

// maxSchemaDepth bounds the walk of the schema: anything deeper is open.
const maxSchemaDepth = 24

// buildSchema converts a CUE value of the evidence schema into a node.
func buildSchema(v cue.Value, depth int) *schemaNode {
	if depth > maxSchemaDepth || v.IncompleteKind() == cue.TopKind {
		return openNode
	}
	if op, args := v.Eval().Expr(); op == cue.OrOp {
		var out *schemaNode
		for _, d := range args {
			out = mergeSchema(out, buildSchema(d, depth+1))
		}
		if out == nil {
			return &schemaNode{}
		}
		return out
	}
	s := &schemaNode{fields: map[string]*schemaNode{}}
	if it, err := v.Fields(cue.Optional(true)); err == nil {
		for it.Next() {
			s.fields[it.Selector().Unquoted()] = buildSchema(it.Value(), depth+1)
		}
	}
	s.names = slices.Sorted(maps.Keys(s.fields))
	if p := v.LookupPath(cue.MakePath(cue.AnyString)); p.Exists() {
		s.pattern = buildSchema(p, depth+1)
	}
	if e := v.LookupPath(cue.MakePath(cue.AnyIndex)); e.Exists() {
		s.elem = buildSchema(e, depth+1)
	}
	return s
}

// subjectSchemas holds, per subject kind, what controls of that kind may
// name: the kind's schema definition plus linkedField and policyField.
var subjectSchemas = sync.OnceValues(func() (map[evidence.Kind]*schemaNode, error) {
	ctx := cuecontext.New()
	v := ctx.CompileString(evidence.SchemaCUE, cue.Filename("evidence/schema.cue"))
	if err := v.Err(); err != nil {
		return nil, fmt.Errorf("compile evidence schema: %w", err)
	}
	base := map[evidence.Kind]*schemaNode{}
	for _, k := range evidence.Kinds {
		def := v.LookupPath(cue.MakePath(cue.Def(definitionName(k))))
		if !def.Exists() {
			return nil, fmt.Errorf("evidence schema has no definition for %s subjects", k)
		}
		base[k] = buildSchema(def, 0)
	}
	linked := &schemaNode{fields: map[string]*schemaNode{}}
	for k, s := range base {
		linked.fields[string(k)] = &schemaNode{elem: s}
	}
	linked.names = slices.Sorted(maps.Keys(linked.fields))
	facts := v.LookupPath(cue.MakePath(cue.Def("#PolicyFacts")))
	if !facts.Exists() {
		return nil, fmt.Errorf("evidence schema has no definition for policy facts")
	}
	policy := buildSchema(facts, 0)
	out := make(map[evidence.Kind]*schemaNode, len(base))
	for k, s := range base {
		root := *s
		root.fields = maps.Clone(s.fields)
		root.fields[linkedField] = linked
		root.fields[policyField] = policy
		root.names = slices.Sorted(maps.Keys(root.fields))
		out[k] = &root
	}
	return out, nil
})

// definitionName is the schema definition of a subject kind: #Server for
// server, and so on.
func definitionName(k evidence.Kind) string {
	s := string(k)
	return "#" + strings.ToUpper(s[:1]) + s[1:]
}

// unknownField is a path a control names that its subjects do not have.
type unknownField struct {
	// path is the field path; a pattern constraint's keys are "*".
	path []string
	// suggestion is the path with the last field replaced by the closest
	// field the schema has there, or nil.
	suggestion []string
	// listField is set when the parent path is a list whose elements have
	// the field.
	listField bool
}

// describe renders the problem, e.g. "launch.pakage, which
// server subjects do not have (did you mean launch.package?)".
func (u unknownField) describe(kind evidence.Kind) string {
	msg := fmt.Sprintf("%s, which %s subjects do not have", strings.Join(u.path, "."), kind)
	parent := strings.Join(u.path[:len(u.path)-1], ".")
	switch {
	case u.suggestion != nil:
		msg += fmt.Sprintf(" (did you mean %s?)", strings.Join(u.suggestion, "."))
	case u.listField:
		msg += fmt.Sprintf(" (%s is a list: constrain its elements with [...{%s: …}])", parent, u.path[len(u.path)-1])
	}
	return msg
}

// unknownFields returns every field path named in n that schema s does not
// have, sorted by path. A field that is missing is reported once, and
// nothing below it.
func unknownFields(n *pathNode, s *schemaNode) []unknownField {
	var out []unknownField
	walkFields(n, s, nil, &out)
	slices.SortFunc(out, func(a, b unknownField) int { return slices.Compare(a.path, b.path) })
	return slices.CompactFunc(out, func(a, b unknownField) bool { return slices.Equal(a.path, b.path) })
}

// walkFields checks n against s, where both sit at path at.
func walkFields(n *pathNode, s *schemaNode, at []string, out *[]unknownField) {
	if n == nil || n.all || s == nil || s.open {
		return
	}
	for _, name := range slices.Sorted(maps.Keys(n.fields)) {
		p := append(slices.Clip(at), name)
		c := s.child(name)
		if c == nil {
			u := unknownField{path: p}
			if alt := closestName(name, s.names); alt != "" {
				u.suggestion = append(slices.Clip(at), alt)
			} else if s.elem != nil && s.elem.child(name) != nil {
				u.listField = true
			}
			*out = append(*out, u)
			continue
		}
		walkFields(n.fields[name], c, p, out)
	}
	if n.pattern != nil {
		// A pattern on a value with no fields (a list or a scalar) is a
		// type error, not a misspelt name: CUE reports it.
		if c := s.anyKey(); c != nil {
			walkFields(n.pattern, c, append(slices.Clip(at), "*"), out)
		}
	}
}

// ClosestName returns the candidate nearest to name when it is close enough
// to be a likely misspelling, else "" (see closestName). Loaders of other CUE
// inputs use it for their "did you mean".
func ClosestName(name string, candidates []string) string { return closestName(name, candidates) }

// closestName returns the candidate nearest to name by edit distance
// (ignoring case), if it is close enough to be a likely misspelling: one
// edit for names of up to four characters, two for longer ones. It returns
// "" otherwise.
func closestName(name string, candidates []string) string {
	limit := 1
	if len([]rune(name)) > 4 {
		limit = 2
	}
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(name), strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance between a and b:
// insertions, deletions, substitutions and transpositions of adjacent
// characters each cost one.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}
