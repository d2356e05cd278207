package secrets

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// placeholderPatterns recognise stand-ins. Each comes with a guard, a cheap
// test that every ASCII string the pattern matches passes, so most values
// are judged without running the expressions. Text with non-ASCII bytes runs
// them all: (?i) also folds "ſ" to s and the Kelvin sign to k.
var placeholderPatterns = []struct {
	re    *regexp.Regexp
	guard func(v string) bool // v is non-empty ASCII
}{
	// <token>, <paste-your-token-here>
	{regexp.MustCompile(`^<[^<>]+>$`), func(v string) bool { return v[0] == '<' && v[len(v)-1] == '>' }},
	// {{API_KEY}}
	{regexp.MustCompile(`^\{\{\s*[^{}]+\s*\}\}$`), func(v string) bool { return strings.HasPrefix(v, "{{") && strings.HasSuffix(v, "}}") }},
	// [YOUR_TOKEN]
	{regexp.MustCompile(`^\[[A-Za-z0-9 _\-]+\]$`), func(v string) bool { return v[0] == '[' && v[len(v)-1] == ']' }},
	// YOUR_API_KEY, your-api-key-here
	{regexp.MustCompile(`(?i)^your[-_ .]`), func(v string) bool { return v[0]|0x20 == 'y' }},
	// api-key-here, PUT_TOKEN_HERE
	{regexp.MustCompile(`(?i)(^|[-_ ])here$`), func(v string) bool { return len(v) >= 4 && containsFoldASCII(v[len(v)-4:], "here") }},
	// REPLACE_ME, paste-your…
	{regexp.MustCompile(`(?i)^(replace|insert|paste|enter|put|add|fill|set)[-_ ]?(me|your|in|here|with)\b`),
		func(v string) bool { return hasPrefixFoldASCII(v, fillWords...) || hasPrefixFoldASCII(v, "set") }},
	{regexp.MustCompile(`(?i)^(replace|insert|paste|enter|put|add|fill)[-_ ]`),
		func(v string) bool { return hasPrefixFoldASCII(v, fillWords...) }},
	// xxxx
	{regexp.MustCompile(`^(?i:x){3,}$`), func(v string) bool { return v[0]|0x20 == 'x' }},
	// ****, ..., ___, …
	{regexp.MustCompile(`^[xX*•.…_\-]{3,}$`), func(v string) bool { return strings.IndexByte("xX*._-", v[0]) >= 0 }},
	// sk-xxxx, ghp_...
	{regexp.MustCompile(`(?i)^[a-z0-9]{1,12}[-_](?:x{3,}|\.{3,}|\*{3,}|…)+$`),
		func(v string) bool { return strings.IndexByte("xX.*", v[len(v)-1]) >= 0 }},
	// xxxx-xxxx, key_xxxx
	{regexp.MustCompile(`(?i)^(?:[a-z0-9]+[-_])*x{4,}(?:[-_]x{3,})*$`), func(v string) bool { return v[len(v)-1]|0x20 == 'x' }},
	{regexp.MustCompile(`(?i)^(todo|tbd|fixme|placeholder|dummy|example|sample|redacted|none|null|nil|undefined|n/a|tbc|unset|notset|not-set|not_set)$`),
		func(v string) bool { return len(v) <= len("placeholder") && equalFoldASCIIAny(v, placeholderWords...) }},
	{regexp.MustCompile(`(?i)^\.\.\.`), func(v string) bool { return strings.HasPrefix(v, "...") }},
}

// fillWords start an instruction to fill a value in (REPLACE_ME, paste-your…).
var fillWords = []string{"replace", "insert", "paste", "enter", "put", "add", "fill"}

// placeholderWords are whole values that stand for a value not given.
var placeholderWords = []string{"todo", "tbd", "fixme", "placeholder", "dummy", "example", "sample", "redacted", "none",
	"null", "nil", "undefined", "n/a", "tbc", "unset", "notset", "not-set", "not_set"}

