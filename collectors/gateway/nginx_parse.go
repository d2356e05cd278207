package gateway

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
)

// parseNginx reads an nginx configuration file as nginx's own tokenizer
// does (ngx_conf_read_token): directives are words up to ";", blocks are
// words followed by "{ … }", "#" starts a comment, single and double quotes
// group words and take backslash escapes, and "${name}" is a variable, not
// a block. OpenResty's *_by_lua_block bodies are skipped as balanced braces.
//
// The file becomes a tree of postree nodes: an array of directives, each an
// object with "name", "args" (strings with their spans, quotes included) and,
// for a block, "block" (an array of directives). A syntax error is reported
// at its line as nginx -t reports it.
func parseNginx(f *files.File) (*postree.Node, *postree.SyntaxError) {
	p := &ngxParser{data: f.Data, lines: f.Lines()}
	root, err := p.block("", 0)
	if err != nil {
		return nil, err
	}
	return root, nil
}

// ngxParser reads directives from data.
type ngxParser struct {
	data  []byte
	pos   int
	lines postree.Lines
}

// ngxToken is one word of a directive.
type ngxToken struct {
	text       string
	start, end int
	quoted     bool
	// special is ";", "{" or "}" for those characters, "" for words.
	special string
}

// errorAt returns a syntax error at offset off.
func (p *ngxParser) errorAt(off int, format string, args ...any) *postree.SyntaxError {
	line, col := p.lines.Position(off)
	return &postree.SyntaxError{Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// block reads directives until the closing "}" of a block (depth > 0) or
// the end of the file (depth 0).
func (p *ngxParser) block(pointer string, depth int) (*postree.Node, *postree.SyntaxError) {
	if depth > 64 {
		return nil, p.errorAt(p.pos, "blocks nested more than 64 deep")
	}
	out := &postree.Node{Kind: postree.Array, Pointer: pointer}
	var words []ngxToken
	for {
		tok, ok, err := p.next()
		if err != nil {
			return nil, err
		}
		if !ok {
			if depth > 0 {
				return nil, p.errorAt(len(p.data), `unexpected end of file, expecting "}"`)
			}
			if len(words) > 0 {
				return nil, p.errorAt(len(p.data), `unexpected end of file, expecting ";" or "}"`)
			}
			return out, nil
		}
		switch tok.special {
		case ";":
			if len(words) == 0 {
				return nil, p.errorAt(tok.start, `unexpected ";"`)
			}
			out.Items = append(out.Items, p.directive(words, childPtr(pointer, len(out.Items)), nil))
			words = nil
		case "{":
			if len(words) == 0 {
				return nil, p.errorAt(tok.start, `unexpected "{"`)
			}
			ptr := childPtr(pointer, len(out.Items))
			var body *postree.Node
			if strings.HasSuffix(words[0].text, "_by_lua_block") {
				if err := p.skipBalanced(tok.start); err != nil {
					return nil, err
				}
				body = &postree.Node{Kind: postree.Array, Pointer: ptr + "/block"}
			} else if body, err = p.block(ptr+"/block", depth+1); err != nil {
				return nil, err
			}
			out.Items = append(out.Items, p.directive(words, ptr, body))
			words = nil
		case "}":
			if depth == 0 {
				return nil, p.errorAt(tok.start, `unexpected "}"`)
			}
			if len(words) > 0 {
				return nil, p.errorAt(tok.start, `unexpected "}": a directive before it has no ";"`)
			}
			return out, nil
		default:
			words = append(words, tok)
		}
	}
}

// childPtr is the pointer of the i-th directive of a block.
func childPtr(block string, i int) string { return block + "/" + strconv.Itoa(i) }

// directive builds the node of one directive.
func (p *ngxParser) directive(words []ngxToken, pointer string, body *postree.Node) *postree.Node {
	line, col := p.lines.Position(words[0].start)
	name := &postree.Node{Kind: postree.String, Text: words[0].text, Line: line, Col: col, Pointer: pointer + "/name",
		Span: postree.Span{Start: words[0].start, End: words[0].end}}
	args := &postree.Node{Kind: postree.Array, Line: line, Col: col, Pointer: pointer + "/args"}
	for i, w := range words[1:] {
		l, c := p.lines.Position(w.start)
		args.Items = append(args.Items, &postree.Node{Kind: postree.String, Text: w.text, Line: l, Col: c,
			Pointer: childPtr(args.Pointer, i), Span: postree.Span{Start: w.start, End: w.end}})
	}
	n := &postree.Node{Kind: postree.Object, Line: line, Col: col, Pointer: pointer,
		Keys: []string{"name", "args"}, Vals: []*postree.Node{name, args}}
	if body != nil {
		body.Line, body.Col = line, col
		n.Keys = append(n.Keys, "block")
		n.Vals = append(n.Vals, body)
	}
	return n
}

// next returns the next token; ok is false at the end of the data.
func (p *ngxParser) next() (ngxToken, bool, *postree.SyntaxError) {
	d := p.data
	for p.pos < len(d) {
		c := d[p.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			p.pos++
		case c == '#':
			for p.pos < len(d) && d[p.pos] != '\n' {
				p.pos++
			}
		case c == ';' || c == '{' || c == '}':
			p.pos++
			return ngxToken{text: string(c), start: p.pos - 1, end: p.pos, special: string(c)}, true, nil
		case c == '"' || c == '\'':
			return p.quoted(c)
		default:
			return p.word(), true, nil
		}
	}
	return ngxToken{}, false, nil
}

// quoted reads a quoted word.
func (p *ngxParser) quoted(q byte) (ngxToken, bool, *postree.SyntaxError) {
	d := p.data
	start := p.pos
	var b strings.Builder
	for i := start + 1; i < len(d); i++ {
		switch c := d[i]; {
		case c == '\\' && i+1 < len(d):
			i++
			switch d[i] {
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'n':
				b.WriteByte('\n')
			case '"', '\'', '\\':
				b.WriteByte(d[i])
			default:
				b.WriteByte('\\')
				b.WriteByte(d[i])
			}
		case c == q:
			p.pos = i + 1
			if p.pos < len(d) && !ngxSeparator(d[p.pos]) {
				return ngxToken{}, false, p.errorAt(p.pos, `unexpected %q after a quoted string`, d[p.pos])
			}
			return ngxToken{text: b.String(), start: start, end: p.pos, quoted: true}, true, nil
		default:
			b.WriteByte(c)
		}
	}
	return ngxToken{}, false, p.errorAt(start, "unterminated quoted string")
}

// ngxSeparator reports whether c may follow a quoted word: a blank, the
// end of a directive or block, or the ")" closing an if condition.
func ngxSeparator(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';' || c == '{' || c == '}' || c == ')'
}

// word reads an unquoted word: up to blank, ";", "{" or "}", with "${…}"
// kept whole and backslash escapes applied.
func (p *ngxParser) word() ngxToken {
	d := p.data
	start := p.pos
	var b strings.Builder
	for p.pos < len(d) {
		c := d[p.pos]
		if c == '$' && p.pos+1 < len(d) && d[p.pos+1] == '{' {
			end := strings.IndexByte(string(d[p.pos:]), '}')
			if end > 0 {
				b.Write(d[p.pos : p.pos+end+1])
				p.pos += end + 1
				continue
			}
		}
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';' || c == '{' || c == '}' {
			break
		}
		if c == '\\' && p.pos+1 < len(d) {
			p.pos++
			c = d[p.pos]
		}
		b.WriteByte(c)
		p.pos++
	}
	return ngxToken{text: b.String(), start: start, end: p.pos}
}

// skipBalanced skips a Lua block body from its opening brace at open to
// the matching closing brace, honouring Lua strings and comments roughly
// (quoted strings and "--" line comments).
func (p *ngxParser) skipBalanced(open int) *postree.SyntaxError {
	d := p.data
	depth := 1
	for i := open + 1; i < len(d); i++ {
		switch c := d[i]; c {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				p.pos = i + 1
				return nil
			}
		case '"', '\'':
			for i++; i < len(d) && d[i] != c; i++ {
				if d[i] == '\\' {
					i++
				}
			}
		case '-':
			if i+1 < len(d) && d[i+1] == '-' {
				for i < len(d) && d[i] != '\n' {
					i++
				}
			}
		}
	}
	return p.errorAt(open, `unexpected end of file in a Lua block, expecting "}"`)
}
