package oscal

import (
	"strings"
	"testing"

	gouuid "github.com/defenseunicorns/go-oscal/src/pkg/uuid"
)

func TestToken(t *testing.T) {
	tests := []struct{ framework, id, want string }{
		{"nist-800-53-rev5", "AC-6(1)", "ac-6.1"},
		{"nist-800-53-rev5", "IA-5", "ia-5"},
		{"iso-27001-2022", "A.5.17", "A.5.17"},
		{"nist-ssdf-1.1", "PO.1.1", "PO.1.1"},
		{"gdpr", "Art. 32", "Art.32"},
		{"gdpr", "32", "_32"},
		{"gdpr", "5(1)(f)", "_5-1--f-"},
		{"x", "", "_"},
	}
	for _, tt := range tests {
		if got := Token(tt.framework, tt.id); got != tt.want {
			t.Errorf("Token(%q, %q) = %q, want %q", tt.framework, tt.id, got, tt.want)
		}
	}
}

// TestCleanCollapsesWhitespace checks clean against its definition, the
// words of a value joined by single spaces, also for the values it
// returns without copying.
func TestCleanCollapsesWhitespace(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", "a  b", " a", "a ", "a\tb", "a\nb", "a\r\nb", "\va\f",
		"déjà vu", "a\u00a0b", "a\u2003b", "a\u0085b", "MCP-AUTH-01: Remote server without authentication (x.json:3)"} {
		if got, want := clean(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("clean(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestIDIsGoOSCALsNameBasedUUID checks id against its definition, the
// UUID go-oscal derives from "tollgate:" and the parts joined by U+001F,
// for names shorter and longer than id's stack buffer.
func TestIDIsGoOSCALsNameBasedUUID(t *testing.T) {
	long := strings.Repeat("répétition ", 40)
	for _, parts := range [][]string{
		nil,
		{""},
		{"risk", "0123456789abcdef"},
		{"observation", "MCP-AUTH-01", "server:acme/app/.cursor/mcp.json#github"},
		{long},
		{"a", long, "b"},
	} {
		want := gouuid.NewUUIDWithSource("tollgate:" + strings.Join(parts, "\x1f"))
		if got := id(parts...); got != want {
			t.Errorf("id(%q) = %s, want %s", parts, got, want)
		}
	}
}

func TestBlankIsTrimmedEmpty(t *testing.T) {
	for _, s := range []string{"", " ", "\t\n", "\u00a0", "\u2003x", " x", "x", "x ", "\x7f", "é", "\u0085", "-", "\x00"} {
		if got, want := blank(s), strings.TrimSpace(s) == ""; got != want {
			t.Errorf("blank(%q) = %v, want %v", s, got, want)
		}
	}
}
