package files

import (
	"bytes"
	"sort"

	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// redactSpans returns a copy of raw with each secret scalar replaced by
// "[REDACTED:<shape>]". Spans are offsets into raw[shift:] (the content
// after a byte-order mark); overlapping spans are replaced once.
func redactSpans(raw []byte, shift int, spans []secretSpan) []byte {
	if len(spans) == 0 {
		return raw
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].span.Start < spans[j].span.Start })
	var out bytes.Buffer
	out.Grow(len(raw))
	pos := 0
	for _, s := range spans {
		start, end := s.span.Start+shift, s.span.End+shift
		if start < pos || end > len(raw) {
			continue
		}
		out.Write(raw[pos:start])
		out.WriteString(scalarReplacement(raw[start:end], "[REDACTED:"+secrets.Shape(s.value)+"]"))
		pos = end
	}
	out.Write(raw[pos:])
	return out.Bytes()
}

// scalarReplacement returns what replaces the scalar written as text: the
// marker inside the scalar's own quotes (one or three, as TOML's multi-line
// strings use), after a YAML block scalar's header and indentation, or
// double-quoted in place of an unquoted scalar, so the stored copy keeps
// its syntax.
func scalarReplacement(text []byte, marker string) string {
	switch q := text[0]; {
	case q == '"' || q == '\'':
		n := 1
		if len(text) >= 6 && bytes.HasPrefix(text, []byte{q, q, q}) && bytes.HasSuffix(text, []byte{q, q, q}) {
			n = 3
		}
		return string(text[:n]) + marker + string(text[len(text)-n:])
	case q == '|' || q == '>':
		header, body, ok := bytes.Cut(text, []byte("\n"))
		if !ok {
			break
		}
		indent := body[:len(body)-len(bytes.TrimLeft(body, " \n\r"))]
		indent = indent[bytes.LastIndexByte(indent, '\n')+1:]
		return string(header) + "\n" + string(indent) + marker
	}
	return `"` + marker + `"`
}
