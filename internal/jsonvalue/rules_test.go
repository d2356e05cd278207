package jsonvalue_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/internal/jsonvalue"
)

// Types exercising encoding/json's rules for embedded structs: of fields
// sharing a name, the shallowest wins, then a tagged one; ties vanish.
type (
	inA struct {
		X int
		Y string `json:"y"`
	}
	inB struct {
		X int
		Y string
	}
	inC struct {
		Z int `json:"X"`
	}
	inner struct {
		Q int
		R string `json:"r,omitempty"`
	}
	wrapA1 struct{ inA }
	wrapA2 struct{ inA }

	embedConflict struct {
		inA
		inB
	}
	embedDominant struct {
		inA
		inC
	}
	embedShallow struct {
		inA
		X string
	}
	embedPointer struct {
		*inA
		N int `json:"n"`
	}
	embedUnexported struct{ inner }
	names           []string
	embedNonStruct  struct{ names }
	embedTwice      struct {
		wrapA1
		wrapA2
		W int
	}
	embedTagged struct {
		inA    `json:"a"`
		*inner `json:"in,omitempty"`
	}
)

// omitEvery has ",omitempty" on every kind.
type omitEvery struct {
	B   bool              `json:"b,omitempty"`
	I   int               `json:"i,omitempty"`
	I8  int8              `json:"i8,omitempty"`
	U   uint16            `json:"u,omitempty"`
	F   float32           `json:"f,omitempty"`
	F64 float64           `json:"f64,omitempty"`
	S   string            `json:"s,omitempty"`
	P   *int              `json:"p,omitempty"`
	A   any               `json:"a,omitempty"`
	L   []string          `json:"l,omitempty"`
	M   map[string]bool   `json:"m,omitempty"`
	Ar  [0]int            `json:"ar,omitempty"`
	Ar2 [2]int            `json:"ar2,omitempty"`
	St  inner             `json:"st,omitempty"`
	T   time.Time         `json:"t,omitempty"`
	By  []byte            `json:"by,omitempty"`
	MM  map[string][]bool `json:",omitempty"`
}

// pointers holds pointers to structs, to pointers and to scalars.
type pointers struct {
	S  *inner
	PP **inA
	PI *int    `json:"pi"`
	PS *string `json:"ps"`
	L  []*inner
	M  map[string]*inner
}

// holder holds interfaces with maps, slices and structs in them.
type holder struct {
	Any   any
	Anys  []any
	Map   map[string]any
	Err   error // a non-empty interface: nil, or encoded as what it holds
	Named names
}

// Marshalers of each sort, on values and pointers.
type (
	valueMarshaler   struct{ N int }
	pointerMarshaler struct{ N int }
	textKey          string
	textValue        struct{ S string }
	textBytes        []byte
	textByte         byte
)

func (v valueMarshaler) MarshalJSON() ([]byte, error) {
	return []byte("{\"n\" : " + strings.Repeat("1", int(uint(v.N)%5)+1) + ", \"list\":[1, \"\\u00e9\xff\"]}"), nil
}

func (p *pointerMarshaler) MarshalJSON() ([]byte, error) {
	return []byte(`[true,  null]`), nil
}

func (k textKey) MarshalText() ([]byte, error)   { return []byte("key-" + string(k)), nil }
func (v textValue) MarshalText() ([]byte, error) { return []byte("text:" + v.S), nil }
func (b textBytes) MarshalText() ([]byte, error) { return []byte("bytes"), nil }
func (b *textByte) MarshalText() ([]byte, error) { return []byte("b"), nil }

// marshalers holds values encoding/json leaves to their own methods.
type marshalers struct {
	V      valueMarshaler
	PV     *valueMarshaler
	P      pointerMarshaler
	PP     *pointerMarshaler
	InMap  map[string]pointerMarshaler
	InList []pointerMarshaler
	Text   textValue
	Keys   map[textKey]int
	Bytes  textBytes
	Bytes2 []textByte
	Raw    json.RawMessage
	Num    json.Number
	When   time.Time
	PWhen  *time.Time
	Any    any
}

