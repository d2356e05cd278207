package mappings

import "testing"

// TestVersionBeyondTitle: a report names a framework by its title and its
// version, once: the version is left out when the title already says it.
func TestVersionBeyondTitle(t *testing.T) {
	tests := []struct{ title, version, want string }{
		{"ISO/IEC 27001:2022", "2022", ""},
		{"NIST SP 800-53 Rev. 5", "5.1.1", "5.1.1"},
		{"NIST SP 800-218 Secure Software Development Framework", "1.1", "1.1"},
		{"General Data Protection Regulation", "2016/679", "2016/679"},
		{"OWASP MCP Top 10", "", ""},
	}
	for _, tt := range tests {
		f := &Framework{Title: tt.title, Version: tt.version}
		if got := f.VersionBeyondTitle(); got != tt.want {
			t.Errorf("%q %q: VersionBeyondTitle = %q, want %q", tt.title, tt.version, got, tt.want)
		}
	}
}
