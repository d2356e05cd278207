package tooldef

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tollgate-dev/tollgate/evidence"
	"golang.org/x/text/unicode/norm"
)

// Invisible character classes.
func isTag(r rune) bool { return r >= 0xE0000 && r <= 0xE007F }

func isZeroWidth(r rune) bool {
	switch {
	case r >= 0x200B && r <= 0x200D, r >= 0x2060 && r <= 0x2064, r == 0xFEFF, r == 0x180E, r == 0x034F, r == 0x00AD, r == 0x115F, r == 0x1160, r == 0x3164, r == 0xFFA0:
		return true
	}
	return false
}

func isBidi(r rune) bool {
	switch {
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x200E, r == 0x200F, r == 0x061C:
		return true
	}
	return false
}

func isVariationSelector(r rune) bool {
	return r >= 0xFE00 && r <= 0xFE0F || r >= 0xE0100 && r <= 0xE01EF
}

// isControl reports C0/C1 controls other than tab, newline and carriage return.
func isControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7F && r <= 0x9F)
}

// Visible renders s with every invisible, bidirectional and control
// character written as an escape (\u200b, \U000e0041, \x1b), so a person
// sees what is there.
func Visible(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x80 && isControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case r > 0xFFFF && (isTag(r) || isVariationSelector(r)):
			fmt.Fprintf(&b, `\U%08x`, r)
		case isControl(r) || isZeroWidth(r) || isBidi(r) || isVariationSelector(r) || r == utf8.RuneError:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Reveal returns the text a model reads in s: tag characters decoded to
// the ASCII they encode, escape sequences and other invisible characters
// removed, look-alike letters left as they are.
func Reveal(s string) string {
	s = ansiRE.ReplaceAllString(s, "")
	var b strings.Builder
	for _, r := range s {
		switch {
		case isTag(r):
			if a := r - 0xE0000; a >= 0x20 && a < 0x7F {
				b.WriteRune(a)
			}
		case isZeroWidth(r) || isBidi(r) || isVariationSelector(r) || isControl(r) && r != '\n' && r != '\t':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// excerptContext is how many characters of context an excerpt keeps around a match.
const (
	excerptContext = 40
	excerptMax     = 200
)

// Excerpt returns the match s[start:end] with some context, made visible
// and cut to a readable length.
func Excerpt(s string, start, end int) string {
	lo := start
	for n := 0; lo > 0 && n < excerptContext; n++ {
		_, size := utf8.DecodeLastRuneInString(s[:lo])
		lo -= size
	}
	hi := end
	for n := 0; hi < len(s) && n < excerptContext; n++ {
		_, size := utf8.DecodeRuneInString(s[hi:])
		hi += size
	}
	out := Visible(s[lo:hi])
	if lo > 0 {
		out = "…" + out
	}
	if hi < len(s) {
		out += "…"
	}
	return Cut(out, excerptMax)
}

// Cut shortens s to at most n characters, marking the cut with "…(+N)".
func Cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	runes := []rune(s)
	return string(runes[:n]) + fmt.Sprintf("…(+%d)", len(runes)-n)
}

// invisible finds runs of tag characters (decoded), zero-width characters,
// bidirectional controls, variation-selector runs and control characters.
func invisible(s string) []evidence.TextMatch {
	var out []evidence.TextMatch
	runes := []rune(s)
	for i := 0; i < len(runes); {
		r := runes[i]
		var rule string
		var in func(rune) bool
		switch {
		case isTag(r):
			rule, in = "tag-characters", isTag
		case isZeroWidth(r):
			rule, in = "zero-width", isZeroWidth
		case isBidi(r):
			rule, in = "bidi-control", isBidi
		case isVariationSelector(r):
			rule, in = "variation-selectors", isVariationSelector
		case isControl(r) && r != 0x1B && r != 0x9B:
			rule, in = "control-characters", func(r rune) bool { return isControl(r) && r != 0x1B && r != 0x9B }
		default:
			i++
			continue
		}
		j := i
		for j < len(runes) && in(runes[j]) {
			j++
		}
		run := runes[i:j]
		// A single variation selector after an emoji is ordinary text.
		if rule == "variation-selectors" && len(run) == 1 && run[0] < 0xE0100 {
			i = j
			continue
		}
		m := evidence.TextMatch{Rule: rule, Excerpt: runeExcerpt(runes, i, j)}
		if rule == "tag-characters" {
			var b strings.Builder
			for _, t := range run {
				if a := t - 0xE0000; a >= 0x20 && a < 0x7F {
					b.WriteRune(a)
				}
			}
			m.Decoded = Cut(b.String(), 500)
		}
		out = append(out, m)
		i = j
	}
	return out
}

func runeExcerpt(runes []rune, i, j int) string {
	s := string(runes)
	start := len(string(runes[:i]))
	end := start + len(string(runes[i:j]))
	return Excerpt(s, start, end)
}

// ansiRE matches ANSI escape sequences: CSI (ESC [ or U+009B), OSC (ESC ])
// up to BEL or ST, and two-character escapes.
var ansiRE = regexp.MustCompile("(\x1b\\[|\u009b)[0-?]*[ -/]*[@-~]|\x1b\\][^\x07\x1b]*(\x07|\x1b\\\\)|\x1b[@-Z\\\\-_]")

// ansiEscapes finds terminal escape sequences; Decoded is the text with the
// sequences removed, which is what a terminal hides or restyles.
func ansiEscapes(s string) []evidence.TextMatch {
	locs := ansiRE.FindAllStringIndex(s, -1)
	if len(locs) == 0 {
		return nil
	}
	var out []evidence.TextMatch
	for _, loc := range locs {
		out = append(out, evidence.TextMatch{Rule: "ansi-escape", Excerpt: Excerpt(s, loc[0], loc[1])})
		if len(out) >= 5 {
			break
		}
	}
	out[0].Decoded = Cut(Visible(ansiRE.ReplaceAllString(s, "")), 500)
	return out
}

var (
	base64RE = regexp.MustCompile(`[A-Za-z0-9+/]{24,}={0,2}|[A-Za-z0-9_-]{24,}={0,2}`)
	hexRE    = regexp.MustCompile(`\b(0x)?[0-9a-fA-F]{32,}\b`)
)

// encodedBlobs finds base64 and hex runs that decode to readable text.
func encodedBlobs(s string) []evidence.TextMatch {
	var out []evidence.TextMatch
	for _, loc := range base64RE.FindAllStringIndex(s, 10) {
		blob := s[loc[0]:loc[1]]
		if text, ok := decodeBase64Text(blob); ok {
			out = append(out, evidence.TextMatch{Rule: "base64", Excerpt: Excerpt(s, loc[0], loc[1]), Decoded: Cut(Visible(text), 500)})
		}
	}
	for _, loc := range hexRE.FindAllStringIndex(s, 10) {
		blob := strings.TrimPrefix(s[loc[0]:loc[1]], "0x")
		if len(blob)%2 != 0 {
			continue
		}
		raw, err := hex.DecodeString(blob)
		if err == nil && readable(raw) {
			out = append(out, evidence.TextMatch{Rule: "hex", Excerpt: Excerpt(s, loc[0], loc[1]), Decoded: Cut(Visible(string(raw)), 500)})
		}
	}
	return out
}

func decodeBase64Text(blob string) (string, bool) {
	// Identifiers and words glued together are not base64: a blob has
	// digits or mixed case spread through it.
	if !strings.ContainsAny(blob, "0123456789+/=_-") && strings.ToLower(blob) == blob {
		return "", false
	}
	trimmed := strings.TrimRight(blob, "=")
	for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.RawURLEncoding} {
		raw, err := enc.DecodeString(trimmed)
		if err == nil && readable(raw) {
			return string(raw), true
		}
	}
	return "", false
}

// readable reports whether raw is UTF-8 text: mostly letters, digits,
// punctuation and spaces, with at least a few words' worth of letters.
func readable(raw []byte) bool {
	if len(raw) < 12 || !utf8.Valid(raw) {
		return false
	}
	printable, letters, spaces := 0, 0, 0
	for _, r := range string(raw) {
		switch {
		case unicode.IsLetter(r):
			letters++
			printable++
		case r == ' ':
			spaces++
			printable++
		case unicode.IsPrint(r) || r == '\n' || r == '\t':
			printable++
		}
	}
	n := utf8.RuneCount(raw)
	return printable*100 >= n*95 && letters*2 >= n && (spaces > 0 || n < 24)
}

// confusables maps look-alike letters of other scripts to the ASCII letter
// they imitate (the common Cyrillic, Greek and Armenian homoglyphs).
var confusables = map[rune]rune{
	'а': 'a', 'в': 'b', 'е': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'с': 'c', 'т': 't',
	'у': 'y', 'х': 'x', 'ѕ': 's', 'і': 'i', 'ј': 'j', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'һ': 'h', 'ӏ': 'l',
	'ɡ': 'g', 'ո': 'n', 'ս': 'u', 'օ': 'o', 'ց': 'g', 'զ': 'q',
	'А': 'A', 'В': 'B', 'Е': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O', 'Р': 'P', 'С': 'C', 'Т': 'T',
	'Х': 'X', 'Ѕ': 'S', 'І': 'I', 'Ј': 'J', 'Ү': 'Y',
	'α': 'a', 'ο': 'o', 'ρ': 'p', 'ν': 'v', 'ι': 'i', 'κ': 'k', 'τ': 't', 'υ': 'u', 'χ': 'x', 'ε': 'e',
	'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M', 'Ν': 'N', 'Ο': 'O',
	'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X',
	'ı': 'i', 'ℓ': 'l',
}

// Skeleton folds a name to the ASCII it imitates: compatibility forms
// (fullwidth, mathematical letters) through NFKC, then look-alike letters
// of other scripts, then lower case; invisible characters are dropped.
func Skeleton(name string) string {
	name = Reveal(norm.NFKC.String(name))
	var b strings.Builder
	for _, r := range name {
		if a, ok := confusables[r]; ok {
			r = a
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// homoglyphs reports a name that is not plain ASCII but folds to ASCII (a
// look-alike of an ordinary name), or that mixes Latin with another script.
func homoglyphs(name string) (evidence.TextMatch, bool) {
	ascii := true
	scripts := map[string]bool{}
	for _, r := range name {
		if r >= 0x80 {
			ascii = false
		}
		switch {
		case unicode.Is(unicode.Latin, r):
			scripts["latin"] = true
		case unicode.Is(unicode.Cyrillic, r):
			scripts["cyrillic"] = true
		case unicode.Is(unicode.Greek, r):
			scripts["greek"] = true
		case unicode.Is(unicode.Armenian, r):
			scripts["armenian"] = true
		}
	}
	if ascii {
		return evidence.TextMatch{}, false
	}
	skel := Skeleton(name)
	asciiSkel := true
	for _, r := range skel {
		if r >= 0x80 {
			asciiSkel = false
		}
	}
	switch {
	case asciiSkel:
		return evidence.TextMatch{Rule: "confusable", Excerpt: Visible(escapeNonASCII(name)), Decoded: skel}, true
	case scripts["latin"] && len(scripts) > 1:
		return evidence.TextMatch{Rule: "mixed-script", Excerpt: Visible(escapeNonASCII(name)), Decoded: skel}, true
	}
	return evidence.TextMatch{}, false
}

// escapeNonASCII shows each non-ASCII letter of a name with its code point,
// so "rеad" (Cyrillic е) reads r<U+0435>ad.
func escapeNonASCII(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 0x80 {
			fmt.Fprintf(&b, "%c<U+%04X>", r, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
