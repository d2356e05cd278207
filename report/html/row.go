package html

import (
	"bytes"
	"strconv"
	"strings"
)

// writeFindingRow writes one finding row to b, the hot loop of a large
// report, without the template machinery: exactly what the page template
// wrote for the row before (see TestFindingRowIsTheTemplate), with
// html/template's contextual escaping (text, attribute, URL and URL part)
// done by hand.
func writeFindingRow(b *bytes.Buffer, r findingRow) {
	b.WriteString("\n<tr class=\"finding\" id=\"")
	escapeHTML(b, r.ID)
	b.WriteString(`" data-verdict="`)
	escapeHTML(b, r.Verdict)
	b.WriteString(`" data-severity="`)
	escapeHTML(b, r.Severity)
	b.WriteString(`" data-kind="`)
	escapeHTML(b, r.Kind)
	b.WriteString(`" data-baseline="`)
	escapeHTML(b, r.Baseline)
	b.WriteString(`" data-search="`)
	writeSearch(b, r.Search, r.search)
	b.WriteString("\">\n<td><code>")
	escapeHTML(b, r.ID)
	b.WriteString("</code>")
	if r.Baseline != "" {
		b.WriteString(`<br><span class="tag tag-`)
		escapeHTML(b, r.Baseline)
		b.WriteString(`">`)
		if r.Baseline == "new" {
			b.WriteString("new")
		} else {
			b.WriteString("in baseline")
		}
		b.WriteString("</span>")
	}
	if r.FirstSeen != "" {
		b.WriteString(`<br><span class="muted">first seen `)
		escapeHTML(b, r.FirstSeen)
		b.WriteString("</span>")
	}
	b.WriteString("</td>\n<td><span class=\"subject-name\">")
	escapeHTML(b, r.Subject)
	b.WriteString(`</span><br><span class="muted">`)
	escapeHTML(b, r.Kind)
	b.WriteString("</span></td>\n<td>")
	writeLinked(b, r.Href, r.Location)
	b.WriteString("</td>\n<td>")
	if strings.IndexByte(r.Message, '`') < 0 {
		escapeHTML(b, r.Message) // one span of text: no list of spans
	} else {
		for _, s := range spans(r.Message) {
			if s.Code {
				b.WriteString("<code>")
				escapeHTML(b, s.Text)
				b.WriteString("</code>")
			} else {
				escapeHTML(b, s.Text)
			}
		}
	}
	if len(r.reasons) > 0 {
		b.WriteString(`<ul class="reasons">`)
		for _, reason := range r.reasons {
			// Escaping works a byte at a time: the text's pieces are
			// escaped apart.
			b.WriteString("<li>")
			if reason.Path != "" {
				escapeHTML(b, reason.Path)
				b.WriteString(": ")
			}
			escapeHTML(b, reason.Detail)
			b.WriteString("</li>")
		}
		b.WriteString("</ul>")
	} else if len(r.Reasons) > 0 {
		b.WriteString(`<ul class="reasons">`)
		for _, reason := range r.Reasons {
			b.WriteString("<li>")
			escapeHTML(b, reason)
			b.WriteString("</li>")
		}
		b.WriteString("</ul>")
	}
	b.WriteString("</td>\n<td><span class=\"verdict v-")
	escapeHTML(b, r.Verdict)
	b.WriteString(`">`)
	escapeHTML(b, r.VerdictLabel)
	b.WriteString("</span>")
	if r.Waiver != "" {
		b.WriteString(`<br><a href="#waiver-`)
		escapeHTML(b, processURL(r.WaiverAnchor, false))
		b.WriteString(`">`)
		escapeHTML(b, r.Waiver)
		b.WriteString("</a>")
	}
	b.WriteString("</td>\n</tr>")
}

