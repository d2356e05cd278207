package postree

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// spanCases are documents written to exercise every way a scalar ends.
var spanCases = map[string]string{
	"plain":      "a: plain value  # comment\nb: http://example.com:8080/x\n'c': \"d\"\n",
	"quoted":     "a: \"esc \\\" \\u0041 \\\n  continued\"\nb: 'it''s'\nc: \"\"\n",
	"blocks":     "a: |\n  line one\n    indented\n\n  line three\nb: >-\n  folded\n  text\n\nc: |2\n    two extra\nd: x\n",
	"block last": "env:\n  KEY: |\n    secret\n",
	"properties": "base: &b !!str anchored\nother: *b\ntagged: !custom value\n",
	"flow":       "list: [a, 'b c', \"d\", {k: v, k2: [x, y]}]\nmap: {url: http://h:1/p, n: 1}\n",
	"multiline":  "a: first\n  second\n\n  third\nb: next\n",
	"unicode":    "é: ü-value\n\"ключ\": значение # c\n",
	"crlf":       "a: one\r\nb: \"two\"\r\nc: |\r\n  three\r\n",
	"sequence":   "- one\n- two: three\n  four: 4\n- - nested\n",
	"scalars":    "t: true\nn: 12\nf: 1.5\nz: ~\nh: 0x1F\n",
	"merge":      "base: &base {cmd: run}\nsrv:\n  <<: *base\n  arg: x\n",
	"documents":  "a: 1\n---\nb: two\n...\n",
}

// TestYAMLSpans checks every scalar whose span is known: the text of the
// span, read as a YAML value, is the scalar. Every scalar in the cases
// above must have a known span.
func TestYAMLSpans(t *testing.T) {
	for name, doc := range spanCases {
		t.Run(name, func(t *testing.T) {
			known, total := checkSpans(t, []byte(doc), 1)
			if known != total {
				t.Errorf("%d of %d scalars have a known span", known, total)
			}
		})
	}
	// Real files: every span found must be right; report how many are found.
	var known, total int
	for _, dir := range []string{"../../../../shared/corpus", "../../clientconfig/testdata"} {
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return nil
			}
			t.Run(filepath.Base(p), func(t *testing.T) {
				// Large files: check a sample, spread over the file.
				k, n := checkSpans(t, data, 1+len(data)/1000)
				known, total = known+k, total+n
			})
			return nil
		})
	}
	if total > 0 {
		t.Logf("real files: %d of %d scalar spans known", known, total)
		if known*100 < total*99 {
			t.Errorf("only %d of %d scalar spans known in real files", known, total)
		}
	}
}

// spanMarker replaces one span at a time in checkSpans.
const spanMarker = "REDACTED-SPAN"

// checkSpans parses every document of data and checks the span of each
// scalar and key the way redaction uses it: replacing the span's text with
// a marker must leave a document in which exactly that scalar (or key) now
// reads as the marker. Every every-th known span is checked (each check
// parses the document again). It returns how many spans were known of how
// many.
func checkSpans(t *testing.T, data []byte, every int) (known, total int) {
	t.Helper()
	docs, perr := ParseYAMLDocuments(data)
	if perr != nil {
		return 0, 0
	}
	check := func(doc int, sp Span, ptr, parent string, key int) {
		total++
		if !sp.Known() {
			return
		}
		known++
		if known%every != 0 {
			return
		}
		// A quoted scalar is replaced by a quoted marker, as redaction keeps
		// the quotes (text after a closing quote may not need a blank).
		// A block scalar by a block with the same header and indentation.
		marker, text := spanMarker, string(data[sp.Start:sp.End])
		switch q := text[0]; {
		case q == '"' || q == '\'':
			marker = string(q) + spanMarker + string(q)
		case q == '|' || q == '>':
			header, body, _ := strings.Cut(text, "\n")
			indent := ""
			for _, line := range strings.Split(body, "\n") {
				if strings.TrimSpace(line) != "" {
					indent = line[:len(line)-len(strings.TrimLeft(line, " "))]
					break
				}
			}
			marker = header + "\n" + indent + spanMarker
		}
		mod := string(data[:sp.Start]) + marker + string(data[sp.End:])
		docs2, perr := ParseYAMLDocuments([]byte(mod))
		if perr != nil || len(docs2) != len(docs) {
			t.Errorf("%s: replacing span %q breaks the document: %v", ptr, data[sp.Start:sp.End], perr)
			return
		}
		if key >= 0 {
			p := atPointer(docs2[doc], parent)
			if p == nil || key >= len(p.Keys) || p.Keys[key] != spanMarker {
				t.Errorf("%s: replacing key span %q does not replace the key", ptr, data[sp.Start:sp.End])
			}
			return
		}
		if n := atPointer(docs2[doc], ptr); n == nil || strings.TrimSpace(n.Text) != spanMarker {
			t.Errorf("%s: replacing span %q gives %+v", ptr, data[sp.Start:sp.End], n)
		}
	}
	var walk func(doc int, n *Node)
	walk = func(doc int, n *Node) {
		switch n.Kind {
		case Object:
			for i, k := range n.Keys {
				if k != "<<" {
					check(doc, n.Vals[i].KeySpan, n.Vals[i].Pointer, n.Pointer, i)
				}
				walk(doc, n.Vals[i])
			}
		case Array:
			for _, it := range n.Items {
				walk(doc, it)
			}
		case Null:
		default:
			check(doc, n.Span, n.Pointer, "", -1)
		}
	}
	for i, d := range docs {
		walk(i, d)
	}
	return known, total
}

