package secrets

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/tollgate-dev/tollgate/evidence"
)

// The functions prefixed ref are the plain forms of functions the package
// runs in a faster form (fewer allocations, cheaper pre-checks); redactName
// is RedactName without its memo. Redaction must not change with its
// speed: TestDifferential and FuzzDifferential hold each fast form to its
// plain one.

// differentialInputs are the texts the fast and plain forms are compared
// on: every string literal of the package's tests, and the corpus of real
// configuration files whole, by line, and by word and key.
func differentialInputs(tb testing.TB) []string {
	tb.Helper()
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	// Names that equal ASCII words only under Unicode case folding (the
	// Kelvin sign is k, "ſ" is s), longer in bytes than the words.
	for _, s := range []string{"Api-\u212Aey", "api-\u212aey", "ApiKey", "Baſic", "Bearer", "to\u212Aen", "ſecret", "API_\u212AEY", "paſſword",
		"GITHUB_TOKEN2", "OAUTH2_TOKEN", "db2pass", "x٣token", "PG١PASSWORD", "a1b2c3", "9token9", "key2"} {
		add(s)
	}
	tests, _ := filepath.Glob("*_test.go")
	fset := token.NewFileSet()
	for _, name := range tests {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			tb.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil {
					add(s)
				}
			}
			return true
		})
	}
	_ = filepath.WalkDir(corpusDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		add(string(data))
		for _, line := range strings.Split(string(data), "\n") {
			add(line)
			add(strings.TrimSpace(line))
			if k, _, ok := strings.Cut(line, ":"); ok {
				add(strings.Trim(strings.TrimSpace(k), `"'`))
			}
			for _, w := range strings.FieldsFunc(line, func(r rune) bool { return strings.ContainsRune(" \t\"',:={}[]()", r) }) {
				add(w)
			}
		}
		return nil
	})
	return out
}

// compareWithPlainForms fails when a fast form answers s differently from
// its plain form.
func compareWithPlainForms(t *testing.T, s string) {
	t.Helper()
	if got, want := tokenHintMask(s), refTokenHintMask(s); got != want {
		t.Errorf("tokenHintMask(%q) = %b, want %b", s, got, want)
	}
	if got, want := credentialWordsOf(nil, s), refCredentialWordsOf(s); !slices.Equal(got, want) {
		t.Errorf("credentialWordsOf(%q) = %q, want %q", s, got, want)
	}
	if got, want := IsCredentialKey(s), refIsCredentialKey(s); got != want {
		t.Errorf("IsCredentialKey(%q) = %v, want %v", s, got, want)
	}
	if got, want := isPlaceholder(s), refIsPlaceholder(s); got != want {
		t.Errorf("isPlaceholder(%q) = %v, want %v", s, got, want)
	}
	if got, want := isAuthSchemeWord(s), refIsAuthSchemeWord(s); got != want {
		t.Errorf("isAuthSchemeWord(%q) = %v, want %v", s, got, want)
	}
	if got, want := RedactName(s), redactName(s); got != want {
		t.Errorf("RedactName(%q) = %q, want %q", s, got, want)
	}
	if got, want := RedactSegments(s), refRedactSegments(s); got != want {
		t.Errorf("RedactSegments(%q) = %q, want %q", s, got, want)
	}
}

func TestDifferential(t *testing.T) {
	inputs := differentialInputs(t)
	if len(inputs) < 100 {
		t.Fatalf("only %d inputs", len(inputs))
	}
	for _, s := range inputs {
		compareWithPlainForms(t, s)
		// Names are often written upper-case, and reach the functions again
		// once remembered.
		compareWithPlainForms(t, strings.ToUpper(s))
		compareWithPlainForms(t, s)
	}
}

func FuzzDifferential(f *testing.F) {
	for _, s := range differentialInputs(f) {
		if len(s) <= 128 {
			f.Add(s)
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		compareWithPlainForms(t, s)
	})
}

// refIsCredentialKey is IsCredentialKey.
func refIsCredentialKey(key string) bool { return namesCredential(refCredentialWordsOf(key)) }

// refCredentialWordsOf is credentialWordsOf.
func refCredentialWordsOf(key string) []string {
	raw := refKeyWords(key)
	plain := true
	for _, w := range raw {
		if hasDigit(w) || couldBeCompound(w) {
			plain = false
			break
		}
	}
	if plain {
		return raw // the common case: nothing to split
	}
	words := make([]string, 0, len(raw)+2)
	for _, w := range raw {
		parts := []string{w}
		if hasDigit(w) {
			parts = refSplitDigits(w)
		}
		for _, part := range parts {
			if prefix, cred, ok := splitCompound(part); ok {
				words = append(words, prefix, cred)
				continue
			}
			words = append(words, part)
		}
	}
	return words
}

