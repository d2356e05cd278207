package postree

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/tailscale/hujson"
)

// stringLiterals are JSON string literals of every kind the fast path of
// stringText must tell apart: plain, escaped, non-ASCII, invalid UTF-8.
var stringLiterals = []string{
	`""`, `"a"`, `"plain text"`, `"ghp_0123456789abcdefghijklmnopqrstuvwxyz"`,
	`"caf\u00e9"`, `"café"`, `"日本語"`, `"\""`, `"\\"`, `"a\/b"`, `"tab\there"`, `"\n"`,
	`"\ud83d\ude00"`, `"\ud800"`, `"😀"`, "\"\xff\"", "\"a\xc3\"", "\"\xed\xa0\x80\"", "\"\xef\xbf\xbe\"",
	`"{{ .Values.token }}"`, `"${env:TOKEN}"`, `"Bearer abc"`,
}

// TestStringTextIsLiteralString checks that stringText decodes every
// literal as hujson (through encoding/json) does.
func TestStringTextIsLiteralString(t *testing.T) {
	for _, lit := range stringLiterals {
		checkStringText(t, lit)
	}
}

// FuzzStringText compares stringText with hujson.Literal.String on every
// string literal hujson accepts.
func FuzzStringText(f *testing.F) {
	for _, lit := range stringLiterals {
		f.Add(lit[1 : len(lit)-1])
	}
	f.Fuzz(func(t *testing.T, body string) {
		checkStringText(t, `"`+body+`"`)
	})
}

func checkStringText(t *testing.T, lit string) {
	t.Helper()
	v, err := hujson.Parse([]byte(lit))
	if err != nil {
		return // not a literal hujson hands over
	}
	l, ok := v.Value.(hujson.Literal)
	if !ok || l.Kind() != '"' {
		return
	}
	if got, want := stringText(l), l.String(); got != want {
		t.Errorf("stringText(%q) = %q, want %q", lit, got, want)
	}
}

// TestRepeatedMembers checks that repeated member names resolve last-wins
// in place of the first and are reported at the repetition, in objects
// small enough to be searched and large enough to be indexed.
func TestRepeatedMembers(t *testing.T) {
	for _, size := range []int{3, maxScannedMembers, maxScannedMembers + 1, 40} {
		var b strings.Builder
		b.WriteString("{")
		for i := range size {
			fmt.Fprintf(&b, "%q: %d,\n", fmt.Sprintf("k%d", i), i)
		}
		b.WriteString(`"k1": "again", "k0": "last", "k1": "third"}`)
		data := []byte(b.String())
		root, len0, perr := ParseJSON(data, NewLines(data))
		if perr != nil {
			t.Fatalf("size %d: %v", size, perr)
		}
		if len(root.Keys) != size {
			t.Fatalf("size %d: %d keys, want %d", size, len(root.Keys), size)
		}
		for i, k := range root.Keys {
			if want := fmt.Sprintf("k%d", i); k != want {
				t.Errorf("size %d: key %d = %q, want %q", size, i, k, want)
			}
		}
		if got := root.Get("k1").Text; got != "third" {
			t.Errorf("size %d: k1 = %q, want the last one", size, got)
		}
		if got := root.Get("k0").Text; got != "last" {
			t.Errorf("size %d: k0 = %q, want the last one", size, got)
		}
		var msgs []string
		for _, d := range len0.Duplicates {
			msgs = append(msgs, fmt.Sprintf("%d:%d %s", d.Line, d.Col, d.Msg))
		}
		want := []string{
			fmt.Sprintf(`%d:1 key "k1" repeats the one at line 2; the last one is used`, size+1),
			fmt.Sprintf(`%d:16 key "k0" repeats the one at line 1; the last one is used`, size+1),
			fmt.Sprintf(`%d:30 key "k1" repeats the one at line %d; the last one is used`, size+1, size+1),
		}
		if !slices.Equal(msgs, want) {
			t.Errorf("size %d: duplicates\n%q\nwant\n%q", size, msgs, want)
		}
	}
}

