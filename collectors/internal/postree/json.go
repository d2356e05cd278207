package postree

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/tailscale/hujson"
)

// Dialect is how leniently a reader accepts JSON.
type Dialect uint8

const (
	// Strict is plain JSON (JSON.parse, serde_json, encoding/json).
	Strict Dialect = iota
	// Comments allows comments but not trailing commas
	// (strip-json-comments followed by JSON.parse).
	Comments
	// JSONC allows comments and trailing commas (VS Code's and Zed's
	// settings parsers).
	JSONC
)

// String names the dialect as messages do.
func (d Dialect) String() string {
	switch d {
	case Comments:
		return "JSON with comments"
	case JSONC:
		return "JSONC"
	}
	return "strict JSON"
}

// maxDuplicates bounds how many repeated member names a document reports.
const maxDuplicates = 20

// Leniency records where a JSON document depends on how leniently it is
// read: the JSONC extensions it uses, and the member names it repeats.
type Leniency struct {
	// Comment and TrailingComma are the first of each, or nil.
	Comment, TrailingComma *SyntaxError
	// Duplicates are the repeated member names (up to 20), each at the
	// repetition, its message naming the key and the first line.
	Duplicates []*SyntaxError
}

// Used reports whether the document needs any JSONC extension.
func (l Leniency) Used() bool { return l.Comment != nil || l.TrailingComma != nil }

// Violation returns the first extension the dialect does not allow, or nil.
func (l Leniency) Violation(d Dialect) *SyntaxError {
	switch d {
	case Strict:
		if l.Comment != nil && (l.TrailingComma == nil || l.Comment.before(l.TrailingComma)) {
			return l.Comment
		}
		return l.TrailingComma
	case Comments:
		return l.TrailingComma
	}
	return nil
}

var hujsonPos = regexp.MustCompile(`^hujson: line (\d+), column (\d+): `)

// ParseJSON parses JSON with JSONC extensions (comments, trailing commas)
// into a node tree and reports which extensions the document uses; a
// reader that does not accept them checks Leniency.Violation. Repeated
// member names resolve last-wins, as JSON.parse and JSONC readers resolve
// them. li must be NewLines(data).
func ParseJSON(data []byte, li Lines) (*Node, Leniency, *SyntaxError) {
	var len0 Leniency
	if perr := checkNesting(data, li); perr != nil {
		return nil, len0, perr
	}
	if root, leniency, ok := parsePlainJSON(data, li); ok {
		return root, leniency, nil
	}
	return parseHuJSON(data, li)
}

// parseHuJSON is ParseJSON for any document: hujson parses it (and words
// its syntax errors), jsonBuilder turns its value into nodes.
func parseHuJSON(data []byte, li Lines) (*Node, Leniency, *SyntaxError) {
	var len0 Leniency
	v, err := hujson.Parse(data)
	if err != nil {
		perr := &SyntaxError{Msg: sanitizeMessage(err.Error())}
		if m := hujsonPos.FindStringSubmatch(err.Error()); m != nil {
			perr.Line, _ = strconv.Atoi(m[1])
			perr.Col, _ = strconv.Atoi(m[2])
			perr.Msg = sanitizeMessage(err.Error()[len(m[0]):])
		}
		return nil, len0, perr
	}
	b := jsonBuilder{li: li}
	root := b.value(&v, "", false)
	return root, b.leniency, nil
}

// maxScannedMembers is the most members an object has whose repeated names
// are found without an index.
const maxScannedMembers = 16

// jsonBuilder converts a hujson value into nodes.
type jsonBuilder struct {
	li       Lines
	leniency Leniency
}

func (b *jsonBuilder) extra(e hujson.Extra, at int) {
	if b.leniency.Comment != nil || len(e) == 0 {
		return
	}
	if i := bytes.IndexByte(e, '/'); i >= 0 {
		line, col := b.li.Position(at + i)
		b.leniency.Comment = &SyntaxError{Line: line, Col: col, Msg: "comment"}
	}
}

func (b *jsonBuilder) trailing(last *hujson.Value) {
	if b.leniency.TrailingComma != nil || last == nil || last.AfterExtra == nil {
		return
	}
	line, col := b.li.Position(last.EndOffset + len(last.AfterExtra))
	b.leniency.TrailingComma = &SyntaxError{Line: line, Col: col, Msg: "trailing comma"}
}

