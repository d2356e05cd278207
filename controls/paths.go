package controls

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/literal"
	"cuelang.org/go/cue/parser"
	"cuelang.org/go/cue/token"
)

// pathNode is the part of a subject (below one path) that a control's CUE
// can observe. A nil *pathNode at the root means the whole subject.
type pathNode struct {
	// all means the whole subtree at this path matters.
	all bool
	// fields are the named children that matter; after normalize, each
	// already includes pattern.
	fields map[string]*pathNode
	// pattern applies to every key ([string]: … constraints).
	pattern *pathNode
	// anyKey is true when every pattern here is [string] or [_], so key
	// names cannot change the outcome.
	anyKey bool
	// anon is set by normalize when the node has only a key-agnostic
	// pattern with no pattern below it: projection then replaces keys by
	// placeholders and keeps each distinct projected value once.
	anon bool
	// names are the keys of fields, sorted, and children their nodes, in
	// the same order (set by normalize).
	names    []string
	children []*pathNode
	// kind means only the value's JSON kind is observed: the path is
	// constrained by a type alone (string, bool, _ …) in a control's when.
	// Projection then writes a stand-in of the same kind (a number as it
	// is), so subjects that differ only in such a value (a URL, a service
	// account's name) share one memo entry.
	kind bool
	// elem, when set, is what each element of a list at this path observes:
	// the path is constrained by an open list [...X], which a list
	// satisfies when each of its elements satisfies X. Such a node observes
	// nothing else (no fields and no pattern).
	elem *pathNode
}

var allNode = &pathNode{all: true}

// union returns a node that observes everything a or b observes.
func union(a, b *pathNode) *pathNode {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	case a.all || b.all:
		return allNode
	case a.kind:
		// Whatever else observes the path observes its kind too.
		return b
	case b.kind:
		return a
	case a.elem != nil || b.elem != nil:
		// Both a list's elements and a struct's fields observed (which
		// CUE would reject anyway): judge the whole value.
		if !listOrEmpty(a) || !listOrEmpty(b) {
			return allNode
		}
		elem := a.elem
		if b.elem != nil {
			elem = union(elem, b.elem)
		}
		return &pathNode{elem: elem}
	}
	out := &pathNode{
		pattern: union(a.pattern, b.pattern),
		anyKey:  (a.pattern == nil || a.anyKey) && (b.pattern == nil || b.anyKey),
		fields:  map[string]*pathNode{},
	}
	for k, v := range a.fields {
		out.fields[k] = v
	}
	for k, v := range b.fields {
		out.fields[k] = union(out.fields[k], v)
	}
	return out
}

// listOrEmpty reports whether n observes a list's elements or nothing but
// presence.
func listOrEmpty(n *pathNode) bool {
	return len(n.fields) == 0 && n.pattern == nil
}

// kindNode observes a value's kind alone.
var kindNode = &pathNode{kind: true}

// normalize folds each node's pattern into its named children and sorts
// names, so projection needs one lookup per key.
func normalize(n *pathNode) *pathNode {
	if n == nil || n.all || n.kind {
		return n
	}
	if n.elem != nil {
		return &pathNode{elem: normalize(n.elem)}
	}
	out := &pathNode{pattern: normalize(n.pattern), anyKey: n.anyKey, fields: make(map[string]*pathNode, len(n.fields))}
	for k, f := range n.fields {
		out.fields[k] = normalize(union(f, n.pattern))
	}
	out.names = slices.Sorted(maps.Keys(out.fields))
	out.children = make([]*pathNode, len(out.names))
	for i, k := range out.names {
		out.children[i] = out.fields[k]
	}
	out.anon = out.pattern != nil && out.anyKey && len(out.fields) == 0 && !hasPattern(out.pattern)
	return out
}

// hasPattern reports whether a pattern constraint sits at or below n.
func hasPattern(n *pathNode) bool {
	if n == nil || n.all {
		return false
	}
	if n.pattern != nil {
		return true
	}
	if n.elem != nil {
		return hasPattern(n.elem)
	}
	for _, f := range n.fields {
		if hasPattern(f) {
			return true
		}
	}
	return false
}

// String renders the node for tests and debugging, e.g. {env:{*:{secret:*}}}.
func (n *pathNode) String() string {
	switch {
	case n == nil:
		return "<subject>"
	case n.all:
		return "*"
	case n.kind:
		return "kind"
	case n.elem != nil:
		return "[..." + n.elem.String() + "]"
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(n.fields)) {
		parts = append(parts, k+":"+n.fields[k].String())
	}
	if n.pattern != nil {
		label := "[re]:"
		if n.anyKey {
			label = "[_]:"
		}
		parts = append(parts, label+n.pattern.String())
	}
	return "{" + strings.Join(parts, ",") + "}"
}

