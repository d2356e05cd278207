package clientconfig

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// secretForm writes a secret as the value of API_TOKEN in one syntax's
// escape or layout form. mask chooses which characters are escaped or where
// lines break. ok is false when the form cannot hold the secret.
type secretForm struct {
	name, file string
	write      func(secret string, mask uint64) (doc string, ok bool)
}

// bit reports whether mask chooses position i.
func bit(mask uint64, i int) bool { return mask&(1<<(uint(i)%64)) != 0 }

// escapeRunes writes s with the runes mask chooses (and every rune the
// syntax requires) escaped by esc.
func escapeRunes(s string, mask uint64, must func(r rune) bool, esc func(r rune) string) string {
	var b strings.Builder
	for i, r := range []rune(s) {
		if must(r) || bit(mask, i) {
			b.WriteString(esc(r))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// jsonEscape is a JSON \u escape (a surrogate pair beyond the BMP).
func jsonEscape(r rune) string {
	if r > 0xFFFF {
		r -= 0x10000
		return fmt.Sprintf(`\u%04x\u%04x`, 0xD800+(r>>10), 0xDC00+(r&0x3FF))
	}
	return fmt.Sprintf(`\u%04x`, r)
}

// yamlEscape is a YAML double-quoted escape: \x for bytes, \u or \U beyond.
func yamlEscape(r rune) string {
	switch {
	case r < 0x80:
		return fmt.Sprintf(`\x%02x`, r)
	case r <= 0xFFFF:
		return fmt.Sprintf(`\u%04x`, r)
	}
	return fmt.Sprintf(`\U%08x`, r)
}

// tomlEscape is a TOML basic-string escape.
func tomlEscape(r rune) string {
	if r <= 0xFFFF {
		return fmt.Sprintf(`\u%04X`, r)
	}
	return fmt.Sprintf(`\U%08X`, r)
}

func control(r rune) bool { return r < 0x20 || r == 0x7f }

// foldAtSpaces writes words on lines of their own, indented by indent, for
// the forms that fold a line break into a space; ok is false when s has
// blanks that folding would not give back.
func foldAtSpaces(s, indent string, mask uint64) (string, bool) {
	if strings.ContainsAny(s, "\t\r\n") || strings.Contains(s, "  ") || strings.TrimSpace(s) != s {
		return "", false
	}
	words := strings.Split(s, " ")
	var b strings.Builder
	for i, w := range words {
		switch {
		case i == 0:
		case bit(mask, i):
			b.WriteString("\n" + indent)
		default:
			b.WriteString(" ")
		}
		b.WriteString(w)
	}
	return b.String(), true
}

var secretForms = []secretForm{
	{"json escapes", ".mcp.json", func(s string, mask uint64) (string, bool) {
		v := escapeRunes(s, mask, func(r rune) bool { return r == '"' || r == '\\' || control(r) }, jsonEscape)
		return `{"mcpServers": {"a": {"command": "node", "env": {"API_TOKEN": "` + v + `"}}}}`, true
	}},
	{"json solidus escape", ".mcp.json", func(s string, mask uint64) (string, bool) {
		b, _ := json.Marshal(s)
		v := strings.ReplaceAll(string(b[1:len(b)-1]), "/", `\/`)
		return `{"mcpServers": {"a": {"command": "node", "env": {"API_TOKEN": "` + v + `"}}}}`, true
	}},
	{"yaml double-quoted escapes", ".continue/config.yaml", func(s string, mask uint64) (string, bool) {
		v := escapeRunes(s, mask, func(r rune) bool { return r == '"' || r == '\\' || control(r) || r >= 0x80 }, yamlEscape)
		return "mcpServers:\n  - name: a\n    command: node\n    env:\n      API_TOKEN: \"" + v + "\"\n", true
	}},
	{"yaml double-quoted line breaks", ".continue/config.yaml", func(s string, mask uint64) (string, bool) {
		var b strings.Builder
		for i, r := range []rune(s) {
			if i > 0 && bit(mask, i) && r != ' ' && r != '\t' {
				b.WriteString("\\\n        ") // an escaped line break joins without a space
			}
			if r == '"' || r == '\\' || control(r) || r >= 0x80 {
				b.WriteString(yamlEscape(r))
			} else {
				b.WriteRune(r)
			}
		}
		return "mcpServers:\n  - name: a\n    command: node\n    env:\n      API_TOKEN: \"" + b.String() + "\"\n", true
	}},
	{"yaml single-quoted", ".continue/config.yaml", func(s string, mask uint64) (string, bool) {
		if strings.ContainsFunc(s, control) {
			return "", false
		}
		return "mcpServers:\n  - name: a\n    command: node\n    env:\n      API_TOKEN: '" + strings.ReplaceAll(s, "'", "''") + "'\n", true
	}},
	{"yaml literal block", ".continue/config.yaml", func(s string, mask uint64) (string, bool) {
		if strings.ContainsFunc(s, func(r rune) bool { return control(r) && r != '\n' }) || strings.HasPrefix(s, " ") || strings.HasSuffix(s, "\n") || s == "" {
			return "", false
		}
		body := strings.ReplaceAll(s, "\n", "\n        ")
		return "mcpServers:\n  - name: a\n    command: node\n    env:\n      API_TOKEN: |-\n        " + body + "\n", true
	}},
	{"yaml folded block", ".continue/config.yaml", func(s string, mask uint64) (string, bool) {
		body, ok := foldAtSpaces(s, "        ", mask)
		if !ok || strings.ContainsFunc(s, control) {
			return "", false
		}
		return "mcpServers:\n  - name: a\n    command: node\n    env:\n      API_TOKEN: >-\n        " + body + "\n", true
	}},
	{"yaml plain over lines", ".continue/config.yaml", func(s string, mask uint64) (string, bool) {
		body, ok := foldAtSpaces(s, "        ", mask)
		if !ok || strings.ContainsFunc(s, control) {
			return "", false
		}
		return "mcpServers:\n  - name: a\n    command: node\n    env:\n      API_TOKEN: " + body + "\n", true
	}},
	{"toml escapes", ".codex/config.toml", func(s string, mask uint64) (string, bool) {
		v := escapeRunes(s, mask, func(r rune) bool { return r == '"' || r == '\\' || control(r) }, tomlEscape)
		return "[mcp_servers.a]\ncommand = \"node\"\n[mcp_servers.a.env]\nAPI_TOKEN = \"" + v + "\"\n", true
	}},
	{"toml line continuation", ".codex/config.toml", func(s string, mask uint64) (string, bool) {
		var b strings.Builder
		for i, r := range []rune(s) {
			if i > 0 && bit(mask, i) && r != ' ' && r != '\t' && r != '\n' {
				b.WriteString("\\\n    ") // a line-ending backslash trims the break and the blanks after it
			}
			if r == '"' || r == '\\' || control(r) && r != '\n' {
				b.WriteString(tomlEscape(r))
			} else {
				b.WriteRune(r)
			}
		}
		return "[mcp_servers.a]\ncommand = \"node\"\n[mcp_servers.a.env]\nAPI_TOKEN = \"\"\"" + b.String() + "\"\"\"\n", true
	}},
	{"toml literal", ".codex/config.toml", func(s string, mask uint64) (string, bool) {
		if strings.ContainsRune(s, '\'') || strings.ContainsFunc(s, func(r rune) bool { return control(r) && r != '\t' }) {
			return "", false
		}
		return "[mcp_servers.a]\ncommand = \"node\"\n[mcp_servers.a.env]\nAPI_TOKEN = '" + s + "'\n", true
	}},
}

// syntaxParse parses data in the syntax its file name says.
func syntaxParse(name string, data []byte) (*postree.Node, *postree.SyntaxError) {
	syn, _ := postree.SyntaxOfPath(name)
	switch syn {
	case postree.YAML:
		return postree.ParseYAML(data)
	case postree.TOML:
		return postree.ParseTOML(data, postree.NewLines(data))
	}
	root, _, err := postree.ParseJSON(data, postree.NewLines(data))
	return root, err
}

// tokenValue finds the API_TOKEN value in a document of any form above.
func tokenValue(root *postree.Node) *postree.Node {
	for _, path := range [][]string{{"mcpServers", "a", "env", "API_TOKEN"}, {"mcpServers", "0", "env", "API_TOKEN"}, {"mcp_servers", "a", "env", "API_TOKEN"}} {
		if n := root.Lookup(path...); n != nil {
			return n
		}
	}
	return nil
}

// holds reports whether any string or key of the tree contains s.
func holds(n *postree.Node, s string) bool {
	if n == nil {
		return false
	}
	if strings.Contains(n.Text, s) {
		return true
	}
	for i, v := range n.Vals {
		if strings.Contains(n.Keys[i], s) || holds(v, s) {
			return true
		}
	}
	for _, item := range n.Items {
		if holds(item, s) {
			return true
		}
	}
	return false
}

// FuzzEncodedSecretsRedacted writes a secret under a credential key in each
// syntax's escape and layout forms: whatever the form, the stored copy holds
// the secret neither as written nor as its value, and still parses.
func FuzzEncodedSecretsRedacted(f *testing.F) {
	for _, s := range []string{"ghp_Abcdefghijklmnopqrstuvwxyz0123456789", "correct horse battery staple", "it's a secret",
		"Summer2024", "8423917650", "pa\"ss\\word", "naïve-パスワード-🔑", "a\nmulti-line\nsecret", "/8fK2mQ9zR4tY7wE1uIo3pA5sD6fG7hJ8kL9=="} {
		for form := range secretForms {
			f.Add(s, uint8(form), uint64(0x5555555555555555))
		}
	}
	analyzers := Analyzers()
	f.Fuzz(func(t *testing.T, secret string, which uint8, mask uint64) {
		form := secretForms[int(which)%len(secretForms)]
		if len(secret) < 4 || len(secret) > 512 || !utf8.ValidString(secret) || strings.ContainsRune(secret, 0) || strings.ContainsRune(secret, '\uFEFF') {
			t.Skip("not a value a configuration holds")
		}
		if v := secrets.Classify("API_TOKEN", secret, secrets.Syntax{}); v.Kind != evidence.ValueLiteralSecret {
			t.Skip("not a secret under a credential key")
		}
		doc, ok := form.write(secret, mask)
		if !ok {
			t.Skip("the form cannot hold this value")
		}
		template, _ := form.write("x", mask)
		if strings.Contains(template, secret) {
			t.Skip("the secret is also part of the document's own text")
		}
		root, perr := syntaxParse(form.file, []byte(doc))
		if perr != nil || tokenValue(root) == nil || tokenValue(root).Text != secret {
			t.Skipf("the form does not give the value back (%v)", perr)
		}
		out := files.CollectData(context.Background(), form.file, []byte(doc), files.Options{Now: fixedNow}, analyzers)
		stored, ok := out.Files["artifacts/"+form.file]
		if !ok {
			t.Fatalf("%s: not stored", form.name)
		}
		written := doc[strings.Index(doc, "API_TOKEN")+len("API_TOKEN"):]
		if strings.Contains(string(stored), secret) || len(written) > 12 && strings.Contains(string(stored), strings.TrimSpace(written)) {
			t.Fatalf("%s: the secret survives in the stored copy:\n%s\n--- from\n%s", form.name, stored, doc)
		}
		back, perr := syntaxParse(form.file, stored)
		if perr != nil {
			t.Fatalf("%s: the stored copy does not parse (%v):\n%s\n--- from\n%s", form.name, perr, stored, doc)
		}
		if holds(back, secret) {
			t.Fatalf("%s: the stored copy still holds the secret as a value:\n%s", form.name, stored)
		}
		if tokenValue(back) == nil {
			t.Fatalf("%s: the stored copy lost the variable:\n%s", form.name, stored)
		}
	})
}
