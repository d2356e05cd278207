// Package jsonstr encodes strings as JSON, for the encoders written by hand
// where encoding/json's reflection costs too much at fleet scale.
package jsonstr

import "unicode/utf8"

// Append appends s as a JSON string exactly as encoding/json
// writes it with HTML escaping off: '"', '\\' and control characters
// escaped, bytes that are not UTF-8 as \ufffd, U+2028 and U+2029 escaped.
func Append(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		i = skipPlain(s, i)
		if i >= len(s) {
			break
		}
		if b := s[i]; b < utf8.RuneSelf {
			if b >= ' ' && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// ones and highs repeat 0x01 and 0x80 in each byte of a word.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// skipPlain returns the index of the first word of eight bytes at or
// after i in which some byte may need a look, or of the last bytes that
// make no whole word, skipping words of plain bytes: ASCII that JSON
// writes as it is, none below a space, none '"' or '\\', none with the
// high bit set. It tests the eight bytes of a word at once with the word
// tricks "some byte is less than n" ((x - n*ones) &^ x) and "some byte is
// zero" (the same with n = 1, on x with the byte looked for xored away),
// whose high bits are exact answers.
func skipPlain(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		control := (x - ones*' ') &^ x
		q := x ^ (ones * '"')
		b := x ^ (ones * '\\')
		quote := (q - ones) &^ q
		backslash := (b - ones) &^ b
		if (control|quote|backslash|x)&highs != 0 {
			break
		}
	}
	return i
}

// AppendMember appends before (an object's '{', a ',', or 0 for nothing)
// and the object member key: value, the value a string. key is written as
// it is: it must need no escaping.
func AppendMember(dst []byte, before byte, key, value string) []byte {
	return Append(AppendKey(dst, before, key), value)
}

// AppendKey appends before (as for AppendMember) and the key of an object
// member, up to its value.
func AppendKey(dst []byte, before byte, key string) []byte {
	if before != 0 {
		dst = append(dst, before)
	}
	dst = append(dst, '"')
	dst = append(dst, key...)
	return append(dst, '"', ':')
}
