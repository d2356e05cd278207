package controls

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"text/template/parse"

	"github.com/tollgate-dev/tollgate/evidence"
)

// directTemplate renders a parsed message or credit template straight from
// the subject map, without the reflection text/template executes with. It
// knows the actions catalogs write: text; fields of maps (.a.b), $ and
// other variables; if, with and range (with else, break and continue); and
// the functions eq and ne (of two arguments), not, and, or, print, printf,
// join and location. A template using anything else gets no directTemplate
// (newDirectTemplate returns nil), and execute gives up (returns false)
// wherever text/template would fail or take a turn it does not follow, such
// as a field of a value that is not a map: the caller then executes the
// template with text/template, so both always write the same text.
type directTemplate struct {
	root *parse.ListNode
	// strings holds the template's string constants as values, made once.
	strings map[*parse.StringNode]any
}

// newDirectTemplate returns t's directTemplate, or nil when t uses an
// action directTemplate does not render.
func newDirectTemplate(t *template.Template) *directTemplate {
	if t == nil || t.Tree == nil || len(t.Templates()) > 1 {
		return nil
	}
	d := &directTemplate{root: t.Tree.Root, strings: map[*parse.StringNode]any{}}
	if !d.list(t.Tree.Root) {
		return nil
	}
	return d
}

// directFuncs are the functions directTemplate calls, with how many
// arguments each takes (-1: any number, at least one).
var directFuncs = map[string]int{
	"eq": 2, "ne": 2, "not": 1, "and": -1, "or": -1,
	"print": -1, "printf": -1, "join": 1, "location": 1,
}

// list reports whether d renders every node of l.
func (d *directTemplate) list(l *parse.ListNode) bool {
	if l == nil {
		return true
	}
	for _, n := range l.Nodes {
		if !d.node(n) {
			return false
		}
	}
	return true
}

// node reports whether d renders n.
func (d *directTemplate) node(n parse.Node) bool {
	switch n := n.(type) {
	case *parse.TextNode, *parse.BreakNode, *parse.ContinueNode:
		return true
	case *parse.ActionNode:
		return d.pipe(n.Pipe, true)
	case *parse.IfNode:
		return d.pipe(n.Pipe, true) && d.list(n.List) && d.list(n.ElseList)
	case *parse.WithNode:
		return d.pipe(n.Pipe, true) && d.list(n.List) && d.list(n.ElseList)
	case *parse.RangeNode:
		if n.Pipe.IsAssign {
			return false
		}
		return d.pipe(n.Pipe, true) && d.list(n.List) && d.list(n.ElseList)
	}
	return false
}

// pipe reports whether d evaluates p: one command, declaring or assigning
// variables only where decl allows it.
func (d *directTemplate) pipe(p *parse.PipeNode, decl bool) bool {
	if p == nil || len(p.Cmds) != 1 || !decl && len(p.Decl) > 0 {
		return false
	}
	args := p.Cmds[0].Args
	switch first := args[0].(type) {
	case *parse.IdentifierNode:
		want, ok := directFuncs[first.Ident]
		if !ok || want >= 0 && len(args)-1 != want || len(args) < 2 {
			return false
		}
		if first.Ident == "printf" {
			if _, ok := args[1].(*parse.StringNode); !ok {
				return false
			}
		}
		for _, a := range args[1:] {
			if !d.operand(a) {
				return false
			}
		}
		return true
	}
	return len(args) == 1 && d.operand(args[0])
}

// operand reports whether d evaluates n as an operand.
func (d *directTemplate) operand(n parse.Node) bool {
	switch n := n.(type) {
	case *parse.StringNode:
		d.strings[n] = n.Text
		return true
	case *parse.FieldNode, *parse.VariableNode, *parse.DotNode, *parse.BoolNode:
		return true
	case *parse.PipeNode:
		return d.pipe(n, false)
	}
	return false
}

// noValue is what text/template calls an invalid value: a key a map does
// not have, or a JSON null taken out of its map. It prints "<no value>".
type noValue struct{}

// renderExtras are the fields a message template sees besides the
// subject's own (see Plan.Message), made when first looked up.
type renderExtras struct {
	subject map[string]any
	reasons []Reason
	control string
	// prov is the subject's provenance, once read (provRead).
	prov     evidence.Provenance
	provRead bool
}

