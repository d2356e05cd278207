package oscal

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"
)

// id returns a version-5 UUID derived from the parts, so the same content
// always gets the same UUID: the UUID go-oscal's NewUUIDWithSource gives
// "tollgate:" and the parts joined by U+001F (the name, in the URL
// namespace), made without copying the name more than once.
func id(parts ...string) string {
	var buf [256]byte
	name := append(buf[:0], nameSpaceURL[:]...)
	name = append(name, "tollgate:"...)
	for i, p := range parts {
		if i > 0 {
			name = append(name, 0x1f)
		}
		name = append(name, p...)
	}
	sum := sha1.Sum(name)
	var u [16]byte
	copy(u[:], sum[:])
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	var text [36]byte
	hex.Encode(text[0:8], u[0:4])
	text[8] = '-'
	hex.Encode(text[9:13], u[4:6])
	text[13] = '-'
	hex.Encode(text[14:18], u[6:8])
	text[18] = '-'
	hex.Encode(text[19:23], u[8:10])
	text[23] = '-'
	hex.Encode(text[24:], u[10:])
	return string(text[:])
}

// nameSpaceURL is RFC 4122's namespace for URLs, in which go-oscal derives
// its name-based UUIDs.
var nameSpaceURL = [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// Token turns an identifier into an OSCAL token (an XML NCName): letters,
// digits, '.', '-' and '_', starting with a letter or '_'; spaces are
// dropped and other characters become '-'. NIST SP 800-53
// identifiers are written the way NIST's OSCAL catalogs write them
// ("AC-6(1)" becomes "ac-6.1").
func Token(framework, requirement string) string {
	s := requirement
	if strings.HasPrefix(framework, "nist-800-53") {
		s = strings.ToLower(s)
		s = strings.ReplaceAll(s, "(", ".")
		s = strings.ReplaceAll(s, ")", "")
		s = strings.ReplaceAll(s, " ", "")
	}
	return tokenize(s)
}

func tokenize(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r), r == '.', r == '-', r == '_':
			b.WriteRune(r)
		case unicode.IsSpace(r):
			// "Art. 32" reads as "Art.32"
		default:
			b.WriteRune('-')
		}
	}
	out := b.String()
	if out == "" {
		return "_"
	}
	if first := []rune(out)[0]; !unicode.IsLetter(first) && first != '_' {
		out = "_" + out
	}
	return out
}

// clean collapses whitespace so a value fits OSCAL's string type (non-empty,
// no leading, trailing or embedded line breaks).
func clean(s string) string {
	if isClean(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// isClean reports whether clean leaves s as it is: ASCII text whose only
// whitespace is single spaces between words. Most values are, and need no
// copy.
func isClean(s string) bool {
	space := true // at the start, a space would be leading
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			return false
		case c == ' ':
			if space {
				return false
			}
			space = true
		default:
			space = false
		}
	}
	return !space
}

// props builds a property list in Tollgate's namespace from name/value
// pairs, skipping empty values; it returns nil when nothing is left.
func props(pairs ...string) *[]oscalTypes.Property {
	var buf [8]oscalTypes.Property // most lists are short, and many values empty
	out := appendProps(buf[:0], pairs...)
	if len(out) == 0 {
		return nil
	}
	s := make([]oscalTypes.Property, len(out))
	copy(s, out)
	return &s
}

// appendProps appends to dst the properties props builds from pairs.
func appendProps(dst []oscalTypes.Property, pairs ...string) []oscalTypes.Property {
	for i := 0; i+1 < len(pairs); i += 2 {
		if p, ok := prop(pairs[i], pairs[i+1]); ok {
			dst = append(dst, p)
		}
	}
	return dst
}

func prop(name, value string) (oscalTypes.Property, bool) {
	v := clean(value)
	if v == "" {
		return oscalTypes.Property{}, false
	}
	return oscalTypes.Property{Name: name, Ns: NS, Value: v}, true
}

// list returns nil for an empty slice (OSCAL arrays need at least one item)
// and a pointer to the slice otherwise.
func list[T any](s []T) *[]T {
	if len(s) == 0 {
		return nil
	}
	return &s
}

// orDefault returns s, or def when s is blank.
func orDefault(s, def string) string {
	if blank(s) {
		return def
	}
	return s
}

// blank reports whether s is empty or white space alone, as
// strings.TrimSpace(s) == "" does, without trimming the values (most)
// that start with a printable ASCII character.
func blank(s string) bool {
	if s == "" {
		return true
	}
	if c := s[0]; c > ' ' && c < utf8.RuneSelf {
		return false
	}
	return strings.TrimSpace(s) == ""
}

func isHex64(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}

// pathHref turns a slash-separated file path into a relative URI reference
// (RFC 3986 §4.1): every segment is percent-encoded, so spaces, '#', '?' and
// '%' in file names survive, and a first segment containing ':' is prefixed
// with "./" so it cannot be read as a URI scheme.
func pathHref(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	out := strings.Join(segs, "/")
	if first := segs[0]; strings.Contains(first, ":") {
		out = "./" + out
	}
	if out == "" {
		return "."
	}
	return out
}

// uriReference returns s as a URI reference: surrounding space is trimmed
// and every byte RFC 3986 does not allow in a URI (space, control
// characters, non-ASCII, '"', '<', '>', '\', '^', '`', '{', '|', '}', and a
// '%' that starts no escape) is percent-encoded. It returns "" for a blank s.
func uriReference(s string) string {
	s = strings.TrimSpace(s)
	const allowed = "-._~:/?#[]@!$&'()*+,;="
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', strings.IndexByte(allowed, c) >= 0:
			b.WriteByte(c)
		case c == '%' && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2]):
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