// options uses the tag options this package leaves to encoding/json.
type options struct {
	Q  int     `json:"q,string"`
	QS string  `json:"qs,string,omitempty"`
	QB *bool   `json:"qb,string"`
	Z  inner   `json:"z,omitzero"`
	F  float64 `json:"f"`
}

// bytesAndArrays holds byte slices (base64) and arrays (lists).
type bytesAndArrays struct {
	B     []byte
	Named []uint8
	Arr   [4]byte
	Ints  [3]int
	Empty [0]string
	Lists [][]byte
}

// keyed holds maps with integer and named string keys.
type keyed struct {
	Ints  map[int]string
	Uints map[uint8]bool
	Named map[names2]inner
}

type names2 string

// badTag has tags encoding/json ignores for names.
type badTag struct {
	A int `json:"a\\b"`
	B int `json:"\"q\""`
	C int `json:",omitempty"`
	D int `json:"-,"`
	E int `json:"-"`
	F int `json:"ok-name.1"`
}

// node is a recursive type.
type node struct {
	Name string
	Kids []node
	Next *node `json:",omitempty"`
}

// TestRulesConvertAsJSON converts hand-made values for each rule.
func TestRulesConvertAsJSON(t *testing.T) {
	n := 5
	ip := &n
	cases := map[string]any{
		"conflict":    embedConflict{inA{1, "a"}, inB{2, "b"}},
		"dominant":    embedDominant{inA{1, "a"}, inC{3}},
		"shallow":     embedShallow{inA{1, "a"}, "x"},
		"nil pointer": embedPointer{N: 2},
		"pointer":     &embedPointer{&inA{1, "y"}, 2},
		"unexported":  embedUnexported{inner{1, ""}},
		"non-struct":  embedNonStruct{names{"a"}},
		"twice":       embedTwice{wrapA1{inA{1, "a"}}, wrapA2{inA{2, "b"}}, 3},
		"tagged":      embedTagged{inA: inA{1, "a"}},
		"omit zero":   omitEvery{},
		"omit full": omitEvery{true, 1, -1, 2, 0.5, 1e-7, "s", ip, map[string]any{}, []string{}, map[string]bool{},
			[0]int{}, [2]int{}, inner{}, time.Unix(0, 0), []byte{}, map[string][]bool{"": nil}},
		"pointers": pointers{S: &inner{Q: 1}, PP: func() **inA { p := &inA{X: 1}; return &p }(), PI: ip,
			L: []*inner{nil, {R: "r"}}, M: map[string]*inner{"a": nil, "b": {}}},
		"interfaces": holder{Any: map[string]any{"k": []any{1, "x", map[string]int{"n": 2}}}, Anys: []any{nil, inner{}, &inA{}},
			Map: map[string]any{"m": map[string]string{"a": "b"}}, Err: errors.New("x"), Named: names{}},
		"marshalers": &marshalers{V: valueMarshaler{3}, PV: &valueMarshaler{}, PP: &pointerMarshaler{},
			InMap: map[string]pointerMarshaler{"a": {}}, InList: []pointerMarshaler{{}}, Text: textValue{"t"},
			Keys: map[textKey]int{"a": 1}, Bytes: textBytes("x"), Bytes2: []textByte{1}, Raw: json.RawMessage(`{"a" : [1,2]}`),
			Num: "1.50", When: time.Date(2026, 1, 2, 3, 4, 5, 600, time.FixedZone("", 3600)), Any: valueMarshaler{}},
		"marshalers by value": marshalers{P: pointerMarshaler{1}, InList: []pointerMarshaler{}},
		"options":             options{Q: 3, QS: "s", QB: new(bool), F: 2},
		"bytes":               bytesAndArrays{B: []byte("hello\xff"), Named: []uint8{}, Arr: [4]byte{1, 2}, Lists: [][]byte{nil, {}}},
		"keys":                keyed{Ints: map[int]string{-1: "a", 2: "b"}, Uints: map[uint8]bool{255: true}, Named: map[names2]inner{"k\xff": {}}},
		"colliding keys":      map[string]int{"a\xff": 1, "a\xfe": 2, "a\ufffd": 3},
		"bad tags":            badTag{1, 2, 3, 4, 5, 6},
		"recursive":           &node{"a", []node{{Name: "b"}, {Name: "c", Kids: []node{}}}, &node{Name: "d"}},
		"float32":             []float32{1e-7, 3.4e38, 0.1, 16777216},
		"top-level scalars":   []any{"a\xff", 1.5, uint64(math.MaxUint64), nil, true},
		"top-level nil":       nil,
		"NaN":                 map[string]any{"n": math.NaN()},
		"infinity":            []float32{float32(math.Inf(1))},
		"channel":             map[string]any{"c": make(chan int)},
		"cycle": func() any {
			m := map[string]any{}
			m["self"] = m
			return m
		}(),
	}
	fails := map[string]bool{"NaN": true, "infinity": true, "channel": true, "cycle": true}
	var c jsonvalue.Converter
	for name, v := range cases {
		sameAsJSON(t, &c, name, v)
		if _, err := c.Value(v); (err != nil) != fails[name] {
			t.Errorf("%s: error %v, want one: %t", name, err, fails[name])
		}
	}
}

