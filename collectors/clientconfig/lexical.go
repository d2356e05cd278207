package clientconfig

import (
	"regexp"

	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// The raw artifact stored in a bundle is redacted with every secret the
// parser classified. A file that does not parse, or a secret in a comment,
// escapes that path, so the text is also scanned lexically: every
// "key: value" / "key = value" pair and every long bare word is checked with
// secrets.LooksSecret, and what looks secret is redacted too. Redacting a
// little too much in the bundle copy is the safe failure.
var (
	lexPair = regexp.MustCompile(`["']?([A-Za-z0-9_.\-]{1,64})["']?\s*[:=]\s*["']?([^"'\s,}\]]{4,})`)
	lexWord = regexp.MustCompile(`[^\s"'<>(){}\[\],;=]{16,}`)
)

// lexicalSecrets adds the secret-looking values in data to red.
func lexicalSecrets(data []byte, red *secrets.Redactor) {
	for _, m := range lexPair.FindAllSubmatch(data, -1) {
		if ok, _ := secrets.LooksSecret(string(m[1]), string(m[2])); ok {
			red.Add(string(m[2]))
		}
	}
	for _, w := range lexWord.FindAll(data, -1) {
		if ok, _ := secrets.LooksSecret("", string(w)); ok {
			red.Add(string(w))
		}
	}
}
