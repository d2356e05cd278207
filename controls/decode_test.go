package controls

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"
	"unsafe"

	"github.com/tollgate-dev/tollgate/internal/jsontest"
)

// stdDecode is what decodeCompact must equal: a json.Decoder with
// UseNumber.
func stdDecode(t testing.TB, data []byte) (map[string]any, bool) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, false
	}
	return m, true
}

func TestDecodeCompactIsDecoder(t *testing.T) {
	for _, src := range []string{
		`{}`,
		`{"a":{},"b":[],"c":[{}],"d":null,"e":true,"f":false}`,
		`{"n":[0,-1,12.5,-0.25e+3,1E-7,123456789012345678901234567890]}`,
		`{"s":"plain","q":"a\"b\\c","u":"\u00e9\u2028\ud83d\ude00","ctl":"\n\t\u0001","html":"\u003c\u0026\u003e"}`,
		`{"dup":1,"dup":2}`,
		`{"unicode":"déjà vu 😀"}` + "\n",
		"{\"bad\":\"\xff\xfe\"}",
		`{"k\"ey":"v"}`,
	} {
		want, ok := stdDecode(t, []byte(src))
		if !ok {
			t.Fatalf("%s does not decode", src)
		}
		got, ok := decodeCompact([]byte(src), nil)
		if !ok {
			t.Errorf("decodeCompact(%s) gave up", src)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("decodeCompact(%s)\n got %#v\nwant %#v", src, got, want)
		}
	}
}

// TestDecodeCompactGivesUp checks that what is not one compact object is
// left to encoding/json.
func TestDecodeCompactGivesUp(t *testing.T) {
	for _, src := range []string{``, `null`, `[]`, `"s"`, `{ }`, `{"a": 1}`, `{"a":1} `, `{"a":1}{}`, `{"a":01}`,
		`{"a":1.}`, `{"a":-}`, `{"a":tru}`, `{"a":"x`, "{\"a\":\"\x01\"}", `{"a":[1,]}`, `{"a":1,}`, `{a:1}`} {
		if m, ok := decodeCompact([]byte(src), nil); ok {
			t.Errorf("decodeCompact(%q) = %v, want it to give up", src, m)
		}
	}
}

// TestDecodeCompactOfEncodedValues compares the two on random values as
// json.Marshal writes them, decoded with and without shared keys, and by
// one decoder that has just given up on the first half of the value.
func TestDecodeCompactOfEncodedValues(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	keys := map[string]string{}
	reused := compactDecoder{keys: map[string]string{}}
	for i := range 3000 {
		v := map[string]any{"v": jsontest.Value(r), "w": jsontest.Value(r)}
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := stdDecode(t, data)
		for _, keys := range []map[string]string{nil, keys} {
			got, ok := decodeCompact(data, keys)
			if !ok || !reflect.DeepEqual(got, want) {
				t.Fatalf("value %d: decodeCompact(%s) = %#v, %v\nwant %#v", i, data, got, ok, want)
			}
		}
		if m, ok := reused.decode(data[:len(data)/2]); ok {
			t.Fatalf("value %d: decode(%s) = %#v, want it to give up", i, data[:len(data)/2], m)
		}
		if got, ok := reused.decode(data); !ok || !reflect.DeepEqual(got, want) {
			t.Fatalf("value %d: reused decoder: decode(%s) = %#v, %v\nwant %#v", i, data, got, ok, want)
		}
	}
	if len(keys) != maxKeys {
		t.Errorf("%d keys are shared, want the most a decoder keeps, %d", len(keys), maxKeys)
	}
	for k, v := range keys {
		if k != v {
			t.Errorf("key %q is shared as %q", k, v)
		}
	}
}

// TestDecoderSharesKeys checks that the keys of the subjects a Decoder
// decodes share their strings.
func TestDecoderSharesKeys(t *testing.T) {
	var d Decoder
	var first string
	for i := range 2 {
		m, err := d.Decode([]byte(`{"name":"a","env":{"TOKEN":"x"}}`))
		if err != nil {
			t.Fatal(err)
		}
		for k := range m["env"].(map[string]any) {
			if i == 0 {
				first = k
			} else if unsafe.StringData(k) != unsafe.StringData(first) {
				t.Error("the second subject's key is a copy of the first's")
			}
		}
	}
}

func FuzzDecodeCompact(f *testing.F) {
	for _, s := range []string{`{}`, `{"a":[1,{"b":"\\\""}]}`, `{"n":-0.5e3}`, "{\"x\":\"\xff\"}"} {
		f.Add([]byte(s))
	}
	keys := map[string]string{}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, ok := decodeCompact(data, keys)
		if !ok {
			return
		}
		want, wok := stdDecode(t, data)
		if !wok || !reflect.DeepEqual(got, want) {
			t.Fatalf("decodeCompact(%q) = %#v, encoding/json %#v (ok %v)", data, got, want, wok)
		}
	})
}
