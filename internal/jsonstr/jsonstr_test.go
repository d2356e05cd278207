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
