// Package jsontest makes random JSON-shaped values for tests of code that
// must read or write JSON exactly as encoding/json does.
package jsontest

import "math/rand/v2"

// Value returns a random value of the kinds encoding/json decodes into an
// any (nil, bool, float64, string, map[string]any, []any) and int64,
// nested at most a few levels deep, with strings that favour what JSON
// escapes.
func Value(r *rand.Rand) any { return value(r, 0) }

func value(r *rand.Rand, depth int) any {
	k := r.IntN(8)
	if depth > 4 {
		k = r.IntN(5)
	}
	switch k {
	case 0:
		return nil
	case 1:
		return r.IntN(2) == 0
	case 2:
		return r.NormFloat64() * 1e9
	case 3:
		return r.Int64() - r.Int64()
	case 4:
		return String(r)
	case 5, 6:
		m := map[string]any{}
		for range r.IntN(5) {
			m[String(r)] = value(r, depth+1)
		}
		return m
	default:
		l := make([]any, r.IntN(5))
		for i := range l {
			l[i] = value(r, depth+1)
		}
		return l
	}
}

// String returns a short random string of characters JSON escapes or
// structures with ('"', '\\', '{', ',', ':', control characters, HTML
// characters, U+2028, non-ASCII), sometimes a number's text, and
// sometimes ending in a byte that is not UTF-8.
func String(r *rand.Rand) string {
	runes := []rune("ab\"\\/{}[],: <>&\n\t\x01\x7fé😀\u2028")
	if r.IntN(10) == 0 {
		return string(rune('0' + r.IntN(10)))
	}
	var b []rune
	for range r.IntN(12) {
		b = append(b, runes[r.IntN(len(runes))])
	}
	s := string(b)
	if r.IntN(20) == 0 {
		s += "\xff"
	}
	return s
}
