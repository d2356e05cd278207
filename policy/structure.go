package policy

import (
	"fmt"
	"slices"
	"strings"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"
	cueerrors "cuelang.org/go/cue/errors"
	"cuelang.org/go/cue/format"

	"github.com/tollgate-dev/tollgate/evidence"
)

// subjectShapes extends the evidence schema with the subjects controls see:
// each kind's definition plus the fields the engine adds before evaluation
// (the linked subjects and, with a policy, the policy's facts).
const subjectShapes = `
#PolicySubject: {
	server:   {#Server, linked?: _, policy?: #PolicyFacts}
	gateway:  {#Gateway, linked?: _, policy?: #PolicyFacts}
	workload: {#Workload, linked?: _, policy?: #PolicyFacts}
}
`

// shapes is the evidence schema compiled for checking requirements'
// structure, with the context it was compiled in.
type shapes struct {
	ctx  *cue.Context
	defs cue.Value
}

// newShapes compiles the evidence schema and the subject shapes. A
// cue.Context is not safe for concurrent use, so each policy load compiles
// its own.
func newShapes() (*shapes, error) {
	ctx := cuecontext.New()
	v := ctx.CompileString(evidence.SchemaCUE+subjectShapes, cue.Filename("evidence/schema.cue"))
	if err := v.Err(); err != nil {
		return nil, fmt.Errorf("compile evidence schema: %w", err)
	}
	return &shapes{ctx: ctx, defs: v.LookupPath(cue.MakePath(cue.Def("#PolicySubject")))}, nil
}

// conflicts lists, for a requirement's when or check (CUE source), every
// value it demands that no subject of kind can have under the evidence
// schema: a check that every subject in scope must fail, or a when that
// selects nothing. Constraints on every element of a list ([...{…}]) are
// checked against the schema's element. Fields the schema does not have are
// left to the field check; values that are merely not concrete are not
// conflicts.
func (s *shapes) conflicts(kind, part, src string) []string {
	def := s.defs.LookupPath(cue.MakePath(cue.Str(kind)))
	if !def.Exists() {
		return nil
	}
	snippet := s.ctx.CompileString(src, cue.Filename(part))
	if snippet.Err() != nil {
		return nil // compile problems are reported by the field check
	}
	w := &conflictWalk{kind: kind, seen: map[string]bool{}}
	w.walk(def, snippet, nil, 0)
	slices.Sort(w.out)
	return w.out
}

// maxStructureDepth bounds how deep conflicts looks for list constraints.
const maxStructureDepth = 16

// conflictWalk collects the conflicts of one snippet.
type conflictWalk struct {
	kind string
	seen map[string]bool
	out  []string
}

// walk unifies snippet with def (the schema at path) and records the
// conflicts, then looks for constraints on list elements, which
// unification leaves unchecked until a list has elements, and checks each
// against the schema's element the same way.
func (w *conflictWalk) walk(def, snippet cue.Value, path []string, depth int) {
	err := def.Unify(snippet).Validate()
	if err == nil {
		w.lists(def, snippet, path, depth)
		return
	}
	base := unquote(trimShape(selectors(def), w.kind))
	for _, e := range cueerrors.Errors(err) {
		if notAllowed(e) {
			continue
		}
		rel := unquote(trimShape(e.Path(), w.kind))
		if len(rel) >= len(base) && slices.Equal(rel[:len(base)], base) {
			rel = rel[len(base):]
		}
		at := append(slices.Clone(path), rel...)
		key := strings.Join(at, ".")
		if w.seen[key] {
			continue
		}
		w.seen[key] = true
		w.out = append(w.out, describeConflict(def, snippet, w.kind, rel, at, e))
	}
	w.lists(def, snippet, path, depth)
}

