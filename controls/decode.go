package controls

import (
	"encoding/json"
	"unicode/utf8"
)

// decodeCompact decodes data, one JSON object as json.Marshal writes it
// (compact, optionally ending in a newline), into what a json.Decoder
// with UseNumber decodes it to: map[string]any, []any, string, bool, nil
// and json.Number. ok is false for anything else (whitespace between
// tokens, a value that is not an object, trailing data), which the caller
// then decodes with encoding/json. Strings with escapes or bytes that are
// not UTF-8 are unquoted by encoding/json, so they read exactly as it
// reads them.
//
// Object keys are looked up in keys (when not nil), which holds each key
// read before as itself, and added to it while it holds fewer than
// maxKeys, so that the keys of every subject share their strings.
func decodeCompact(data []byte, keys map[string]string) (m map[string]any, ok bool) {
	d := compactDecoder{keys: keys}
	return d.decode(data)
}

// decode is decodeCompact with d's keys, keeping d's buffers for the next
// call.
func (d *compactDecoder) decode(data []byte) (m map[string]any, ok bool) {
	if len(data) > 0 && data[len(data)-1] == '\n' {
		data = data[:len(data)-1]
	}
	d.data, d.pos = data, 0
	v, ok := d.value()
	d.data = nil
	if !ok || d.pos != len(data) {
		return nil, false
	}
	m, ok = v.(map[string]any)
	return m, ok
}

// compactDecoder reads compact JSON from data at pos.
type compactDecoder struct {
	data []byte
	pos  int
	keys map[string]string
	// members holds the members of the objects being read, innermost
	// last, so that each map is made at its final size.
	members []member
}

// member is one key and value of an object being read.
type member struct {
	key   string
	value any
}

func (d *compactDecoder) value() (any, bool) {
	if d.pos >= len(d.data) {
		return nil, false
	}
	switch c := d.data[d.pos]; {
	case c == '{':
		return d.object()
	case c == '[':
		return d.array()
	case c == '"':
		return d.string()
	case c == 't':
		return true, d.literal("true")
	case c == 'f':
		return false, d.literal("false")
	case c == 'n':
		return nil, d.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		return d.number()
	}
	return nil, false
}

func (d *compactDecoder) literal(lit string) bool {
	if len(d.data)-d.pos < len(lit) || string(d.data[d.pos:d.pos+len(lit)]) != lit {
		return false
	}
	d.pos += len(lit)
	return true
}

func (d *compactDecoder) object() (any, bool) {
	d.pos++ // '{'
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		return map[string]any{}, true
	}
	first := len(d.members)
	defer func() {
		clear(d.members[first:])
		d.members = d.members[:first]
	}()
	for {
		if d.pos >= len(d.data) || d.data[d.pos] != '"' {
			return nil, false
		}
		k, ok := d.key()
		if !ok || d.pos >= len(d.data) || d.data[d.pos] != ':' {
			return nil, false
		}
		d.pos++
		v, ok := d.value()
		if !ok {
			return nil, false
		}
		d.members = append(d.members, member{k, v})
		if d.pos >= len(d.data) {
			return nil, false
		}
		switch d.data[d.pos] {
		case ',':
			d.pos++
		case '}':
			d.pos++
			ms := d.members[first:]
			m := make(map[string]any, len(ms))
			for _, kv := range ms {
				m[kv.key] = kv.value
			}
			return m, true
		default:
			return nil, false
		}
	}
}

func (d *compactDecoder) array() (any, bool) {
	d.pos++ // '['
	a := []any{}
	if d.pos < len(d.data) && d.data[d.pos] == ']' {
		d.pos++
		return a, true
	}
	for {
		v, ok := d.value()
		if !ok {
			return nil, false
		}
		a = append(a, v)
		if d.pos >= len(d.data) {
			return nil, false
		}
		switch d.data[d.pos] {
		case ',':
			d.pos++
		case ']':
			d.pos++
			return a, true
		default:
			return nil, false
		}
	}
}

// key reads an object's key, the string keys holds for it when it holds
// one.
func (d *compactDecoder) key() (string, bool) {
	start := d.pos
	if d.keys != nil {
		if end := plainStringEnd(d.data, start); end > 0 {
			if k, ok := d.keys[string(d.data[start+1:end-1])]; ok {
				d.pos = end
				return k, true
			}
		}
	}
	v, ok := d.string()
	if !ok {
		return "", false
	}
	k := v.(string)
	if d.keys != nil && len(d.keys) < maxKeys {
		d.keys[k] = k
	}
	return k, true
}

// plainStringEnd returns the index just past the string starting at
// data[i] when it has no escape, control character or byte beyond ASCII,
// and 0 otherwise.
func plainStringEnd(data []byte, i int) int {
	for j := i + 1; j < len(data); j++ {
		switch c := data[j]; {
		case c == '"':
			return j + 1
		case c == '\\', c < ' ', c >= utf8.RuneSelf:
			return 0
		}
	}
	return 0
}

// string reads a string. One with escapes, control characters or bytes
// that are not UTF-8 is unquoted by encoding/json.
func (d *compactDecoder) string() (any, bool) {
	start := d.pos
	plain := true
	for i := start + 1; i < len(d.data); i++ {
		switch c := d.data[i]; {
		case c == '"':
			d.pos = i + 1
			if plain {
				return string(d.data[start+1 : i]), true
			}
			var s string
			if err := json.Unmarshal(d.data[start:d.pos], &s); err != nil {
				return nil, false
			}
			return s, true
		case c == '\\':
			plain = false
			i++ // the escaped byte cannot end the string
		case c < ' ':
			return nil, false
		case c >= utf8.RuneSelf:
			plain = false
		}
	}
	return nil, false
}

// number reads a number as encoding/json's grammar allows it.
func (d *compactDecoder) number() (any, bool) {
	start := d.pos
	i := start
	if d.data[i] == '-' {
		i++
	}
	digits := func() bool {
		j := i
		for i < len(d.data) && d.data[i] >= '0' && d.data[i] <= '9' {
			i++
		}
		return i > j
	}
	switch {
	case i < len(d.data) && d.data[i] == '0':
		i++
	case !digits():
		return nil, false
	}
	if i < len(d.data) && d.data[i] == '.' {
		i++
		if !digits() {
			return nil, false
		}
	}
	if i < len(d.data) && (d.data[i] == 'e' || d.data[i] == 'E') {
		i++
		if i < len(d.data) && (d.data[i] == '+' || d.data[i] == '-') {
			i++
		}
		if !digits() {
			return nil, false
		}
	}
	d.pos = i
	return json.Number(d.data[start:i]), true
}
