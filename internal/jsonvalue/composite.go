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
	plan := newObjectPlan()
	reuse := sameAddressable(t.Elem(), map[reflect.Type]bool{})
	return nilOrNested(func(c *Converter, v reflect.Value) (any, error) {
		// Each key, and where it converts the same each value, is copied
		// into one variable of its type, which the converted value does not
		// refer to, rather than into a new one each (MapIter.Value).
		k, e := reflect.New(t.Key()).Elem(), reflect.Value{}
		if reuse {
			e = reflect.New(t.Elem()).Elem()
		}
		out := c.newMap(plan, v.Len())
		for it := v.MapRange(); it.Next(); {
			k.SetIterKey(it)
			name := key(k)
			if !utf8.ValidString(name) {
				return sortedMap(c, v, key, elem)
			}
			value := e
			if reuse {
				e.SetIterValue(it)
			} else {
				value = it.Value()
			}
			x, err := elem(c, value)
			if err != nil {
				return nil, err
			}
			out[name] = x
		}
		return out, nil
	})
}

// sameAddressable reports whether a value of type t converts the same
// whether or not it is addressable: no part of it reached without a
// pointer has marshaling methods on its pointer alone, which encoding/json
// calls only for addressable values. seen holds the struct types being
// checked.
func sameAddressable(t reflect.Type, seen map[reflect.Type]bool) bool {
	if !t.Implements(marshalerType) && !t.Implements(textMarshalerType) && marshalsViaPointer(t) {
		return false
	}
	switch t.Kind() {
	case reflect.Array:
		return sameAddressable(t.Elem(), seen)
	case reflect.Struct:
		if seen[t] {
			return true
		}
		seen[t] = true
		for i := range t.NumField() {
			if !sameAddressable(t.Field(i).Type, seen) {
				return false
			}
		}
	}
	return true
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
