package secrets

import (
	"io/fs"
	"math/rand"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The scanners in scan.go stand for regular expressions; these tests check
// that they find exactly what the expressions find, and that redaction with
// the prefilters gives exactly what running every expression gives.

// refKeyValue is the expression scanKeyValue implements.
var refKeyValue = regexp.MustCompile(`(["']?)(-{0,2}[A-Za-z_][A-Za-z0-9_.\-]{0,80})(["']?)([ \t]*[:=][ \t]*)((?:[Bb]earer|[Bb]asic|[Tt]oken)[ \t]+)?("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s,#"'{}\[\]]+)`)

// refURLUser is the expression scanURLUser implements.
var refURLUser = regexp.MustCompile(`://([^\s:/@"'<>]+)@`)

// refQueryParam is the expression scanQueryParam implements.
var refQueryParam = regexp.MustCompile(`([?&])([A-Za-z0-9_.\-]+)=([^&#\s"'<>]*)`)

// refRedactShapes is redactShapes without prefilters or scanners: every
// expression runs over the whole text.
func refRedactShapes(s string) string {
	s = rePEM.ReplaceAllStringFunc(s, redacted)
	for _, t := range tokenShapes {
		if t.group == 0 {
			s = t.re.ReplaceAllStringFunc(s, redacted)
			continue
		}
		s = t.re.ReplaceAllStringFunc(s, func(m string) string {
			loc := t.re.FindStringSubmatchIndex(m)
			return m[:loc[2*t.group]] + redacted(m[loc[2*t.group]:loc[2*t.group+1]]) + m[loc[2*t.group+1]:]
		})
	}
	s = reURLPassword.ReplaceAllStringFunc(s, func(m string) string {
		sub := reURLPassword.FindStringSubmatch(m)
		if isReferenceOrPlaceholder(sub[3]) || strings.Contains(sub[2]+sub[3], markerStart) {
			return m
		}
		return sub[1] + "://" + sub[2] + ":" + redacted(sub[3]) + "@"
	})
	s = refURLUser.ReplaceAllStringFunc(s, func(m string) string {
		user := m[3 : len(m)-1]
		if !tokenLikeUser(user) {
			return m
		}
		return "://" + redacted(user) + "@"
	})
	s = reADOPassword.ReplaceAllStringFunc(s, func(m string) string {
		sub := reADOPassword.FindStringSubmatch(m)
		pw := strings.Trim(sub[1], `"'{}`)
		if pw == "" || isReferenceOrPlaceholder(pw) || strings.HasPrefix(pw, redactedPrefix) {
			return m
		}
		return strings.Replace(m, pw, redacted(pw), 1)
	})
	s = refQueryParam.ReplaceAllStringFunc(s, func(m string) string {
		sub := refQueryParam.FindStringSubmatch(m)
		if !IsCredentialQueryKey(sub[2]) || !redactable("token", sub[3]) {
			return m
		}
		return sub[1] + sub[2] + "=" + redacted(sub[3])
	})
	s = refKeyValue.ReplaceAllStringFunc(s, func(m string) string {
		sub := refKeyValue.FindStringSubmatch(m)
		return redactKeyValue(kvMatch{open: sub[1], key: sub[2], close: sub[3], sep: sub[4], scheme: sub[5], value: sub[6]})
	})
	s = reFlagPair.ReplaceAllStringFunc(s, func(m string) string {
		sub := reFlagPair.FindStringSubmatch(m)
		if !IsCredentialKey(sub[2]) || !redactable(sub[2], sub[4]) {
			return m
		}
		return sub[1] + sub[2] + sub[3] + redacted(sub[4]) + sub[5]
	})
	return s
}

// refFindStrong is findStrong without prefilters.
func refFindStrong(s string) (strongMatch, bool) {
	if loc := rePEM.FindStringIndex(s); loc != nil {
		return strongMatch{reason: "pem", part: s[loc[0]:loc[1]]}, true
	}
	for _, t := range tokenShapes {
		if sub := t.re.FindStringSubmatch(s); sub != nil {
			m := sub[t.group]
			reason := "token-shape:" + t.name
			if t.name == "jwt" {
				reason = "jwt"
			}
			return strongMatch{reason: reason, part: m, prefix: shapePrefix(m)}, true
		}
	}
	for _, m := range refURLUser.FindAllStringSubmatch(s, -1) {
		if tokenLikeUser(m[1]) {
			return strongMatch{reason: "url-userinfo", part: m[1]}, true
		}
	}
	for _, m := range reURLPassword.FindAllStringSubmatch(s, -1) {
		pw := m[3]
		if pw == "" || isReferenceOrPlaceholder(pw) {
			continue
		}
		if p, err := url.PathUnescape(pw); err == nil && p != "" {
			pw = p
		}
		reason := "url-password"
		scheme := strings.ToLower(m[1])
		if databaseSchemes[scheme] || strings.HasPrefix(strings.ToLower(s), "jdbc:") {
			reason = "connection-string"
		}
		return strongMatch{reason: reason, part: pw}, true
	}
	if strings.Contains(s, "=") {
		for _, m := range reADOPassword.FindAllStringSubmatch(s, -1) {
			pw := strings.Trim(m[1], `"'{}`)
			if pw == "" || isReferenceOrPlaceholder(pw) {
				continue
			}
			return strongMatch{reason: "connection-string", part: pw}, true
		}
	}
	return strongMatch{}, false
}

// keyValueMatches lists every match of scanKeyValue as the submatches the
// expression reports.
func keyValueMatches(s string) [][]string {
	var out [][]string
	for pos := 0; ; {
		m, ok := scanKeyValue(s, pos)
		if !ok {
			return out
		}
		out = append(out, []string{s[m.start:m.end], m.open, m.key, m.close, m.sep, m.scheme, m.value})
		pos = m.end
	}
}

// equivalenceInputs returns corpus files, generated pathological texts and
// random texts over the characters the patterns care about.
func equivalenceInputs(t *testing.T) []string {
	t.Helper()
	in := []string{
		``, `a:b`, `"a": "b"`, `'a'='b'`, `---a: b`, `--a=b`, `-_: x`, `"k" : "v\"x" y`, `k: "unterminated`,
		`k: 'x` + "\n" + `y: z`, `Authorization: Bearer abc def`, `token= Bearer`, `token=Bearer  "x"`, `x: bearer 'q'`,
		strings.Repeat("a", 100) + ": v", strings.Repeat("a", 81) + ":v", strings.Repeat("a", 82) + ":v",
		"\"" + strings.Repeat("a", 80) + "\":v", strings.Repeat("-", 5) + "a:v", `a="b="c="d`, `a=b=c=d`, `k:"\` + "\n" + `"`,
		"k: \"\\é\" x: 'ü'", "k: \xff\xfe x=\"\xc3\"", "a :\t\tb", "a\t: b\n", `{"env": {"API_KEY": "sk-abc", "X":1}}`,
		`"args": ["--token", "s3cr3tkeyvalue", "--port", "8080"]`, `["-t","x"]`, `"--api-key",` + "\n" + ` 'v\'x'`,
		"postgres://u:pw12345678@h/db Password=abc;pwd = 'q'", "PASSWORD=Sup3r;", "paſſword=abc",
		"-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----", "ghp_" + strings.Repeat("x1", 20),
		"x sk-" + strings.Repeat("Ab1", 10) + " [REDACTED:sk-…(30)]",
		"_abc://u:pw@h", "x_db://u:pw@h x.db://u:pw@h", "1a://u:p@h", "a.+b://u:p@h", "-x://:p@h", "é://u:p@h",
		"a://u:p:q@h://v:w@", "a://u:p", "a://:@h", "Password=x", "xPassword=y;\tpwd='z' PWD={q}",
	}
	for _, root := range []string{corpusDir, "../../collectors/clientconfig/testdata/formats"} {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if b, err := os.ReadFile(p); err == nil {
					in = append(in, string(b))
				}
			}
			return nil
		})
	}
	rng := rand.New(rand.NewSource(1))
	atoms := []string{"a", "Z", "_", "-", "--", ".", "0", ":", "=", " ", "\t", "\n", "\"", "'", "\\", ",", "#", "{", "}",
		"[", "]", "Bearer", "basic", "Token", " ", "token", "password", "API_KEY", "é", "\xff", "\r", "\f", "://", "@",
		"sk-", "ghp_", "x1y2z3", "Sup3rS3cret!", "${X}", "<your-key>", "--token", "\", \"", ";", "pwd", "PRIVATE KEY",
		"Password", "PWD", "P", "p", "+", "/", "<", ">", "_", "jdbc:", "u", "h.example", "ſ", "db://"}
	for i := 0; i < 4000; i++ {
		var b strings.Builder
		for n := rng.Intn(40); n >= 0; n-- {
			b.WriteString(atoms[rng.Intn(len(atoms))])
		}
		in = append(in, b.String())
	}
	return in
}

