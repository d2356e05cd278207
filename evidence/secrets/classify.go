package secrets

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tollgate-dev/tollgate/evidence"
)

// Classify classifies one configured value. key is the name the value is
// bound to (an environment variable, header or flag name) and may be empty;
// syn says which reference forms the client expands.
//
// References the client expands become env-, input-, secret- or
// config-reference values; forms it does not expand become
// unexpanded-reference. Placeholders, empty values, literal secrets and plain
// literals follow. A secret's Text is "[REDACTED:<shape>]", never the value.
func Classify(key, value string, syn Syntax) evidence.Value {
	v, _ := classify(key, value, syn)
	return v
}

// ClassifyInto is Classify that also adds the raw secret (and the secret part
// of a mixed value, such as the token of "Bearer <token>") to red.
func ClassifyInto(key, value string, syn Syntax, red *Redactor) evidence.Value {
	v, part := classify(key, value, syn)
	if v.Kind != evidence.ValueLiteralSecret || red == nil {
		return v
	}
	if v.Reason == "weak-default" && len(part) < minWeakDefaultLen {
		// well-known defaults such as "admin" or "test" are ordinary words:
		// remembering them would mangle unrelated text; raw artifacts are
		// still redacted where they appear under a credential key
		return v
	}
	red.Add(value)
	red.Add(part)
	return v
}

// ClassifyQueryInto is ClassifyInto for the value of a URL query
// parameter: a parameter IsCredentialQueryKey accepts is judged as a value
// under a credential key.
func ClassifyQueryInto(name, value string, syn Syntax, red *Redactor) evidence.Value {
	if queryCredentials[strings.ToLower(name)] {
		name = "token"
	}
	return ClassifyInto(name, value, syn, red)
}

// minWeakDefaultLen is the shortest weak default ClassifyInto remembers.
const minWeakDefaultLen = 8

// LooksSecret reports whether a literal value is a credential, and why: by a
// known token shape, a PEM key, a JWT, a password in a URL or connection
// string, a weak default or a credential key name, or by entropy.
// Placeholders and empty values are not secrets.
func LooksSecret(key, value string) (secret bool, reason string) {
	reason, _ = literalSecret(key, value)
	return reason != "", reason
}

// SecretPart is LooksSecret that also returns the secret itself: the token
// after an auth scheme, the password of a URL or connection string, the
// path of a webhook URL, or the whole value. part is "" when value holds no
// secret. Redacting part, rather than the whole value, keeps the text
// around it (the key, the scheme, the host) readable.
func SecretPart(key, value string) (part, reason string) {
	reason, part = literalSecret(key, value)
	if reason == "" {
		return "", ""
	}
	return part, reason
}

// Fingerprint returns the first 12 hex digits of the sha256 of value.
func Fingerprint(value string) string {
	sum := sha256.Sum256([]byte(value))
	return hex.EncodeToString(sum[:])[:12]
}

// Shape returns a redacted outline of value: at most a known public prefix
// followed by the length in characters, e.g. "ghp_…(40)" or "…(23)".
func Shape(value string) string {
	return shapePrefix(value) + "…(" + strconv.Itoa(utf8.RuneCountInString(value)) + ")"
}

// classify returns the classification and, for secrets, the raw secret part.
func classify(key, value string, syn Syntax) (evidence.Value, string) {
	if strings.TrimSpace(value) == "" {
		return evidence.Value{Kind: evidence.ValueEmpty}, ""
	}
	keyCred := IsCredentialKey(key)
	refs := findReferences(value, syn)
	remainder := value
	var expanded, unexpanded []reference
	for _, r := range refs {
		if r.expanded() {
			expanded = append(expanded, r)
		} else {
			unexpanded = append(unexpanded, r)
		}
	}
	if len(expanded) > 0 {
		remainder = literalRemainder(value, refs)
	}
	if m, ok := findStrong(remainder); ok {
		return secretValue(m.part, m.reason), m.part
	}
	if reason, part := templateSecret(key, value); reason != "" {
		return secretValue(part, reason), part
	}
	if len(expanded) > 0 {
		if reason, part := residueSecret(literalRemainder(value, refs), keyCred); reason != "" {
			return secretValue(part, reason), part
		}
		return referenceValue(value, pickReference(expanded), keyCred), ""
	}
	if isPlaceholder(value) || keyCred && reVarNameValue.MatchString(strings.TrimSpace(value)) {
		return evidence.Value{Kind: evidence.ValuePlaceholder, Secret: keyCred, Text: value}, ""
	}
	if len(unexpanded) > 0 {
		if reason, part := residueSecret(withoutReferences(value, unexpanded), keyCred); reason != "" {
			return secretValue(part, reason), part
		}
		v := referenceValue(value, pickReference(unexpanded), keyCred)
		v.Kind = evidence.ValueUnexpandedReference
		return v, ""
	}
	// What literalSecret checks before judging the token was checked above
	// with the same answers: not blank, no template or placeholder, not
	// the variable's name, no strong match (value is the remainder).
	if reason, part := literalToken(value, keyCred); reason != "" {
		return secretValue(part, reason), part
	}
	return evidence.Value{Kind: evidence.ValueLiteral, Text: value}, ""
}

