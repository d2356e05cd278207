package mdtext

import "testing"

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
