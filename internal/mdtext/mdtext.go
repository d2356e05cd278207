// Package mdtext renders text safely inside GitHub-flavoured Markdown
// tables, for the Markdown reports (summary.md, diffs, history).
package mdtext

import "strings"

// Cell makes text safe inside a Markdown table cell: whitespace runs become
// one space, and pipes and angle brackets are escaped.
func Cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.NewReplacer("|", `\|`, "<", "&lt;", ">", "&gt;").Replace(s)
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
