package postree

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// yaml.v3 reports a node's line and column (in characters) but not its
// extent. The scanners below find where a scalar's text ends, following the
// YAML rules for each scalar style; where the text does not establish the
// end beyond doubt the span is left unknown rather than guessed.

// scalarSpan returns the span of the scalar y, written inside a flow
// collection when flow is true.
func (b *yamlBuilder) scalarSpan(y *yaml.Node, flow bool) Span {
	if y == nil || y.Kind != yaml.ScalarNode || y.Line <= 0 || b.otherBreaks {
		return Span{}
	}
	start := b.offset(y.Line, y.Column)
	if start < 0 {
		return Span{}
	}
	start = skipProperties(b.data, start)
	if start >= len(b.data) {
		return Span{}
	}
	end := -1
	switch {
	case y.Style&yaml.DoubleQuotedStyle != 0:
		end = scanQuoted(b.data, start, '"')
	case y.Style&yaml.SingleQuotedStyle != 0:
		end = scanQuoted(b.data, start, '\'')
	case y.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		end = scanBlock(b.data, start)
	default:
		end = scanPlain(b.data, start, flow, y.Value)
	}
	if end <= start {
		return Span{}
	}
	return Span{start, end}
}

// hasOtherBreaks reports whether data breaks lines otherwise than with
// "\n" or "\r\n": YAML also breaks at a lone "\r", NEL, and the Unicode
// line and paragraph separators. Spans are not established in such
// documents (line numbers would not match the line index).
func hasOtherBreaks(data []byte) bool {
	for i, c := range data {
		if c == '\r' && (i+1 == len(data) || data[i+1] != '\n') {
			return true
		}
	}
	return bytes.Contains(data, []byte("\u0085")) || bytes.Contains(data, []byte("\u2028")) || bytes.Contains(data, []byte("\u2029"))
}

// offset converts a 1-based line and character column to a byte offset,
// or -1 when the position is not in the data. Nodes come in document
// order, so the conversion resumes from the last position on the same line:
// a long line of many scalars costs one pass, not one per scalar.
func (b *yamlBuilder) offset(line, col int) int {
	if line > len(b.lines) {
		return -1
	}
	i, c := b.lines[line-1], 1
	if b.cur.line == line && b.cur.col <= col {
		i, c = b.cur.offset, b.cur.col
	}
	for ; c < col; c++ {
		if i >= len(b.data) || b.data[i] == '\n' {
			return -1
		}
		_, size := utf8.DecodeRune(b.data[i:])
		i += size
	}
	b.cur = yamlCursor{line, col, i}
	return i
}

// yamlCursor is the last position offset converted.
type yamlCursor struct{ line, col, offset int }

// skipProperties skips the anchor ("&a") and tag ("!!str") written before
// a node's content, and the blanks after them.
func skipProperties(data []byte, i int) int {
	for i < len(data) && (data[i] == '&' || data[i] == '!') {
		for i < len(data) && !isYAMLBlank(data[i]) {
			i++
		}
		for i < len(data) && isYAMLBlank(data[i]) {
			i++
		}
	}
	return i
}

func isYAMLBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// scanQuoted returns the end of the quoted scalar starting at data[i]: in
// double quotes a backslash escapes the next character, in single quotes a
// doubled quote is a quote.
func scanQuoted(data []byte, i int, quote byte) int {
	if data[i] != quote {
		return -1
	}
	for j := i + 1; j < len(data); j++ {
		switch {
		case quote == '"' && data[j] == '\\':
			j++
		case data[j] == quote && quote == '\'' && j+1 < len(data) && data[j+1] == '\'':
			j++
		case data[j] == quote:
			return j + 1
		}
	}
	return -1
}

