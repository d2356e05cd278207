package secrets

import (
	"regexp"
	"strings"
)

var placeholderPatterns = []*regexp.Regexp{
	regexp.MustCompile(`^<[^<>]+>$`),             // <token>, <paste-your-token-here>
	regexp.MustCompile(`^\{\{\s*[^{}]+\s*\}\}$`), // {{API_KEY}}
	regexp.MustCompile(`^\[[A-Za-z0-9 _\-]+\]$`), // [YOUR_TOKEN]
	regexp.MustCompile(`(?i)^your[-_ .]`),        // YOUR_API_KEY, your-api-key-here
	regexp.MustCompile(`(?i)(^|[-_ ])here$`),     // api-key-here, PUT_TOKEN_HERE
	regexp.MustCompile(`(?i)^(replace|insert|paste|enter|put|add|fill|set)[-_ ]?(me|your|in|here|with)\b`), // REPLACE_ME, paste-your…
	regexp.MustCompile(`(?i)^(replace|insert|paste|enter|put|add|fill)[-_ ]`),
	regexp.MustCompile(`^(?i:x){3,}$`),                                       // xxxx
	regexp.MustCompile(`^[xX*•.…_\-]{3,}$`),                                  // ****, ..., ___, …
	regexp.MustCompile(`(?i)^[a-z0-9]{1,12}[-_](?:x{3,}|\.{3,}|\*{3,}|…)+$`), // sk-xxxx, ghp_...
	regexp.MustCompile(`(?i)^(?:[a-z0-9]+[-_])*x{4,}(?:[-_]x{3,})*$`),        // xxxx-xxxx, key_xxxx
	regexp.MustCompile(`(?i)^(todo|tbd|fixme|placeholder|dummy|example|sample|redacted|none|null|nil|undefined|n/a|tbc|unset|notset|not-set|not_set)$`),
	regexp.MustCompile(`(?i)^\.\.\.`),
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

// reVarNameValue is a variable's own name given as its value (API_KEY:
// "OPENAI_API_KEY"): a stand-in when the key names a credential.
var reVarNameValue = regexp.MustCompile(`^[A-Z][A-Z0-9_]*_(KEY|TOKEN|SECRET|PASSWORD|PAT|APIKEY)$`)

// isPlaceholder reports whether v is a stand-in for a value to be filled in.
func isPlaceholder(v string) bool {
	v = strings.TrimSpace(v)
	if rest, _ := stripAuthScheme(v); rest != "" {
		v = rest
	}
	for _, re := range placeholderPatterns {
		if re.MatchString(v) {
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
