package files

import (
	"bytes"
	"unicode/utf8"

	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// The raw artifact stored in a bundle is redacted with every secret the
// parser classified. A file that does not parse, or a secret in a comment,
// escapes that path, so the text is also scanned lexically: every
// "key: value" / "key = value" pair and every long bare word is checked with
// secrets.LooksSecret, and what looks secret is redacted too. Redacting a
// little too much in the bundle copy is the safe failure.
//
// The scans run over whole files, so they are hand-written and linear. They
// find exactly what these regular expressions find (lexical_test.go checks
// it):
//
//	pairs: ["']?([A-Za-z0-9_.\-]{1,64})["']?\s*[:=]\s*["']?([^"'\s,}\]{\[][^"'\s,}\]]{3,})
//	words: [^\s"'<>(){}\[\],;=]{16,}
//
// A value does not start with "{" or "[": that is a flow collection
// ("creds: [{key: …}]"), whose own pairs are scanned instead.

// lexicalSecrets adds the secret-looking values in data to red.
func lexicalSecrets(data []byte, red *secrets.Redactor) {
	for pos := 0; ; {
		key, val, end, ok := nextLexPair(data, pos)
		if !ok {
			break
		}
		if part, _ := secrets.SecretPart(string(key), string(val)); part != "" {
			red.Add(part)
		}
		pos = end
	}
	for _, kv := range templateLines(data) {
		if part, _ := secrets.SecretPart(kv[0], kv[1]); part != "" {
			red.Add(part)
		}
	}
	for pos := 0; ; {
		w, end, ok := nextLexWord(data, pos)
		if !ok {
			break
		}
		if part, _ := secrets.SecretPart("", string(w)); part != "" {
			red.Add(part)
		}
		pos = end
	}
}

// templateLines returns the key and the rest of the line of every line
// whose value holds a Go template action ("password: {{ .Values.p |
// default "s3cret" }}"), which the pair scanner does not read as a value:
// the literals such an action writes out are judged under the key.
func templateLines(data []byte) [][2]string {
	var out [][2]string
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		a := bytes.Index(line, []byte("{{"))
		if a < 0 {
			continue
		}
		sep := bytes.IndexAny(line[:a], ":=")
		if sep < 0 {
			continue
		}
		k := bytes.TrimSpace(line[:sep])
		k = bytes.TrimSpace(bytes.TrimPrefix(k, []byte("- ")))
		k = bytes.Trim(k, `"'`)
		if len(k) == 0 || len(k) > maxLexKey || bytes.IndexFunc(k, func(r rune) bool { return r > 127 || !isLexKeyByte(byte(r)) }) >= 0 {
			continue
		}
		out = append(out, [2]string{string(k), string(line[sep+1:])})
	}
	return out
}

// maxLexKey is the longest key of a lexical pair.
const maxLexKey = 64

// nextLexPair finds the first pair at or after pos and returns its key, its
// value and where the pair ends. The pair is found from its separator: the
// key is looked for in the bytes before it (a key cannot span a separator),
// the value after it.
func nextLexPair(data []byte, pos int) (key, val []byte, end int, ok bool) {
	prevSep := pos - 1
	for {
		j := bytes.IndexAny(data[prevSep+1:], ":=")
		if j < 0 {
			return nil, nil, 0, false
		}
		q := prevSep + 1 + j
		lo := prevSep + 1
		prevSep = q
		sp := q
		for sp > lo && isSpaceByte(data[sp-1]) {
			sp--
		}
		if lo < sp-maxLexKey-2 {
			lo = sp - maxLexKey - 2
		}
		k, found := lexKey(data, lo, sp)
		if !found {
			continue
		}
		if v, e, found := lexValue(data, q+1); found {
			return k, v, e, true
		}
	}
}

// lexKey finds the leftmost start in [lo, sp) from which an optionally
// quoted key of 1 to 64 key bytes runs exactly to sp.
func lexKey(data []byte, lo, sp int) ([]byte, bool) {
	for p := lo; p < sp; p++ {
		i := p
		if isQuoteByte(data[i]) {
			i++
		}
		ks := i
		for i < sp && isLexKeyByte(data[i]) {
			i++
		}
		if n := i - ks; n < 1 || n > maxLexKey {
			continue
		}
		ke := i
		if i < sp && isQuoteByte(data[i]) {
			i++
		}
		if i == sp {
			return data[ks:ke], true
		}
	}
	return nil, false
}

// lexValue reads the value after a separator that ends at v: blanks, an
// optional quote, then at least four characters up to a quote, blank, comma,
// "}" or "]", the first of them not "{" or "[".
func lexValue(data []byte, v int) (val []byte, end int, ok bool) {
	for v < len(data) && isSpaceByte(data[v]) {
		v++
	}
	if v < len(data) && isQuoteByte(data[v]) {
		v++
	}
	if v < len(data) && (data[v] == '{' || data[v] == '[') {
		return nil, 0, false
	}
	x := v
	for x < len(data) && !isLexValueStop(data[x]) {
		x++
	}
	if utf8.RuneCount(data[v:x]) < 4 {
		return nil, 0, false
	}
	return data[v:x], x, true
}

// nextLexWord finds the first run of at least sixteen word characters at or
// after pos and returns it and where it ends.
func nextLexWord(data []byte, pos int) (word []byte, end int, ok bool) {
	for pos < len(data) {
		for pos < len(data) && isLexWordStop(data[pos]) {
			pos++
		}
		start := pos
		for pos < len(data) && !isLexWordStop(data[pos]) {
			pos++
		}
		if pos-start >= 16 && utf8.RuneCount(data[start:pos]) >= 16 {
			return data[start:pos], pos, true
		}
	}
	return nil, 0, false
}

func isQuoteByte(c byte) bool { return c == '"' || c == '\'' }

// isSpaceByte reports whether c is white space as \s in a regular
// expression: tab, newline, form feed, carriage return or space.
func isSpaceByte(c byte) bool {
	return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isLexKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-'
}

func isLexValueStop(c byte) bool {
	return isQuoteByte(c) || isSpaceByte(c) || c == ',' || c == '}' || c == ']'
}

func isLexWordStop(c byte) bool {
	switch c {
	case '"', '\'', '<', '>', '(', ')', '{', '}', '[', ']', ',', ';', '=':
		return true
	}
	return isSpaceByte(c)
}
