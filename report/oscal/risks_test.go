package oscal

import (
	"testing"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

func TestRiskStatement(t *testing.T) {
	ctl := &controls.Control{ID: "MCP-AUTH-01", Title: "Remote servers require authentication"}
	for _, tc := range []struct {
		name, message, subject, location, want string
		reasons                                []assess.Reason
	}{
		{name: "message", message: "api has no auth", subject: "api", location: "a.json:3",
			want: "api has no auth\nDeclared at a.json:3."},
		{name: "no message", message: " ", subject: "api",
			want: "api fails MCP-AUTH-01: Remote servers require authentication"},
		{name: "no message, no name", subject: "", location: "b.json:1",
			want: "server:b.json#x fails MCP-AUTH-01: Remote servers require authentication\nDeclared at b.json:1."},
		{name: "reasons", message: "m", subject: "api", reasons: []assess.Reason{{Detail: "r1"}, {Path: "env.T", Detail: "r2"}},
			want: "m\n- r1\n- env.T: r2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := view.Finding{
				Control:  ctl,
				Eval:     &assess.Evaluation{Message: tc.message, Reasons: tc.reasons},
				Subject:  &evidence.Meta{ID: "server:b.json#x", Name: tc.subject},
				Location: tc.location,
			}
			if got := (&builder{}).riskStatement(f); got != tc.want {
				t.Errorf("riskStatement = %q, want %q", got, tc.want)
			}
		})
	}
}