// literalSecret judges a literal (no reference handling) and returns the
// reason and the raw secret part, or "" when it is not a secret.
func literalSecret(key, value string) (reason, part string) {
	if reason, part := templateSecret(key, value); reason != "" {
		return reason, part
	}
	if strings.TrimSpace(value) == "" || isPlaceholder(value) {
		return "", ""
	}
	credentialKey := IsCredentialKey(key) // splits key into words: once
	if credentialKey && reVarNameValue.MatchString(strings.TrimSpace(value)) {
		return "", ""
	}
	if m, ok := findStrong(value); ok {
		return m.reason, m.part
	}
	return literalToken(value, credentialKey)
}

// literalToken is the end of literalSecret: it judges the token of value
// (after any auth scheme) by the key or by its randomness.
func literalToken(value string, credentialKey bool) (reason, part string) {
	token, _ := stripAuthScheme(strings.TrimSpace(value))
	if isAuthSchemeWord(token) {
		return "", ""
	}
	if credentialKey {
		switch {
		case isWeakDefault(token):
			return "weak-default", token
		case notACredential(token):
			return "", ""
		}
		return "key-name", token
	}
	if looksRandom(token) {
		return "entropy", token
	}
	return "", ""
}

// pickReference chooses the reference a mixed value is reported by: the
// first whose name is credential-like, else the first.
func pickReference(refs []reference) reference {
	for _, r := range refs {
		if IsCredentialKey(r.name) {
			return r
		}
	}
	return refs[0]
}

func referenceValue(text string, r reference, keyCred bool) evidence.Value {
	return evidence.Value{
		Kind:   r.kind,
		Secret: keyCred || IsCredentialKey(r.name),
		Reason: reasonIf(keyCred || IsCredentialKey(r.name), "key-name"),
		Text:   text,
		Ref:    r.name,
	}
}

func reasonIf(ok bool, reason string) string {
	if ok {
		return reason
	}
	return ""
}

func secretValue(part, reason string) evidence.Value {
	shape := Shape(part)
	return evidence.Value{
		Kind:        evidence.ValueLiteralSecret,
		Secret:      true,
		Reason:      reason,
		Fingerprint: Fingerprint(part),
		Shape:       shape,
		Text:        "[REDACTED:" + shape + "]",
	}
}

// residueSecret judges the literal text left around references: under a
// credential key, any substantial literal field is the secret itself
// ("${USER}:hunter2" or a baked-in ${VAR:-default}); elsewhere only a
// random-looking field is.
func residueSecret(residue string, keyCred bool) (reason, part string) {
	residue, _ = stripAuthScheme(strings.TrimSpace(residue))
	fields := strings.FieldsFunc(residue, func(r rune) bool {
		return strings.ContainsRune(" \t\r\n;:,/\\=@?&\"'()[]{}", r)
	})
	longest := ""
	for _, f := range fields {
		if _, scheme := stripAuthScheme(f + " "); scheme != "" {
			continue
		}
		if looksRandom(f) {
			return "entropy", f
		}
		if len(f) > len(longest) {
			longest = f
		}
	}
	if keyCred && len(longest) >= 6 && !notACredential(longest) && !isPlaceholder(longest) {
		if isWeakDefault(longest) {
			return "weak-default", longest
		}
		return "key-name", longest
	}
	return "", ""
}

// withoutReferences returns s with the given references replaced by spaces.
func withoutReferences(s string, refs []reference) string {
	b := []byte(s)
	for _, r := range refs {
		for i := r.start; i < r.end && i < len(b); i++ {
			b[i] = ' '
		}
	}
	return string(b)
}

// templateSecret judges the literals a Go template writes out in place of
// a value under a credential key (templateLiterals), and returns the reason
// and the secret of the first that is one.
func templateSecret(key, value string) (reason, part string) {
	if !strings.Contains(value, "{{") || !IsCredentialKey(key) {
		return "", ""
	}
	for _, lit := range templateLiterals(value) {
		if strings.Contains(lit, "{{") {
			continue
		}
		if reason, part := literalSecret(key, lit); reason != "" {
			return reason, part
		}
	}
	return "", ""
}

// templateLiterals returns the string literals a Go template (Helm) writes
// out in place of a value: the fallback of `default` ({{ .Values.key |
// default "changeme" }}) and a literal that starts an action ({{ "s3cret" |
// b64enc }}). Other literals (a `required` message, a key name) are not
// the value.
func templateLiterals(value string) []string {
	var out []string
	for rest := value; ; {
		i := strings.Index(rest, "{{")
		if i < 0 {
			return out
		}
		j := strings.Index(rest[i:], "}}")
		if j < 0 {
			return out
		}
		action := rest[i+2 : i+j]
		rest = rest[i+j+2:]
		for k := 0; k < len(action); k++ {
			q := action[k]
			if q != '"' && q != '`' {
				continue
			}
			end := k + 1
			for end < len(action) && action[end] != q {
				if q == '"' && action[end] == '\\' {
					end++
				}
				end++
			}
			if end >= len(action) {
				break
			}
			prefix := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(action[:k]), "-"))
			prefix = strings.TrimSpace(strings.TrimPrefix(prefix, "("))
			if prefix == "" || prefix == "default" || strings.HasSuffix(prefix, " default") || strings.HasSuffix(prefix, "(default") {
				lit := action[k+1 : end]
				if q == '"' {
					if u, err := strconv.Unquote(action[k : end+1]); err == nil {
						lit = u
					}
				}
				out = append(out, lit)
			}
			k = end
		}
	}
}
