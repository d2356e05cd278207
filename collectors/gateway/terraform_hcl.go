package gateway

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/zclconf/go-cty/cty"
)

// tfModule is the Terraform files of one folder (one module), read
// statically: no provider runs and nothing is evaluated beyond literals,
// variable defaults, locals that reduce to literals, and jsonencode and
// yamlencode of literal structures. Whatever Terraform would compute (a
// variable without a default, a resource attribute, a function of those)
// stays templated: "${var.github_token}", never guessed.
type tfModule struct {
	dir       string
	variables map[string]tfExpr
	locals    map[string]tfExpr
	resources []*tfResource
	data      []*tfResource
	// owner is the file each converted scalar was written in, so a secret
	// found in it is removed from that file's stored copy.
	owner map[*postree.Node]*files.File
	// resolving guards against locals that refer to each other.
	resolving map[string]bool
}

// tfExpr is an expression with the file it was written in.
type tfExpr struct {
	expr hclsyntax.Expression
	file *files.File
}

// tfResource is a resource or data block, its body converted to a tree.
type tfResource struct {
	typ, name string
	file      *files.File
	block     *hclsyntax.Block
	body      *postree.Node
}

// parseTerraform parses a file of the native syntax; nil and the first
// error (with its line) when it does not parse.
func parseTerraform(f *files.File) (*hclsyntax.Body, *postree.SyntaxError) {
	file, diags := hclsyntax.ParseConfig(f.Data, f.Path, hcl.Pos{Line: 1, Column: 1, Byte: 0})
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		e := &postree.SyntaxError{Msg: d.Summary}
		if d.Detail != "" {
			e.Msg += ": " + d.Detail
		}
		if d.Subject != nil {
			e.Line, e.Col = d.Subject.Start.Line, d.Subject.Start.Column
		}
		return nil, e
	}
	body, _ := file.Body.(*hclsyntax.Body)
	return body, nil
}

// newTFModule indexes the blocks of a module's parsed files.
func newTFModule(dir string) *tfModule {
	return &tfModule{dir: dir, variables: map[string]tfExpr{}, locals: map[string]tfExpr{},
		owner: map[*postree.Node]*files.File{}, resolving: map[string]bool{}}
}

// add indexes one file's blocks.
func (m *tfModule) add(f *files.File, body *hclsyntax.Body) {
	for _, blk := range body.Blocks {
		switch blk.Type {
		case "variable":
			if len(blk.Labels) == 1 {
				if a, ok := blk.Body.Attributes["default"]; ok {
					m.variables[blk.Labels[0]] = tfExpr{a.Expr, f}
				}
			}
		case "locals":
			for name, a := range blk.Body.Attributes {
				m.locals[name] = tfExpr{a.Expr, f}
			}
		case "resource", "data":
			if len(blk.Labels) != 2 {
				continue
			}
			r := &tfResource{typ: blk.Labels[0], name: blk.Labels[1], file: f, block: blk}
			if blk.Type == "resource" {
				m.resources = append(m.resources, r)
			} else {
				m.data = append(m.data, r)
			}
		}
	}
}

// convert converts every resource's body, once all files are indexed (a
// variable may be declared in another file of the module).
func (m *tfModule) convert() {
	for _, list := range [][]*tfResource{m.resources, m.data} {
		for _, r := range list {
			ptr := "/" + strings.Join([]string{r.block.Type, r.typ, r.name}, "/")
			r.body = m.body(r.block.Body, r.file, ptr)
			r.body.Line, r.body.Col = r.block.TypeRange.Start.Line, r.block.TypeRange.Start.Column
		}
	}
}

// ofType returns the resources of the given types, in file order.
func (m *tfModule) ofType(types ...string) []*tfResource {
	var out []*tfResource
	for _, r := range m.resources {
		for _, t := range types {
			if r.typ == t {
				out = append(out, r)
			}
		}
	}
	return out
}

// dataOf returns the data source of a type and name, or nil.
func (m *tfModule) dataOf(typ, name string) *tfResource {
	for _, d := range m.data {
		if d.typ == typ && d.name == name {
			return d
		}
	}
	return nil
}