// directExec is the state of one execution of a directTemplate.
type directExec struct {
	t   *directTemplate
	out []byte
	// vars are the variables in scope, innermost last; $ is the first.
	vars []directVar
	// root is the subject, whose fields are overlaid by extras.
	root   map[string]any
	extras renderExtras
}

// execs holds directExecs between executions, with their buffers.
var execs = sync.Pool{New: func() any { return new(directExec) }}

// directVar is a template variable.
type directVar struct {
	name  string
	value any
}

// flow is how the walk of a list ended.
type flow uint8

const (
	flowNext flow = iota
	flowBreak
	flowContinue
	flowGiveUp
)

// execute renders the template over subject with extras, as Plan.Message
// describes (without "<no value>"), reporting false where text/template
// must decide.
func (t *directTemplate) execute(subject map[string]any, extras renderExtras) (string, bool) {
	x := execs.Get().(*directExec)
	defer func() {
		x.pop(0)
		x.t, x.root, x.extras = nil, nil, renderExtras{}
		execs.Put(x)
	}()
	x.t, x.out, x.root, x.extras = t, x.out[:0], subject, extras
	x.vars = append(x.vars, directVar{"$", subject})
	if x.walk(subject, t.root) != flowNext {
		return "", false
	}
	if !bytes.Contains(x.out, []byte(noValueText)) {
		return string(x.out), true
	}
	return strings.ReplaceAll(string(x.out), noValueText, ""), true
}

// walk renders the nodes of l with dot.
func (x *directExec) walk(dot any, l *parse.ListNode) flow {
	if l == nil {
		return flowNext
	}
	for _, n := range l.Nodes {
		var f flow
		switch n := n.(type) {
		case *parse.TextNode:
			x.out = append(x.out, n.Text...)
		case *parse.ActionNode:
			v, ok := x.pipe(dot, n.Pipe)
			if !ok {
				return flowGiveUp
			}
			if len(n.Pipe.Decl) == 0 && !x.print(v) {
				return flowGiveUp
			}
		case *parse.IfNode:
			f = x.branch(dot, n.Pipe, n.List, n.ElseList, false)
		case *parse.WithNode:
			f = x.branch(dot, n.Pipe, n.List, n.ElseList, true)
		case *parse.RangeNode:
			f = x.rangeOver(dot, n)
		case *parse.BreakNode:
			return flowBreak
		case *parse.ContinueNode:
			return flowContinue
		default:
			return flowGiveUp
		}
		if f != flowNext {
			return f
		}
	}
	return flowNext
}

// branch renders an if (or, with with, a with): list when the pipeline's
// value is true, with that value as dot for a with, else elseList.
func (x *directExec) branch(dot any, p *parse.PipeNode, list, elseList *parse.ListNode, with bool) flow {
	defer x.pop(len(x.vars))
	v, ok := x.pipe(dot, p)
	if !ok {
		return flowGiveUp
	}
	t, ok := x.truth(v)
	switch {
	case !ok:
		return flowGiveUp
	case t && with:
		return x.walk(v, list)
	case t:
		return x.walk(dot, list)
	}
	return x.walk(dot, elseList)
}

// rangeOver renders a range over a list, or a map other than the subject
// (in key order); over no value it renders the else list.
func (x *directExec) rangeOver(dot any, r *parse.RangeNode) flow {
	defer x.pop(len(x.vars))
	v, ok := x.pipe(dot, r.Pipe)
	if !ok {
		return flowGiveUp
	}
	mark := len(x.vars)
	iterate := func(index, elem any) flow {
		defer x.pop(mark)
		if len(r.Pipe.Decl) > 0 {
			x.vars[mark-1].value = elem
		}
		if len(r.Pipe.Decl) > 1 {
			x.vars[mark-2].value = index
		}
		return x.walk(elem, r.List)
	}
	ran := false
	switch v := v.(type) {
	case noValue:
	case []any:
		for i, e := range v {
			ran = true
			if f := iterate(i, e); f == flowBreak {
				break
			} else if f == flowGiveUp {
				return f
			}
		}
	case map[string]any:
		if x.isRoot(v) {
			return flowGiveUp
		}
		for _, k := range slices.Sorted(maps.Keys(v)) {
			ran = true
			if f := iterate(k, v[k]); f == flowBreak {
				break
			} else if f == flowGiveUp {
				return f
			}
		}
	default:
		return flowGiveUp
	}
	if ran {
		return flowNext
	}
	return x.walk(dot, r.ElseList)
}