func TestScanKeyValueMatchesExpression(t *testing.T) {
	for _, s := range equivalenceInputs(t) {
		want := refKeyValue.FindAllStringSubmatch(s, -1)
		got := keyValueMatches(s)
		if len(want) == 0 && len(got) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("scanKeyValue(%q):\n got %q\nwant %q", s, got, want)
		}
	}
}

// urlAndADOMatches lists the matches of scanURLPassword and scanADOPassword
// as the expressions' FindAllStringSubmatchIndex would.
func urlAndADOMatches(s string) (urls, ados [][]int) {
	for pos := 0; ; {
		m, ok := scanURLPassword(s, pos)
		if !ok {
			break
		}
		c := m.start + len(m.scheme)
		urls = append(urls, []int{m.start, m.end, m.start, c, c + 3, c + 3 + len(m.user), m.end - 1 - len(m.password), m.end - 1})
		pos = m.end
	}
	for pos := 0; pos < len(s); {
		loc, ok := scanADOPassword(s, pos)
		if !ok {
			break
		}
		ados = append(ados, loc)
		pos = loc[1]
	}
	return urls, ados
}

func TestURLAndADOScannersMatchExpressions(t *testing.T) {
	for _, s := range equivalenceInputs(t) {
		urls, ados := urlAndADOMatches(s)
		wantURLs := reURLPassword.FindAllStringSubmatchIndex(s, -1)
		wantADOs := reADOPassword.FindAllStringSubmatchIndex(s, -1)
		if (len(urls) > 0 || len(wantURLs) > 0) && !reflect.DeepEqual(urls, wantURLs) {
			t.Fatalf("scanURLPassword(%q) = %v, want %v", s, urls, wantURLs)
		}
		if (len(ados) > 0 || len(wantADOs) > 0) && !reflect.DeepEqual(ados, wantADOs) {
			t.Fatalf("scanADOPassword(%q) = %v, want %v", s, ados, wantADOs)
		}
	}
}

