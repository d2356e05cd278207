package secrets

import (
	"math"
	"regexp"
	"strings"
	"unicode"
)

var (
	reUUID   = regexp.MustCompile(`(?i)^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	reHex    = regexp.MustCompile(`^[0-9a-fA-F]+$`)
	reEmail  = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$`)
	reDigest = regexp.MustCompile(`^[a-z0-9]+:[0-9a-fA-F]{16,}$`)
)

// minEntropyLen is the shortest string judged secret by entropy alone.
const minEntropyLen = 24

// looksRandom reports whether s is long, high-entropy and mixed-class enough
// to be a generated credential, and is not a path, URL, UUID, hex digest,
// e-mail address or identifier.
func looksRandom(s string) bool {
	if len(s) < minEntropyLen || len(s) > 4096 {
		return false
	}
	if strings.ContainsAny(s, " \t\n/\\") || strings.Contains(s, "://") ||
		reUUID.MatchString(s) || reHex.MatchString(s) || reEmail.MatchString(s) || reDigest.MatchString(s) {
		return false
	}
	var lower, upper, digit, other int
	transitions := 0
	prev := -1
	for _, r := range s {
		class := 3
		switch {
		case unicode.IsLower(r):
			lower, class = lower+1, 0
		case unicode.IsUpper(r):
			upper, class = upper+1, 1
		case unicode.IsDigit(r):
			digit, class = digit+1, 2
		default:
			other++
		}
		if prev >= 0 && class != prev {
			transitions++
		}
		prev = class
	}
	classes := 0
	for _, n := range []int{lower, upper, digit, other} {
		if n > 0 {
			classes++
		}
	}
	if classes < 3 || digit == 0 || upper == 0 || lower == 0 {
		return false
	}
	n := len([]rune(s))
	if float64(transitions)/float64(n-1) < 0.35 {
		return false
	}
	return shannon(s) >= 3.5
}

// shannon returns the Shannon entropy of s in bits per character.
func shannon(s string) float64 {
	counts := map[rune]int{}
	n := 0
	for _, r := range s {
		counts[r]++
		n++
	}
	h := 0.0
	for _, c := range counts {
		p := float64(c) / float64(n)
		h -= p * math.Log2(p)
	}
	return h
}

// notACredential reports whether a value written under a credential-like key
// is clearly a setting rather than the credential: a boolean, a number too
// short to be a PIN, a filesystem path, a URL that carries no credential, or
// punctuation alone (a YAML block indicator such as "|" or ">-"). Anything
// else under such a key is the credential, whatever it looks like: an
// all-digit PIN, a base64 key that starts with "/", a version-shaped
// password. (Credentials inside URLs are found by findStrong before this.)
func notACredential(v string) bool {
	v = strings.TrimSpace(v)
	switch strings.ToLower(v) {
	case "true", "false", "yes", "no", "on", "off", "enabled", "disabled", "enable", "disable", "required", "optional":
		return true
	}
	if len(v) < 4 && strings.Trim(v, "0123456789") == "" {
		return true
	}
	if !hasAlphanumeric(v) && len(v) < 4 || reBlockIndicator.MatchString(v) {
		return true
	}
	if strings.Contains(v, "://") && !strings.ContainsAny(v, " \t") {
		return true
	}
	return looksLikePath(v)
}

// reBlockIndicator is the header of a YAML block scalar (|, >-, |2+).
var reBlockIndicator = regexp.MustCompile(`^[|>][-+0-9]{0,2}$`)

func hasAlphanumeric(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// looksLikePath reports whether v is a filesystem path rather than a key
// that happens to start with "/" (one base64 key in 64 does): a path is made
// of name-like segments, never of base64 padding or "+", and read without
// its slashes it is not a random string.
func looksLikePath(v string) bool {
	if !isPath(v) || strings.ContainsAny(v, "+= \t") {
		return false
	}
	return !looksRandom(strings.NewReplacer("/", "", `\`, "").Replace(v))
}

// isPath reports whether v starts like a filesystem path.
func isPath(v string) bool {
	switch {
	case strings.HasPrefix(v, "/"), strings.HasPrefix(v, "./"), strings.HasPrefix(v, "../"),
		strings.HasPrefix(v, "~/"), v == "~", strings.HasPrefix(v, `\\`), strings.HasPrefix(v, `.\`):
		return true
	case len(v) >= 3 && isLetter(v[0]) && v[1] == ':' && (v[2] == '\\' || v[2] == '/'):
		return true
	}
	return false
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
