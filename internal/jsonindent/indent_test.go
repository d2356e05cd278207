package jsonindent

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/internal/jsontest"
)

// stdIndent is what Append must equal.
func stdIndent(t testing.TB, src []byte, prefix, indent string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := json.Indent(&b, src, prefix, indent); err != nil {
		t.Fatalf("json.Indent(%q): %v", src, err)
	}
	return b.Bytes()
}

func TestAppendIsIndent(t *testing.T) {
	tests := []struct {
		name string
		src  string
	}{
		{"empty object", `{}`},
		{"empty array", `[]`},
		{"empty members", `{"a":{},"b":[],"c":[{}],"d":[[]]}`},
		{"nested", `{"a":[1,2,{"b":null,"c":true,"d":false}],"e":{"f":"g"}}`},
		{"scalars", `"top"`},
		{"number", `-12.5e+3`},
		{"literal", `null`},
		{"escaped quotes", `{"a\"b":"c\\","d":"\\\"","e":"\\\\"}`},
		{"punctuation in strings", `{"a":"{[,:]}","b":"\u003c\u0026"}`},
		{"encoder newline", "{\"a\":[1,{}]}\n"},
		{"deep", `[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]`},
	}
	for _, tt := range tests {
		for _, p := range [][2]string{{"", "  "}, {"    ", "  "}, {">", "\t"}} {
			t.Run(tt.name, func(t *testing.T) {
				want := stdIndent(t, []byte(tt.src), p[0], p[1])
				got := Append([]byte("keep"), []byte(tt.src), p[0], p[1])
				if !bytes.Equal(got, append([]byte("keep"), want...)) {
					t.Errorf("Append(%q, %q, %q)\n got %q\nwant %q", tt.src, p[0], p[1], got, want)
				}
			})
		}
	}
}

// TestAppendIsIndentForEncodedValues compares Append with json.Indent on
// random values as encoding/json writes them, with and without HTML
// escaping.
func TestAppendIsIndentForEncodedValues(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		v := jsontest.Value(r)
		for _, html := range []bool{true, false} {
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(html)
			if err := enc.Encode(v); err != nil {
				t.Fatal(err)
			}
			src := b.Bytes()
			want := stdIndent(t, src, "  ", "  ")
			if got := Append(nil, src, "  ", "  "); !bytes.Equal(got, want) {
				t.Fatalf("value %d: Append(%q)\n got %q\nwant %q", i, src, got, want)
			}
			var viaEncoder bytes.Buffer
			enc = json.NewEncoder(&viaEncoder)
			enc.SetEscapeHTML(html)
			enc.SetIndent("", "  ")
			if err := enc.Encode(v); err != nil {
				t.Fatal(err)
			}
			if got := Append(nil, src, "", "  "); !bytes.Equal(got, viaEncoder.Bytes()) {
				t.Fatalf("value %d: Append(%q) is not what an indenting Encoder writes\n got %q\nwant %q", i, src, got, viaEncoder.Bytes())
			}
		}
	}
}

func FuzzAppend(f *testing.F) {
	for _, s := range []string{`{}`, `[]`, `{"a":[1,{"b":"\\\""}]}`, `"x"`, `[[],{},""]`, "1\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			return
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, data); err != nil {
			return
		}
		src := compact.Bytes()
		want := stdIndent(t, src, "", "  ")
		if got := Append(nil, src, "", "  "); !bytes.Equal(got, want) {
			t.Fatalf("Append(%q)\n got %q\nwant %q", src, got, want)
		}
	})
}

func BenchmarkAppend(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	var vs []any
	for range 200 {
		vs = append(vs, jsontest.Value(r))
	}
	src, err := json.Marshal(vs)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.Run("jsonindent", func(b *testing.B) {
		var dst []byte
		for b.Loop() {
			dst = Append(dst[:0], src, "", "  ")
		}
	})
	b.Run("encoding/json", func(b *testing.B) {
		var dst bytes.Buffer
		for b.Loop() {
			dst.Reset()
			json.Indent(&dst, src, "", "  ")
		}
	})
}

// TestStringEnd checks StringEnd on strings of every length around where
// it stops looking at bytes one by one, with escaped quotes and
// backslashes at each place, and on strings left open.
func TestStringEnd(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{`a`, `é`, `\"`, `\\`, `\n`, `\u0022`, `{`, `,`}
	for n := range 3 * shortString {
		for range 50 {
			var s strings.Builder
			s.WriteString(`x"`)
			for s.Len() < 2+n {
				s.WriteString(pieces[r.IntN(len(pieces))])
			}
			body := s.String()
			closed := body + `"` + `,"next":1`
			if got, want := StringEnd([]byte(closed), 1), len(body)+1; got != want {
				t.Fatalf("StringEnd(%q, 1) = %d, want %d", closed, got, want)
			}
			if got := StringEnd([]byte(body), 1); got != len(body) {
				t.Fatalf("StringEnd(%q, 1) = %d, want %d (not closed)", body, got, len(body))
			}
		}
	}
	// A string whose last byte is a backslash escapes nothing it can close.
	if got := StringEnd([]byte(`"abc\`), 0); got != 5 {
		t.Fatalf(`StringEnd("abc\) = %d, want 5`, got)
	}
}