func TestRedactShapesMatchesExpressions(t *testing.T) {
	for _, s := range equivalenceInputs(t) {
		if got, want := redactShapes(s), refRedactShapes(s); got != want {
			t.Fatalf("redactShapes(%q):\n got %q\nwant %q", s, got, want)
		}
		if got, want := fmtStrong(findStrong(s)), fmtStrong(refFindStrong(s)); got != want {
			t.Fatalf("findStrong(%q) = %s, want %s", s, got, want)
		}
	}
}

func fmtStrong(m strongMatch, ok bool) string {
	if !ok {
		return "none"
	}
	return m.reason + "|" + m.prefix + "|" + m.part
}

// FuzzRedactShapes checks the scanners against the expressions on fuzzed
// text.
func FuzzRedactShapes(f *testing.F) {
	for _, s := range []string{`{"API_KEY": "Example!000"}`, `"--token", "abc"`, "a: b\nc=d", `k: Bearer x`, "Password=x;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4<<10 {
			t.Skip("the reference expressions are slow on large inputs")
		}
		if got, want := keyValueMatches(s), refKeyValue.FindAllStringSubmatch(s, -1); (len(got) > 0 || len(want) > 0) && !reflect.DeepEqual(got, want) {
			t.Fatalf("scanKeyValue(%q):\n got %q\nwant %q", s, got, want)
		}
		if got, want := redactShapes(s), refRedactShapes(s); got != want {
			t.Fatalf("redactShapes(%q):\n got %q\nwant %q", s, got, want)
		}
		urls, ados := urlAndADOMatches(s)
		if want := reURLPassword.FindAllStringSubmatchIndex(s, -1); (len(urls) > 0 || len(want) > 0) && !reflect.DeepEqual(urls, want) {
			t.Fatalf("scanURLPassword(%q) = %v, want %v", s, urls, want)
		}
		if want := reADOPassword.FindAllStringSubmatchIndex(s, -1); (len(ados) > 0 || len(want) > 0) && !reflect.DeepEqual(ados, want) {
			t.Fatalf("scanADOPassword(%q) = %v, want %v", s, ados, want)
		}
	})
}