// plainJSONInputs are documents for the comparison of the plain reader
// with the general one: every edge of JSON's grammar hujson checks, and
// comments and errors the plain reader must leave to the general one.
var plainJSONInputs = []string{
	`{}`, `[]`, `""`, `0`, `-0`, `1.5e+3`, `-12.25E-2`, `true`, `false`, `null`, ` {"a": 1} `, "\n\t{\r\n}\n",
	`{"a":1,}`, `[1,]`, `[1, [2, {"x": [3,],},], ]`, `{"a": {"b": [1, 2,],},}`, `{"a" : 1 , "b" :2}`,
	`{"a":1,"a":2,"b":{"c":1,"c":[1,2]},"a":3}`, `{"a\u0062":1,"ab":2}`, `{"k":"v\n\"q\" \\ \/ \b\f\r\t \u00e9 \ud83d\ude00"}`,
	"{\"k\":\"\xff\xfe\"}", "{\"k\xc3\":1}", `{"":""}`, `[[[[[]]]]]`, `[true,false,null,0,"s",{},[]]`,
	`01`, `1.`, `.5`, `+1`, `-`, `1e`, `1e+`, `0x10`, `tru`, `nulls`, `True`, `NaN`, `Infinity`, `-Infinity`, `1 2`,
	`{,}`, `[,]`, `[1,,]`, `{"a":1,,}`, `{"a" 1}`, `{"a":}`, `{"a":1`, `[1`, `{"a":1]`, `[1}`, `{1:2}`, `{'a':1}`,
	`"\x"`, `"\u12"`, `"\u12G4"`, "\"a\tb\"", "\"a\x00\"", "\"a\x1fb\"", "{\"\x10\":1}", "\"\x7f\"", `"abc`, `"\`, ``, `   `, "\xef\xbb\xbf{}",
	`// c` + "\n{}", `{/* c */"a":1}`, `{"a":1 // c` + "\n}", `[1,/* c */]`, `{"a":"//not a comment"}`, `/`, `{}/`,
	"{\"a\":1}\u2028", `{"a":"x"}}`, `{"a":[1,2,3],}` + "\n",
}

// TestPlainJSONIsHuJSON checks that the plain reader reads every document
// it accepts into exactly what the general path reads, accepts none the
// general path rejects, and accepts the plain documents of the corpus and
// the example.
func TestPlainJSONIsHuJSON(t *testing.T) {
	accepted := 0
	for _, in := range plainJSONInputs {
		if comparePlainJSON(t, []byte(in)) {
			accepted++
		}
	}
	if accepted < 20 {
		t.Errorf("the plain reader accepted only %d of the documents", accepted)
	}
	files := 0
	for _, root := range []string{"../../../../shared/corpus", "../../../examples", "../..", "../../../pipeline/testdata", "../../../report"} {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() || !strings.Contains(filepath.Base(p), ".json") {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return nil
			}
			files++
			comparePlainJSON(t, bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
			return nil
		})
	}
	t.Logf("%d JSON files compared", files)
	if files == 0 {
		t.Error("no JSON file found to compare")
	}
}

func FuzzPlainJSON(f *testing.F) {
	for _, in := range plainJSONInputs {
		f.Add([]byte(in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		comparePlainJSON(t, data)
	})
}

// comparePlainJSON fails when the plain reader accepts data and reads it
// otherwise than the general path, and reports whether it accepted it.
func comparePlainJSON(t *testing.T, data []byte) bool {
	t.Helper()
	li := NewLines(data)
	if checkNesting(data, li) != nil {
		return false
	}
	root, leniency, ok := parsePlainJSON(data, li)
	if !ok {
		return false
	}
	want, wantLeniency, perr := parseHuJSON(data, li)
	if perr != nil {
		t.Fatalf("%q: the plain reader accepts what hujson rejects: %v", data, perr)
	}
	if !reflect.DeepEqual(root, want) {
		t.Fatalf("%q: the plain reader reads\n%s\nwant\n%s", data, dumpNode(root), dumpNode(want))
	}
	if !reflect.DeepEqual(leniency, wantLeniency) {
		t.Fatalf("%q: leniency %+v, want %+v", data, leniency, wantLeniency)
	}
	return true
}

// dumpNode writes a tree out for a failure message.
func dumpNode(n *Node) string {
	var b strings.Builder
	var walk func(n *Node, depth int)
	walk = func(n *Node, depth int) {
		fmt.Fprintf(&b, "%s%+v\n", strings.Repeat("  ", depth), *n)
		for _, c := range append(append([]*Node(nil), n.Vals...), n.Items...) {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}