// lists walks the element constraints of the lists below snippet.
func (w *conflictWalk) lists(def, snippet cue.Value, path []string, depth int) {
	if depth > maxStructureDepth {
		return
	}
	if elem, ok := element(snippet); ok {
		if defElem, ok := element(def); ok {
			w.walk(defElem, elem, append(slices.Clone(path), "[]"), depth+1)
		}
		return
	}
	it, err := snippet.Fields()
	if err != nil {
		return
	}
	for it.Next() {
		if sub := fieldOf(def, it.Selector().Unquoted()); sub.Exists() {
			w.lists(sub, it.Value(), append(slices.Clone(path), it.Selector().Unquoted()), depth+1)
		}
	}
}

// selectors returns the path of v from the root it was compiled in, as
// error paths write it (a list's elements are "_").
func selectors(v cue.Value) []string {
	var out []string
	for _, s := range v.Path().Selectors() {
		out = append(out, strings.Trim(s.String(), "[]"))
	}
	return out
}

// element returns the constraint on every element of a list value.
func element(v cue.Value) (cue.Value, bool) {
	if v.IncompleteKind() != cue.ListKind {
		return cue.Value{}, false
	}
	e := v.LookupPath(cue.MakePath(cue.AnyIndex))
	return e, e.Exists()
}

// fieldOf returns the schema of field name in def: a field it names,
// required or optional, or its pattern for other names.
func fieldOf(def cue.Value, name string) cue.Value {
	for _, sel := range []cue.Selector{cue.Str(name), cue.Str(name).Optional(), cue.AnyString} {
		if v := def.LookupPath(cue.MakePath(sel)); v.Exists() {
			return v
		}
	}
	return cue.Value{}
}

// trimShape drops the selectors of #PolicySubject that error paths start
// with.
func trimShape(path []string, kind string) []string {
	if len(path) > 0 && path[0] == "#PolicySubject" {
		path = path[1:]
	}
	if len(path) > 0 && path[0] == kind {
		path = path[1:]
	}
	return path
}

// notAllowed reports whether e is about a field the schema does not have:
// the field check reports those with a suggestion.
func notAllowed(e cueerrors.Error) bool {
	format, _ := e.Msg()
	return strings.Contains(format, "not allowed")
}

// describeConflict words one conflict at path (rel below the walked
// value): what the requirement asks there and, when the schema's value is
// short enough to quote, what subjects can have; else CUE's message.
func describeConflict(def, snippet cue.Value, kind string, rel, path []string, e cueerrors.Error) string {
	at := strings.ReplaceAll(strings.Join(path, "."), ".[]", "[]")
	if at == "" {
		at = "the " + kind
	}
	asked := renderConstraint(lookup(snippet, rel))
	allowed := renderConstraint(lookup(def, rel))
	if asked != "" && allowed != "" {
		return fmt.Sprintf("%s: %s, but on %s subjects it is %s", at, asked, kind, allowed)
	}
	format, args := e.Msg()
	return fmt.Sprintf("%s: %s", at, fmt.Sprintf(format, args...))
}

// lookup follows rel from v through fields, optional fields and indexes.
func lookup(v cue.Value, rel []string) cue.Value {
	for _, name := range rel {
		if isIndex(name) {
			v = v.LookupPath(cue.ParsePath(name))
			continue
		}
		v = fieldOf(v, name)
		if !v.Exists() {
			return v
		}
	}
	return v
}

func isIndex(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// maxRendered is the longest value a conflict quotes.
const maxRendered = 160

// renderConstraint formats a scalar constraint (a type, a value, a disjunction of
// values) on one line, or returns "" for a struct, a list or anything too
// long to quote.
func renderConstraint(v cue.Value) string {
	if !v.Exists() {
		return ""
	}
	if k := v.IncompleteKind(); k&(cue.StructKind|cue.ListKind) != 0 {
		return ""
	}
	b, err := format.Node(v.Syntax(cue.Raw()))
	if err != nil {
		return ""
	}
	out := strings.Join(strings.Fields(string(b)), " ")
	if out == "" || len(out) > maxRendered || strings.Contains(out, "_|_") {
		return ""
	}
	return out
}
