// Package jsonvalue turns Go values into the values their JSON decodes to,
// without writing the JSON: what encoding/json's Marshal followed by a
// decoder with UseNumber (such as controls.Decoder) gives, that is
// map[string]any for objects, []any for arrays, string, bool, nil and
// json.Number, with the same keys, omissions and formatting.
//
// How each Go type converts is planned once, by reflection, and cached.
// A time.Time converts to the string its MarshalJSON writes. Other values
// whose JSON encoding/json leaves to the type itself (json.Marshaler,
// encoding.TextMarshaler) and structs with options this package does not
// reproduce (",string", ",omitzero") are encoded with encoding/json and
// decoded, that value alone.
package jsonvalue

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/tollgate-dev/tollgate/controls"
)

// maxDepth is how deep a Converter follows pointers, maps, slices and
// interfaces before it hands the rest to encoding/json, which detects
// cycles.
const maxDepth = 1000

// A Converter converts values for one goroutine at a time. Object keys are
// shared strings: a struct's keys are those of its cached plan, and the
// keys of values that fall back to encoding/json are shared by the
// Converter's decoder.
type Converter struct {
	depth int
	// pairs holds the members of the structs being converted, innermost
	// last.
	pairs []pair
	buf   bytes.Buffer
	enc   *json.Encoder
	dec   controls.Decoder
	// recycling is set by the first Recycle: from then on the maps made
	// for structs and maps are listed in made, and Recycle puts them in
	// spare, by plan, for the next conversions to reuse.
	recycling bool
	made      []madeMap
	spare     [][]map[string]any
}

// madeMap is a map made for a struct or map of the plan numbered plan.
type madeMap struct {
	plan int
	m    map[string]any
}

// Value returns what v's JSON (as json.Marshal writes it) decodes to.
func (c *Converter) Value(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	c.depth, c.pairs = 0, c.pairs[:0]
	rv := reflect.ValueOf(v)
	return encoderFor(rv.Type())(c, rv)
}

// Map is Value for a value whose JSON is an object, such as a struct or a
// pointer to one.
func (c *Converter) Map(v any) (map[string]any, error) {
	x, err := c.Value(v)
	if err != nil {
		return nil, err
	}
	m, ok := x.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%T does not encode to a JSON object", v)
	}
	return m, nil
}

// Recycle lets the Converter reuse the maps it made for structs and maps
// in the values it returned so far: the caller must hold none of those values, nor
// anything in them, any more. A caller converting many values one at a
// time, each dropped before the next, saves most of their allocation.
func (c *Converter) Recycle() {
	for _, sm := range c.made {
		clear(sm.m)
		if sm.plan >= len(c.spare) {
			c.spare = append(c.spare, make([][]map[string]any, sm.plan+1-len(c.spare))...)
		}
		c.spare[sm.plan] = append(c.spare[sm.plan], sm.m)
	}
	clear(c.made)
	c.made = c.made[:0]
	c.recycling = true
}

// newMap returns an empty map for a struct or map of the given plan with n
// members: a spare one once the Converter recycles (see Recycle).
func (c *Converter) newMap(plan, n int) map[string]any {
	if !c.recycling {
		return make(map[string]any, n)
	}
	var m map[string]any
	if plan < len(c.spare) && len(c.spare[plan]) > 0 {
		free := c.spare[plan]
		m = free[len(free)-1]
		free[len(free)-1] = nil
		c.spare[plan] = free[:len(free)-1]
	} else {
		m = make(map[string]any, n)
	}
	c.made = append(c.made, madeMap{plan, m})
	return m
}

// viaJSON encodes v with encoding/json and decodes it with the
// Converter's decoder, inside an object so that any JSON value decodes.
func (c *Converter) viaJSON(v reflect.Value) (any, error) {
	if c.enc == nil {
		c.enc = json.NewEncoder(&c.buf)
		c.enc.SetEscapeHTML(false)
	}
	c.buf.Reset()
	c.buf.WriteString(`{"v":`)
	if err := c.enc.Encode(v.Interface()); err != nil {
		return nil, err
	}
	c.buf.Truncate(c.buf.Len() - 1) // the Encoder's newline
	c.buf.WriteByte('}')
	m, err := c.dec.Decode(c.buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", v.Type(), err)
	}
	return m["v"], nil
}

// enter counts one more level of nesting, reporting false past maxDepth.
func (c *Converter) enter() bool {
	c.depth++
	return c.depth <= maxDepth
}

// leave undoes enter.
func (c *Converter) leave() { c.depth-- }
