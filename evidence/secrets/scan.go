package secrets

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// Redaction and classification run over whole configuration files, so the
// scans here are linear and cheap on text that holds no secret: each regular
// expression is run only when the text holds a literal every match contains,
// or only at the few positions where a match can start; the key-value and
// URL-password patterns, which would otherwise run over every byte, have
// hand-written scanners. scan_test.go checks each against the regular
// expression it stands for.

// tokenHint is one of the literals of which every match of
// tokenShapes[shape] contains at least one (see tokenShape.hints).
type tokenHint struct {
	lit   string
	shape int
}

// tokenHintsByFirst lists the token hints by their first byte.
var tokenHintsByFirst = func() (t [256][]tokenHint) {
	if len(tokenShapes) > 32 {
		panic("secrets: more token shapes than bits in a hint mask")
	}
	for i, shape := range tokenShapes {
		for _, h := range shape.hints {
			t[h[0]] = append(t[h[0]], tokenHint{h, i})
		}
	}
	return t
}()

// tokenHintPairs has bit a<<8|b set when a token hint starts with the bytes
// a, b: most positions of a text start no hint, and one look-up of the two
// bytes there says so.
var tokenHintPairs = func() (t [1 << 16 / 64]uint64) {
	for _, shape := range tokenShapes {
		for _, h := range shape.hints {
			if len(h) < 2 {
				panic("secrets: a token hint shorter than two bytes")
			}
			p := uint16(h[0])<<8 | uint16(h[1])
			t[p/64] |= 1 << (p % 64)
		}
	}
	return t
}()

// tokenHintMask returns the set of token shapes (bit i for tokenShapes[i])
// one of whose hints s contains: the shapes whose expressions can match s.
// One pass over s replaces a search for each hint.
func tokenHintMask(s string) uint32 {
	var mask uint32
	for i := 0; i+1 < len(s); i++ {
		if p := uint16(s[i])<<8 | uint16(s[i+1]); tokenHintPairs[p/64]&(1<<(p%64)) == 0 {
			continue
		}
		for _, h := range tokenHintsByFirst[s[i]] {
			if strings.HasPrefix(s[i:], h.lit) {
				mask |= 1 << h.shape
			}
		}
	}
	return mask
}

// tokenStart finds the matches of a token shape whose expression is \b
// followed by an expression every match of which starts with lit, a
// literal whose first byte is a word character (sk-, ghp_, xox…). A match
// can start only where lit does, after a non-word character, so the
// expression without \b is tried, anchored, at those places alone instead
// of at every byte. The zero value stands for a shape not of that form.
type tokenStart struct {
	lit      string
	anchored *regexp.Regexp
}

// tokenStarts holds the tokenStart of each of tokenShapes.
var tokenStarts = func() []tokenStart {
	out := make([]tokenStart, len(tokenShapes))
	for i, t := range tokenShapes {
		out[i] = newTokenStart(t.re)
	}
	return out
}()

// newTokenStart returns the tokenStart of re, or the zero value when re is
// not \b followed by the rest of one concatenation (in `\bab|cd` the \b
// holds for the first alternative only) or the rest has no literal prefix
// starting with a word character.
func newTokenStart(re *regexp.Regexp) tokenStart {
	rest, ok := strings.CutPrefix(re.String(), `\b`)
	if !ok {
		return tokenStart{}
	}
	parsed, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil || parsed.Op != syntax.OpConcat || parsed.Sub[0].Op != syntax.OpWordBoundary {
		return tokenStart{}
	}
	lit, _ := regexp.MustCompile(rest).LiteralPrefix()
	if lit == "" || !syntax.IsWordChar(rune(lit[0])) {
		return tokenStart{}
	}
	return tokenStart{lit, regexp.MustCompile(`^(?:` + rest + `)`)}
}