// pop drops the variables declared since there were mark.
func (x *directExec) pop(mark int) {
	clear(x.vars[mark:])
	x.vars = x.vars[:mark]
}

// pipe evaluates a pipeline's one command and declares or assigns its
// variables. As in text/template, a JSON null taken out of a map becomes
// no value.
func (x *directExec) pipe(dot any, p *parse.PipeNode) (any, bool) {
	v, ok := x.command(dot, p.Cmds[0])
	if !ok {
		return nil, false
	}
	if v == nil {
		v = noValue{}
	}
	for _, d := range p.Decl {
		if !p.IsAssign {
			x.vars = append(x.vars, directVar{d.Ident[0], v})
			continue
		}
		i := x.variable(d.Ident[0])
		if i < 0 {
			return nil, false
		}
		x.vars[i].value = v
	}
	return v, true
}

// variable returns the index of the innermost variable called name, or -1.
func (x *directExec) variable(name string) int {
	for i := len(x.vars) - 1; i >= 0; i-- {
		if x.vars[i].name == name {
			return i
		}
	}
	return -1
}

// command evaluates a command: a function call or an operand.
func (x *directExec) command(dot any, c *parse.CommandNode) (any, bool) {
	if fn, ok := c.Args[0].(*parse.IdentifierNode); ok {
		return x.call(dot, fn.Ident, c.Args[1:])
	}
	return x.operand(dot, c.Args[0])
}

// operand evaluates a field chain, a variable (with its fields), dot, a
// constant or a parenthesized pipeline. A JSON null it reaches stays nil
// (a pipeline makes it no value).
func (x *directExec) operand(dot any, n parse.Node) (any, bool) {
	switch n := n.(type) {
	case *parse.FieldNode:
		return x.fields(dot, n.Ident)
	case *parse.VariableNode:
		i := x.variable(n.Ident[0])
		if i < 0 {
			return nil, false
		}
		return x.fields(x.vars[i].value, n.Ident[1:])
	case *parse.DotNode:
		return dot, true
	case *parse.StringNode:
		return x.t.strings[n], true
	case *parse.BoolNode:
		return n.True, true
	case *parse.PipeNode:
		return x.pipe(dot, n)
	}
	return nil, false
}

// fields follows a chain of field names from v through maps. Past a
// missing key there is no value; a field of anything but a map, or of a
// JSON null, is an error in text/template, so execution gives up.
func (x *directExec) fields(v any, names []string) (any, bool) {
	for _, name := range names {
		switch m := v.(type) {
		case noValue:
		case map[string]any:
			var ok bool
			if v, ok = x.lookup(m, name); !ok {
				v = noValue{}
			}
		default:
			return nil, false
		}
	}
	return v, true
}

// lookup reads key from m, or from the extras for the subject.
func (x *directExec) lookup(m map[string]any, key string) (any, bool) {
	if x.isRoot(m) {
		if v, ok := x.extras.field(key); ok {
			return v, true
		}
	}
	v, ok := m[key]
	return v, ok
}

// isRoot reports whether m is the subject map itself.
func (x *directExec) isRoot(m map[string]any) bool {
	return reflect.ValueOf(m).UnsafePointer() == reflect.ValueOf(x.root).UnsafePointer()
}

// field returns the extra field called key, if there is one.
func (e *renderExtras) field(key string) (any, bool) {
	switch key {
	case "location", "file", "line":
		if !e.provRead {
			e.prov, e.provRead = provenanceOf(e.subject), true
		}
		switch key {
		case "location":
			return e.prov.Location(), true
		case "file":
			return e.prov.File, true
		}
		return e.prov.Line, true
	case "failing":
		return failing(e.reasons), true
	case "control":
		return e.control, true
	}
	return nil, false
}