// atPointer returns the node at a JSON pointer.
func atPointer(root *Node, ptr string) *Node {
	if ptr == "" {
		return root
	}
	parts := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	for i, p := range parts {
		parts[i] = strings.ReplaceAll(strings.ReplaceAll(p, "~1", "/"), "~0", "~")
	}
	return root.Lookup(parts...)
}

// FuzzYAMLSpans checks that every span found in any document reads back as
// its scalar: a wrong span would redact the wrong text.
func FuzzYAMLSpans(f *testing.F) {
	for _, doc := range spanCases {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4<<10 {
			t.Skip("large inputs only slow the fuzzer")
		}
		checkSpans(t, data, 1)
	})
}

// TestTOMLSpans checks that replacing a TOML scalar's span (or a key's)
// with another value of the same kind replaces exactly that scalar.
func TestTOMLSpans(t *testing.T) {
	doc := "top = \"a\\u0062c\"\n[mcp_servers.x]\ncommand = 'uvx'\nargs = [\"-y\", # c\n  \"pkg==1\"]\nenv = { TOKEN = \"\"\"multi\nline\"\"\", N = 3 }\n\"quoted.key\" = true\na.b.c = 1979-05-27\n"
	data := []byte(doc)
	root, perr := ParseTOML(data, NewLines(data))
	if perr != nil {
		t.Fatal(perr)
	}
	tests := []struct {
		path []string
		text string // the span's text
	}{
		{[]string{"top"}, `"a\u0062c"`},
		{[]string{"mcp_servers", "x", "command"}, `'uvx'`},
		{[]string{"mcp_servers", "x", "args", "0"}, `"-y"`},
		{[]string{"mcp_servers", "x", "args", "1"}, `"pkg==1"`},
		{[]string{"mcp_servers", "x", "env", "TOKEN"}, "\"\"\"multi\nline\"\"\""},
		{[]string{"mcp_servers", "x", "env", "N"}, "3"},
		{[]string{"mcp_servers", "x", "quoted.key"}, "true"},
		{[]string{"mcp_servers", "x", "a", "b", "c"}, "1979-05-27"},
	}
	for _, tt := range tests {
		n := root.Lookup(tt.path...)
		if n == nil {
			t.Errorf("%v: missing", tt.path)
			continue
		}
		if got := string(data[n.Span.Start:n.Span.End]); got != tt.text {
			t.Errorf("%v: span text %q, want %q", tt.path, got, tt.text)
		}
	}
	if k := root.Lookup("mcp_servers", "x", "quoted.key").KeySpan; string(data[k.Start:k.End]) != `"quoted.key"` {
		t.Errorf("quoted key span = %q", data[k.Start:k.End])
	}
	if k := root.Lookup("mcp_servers", "x", "env", "TOKEN").KeySpan; string(data[k.Start:k.End]) != "TOKEN" {
		t.Errorf("inline key span = %q", data[k.Start:k.End])
	}
}

// BenchmarkYAMLLongLine parses one long flow sequence: finding spans must
// not restart from the start of the line for every scalar.
func BenchmarkYAMLLongLine(b *testing.B) {
	data := []byte("k: [" + strings.Repeat("abcdefgh, ", 50000) + "x]\n")
	b.SetBytes(int64(len(data)))
	for i := 0; i < b.N; i++ {
		if _, perr := ParseYAML(data); perr != nil {
			b.Fatal(perr)
		}
	}
}
