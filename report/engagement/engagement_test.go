package engagement

import "testing"

// TestDescribeCountsDays: the remediation policy reads in words, a deadline
// of one day in the singular.
func TestDescribeCountsDays(t *testing.T) {
	tests := []struct {
		days map[string]int
		want string
	}{
		{map[string]int{"critical": 1, "high": 30}, "Remediation deadlines from detection: critical 1 day, high 30 days."},
		{map[string]int{"low": 180}, "Remediation deadlines from detection: low 180 days."},
		{nil, "No remediation deadlines are set."},
	}
	for _, tt := range tests {
		if got := (Policy{Days: tt.days}).Describe(); got != tt.want {
			t.Errorf("Describe(%v) = %q, want %q", tt.days, got, tt.want)
		}
	}
}