// hasPrefixFoldASCII reports whether v, which is ASCII, starts with one of
// the lower-case ASCII words, ignoring case. (Each word starts with a
// letter: v starts with it, in either case, when v[0]|0x20 is it.)
func hasPrefixFoldASCII(v string, words ...string) bool {
	for _, w := range words {
		if len(v) >= len(w) && v[0]|0x20 == w[0] && strings.EqualFold(v[:len(w)], w) {
			return true
		}
	}
	return false
}

// equalFoldASCIIAny reports whether v, which is ASCII, is one of the
// lower-case ASCII words, ignoring case. (Each word starts with a letter.)
func equalFoldASCIIAny(v string, words ...string) bool {
	for _, w := range words {
		if len(v) == len(w) && v[0]|0x20 == w[0] && strings.EqualFold(v, w) {
			return true
		}
	}
	return false
}

// authSchemes are the credential schemes an Authorization value starts with.
var authSchemes = []string{"Bearer ", "bearer ", "Basic ", "basic ", "Token ", "token ", "Bot ", "ApiKey ", "Api-Key "}

// stripAuthScheme removes a leading "Bearer " (or another scheme) and reports
// the scheme it removed.
func stripAuthScheme(s string) (rest, scheme string) {
	for _, p := range authSchemes {
		if strings.HasPrefix(s, p) {
			return strings.TrimSpace(s[len(p):]), strings.TrimSpace(p)
		}
	}
	return s, ""
}

// isAuthSchemeWord reports whether s is only an auth scheme's name ("Bearer"),
// as when the credential that follows it is a reference or on another line.
func isAuthSchemeWord(s string) bool {
	for _, name := range authSchemeNames {
		// A string equal to an ASCII name ignoring case has as many
		// characters as the name, each at most utf8.UTFMax bytes long.
		if len(s) >= len(name) && len(s) <= utf8.UTFMax*len(name) && strings.EqualFold(s, name) {
			return true
		}
	}
	return false
}

// authSchemeNames are the names of authSchemes, without the space, each
// once ignoring case.
var authSchemeNames = func() []string {
	var out []string
	for _, p := range authSchemes {
		name := strings.TrimSpace(p)
		if !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, name) }) {
			out = append(out, name)
		}
	}
	return out
}()

// reVarNameValue is a variable's own name given as its value (API_KEY:
// "OPENAI_API_KEY"): a stand-in when the key names a credential.
var reVarNameValue = regexp.MustCompile(`^[A-Z][A-Z0-9_]*_(KEY|TOKEN|SECRET|PASSWORD|PAT|APIKEY)$`)

// isPlaceholder reports whether v is a stand-in for a value to be filled in.
func isPlaceholder(v string) bool {
	v = strings.TrimSpace(v)
	if rest, _ := stripAuthScheme(v); rest != "" {
		v = rest
	}
	if v == "" {
		return false
	}
	ascii := true
	for i := 0; i < len(v); i++ {
		if v[i] >= 0x80 {
			ascii = false
			break
		}
	}
	for _, p := range placeholderPatterns {
		if (!ascii || p.guard(v)) && p.re.MatchString(v) {
			return true
		}
	}
	return false
}

// weakDefaults are well-known default or example passwords.
var weakDefaults = map[string]bool{
	"changeme": true, "change-me": true, "change_me": true, "changeit": true,
	"admin": true, "admin123": true, "admin1234": true, "administrator": true,
	"password": true, "password1": true, "password123": true, "passw0rd": true,
	"p@ssw0rd": true, "p@ssword": true, "pass": true, "pass123": true,
	"secret": true, "secret123": true, "test": true, "test123": true,
	"testing": true, "123456": true, "12345678": true, "1234": true,
	"123456789": true, "root": true, "toor": true, "minioadmin": true,
	"guest": true, "default": true, "letmein": true, "qwerty": true,
	"welcome": true, "postgres": true, "mysql": true, "demo": true,
	"sa": true, "oracle": true, "neo4j": true, "rabbitmq": true,
}

// isWeakDefault reports whether v is a well-known default password.
func isWeakDefault(v string) bool {
	l := strings.ToLower(strings.TrimSpace(v))
	if weakDefaults[l] {
		return true
	}
	for _, marker := range []string{"changeme", "change-me", "change_me", "changeit"} {
		if strings.Contains(l, marker) {
			return true
		}
	}
	return false
}
