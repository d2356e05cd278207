package words

import "testing"

func TestCounts(t *testing.T) {
	tests := []struct{ got, want string }{
		{Count(0, "file"), "0 files"},
		{Count(1, "file"), "1 file"},
		{Count(12, "file"), "12 files"},
		{Count(-1, "day"), "-1 days"},
		{Counted(1, "entry", "entries"), "1 entry"},
		{Counted(2, "entry", "entries"), "2 entries"},
		{Plural(1, "was", "were"), "was"},
		{Plural(3, "was", "were"), "were"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
