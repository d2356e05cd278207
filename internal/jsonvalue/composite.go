package jsonvalue

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// nilOrNested wraps the encoder of a pointer, interface, slice or map: nil
// converts to nil, and past maxDepth levels of them the value is left to
// encoding/json, which reports a cycle.
func nilOrNested(convert encoder) encoder {
	return func(c *Converter, v reflect.Value) (any, error) {
		if v.IsNil() {
			return nil, nil
		}
		defer c.leave()
		if !c.enter() {
			return c.viaJSON(v)
		}
		return convert(c, v)
	}
}

// encodeHeld converts the value a (non-nil) interface holds.
func encodeHeld(c *Converter, v reflect.Value) (any, error) {
	e := v.Elem()
	return encoderFor(e.Type())(c, e)
}

// newPointerEncoder converts what a pointer points to.
func newPointerEncoder(t reflect.Type) encoder {
	elem := encoderFor(t.Elem())
	return nilOrNested(func(c *Converter, v reflect.Value) (any, error) {
		return elem(c, v.Elem())
	})
}

// newSliceEncoder converts a slice to []any, or a byte slice to its base64
// string, as encoding/json does.
func newSliceEncoder(t reflect.Type) encoder {
	if t.Elem().Kind() == reflect.Uint8 && !marshalsViaPointer(t.Elem()) {
		return func(_ *Converter, v reflect.Value) (any, error) {
			if v.IsNil() {
				return nil, nil
			}
			return base64String(v.Bytes()), nil
		}
	}
	return nilOrNested(newArrayEncoder(t))
}

// marshalsViaPointer reports whether a *t is a json.Marshaler or an
// encoding.TextMarshaler, which keeps encoding/json from writing a slice of
// t as base64.
func marshalsViaPointer(t reflect.Type) bool {
	p := reflect.PointerTo(t)
	return p.Implements(marshalerType) || p.Implements(textMarshalerType)
}

// newArrayEncoder converts each element of an array or slice, into []any.
func newArrayEncoder(t reflect.Type) encoder {
	elem := encoderFor(t.Elem())
	return func(c *Converter, v reflect.Value) (any, error) {
		out := make([]any, v.Len())
		for i := range out {
			x, err := elem(c, v.Index(i))
			if err != nil {
				return nil, err
			}
			out[i] = x
		}
		return out, nil
	}
}

// newMapEncoder converts a map with string or integer keys to
// map[string]any. Other keys (encoding.TextMarshaler) are left to
// encoding/json.
func newMapEncoder(t reflect.Type) encoder {
	key := mapKey(t.Key())
	if key == nil {
		return encodeMarshaler
	}
	elem := encoderFor(t.Elem())
	return nilOrNested(func(c *Converter, v reflect.Value) (any, error) {
		out := make(map[string]any, v.Len())
		for it := v.MapRange(); it.Next(); {
			k := key(it.Key())
			if !utf8.ValidString(k) {
				return sortedMap(c, v, key, elem)
			}
			x, err := elem(c, it.Value())
			if err != nil {
				return nil, err
			}
			out[k] = x
		}
		return out, nil
	})
}

// mapKey returns how encoding/json names a map's keys of type t, or nil
// when it is not a string or an integer.
func mapKey(t reflect.Type) func(reflect.Value) string {
	switch t.Kind() {
	case reflect.String:
		return reflect.Value.String
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(k reflect.Value) string { return strconv.FormatInt(k.Int(), 10) }
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return func(k reflect.Value) string { return strconv.FormatUint(k.Uint(), 10) }
	}
	return nil
}

// sortedMap converts a map some of whose keys are not UTF-8: their invalid
// bytes become U+FFFD, so keys may collide, and of colliding keys the one
// encoding/json writes last (sorting the original keys) is the one a
// decoder keeps.
func sortedMap(c *Converter, v reflect.Value, key func(reflect.Value) string, elem encoder) (any, error) {
	type entry struct {
		key   string
		value reflect.Value
	}
	entries := make([]entry, 0, v.Len())
	for it := v.MapRange(); it.Next(); {
		entries = append(entries, entry{key(it.Key()), it.Value()})
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.key, b.key) })
	out := make(map[string]any, len(entries))
	for _, e := range entries {
		x, err := elem(c, e.value)
		if err != nil {
			return nil, err
		}
		out[validString(e.key)] = x
	}
	return out, nil
}