// scanBlock returns the end of the literal or folded block scalar whose
// indicator ("|", ">-", "|2") is at data[i]: the end of its last line that
// is indented at least as far as its first non-empty line. -1 when the
// block has no content (its value is empty).
func scanBlock(data []byte, i int) int {
	if data[i] != '|' && data[i] != '>' {
		return -1
	}
	nl := bytes.IndexByte(data[i:], '\n')
	if nl < 0 {
		return -1 // a header with no content: an empty value
	}
	header := string(data[i+1 : i+nl])
	if k := strings.IndexByte(header, '#'); k >= 0 {
		header = header[:k]
	}
	explicit := 0
	for _, c := range strings.TrimSpace(header) {
		if c >= '1' && c <= '9' {
			explicit = int(c - '0')
		}
	}
	end := -1 // without content lines the value is empty: no span
	indent := -1
	if explicit > 0 {
		indent = lineIndent(data, i) + explicit
	}
	for pos := i + nl + 1; pos < len(data); {
		le := bytes.IndexByte(data[pos:], '\n')
		if le < 0 {
			le = len(data) - pos
		}
		line := data[pos : pos+le]
		spaces := 0
		for spaces < len(line) && line[spaces] == ' ' {
			spaces++
		}
		blank := len(bytes.TrimRight(line[spaces:], " \t\r")) == 0
		if !blank {
			if indent < 0 {
				indent = spaces
				if indent == 0 {
					break // no content: the next line is not indented
				}
			}
			if spaces < indent {
				break
			}
			end = pos + len(bytes.TrimRight(line, " \t\r"))
		}
		pos += le + 1
	}
	return end
}

// lineIndent returns the indentation of the line holding data[i].
func lineIndent(data []byte, i int) int {
	ls := bytes.LastIndexByte(data[:i], '\n') + 1
	n := 0
	for ls+n < len(data) && data[ls+n] == ' ' {
		n++
	}
	return n
}

// scanPlain returns the end of the plain (unquoted) scalar starting at
// data[i] whose value is value: its first line up to a comment, a ": " or
// (in a flow collection) a flow indicator, and the lines that continue it,
// folded as YAML folds them, until the folded text is the value. -1 when
// the text never folds to the value.
func scanPlain(data []byte, i int, flow bool, value string) int {
	end, stop := plainEnd(data, i, flow)
	folded := string(data[i:end])
	if folded == value {
		return end
	}
	if stop < len(data) && data[stop] != '\n' || len(folded) >= len(value) {
		return -1
	}
	var acc strings.Builder
	acc.WriteString(folded)
	newlines := 0
	for pos := stop + 1; pos < len(data); {
		start := pos
		for start < len(data) && (data[start] == ' ' || data[start] == '\t' || data[start] == '\r') {
			start++
		}
		if start == len(data) {
			break
		}
		if data[start] == '\n' {
			newlines++
			pos = start + 1
			continue
		}
		if data[start] == '#' {
			return -1
		}
		e, stop := plainEnd(data, start, flow)
		if e == start {
			return -1
		}
		if newlines == 0 {
			acc.WriteByte(' ')
		} else {
			acc.WriteString(strings.Repeat("\n", newlines))
		}
		newlines = 0
		acc.Write(data[start:e])
		switch s := acc.String(); {
		case s == value:
			return e
		case len(s) >= len(value) || stop < len(data) && data[stop] != '\n' || !strings.HasPrefix(value, s):
			return -1
		}
		pos = stop + 1
	}
	return -1
}

// plainEnd scans a plain scalar's text on one line from data[i]: it returns
// where the text ends (trailing blanks excluded) and where the scan stopped
// (a line break, a comment, ": ", a flow indicator, or the end of data).
func plainEnd(data []byte, i int, flow bool) (end, stop int) {
	j := i
	for ; j < len(data) && data[j] != '\n'; j++ {
		c := data[j]
		if c == '#' && j > i && (data[j-1] == ' ' || data[j-1] == '\t') {
			break
		}
		if c == ':' && (j+1 == len(data) || isYAMLBlank(data[j+1]) || flow && strings.IndexByte(",[]{}", data[j+1]) >= 0) {
			break
		}
		if flow && strings.IndexByte(",[]{}", c) >= 0 {
			break
		}
	}
	end = j
	for end > i && (data[end-1] == ' ' || data[end-1] == '\t' || data[end-1] == '\r') {
		end--
	}
	return end, j
}
