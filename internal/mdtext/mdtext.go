// Package mdtext renders text safely inside GitHub-flavoured Markdown
// tables, for the Markdown reports (summary.md, diffs, history).
package mdtext

import "strings"

// Cell makes text safe inside a Markdown table cell: whitespace runs become
// one space, and pipes and angle brackets are escaped.
func Cell(s string) string {
	if !singleSpaced(s) {
		s = strings.Join(strings.Fields(s), " ")
	}
	return cellEscaper.Replace(s)
}

// cellEscaper escapes what Cell escapes.
var cellEscaper = strings.NewReplacer("|", `\|`, "<", "&lt;", ">", "&gt;")

// singleSpaced reports whether s is ASCII whose only white space is single
// spaces between words, which Cell's joining of its words leaves as it is.
func singleSpaced(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80, c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			return false
		case c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' '):
			return false
		}
	}
	return true
}

// Code renders s as inline code in a cell, or as plain cell text when it
// holds a backtick; "" stays "".
func Code(s string) string {
	if s == "" {
		return ""
	}
	if strings.Contains(s, "`") {
		return Cell(s)
	}
	return "`" + Cell(s) + "`"
}