func (b *jsonBuilder) value(v *hujson.Value, ptr string, member bool) *Node {
	b.extra(v.BeforeExtra, v.StartOffset-len(v.BeforeExtra))
	b.extra(v.AfterExtra, v.EndOffset)
	n := &Node{Pointer: ptr, Span: Span{v.StartOffset, v.EndOffset}}
	if !member {
		n.Line, n.Col = b.li.Position(v.StartOffset)
	}
	switch t := v.Value.(type) {
	case *hujson.Object:
		n.Kind = Object
		b.extra(t.AfterExtra, v.EndOffset-1-len(t.AfterExtra))
		if len(t.Members) > 0 {
			n.Keys = make([]string, 0, len(t.Members))
			n.Vals = make([]*Node, 0, len(t.Members))
		}
		var index map[string]int
		for i := range t.Members {
			m := &t.Members[i]
			b.extra(m.Name.BeforeExtra, m.Name.StartOffset-len(m.Name.BeforeExtra))
			b.extra(m.Name.AfterExtra, m.Name.EndOffset)
			key := stringText(m.Name.Value.(hujson.Literal))
			child := b.value(&m.Value, childPointer(ptr, key), true)
			child.Line, child.Col = b.li.Position(m.Name.StartOffset)
			child.KeySpan = Span{m.Name.StartOffset, m.Name.EndOffset}
			addMember(n, key, child, &index, &b.leniency)
		}
		if len(t.Members) > 0 {
			b.trailing(&t.Members[len(t.Members)-1].Value)
		}
	case *hujson.Array:
		n.Kind = Array
		b.extra(t.AfterExtra, v.EndOffset-1-len(t.AfterExtra))
		if len(t.Elements) > 0 {
			n.Items = make([]*Node, 0, len(t.Elements))
		}
		for i := range t.Elements {
			n.Items = append(n.Items, b.value(&t.Elements[i], indexPointer(ptr, i), false))
		}
		if len(t.Elements) > 0 {
			b.trailing(&t.Elements[len(t.Elements)-1])
		}
	case hujson.Literal:
		switch t.Kind() {
		case '"':
			n.Kind, n.Text = String, stringText(t)
		case 't', 'f':
			n.Kind, n.Text = Bool, string(t)
		case '0':
			n.Kind, n.Text = Number, string(t)
		default:
			n.Kind = Null
		}
	}
	return n
}

// stringText returns the value of lit, a valid JSON string literal, as
// lit.String() does. Most strings hold no escape: their value is the text
// between the quotes, when it is valid UTF-8 (encoding/json turns invalid
// bytes into U+FFFD), without decoding them through encoding/json.
func stringText(lit hujson.Literal) string {
	if len(lit) >= 2 {
		if body := lit[1 : len(lit)-1]; bytes.IndexByte(body, '\\') < 0 && utf8.Valid(body) {
			return string(body)
		}
	}
	return lit.String()
}

// addMember adds the member key: child to the object n or, when n has a
// member of that name, puts child in its place and records the repetition:
// JSON.parse, VS Code's JSONC parser and serde_json maps keep the last
// duplicate, so the entry a reader of the file sees first is not the one
// the client runs. Repeated names are found by a look through the names so
// far or, once the object grows past maxScannedMembers, through *index.
func addMember(n *Node, key string, child *Node, index *map[string]int, l *Leniency) {
	j := -1
	if *index != nil {
		if k, ok := (*index)[key]; ok {
			j = k
		}
	} else {
		j = slices.Index(n.Keys, key)
	}
	if j >= 0 {
		if len(l.Duplicates) < maxDuplicates {
			l.Duplicates = append(l.Duplicates, &SyntaxError{Line: child.Line, Col: child.Col,
				Msg: fmt.Sprintf("key %s repeats the one at line %d; the last one is used", QuoteKey(key), n.Vals[j].Line)})
		}
		n.Vals[j] = child
		return
	}
	n.Keys = append(n.Keys, key)
	n.Vals = append(n.Vals, child)
	switch {
	case *index != nil:
		(*index)[key] = len(n.Keys) - 1
	case len(n.Keys) > maxScannedMembers:
		*index = make(map[string]int, 2*len(n.Keys))
		for i, k := range n.Keys {
			(*index)[k] = i
		}
	}
}

// checkNesting rejects documents nested deeper than MaxNesting, before a
// recursive parser sees them. It understands double- and single-quoted
// strings well enough for JSON and TOML.
func checkNesting(data []byte, li Lines) *SyntaxError {
	depth := 0
	var quote byte
	for i := 0; i < len(data); i++ {
		c := data[i]
		if quote != 0 {
			switch {
			case c == '\\' && quote == '"':
				i++
			case c == quote || c == '\n':
				quote = 0
			}
			continue
		}
		switch c {
		case '"', '\'':
			quote = c
		case '[', '{':
			depth++
			if depth > MaxNesting {
				line, col := li.Position(i)
				return &SyntaxError{Line: line, Col: col, Msg: fmt.Sprintf("nesting deeper than %d levels", MaxNesting)}
			}
		case ']', '}':
			depth--
		}
	}
	return nil
}
