package jsonvalue

import (
	"encoding"
	"encoding/json"
	"reflect"
	"sync"
	"time"
)

// encoder converts one value of the type it was planned for.
type encoder func(c *Converter, v reflect.Value) (any, error)

// plans caches each type's encoder (reflect.Type → encoder).
var plans sync.Map

var (
	marshalerType     = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
	timeType          = reflect.TypeFor[time.Time]()
	numberType        = reflect.TypeFor[json.Number]()
)

// encoderFor returns t's encoder, planning it on first use. A type that
// contains itself gets, while it is planned, an encoder that waits for the
// plan, as encoding/json does.
func encoderFor(t reflect.Type) encoder {
	if e, ok := plans.Load(t); ok {
		return e.(encoder)
	}
	var (
		wg sync.WaitGroup
		f  encoder
	)
	wg.Add(1)
	e, loaded := plans.LoadOrStore(t, encoder(func(c *Converter, v reflect.Value) (any, error) {
		wg.Wait()
		return f(c, v)
	}))
	if loaded {
		return e.(encoder)
	}
	f = newEncoder(t)
	wg.Done()
	plans.Store(t, f)
	return f
}

// newEncoder plans t, choosing as encoding/json chooses: a type's own
// marshaling first, then its kind.
func newEncoder(t reflect.Type) encoder {
	switch {
	case t == timeType:
		return encodeTime
	case t == numberType || marshals(t):
		return encodeMarshaler
	}
	switch t.Kind() {
	case reflect.Bool:
		return encodeBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return encodeInt
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return encodeUint
	case reflect.Float32:
		return encodeFloat32
	case reflect.Float64:
		return encodeFloat64
	case reflect.String:
		return encodeString
	case reflect.Interface:
		return nilOrNested(encodeHeld)
	case reflect.Pointer:
		return newPointerEncoder(t)
	case reflect.Struct:
		return newStructEncoder(t)
	case reflect.Map:
		return newMapEncoder(t)
	case reflect.Slice:
		return newSliceEncoder(t)
	case reflect.Array:
		return newArrayEncoder(t)
	}
	// Channels, functions, complex numbers: encoding/json reports them.
	return encodeMarshaler
}

// marshals reports whether encoding/json leaves a value of type t (or, when
// addressable, its address) to a json.Marshaler or encoding.TextMarshaler.
func marshals(t reflect.Type) bool {
	if t.Implements(marshalerType) || t.Implements(textMarshalerType) {
		return true
	}
	p := reflect.PointerTo(t)
	return t.Kind() != reflect.Pointer && (p.Implements(marshalerType) || p.Implements(textMarshalerType))
}

// encodeMarshaler converts v through encoding/json. An addressable value is
// encoded through its address, so that methods on the pointer apply, as
// they do when encoding/json reaches the value.
func encodeMarshaler(c *Converter, v reflect.Value) (any, error) {
	switch {
	case (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil():
		return nil, nil
	case v.Kind() != reflect.Pointer && v.Kind() != reflect.Interface && v.CanAddr():
		return c.viaJSON(v.Addr())
	}
	return c.viaJSON(v)
}

// encodeTime converts a time.Time as its MarshalJSON writes it, an RFC 3339
// string that needs no escaping.
func encodeTime(_ *Converter, v reflect.Value) (any, error) {
	var t *time.Time
	if v.CanAddr() {
		t = v.Addr().Interface().(*time.Time) // no copy of the value
	} else {
		t = new(v.Interface().(time.Time))
	}
	b, err := t.MarshalJSON()
	if err != nil {
		return nil, &json.MarshalerError{Type: timeType, Err: err}
	}
	return string(b[1 : len(b)-1]), nil
}

func encodeBool(_ *Converter, v reflect.Value) (any, error) { return v.Bool(), nil }

func encodeInt(_ *Converter, v reflect.Value) (any, error) { return intNumber(v.Int()), nil }

func encodeUint(_ *Converter, v reflect.Value) (any, error) { return uintNumber(v.Uint()), nil }

func encodeFloat32(_ *Converter, v reflect.Value) (any, error) { return floatNumber(v.Float(), 32) }

func encodeFloat64(_ *Converter, v reflect.Value) (any, error) { return floatNumber(v.Float(), 64) }

func encodeString(_ *Converter, v reflect.Value) (any, error) { return validString(v.String()), nil }
