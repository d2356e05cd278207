package oscal

import "testing"

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
