package files

import (
	"fmt"
	"path"
	"regexp"
	"strings"
)

// globSet matches slash-separated paths against glob patterns where "*"
// matches within one path segment, "?" one character and "**" any number of
// segments.
type globSet []*regexp.Regexp

// compileGlobs compiles patterns; an invalid pattern is an error.
func compileGlobs(patterns []string) (globSet, error) {
	out := make(globSet, 0, len(patterns))
	for _, p := range patterns {
		re, err := globRegexp(p)
		if err != nil {
			return nil, fmt.Errorf("glob %q: %w", p, err)
		}
		out = append(out, re)
	}
	return out, nil
}

func globRegexp(p string) (*regexp.Regexp, error) {
	var b strings.Builder
	b.WriteString("^")
	p = strings.TrimPrefix(p, "./")
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case strings.HasPrefix(p[i:], "**/"):
			b.WriteString("(?:.*/)?")
			i += 2
		case strings.HasPrefix(p[i:], "**"):
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	return regexp.Compile(b.String())
}

// match reports whether rel, or its base name, matches any pattern.
func (g globSet) match(rel string) bool {
	base := path.Base(rel)
	for _, re := range g {
		if re.MatchString(rel) || re.MatchString(base) {
			return true
		}
	}
	return false
}
