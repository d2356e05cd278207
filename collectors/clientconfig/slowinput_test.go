package clientconfig

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/evidence"
)

// analyzeTimed runs one file through analyze and reports how long it took.
func analyzeTimed(name string, data []byte) ([]evidence.Subject, time.Duration) {
	start := time.Now()
	subjects := analyze(name, data)
	return subjects, time.Since(start)
}

// dottedTOML is a TOML key nested depth levels deep with dotted keys only.
func dottedTOML(depth int) string { return strings.Repeat("a.", depth) + "b = 1\n" }

// yamlAliasBomb is a "billion laughs" document: ten levels of nine aliases.
func yamlAliasBomb() string {
	doc := "l0: &l0 [x, x, x, x, x, x, x, x, x]\n"
	for i := 1; i < 10; i++ {
		doc += fmt.Sprintf("l%d: &l%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*l%d, ", i-1), 9), ", "))
	}
	return doc
}

// TestPathologicalInputsRejected checks the inputs that once stalled the
// fuzzers: a TOML key nested thousands of levels by dotted keys (its tree
// was built in cubic time) and a YAML alias bomb (expanded to a million
// nodes). Both are rejected quickly with a diagnostic.
func TestPathologicalInputsRejected(t *testing.T) {
	tests := []struct{ name, data, msg string }{
		{".codex/config.toml", dottedTOML(4000), "keys nested deeper than 512 levels"},
		{".codex/config.toml", "[" + strings.TrimSuffix(dottedTOML(600), " = 1\n") + "]\n", "keys nested deeper than 512 levels"},
		{".codex/config.toml", "x = { " + strings.TrimSuffix(dottedTOML(600), "\n") + " }\n", "keys nested deeper than 512 levels"},
		{".continue/config.yaml", yamlAliasBomb(), "aliases expand to more than 16384 nodes"},
		{".continue/config.yaml", "mcpServers:\n  - name: a\n    command: x\n" + yamlAliasBomb(), "aliases expand to more than 16384 nodes"},
	}
	for _, tt := range tests {
		res, d := analyzeTimed(tt.name, []byte(tt.data))
		if d > 2*time.Second {
			t.Errorf("%s (%d bytes): took %v", tt.name, len(tt.data), d)
		}
		var src *evidence.Source
		for _, s := range res {
			if v, ok := s.(*evidence.Source); ok {
				src = v
			}
		}
		if src == nil || src.Status != evidence.StatusParseError || len(src.Diagnostics) == 0 || !strings.Contains(src.Diagnostics[0].Message, tt.msg) {
			t.Errorf("%s: source = %+v, want a parse error saying %q", tt.name, src, tt.msg)
		}
	}
	// A deep but admissible key still parses, with its position.
	res, d := analyzeTimed(".codex/config.toml", []byte(dottedTOML(500)))
	if d > 2*time.Second {
		t.Errorf("500-level dotted key took %v", d)
	}
	for _, s := range res {
		if v, ok := s.(*evidence.Source); ok && v.Status == evidence.StatusParseError {
			t.Errorf("500-level dotted key: %+v", v.Diagnostics)
		}
	}
}

// TestPathologicalInputsLinear checks that analysing a file takes time
// roughly proportional to its size on inputs built to defeat a naive scan:
// eight times the input may not take more than about eight times as long
// (the bound is loose to allow for a busy machine).
func TestPathologicalInputsLinear(t *testing.T) {
	gens := map[string]struct {
		name string
		gen  func(n int) string
	}{
		// one credential value running to the end of the file: remembered
		// whole, it once cost a quadratic Boyer-Moore table
		"long secret":  {".vscode/mcp.json", func(n int) string { return strings.Repeat(";password=x", n/11) }},
		"long bytes":   {".mcp.json", func(n int) string { return `{"token": "` + strings.Repeat("\xd9", n) }},
		"pairs":        {".mcp.json", func(n int) string { return strings.Repeat(`"api_key": "aB3dE5gH7jK9mN1pQ3sT5vX7", `, n/40) }},
		"long keys":    {"other.json", func(n int) string { return strings.Repeat(strings.Repeat("k", 90)+":", n/91) }},
		"unterminated": {"other.json", func(n int) string { return strings.Repeat(`k="`+strings.Repeat("x", 40)+" ", n/44) }},
		"words":        {"other.json", func(n int) string { return strings.Repeat("aB3dE5gH7jK9mN1pQ3sT5vX7 ", n/25) }},
		"dotted toml":  {".codex/config.toml", func(n int) string { return strings.Repeat(dottedTOML(400)[:800]+"x = 1\n", n/806) }},
		"flat yaml":    {".continue/config.yaml", func(n int) string { return strings.Repeat("k: &a v\nj: *a\n", n/14) }},
	}
	for name, g := range gens {
		small, large := []byte(g.gen(16<<10)), []byte(g.gen(128<<10))
		_, ts := analyzeTimed(g.name, small)
		_, tl := analyzeTimed(g.name, large)
		if tl > 40*ts && tl > time.Second {
			t.Errorf("%s: %d bytes took %v, %d bytes took %v", name, len(small), ts, len(large), tl)
		}
	}
}
