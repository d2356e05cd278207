package files

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"
)

// globSet matches slash-separated paths against glob patterns.
type globSet []*regexp.Regexp

// compileGlobs compiles patterns; an invalid pattern is an error naming it.
func compileGlobs(patterns []string) (globSet, error) {
	out := make(globSet, 0, len(patterns))
	for _, p := range patterns {
		re, err := globRegexp(p)
		if err != nil {
			return nil, fmt.Errorf("pattern %q: %w", p, err)
		}
		out = append(out, re)
	}
	return out, nil
}

// CompileGlob checks one include or exclude pattern; the error names the
// pattern and says what is wrong with it. In a pattern "*" matches within one
// path segment, "?" one character, "**" any number of segments, "[abc]",
// "[a-z]" and "[!abc]" (or "[^abc]") one character of (or not of) a set,
// and "\" makes the next character literal. A leading "./" is ignored.
func CompileGlob(pattern string) error {
	_, err := compileGlobs([]string{pattern})
	return err
}

// globRegexp translates a glob into a regular expression over the whole
// path.
func globRegexp(p string) (*regexp.Regexp, error) {
	if p == "" {
		return nil, errors.New("empty pattern")
	}
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
		case c == '[':
			class, n, err := globClass(p[i:])
			if err != nil {
				return nil, err
			}
			b.WriteString(class)
			i += n - 1
		case c == '\\':
			if i+1 == len(p) {
				return nil, errors.New(`trailing "\": nothing to escape`)
			}
			r, size := utf8.DecodeRuneInString(p[i+1:])
			b.WriteString(regexp.QuoteMeta(string(r)))
			i += size
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	return regexp.Compile(b.String())
}

// globClass translates the character class at the start of p ("[…]") and
// returns how many bytes of p it took. As in shells, a "]" right after the
// opening "[" (or "[!") is a member, not the end. A negated class never
// matches "/".
func globClass(p string) (string, int, error) {
	var b strings.Builder
	b.WriteString("[")
	i := 1
	if i < len(p) && (p[i] == '!' || p[i] == '^') {
		b.WriteString("^/")
		i++
	}
	first := true
	for {
		if i >= len(p) {
			return "", 0, errors.New(`"[" starts a character class that no "]" closes (write "\[" for a literal bracket)`)
		}
		if p[i] == ']' && !first {
			break
		}
		first = false
		lo, n, err := classChar(p[i:])
		if err != nil {
			return "", 0, err
		}
		i += n
		if i+1 < len(p) && p[i] == '-' && p[i+1] != ']' {
			hi, m, err := classChar(p[i+1:])
			if err != nil {
				return "", 0, err
			}
			if hi < lo {
				return "", 0, fmt.Errorf("range %q-%q runs backwards", lo, hi)
			}
			b.WriteString(regexp.QuoteMeta(string(lo)) + "-" + regexp.QuoteMeta(string(hi)))
			i += 1 + m
			continue
		}
		b.WriteString(regexp.QuoteMeta(string(lo)))
	}
	b.WriteString("]")
	return b.String(), i + 1, nil
}

// classChar reads one (possibly escaped) character of a class.
func classChar(p string) (rune, int, error) {
	n := 0
	if p[0] == '\\' {
		if len(p) == 1 {
			return 0, 0, errors.New(`trailing "\": nothing to escape`)
		}
		n = 1
	}
	r, size := utf8.DecodeRuneInString(p[n:])
	if r == utf8.RuneError && size <= 1 {
		return 0, 0, errors.New("invalid UTF-8 in pattern")
	}
	return r, n + size, nil
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

// GlobRegexp compiles one path glob, with the syntax of CompileGlob, into a
// regular expression matching whole slash-separated paths. Other inputs
// that select files by glob (an organisation policy's paths) use it, so
// every glob in Tollgate means the same.
func GlobRegexp(pattern string) (*regexp.Regexp, error) {
	re, err := globRegexp(pattern)
	if err != nil {
		return nil, fmt.Errorf("pattern %q: %w", pattern, err)
	}
	return re, nil
}
