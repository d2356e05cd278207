package jsonvalue_test

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/jsonvalue"
)

// TestRandomValuesConvertAsJSON fills every subject type, and the rule
// types of this package's tests, with random data (strings that are not
// UTF-8, nil and empty slices and maps, odd numbers, interfaces holding
// maps) and requires each conversion to equal its JSON round trip.
func TestRandomValuesConvertAsJSON(t *testing.T) {
	types := []any{
		evidence.Server{}, evidence.Client{}, evidence.Gateway{}, evidence.Workload{},
		evidence.Endpoint{}, evidence.Tool{}, evidence.Source{},
		embedConflict{}, embedDominant{}, embedShallow{}, embedPointer{}, embedUnexported{},
		embedNonStruct{}, embedTwice{}, embedTagged{}, omitEvery{}, pointers{}, holder{},
		marshalers{}, options{}, bytesAndArrays{}, keyed{}, badTag{}, node{},
	}
	r := rand.New(rand.NewPCG(1, 2))
	var c jsonvalue.Converter
	const rounds = 200
	for _, x := range types {
		typ := reflect.TypeOf(x)
		for i := range rounds {
			p := reflect.New(typ)
			fill(r, p.Elem(), 0)
			sameAsJSON(t, &c, typ.String(), p.Interface())
			if _, err := c.Value(p.Interface()); err != nil {
				t.Errorf("%s: %v", typ, err)
			}
			if i%2 == 0 {
				sameAsJSON(t, &c, typ.String()+" (by value)", p.Elem().Interface())
			}
		}
	}
}

// oddStrings are strings encoding/json changes or escapes.
var oddStrings = []string{
	"", "a", "café", "a\xffb", "\xff", "\xe2\x28\xa1", "\xed\xa0\x80", "\xf0\x9f\x98", "\ufffd", "a\ufffd",
	"<&>", "\u2028\u2029", "\"\\\n\t\x00\x1f", "${env:TOKEN}", "https://x.example/?a=1&b=2", "😀",
}

// oddNumbers are integers and floats at the edges of encoding/json's
// formatting.
var oddFloats = []float64{
	0, math.Copysign(0, -1), 1, -1.5, 0.1, 1e-6, 9.99e-7, 1e-7, 1e20, 1e21, 123456789.125,
	math.MaxFloat64, math.SmallestNonzeroFloat64, 3.4e38, 1.17549435e-38, 2.5e-9,
}

var oddInts = []int64{0, 1, -1, 7, 1023, 1024, 65535, -65536, math.MaxInt32, math.MinInt64, math.MaxInt64}

// fill sets v, which must be settable, to random data.
func fill(r *rand.Rand, v reflect.Value, depth int) {
	if v.Type() == reflect.TypeFor[time.Time]() {
		zones := []*time.Location{time.UTC, time.FixedZone("x", -5*3600-1800), time.FixedZone("y", 3600)}
		if r.IntN(4) > 0 {
			v.Set(reflect.ValueOf(time.Unix(r.Int64N(4e9)-1e9, r.Int64N(1e9)).In(zones[r.IntN(len(zones))])))
		}
		return
	}
	switch v.Type() {
	case reflect.TypeFor[json.Number]():
		v.SetString([]string{"", "0", "-1.50", "1e400", "12345678901234567890"}[r.IntN(5)])
		return
	case reflect.TypeFor[json.RawMessage]():
		raws := []string{"", "null", `{"a" : [1, 2.50, "\u00e9"]}`, " \"x\xff\" ", "[]"}
		if raw := raws[r.IntN(len(raws))]; raw != "" {
			v.SetBytes([]byte(raw))
		}
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n := oddInts[r.IntN(len(oddInts))]
		if v.OverflowInt(n) {
			n = int64(int8(n))
		}
		v.SetInt(n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		n := uint64(oddInts[r.IntN(len(oddInts))])
		if v.OverflowUint(n) {
			n = uint64(uint8(n))
		}
		v.SetUint(n)
	case reflect.Float32, reflect.Float64:
		f := oddFloats[r.IntN(len(oddFloats))]
		if v.OverflowFloat(f) {
			f = float64(float32(f / 1e300))
		}
		v.SetFloat(f)
	case reflect.String:
		v.SetString(oddStrings[r.IntN(len(oddStrings))])
	case reflect.Pointer:
		if r.IntN(3) > 0 && depth < 6 {
			v.Set(reflect.New(v.Type().Elem()))
			fill(r, v.Elem(), depth+1)
		}
	case reflect.Interface:
		if v.NumMethod() == 0 && r.IntN(3) > 0 {
			v.Set(reflect.ValueOf(anyValue(r, depth)))
		}
	case reflect.Slice:
		if r.IntN(4) == 0 || depth >= 6 {
			return // nil
		}
		n := r.IntN(4) // 0: empty, not nil
		v.Set(reflect.MakeSlice(v.Type(), n, n))
		for i := range n {
			fill(r, v.Index(i), depth+1)
		}
	case reflect.Array:
		for i := range v.Len() {
			fill(r, v.Index(i), depth+1)
		}
	case reflect.Map:
		if r.IntN(4) == 0 || depth >= 6 {
			return // nil
		}
		v.Set(reflect.MakeMap(v.Type()))
		for range r.IntN(4) {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(r, k, depth+1)
			fill(r, e, depth+1)
			v.SetMapIndex(k, e)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Field(i); f.CanSet() && r.IntN(5) > 0 {
				fill(r, f, depth+1)
			}
		}
	}
}

// anyValue is a random value such as decoded JSON, tool schemas and
// annotations hold.
func anyValue(r *rand.Rand, depth int) any {
	switch n := r.IntN(10); {
	case n == 0 || depth >= 5:
		return oddStrings[r.IntN(len(oddStrings))]
	case n == 1:
		return oddFloats[r.IntN(len(oddFloats))]
	case n == 2:
		return json.Number("12.50")
	case n == 3:
		return r.IntN(2) == 0
	case n == 4:
		return oddInts[r.IntN(len(oddInts))]
	case n == 5:
		return []any{anyValue(r, depth+1), nil, anyValue(r, depth+1)}
	case n == 6:
		return []string{}
	case n == 7:
		return map[string]any{"type": "object", oddStrings[r.IntN(len(oddStrings))]: anyValue(r, depth+1)}
	case n == 8:
		return evidence.Value{Kind: evidence.ValueLiteral, Text: oddStrings[r.IntN(len(oddStrings))]}
	}
	return map[string]int{"a\xff": 1, "a\xfe": 2, "a\ufffd": 3, "b": 4}
}
