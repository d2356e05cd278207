package secrets

import (
	"math/rand"
	"sort"
	"strings"
	"testing"
	"time"
)

// refReplace replaces secrets with a strings.Replacer, longest first.
func refReplace(secrets []string, s string) string {
	list := append([]string(nil), secrets...)
	sort.Slice(list, func(i, j int) bool { return compareLongestFirst(list[i], list[j]) < 0 })
	var pairs []string
	for i, sec := range list {
		if i > 0 && sec == list[i-1] {
			continue
		}
		pairs = append(pairs, sec, redacted(sec))
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

func TestLiteralSetMatchesReplacer(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	alphabet := []string{"a", "b", "ab", "ba", "abab", "x", " ", "é", "\xff", "[REDACTED:"}
	gen := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		return b.String()
	}
	for i := 0; i < 3000; i++ {
		var l literalSet
		var secrets []string
		for n := rng.Intn(6) + 1; n > 0; n-- {
			sec := gen(rng.Intn(6) + 2)
			if len(sec) < minSecretLen {
				continue
			}
			secrets = append(secrets, sec)
			l.add(sec)
		}
		if len(secrets) == 0 {
			continue
		}
		text := gen(rng.Intn(60))
		if rng.Intn(2) == 0 {
			text += secrets[rng.Intn(len(secrets))] + gen(3)
		}
		if got, want := l.replace(text, redacted), refReplace(secrets, text); got != want {
			t.Fatalf("secrets %q in %q:\n got %q\nwant %q", secrets, text, got, want)
		}
	}
}

// TestRedactorLongSecretLinear checks that remembering a long, repetitive
// secret (a fuzzed value under a credential key) does not make redaction
// quadratic in its length, as a Boyer-Moore table for it would.
func TestRedactorLongSecretLinear(t *testing.T) {
	measure := func(n int) time.Duration {
		secret := strings.Repeat("\xd9", n)
		text := "token: " + secret + "\n" + strings.Repeat("\xd9", n/2)
		r := NewRedactor()
		r.Add(secret)
		start := time.Now()
		out := r.RedactString(text)
		d := time.Since(start)
		if strings.Contains(out, secret) {
			t.Fatalf("secret of %d bytes survived", n)
		}
		return d
	}
	small, large := measure(64<<10), measure(512<<10)
	if large > 40*small && large > 200*time.Millisecond {
		t.Errorf("64 KiB secret: %v, 512 KiB secret: %v", small, large)
	}
}
