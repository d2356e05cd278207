package secrets

import (
	"regexp"
	"sort"
	"strings"
	"sync"
)

// minSecretLen is the shortest secret a Redactor remembers; shorter strings
// would match too much ordinary text.
const minSecretLen = 4

// redactedPrefix starts every replacement a Redactor writes.
const redactedPrefix = "[REDACTED:"

// Redactor removes secrets from raw text. It replaces the raw secrets it has
// been given, and also secrets it has never been told about: known token
// shapes, PEM private keys, JWTs, passwords in URLs and connection strings,
// and literal values under credential-like keys ("password": "…",
// API_KEY=…, --token=…). A Redactor is safe for concurrent use.
type Redactor struct {
	mu       sync.Mutex
	secrets  map[string]struct{}
	replacer *strings.Replacer // built lazily from secrets; nil when stale
}

// NewRedactor returns an empty Redactor.
func NewRedactor() *Redactor {
	return &Redactor{secrets: map[string]struct{}{}}
}

// Add remembers a raw secret. Strings shorter than four bytes are ignored.
func (r *Redactor) Add(secret string) {
	if r == nil || len(secret) < minSecretLen || strings.HasPrefix(secret, redactedPrefix) {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.secrets[secret]; !ok {
		r.secrets[secret] = struct{}{}
		r.replacer = nil
	}
}

// Len returns the number of remembered secrets.
func (r *Redactor) Len() int {
	if r == nil {
		return 0
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.secrets)
}

// Redact returns a copy of data with every remembered secret and every
// secret recognisable by its form replaced by "[REDACTED:<shape>]".
func (r *Redactor) Redact(data []byte) []byte {
	return []byte(r.RedactString(string(data)))
}

// RedactString is Redact for strings.
func (r *Redactor) RedactString(s string) string {
	if rep := r.getReplacer(); rep != nil {
		s = rep.Replace(s)
	}
	return redactShapes(s)
}

// getReplacer returns a replacer for the remembered secrets, longest first so
// that a secret containing another is replaced whole.
func (r *Redactor) getReplacer() *strings.Replacer {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.replacer != nil || len(r.secrets) == 0 {
		return r.replacer
	}
	list := make([]string, 0, len(r.secrets))
	for s := range r.secrets {
		list = append(list, s)
	}
	sort.Slice(list, func(i, j int) bool {
		if len(list[i]) != len(list[j]) {
			return len(list[i]) > len(list[j])
		}
		return list[i] < list[j]
	})
	pairs := make([]string, 0, 2*len(list))
	for _, s := range list {
		pairs = append(pairs, s, redacted(s))
	}
	r.replacer = strings.NewReplacer(pairs...)
	return r.replacer
}

// redacted is the replacement text for a secret.
func redacted(secret string) string { return redactedPrefix + Shape(secret) + "]" }

var (
	// reKeyValue finds key: value, key = value, "key": "value" and --flag=value.
	reKeyValue = regexp.MustCompile(`(["']?)(-{0,2}[A-Za-z_][A-Za-z0-9_.\-]{0,80})(["']?)([ \t]*[:=][ \t]*)((?:[Bb]earer|[Bb]asic|[Tt]oken)[ \t]+)?("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s,#"'{}\[\]]+)`)
	// reFlagPair finds "--flag", "value" pairs in JSON and TOML argument arrays.
	reFlagPair = regexp.MustCompile(`(["'])(-{1,2}[A-Za-z][A-Za-z0-9_\-]{1,60})(["'][ \t]*,[ \t\r\n]*["'])((?:[^"'\\\n]|\\.)*)(["'])`)
)

// redactShapes replaces secrets recognisable by their form.
func redactShapes(s string) string {
	s = rePEM.ReplaceAllStringFunc(s, redacted)
	for _, t := range tokenShapes {
		s = t.re.ReplaceAllStringFunc(s, redacted)
	}
	s = reURLPassword.ReplaceAllStringFunc(s, func(m string) string {
		sub := reURLPassword.FindStringSubmatch(m)
		if isReferenceOrPlaceholder(sub[3]) || strings.HasPrefix(sub[3], redactedPrefix) {
			return m
		}
		return sub[1] + "://" + sub[2] + ":" + redacted(sub[3]) + "@"
	})
	s = reADOPassword.ReplaceAllStringFunc(s, func(m string) string {
		sub := reADOPassword.FindStringSubmatch(m)
		pw := strings.Trim(sub[1], `"'{}`)
		if pw == "" || isReferenceOrPlaceholder(pw) || strings.HasPrefix(pw, redactedPrefix) {
			return m
		}
		return strings.Replace(m, pw, redacted(pw), 1)
	})
	s = reKeyValue.ReplaceAllStringFunc(s, redactKeyValue)
	s = reFlagPair.ReplaceAllStringFunc(s, func(m string) string {
		sub := reFlagPair.FindStringSubmatch(m)
		if !IsCredentialKey(sub[2]) || !redactable(sub[2], sub[4]) {
			return m
		}
		return sub[1] + sub[2] + sub[3] + redacted(sub[4]) + sub[5]
	})
	return s
}

// redactKeyValue redacts the value of one key-value match when the key names
// a credential and the value is a literal secret.
func redactKeyValue(m string) string {
	sub := reKeyValue.FindStringSubmatch(m)
	key, scheme, raw := sub[2], sub[5], sub[6]
	if !IsCredentialKey(key) {
		return m
	}
	quote := ""
	val := raw
	if len(raw) >= 2 && (raw[0] == '"' || raw[0] == '\'') {
		quote, val = raw[:1], raw[1:len(raw)-1]
	}
	inner, innerScheme := stripAuthScheme(val)
	if !redactable(key, inner) {
		return m
	}
	prefix := ""
	if innerScheme != "" {
		prefix = innerScheme + " "
	}
	return sub[1] + key + sub[3] + sub[4] + scheme + quote + prefix + redacted(inner) + quote
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

// Merge adds every secret other remembers to r.
func (r *Redactor) Merge(other *Redactor) {
	if r == nil || other == nil || r == other {
		return
	}
	other.mu.Lock()
	list := make([]string, 0, len(other.secrets))
	for s := range other.secrets {
		list = append(list, s)
	}
	other.mu.Unlock()
	for _, s := range list {
		r.Add(s)
	}
}
