package clientconfig

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"

	"github.com/tailscale/hujson"
)

// jsonDialect is how leniently a client reads its JSON file.
type jsonDialect uint8

const (
	// dialectStrict is plain JSON (JSON.parse, serde_json, encoding/json).
	dialectStrict jsonDialect = iota
	// dialectComments allows comments but not trailing commas
	// (strip-json-comments followed by JSON.parse).
	dialectComments
	// dialectJSONC allows comments and trailing commas (VS Code's and Zed's
	// settings parsers).
	dialectJSONC
)

func (d jsonDialect) String() string {
	switch d {
	case dialectComments:
		return "JSON with comments"
	case dialectJSONC:
		return "JSONC"
	}
	return "strict JSON"
}

// maxNesting bounds how deeply arrays and objects may nest before a document
// is rejected; real configs nest a handful of levels.
const maxNesting = 512

// parseError is a syntax error at a position.
type parseError struct {
	line, col int
	msg       string
}

func (e *parseError) Error() string {
	if e.line > 0 {
		return fmt.Sprintf("line %d, column %d: %s", e.line, e.col, e.msg)
	}
	return e.msg
}

// maxDuplicates bounds how many repeated member names a document reports.
const maxDuplicates = 20

// jsonLeniency records where a document depends on how leniently it is
// read: the JSONC extensions it uses, and the member names it repeats.
type jsonLeniency struct {
	comment       *parseError // first comment
	trailingComma *parseError // first trailing comma
	// duplicates are the repeated member names (up to maxDuplicates), each
	// at the repetition, its message naming the key and the first line.
	duplicates []*parseError
}

// used reports whether the document needs any JSONC leniency.
func (l jsonLeniency) used() bool { return l.comment != nil || l.trailingComma != nil }

// violation returns the first extension the dialect does not allow, or nil.
func (l jsonLeniency) violation(d jsonDialect) *parseError {
	switch d {
	case dialectStrict:
		if l.comment != nil && (l.trailingComma == nil || before(l.comment, l.trailingComma)) {
			return l.comment
		}
		return l.trailingComma
	case dialectComments:
		return l.trailingComma
	}
	return nil
}

func before(a, b *parseError) bool {
	return a.line < b.line || (a.line == b.line && a.col < b.col)
}

var hujsonPos = regexp.MustCompile(`^hujson: line (\d+), column (\d+): `)

// parseJSON parses JSON with JSONC extensions into a node tree and reports
// which extensions the document uses.
func parseJSON(data []byte, li lineIndex) (*node, jsonLeniency, *parseError) {
	var len0 jsonLeniency
	if perr := checkNesting(data, li); perr != nil {
		return nil, len0, perr
	}
	v, err := hujson.Parse(data)
	if err != nil {
		perr := &parseError{msg: sanitizeMessage(err.Error())}
		if m := hujsonPos.FindStringSubmatch(err.Error()); m != nil {
			perr.line, _ = strconv.Atoi(m[1])
			perr.col, _ = strconv.Atoi(m[2])
			perr.msg = sanitizeMessage(err.Error()[len(m[0]):])
		}
		return nil, len0, perr
	}
	b := jsonBuilder{li: li}
	root := b.value(&v, "", false)
	return root, b.leniency, nil
}

// jsonBuilder converts a hujson value into nodes.
type jsonBuilder struct {
	li       lineIndex
	leniency jsonLeniency
}

func (b *jsonBuilder) extra(e hujson.Extra, at int) {
	if b.leniency.comment != nil || len(e) == 0 {
		return
	}
	if i := bytes.IndexByte(e, '/'); i >= 0 {
		line, col := b.li.position(at + i)
		b.leniency.comment = &parseError{line: line, col: col, msg: "comment"}
	}
}

func (b *jsonBuilder) trailing(last *hujson.Value) {
	if b.leniency.trailingComma != nil || last == nil || last.AfterExtra == nil {
		return
	}
	line, col := b.li.position(last.EndOffset + len(last.AfterExtra))
	b.leniency.trailingComma = &parseError{line: line, col: col, msg: "trailing comma"}
}

func (b *jsonBuilder) value(v *hujson.Value, ptr string, member bool) *node {
	b.extra(v.BeforeExtra, v.StartOffset-len(v.BeforeExtra))
	b.extra(v.AfterExtra, v.EndOffset)
	n := &node{ptr: ptr}
	if !member {
		n.line, n.col = b.li.position(v.StartOffset)
	}
	switch t := v.Value.(type) {
	case *hujson.Object:
		n.kind = kindObject
		b.extra(t.AfterExtra, v.EndOffset-1-len(t.AfterExtra))
		index := make(map[string]int, len(t.Members))
		for i := range t.Members {
			m := &t.Members[i]
			b.extra(m.Name.BeforeExtra, m.Name.StartOffset-len(m.Name.BeforeExtra))
			b.extra(m.Name.AfterExtra, m.Name.EndOffset)
			key := m.Name.Value.(hujson.Literal).String()
			child := b.value(&m.Value, childPointer(ptr, key), true)
			child.line, child.col = b.li.position(m.Name.StartOffset)
			if j, dup := index[key]; dup {
				// JSON.parse, VS Code's JSONC parser and serde_json maps keep
				// the last duplicate: the entry a reader of the file sees
				// first is not the one the client runs.
				if len(b.leniency.duplicates) < maxDuplicates {
					b.leniency.duplicates = append(b.leniency.duplicates, &parseError{line: child.line, col: child.col,
						msg: fmt.Sprintf("key %s repeats the one at line %d; the last one is used", quoteKey(key), n.vals[j].line)})
				}
				n.vals[j] = child
				continue
			}
			index[key] = len(n.keys)
			n.keys = append(n.keys, key)
			n.vals = append(n.vals, child)
		}
		if len(t.Members) > 0 {
			b.trailing(&t.Members[len(t.Members)-1].Value)
		}
	case *hujson.Array:
		n.kind = kindArray
		b.extra(t.AfterExtra, v.EndOffset-1-len(t.AfterExtra))
		for i := range t.Elements {
			n.items = append(n.items, b.value(&t.Elements[i], indexPointer(ptr, i), false))
		}
		if len(t.Elements) > 0 {
			b.trailing(&t.Elements[len(t.Elements)-1])
		}
	case hujson.Literal:
		switch t.Kind() {
		case '"':
			n.kind, n.text = kindString, t.String()
		case 't', 'f':
			n.kind, n.text = kindBool, string(t)
		case '0':
			n.kind, n.text = kindNumber, string(t)
		default:
			n.kind = kindNull
		}
	}
	return n
}

// checkNesting rejects documents nested deeper than maxNesting, before a
// recursive parser sees them. It understands double- and single-quoted
// strings well enough for JSON and TOML.
func checkNesting(data []byte, li lineIndex) *parseError {
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
			if depth > maxNesting {
				line, col := li.position(i)
				return &parseError{line: line, col: col, msg: fmt.Sprintf("nesting deeper than %d levels", maxNesting)}
			}
		case ']', '}':
			depth--
		}
	}
	return nil
}
