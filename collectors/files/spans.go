package files

import (
	"bytes"
	"sort"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// encodedSecretSpans finds, in every tree the file was parsed into, the
// strings and keys that hold a secret and are written in another form than
// their value: with escapes ("\u0041", "\x41", "”"), in a block or folded
// style, or continued over lines. The redactor's search for a secret's value
// cannot find those as written, so they are replaced whole where they are
// written. Whatever analyzer read the file, and whether or not it handed
// the scalar over with SecretAt, such a secret does not survive in the
// stored copy.
func (f *File) encodedSecretSpans() []secretSpan {
	var out []secretSpan
	tripleQuotes := false // TOML's multi-line strings
	check := func(span postree.Span, text string) {
		if !span.Known() || span.End > len(f.Data) || writtenAsIs(f.Data[span.Start:span.End], text, tripleQuotes) {
			return
		}
		if f.red.RedactString(text) != text {
			out = append(out, secretSpan{span, text})
		}
	}
	var walk func(n *postree.Node)
	walk = func(n *postree.Node) {
		switch n.Kind {
		case postree.String:
			check(n.Span, n.Text)
		case postree.Object:
			for i, v := range n.Vals {
				check(v.KeySpan, n.Keys[i])
				walk(v)
			}
		case postree.Array:
			for _, item := range n.Items {
				walk(item)
			}
		}
	}
	for syn, p := range f.parsed {
		if p.Root != nil {
			tripleQuotes = syn == postree.TOML
			walk(p.Root)
		}
	}
	tripleQuotes = false
	if f.stream != nil {
		for _, doc := range f.stream.Docs {
			walk(doc)
		}
	}
	return out
}

// writtenAsIs reports whether the scalar written as raw is its text, bare
// or between quotes of a kind (one, or three where the syntax has such
// strings): a search for the text then finds it where it is written.
func writtenAsIs(raw []byte, text string, tripleQuotes bool) bool {
	if string(raw) == text {
		return true
	}
	if len(raw) < 2 || raw[0] != '"' && raw[0] != '\'' {
		return false
	}
	q := raw[0]
	for _, n := range []int{1, 3} {
		if len(raw) < 2*n || n == 3 && !tripleQuotes {
			return false
		}
		if quotedBy(raw, q, n) && string(raw[n:len(raw)-n]) == text {
			return true
		}
	}
	return false
}

// quotedBy reports whether raw starts and ends with n quotes q.
func quotedBy(raw []byte, q byte, n int) bool {
	for i := 0; i < n; i++ {
		if raw[i] != q || raw[len(raw)-1-i] != q {
			return false
		}
	}
	return true
}

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