// body converts a block body: attributes become members, nested blocks
// arrays of objects under their type (they may repeat), dynamic blocks
// their content.
func (m *tfModule) body(b *hclsyntax.Body, f *files.File, ptr string) *postree.Node {
	n := &postree.Node{Kind: postree.Object, Pointer: ptr}
	if b == nil {
		return n
	}
	type member struct {
		at   int
		name string
		val  *postree.Node
	}
	var list []member
	for name, a := range b.Attributes {
		v := m.expr(a.Expr, f, ptr+"/"+name)
		v.Line, v.Col = a.NameRange.Start.Line, a.NameRange.Start.Column
		list = append(list, member{a.SrcRange.Start.Byte, name, v})
	}
	blocks := map[string]*postree.Node{}
	for _, blk := range b.Blocks {
		typ, inner := blk.Type, blk.Body
		if typ == "dynamic" && len(blk.Labels) == 1 {
			typ = blk.Labels[0]
			for _, c := range blk.Body.Blocks {
				if c.Type == "content" {
					inner = c.Body
				}
			}
		}
		arr, ok := blocks[typ]
		if !ok {
			arr = &postree.Node{Kind: postree.Array, Pointer: ptr + "/" + typ, Line: blk.TypeRange.Start.Line, Col: blk.TypeRange.Start.Column}
			blocks[typ] = arr
			list = append(list, member{blk.TypeRange.Start.Byte, typ, arr})
		}
		item := m.body(inner, f, arr.Pointer+"/"+strconv.Itoa(len(arr.Items)))
		item.Line, item.Col = blk.TypeRange.Start.Line, blk.TypeRange.Start.Column
		if len(blk.Labels) > 0 && blk.Type != "dynamic" {
			item.Keys = append([]string{"__label"}, item.Keys...)
			item.Vals = append([]*postree.Node{{Kind: postree.String, Text: blk.Labels[0]}}, item.Vals...)
		}
		arr.Items = append(arr.Items, item)
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].at < list[j].at })
	for _, mb := range list {
		n.Keys = append(n.Keys, mb.name)
		n.Vals = append(n.Vals, mb.val)
	}
	return n
}

// source returns the text of a range of f.
func source(f *files.File, r hcl.Range) string {
	if r.Start.Byte < 0 || r.End.Byte > len(f.Data) || r.Start.Byte > r.End.Byte {
		return ""
	}
	return string(f.Data[r.Start.Byte:r.End.Byte])
}

// templated returns a node standing for what Terraform computes: the
// expression's text as an interpolation, with the expression's span.
func (m *tfModule) templated(e hclsyntax.Expression, f *files.File, ptr string) *postree.Node {
	r := e.Range()
	text := source(f, r)
	if !strings.HasPrefix(text, "${") {
		text = "${" + strings.Join(strings.Fields(text), " ") + "}"
	}
	return &postree.Node{Kind: postree.String, Text: text, Pointer: ptr, Line: r.Start.Line, Col: r.Start.Column}
}

