package clientconfig

import (
	"sort"
	"strconv"
	"strings"
)

// nodeKind is the type of a value in a parsed document.
type nodeKind uint8

const (
	kindNull nodeKind = iota
	kindBool
	kindNumber
	kindString
	kindObject
	kindArray
)

func (k nodeKind) String() string {
	switch k {
	case kindBool:
		return "boolean"
	case kindNumber:
		return "number"
	case kindString:
		return "string"
	case kindObject:
		return "object"
	case kindArray:
		return "array"
	}
	return "null"
}

// node is one value of a parsed JSON, YAML or TOML document, with its
// position. Every format parser works on nodes, so one parser per client
// serves whatever syntax the client's file is written in.
type node struct {
	kind nodeKind
	// text is the string value, or the literal text of a number or boolean.
	text string
	// keys and vals are an object's members in document order (duplicate keys
	// are resolved when the tree is built).
	keys []string
	vals []*node
	// items are an array's elements.
	items []*node
	// line and col locate the declaration: the member's key for object
	// members, the value itself otherwise (1-based; 0 when unknown).
	line, col int
	// ptr is the JSON pointer (RFC 6901) of the value inside the document.
	ptr string
}

// get returns the member named key, or nil.
func (n *node) get(key string) *node {
	if n == nil || n.kind != kindObject {
		return nil
	}
	for i, k := range n.keys {
		if k == key {
			return n.vals[i]
		}
	}
	return nil
}

// has reports whether the object has a member named key.
func (n *node) has(key string) bool { return n.get(key) != nil }

// isObject reports whether n is an object.
func (n *node) isObject() bool { return n != nil && n.kind == kindObject }

// str returns the member's string value; ok is false when it is absent or
// not a string.
func (n *node) str(key string) (string, bool) {
	v := n.get(key)
	if v == nil || v.kind != kindString {
		return "", false
	}
	return v.text, true
}

// scalar returns the member's value as text when it is a string, number or
// boolean (clients coerce these when they build a process environment).
func (n *node) scalar(key string) (string, bool) {
	v := n.get(key)
	if v == nil {
		return "", false
	}
	return v.scalarText()
}

// scalarText returns a string, number or boolean as text.
func (n *node) scalarText() (string, bool) {
	switch n.kind {
	case kindString, kindNumber, kindBool:
		return n.text, true
	}
	return "", false
}

// boolean returns the member's boolean value; ok is false when it is absent
// or not a boolean.
func (n *node) boolean(key string) (value, ok bool) {
	v := n.get(key)
	if v == nil || v.kind != kindBool {
		return false, false
	}
	return v.text == "true", true
}

// strings returns the string elements of an array member (other elements are
// skipped); ok is false when the member is absent or not an array.
func (n *node) strings(key string) ([]string, bool) {
	v := n.get(key)
	if v == nil || v.kind != kindArray {
		return nil, false
	}
	out := make([]string, 0, len(v.items))
	for _, it := range v.items {
		if s, ok := it.scalarText(); ok {
			out = append(out, s)
		}
	}
	return out, true
}

// stringMap returns an object member's scalar members as a map; ok is false
// when the member is absent or not an object.
func (n *node) stringMap(key string) (map[string]string, bool) {
	v := n.get(key)
	if v == nil || v.kind != kindObject {
		return nil, false
	}
	out := make(map[string]string, len(v.keys))
	for i, k := range v.keys {
		if s, ok := v.vals[i].scalarText(); ok {
			out[k] = s
		}
	}
	return out, true
}

// unknownKeys returns the object's keys that are not in known, sorted.
func (n *node) unknownKeys(known map[string]bool) []string {
	if n == nil || n.kind != kindObject {
		return nil
	}
	var out []string
	for _, k := range n.keys {
		if !known[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// childPointer extends a JSON pointer by one reference token.
func childPointer(parent, token string) string {
	token = strings.ReplaceAll(token, "~", "~0")
	token = strings.ReplaceAll(token, "/", "~1")
	return parent + "/" + token
}

// indexPointer extends a JSON pointer by an array index.
func indexPointer(parent string, i int) string {
	return parent + "/" + strconv.Itoa(i)
}

// lineIndex converts byte offsets to 1-based line and column numbers.
type lineIndex []int

// newLineIndex records where each line of data starts.
func newLineIndex(data []byte) lineIndex {
	starts := make([]int, 1, 64)
	for i, b := range data {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// position returns the line and column (in bytes) of offset.
func (li lineIndex) position(offset int) (line, col int) {
	i := sort.Search(len(li), func(i int) bool { return li[i] > offset }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, offset - li[i] + 1
}
