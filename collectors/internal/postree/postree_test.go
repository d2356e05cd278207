package postree

import (
	"strings"
	"testing"
)

func TestParseAndLookup(t *testing.T) {
	tests := []struct {
		name string
		syn  Syntax
		data string
	}{
		{"json", JSON, "{\n  \"servers\": {\"a\": {\"args\": [\"-y\", \"pkg\"], \"on\": true}}\n}\n"},
		{"yaml", YAML, "servers:\n  a:\n    args: [-y, pkg]\n    on: true\n"},
		{"toml", TOML, "[servers.a]\nargs = [\"-y\", \"pkg\"]\non = true\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, perr := parse(tt.syn, []byte(tt.data))
			if perr != nil {
				t.Fatal(perr)
			}
			arg := root.Lookup("servers", "a", "args", "1")
			if arg == nil || arg.Kind != String || arg.Text != "pkg" || arg.Pointer != "/servers/a/args/1" {
				t.Fatalf("servers.a.args[1] = %+v", arg)
			}
			a := root.Lookup("servers", "a")
			if a.Line != 2 && tt.syn != TOML || a.Line != 1 && tt.syn == TOML {
				t.Errorf("servers.a at line %d", a.Line)
			}
			if on, ok := a.Boolean("on"); !ok || !on {
				t.Errorf("servers.a.on = %v, %v", on, ok)
			}
			for _, missing := range [][]string{{"servers", "b"}, {"servers", "a", "args", "2"}, {"servers", "a", "args", "x"}, {"servers", "a", "on", "x"}} {
				if n := root.Lookup(missing...); n != nil {
					t.Errorf("Lookup(%v) = %+v, want nil", missing, n)
				}
			}
		})
	}
}

func parse(syn Syntax, data []byte) (*Node, *SyntaxError) {
	switch syn {
	case YAML:
		return ParseYAML(data)
	case TOML:
		return ParseTOML(data, NewLines(data))
	}
	root, _, perr := ParseJSON(data, NewLines(data))
	return root, perr
}

// TestJSONSpans checks that a JSON scalar's span covers the text that wrote
// it, escapes included, so replacing the span removes the value.
func TestJSONSpans(t *testing.T) {
	data := []byte(`{"env": {"TOKEN": "ab\u0063d-secret", "n": 12}, "list": [ "x" ]}`)
	root, _, perr := ParseJSON(data, NewLines(data))
	if perr != nil {
		t.Fatal(perr)
	}
	tok := root.Lookup("env", "TOKEN")
	if tok.Text != "abcd-secret" {
		t.Fatalf("decoded = %q", tok.Text)
	}
	if got := string(data[tok.Span.Start:tok.Span.End]); got != `"ab\u0063d-secret"` {
		t.Errorf("span text = %q", got)
	}
	if n := root.Lookup("env", "n"); string(data[n.Span.Start:n.Span.End]) != "12" {
		t.Errorf("number span = %+v", n.Span)
	}
	if l := root.Get("list"); string(data[l.Span.Start:l.Span.End]) != `[ "x" ]` {
		t.Errorf("array span = %+v", l.Span)
	}
}

func TestYAMLDocuments(t *testing.T) {
	data := []byte("kind: A\nmetadata: {name: one}\n---\n---\nkind: B\nspec:\n  x: 1\n")
	docs, perr := ParseYAMLDocuments(data)
	if perr != nil {
		t.Fatal(perr)
	}
	if len(docs) != 3 {
		t.Fatalf("%d documents, want 3", len(docs))
	}
	if k, _ := docs[0].Str("kind"); k != "A" {
		t.Errorf("doc 0 kind = %q", k)
	}
	if docs[1].Kind != Null {
		t.Errorf("empty document = %v, want null", docs[1].Kind)
	}
	x := docs[2].Lookup("spec", "x")
	if x == nil || x.Pointer != "/spec/x" || x.Line != 7 {
		t.Errorf("doc 2 spec.x = %+v", x)
	}
	// The first document alone is what ParseYAML returns.
	first, _ := ParseYAML(data)
	if k, _ := first.Str("kind"); k != "A" {
		t.Errorf("ParseYAML kind = %q", k)
	}
	// A syntax error in a later document fails the stream, at its line.
	_, perr = ParseYAMLDocuments([]byte("a: 1\n---\nb: [1,\n"))
	if perr == nil || perr.Line < 3 {
		t.Errorf("error = %v, want one at line 3 or later", perr)
	}
	// The alias bound holds across documents.
	bomb := "l0: &l0 [x, x, x, x, x, x, x, x, x]\n"
	for i := 1; i < 6; i++ {
		bomb += "l" + string(rune('0'+i)) + ": &l" + string(rune('0'+i)) + " [" + strings.TrimSuffix(strings.Repeat("*l"+string(rune('0'+i-1))+", ", 9), ", ") + "]\n"
	}
	if _, perr := ParseYAMLDocuments([]byte(bomb + "---\n" + bomb)); perr == nil || !strings.Contains(perr.Msg, "alias") {
		t.Errorf("alias bomb: %v", perr)
	}
}

// TestYAMLErrorLines: a YAML error is reported at the line of the problem,
// as PyYAML and the clients' own readers report it, not at the line where
// the enclosing list or mapping starts.
func TestYAMLErrorLines(t *testing.T) {
	tests := []struct {
		doc  string
		line int
		msg  string
	}{
		{"mcpServers:\n  - name: a\n   command: [x\n", 3, "did not find expected '-' indicator"},
		{"a: 1\nb:\n  - x\n  - y\n c: 2\n", 5, "did not find expected key"},
		{"x: 1\ny: 2\nz: : :\n", 3, "mapping values are not allowed in this context"},
		{"servers:\n  a:\n    command: x\n    args:\n      - a\n    env:\n      K: v\n     bad: 1\n", 8, "did not find expected key"},
		{"a:\n  - b\n  c: d\n", 3, "did not find expected '-' indicator"},
		{"# comment\n\nlist:\n  - one\n  - two\n three: 3\n", 6, "did not find expected key"},
	}
	for _, tt := range tests {
		for name, parse := range map[string]func([]byte) *SyntaxError{
			"first document": func(b []byte) *SyntaxError { _, e := ParseYAML(b); return e },
			"stream":         func(b []byte) *SyntaxError { _, e := ParseYAMLDocuments(b); return e },
		} {
			perr := parse([]byte(tt.doc))
			if perr == nil {
				t.Fatalf("%s of %q: no error", name, tt.doc)
			}
			if perr.Line != tt.line || perr.Msg != tt.msg {
				t.Errorf("%s of %q: line %d %q, want line %d %q", name, tt.doc, perr.Line, perr.Msg, tt.line, tt.msg)
			}
		}
	}
	// In a later document of a stream, the line counts from the stream's start.
	if _, perr := ParseYAMLDocuments([]byte("a: 1\n---\nl:\n  - x\n y: 2\n")); perr == nil || perr.Line != 5 {
		t.Errorf("error in the second document: %+v, want line 5", perr)
	}
}
