package postree

import (
	"fmt"
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
