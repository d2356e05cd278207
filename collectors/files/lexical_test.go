package files

import (
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// Inputs the scanners are compared on, beyond the generated ones: the
// shared corpus of real configuration files and the client format fixtures.
const (
	corpusDir  = "../../../shared/corpus"
	formatsDir = "../clientconfig/testdata/formats"
)

// The lexical scanners stand for these expressions.
var (
	refLexPair = regexp.MustCompile(`["']?([A-Za-z0-9_.\-]{1,64})["']?\s*[:=]\s*["']?([^"'\s,}\]{\[][^"'\s,}\]]{3,})`)
	refLexWord = regexp.MustCompile(`[^\s"'<>(){}\[\],;=]{16,}`)
)

// lexFindings lists what the scanners find, in the form the expressions
// report it.
func lexFindings(data []byte) (pairs [][]string, words []string) {
	for pos := 0; ; {
		k, v, end, ok := nextLexPair(data, pos)
		if !ok {
			break
		}
		pairs = append(pairs, []string{string(k), string(v)})
		pos = end
	}
	for pos := 0; ; {
		w, end, ok := nextLexWord(data, pos)
		if !ok {
			break
		}
		words = append(words, string(w))
		pos = end
	}
	return pairs, words
}

// refLexFindings lists what the expressions find.
func refLexFindings(data []byte) (pairs [][]string, words []string) {
	for _, m := range refLexPair.FindAllSubmatch(data, -1) {
		pairs = append(pairs, []string{string(m[1]), string(m[2])})
	}
	for _, w := range refLexWord.FindAll(data, -1) {
		words = append(words, string(w))
	}
	return pairs, words
}

// lexInputs returns fixtures, corpus files and random texts over the
// characters the patterns care about.
func lexInputs() [][]byte {
	in := []string{``, `a:bcde`, `"a" : 'bcde'`, `a=bcd`, `a=b:cdef`, "a\n\n=\n\"wxyz\"", strings.Repeat("k", 64) + ":vvvv",
		strings.Repeat("k", 65) + ":vvvv", `'` + strings.Repeat("k", 64) + `'=vvvv`, "k: éééé", "k: éé", "k=\xff\xfe\xfd\xfc",
		"k:\"abc\"", "k:\"abcd", strings.Repeat("w", 15), strings.Repeat("w", 16), strings.Repeat("é", 9), strings.Repeat("é", 16),
		"a=b=c=dddd", "x: {y: zzzz}", "a.b-c_d: [1111]", "\fk\f:\f1234", "creds: [{key: abcd1234}]", "k: '[abcd", "k: a[bcd"}
	var out [][]byte
	for _, s := range in {
		out = append(out, []byte(s))
	}
	for _, root := range []string{corpusDir, formatsDir} {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if b, err := os.ReadFile(p); err == nil {
					out = append(out, b)
				}
			}
			return nil
		})
	}
	rng := rand.New(rand.NewSource(1))
	atoms := []string{"a", "Z", "_", "-", ".", "0", ":", "=", " ", "\t", "\n", "\r", "\f", "\v", "\"", "'", ",", "}", "]", "{",
		"[", "<", ">", "(", ")", ";", "é", "\xff", "abcdefgh", "token", "API_KEY", "sk-", "x1Y2z3W4v5U6t7S8"}
	for i := 0; i < 4000; i++ {
		var b strings.Builder
		for n := rng.Intn(40); n >= 0; n-- {
			b.WriteString(atoms[rng.Intn(len(atoms))])
		}
		out = append(out, []byte(b.String()))
	}
	return out
}

func TestLexicalScannersMatchExpressions(t *testing.T) {
	for _, data := range lexInputs() {
		gp, gw := lexFindings(data)
		wp, ww := refLexFindings(data)
		if !reflect.DeepEqual(gp, wp) || !reflect.DeepEqual(gw, ww) {
			t.Fatalf("lexical scan of %q:\n got %q %q\nwant %q %q", data, gp, gw, wp, ww)
		}
	}
}

func FuzzLexical(f *testing.F) {
	f.Add([]byte(`{"API_KEY": "Example!000", "x": "aB3dE5gH7jK9mN1pQ3sT5vX7"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4<<10 {
			t.Skip("the reference expressions are slow on large inputs")
		}
		gp, gw := lexFindings(data)
		wp, ww := refLexFindings(data)
		if !reflect.DeepEqual(gp, wp) || !reflect.DeepEqual(gw, ww) {
			t.Fatalf("lexical scan of %q:\n got %q %q\nwant %q %q", data, gp, gw, wp, ww)
		}
	})
}

// TestLexicalTemplateLiterals checks that the literal a Helm template
// writes out under a credential key (a default, a piped literal) is
// redacted, and that template references and messages are left alone.
func TestLexicalTemplateLiterals(t *testing.T) {
	data := []byte(`stringData:
  JWT_SECRET_KEY: {{ .Values.jwt | default "Zq81mKx0pLr7TnB4" | quote }}
  - password={{- "Hunter2Hunter2x" | b64enc }}
  ADMIN_PASSWORD: {{ required "set the admin password please" .Values.admin }}
  host: {{ .Values.host | default "gateway.internal.example" }}
`)
	red := secrets.NewRedactor()
	lexicalSecrets(data, red)
	out := string(red.Redact(data))
	for _, secret := range []string{"Zq81mKx0pLr7TnB4", "Hunter2Hunter2x"} {
		if strings.Contains(out, secret) {
			t.Errorf("%s not redacted:\n%s", secret, out)
		}
	}
	for _, kept := range []string{"set the admin password please", "gateway.internal.example", ".Values.jwt"} {
		if !strings.Contains(out, kept) {
			t.Errorf("%q redacted:\n%s", kept, out)
		}
	}
}