// predeclared are CUE identifiers that never refer to subject data.
var predeclared = map[string]bool{
	"_": true, "string": true, "bytes": true, "bool": true, "number": true, "int": true, "float": true,
	"null": true, "true": true, "false": true, "len": true, "close": true, "and": true, "or": true,
	"div": true, "mod": true, "quo": true, "rem": true, "rune": true, "uint": true,
	"int8": true, "int16": true, "int32": true, "int64": true, "int128": true,
	"uint8": true, "uint16": true, "uint32": true, "uint64": true, "uint128": true,
	"float32": true, "float64": true, "matchN": true, "matchIf": true,
}

// analyser computes the observable paths of one CUE snippet by syntax alone.
type analyser struct {
	imports map[string]bool
	// defs are top-level definitions and hidden fields: not subject data.
	defs map[string]ast.Expr
	// pure caches whether a definition reads only constants.
	pure map[string]bool
	// whole is set when something cannot be analysed: the control then sees
	// the whole subject.
	whole bool
	// top are the labels the snippet declares at its top level, which a
	// top-level reference can name.
	top map[string]bool
	// kinds lets a path constrained by a type alone observe only the
	// value's kind (see pathNode.kind). Only a when is analysed so: it
	// gives no reasons, while a check's reasons may quote the values it
	// judges.
	kinds bool
}

// observedPaths returns the paths of a subject that src can observe, or nil
// for the whole subject; kinds is as for analyser.kinds.
func observedPaths(src string, kinds bool) (*pathNode, error) {
	n, complete, err := analysePaths(src, kinds)
	if err != nil || !complete {
		return nil, err
	}
	return n, nil
}

// namedPaths returns the subject paths src names by field labels, whether or
// not it can be fully analysed: complete is false when some part (a
// comprehension, a reference to subject data, an alias …) lets src observe
// more than the returned paths. Parts that cannot be analysed contribute no
// paths; every path returned is named literally in src.
func namedPaths(src string) (n *pathNode, complete bool, err error) {
	return analysePaths(src, false)
}

// analysePaths is namedPaths, with kinds as for analyser.kinds.
func analysePaths(src string, kinds bool) (n *pathNode, complete bool, err error) {
	f, err := parser.ParseFile("snippet.cue", src)
	if err != nil {
		return nil, false, fmt.Errorf("parse CUE: %w", err)
	}
	a := &analyser{imports: map[string]bool{}, defs: map[string]ast.Expr{}, pure: map[string]bool{}, kinds: kinds}
	for spec := range f.ImportSpecs() {
		name := ""
		if spec.Name != nil {
			name = spec.Name.Name
		} else if p, err := literal.Unquote(spec.Path.Value); err == nil {
			name = path.Base(strings.SplitN(p, ":", 2)[0])
		}
		a.imports[name] = true
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.Field); ok {
			if id, ok := fd.Label.(*ast.Ident); ok && isNonData(id.Name) {
				a.defs[id.Name] = fd.Value
			}
		}
	}
	a.top = topLabels(f.Decls)
	return normalize(a.decls(f.Decls, map[string]bool{})), !a.whole, nil
}

// topLabels are the labels declared at the top level of a snippet,
// including inside top-level comprehensions.
func topLabels(decls []ast.Decl) map[string]bool {
	out := map[string]bool{}
	for _, d := range decls {
		switch d := d.(type) {
		case *ast.Field:
			if name, _, err := ast.LabelName(d.Label); err == nil {
				out[name] = true
			}
		case *ast.Comprehension:
			if body, ok := d.Value.(*ast.StructLit); ok {
				for name := range topLabels(body.Elts) {
					out[name] = true
				}
			}
		}
	}
	return out
}

// isNonData reports whether a label names a definition or hidden field.
func isNonData(name string) bool {
	return strings.HasPrefix(name, "#") || strings.HasPrefix(name, "_")
}