// call calls a function of directFuncs with its arguments.
func (x *directExec) call(dot any, name string, args []parse.Node) (any, bool) {
	switch name {
	case "and", "or":
		// They stop at the first false (and) or true (or) argument.
		var v any
		for _, a := range args {
			var ok bool
			if v, ok = x.operand(dot, a); !ok {
				return nil, false
			}
			t, ok := x.truth(v)
			if !ok {
				return nil, false
			}
			if t == (name == "or") {
				break
			}
		}
		return v, true
	}
	vals := make([]any, 0, 4)
	for _, a := range args {
		v, ok := x.operand(dot, a)
		if !ok {
			return nil, false
		}
		vals = append(vals, v)
	}
	switch name {
	case "eq", "ne":
		eq, ok := equal(vals[0], vals[1])
		return eq == (name == "eq"), ok
	case "not":
		t, ok := x.truth(vals[0])
		return !t, ok
	case "location":
		m, _ := vals[0].(map[string]any)
		return provenanceOf(m).Location(), true
	}
	// The rest print their arguments: the subject itself, which would
	// print without its extras, is left to text/template.
	for i, v := range vals {
		switch v := v.(type) {
		case noValue:
			vals[i] = nil
		case map[string]any:
			if x.isRoot(v) {
				return nil, false
			}
		}
	}
	switch name {
	case "join":
		return join(vals[0]), true
	case "print":
		return fmt.Sprint(vals...), true
	case "printf":
		return fmt.Sprintf(vals[0].(string), vals[1:]...), true
	}
	return nil, false
}

// print writes a pipeline's value as text/template prints it.
func (x *directExec) print(v any) bool {
	switch v := v.(type) {
	case noValue:
		x.out = append(x.out, noValueText...)
	case string:
		x.out = append(x.out, v...)
	case json.Number:
		x.out = append(x.out, v...)
	case bool:
		x.out = strconv.AppendBool(x.out, v)
	case int:
		x.out = strconv.AppendInt(x.out, int64(v), 10)
	case map[string]any:
		if x.isRoot(v) {
			return false
		}
		x.out = fmt.Append(x.out, v)
	case []any:
		x.out = fmt.Append(x.out, v)
	default:
		return false
	}
	return true
}

// truth is truth for a value of this execution: the subject, which
// text/template sees with its extras, is never empty.
func (x *directExec) truth(v any) (t, ok bool) {
	if m, isMap := v.(map[string]any); isMap && x.isRoot(m) {
		return true, true
	}
	return truth(v)
}

// truth is text/template's truth of a value: not empty, false or zero. ok
// is false for a value it is not decided here for.
func truth(v any) (t, ok bool) {
	switch v := v.(type) {
	case nil, noValue:
		return false, true
	case string:
		return v != "", true
	case json.Number:
		return v != "", true
	case bool:
		return v, true
	case int:
		return v != 0, true
	case map[string]any:
		return len(v) > 0, true
	case []any:
		return len(v) > 0, true
	}
	return false, false
}

// equal is text/template's eq of two values: strings (json.Number is one)
// and booleans compare by value, and no value (or null) equals nothing of
// another kind. ok is false where eq would fail or compare otherwise.
func equal(a, b any) (eq, ok bool) {
	ka, kb := comparisonOf(a), comparisonOf(b)
	switch {
	case ka == kindOther || kb == kindOther:
		return false, false
	case ka != kb:
		return false, ka == kindNone || kb == kindNone
	case ka == kindString:
		return stringOf(a) == stringOf(b), true
	case ka == kindBool:
		return a.(bool) == b.(bool), true
	case ka == kindInt:
		return a.(int) == b.(int), true
	}
	return false, false // no value against no value
}

// comparisonKind is the kind of value eq compares.
type comparisonKind uint8

const (
	kindNone comparisonKind = iota
	kindString
	kindBool
	kindInt
	kindOther
)

// comparisonOf returns the kind of v for eq.
func comparisonOf(v any) comparisonKind {
	switch v.(type) {
	case nil, noValue:
		return kindNone
	case string, json.Number:
		return kindString
	case bool:
		return kindBool
	case int:
		return kindInt
	}
	return kindOther
}

// stringOf returns a string or json.Number's text.
func stringOf(v any) string {
	if n, ok := v.(json.Number); ok {
		return string(n)
	}
	return v.(string)
}
