package launch

import "testing"

// TestClassifyRootHomeForms checks the spellings of a home directory that
// the clients pass on or expand: Windows variable names in any case, and the
// ${env:…} forms Cursor and VS Code expand.
func TestClassifyRootHomeForms(t *testing.T) {
	tests := []struct {
		path   string
		broad  bool
		reason string
	}{
		{"%USERPROFILE%", true, BroadHome},
		{`%userprofile%\`, true, BroadHome},
		{"%UserProfile%", true, BroadHome},
		{"%HOMEDRIVE%%HOMEPATH%", true, BroadHome},
		{"${env:HOME}", true, BroadHome},
		{"${env:USERPROFILE}/", true, BroadHome},
		{"$env:USERPROFILE", true, BroadHome},
		{"${USERPROFILE}", true, BroadHome},
		{`C:\Users\x`, true, BroadHome},
		{`c:/users/x/`, true, BroadHome},
		{`C:\`, true, BroadDriveRoot},
		{"~/", true, BroadHome},
		{`%USERPROFILE%\Documents\notes`, false, ""},
		{"${env:HOME}/.ssh", true, BroadDotfiles},
		{"/srv/data", false, ""},
	}
	for _, tt := range tests {
		r := classifyRoot(tt.path)
		if r.Broad != tt.broad || r.Reason != tt.reason {
			t.Errorf("classifyRoot(%q) = broad %v reason %q, want %v %q", tt.path, r.Broad, r.Reason, tt.broad, tt.reason)
		}
	}
}
