package postree

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
)

// Kind is the type of a value in a parsed document.
type Kind uint8

// The kinds of value. JSON, YAML and TOML values all map onto these.
const (
	Null Kind = iota
	Bool
	Number
	String
	Object
	Array
)

// String names the kind as messages do ("object", "string", …).
func (k Kind) String() string {
	switch k {
	case Bool:
		return "boolean"
	case Number:
		return "number"
	case String:
		return "string"
	case Object:
		return "object"
	case Array:
		return "array"
	}
	return "null"
}

// Span is a half-open range [Start, End) of byte offsets into the parsed
// data. The zero Span means the position is unknown.
type Span struct {
	Start, End int
}

// Known reports whether the span locates anything.
func (s Span) Known() bool { return s.End > s.Start }

// Node is one value of a parsed JSON, YAML or TOML document, with its
// position. Readers of any syntax work on nodes, so one reader per format
// serves whatever syntax the file is written in.
type Node struct {
	Kind Kind
	// Text is the string value, or the literal text of a number or boolean
	// (booleans are "true" or "false" whatever the syntax wrote).
	Text string
	// Keys and Vals are an object's members in document order (duplicate
	// keys are resolved when the tree is built, as the syntax's reference
	// reader resolves them).
	Keys []string
	Vals []*Node
	// Items are an array's elements.
	Items []*Node
	// Line and Col locate the declaration: the member's key for object
	// members, the value itself otherwise (1-based, columns in bytes; 0 when
	// unknown).
	Line, Col int
	// Pointer is the JSON pointer (RFC 6901) of the value inside its document.
	Pointer string
	// Span is where the value is written in the data, as written: a quoted
	// string's span includes its quotes and escapes, a block scalar's its
	// indicator and every line. It is the range to replace when the value
	// must not be stored. Zero when unknown: collections in YAML, values in
	// arrays of TOML tables, and YAML scalars whose extent cannot be
	// established exactly.
	Span Span
	// KeySpan is where an object member's key is written (zero for other
	// values, and when unknown).
	KeySpan Span
}

// Get returns the member named key, or nil (also when n is not an object).
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != Object {
		return nil
	}
	for i, k := range n.Keys {
		if k == key {
			return n.Vals[i]
		}
	}
	return nil
}

// Lookup follows a path of member names and array indexes ("0", "1", …)
// from n and returns the node it reaches, or nil.
func (n *Node) Lookup(path ...string) *Node {
	for _, p := range path {
		switch {
		case n == nil:
			return nil
		case n.Kind == Array:
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(n.Items) {
				return nil
			}
			n = n.Items[i]
		default:
			n = n.Get(p)
		}
	}
	return n
}

// Has reports whether the object has a member named key.
func (n *Node) Has(key string) bool { return n.Get(key) != nil }

// IsObject reports whether n is an object.
func (n *Node) IsObject() bool { return n != nil && n.Kind == Object }

// IsArray reports whether n is an array.
func (n *Node) IsArray() bool { return n != nil && n.Kind == Array }

// Str returns the member's string value; ok is false when it is absent or
// not a string.
func (n *Node) Str(key string) (string, bool) {
	v := n.Get(key)
	if v == nil || v.Kind != String {
		return "", false
	}
	return v.Text, true
}

// Scalar returns the member's value as text when it is a string, number or
// boolean (readers that build a process environment coerce these).
func (n *Node) Scalar(key string) (string, bool) {
	v := n.Get(key)
	if v == nil {
		return "", false
	}
	return v.ScalarText()
}

// ScalarText returns a string, number or boolean as text.
func (n *Node) ScalarText() (string, bool) {
	switch n.Kind {
	case String, Number, Bool:
		return n.Text, true
	}
	return "", false
}

// Boolean returns the member's boolean value; ok is false when it is absent
// or not a boolean.
func (n *Node) Boolean(key string) (value, ok bool) {
	v := n.Get(key)
	if v == nil || v.Kind != Bool {
		return false, false
	}
	return v.Text == "true", true
}

// Strings returns the scalar elements of an array member as text (other
// elements are skipped); ok is false when the member is absent or not an
// array.
func (n *Node) Strings(key string) ([]string, bool) {
	v := n.Get(key)
	if v == nil || v.Kind != Array {
		return nil, false
	}
	out := make([]string, 0, len(v.Items))
	for _, it := range v.Items {
		if s, ok := it.ScalarText(); ok {
			out = append(out, s)
		}
	}
	return out, true
}

// StringMap returns an object member's scalar members as a map; ok is false
// when the member is absent or not an object.
func (n *Node) StringMap(key string) (map[string]string, bool) {
	v := n.Get(key)
	if v == nil || v.Kind != Object {
		return nil, false
	}
	out := make(map[string]string, len(v.Keys))
	for i, k := range v.Keys {
		if s, ok := v.Vals[i].ScalarText(); ok {
			out[k] = s
		}
	}
	return out, true
}

// UnknownKeys returns the object's keys that are not in known, sorted.
func (n *Node) UnknownKeys(known map[string]bool) []string {
	if n == nil || n.Kind != Object {
		return nil
	}
	var out []string
	for _, k := range n.Keys {
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

// Value converts the node back into the value encoding/json would decode from
// the same JSON: map[string]any, []any, string, json.Number (which keeps
// integers exact), bool or nil.
func (n *Node) Value() any {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case Object:
		m := make(map[string]any, len(n.Keys))
		for i, k := range n.Keys {
			m[k] = n.Vals[i].Value()
		}
		return m
	case Array:
		a := make([]any, len(n.Items))
		for i, it := range n.Items {
			a[i] = it.Value()
		}
		return a
	case String:
		return n.Text
	case Number:
		return json.Number(n.Text)
	case Bool:
		return n.Text == "true"
	}
	return nil
}
