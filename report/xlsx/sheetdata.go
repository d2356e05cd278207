package xlsx

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// rowEncoder writes the XML of a streamed sheet's rows exactly as
// excelize's StreamWriter.SetRow writes them for the values streamed
// sheets hold (text, whole numbers and fractions, each with a style),
// without the per-cell work SetRow does to support every kind of value:
// a cell structure, a reference string and an escaped copy of the text
// per cell. TestRowEncoderMatchesStreamWriter holds it to SetRow's output.
type rowEncoder struct {
	// cols are the column names ("A", "B", …), by index from zero.
	cols []string
	buf  []byte
}

func newRowEncoder(columns int) *rowEncoder {
	e := &rowEncoder{cols: make([]string, columns)}
	for i := range e.cols {
		e.cols[i], _ = excelize.ColumnNumberToName(i + 1)
	}
	return e
}

// row appends row n (from one), of the given height (0 for the default),
// with cells[i] in column i, as SetRow writes a row of *excelize.Cell: a
// cell with no value is written with its style only.
func (e *rowEncoder) row(n int, height float64, cells []excelize.Cell) error {
	if height > excelize.MaxRowHeight {
		return excelize.ErrMaxRowHeight
	}
	b := append(e.buf, `<row r="`...)
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, '"')
	if height > 0 {
		b = append(b, ` ht="`...)
		b = strconv.AppendFloat(b, height, 'f', -1, 64)
		b = append(b, `" customHeight="1"`...)
	}
	b = append(b, '>')
	for i, c := range cells {
		b = append(b, `<c r="`...)
		b = append(b, e.cols[i]...)
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, '"')
		if c.StyleID != 0 {
			b = append(b, ` s="`...)
			b = strconv.AppendInt(b, int64(c.StyleID), 10)
			b = append(b, '"')
		}
		var err error
		if b, err = appendCellValue(b, c.Value); err != nil {
			return fmt.Errorf("cell %s%d: %w", e.cols[i], n, err)
		}
		b = append(b, `</c>`...)
	}
	e.buf = append(b, `</row>`...)
	return nil
}

// appendCellValue appends the rest of a cell's start tag and its value.
func appendCellValue(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(b, '>'), nil
	case string:
		return appendInlineString(b, v), nil
	case int:
		return appendNumber(strconv.AppendInt(append(b, "><v>"...), int64(v), 10)), nil
	case int64:
		return appendNumber(strconv.AppendInt(append(b, "><v>"...), v, 10)), nil
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return appendInlineString(b, fmt.Sprint(v)), nil
		}
		return appendNumber(strconv.AppendFloat(append(b, "><v>"...), v, 'f', -1, 64)), nil
	}
	return b, fmt.Errorf("a streamed cell cannot hold a %T", v)
}

func appendNumber(b []byte) []byte { return append(b, "</v>"...) }

// appendInlineString appends an inline string cell's type and text,
// which excelize keeps to a cell's limit in UTF-16 code units, marks as
// space-preserving when it starts or ends with white space, and escapes
// for XML (newlines stay as they are) and for the spreadsheet's own
// _xHHHH_ escapes.
func appendInlineString(b []byte, s string) []byte {
	s = truncateUTF16(s, excelize.TotalCellChars)
	b = append(b, ` t="inlineStr"><is><t`...)
	if s != "" && (isSpace(s[0]) || isSpace(s[len(s)-1])) {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, '>')
	start := len(b)
	b = appendEscapedText(b, s)
	if escaped := b[start:]; bytes.Contains(escaped, escapeStart) {
		b = append(b[:start], escapeUnicodeEscapes(string(escaped))...)
	}
	return append(b, `</t></is>`...)
}

// isSpace reports whether c is one of the bytes that make excelize keep
// a text's leading or trailing white space.
func isSpace(c byte) bool { return c == '\t' || c == '\n' || c == '\r' || c == ' ' }

// truncateUTF16 cuts s to at most n UTF-16 code units, at a character.
func truncateUTF16(s string, n int) string {
	if len(s) <= n {
		return s // each code unit takes at least one byte
	}
	units := 0
	for i, r := range s {
		if units += utf16.RuneLen(r); units > n {
			return s[:i]
		}
	}
	return s
}

// asciiEscapes are the escapes xml.EscapeText writes for ASCII
// characters, "" for those it keeps; a control character XML does not
// allow becomes U+FFFD. Newlines are kept (see appendEscapedText).
var asciiEscapes = func() (t [utf8.RuneSelf]string) {
	for c := range 0x20 {
		t[c] = "\uFFFD"
	}
	t['\n'] = ""
	t['\t'], t['\r'] = "&#x9;", "&#xD;"
	t['"'], t['\''], t['&'], t['<'], t['>'] = "&#34;", "&#39;", "&amp;", "&lt;", "&gt;"
	return t
}()

// appendEscapedText appends s escaped as xml.EscapeText escapes it,
// except that newlines stay as they are: excelize escapes a cell's text
// with xml.EscapeText and turns each "&#xA;" back into a newline.
func appendEscapedText(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			i++
			esc := asciiEscapes[c]
			if esc == "" {
				continue
			}
			b = append(append(b, s[last:i-1]...), esc...)
		} else {
			r, width := utf8.DecodeRuneInString(s[i:])
			i += width
			if isXMLChar(r) && (r != utf8.RuneError || width > 1) {
				continue
			}
			b = append(append(b, s[last:i-width]...), "\uFFFD"...)
		}
		last = i
	}
	return append(b, s[last:]...)
}

// isXMLChar reports whether r, at or above utf8.RuneSelf, is a character
// XML 1.0 allows.
func isXMLChar(r rune) bool {
	return r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// escapeStart starts every _xHHHH_ escape.
var escapeStart = []byte("_x")

var (
	unicodeEscape     = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)
	unicodeEscapeTail = regexp.MustCompile(`x[a-fA-F\d]{4}_`)
)

// escapeUnicodeEscapes writes text holding what a spreadsheet would read
// as an _xHHHH_ escape so that it reads as the text itself, as excelize
// does: the escape's underscore is itself escaped (_x005F_). It follows
// excelize's rules to the letter, including for escapes of code points
// that are not characters (which it drops), so that the cells are the
// bytes SetRow writes.
func escapeUnicodeEscapes(s string) string {
	var out strings.Builder
	cursor := 0
	for _, m := range unicodeEscape.FindAllStringIndex(s, -1) {
		out.WriteString(s[cursor:m[0]])
		escape := s[m[0]:m[1]]
		if escape == "_x005F_" {
			cursor = m[1]
			if m[1]+6 <= len(s) && unicodeEscapeTail.MatchString(s[m[1]:m[1]+6]) && isCodePoint(s[m[1]+1:m[1]+5]) {
				out.WriteString(escape + "x005F" + escape)
				continue
			}
			out.WriteString(escape + "x005F_")
			continue
		}
		cursor = m[1]
		if isCodePoint(escape[2:6]) {
			out.WriteString("_x005F" + escape)
		}
	}
	out.WriteString(s[cursor:])
	return out.String()
}

// isCodePoint reports whether the four hex digits hex name a Unicode
// character (not a surrogate half), as strconv.Unquote of "\uHHHH" does.
func isCodePoint(hex string) bool {
	_, err := strconv.Unquote(`"\u` + hex + `"`)
	return err == nil
}