// TestRedactLinear checks that redaction time grows linearly with the text:
// inputs built to make a naive scanner re-read long stretches.
func TestRedactLinear(t *testing.T) {
	for name, unit := range map[string]string{
		"long keys":       strings.Repeat("k", 84) + ":",
		"unterminated":    `k="` + strings.Repeat("x", 60) + " ",
		"dashes":          "---------:",
		"separators":      "a=",
		"flag quotes":     `"-`,
		"blanks":          "a" + strings.Repeat(" ", 60) + ":",
		"schemes":         "token: Bearer ",
		"quoted keys":     `"a":'`,
		"escapes":         `k: "\\\\\"`,
		"redacted prefix": "[REDACTED:",
	} {
		small := strings.Repeat(unit, 1000)
		large := strings.Repeat(unit, 8000)
		ts := timeRedact(small)
		tl := timeRedact(large)
		// Eight times the text may take at most about eight times as long;
		// the bound is loose to allow for noise on a busy machine.
		if tl > 40*ts && tl > 200e6 {
			t.Errorf("%s: %d bytes took %v, %d bytes took %v", name, len(small), ts, len(large), tl)
		}
	}
}

// timeRedact returns how long redacting s takes (the best of three runs).
func timeRedact(s string) time.Duration {
	best := time.Duration(1<<63 - 1)
	for i := 0; i < 3; i++ {
		start := time.Now()
		NewRedactor().RedactString(s)
		if d := time.Since(start); d < best {
			best = d
		}
	}
	return best
}

// refIsPlaceholder is isPlaceholder without the guards.
func refIsPlaceholder(v string) bool {
	v = strings.TrimSpace(v)
	if rest, _ := stripAuthScheme(v); rest != "" {
		v = rest
	}
	for _, p := range placeholderPatterns {
		if p.re.MatchString(v) {
			return true
		}
	}
	return false
}

func TestPlaceholderGuards(t *testing.T) {
	in := []string{"<token>", "{{ API_KEY }}", "[YOUR_TOKEN]", "your-key", "Your.key", "api-key-HERE", "here", "REPLACE_ME",
		"paste-your-token", "set me", "setme", "Fill_x", "xxx", "XxX", "****", "...", "___", "---", "…", "•••", "sk-xxxx",
		"ghp_...", "ab_***", "key_xxxx", "xxxx-xxxx", "todo", "N/A", "not_set", "Placeholder", "...later", "ſet me",
		"paſte_your", "\u212aey_xxxx", "your", "x", "", " ", "Bearer <t>", "sk-…", "a-…", "[]", "<>", "{{}}"}
	in = append(in, equivalenceInputs(t)...)
	for _, v := range in {
		for _, s := range []string{v, strings.ToUpper(v), strings.TrimSpace(v)} {
			if got, want := isPlaceholder(s), refIsPlaceholder(s); got != want {
				t.Errorf("isPlaceholder(%q) = %v, want %v", s, got, want)
			}
		}
	}
}