// decls analyses the declarations of a struct (or of the file). At the top
// level of the file (top is non-nil: the names of the let clauses and
// comprehension variables in scope), let clauses and comprehensions are
// analysed too: a snippet is compiled on its own, so a top-level reference
// names a field the snippet declares, and observes the subject below that
// field's path; a comprehension's body declares fields like the file does.
// Elsewhere they, and any reference, make the whole subject observable.
func (a *analyser) decls(elts []ast.Decl, top map[string]bool) *pathNode {
	n := &pathNode{fields: map[string]*pathNode{}}
	if top != nil {
		top = maps.Clone(top)
		for _, d := range elts {
			if l, ok := d.(*ast.LetClause); ok {
				top[l.Ident.Name] = true
			}
		}
	}
	for _, d := range elts {
		switch d := d.(type) {
		case *ast.Field:
			if d.Alias != nil {
				a.whole = true
				continue
			}
			switch l := d.Label.(type) {
			case *ast.Ident:
				if isNonData(l.Name) {
					continue
				}
				n.fields[l.Name] = union(n.fields[l.Name], a.expr(d.Value))
			case *ast.BasicLit:
				name, err := literal.Unquote(l.Value)
				if err != nil || l.Kind != token.STRING {
					a.whole = true
					continue
				}
				n.fields[name] = union(n.fields[name], a.expr(d.Value))
			case *ast.ListLit:
				for _, e := range l.Elts {
					a.refs(e)
				}
				agnostic := len(l.Elts) == 1 && isAnyLabel(l.Elts[0])
				n.anyKey = (n.pattern == nil || n.anyKey) && agnostic
				n.pattern = union(n.pattern, a.expr(d.Value))
			default:
				a.whole = true
			}
		case *ast.EmbedDecl:
			n = union(n, a.expr(d.Expr))
		case *ast.Ellipsis:
			if d.Type != nil {
				n.anyKey = false
				n.pattern = union(n.pattern, a.expr(d.Type))
			}
		case *ast.LetClause:
			if top == nil {
				a.whole = true
				continue
			}
			n = union(n, a.topRefs(d.Expr, top))
		case *ast.Comprehension:
			body, ok := d.Value.(*ast.StructLit)
			if top == nil || !ok {
				a.whole = true
				continue
			}
			scope, paths := a.clauses(d.Clauses, top)
			n = union(union(n, paths), a.decls(body.Elts, scope))
		case *ast.ImportDecl, *ast.Package, *ast.Attribute, *ast.CommentGroup:
		default:
			// Anything unforeseen.
			a.whole = true
		}
	}
	return n
}

// clauses analyses the clauses of a top-level comprehension, returning the
// scope its body sees (with the variables and let names the clauses bind)
// and the paths the clauses observe.
func (a *analyser) clauses(cs []ast.Clause, scope map[string]bool) (map[string]bool, *pathNode) {
	scope = maps.Clone(scope)
	var n *pathNode
	for _, c := range cs {
		switch c := c.(type) {
		case *ast.ForClause:
			n = union(n, a.topRefs(c.Source, scope))
			if c.Key != nil {
				scope[c.Key.Name] = true
			}
			if c.Value != nil {
				scope[c.Value.Name] = true
			}
		case *ast.IfClause:
			n = union(n, a.topRefs(c.Condition, scope))
		case *ast.LetClause:
			n = union(n, a.topRefs(c.Expr, scope))
			scope[c.Ident.Name] = true
		default:
			a.whole = true
		}
	}
	return scope, n
}

// topRefs returns the subject paths a top-level expression observes: for
// each reference to a top-level field, the path it selects (linked.gateway
// observes everything below linked.gateway). Names in scope (let clauses,
// comprehension variables) hold values computed from such references, which
// are analysed where they are bound. A reference to anything else, an alias
// or a construct not foreseen makes the whole subject observable.
func (a *analyser) topRefs(e ast.Node, scope map[string]bool) *pathNode {
	var n *pathNode
	ast.Walk(e, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.SelectorExpr:
			base, path := selectorPath(x)
			if base == nil {
				return true
			}
			n = union(n, a.topRef(base.Name, path, scope))
			return false
		case *ast.Ident:
			n = union(n, a.topRef(x.Name, nil, scope))
		case *ast.Comprehension:
			inner, paths := a.clauses(x.Clauses, scope)
			n = union(union(n, paths), a.topRefs(x.Value, inner))
			return false
		case *ast.Field:
			if x.Alias != nil {
				a.whole = true
				return false
			}
			switch x.Label.(type) {
			case *ast.Ident, *ast.BasicLit:
			default:
				n = union(n, a.topRefs(x.Label, scope))
			}
			n = union(n, a.topRefs(x.Value, scope))
			return false
		case *ast.LetClause, *ast.Alias:
			a.whole = true
			return false
		}
		return true
	}, nil)
	return n
}

