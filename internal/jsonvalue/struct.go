package jsonvalue

import (
	"reflect"
	"sync/atomic"
)

// member is one planned member of a struct's object.
type member struct {
	name      string
	index     []int
	omitEmpty bool
	encode    encoder
}

// newStructEncoder converts a struct to map[string]any keyed by the
// members structFields resolves. A struct with a member whose options this
// package does not reproduce is left to encoding/json whole.
func newStructEncoder(t reflect.Type) encoder {
	fields := structFields(t)
	members := make([]member, len(fields))
	for i, f := range fields {
		if f.special {
			return encodeMarshaler
		}
		members[i] = member{name: f.name, index: f.index, omitEmpty: f.omitEmpty}
	}
	// Encoders are planned after the members, so that a struct left to
	// encoding/json plans none for its fields.
	for i := range members {
		members[i].encode = encoderFor(t.FieldByIndex(members[i].index).Type)
	}
	plan := newObjectPlan()
	return func(c *Converter, v reflect.Value) (any, error) {
		// The members are gathered on the Converter's stack first, so
		// that the map is made at its final size.
		start := len(c.pairs)
		for i := range members {
			m := &members[i]
			fv, ok := fieldOf(v, m.index)
			if !ok || m.omitEmpty && isEmpty(fv) {
				continue
			}
			x, err := m.encode(c, fv)
			if err != nil {
				c.pairs = c.pairs[:start]
				return nil, err
			}
			c.pairs = append(c.pairs, pair{m.name, x})
		}
		out := c.newMap(plan, len(c.pairs)-start)
		for _, p := range c.pairs[start:] {
			out[p.key] = p.value
		}
		clear(c.pairs[start:]) // let go of the values
		c.pairs = c.pairs[:start]
		return out, nil
	}
}

// objectPlans counts the planned structs and maps, whose objects are
// numbered by it for Converter.Recycle.
var objectPlans atomic.Int64

// newObjectPlan numbers the plan of a struct or a map.
func newObjectPlan() int { return int(objectPlans.Add(1) - 1) }

// pair is a member of an object being converted.
type pair struct {
	key   string
	value any
}

// fieldOf follows index from struct v, through embedded pointers; ok is
// false when one of them is nil.
func fieldOf(v reflect.Value, index []int) (reflect.Value, bool) {
	if len(index) == 1 {
		return v.Field(index[0]), true
	}
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, true
}

// isEmpty reports whether ",omitempty" drops v, as encoding/json decides.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}
