package jsonstr

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/tollgate-dev/tollgate/internal/jsontest"
)

var tricky = []string{"", "plain", "\"\\\b\f\n\r\t\x01\x1f\x7f", "<>&", "\u2028\u2029é😀", "\xff\xfe", "\xe2\x80", "a\x00b"}

func TestAppendIsEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	cases := append([]string(nil), tricky...)
	for range 3000 {
		cases = append(cases, jsontest.String(r))
	}
	for _, s := range cases {
		if got, want := Append([]byte("keep"), s), append([]byte("keep"), jsontest.Std(t, s)...); !bytes.Equal(got, want) {
			t.Fatalf("Append(%q) = %s, want %s", s, got, want)
		}
	}
}

func FuzzAppend(f *testing.F) {
	for _, s := range tricky {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Append(nil, s), jsontest.Std(t, s); !bytes.Equal(got, want) {
			t.Fatalf("Append(%q) = %s, want %s", s, got, want)
		}
	})
}

// TestSkipPlain checks the word test against the bytes one at a time:
// every byte value at every position of a plain word, and random words of
// bytes around the boundaries, where one byte's borrow could hide
// another's.
func TestSkipPlain(t *testing.T) {
	plain := func(b byte) bool { return b >= ' ' && b < 0x80 && b != '"' && b != '\\' }
	want := func(w []byte) bool {
		for _, b := range w {
			if !plain(b) {
				return false
			}
		}
		return true
	}
	check := func(w []byte) {
		if got := skipPlain(string(w)+"tail", 0) == 8; got != want(w) {
			t.Fatalf("skipPlain(%q) skips it: %v", w, got)
		}
	}
	for pos := range 8 {
		for b := range 256 {
			w := []byte("abcdefgh")
			w[pos] = byte(b)
			check(w)
		}
	}
	edges := []byte{0, 1, 0x1f, ' ', '!', '"', '#', '[', '\\', ']', 0x7f, 0x80, 0x81, 0xfe, 0xff, 'a'}
	r := rand.New(rand.NewPCG(9, 10))
	for range 200000 {
		var w [8]byte
		for i := range w {
			w[i] = edges[r.IntN(len(edges))]
		}
		check(w[:])
	}
}

var sink []byte

// BenchmarkAppend appends strings like those a report repeats per judged
// pair: IDs, UUIDs, titles, URLs and sentences.
func BenchmarkAppend(b *testing.B) {
	inputs := []string{"tollgate-dev/tollgate", "b3f1c2d4-5e6f-5a7b-8c9d-0e1f2a3b4c5d",
		"MCP-AUTH-01: Remote MCP server requires authentication", "pass",
		"server:workstations/host-0001/.cursor/mcp.json#github-42", "https://example.com/mcp/v1?x=1",
		"The server declares no authentication and is reachable over the network; anyone who can reach it can call its tools."}
	buf := make([]byte, 0, 512)
	for range b.N {
		for _, s := range inputs {
			buf = Append(buf[:0], s)
		}
	}
	sink = buf
}

func TestAppendMember(t *testing.T) {
	got := AppendMember(AppendMember(AppendKey([]byte("x"), 0, "o"), '{', "a", "1\n"), ',', "b", "")
	if want := `x"o":{"a":"1\n","b":""`; string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
