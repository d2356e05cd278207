package probe

import (
	"math"
	"math/big"
	"strings"

	"github.com/tollgate-dev/tollgate/evidence"
)

// analyzeSessions judges the Mcp-Session-Id values one endpoint issued: the
// shortest length, the entropy of the part that varies between ids, and
// whether ids step by a small counter. The ids themselves are not kept.
func analyzeSessions(ids []string) *evidence.Session {
	s := &evidence.Session{Samples: len(ids)}
	if len(ids) == 0 {
		return s
	}
	s.Issued = true
	s.Length = len(ids[0])
	for _, id := range ids {
		s.Length = min(s.Length, len(id))
	}
	s.EntropyBits = entropyBits(ids...)
	s.Predictable = sequential(ids)
	return s
}

// entropyBits estimates the randomness of ids: the length of the part that
// varies between them (after the longest common prefix and suffix) times
// the bits per character of the smallest alphabet that covers it. A single
// id counts whole.
func entropyBits(ids ...string) int {
	if len(ids) == 0 {
		return 0
	}
	prefix, suffix := ids[0], ids[0]
	for _, id := range ids[1:] {
		prefix = commonPrefix(prefix, id)
		suffix = commonSuffix(suffix, id)
	}
	varying := ""
	best := 0
	for _, id := range ids {
		mid := id
		if len(ids) > 1 {
			lo := len(prefix)
			hi := len(id) - len(suffix)
			if hi < lo {
				hi = lo
			}
			mid = id[lo:hi]
		}
		if len(mid) > len(varying) {
			varying = mid
		}
		best = max(best, len(mid))
	}
	// Separators (UUID dashes) carry nothing.
	chars := strings.NewReplacer("-", "", "_", "", ".", "").Replace(varying)
	return int(math.Floor(float64(len(chars)) * alphabetBits(strings.Join(ids, ""))))
}

// alphabetBits is log2 of the size of the smallest usual alphabet covering s.
func alphabetBits(s string) float64 {
	digits, lowerHex, upperHex, lower, upper, other := true, true, true, true, true, false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
		case r >= 'a' && r <= 'f':
			digits, upperHex = false, false
		case r >= 'A' && r <= 'F':
			digits, lowerHex = false, false
		case r >= 'a' && r <= 'z':
			digits, lowerHex, upperHex = false, false, false
			upper = upper && true
		case r >= 'A' && r <= 'Z':
			digits, lowerHex, upperHex = false, false, false
			lower = false
		case r == '-' || r == '_' || r == '.':
		default:
			other = true
		}
	}
	switch {
	case digits:
		return math.Log2(10)
	case lowerHex || upperHex:
		return 4
	case other:
		return 6
	case lower && !hasUpper(s):
		return math.Log2(36)
	}
	return math.Log2(64)
}

func hasUpper(s string) bool { return strings.ToLower(s) != s }

func commonPrefix(a, b string) string {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return a[:n]
}

func commonSuffix(a, b string) string {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return a[len(a)-n:]
}

// sequential reports whether successive ids, read as numbers (decimal or
// hex) in their varying part, differ by small steps.
func sequential(ids []string) bool {
	if len(ids) < 2 {
		return false
	}
	prefix, suffix := ids[0], ids[0]
	for _, id := range ids[1:] {
		prefix = commonPrefix(prefix, id)
		suffix = commonSuffix(suffix, id)
	}
	// Keep whole numbers: back the prefix up over digits shared by all.
	for len(prefix) > 0 && isHexDigit(prefix[len(prefix)-1]) {
		prefix = prefix[:len(prefix)-1]
	}
	for len(suffix) > 0 && isHexDigit(suffix[0]) {
		suffix = suffix[1:]
	}
	var prev *big.Int
	for _, id := range ids {
		if len(id) < len(prefix)+len(suffix) {
			return false
		}
		mid := id[len(prefix) : len(id)-len(suffix)]
		if mid == "" || len(mid) > 40 {
			return false
		}
		n, ok := new(big.Int).SetString(mid, 10)
		if !ok {
			if n, ok = new(big.Int).SetString(mid, 16); !ok {
				return false
			}
		}
		if prev != nil {
			d := new(big.Int).Sub(n, prev)
			d.Abs(d)
			if d.Sign() == 0 || d.Cmp(big.NewInt(1000)) > 0 {
				return false
			}
		}
		prev = n
	}
	return true
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
