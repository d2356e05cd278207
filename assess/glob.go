package assess

import (
	"regexp"
	"strings"
)

// selector matches subjects by a glob on their ID or name: * matches any run
// of characters (slashes included), ? any one character.
type selector struct {
	pattern string
	re      *regexp.Regexp
}

// newSelector compiles a subject glob.
func newSelector(pattern string) selector {
	var b strings.Builder
	b.WriteString("^")
	for _, r := range pattern {
		switch r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString("$")
	return selector{pattern: pattern, re: regexp.MustCompile(b.String())}
}

// match reports whether the selector matches the subject's ID or name.
func (s selector) match(id, name string) bool {
	return s.re.MatchString(id) || (name != "" && s.re.MatchString(name))
}