// writeInventoryRow writes one row of the inventory to b, as
// writeFindingRow does a finding row (see TestInventoryRowIsTheTemplate).
func writeInventoryRow(b *bytes.Buffer, r inventoryRow) {
	b.WriteString("\n<tr class=\"subject\" data-search=\"")
	writeSearch(b, r.Search, r.search)
	b.WriteString(`">`)
	for i, c := range r.Cells {
		if i == 0 {
			b.WriteString(`<th scope="row">`)
			escapeHTML(b, c)
			b.WriteString("</th>")
		} else {
			b.WriteString("<td>")
			escapeHTML(b, c)
			b.WriteString("</td>")
		}
	}
	b.WriteString("<td>")
	if r.Failing != 0 {
		b.WriteString(`<span class="tag tag-fail">`)
		b.WriteString(strconv.Itoa(r.Failing))
		b.WriteString("</span>")
	} else {
		b.WriteString(`<span class="muted">0</span>`)
	}
	b.WriteString("</td></tr>")
}

// writeArtifactRow writes one row of the evidence table to b, as
// writeFindingRow does a finding row (see TestArtifactRowIsTheTemplate).
func writeArtifactRow(b *bytes.Buffer, r artifactView) {
	b.WriteString("\n<tr><th scope=\"row\">")
	writeLinked(b, r.Href, r.Path)
	b.WriteString("</th><td>")
	escapeHTML(b, r.Format)
	b.WriteString(`</td><td class="nowrap">`)
	b.Write(strconv.AppendInt(b.AvailableBuffer(), r.Size, 10))
	b.WriteString(`</td><td><code class="hash">`)
	escapeHTML(b, r.SHA256)
	b.WriteString(`</code></td><td><code class="hash">`)
	escapeHTML(b, r.RedactedSHA256)
	b.WriteString("</code></td></tr>")
}

// writeLinked writes text escaped, as a link to href when href is set.
func writeLinked(b *bytes.Buffer, href, text string) {
	if href == "" {
		escapeHTML(b, text)
		return
	}
	b.WriteString(`<a href="`)
	escapeHTML(b, processURL(filterURL(href), true))
	b.WriteString(`">`)
	escapeHTML(b, text)
	b.WriteString("</a>")
}

// htmlReplacements is html/template's escaping of text and of quoted
// attribute values: NUL, both quotation marks, ampersand, plus sign and
// angle brackets. Every other byte, including bytes that are not UTF-8, is
// written as it is.
var htmlReplacements = [...]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// escapeHTML writes s escaped as html/template escapes a string in text
// or in a quoted attribute value.
func escapeHTML(b *bytes.Buffer, s string) {
	written := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; int(c) < len(htmlReplacements) && htmlReplacements[c] != "" {
			b.WriteString(s[written:i])
			b.WriteString(htmlReplacements[c])
			written = i + 1
		}
	}
	b.WriteString(s[written:])
}

// writeSearch writes a row's search text escaped: search when it is set,
// else text.
func writeSearch(b *bytes.Buffer, text string, search []byte) {
	if search == nil {
		escapeHTML(b, text)
		return
	}
	written := 0
	for i, c := range search {
		if int(c) < len(htmlReplacements) && htmlReplacements[c] != "" {
			b.Write(search[written:i])
			b.WriteString(htmlReplacements[c])
			written = i + 1
		}
	}
	b.Write(search[written:])
}

// filterURL is html/template's check of a URL a template writes at the
// start of a URL attribute: a scheme other than http, https or mailto
// makes it "#ZgotmplZ".
func filterURL(s string) string {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") {
		if !strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
			return "#ZgotmplZ"
		}
	}
	return s
}

// processURL percent-encodes s as html/template does a value in a URL:
// normalizing a whole URL (norm) keeps reserved characters and valid
// escapes; escaping a part of one encodes them too.
func processURL(s string, norm bool) string {
	const hex = "0123456789abcdef"
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
			if norm {
				continue
			}
		case '-', '.', '_', '~':
			continue
		case '%':
			if norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		default:
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				continue
			}
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&0xf])
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
