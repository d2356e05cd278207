package controls

import (
	"bytes"
	"cmp"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// placeholderPrefix starts the labels that stand for keys of a map whose
// key names cannot matter (see pathNode.anon).
const placeholderPrefix = "~~"

// projector builds the canonical JSON of a subject's projection.
type projector struct {
	buf []byte
	// anon maps placeholder j (label "~~j") to the keys it stands for,
	// which are held in anonKeys.
	anon     [][]string
	anonKeys []string
	// values and members hold the members of a map being grouped by
	// appendAnonymous, and their projected values.
	values  []byte
	members []anonMember
}

// project encodes v restricted to n into p.buf, resetting p.
func (p *projector) project(v any, n *pathNode) {
	clear(p.anon)
	p.anon, p.anonKeys = p.anon[:0], p.anonKeys[:0]
	p.buf = p.appendProjection(p.buf[:0], v, n)
}

// appendProjection appends the canonical JSON (sorted keys, no spaces) of v
// restricted to the paths n observes. A key present in the subject is kept
// even when nothing below it is observed, so presence is never lost.
func (p *projector) appendProjection(b []byte, v any, n *pathNode) []byte {
	if n == nil || n.all {
		return appendCanonical(b, v)
	}
	if n.kind {
		return appendKind(b, v)
	}
	if n.elem != nil {
		l, ok := v.([]any)
		if !ok {
			return appendCanonical(b, v)
		}
		b = append(b, '[')
		for i, e := range l {
			if i > 0 {
				b = append(b, ',')
			}
			b = p.appendProjection(b, e, n.elem)
		}
		return append(b, ']')
	}
	m, ok := v.(map[string]any)
	if !ok {
		return appendCanonical(b, v)
	}
	if n.anon {
		return p.appendAnonymous(b, m, n.pattern)
	}
	b = append(b, '{')
	first := true
	if n.pattern == nil {
		for i, k := range n.names {
			if v, ok := m[k]; ok {
				b = p.appendMember(b, &first, k, v, n.children[i])
			}
		}
	} else {
		var stack [16]string
		for _, k := range appendSortedKeys(stack[:0], m) {
			child := n.fields[k]
			if child == nil {
				child = n.pattern
			}
			b = p.appendMember(b, &first, k, m[k], child)
		}
	}
	return append(b, '}')
}

// appendMember appends one member of an object's projection, after a
// comma unless it is the first.
func (p *projector) appendMember(b []byte, first *bool, k string, v any, n *pathNode) []byte {
	if !*first {
		b = append(b, ',')
	}
	*first = false
	b = appendString(b, k)
	b = append(b, ':')
	return p.appendProjection(b, v, n)
}

// anonMember is one key of a map appendAnonymous projects, with where its
// value's projection is in projector.values.
type anonMember struct {
	key      string
	from, to int
}

// appendAnonymous appends a map judged by a key-agnostic pattern alone: each
// distinct projected value once, in order, under a placeholder label. Key
// names and repeats cannot change such a pattern's outcome; p.anon records
// which keys each placeholder stands for, so reasons can name them. (Such
// a pattern has no pattern below it, so these calls never nest.)
func (p *projector) appendAnonymous(b []byte, m map[string]any, pattern *pathNode) []byte {
	p.values, p.members = p.values[:0], p.members[:0]
	for k, v := range m {
		from := len(p.values)
		p.values = p.appendProjection(p.values, v, pattern)
		p.members = append(p.members, anonMember{key: k, from: from, to: len(p.values)})
	}
	value := func(a anonMember) []byte { return p.values[a.from:a.to] }
	slices.SortFunc(p.members, func(a, b anonMember) int {
		return cmp.Or(bytes.Compare(value(a), value(b)), strings.Compare(a.key, b.key))
	})
	b = append(b, '{')
	for i := 0; i < len(p.members); {
		if i > 0 {
			b = append(b, ',')
		}
		enc := value(p.members[i])
		from := len(p.anonKeys)
		for ; i < len(p.members) && bytes.Equal(value(p.members[i]), enc); i++ {
			p.anonKeys = append(p.anonKeys, p.members[i].key)
		}
		b = append(b, '"')
		b = append(b, placeholderPrefix...)
		b = strconv.AppendInt(b, int64(len(p.anon)), 10)
		b = append(b, '"', ':')
		b = append(b, enc...)
		p.anon = append(p.anon, p.anonKeys[from:len(p.anonKeys):len(p.anonKeys)])
	}
	return append(b, '}')
}

// expand rewrites reasons whose path crosses a placeholder into one reason
// per key the placeholder stands for.
func (p *projector) expand(rs []Reason) []Reason {
	if len(p.anon) == 0 {
		return rs
	}
	var out []Reason
	changed := false
	for _, r := range rs {
		i := strings.Index(r.Path, placeholderPrefix)
		if i < 0 || (i > 0 && r.Path[i-1] != '.') {
			out = append(out, r)
			continue
		}
		rest := r.Path[i+len(placeholderPrefix):]
		end := strings.IndexByte(rest, '.')
		if end < 0 {
			end = len(rest)
		}
		j, err := strconv.Atoi(rest[:end])
		if err != nil || j >= len(p.anon) {
			out = append(out, r)
			continue
		}
		changed = true
		for _, k := range p.anon[j] {
			out = append(out, Reason{Path: r.Path[:i] + k + rest[end:], Detail: r.Detail})
		}
	}
	if !changed {
		return rs
	}
	slices.SortFunc(out, compareReasons)
	return slices.Compact(out)
}

// appendKind appends a stand-in of v's JSON kind, which meets a type
// constraint exactly when v does: "" for a string, false for a boolean,
// {} for an object, [] for a list, null for null; a number is kept as it
// is, since int and float, and numbers out of range, tell apart.
func appendKind(b []byte, v any) []byte {
	switch v.(type) {
	case string:
		return append(b, `""`...)
	case bool:
		return append(b, "false"...)
	case map[string]any:
		return append(b, "{}"...)
	case []any:
		return append(b, "[]"...)
	case nil:
		return append(b, "null"...)
	}
	return appendCanonical(b, v)
}

// appendCanonical appends the canonical JSON of JSON-shaped Go data.
func appendCanonical(b []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...)
	case bool:
		return strconv.AppendBool(b, x)
	case string:
		return appendString(b, x)
	case json.Number:
		return append(b, x...)
	case float64:
		return strconv.AppendFloat(b, x, 'g', -1, 64)
	case int:
		return strconv.AppendInt(b, int64(x), 10)
	case []any:
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendCanonical(b, e)
		}
		return append(b, ']')
	case map[string]any:
		b = append(b, '{')
		var stack [16]string
		for i, k := range appendSortedKeys(stack[:0], x) {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, k)
			b = append(b, ':')
			b = appendCanonical(b, x[k])
		}
		return append(b, '}')
	}
	// Not JSON-shaped: fall back to the standard encoder.
	data, err := json.Marshal(v)
	if err != nil {
		return append(b, "null"...)
	}
	return append(b, data...)
}

// appendString appends s as a JSON string that CUE also reads unchanged.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf {
			data, _ := json.Marshal(s)
			return append(b, data...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendSortedKeys appends a map's keys to keys and sorts them.
func appendSortedKeys(keys []string, m map[string]any) []string {
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
