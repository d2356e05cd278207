package diag

import (
	"errors"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

func TestCollector(t *testing.T) {
	var c Collector
	if c.Err() != nil {
		t.Fatal("an empty collector must give no error")
	}
	c.Addf("b.hcl", 7, "control %q: unknown risk %q", "MCP-X", "nope")
	c.Addf("a.hcl", 12, "second")
	c.Addf("a.hcl", 3, "first")
	c.Addf("a.hcl", 3, "first") // duplicates collapse
	had := c.AddDiags("control \"MCP-Y\"", hcl.Diagnostics{
		{Severity: hcl.DiagWarning, Summary: "ignored warning"},
		{Severity: hcl.DiagError, Summary: "Unsupported argument", Detail: "An argument named \"colour\" is not expected here.",
			Subject: &hcl.Range{Filename: "a.hcl", Start: hcl.Pos{Line: 5}}},
	})
	if !had {
		t.Error("AddDiags must report an error diagnostic")
	}
	err := c.Err()
	var list List
	if !errors.As(err, &list) {
		t.Fatalf("Err() = %T, want List", err)
	}
	want := "a.hcl:3: first\n" +
		"a.hcl:5: control \"MCP-Y\": Unsupported argument: An argument named \"colour\" is not expected here.\n" +
		"a.hcl:12: second\n" +
		"b.hcl:7: control \"MCP-X\": unknown risk \"nope\""
	if err.Error() != want {
		t.Errorf("Err() =\n%s\nwant\n%s", err, want)
	}
	if c.Len() != 5 {
		t.Errorf("Len() = %d, want 5 (duplicates are dropped only by Err)", c.Len())
	}
}

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "f.hcl", Line: 2, Message: "m"}, "f.hcl:2: m"},
		{Problem{File: "f.hcl", Message: "m"}, "f.hcl: m"},
		{Problem{Message: "m"}, "m"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.p, got, tt.want)
		}
	}
}
