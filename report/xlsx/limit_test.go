package xlsx

import (
	"strings"
	"testing"
)

// TestLimit checks that text within a cell's limit is kept as it is and
// longer text is cut to the limit in characters, ending in "…", the same
// as cutting the characters of every text would.
func TestLimit(t *testing.T) {
	cut := func(s string) string { // the definition
		if r := []rune(s); len(r) > maxCell {
			return string(r[:maxCell-1]) + "…"
		}
		return s
	}
	tests := []struct {
		name string
		s    string
		kept bool
	}{
		{"empty", "", true},
		{"short", "a cell", true},
		{"at the limit", strings.Repeat("a", maxCell), true},
		{"one over", strings.Repeat("a", maxCell+1), false},
		{"more bytes than the limit, fewer characters", strings.Repeat("é", maxCell), true},
		{"more characters than the limit", strings.Repeat("é", maxCell+1), false},
		{"not UTF-8 over the limit", strings.Repeat("\xff", maxCell+2), false},
		{"not UTF-8 within it", "a\xffb", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := limit(tt.s)
			if got != cut(tt.s) {
				t.Fatalf("limit differs from cutting the characters (len %d → %d)", len(tt.s), len(got))
			}
			if (got == tt.s) != tt.kept {
				t.Errorf("kept = %v, want %v", got == tt.s, tt.kept)
			}
		})
	}
}