// refSplitDigits returns the runs of letters in w, dropping digits.
func refSplitDigits(w string) []string {
	var out []string
	start := -1
	for i, r := range w {
		if unicode.IsDigit(r) {
			if start >= 0 {
				out = append(out, w[start:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, w[start:])
	}
	return out
}

// refKeyWords is keyWords.
func refKeyWords(key string) []string {
	key = strings.TrimLeft(key, "-")
	for i := 0; i < len(key); i++ {
		if key[i] >= 0x80 {
			return keyWordsRunes(key)
		}
	}
	// ASCII: the same rules as keyWordsRunes, on bytes; a word is a
	// contiguous run of the key.
	var words []string
	start := -1
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case !isLetter(c) && !isDigitByte(c):
			if start >= 0 {
				words = append(words, strings.ToLower(key[start:i]))
				start = -1
			}
			continue
		case isUpperByte(c) && start >= 0:
			prev := key[i-1]
			nextLower := i+1 < len(key) && isLowerByte(key[i+1])
			if isLowerByte(prev) || isDigitByte(prev) || (isUpperByte(prev) && nextLower) {
				words = append(words, strings.ToLower(key[start:i]))
				start = -1
			}
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		words = append(words, strings.ToLower(key[start:]))
	}
	return words
}

// refTokenHintMask is tokenHintMask.
func refTokenHintMask(s string) uint32 {
	var mask uint32
	for i := 0; i < len(s); i++ {
		for _, h := range tokenHintsByFirst[s[i]] {
			if strings.HasPrefix(s[i:], h.lit) {
				mask |= 1 << h.shape
			}
		}
	}
	return mask
}

// refIsAuthSchemeWord is isAuthSchemeWord.
func refIsAuthSchemeWord(s string) bool {
	for _, p := range authSchemes {
		if strings.EqualFold(s, strings.TrimSpace(p)) {
			return true
		}
	}
	return false
}

// refRedactSegments is RedactSegments.
func refRedactSegments(p string) string {
	segs := strings.Split(p, "/")
	for i, seg := range segs {
		segs[i] = redactName(seg)
	}
	return strings.Join(segs, "/")
}

// differentialKeys are the keys values are classified under in
// TestDifferentialClassify, besides those the corpus writes them under.
var differentialKeys = []string{"", "GITHUB_TOKEN", "API_KEY", "password", "Authorization", "url", "PATH", "DB_PASS",
	"token", "MAX_TOKENS", "client_secret", "X-Api-Key"}

// TestDifferentialClassify compares classify with its plain form on every
// input under each of differentialKeys, and on the corpus' own key-value
// lines, for clients of different reference syntaxes.
func TestDifferentialClassify(t *testing.T) {
	inputs := differentialInputs(t)
	for _, client := range []string{"claude-desktop", "vscode", "continue"} {
		syn := SyntaxFor(client)
		for _, v := range inputs {
			if len(v) > 256 {
				continue // whole files: no value is written so
			}
			for _, k := range differentialKeys {
				compareClassify(t, k, v, syn)
			}
			if k, val, ok := strings.Cut(v, ":"); ok {
				compareClassify(t, strings.Trim(strings.TrimSpace(k), `"'`), strings.Trim(strings.TrimSpace(val), `"',`), syn)
			}
		}
	}
}

func FuzzDifferentialClassify(f *testing.F) {
	for i, v := range differentialInputs(f) {
		if len(v) <= 128 {
			f.Add(differentialKeys[i%len(differentialKeys)], v, uint8(i))
		}
	}
	f.Fuzz(func(t *testing.T, key, value string, client uint8) {
		compareClassify(t, key, value, SyntaxFor(fuzzClients[int(client)%len(fuzzClients)]))
	})
}

func compareClassify(t *testing.T, key, value string, syn Syntax) {
	t.Helper()
	gv, gp := classify(key, value, syn)
	wv, wp := refClassify(key, value, syn)
	if gv != wv || gp != wp {
		t.Errorf("classify(%q, %q) = %+v, %q; want %+v, %q", key, value, gv, gp, wv, wp)
	}
}

// refClassify is classify.
func refClassify(key, value string, syn Syntax) (evidence.Value, string) {
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
	if reason, part := literalSecret(key, value); reason != "" {
		return secretValue(part, reason), part
	}
	return evidence.Value{Kind: evidence.ValueLiteral, Text: value}, ""
}