// expr converts an expression.
func (m *tfModule) expr(e hclsyntax.Expression, f *files.File, ptr string) *postree.Node {
	r := e.Range()
	at := func(n *postree.Node) *postree.Node {
		n.Pointer, n.Line, n.Col = ptr, r.Start.Line, r.Start.Column
		return n
	}
	switch x := e.(type) {
	case *hclsyntax.LiteralValueExpr:
		return at(ctyNode(x.Val))
	case *hclsyntax.TemplateExpr:
		if x.IsStringLiteral() {
			text := ""
			if len(x.Parts) == 1 {
				if lit, ok := x.Parts[0].(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type() == cty.String && lit.Val.IsKnown() && !lit.Val.IsNull() {
					text = lit.Val.AsString()
				}
			}
			n := at(&postree.Node{Kind: postree.String, Text: text, Span: postree.Span{Start: r.Start.Byte, End: r.End.Byte}})
			m.owner[n] = f
			return n
		}
		src := source(f, r)
		switch {
		case strings.HasPrefix(src, `"`) && strings.HasSuffix(src, `"`) && len(src) >= 2:
			src = src[1 : len(src)-1]
		case strings.HasPrefix(src, "<<"):
			// A heredoc: its lines between the marker lines.
			if i := strings.IndexByte(src, '\n'); i >= 0 {
				src = src[i+1:]
			}
			if i := strings.LastIndexByte(strings.TrimRight(src, " \t\r\n"), '\n'); i >= 0 {
				src = src[:i+1]
			}
		}
		n := at(&postree.Node{Kind: postree.String, Text: src})
		m.owner[n] = f
		return n
	case *hclsyntax.TemplateWrapExpr:
		return m.expr(x.Wrapped, f, ptr)
	case *hclsyntax.ParenthesesExpr:
		return m.expr(x.Expression, f, ptr)
	case *hclsyntax.ScopeTraversalExpr:
		if v := m.resolve(x.Traversal); v != nil {
			return v
		}
		return m.templated(e, f, ptr)
	case *hclsyntax.TupleConsExpr:
		n := at(&postree.Node{Kind: postree.Array})
		for i, it := range x.Exprs {
			n.Items = append(n.Items, m.expr(it, f, ptr+"/"+strconv.Itoa(i)))
		}
		return n
	case *hclsyntax.ObjectConsExpr:
		n := at(&postree.Node{Kind: postree.Object})
		for _, it := range x.Items {
			key := objectKey(it.KeyExpr, f)
			v := m.expr(it.ValueExpr, f, ptr+"/"+key)
			n.Keys = append(n.Keys, key)
			n.Vals = append(n.Vals, v)
		}
		return n
	case *hclsyntax.FunctionCallExpr:
		switch x.Name {
		case "jsonencode", "yamlencode", "tolist", "toset", "tomap", "sensitive", "nonsensitive":
			if len(x.Args) == 1 {
				return m.expr(x.Args[0], f, ptr)
			}
		case "jsondecode":
			if len(x.Args) == 1 {
				if s := m.expr(x.Args[0], f, ptr); s.Kind == postree.String && !strings.Contains(s.Text, "${") {
					if root, _, err := postree.ParseJSON([]byte(s.Text), postree.NewLines([]byte(s.Text))); err == nil {
						return root
					}
				}
			}
		}
	}
	return m.templated(e, f, ptr)
}

// objectKey returns the key of an object constructor item: a bare name, a
// literal, or the key expression's text.
func objectKey(e hclsyntax.Expression, f *files.File) string {
	if k, ok := e.(*hclsyntax.ObjectConsKeyExpr); ok {
		if !k.ForceNonLiteral {
			if t, diags := hcl.AbsTraversalForExpr(k.Wrapped); !diags.HasErrors() && len(t) == 1 {
				return t.RootName()
			}
		}
		e = k.Wrapped
	}
	if t, ok := e.(*hclsyntax.TemplateExpr); ok && t.IsStringLiteral() {
		if v, diags := t.Value(nil); !diags.HasErrors() && v.Type() == cty.String {
			return v.AsString()
		}
	}
	return source(f, e.Range())
}

// resolve returns the value of var.NAME (its default, when it has one) and
// local.NAME (when it reduces to a value), or nil.
func (m *tfModule) resolve(t hcl.Traversal) *postree.Node {
	if v := m.resolveResource(t); v != nil {
		return v
	}
	if len(t) != 2 {
		return nil
	}
	attr, ok := t[1].(hcl.TraverseAttr)
	if !ok {
		return nil
	}
	var src tfExpr
	switch t.RootName() {
	case "var":
		src, ok = m.variables[attr.Name]
	case "local":
		src, ok = m.locals[attr.Name]
	default:
		return nil
	}
	key := t.RootName() + "." + attr.Name
	if !ok || m.resolving[key] {
		return nil
	}
	m.resolving[key] = true
	defer delete(m.resolving, key)
	v := m.expr(src.expr, src.file, "/"+t.RootName()+"/"+attr.Name)
	if v.Kind == postree.String && strings.Contains(v.Text, "${") {
		return nil
	}
	return v
}

// resolveResource returns the value of TYPE.NAME.block[0].attr (the
// name of a Kubernetes resource: kubernetes_secret_v1.x.metadata[0].name)
// when the resource writes it as a literal, or nil. Attributes the provider
// computes are never resolved.
func (m *tfModule) resolveResource(t hcl.Traversal) *postree.Node {
	if len(t) < 4 {
		return nil
	}
	var steps []string
	for _, tr := range t[1:] {
		switch x := tr.(type) {
		case hcl.TraverseAttr:
			steps = append(steps, x.Name)
		case hcl.TraverseIndex:
			if x.Key.Type() != cty.Number || !x.Key.RawEquals(cty.NumberIntVal(0)) {
				return nil
			}
		default:
			return nil
		}
	}
	if len(steps) != 3 {
		return nil
	}
	for _, r := range m.resources {
		if r.typ != t.RootName() || r.name != steps[0] {
			continue
		}
		for _, blk := range r.block.Body.Blocks {
			if blk.Type != steps[1] {
				continue
			}
			if a, ok := blk.Body.Attributes[steps[2]]; ok {
				if v := m.expr(a.Expr, r.file, "/"+strings.Join(steps, "/")); v.Kind == postree.String && !strings.Contains(v.Text, "${") {
					return v
				}
			}
		}
	}
	return nil
}

// ctyNode converts a literal value.
func ctyNode(v cty.Value) *postree.Node {
	if v.IsNull() || !v.IsKnown() {
		return &postree.Node{Kind: postree.Null}
	}
	switch v.Type() {
	case cty.String:
		return &postree.Node{Kind: postree.String, Text: v.AsString()}
	case cty.Number:
		return &postree.Node{Kind: postree.Number, Text: v.AsBigFloat().Text('f', -1)}
	case cty.Bool:
		return &postree.Node{Kind: postree.Bool, Text: strconv.FormatBool(v.True())}
	}
	return &postree.Node{Kind: postree.Null}
}

// refersTo reports whether a node is a reference to the resource typ.name
// (any of its attributes), or the literal name want.
func refersTo(n *postree.Node, typ, name, want string) bool {
	if n == nil || n.Kind != postree.String {
		return false
	}
	if want != "" && n.Text == want {
		return true
	}
	return strings.HasPrefix(n.Text, "${"+typ+"."+name+".") || n.Text == "${"+typ+"."+name+"}"
}

// jsonDocument parses JSON written as a Terraform string (a heredoc or a
// quoted string holding container definitions). A heredoc's spans are
// shifted to the file's, so secrets in it are redacted where written.
func (m *tfModule) jsonDocument(n *postree.Node) *postree.Node {
	f := m.owner[n]
	if n == nil || n.Kind != postree.String || !json.Valid([]byte(n.Text)) {
		return nil
	}
	root, _, err := postree.ParseJSON([]byte(n.Text), postree.NewLines([]byte(n.Text)))
	if err != nil {
		return nil
	}
	base := -1
	if n.Span.Known() && f != nil {
		raw := string(f.Data[n.Span.Start:n.Span.End])
		if i := strings.Index(raw, n.Text); i >= 0 && strings.HasPrefix(raw, "<<") {
			base = n.Span.Start + i
		}
	}
	shiftSpans(root, base, f, n.Pointer)
	m.own(root, f)
	return root
}

// own records f as the file of every scalar of a tree.
func (m *tfModule) own(n *postree.Node, f *files.File) {
	if n == nil || f == nil {
		return
	}
	if n.Kind == postree.String {
		m.owner[n] = f
	}
	for _, v := range n.Vals {
		m.own(v, f)
	}
	for _, v := range n.Items {
		m.own(v, f)
	}
}

// shiftSpans moves the spans of a tree parsed from a substring starting at
// base of f (base < 0: the substring is not written as is, so spans are
// unknown), recomputes positions and puts pointers under the attribute's.
func shiftSpans(n *postree.Node, base int, f *files.File, pointer string) {
	if n == nil {
		return
	}
	n.Pointer = pointer + n.Pointer
	if base < 0 || f == nil {
		n.Span, n.KeySpan = postree.Span{}, postree.Span{}
	} else {
		if n.Span.Known() {
			n.Span.Start += base
			n.Span.End += base
			n.Line, n.Col = f.Lines().Position(n.Span.Start)
		}
		if n.KeySpan.Known() {
			n.KeySpan.Start += base
			n.KeySpan.End += base
			n.Line, n.Col = f.Lines().Position(n.KeySpan.Start)
		}
	}
	for _, v := range n.Vals {
		shiftSpans(v, base, f, pointer)
	}
	for _, v := range n.Items {
		shiftSpans(v, base, f, pointer)
	}
}