// findAll returns what FindAllStringSubmatchIndex(s, -1) of the shape's
// expression returns. The leftmost match starts at the first place that
// has lit after a non-word character (\b's rule, on the rune before it) and
// where the rest of the expression matches; the next is looked for from
// its end.
func (ts tokenStart) findAll(s string) [][]int {
	var locs [][]int
	for pos := 0; pos <= len(s); {
		i := strings.Index(s[pos:], ts.lit)
		if i < 0 {
			break
		}
		p := pos + i
		pos = p + 1
		if p > 0 {
			if r, _ := utf8.DecodeLastRuneInString(s[:p]); syntax.IsWordChar(r) {
				continue
			}
		}
		loc := ts.anchored.FindStringSubmatchIndex(s[p:])
		if loc == nil {
			continue
		}
		for k := range loc {
			if loc[k] >= 0 {
				loc[k] += p
			}
		}
		locs = append(locs, loc)
		pos = loc[1]
	}
	return locs
}

// mayHavePEM reports whether rePEM can match s.
func mayHavePEM(s string) bool { return strings.Contains(s, "PRIVATE KEY") }

// mayHaveURLPassword reports whether reURLPassword can match s.
func mayHaveURLPassword(s string) bool {
	return strings.Contains(s, "://") && strings.IndexByte(s, '@') >= 0
}

// mayHaveADOPassword reports whether reADOPassword can match s: it needs
// "=" and, case-insensitively, "pwd" or "password". Text with non-ASCII
// bytes is always scanned, because (?i) also folds some non-ASCII letters
// (U+017F ſ matches s).
func mayHaveADOPassword(s string) bool {
	if strings.IndexByte(s, '=') < 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return containsFoldASCII(s, "pwd") || containsFoldASCII(s, "password") ||
		containsFoldASCII(s, "accountkey") || containsFoldASCII(s, "sharedaccess")
}

