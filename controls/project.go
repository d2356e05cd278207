package controls

import (
	"encoding/json"
	"maps"
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
	// anon maps placeholder j (label "~~j") to the keys it stands for.
	anon [][]string
	// scratch holds one projected value at a time while grouping.
	scratch []byte
}

// project encodes v restricted to n into p.buf, resetting p.
func (p *projector) project(v any, n *pathNode) {
	p.anon = p.anon[:0]
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
	emit := func(k string, child *pathNode) {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendString(b, k)
		b = append(b, ':')
		b = p.appendProjection(b, m[k], child)
	}
	if n.pattern == nil {
		for _, k := range n.names {
			if _, ok := m[k]; ok {
				emit(k, n.fields[k])
			}
		}
	} else {
		for _, k := range sortedKeys(m) {
			child := n.fields[k]
			if child == nil {
				child = n.pattern
			}
			emit(k, child)
		}
	}
	return append(b, '}')
}

// appendAnonymous appends a map judged by a key-agnostic pattern alone: each
// distinct projected value once, in order, under a placeholder label. Key
// names and repeats cannot change such a pattern's outcome; p.anon records
// which keys each placeholder stands for, so reasons can name them.
func (p *projector) appendAnonymous(b []byte, m map[string]any, pattern *pathNode) []byte {
	groups := make(map[string][]string, len(m))
	for k, v := range m {
		p.scratch = p.appendProjection(p.scratch[:0], v, pattern)
		groups[string(p.scratch)] = append(groups[string(p.scratch)], k)
	}
	b = append(b, '{')
	for i, enc := range slices.Sorted(maps.Keys(groups)) {
		if i > 0 {
			b = append(b, ',')
		}
		keys := groups[enc]
		slices.Sort(keys)
		b = append(b, '"')
		b = append(b, placeholderPrefix...)
		b = strconv.AppendInt(b, int64(len(p.anon)), 10)
		b = append(b, '"', ':')
		b = append(b, enc...)
		p.anon = append(p.anon, keys)
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
		for i, k := range sortedKeys(x) {
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

// sortedKeys returns a map's keys in order.
func sortedKeys(m map[string]any) []string {
	return slices.Sorted(maps.Keys(m))
}