func TestKeyWordsASCIIMatchesRunes(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	atoms := []string{"a", "B", "c", "D", "0", "9", "_", "-", ".", " ", "API", "Key", "token", "X", "ID", "s3", "URL"}
	keys := []string{"", "-", "--api-key", "X-API-Key", "clientSecret", "GITHUB_TOKEN", "HTTPServerURL", "a1B2", "ABCdef", "abcDEF"}
	for i := 0; i < 5000; i++ {
		var b strings.Builder
		for n := rng.Intn(8); n >= 0; n-- {
			b.WriteString(atoms[rng.Intn(len(atoms))])
		}
		keys = append(keys, b.String())
	}
	for _, k := range keys {
		k = strings.TrimLeft(k, "-")
		if got, want := keyWords(nil, k), keyWordsRunes(k); !reflect.DeepEqual(got, want) {
			t.Fatalf("keyWords(%q) = %q, want %q", k, got, want)
		}
	}
}

// TestTokenStartsFindWhatTheExpressionsFind compares tokenStart.findAll
// with FindAllStringSubmatchIndex of each shape's whole expression on
// random text built from the shape's literal, word and other characters,
// non-ASCII letters and bytes that are not UTF-8.
func TestTokenStartsFindWhatTheExpressionsFind(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	fast := 0
	for i, shape := range tokenShapes {
		ts := tokenStarts[i]
		if ts.anchored == nil {
			continue
		}
		fast++
		pieces := append([]string{ts.lit, ts.lit, ts.lit[:1], "a", "Z", "0", "9", "_", "-", ".", ":", " ", "\"", "\n", "é", "\xff",
			"AbCdEfGh12", "x", "/", "KIA", "SIA", "ABCDEF0123456789", "0123456789abcdef", "_v1_", "o_v1_", "at_", ".eyJ",
			"services/", "/api/webhooks/", "123456", ":AA", "bot", "app", "xoxb-", "doo_v1_" + strings.Repeat("0123456789abcdef", 4),
			"discord.com/api/webhooks/123456/", "api.telegram.org/bot123456:", "AKIAABCDEF0123456789",
			"shpat_" + strings.Repeat("0123456789abcdef", 2), "eyJabcdefghi.eyJabcdefghi.abcdefghij"}, shape.hints...)
		matched := 0
		for n := range 4000 {
			var b strings.Builder
			for range r.Intn(24) {
				p := pieces[r.Intn(len(pieces))]
				if r.Intn(4) == 0 {
					p = strings.Repeat(p, 1+r.Intn(40))
				}
				b.WriteString(p)
			}
			s := b.String()
			want := shape.re.FindAllStringSubmatchIndex(s, -1)
			if want != nil {
				matched++
			}
			if got := ts.findAll(s); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s (%s), text %d %q:\n got %v\nwant %v", shape.name, shape.re, n, s, got, want)
			}
		}
		if matched == 0 {
			t.Errorf("%s: no text matched", shape.re)
		}
	}
	if fast < 15 {
		t.Errorf("%d token shapes are found from their literal, want at least 15", fast)
	}
}

// TestNewTokenStartFindsWhatTheExpressionFinds checks newTokenStart on
// expressions beyond tokenShapes: where it takes an expression, findAll
// finds what the expression finds; \b before an alternation of the whole
// expression binds its first alternative alone, so that one is not taken.
func TestNewTokenStartFindsWhatTheExpressionFinds(t *testing.T) {
	for _, tc := range []struct {
		expr  string
		taken bool
	}{
		{`\bsk-[a-z]{3,}`, true},
		{`\b(?:ab|ac)x\b`, true},
		{`\bsk-a|sk-b`, false},
		{`\bab|ac`, false},
		{`\b[ab]c`, false},
		{`sk-[a-z]+`, false},
	} {
		re := regexp.MustCompile(tc.expr)
		ts := newTokenStart(re)
		if taken := ts.anchored != nil; taken != tc.taken {
			t.Errorf("%s: taken = %v, want %v", tc.expr, taken, tc.taken)
		}
		if ts.anchored == nil {
			continue
		}
		for _, s := range []string{"sk-abc xsk-b sk-b", "abx acx xabx ab-acx", "é sk-abcd_sk-xyz"} {
			if got, want := ts.findAll(s), re.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(got, want) {
				t.Errorf("%s on %q: got %v, want %v", tc.expr, s, got, want)
			}
		}
	}
}
