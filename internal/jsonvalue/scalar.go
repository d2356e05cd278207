package jsonvalue

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// validString returns s as encoding/json writes and reads it back: each
// byte that does not start a valid UTF-8 sequence becomes U+FFFD.
func validString(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// smallInts holds json.Number values of the integers 0 to len-1, boxed once,
// because most integers in evidence are small (lines, counts, ports).
var smallInts = func() []any {
	out := make([]any, 1024)
	for i := range out {
		out[i] = json.Number(strconv.Itoa(i))
	}
	return out
}()

// intNumber is i as encoding/json writes it.
func intNumber(i int64) any {
	if i >= 0 && i < int64(len(smallInts)) {
		return smallInts[i]
	}
	return json.Number(strconv.FormatInt(i, 10))
}

// uintNumber is u as encoding/json writes it.
func uintNumber(u uint64) any {
	if u < uint64(len(smallInts)) {
		return smallInts[u]
	}
	return json.Number(strconv.FormatUint(u, 10))
}

// floatNumber is f, a float of the given bits, as encoding/json writes it:
// the shortest representation, in exponent form below 1e-6 and from 1e21
// on, with the exponent's leading zero dropped. NaN and infinities have no
// JSON form.
func floatNumber(f float64, bits int) (any, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return nil, fmt.Errorf("json: unsupported value: %s", strconv.FormatFloat(f, 'g', -1, bits))
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	b := strconv.AppendFloat(make([]byte, 0, 24), f, format, -1, bits)
	if format == 'e' {
		// e-09 becomes e-9.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return json.Number(b), nil
}

// base64String is a byte slice as encoding/json writes it.
func base64String(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
