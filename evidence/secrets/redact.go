package secrets

import (
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
)

// minSecretLen is the shortest secret a Redactor remembers; shorter strings
// would match too much ordinary text.
const minSecretLen = 4

// redactedPrefix starts every replacement a Redactor writes.
const redactedPrefix = "[REDACTED:"

// markerStart is redactedPrefix without its colon: a pattern that splits a
// marker at the colon (the user:password of a URL) sees it on one side.
const markerStart = "[REDACTED"

// Redactor removes secrets from raw text. It replaces the raw secrets it has
// been given, and also secrets it has never been told about: known token
// shapes, PEM private keys, JWTs, passwords in URLs and connection strings,
// and literal values under credential-like keys ("password": "…",
// API_KEY=…, --token=…). A Redactor is safe for concurrent use.
type Redactor struct {
	mu      sync.RWMutex
	secrets literalSet
}

// NewRedactor returns an empty Redactor.
func NewRedactor() *Redactor {
	return &Redactor{}
}

// Add remembers a raw secret. Strings shorter than four bytes are ignored.
func (r *Redactor) Add(secret string) {
	if r == nil || len(secret) < minSecretLen || strings.HasPrefix(secret, redactedPrefix) {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.secrets.add(secret)
}

// Len returns the number of remembered secrets.
func (r *Redactor) Len() int {
	if r == nil {
		return 0
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.secrets.len()
}

// Redact returns a copy of data with every remembered secret and every
// secret recognisable by its form replaced by "[REDACTED:<shape>]".
func (r *Redactor) Redact(data []byte) []byte {
	return []byte(r.RedactString(string(data)))
}

// RedactString is Redact for strings. Remembered secrets are replaced first:
// scanning left to right, the longest secret that starts at a position is
// replaced whole and the scan resumes after it.
func (r *Redactor) RedactString(s string) string {
	if r != nil {
		r.mu.RLock()
		s = r.secrets.replace(s, redacted)
		r.mu.RUnlock()
	}
	return redactShapes(s)
}

// RedactName returns a name read from a configuration (a server's name, an
// environment variable's or header's name) with any credential in it
// redacted: a name is no place for a secret, but one pasted into the wrong
// field would otherwise reach every report. It is judged by form alone
// (known token shapes, URLs with credentials, random strings), never by a
// key, and leaves ordinary names as they are.
func RedactName(name string) string {
	if len(name) > maxMemoName {
		return redactName(name)
	}
	if out, ok := nameMemo.m.Load(name); ok {
		return out.(string)
	}
	out := redactName(name)
	if nameMemo.n.Add(1) <= maxMemoNames {
		nameMemo.m.Store(strings.Clone(name), out)
	}
	return out
}

// redactName is RedactName without the memo.
func redactName(name string) string {
	out := redactShapes(name)
	if out != name {
		return out
	}
	if part, _ := SecretPart("", name); part != "" {
		return strings.Replace(name, part, redacted(part), 1)
	}
	return name
}

// nameMemo remembers RedactName's answers for names of up to maxMemoName
// bytes, the first maxMemoNames of them: the names a fleet's
// configurations use (variables, headers, the keys in pointers) repeat from
// file to file, and judging one runs every credential check.
var nameMemo struct {
	m sync.Map // name → RedactName(name)
	n atomic.Int64
}

const (
	maxMemoName  = 64
	maxMemoNames = 1 << 14
)

// RedactNames applies RedactName to every name, in place.
func RedactNames(names []string) {
	for i, n := range names {
		names[i] = RedactName(n)
	}
}

// RedactSegments is RedactName for each "/"-separated segment of a path
// made of names: a JSON pointer, a Kubernetes reference
// ("namespace/Kind/name").
func RedactSegments(p string) string {
	for rest := p; ; {
		seg, tail, more := strings.Cut(rest, "/")
		if RedactName(seg) != seg {
			break
		}
		if !more {
			return p // the common case: no segment changes
		}
		rest = tail
	}
	segs := strings.Split(p, "/")
	changed := false
	for i, seg := range segs {
		if r := RedactName(seg); r != seg {
			segs[i], changed = r, true
		}
	}
	if !changed {
		return p
	}
	return strings.Join(segs, "/")
}

// redacted is the replacement text for a secret.
func redacted(secret string) string { return redactedPrefix + Shape(secret) + "]" }

// reFlagPair finds "--flag", "value" pairs in JSON and TOML argument arrays.
// Key-value pairs (key: value, key = value, "key": "value", --flag=value) are
// found by scanKeyValue.
var reFlagPair = regexp.MustCompile(`(["'])(-{1,2}[A-Za-z][A-Za-z0-9_\-]{1,60})(["'][ \t]*,[ \t\r\n]*["'])((?:[^"'\\\n]|\\.)*)(["'])`)

// redactShapes replaces secrets recognisable by their form. The passes run
// in order, each over the output of the one before; a pass whose pattern
// cannot match (its literal is absent) is skipped.
func redactShapes(s string) string {
	if mayHavePEM(s) {
		s = rePEM.ReplaceAllStringFunc(s, redacted)
	}
	mask := tokenHintMask(s)
	for i, t := range tokenShapes {
		if mask&(1<<i) == 0 {
			continue
		}
		var replaced bool
		s, replaced = t.redactAll(s, tokenStarts[i])
		if replaced {
			// the replacement shows a public prefix, which may be a hint
			mask = tokenHintMask(s)
		}
	}
	if mayHaveURLPassword(s) {
		s = replaceURLPasswords(s, func(m urlPasswordMatch) string {
			if isReferenceOrPlaceholder(m.password) || strings.Contains(m.user+m.password, markerStart) {
				return s[m.start:m.end]
			}
			return m.scheme + "://" + m.user + ":" + redacted(m.password) + "@"
		})
		s = replaceMatches(s, scanURLUser, func(m urlUserMatch) (int, int) { return m.start, m.end }, func(m urlUserMatch) string {
			if !tokenLikeUser(m.user) {
				return m.user + "@"
			}
			return redacted(m.user) + "@"
		})
	}
	if mayHaveADOPassword(s) {
		s = replaceADOPasswords(s, func(sub []string) string {
			pw := strings.Trim(sub[1], `"'{}`)
			if pw == "" || isReferenceOrPlaceholder(pw) || strings.HasPrefix(pw, redactedPrefix) {
				return sub[0]
			}
			return strings.Replace(sub[0], pw, redacted(pw), 1)
		})
	}
	if strings.IndexByte(s, '=') >= 0 && strings.ContainsAny(s, "?&") {
		s = replaceMatches(s, scanQueryParam, func(m queryParamMatch) (int, int) { return m.start, m.end }, func(m queryParamMatch) string {
			whole := m.name + "=" + m.value
			if !IsCredentialQueryKey(m.name) || !redactable("token", m.value) {
				return whole
			}
			return m.name + "=" + redacted(m.value)
		})
	}
	s = replaceKeyValues(s, redactKeyValue)
	if mayHaveFlagPair(s) {
		s = replaceFlagPairs(s, func(sub []string) string {
			if !IsCredentialKey(sub[2]) || !redactable(sub[2], sub[4]) {
				return sub[0]
			}
			return sub[1] + sub[2] + sub[3] + redacted(sub[4]) + sub[5]
		})
	}
	return s
}

// redactAll replaces the secret of every match of t in s and reports
// whether it replaced any. starts is t's entry in tokenStarts.
func (t tokenShape) redactAll(s string, starts tokenStart) (string, bool) {
	var locs [][]int
	if starts.anchored != nil {
		locs = starts.findAll(s)
	} else {
		locs = t.re.FindAllStringSubmatchIndex(s, -1)
	}
	if locs == nil {
		return s, false
	}
	var b strings.Builder
	last := 0
	for _, loc := range locs {
		start, end := loc[2*t.group], loc[2*t.group+1]
		if start < 0 || start < last {
			continue
		}
		b.WriteString(s[last:start])
		b.WriteString(redacted(s[start:end]))
		last = end
	}
	b.WriteString(s[last:])
	return b.String(), true
}

// redactKeyValue redacts the value of one key-value pair when the key names
// a credential and the value is a literal secret.
func redactKeyValue(m kvMatch) string {
	whole := m.open + m.key + m.close + m.sep + m.scheme + m.value
	if !IsCredentialKey(m.key) {
		return whole
	}
	quote := ""
	val := m.value
	if len(val) >= 2 && (val[0] == '"' || val[0] == '\'') {
		quote, val = val[:1], val[1:len(val)-1]
	}
	inner, innerScheme := stripAuthScheme(val)
	if !redactable(m.key, inner) {
		return whole
	}
	prefix := ""
	if innerScheme != "" {
		prefix = innerScheme + " "
	}
	return m.open + m.key + m.close + m.sep + m.scheme + quote + prefix + redacted(inner) + quote
}

// redactable reports whether val, found under key in raw text, is a literal
// secret rather than a reference, placeholder or already redacted text.
func redactable(key, val string) bool {
	if val == "" || strings.HasPrefix(val, redactedPrefix) || strings.Contains(val, redactedPrefix) {
		return false
	}
	if strings.ContainsAny(val, "$%") && len(findReferences(val, allForms)) > 0 {
		return false
	}
	reason, _ := literalSecret(key, val)
	return reason != ""
}

// Each calls fn with every raw secret r remembers, so they can be handed to
// another sink (the redactor of a source read by another collector).
func (r *Redactor) Each(fn func(secret string)) {
	if r == nil {
		return
	}
	r.mu.RLock()
	list := r.secrets.list()
	r.mu.RUnlock()
	for _, s := range list {
		fn(s)
	}
}

// Merge adds every secret other remembers to r.
func (r *Redactor) Merge(other *Redactor) {
	if r == nil || other == nil || r == other {
		return
	}
	other.mu.RLock()
	list := other.secrets.list()
	other.mu.RUnlock()
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range list {
		r.secrets.add(s)
	}
}