// topRef is the subject path a top-level reference to name, followed by
// the selectors in path, observes.
func (a *analyser) topRef(name string, path []string, scope map[string]bool) *pathNode {
	switch {
	case scope[name], predeclared[name], a.imports[name], a.isPureDef(name):
		return nil
	case !a.top[name] || isNonData(name):
		a.whole = true
		return nil
	}
	n := allNode
	for i := len(path) - 1; i >= 0; i-- {
		n = &pathNode{fields: map[string]*pathNode{path[i]: n}}
	}
	return &pathNode{fields: map[string]*pathNode{name: n}}
}

// selectorPath splits a chain of selectors (a.b.c) into its base identifier
// and the labels selected; base is nil when the chain does not start with
// an identifier or selects something other than a plain label.
func selectorPath(x *ast.SelectorExpr) (*ast.Ident, []string) {
	var path []string
	var e ast.Expr = x
	for {
		switch s := e.(type) {
		case *ast.SelectorExpr:
			name, _, err := ast.LabelName(s.Sel)
			if err != nil {
				return nil, nil
			}
			path = append([]string{name}, path...)
			e = s.X
		case *ast.Ident:
			return s, path
		default:
			return nil, nil
		}
	}
}

// isAnyLabel reports whether a pattern label matches every key by type
// alone ([string] or [_]).
func isAnyLabel(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && (id.Name == "string" || id.Name == "_")
}

// expr analyses the value constraining one path.
func (a *analyser) expr(e ast.Expr) *pathNode {
	switch x := e.(type) {
	case *ast.StructLit:
		return a.decls(x.Elts, nil)
	case *ast.ParenExpr:
		return a.expr(x.X)
	case *ast.BinaryExpr:
		if x.Op == token.AND || x.Op == token.OR {
			return union(a.expr(x.X), a.expr(x.Y))
		}
	case *ast.UnaryExpr:
		if x.Op == token.MUL { // default marker
			return a.expr(x.X)
		}
	case *ast.ListLit:
		return a.list(x)
	case *ast.Ident:
		if a.kinds && kindTypes[x.Name] && !a.top[x.Name] {
			return kindNode
		}
	}
	// Anything else (a type, a bound, a list, a call, a definition) judges
	// the whole value at this path.
	a.refs(e)
	return allNode
}

// kindTypes are the types whose constraint a value meets or not by its
// JSON kind alone (a bounded type such as uint8 also judges the value).
var kindTypes = map[string]bool{"_": true, "string": true, "bytes": true, "bool": true, "number": true, "int": true, "float": true}

// list analyses a list literal: [X, Y], [X, ...Z] or [...Z]. Projection
// keeps a list's length and order, so each element need only be observed
// through what any element constraint observes. An empty closed list ([])
// in a when observes only how many elements there are.
func (a *analyser) list(x *ast.ListLit) *pathNode {
	var elem *pathNode
	for _, e := range x.Elts {
		var n *pathNode
		if el, ok := e.(*ast.Ellipsis); ok {
			if el.Type == nil {
				n = a.expr(ast.NewIdent("_"))
			} else {
				n = a.expr(el.Type)
			}
		} else {
			n = a.expr(e)
		}
		elem = union(elem, n)
	}
	if elem == nil {
		if !a.kinds {
			return allNode
		}
		elem = kindNode
	}
	return &pathNode{elem: elem}
}

// refs escalates to the whole subject when e refers to anything but
// constants, imported packages and pure definitions.
func (a *analyser) refs(e ast.Node) {
	ast.Walk(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			a.refs(n.X)
			return false
		case *ast.Field:
			if n.Alias != nil {
				a.whole = true
			}
			switch n.Label.(type) {
			case *ast.Ident, *ast.BasicLit:
			default:
				a.refs(n.Label)
			}
			a.refs(n.Value)
			return false
		case *ast.Ident:
			a.ident(n.Name)
		case *ast.Comprehension, *ast.LetClause, *ast.Alias:
			a.whole = true
			return false
		}
		return true
	}, nil)
}

// ident checks one referenced identifier.
func (a *analyser) ident(name string) {
	if predeclared[name] || a.imports[name] {
		return
	}
	if a.isPureDef(name) {
		return
	}
	a.whole = true
}

// isPureDef reports whether name is a top-level definition (or hidden field)
// whose value refers to nothing in the subject.
func (a *analyser) isPureDef(name string) bool {
	body, ok := a.defs[name]
	if !ok {
		return false
	}
	if p, seen := a.pure[name]; seen {
		return p
	}
	a.pure[name] = true // assume pure while checking recursive definitions
	sub := &analyser{imports: a.imports, defs: a.defs, pure: a.pure}
	sub.refs(body)
	a.pure[name] = !sub.whole
	return !sub.whole
}
