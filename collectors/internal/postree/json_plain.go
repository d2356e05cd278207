package postree

import (
	"fmt"

	"github.com/tailscale/hujson"
)

// Most JSON documents are plain JSON, or JSON with trailing commas: no
// comment. Those are read straight into nodes by plainParser, which builds
// exactly the tree, leniency and duplicates the general path (hujson's
// value tree, then jsonBuilder) builds, without hujson's tree in between.
// Anything else (a comment, any syntax error) is left to the general path,
// which words the errors; plainParser accepts no document hujson rejects.

// plainParser reads a JSON document without comments into nodes.
type plainParser struct {
	data     []byte
	li       Lines
	leniency Leniency
}

// errNotPlain stops plainParser: the document is for the general path.
var errNotPlain = fmt.Errorf("not plain JSON")

// parsePlainJSON reads data as ParseJSON does, when it holds no comment and
// no syntax error; ok is false otherwise.
func parsePlainJSON(data []byte, li Lines) (root *Node, leniency Leniency, ok bool) {
	p := plainParser{data: data, li: li}
	i := p.space(0)
	root, i, err := p.value(i, "", false)
	if err != nil || p.space(i) != len(data) {
		return nil, Leniency{}, false
	}
	return root, p.leniency, true
}

// space returns the offset of the first byte at or after i that is not
// JSON white space.
func (p *plainParser) space(i int) int {
	for i < len(p.data) {
		switch p.data[i] {
		case ' ', '\t', '\r', '\n':
			i++
		default:
			return i
		}
	}
	return i
}

// value reads the value starting at i (no white space before it) and
// returns its node and the offset after it.
func (p *plainParser) value(i int, ptr string, member bool) (*Node, int, error) {
	if i >= len(p.data) {
		return nil, i, errNotPlain
	}
	n := &Node{Pointer: ptr}
	if !member {
		n.Line, n.Col = p.li.Position(i)
	}
	start := i
	var err error
	switch c := p.data[i]; {
	case c == '{':
		n.Kind = Object
		i, err = p.object(n, i+1)
	case c == '[':
		n.Kind = Array
		i, err = p.array(n, i+1)
	case c == '"':
		if i, err = p.stringEnd(i); err == nil {
			n.Kind, n.Text = String, stringText(hujson.Literal(p.data[start:i]))
		}
	case c == 't' || c == 'f' || c == 'n':
		i = p.literalEnd(i)
		switch word := string(p.data[start:i]); word {
		case "true", "false":
			n.Kind, n.Text = Bool, word
		case "null":
			n.Kind = Null
		default:
			err = errNotPlain
		}
	case c == '-' || c >= '0' && c <= '9':
		i = p.literalEnd(i)
		if !isJSONNumber(p.data[start:i]) {
			err = errNotPlain
		}
		n.Kind, n.Text = Number, string(p.data[start:i])
	default:
		err = errNotPlain
	}
	if err != nil {
		return nil, i, err
	}
	n.Span = Span{start, i}
	return n, i, nil
}

// object reads an object's members from i, after its "{", into n.
func (p *plainParser) object(n *Node, i int) (int, error) {
	trailing := -1 // the offset of a comma before "}"
	var index map[string]int
	for {
		var closed bool
		var err error
		if i, closed, err = p.opening(i, '}', trailing); closed || err != nil {
			return i, err
		}
		if p.data[i] != '"' {
			return i, errNotPlain
		}
		keyStart := i
		keyEnd, err := p.stringEnd(i)
		if err != nil {
			return keyEnd, err
		}
		key := stringText(hujson.Literal(p.data[keyStart:keyEnd]))
		i = p.space(keyEnd)
		if i >= len(p.data) || p.data[i] != ':' {
			return i, errNotPlain
		}
		child, end, err := p.value(p.space(i+1), childPointer(n.Pointer, key), true)
		if err != nil {
			return end, err
		}
		child.Line, child.Col = p.li.Position(keyStart)
		child.KeySpan = Span{keyStart, keyEnd}
		addMember(n, key, child, &index, &p.leniency)
		if i, closed, err = p.closing(end, '}', &trailing); closed || err != nil {
			return i, err
		}
	}
}