// containsFoldASCII reports whether s contains sub (lower-case ASCII
// letters) ignoring ASCII case.
func containsFoldASCII(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) && s[i+j]|0x20 == sub[j] {
			j++
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

// mayHaveFlagPair reports whether reFlagPair can match s.
func mayHaveFlagPair(s string) bool {
	return strings.Contains(s, `"-`) || strings.Contains(s, `'-`)
}

// reFlagPairAt is reFlagPair anchored at the start of the text.
var reFlagPairAt = regexp.MustCompile(`^(?:` + reFlagPair.String() + `)`)

// replaceFlagPairs is reFlagPair.ReplaceAllStringFunc(s, fn) that tries the
// expression only where a match can start: at a quote followed by "-".
func replaceFlagPairs(s string, fn func(sub []string) string) string {
	var b strings.Builder
	changed := false
	last, pos := 0, 0
	for pos < len(s) {
		j := strings.IndexByte(s[pos:], '-')
		if j < 0 {
			break
		}
		dash := pos + j
		p := dash - 1
		if p < pos || s[p] != '"' && s[p] != '\'' {
			pos = dash + 1
			continue
		}
		loc := reFlagPairAt.FindStringSubmatchIndex(s[p:])
		if loc == nil {
			pos = dash + 1
			continue
		}
		sub := make([]string, len(loc)/2)
		for i := range sub {
			sub[i] = s[p+loc[2*i] : p+loc[2*i+1]]
		}
		if rep := fn(sub); rep != sub[0] {
			b.WriteString(s[last:p])
			b.WriteString(rep)
			last, changed = p+loc[1], true
		}
		pos = p + loc[1]
	}
	if !changed {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// kvMatch is one key-value pair found in raw text (see scanKeyValue); the
// fields are the submatches of the pattern, Match the whole pair.
type kvMatch struct {
	start, end int
	// open and close are the key's quotes, when it is quoted.
	open, key, close string
	// sep is the separator with the blanks around it.
	sep string
	// scheme is an auth scheme before the value ("Bearer "), if any.
	scheme string
	// value is the value as written, with its quotes.
	value string
}

// maxKVKeyPrefix is the longest text a key-value key can span: a quote, two
// dashes, a letter, eighty key characters and a closing quote.
const maxKVKeyPrefix = 85

// scanKeyValue finds the first key-value pair in s at or after pos: key: value,
// key = value, "key": "value" or --flag=value. It matches exactly what the
// regular expression
//
//	(["']?)(-{0,2}[A-Za-z_][A-Za-z0-9_.\-]{0,80})(["']?)([ \t]*[:=][ \t]*)((?:[Bb]earer|[Bb]asic|[Tt]oken)[ \t]+)?("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s,#"'{}\[\]]+)
//
// matches, in linear time: a pair is found from its separator, the key is
// looked for in the few bytes before it and the value is read once.
func scanKeyValue(s string, pos int) (kvMatch, bool) {
	prevSep := pos - 1
	for {
		j := strings.IndexAny(s[prevSep+1:], ":=")
		if j < 0 {
			break
		}
		q := prevSep + 1 + j
		lo := prevSep + 1
		prevSep = q
		sp := q
		for sp > lo && (s[sp-1] == ' ' || s[sp-1] == '\t') {
			sp--
		}
		if lo < sp-maxKVKeyPrefix {
			lo = sp - maxKVKeyPrefix
		}
		m, ok := kvKey(s, lo, sp)
		if !ok {
			continue
		}
		if !kvValue(s, sp, q, &m) {
			continue
		}
		return m, true
	}
	return kvMatch{}, false
}

// kvKey finds the leftmost start in [lo, sp) from which a quoted or bare key
// runs exactly to sp, where the blanks before the separator begin.
func kvKey(s string, lo, sp int) (kvMatch, bool) {
	for p := lo; p < sp; p++ {
		i := p
		var m kvMatch
		if isQuote(s[i]) {
			m.open = s[i : i+1]
			i++
		}
		ks := i
		for i < sp && s[i] == '-' && i-ks < 3 {
			i++
		}
		if i-ks > 2 || i >= sp || !isKeyStart(s[i]) {
			continue
		}
		i++
		rs := i
		for i < sp && isKeyByte(s[i]) {
			i++
		}
		if i-rs > 80 {
			continue
		}
		m.key = s[ks:i]
		if i < sp && isQuote(s[i]) {
			m.close = s[i : i+1]
			i++
		}
		if i != sp {
			continue
		}
		m.start = p
		return m, true
	}
	return kvMatch{}, false
}

// kvValue reads the separator (whose blanks start at sp, its character at
// q) and the value after it into m, preferring a value after an auth scheme,
// and sets m.end.
func kvValue(s string, sp, q int, m *kvMatch) bool {
	v := q + 1
	for v < len(s) && (s[v] == ' ' || s[v] == '\t') {
		v++
	}
	m.sep = s[sp:v]
	if w := schemeWordLen(s[v:]); w > 0 {
		j := v + w
		if j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
				j++
			}
			if e, ok := kvValueEnd(s, j); ok {
				m.scheme, m.value, m.end = s[v:j], s[j:e], e
				return true
			}
		}
	}
	if e, ok := kvValueEnd(s, v); ok {
		m.value, m.end = s[v:e], e
		return true
	}
	return false
}

// schemeWordLen returns the length of the auth scheme word s starts with
// (Bearer, Basic, Token, capitalised or not), or 0.
func schemeWordLen(s string) int {
	for _, w := range [...]string{"Bearer", "bearer", "Basic", "basic", "Token", "token"} {
		if strings.HasPrefix(s, w) {
			return len(w)
		}
	}
	return 0
}

// kvValueEnd returns the end of the value starting at v: a double-quoted
// string with backslash escapes, a single-quoted string (both on one line)
// or a bare word.
func kvValueEnd(s string, v int) (int, bool) {
	if v >= len(s) {
		return 0, false
	}
	switch s[v] {
	case '"':
		for x := v + 1; x < len(s); x++ {
			switch s[x] {
			case '"':
				return x + 1, true
			case '\n':
				return 0, false
			case '\\':
				if x+1 >= len(s) || s[x+1] == '\n' {
					return 0, false
				}
				x++
			}
		}
		return 0, false
	case '\'':
		for x := v + 1; x < len(s); x++ {
			switch s[x] {
			case '\'':
				return x + 1, true
			case '\n':
				return 0, false
			}
		}
		return 0, false
	}
	x := v
	for x < len(s) && !isBareStop(s[x]) {
		x++
	}
	return x, x > v
}

func isQuote(c byte) bool { return c == '"' || c == '\'' }

func isKeyStart(c byte) bool { return isLetter(c) || c == '_' }

func isKeyByte(c byte) bool {
	return isLetter(c) || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-'
}

// isBareStop reports whether c ends a bare value: white space (as \s in a
// regular expression: tab, newline, form feed, carriage return, space) or
// one of , # " ' { } [ ].
func isBareStop(c byte) bool {
	switch c {
	case '\t', '\n', '\f', '\r', ' ', ',', '#', '"', '\'', '{', '}', '[', ']':
		return true
	}
	return false
}

// replaceKeyValues replaces every key-value pair in s (as found by
// scanKeyValue, left to right, without overlaps) by fn's result.
func replaceKeyValues(s string, fn func(m kvMatch) string) string {
	return replaceMatches(s, scanKeyValue, func(m kvMatch) (int, int) { return m.start, m.end }, fn)
}

// replaceMatches replaces every match scan finds in s, left to right and
// without overlaps, by fn's result; bounds gives a match's start and end. s
// itself is returned when nothing changes.
func replaceMatches[M any](s string, scan func(s string, pos int) (M, bool), bounds func(M) (int, int), fn func(M) string) string {
	var b strings.Builder
	changed := false
	last, pos := 0, 0
	for {
		m, ok := scan(s, pos)
		if !ok {
			break
		}
		start, end := bounds(m)
		if rep := fn(m); rep != s[start:end] {
			b.WriteString(s[last:start])
			b.WriteString(rep)
			last, changed = end, true
		}
		pos = end
	}
	if !changed {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// urlPasswordMatch is one match of reURLPassword: the whole match and the
// scheme, user and password submatches.
type urlPasswordMatch struct {
	start, end             int
	scheme, user, password string
}

// scanURLPassword finds the first scheme://user:password@ in s at or after
// pos, exactly as reURLPassword would, in linear time: a match is found from
// its "://", the scheme is the run of scheme characters before it, starting
// at a word boundary.
func scanURLPassword(s string, pos int) (urlPasswordMatch, bool) {
	for from := pos; ; {
		j := strings.Index(s[from:], "://")
		if j < 0 {
			return urlPasswordMatch{}, false
		}
		c := from + j
		from = c + 1
		// The scheme: the leftmost letter in the run of scheme characters
		// before "://" that starts a word.
		r := c
		for r > pos && isSchemeByte(s[r-1]) {
			r--
		}
		p := -1
		for q := r; q < c; q++ {
			if isLetter(s[q]) && (q == 0 || !isWordByte(s[q-1])) {
				p = q
				break
			}
		}
		if p < 0 {
			continue
		}
		// user: a run without ":", "/", "@", quotes, angle brackets or
		// white space; then ":"; the password: a run without "@", "/",
		// quotes, angle brackets or white space; then "@".
		u := c + 3
		x := u
		for x < len(s) && !isURLUserStop(s[x]) {
			x++
		}
		if x >= len(s) || s[x] != ':' {
			continue
		}
		pw := x + 1
		y := pw
		for y < len(s) && !isURLPasswordStop(s[y]) {
			y++
		}
		if y == pw || y >= len(s) || s[y] != '@' {
			continue
		}
		return urlPasswordMatch{start: p, end: y + 1, scheme: s[p:c], user: s[u:x], password: s[pw:y]}, true
	}
}

func isSchemeByte(c byte) bool {
	return isLetter(c) || c >= '0' && c <= '9' || c == '+' || c == '.' || c == '-'
}

func isURLPasswordStop(c byte) bool {
	switch c {
	case '\t', '\n', '\f', '\r', ' ', '@', '/', '"', '\'', '<', '>':
		return true
	}
	return false
}

func isURLUserStop(c byte) bool { return c == ':' || isURLPasswordStop(c) }

// urlUserMatch is a URL whose userinfo has a user and no password:
// scheme://user@.
type urlUserMatch struct {
	start, end int
	user       string
}

// scanURLUser finds the first scheme://user@ (no ":" in the userinfo) in s
// at or after pos.
func scanURLUser(s string, pos int) (urlUserMatch, bool) {
	for from := pos; ; {
		j := strings.Index(s[from:], "://")
		if j < 0 {
			return urlUserMatch{}, false
		}
		c := from + j
		from = c + 1
		u := c + 3
		x := u
		for x < len(s) && !isURLUserStop(s[x]) {
			x++
		}
		if x == u || x >= len(s) || s[x] != '@' {
			continue
		}
		return urlUserMatch{start: u, end: x + 1, user: s[u:x]}, true
	}
}

// replaceURLPasswords is reURLPassword.ReplaceAllStringFunc(s, fn).
func replaceURLPasswords(s string, fn func(m urlPasswordMatch) string) string {
	return replaceMatches(s, scanURLPassword, func(m urlPasswordMatch) (int, int) { return m.start, m.end }, fn)
}

// reADOPasswordAt is reADOPassword anchored at the start of the text.
var reADOPasswordAt = regexp.MustCompile(`^(?:` + reADOPassword.String() + `)`)

// scanADOPassword finds the first match of reADOPassword in s at or after
// pos and returns its submatch indexes (relative to s). The expression is
// tried only where a match can start: at the start of the text or at a
// delimiter, followed by the first letter of a key it names (p, a or s in
// either case).
func scanADOPassword(s string, pos int) ([]int, bool) {
	for q := pos; q < len(s); q++ {
		var next byte
		switch {
		case q == 0 && isADOKeyStart(s[0]):
			next = s[0]
		case isADODelimiter(s[q]) && q+1 < len(s):
			next = s[q+1]
		default:
			continue
		}
		if !isADOKeyStart(next) {
			continue
		}
		if loc := reADOPasswordAt.FindStringSubmatchIndex(s[q:]); loc != nil {
			for i := range loc {
				if loc[i] >= 0 {
					loc[i] += q
				}
			}
			return loc, true
		}
	}
	return nil, false
}

// isADOKeyStart reports whether c can start a key reADOPassword names: p,
// a or s in either case, or a non-ASCII byte ((?i) folds "ſ" to s).
func isADOKeyStart(c byte) bool {
	switch c | 0x20 {
	case 'p', 'a', 's':
		return true
	}
	return c >= 0x80
}

// isADODelimiter reports whether c may precede Password= in a connection
// string: ";", ",", a quote or white space.
func isADODelimiter(c byte) bool {
	switch c {
	case ';', ',', '"', '\'', '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

// replaceADOPasswords is reADOPassword.ReplaceAllStringFunc(s, fn), with
// fn given the submatches.
func replaceADOPasswords(s string, fn func(sub []string) string) string {
	return replaceMatches(s, scanADOPassword, func(loc []int) (int, int) { return loc[0], loc[1] }, func(loc []int) string {
		sub := make([]string, len(loc)/2)
		for i := range sub {
			if loc[2*i] >= 0 {
				sub[i] = s[loc[2*i]:loc[2*i+1]]
			}
		}
		return fn(sub)
	})
}

// queryParamMatch is one name=value parameter of a URL query: after "?" or
// "&", a name of parameter characters, "=", and a value up to the next "&",
// "#", white space, quote or angle bracket.
type queryParamMatch struct {
	start, end  int
	name, value string
}

// scanQueryParam finds the first query parameter in s at or after pos, as
// the expression [?&]([A-Za-z0-9_.\-]+)=([^&#\s"'<>]*) would (the match
// starts after the "?" or "&").
func scanQueryParam(s string, pos int) (queryParamMatch, bool) {
	for q := pos; q < len(s); q++ {
		if s[q] != '?' && s[q] != '&' {
			continue
		}
		n := q + 1
		for n < len(s) && isQueryNameByte(s[n]) {
			n++
		}
		if n == q+1 || n >= len(s) || s[n] != '=' {
			continue
		}
		v := n + 1
		for v < len(s) && !isQueryValueStop(s[v]) {
			v++
		}
		return queryParamMatch{start: q + 1, end: v, name: s[q+1 : n], value: s[n+1 : v]}, true
	}
	return queryParamMatch{}, false
}

func isQueryNameByte(c byte) bool {
	return isLetter(c) || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-'
}

func isQueryValueStop(c byte) bool {
	switch c {
	case '&', '#', '\t', '\n', '\f', '\r', ' ', '"', '\'', '<', '>':
		return true
	}
	return false
}
