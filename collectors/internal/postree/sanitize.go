package postree

import (
	"regexp"
	"strings"
)

// Parser error messages sometimes quote the input they choked on, and that
// input may be a credential. Diagnostics keep the parser's words and position
// but never more than a few characters of the document.
var (
	quotedRun     = regexp.MustCompile("(\"[^\"]{9,}\"|'[^']{9,}'|`[^`]{9,}`)")
	invalidLit    = regexp.MustCompile(`(invalid literal):.*`)
	maxMessageLen = 200
)

// sanitizeMessage removes quoted input from a parser message and bounds its
// length.
func sanitizeMessage(msg string) string {
	msg = invalidLit.ReplaceAllString(msg, "$1")
	msg = quotedRun.ReplaceAllString(msg, "\"…\"")
	msg = strings.Join(strings.Fields(msg), " ")
	if len(msg) > maxMessageLen {
		msg = strings.ToValidUTF8(msg[:maxMessageLen], "") + "…"
	}
	return msg
}
