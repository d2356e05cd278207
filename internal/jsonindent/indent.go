// Package jsonindent indents the compact JSON encoding/json writes, byte
// for byte as json.Indent would, several times faster: it relies on the
// input being valid and compact (no whitespace outside strings) instead of
// scanning it with a validating state machine.
package jsonindent

import (
	"bytes"
	"strings"
)

// Append appends src, one compact JSON value as encoding/json writes it
// (json.Marshal, or an Encoder without indentation, whose trailing newline
// is kept), to dst indented as json.Indent(dst, src, prefix, indent)
// would, and returns the extended slice. Empty objects and arrays stay {}
// and []. src must be valid compact JSON: Append does not validate it.
func Append(dst, src []byte, prefix, indent string) []byte {
	nl := newNewlines(prefix, indent)
	depth := 0
	open := false // after '{' or '[': the indent waits for the next byte
	for i := 0; i < len(src); {
		c := src[i]
		if open && c != '}' && c != ']' {
			open = false
			depth++
			dst = nl.append(dst, depth)
		}
		switch c {
		case '"':
			end := StringEnd(src, i)
			dst = append(dst, src[i:end]...)
			i = end
			continue
		case '{', '[':
			open = true
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			dst = nl.append(dst, depth)
		case ':':
			dst = append(dst, ':', ' ')
		case '}', ']':
			if open {
				open = false
			} else {
				depth--
				dst = nl.append(dst, depth)
			}
			dst = append(dst, c)
		default:
			// A number or literal (or the encoder's final newline): copy
			// it up to the next punctuation.
			j := i + 1
			for j < len(src) && !punctuation(src[j]) {
				j++
			}
			dst = append(dst, src[i:j]...)
			i = j
			continue
		}
		i++
	}
	return dst
}

// punctuation reports whether c ends a number or literal in compact JSON.
func punctuation(c byte) bool {
	switch c {
	case ',', ':', '{', '}', '[', ']', '"':
		return true
	}
	return false
}

// StringEnd returns the index just past the JSON string that starts at
// src[i] (a '"'), or len(src) when it is not closed.
func StringEnd(src []byte, i int) int {
	// Most strings are short (keys, ids, small values): their first bytes
	// are looked at one by one, a backslash skipping the byte it escapes,
	// before the rest is searched.
	j := i + 1
	for n := min(len(src), j+shortString); j < n; {
		switch src[j] {
		case '"':
			return j + 1
		case '\\':
			j += 2
		default:
			j++
		}
	}
	if j >= len(src) {
		return len(src)
	}
	for {
		k := bytes.IndexByte(src[j:], '"')
		if k < 0 {
			return len(src)
		}
		j += k
		// The quote is escaped when an odd number of backslashes precede it.
		n := 0
		for b := j - 1; b > i && src[b] == '\\'; b-- {
			n++
		}
		if n%2 == 0 {
			return j + 1
		}
		j++
	}
}

// shortString is how many bytes of a string StringEnd looks at one by one
// before it searches for the closing quote.
const shortString = 16

// spaces is where an indent made of spaces is cut from.
const spaces = "                                                                " +
	"                                                                "

// newlines writes a newline, the prefix and depth indents.
type newlines struct {
	prefix, indent string
	spaced         bool // indent is spaces alone
}

func newNewlines(prefix, indent string) newlines {
	return newlines{prefix: prefix, indent: indent, spaced: strings.Trim(indent, " ") == ""}
}

func (n newlines) append(dst []byte, depth int) []byte {
	dst = append(dst, '\n')
	dst = append(dst, n.prefix...)
	if w := depth * len(n.indent); n.spaced && w <= len(spaces) {
		return append(dst, spaces[:w]...)
	}
	for range depth {
		dst = append(dst, n.indent...)
	}
	return dst
}