// TestMapKeysAreShared checks that the keys of converted structs are the
// plan's strings, shared by every value of the type.
func TestMapKeysAreShared(t *testing.T) {
	var c jsonvalue.Converter
	a, err := c.Map(&inner{Q: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.Map(inner{Q: 2})
	if err != nil {
		t.Fatal(err)
	}
	if keyData(a, "Q") != keyData(b, "Q") {
		t.Error("the key Q of two values is two strings")
	}
	if _, err := c.Map([]int{1}); err == nil {
		t.Error("a slice converted to a map")
	}
}

// TestConvertersSharePlans converts values of types no test converted
// before from several goroutines at once, each with its own Converter, so
// that plans are made and read concurrently (run with -race).
func TestConvertersSharePlans(t *testing.T) {
	type leaf struct {
		A string `json:"a"`
		N []int  `json:"n,omitempty"`
	}
	type tree struct {
		Leaves map[string]leaf
		Self   *tree `json:",omitempty"`
	}
	v := &tree{Leaves: map[string]leaf{"x": {A: "\xff", N: []int{1}}}, Self: &tree{}}
	want, err := roundTrip(v)
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			var c jsonvalue.Converter
			got, err := c.Value(v)
			if err == nil && !reflect.DeepEqual(got, want) {
				err = fmt.Errorf("converted %#v, want %#v", got, want)
			}
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// TestRecycledMapsAreReused checks that after Recycle a Converter fills the
// maps it made before, emptied, and that until then it makes new ones.
func TestRecycledMapsAreReused(t *testing.T) {
	type member struct {
		A string `json:"a,omitempty"`
		B int    `json:"b,omitempty"`
	}
	type value struct {
		M  member   `json:"m"`
		L  []member `json:"l"`
		ID string   `json:"id"`
	}
	first := &value{M: member{A: "x", B: 1}, L: []member{{A: "y"}}, ID: "one"}
	second := &value{M: member{B: 2}, L: []member{{B: 3}, {A: "z"}}, ID: "two"}
	var c jsonvalue.Converter
	c.Recycle()
	a, err := c.Map(first)
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.Map(second)
	if err != nil {
		t.Fatal(err)
	}
	if sameMap(a, b) {
		t.Fatal("two values converted before a Recycle share a map")
	}
	c.Recycle()
	sameAsJSON(t, &c, "second value into recycled maps", second)
	c.Recycle()
	again, err := c.Map(first)
	if err != nil {
		t.Fatal(err)
	}
	if !sameMap(again, a) && !sameMap(again, b) {
		t.Error("no map made before the Recycle was reused")
	}
	if want, _ := roundTrip(first); !reflect.DeepEqual(any(again), want) {
		t.Errorf("converted into recycled maps\n%s\nwant\n%s", show(again), show(want))
	}
}

// sameMap reports whether a and b are one map.
func sameMap(a, b map[string]any) bool {
	return reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer()
}
