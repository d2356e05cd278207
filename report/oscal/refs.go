package oscal

import (
	"unicode/utf8"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"
)

// appendSubjectRef appends the compact JSON encoding/json writes (HTML
// escaping off) for a subject reference without links, the element an
// observation repeats for every subject a control judged; ok is false for
// a reference with links, which the caller encodes with encoding/json.
func appendSubjectRef(dst []byte, r *oscalTypes.SubjectReference) (_ []byte, ok bool) {
	if r.Links != nil {
		return dst, false
	}
	dst = append(dst, '{')
	if r.Props != nil {
		dst = append(dst, `"props":[`...)
		for i := range *r.Props {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendProperty(dst, &(*r.Props)[i])
		}
		dst = append(dst, "],"...)
	}
	if r.Remarks != "" {
		dst = append(dst, `"remarks":`...)
		dst = appendJSONString(dst, r.Remarks)
		dst = append(dst, ',')
	}
	dst = append(dst, `"subject-uuid":`...)
	dst = appendJSONString(dst, r.SubjectUuid)
	if r.Title != "" {
		dst = append(dst, `,"title":`...)
		dst = appendJSONString(dst, r.Title)
	}
	dst = append(dst, `,"type":`...)
	dst = appendJSONString(dst, r.Type)
	return append(dst, '}'), true
}

// appendProperty appends a property's compact JSON as encoding/json
// writes it.
func appendProperty(dst []byte, p *oscalTypes.Property) []byte {
	dst = append(dst, '{')
	for _, f := range [...]struct {
		name, value string
		always      bool
	}{{"class", p.Class, false}, {"group", p.Group, false}, {"name", p.Name, true}, {"ns", p.Ns, false},
		{"remarks", p.Remarks, false}, {"uuid", p.UUID, false}, {"value", p.Value, true}} {
		if f.value == "" && !f.always {
			continue
		}
		if dst[len(dst)-1] != '{' {
			dst = append(dst, ',')
		}
		dst = append(dst, '"')
		dst = append(dst, f.name...)
		dst = append(dst, '"', ':')
		dst = appendJSONString(dst, f.value)
	}
	return append(dst, '}')
}

// appendJSONString appends s as a JSON string exactly as encoding/json
// writes it with HTML escaping off: '"', '\\' and control characters
// escaped, bytes that are not UTF-8 as \ufffd, U+2028 and U+2029 escaped.
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
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