// array reads an array's elements from i, after its "[", into n.
func (p *plainParser) array(n *Node, i int) (int, error) {
	trailing := -1 // the offset of a comma before "]"
	for {
		var closed bool
		var err error
		if i, closed, err = p.opening(i, ']', trailing); closed || err != nil {
			return i, err
		}
		item, end, err := p.value(i, indexPointer(n.Pointer, len(n.Items)), false)
		if err != nil {
			return end, err
		}
		n.Items = append(n.Items, item)
		if i, closed, err = p.closing(end, ']', &trailing); closed || err != nil {
			return i, err
		}
	}
}

// opening skips the white space at i, where a member or element may start,
// and reports whether closer ends the composite there instead: after a
// comma at trailing (-1: none), which is recorded.
func (p *plainParser) opening(i int, closer byte, trailing int) (next int, closed bool, err error) {
	i = p.space(i)
	switch {
	case i >= len(p.data):
		return i, false, errNotPlain
	case p.data[i] != closer:
		return i, false, nil
	}
	if trailing >= 0 {
		p.trailingComma(trailing)
	}
	return i + 1, true, nil
}

// closing reads what follows a member or element ending at i: a comma,
// whose offset goes to *trailing, or closer, which ends the composite.
func (p *plainParser) closing(i int, closer byte, trailing *int) (next int, closed bool, err error) {
	i = p.space(i)
	switch {
	case i >= len(p.data):
		return i, false, errNotPlain
	case p.data[i] == ',':
		*trailing = i
		return i + 1, false, nil
	case p.data[i] == closer:
		return i + 1, true, nil
	}
	return i, false, errNotPlain
}

// trailingComma records the comma at offset i, before a closing bracket,
// unless one was recorded before.
func (p *plainParser) trailingComma(i int) {
	if p.leniency.TrailingComma == nil {
		line, col := p.li.Position(i)
		p.leniency.TrailingComma = &SyntaxError{Line: line, Col: col, Msg: "trailing comma"}
	}
}

// stringEnd returns the offset after the string literal starting at i,
// which must be one encoding/json accepts: no control character, only
// JSON's escapes. (Like encoding/json, it does not require valid UTF-8.)
func (p *plainParser) stringEnd(i int) (int, error) {
	d := p.data
	for i++; i < len(d); i++ {
		switch c := d[i]; {
		case c == '"':
			return i + 1, nil
		case c < 0x20:
			return i, errNotPlain
		case c == '\\':
			i++
			if i >= len(d) {
				return i, errNotPlain
			}
			switch d[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(d) || !isHex(d[i+1]) || !isHex(d[i+2]) || !isHex(d[i+3]) || !isHex(d[i+4]) {
					return i, errNotPlain
				}
				i += 4
			default:
				return i, errNotPlain
			}
		}
	}
	return i, errNotPlain
}

// literalEnd returns the end of the run of bytes from i that hujson reads
// as one literal (null, a boolean or a number).
func (p *plainParser) literalEnd(i int) int {
	for i < len(p.data) {
		c := p.data[i]
		if c == '-' || c == '+' || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			i++
			continue
		}
		break
	}
	return i
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isJSONNumber reports whether b is a number in JSON's grammar:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func isJSONNumber(b []byte) bool {
	i := 0
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		for i < len(b) && isDigit(b[i]) {
			i++
		}
	default:
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if i >= len(b) || !isDigit(b[i]) {
			return false
		}
		for i < len(b) && isDigit(b[i]) {
			i++
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i >= len(b) || !isDigit(b[i]) {
			return false
		}
		for i < len(b) && isDigit(b[i]) {
			i++
		}
	}
	return i == len(b)
}
