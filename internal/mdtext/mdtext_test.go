package mdtext

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestCell(t *testing.T) {
	tests := []struct{ in, cell, code string }{
		{"", "", ""},
		{"a | b", `a \| b`, "`a \\| b`"},
		{"line\none  two", "line one two", "`line one two`"},
		{"<script>", "&lt;script&gt;", "`&lt;script&gt;`"},
		{"has `tick`", "has `tick`", "has `tick`"},
	}
	for _, tt := range tests {
		if got := Cell(tt.in); got != tt.cell {
			t.Errorf("Cell(%q) = %q, want %q", tt.in, got, tt.cell)
		}
		if got := Code(tt.in); got != tt.code {
			t.Errorf("Code(%q) = %q, want %q", tt.in, got, tt.code)
		}
	}
}

// TestCellIsItsDefinition compares Cell with its definition on random
// text of words, white space of every kind, text that is not ASCII and
// what it escapes.
func TestCellIsItsDefinition(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	parts := []string{"a", "Z", " ", "  ", "\t", "\n", "\r\n", "\v", "\f", "|", "<", ">", "é", "\u00a0", "\u2028", "\xff", "`"}
	for range 20000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		s := b.String()
		want := strings.NewReplacer("|", `\|`, "<", "&lt;", ">", "&gt;").Replace(strings.Join(strings.Fields(s), " "))
		if got := Cell(s); got != want {
			t.Fatalf("Cell(%q) = %q, want %q", s, got, want)
		}
	}
}
