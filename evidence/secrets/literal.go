package secrets

import (
	"slices"
	"strings"
)

// literalSet is a set of literal secrets, each at least minSecretLen bytes
// long, indexed for replacement in one pass over a text. Secrets are kept in
// buckets by their first four bytes, longest first; a small bit filter over
// four-byte windows lets the scan skip almost every position of a text
// without a map lookup. Adding a secret costs as little as inserting it in
// its bucket, so a set that grows between replacements is never rebuilt.
type literalSet struct {
	n       int
	buckets map[uint32][]string
	filter  *[literalFilterBits / 64]uint64 // allocated with the first secret
}

// literalFilterBits is the size of the four-byte window filter.
const literalFilterBits = 4096

// window returns the four bytes of s at i as a number.
func window(s string, i int) uint32 {
	_ = s[i+3]
	return uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16 | uint32(s[i+3])<<24
}

// filterBit returns the filter bit of a four-byte window.
func filterBit(w uint32) uint32 {
	return (w * 0x9E3779B1) >> (32 - 12)
}

// add inserts secret (at least four bytes long) unless it is present.
func (l *literalSet) add(secret string) {
	w := window(secret, 0)
	if l.buckets == nil {
		l.buckets = map[uint32][]string{}
		l.filter = new([literalFilterBits / 64]uint64)
	}
	b := l.buckets[w]
	i, found := slices.BinarySearchFunc(b, secret, compareLongestFirst)
	if found {
		return
	}
	l.buckets[w] = slices.Insert(b, i, secret)
	l.n++
	bit := filterBit(w)
	l.filter[bit/64] |= 1 << (bit % 64)
}

// compareLongestFirst orders secrets longest first, then lexically.
func compareLongestFirst(a, b string) int {
	if len(a) != len(b) {
		return len(b) - len(a)
	}
	return strings.Compare(a, b)
}

// len returns the number of secrets.
func (l *literalSet) len() int { return l.n }

// list returns the secrets.
func (l *literalSet) list() []string {
	out := make([]string, 0, l.n)
	for _, b := range l.buckets {
		out = append(out, b...)
	}
	return out
}

// replace returns s with every occurrence of a secret replaced by
// replacement(secret). The text is scanned left to right; at each position
// the longest secret found there is replaced and the scan resumes after it
// (as a strings.Replacer with the secrets longest first would do).
func (l *literalSet) replace(s string, replacement func(string) string) string {
	if l.n == 0 || len(s) < minSecretLen {
		return s
	}
	var out strings.Builder
	last := 0
	for i := 0; i+minSecretLen <= len(s); {
		w := window(s, i)
		if bit := filterBit(w); l.filter[bit/64]&(1<<(bit%64)) == 0 {
			i++
			continue
		}
		match := ""
		for _, secret := range l.buckets[w] {
			if strings.HasPrefix(s[i:], secret) {
				match = secret
				break
			}
		}
		if match == "" {
			i++
			continue
		}
		if last == 0 {
			out.Grow(len(s))
		}
		out.WriteString(s[last:i])
		out.WriteString(replacement(match))
		i += len(match)
		last = i
	}
	if last == 0 {
		return s
	}
	out.WriteString(s[last:])
	return out.String()
}
