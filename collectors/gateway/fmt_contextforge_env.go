package gateway

import (
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// contextforgeEnvFormat reads ContextForge's .env file (and .env.example,
// which people copy to .env): the gateway's settings as KEY=value lines,
// read as python-dotenv reads them. A file is ContextForge's when it sets at
// least two settings only ContextForge uses.
var contextforgeEnvFormat = &format{
	id:        "contextforge/env",
	product:   "contextforge",
	parse:     parseDotenv,
	name:      dotenvName,
	recognise: recogniseContextForgeEnv,
	read:      readContextForgeEnv,
	syn:       secrets.Syntax{Client: "dotenv", DollarBrace: true},
}

// dotenvName matches .env, .env.example, .env.local and name.env files.
func dotenvName(p string) files.Strength {
	b := strings.ToLower(baseName(p))
	if b == ".env" || strings.HasPrefix(b, ".env.") || strings.HasSuffix(b, ".env") || strings.HasSuffix(b, "_.env") {
		return files.Weak
	}
	return files.None
}

// recogniseContextForgeEnv accepts settings with two ContextForge names.
func recogniseContextForgeEnv(_ *files.File, root *postree.Node, _ bool) bool {
	n := 0
	for _, k := range members(root) {
		if cfKnown[k] {
			n++
		}
	}
	return n >= 2
}

// readContextForgeEnv reads the settings into one gateway, named after the
// file's folder.
func readContextForgeEnv(b *builder, root *postree.Node) {
	gw := b.newGateway(gatewayName(b.at.path, "contextforge"), root)
	s := cfSettings{}
	for i, k := range root.Keys {
		s[k] = setting{value: root.Vals[i].Text, node: root.Vals[i]}
	}
	gw.Listeners = append(gw.Listeners, listenFrom(s))
	readContextForge(b, gw, s, root)
}

// parseDotenv reads KEY=value lines into an object node: "export " prefixes
// are dropped, values may be single- or double-quoted (double quotes read
// backslash escapes), an unquoted value ends at " #", and a repeated key
// takes its last value. Lines that are not assignments are skipped, as
// python-dotenv skips them.
func parseDotenv(f *files.File) (*postree.Node, *postree.SyntaxError) {
	root := &postree.Node{Kind: postree.Object, Line: 1, Col: 1}
	index := map[string]int{}
	offset := 0
	for lineNo, line := range strings.Split(string(f.Data), "\n") {
		start := offset
		offset += len(line) + 1
		trimmed := strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		trimmed = strings.TrimPrefix(trimmed, "export ")
		key, raw, ok := strings.Cut(trimmed, "=")
		key = strings.TrimSpace(key)
		if !ok || key == "" || strings.ContainsAny(key, " \t") {
			continue
		}
		value := dotenvValue(strings.TrimSpace(raw))
		col := strings.Index(line, key) + 1
		vstart := start + strings.Index(line, "=") + 1
		n := &postree.Node{Kind: postree.String, Text: value, Line: lineNo + 1, Col: col,
			Pointer: "/" + key, Span: postree.Span{Start: vstart, End: start + len(strings.TrimRight(line, "\r"))}}
		if i, dup := index[key]; dup {
			root.Vals[i] = n
			continue
		}
		index[key] = len(root.Keys)
		root.Keys = append(root.Keys, key)
		root.Vals = append(root.Vals, n)
	}
	return root, nil
}

// dotenvValue unquotes one value.
func dotenvValue(raw string) string {
	if len(raw) >= 2 && raw[0] == '\'' {
		if end := strings.IndexByte(raw[1:], '\''); end >= 0 {
			return raw[1 : 1+end]
		}
	}
	if len(raw) >= 2 && raw[0] == '"' {
		var b strings.Builder
		for i := 1; i < len(raw); i++ {
			c := raw[i]
			if c == '"' {
				return b.String()
			}
			if c == '\\' && i+1 < len(raw) {
				i++
				switch raw[i] {
				case 'n':
					b.WriteByte('\n')
				case 't':
					b.WriteByte('\t')
				default:
					b.WriteByte(raw[i])
				}
				continue
			}
			b.WriteByte(c)
		}
		return b.String()
	}
	if i := strings.Index(raw, " #"); i >= 0 {
		raw = raw[:i]
	}
	return strings.TrimSpace(raw)
}
