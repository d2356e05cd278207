package controls

import (
	"strings"
	"testing"
)

// TestReasonsAreWords: a failure reads as what the subject holds and what
// the check requires, never as CUE's own error text (conflicting values,
// out of bound), which an auditor cannot read.
func TestReasonsAreWords(t *testing.T) {
	tests := []struct {
		name, check, subject, path, want string
	}{
		{"scheme", `remote: scheme: "https"`, `{"kind":"server","remote":{"scheme":"http"}}`,
			"remote.scheme", `is "http"; the check requires "https"`},
		{"flag", `launch: auto_install: false`, `{"kind":"server","launch":{"auto_install":true}}`,
			"launch.auto_install", `is true; the check requires false`},
		{"one of", `env: [string]: kind: "env-reference" | "input-reference"`, `{"kind":"server","env":{"T":{"kind":"literal-secret"}}}`,
			"env.T.kind", `is "literal-secret"; the check requires one of "env-reference", "input-reference"`},
		{"not equal", `auth: kind: !="static-bearer"`, `{"kind":"server","auth":{"kind":"static-bearer"}}`,
			"auth.kind", `is "static-bearer", which the check does not allow`},
		{"forbidden pattern", `remote: path: !~"(^|/)sse/?$"`, `{"kind":"server","remote":{"path":"/mcp/sse"}}`,
			"remote.path", `is "/mcp/sse", which matches a pattern the check forbids: "(^|/)sse/?$"`},
		{"required pattern", `name: =~"^io\\."`, `{"kind":"server","name":"weather"}`,
			"name", `is "weather", which does not match the pattern the check requires: "^io\\."`},
		{"bound", `port: >=1024`, `{"kind":"server","port":80}`,
			"port", `is 80; the check requires at least 1024`},
		{"empty list", `unknown_keys: []`, `{"kind":"server","unknown_keys":["a","b"]}`,
			"unknown_keys", `has 2 entries; the check requires no entries`},
		{"one entry", `args: [string]`, `{"kind":"server","args":[]}`,
			"args", `has no entries; the check requires 1 entry`},
		{"missing pattern", `auth: probed: =~"^required$"`, `{"kind":"server","auth":{}}`,
			"auth.probed", `missing: the check requires a value matching the pattern "^required$"`},
		{"missing entry", `services: [...{source_ranges: [_, ...]}]`, `{"kind":"server","services":[{}]}`,
			"services.0.source_ranges.0", `missing: the check requires a value`},
		{"missing text", `name: string`, `{"kind":"server"}`,
			"name", `missing: the check requires text`},
		{"missing bounded number", `port: >=1024 & <=65535`, `{"kind":"server"}`,
			"port", `missing: the check requires at least 1024 and at most 65535`},
		{"entry of a list allowed empty", `linked: gateway: *[] | [...{mode: !="none"}]`, `{"kind":"server","linked":{"gateway":[{"mode":"none"}]}}`,
			"linked.gateway.0.mode", `is "none", which the check does not allow`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cat := &Catalog{Controls: []*Control{{ID: "T-1", Subject: "server", Check: tt.check, Message: "m"}}}
			plan, err := NewPlan(cat)
			if err != nil {
				t.Fatal(err)
			}
			s, err := DecodeJSON([]byte(tt.subject))
			if err != nil {
				t.Fatal(err)
			}
			o := plan.NewEvaluator().Evaluate(0, s)
			if o.Result != ResultFail {
				t.Fatalf("result %s", o.Result)
			}
			var got string
			for _, r := range o.Reasons {
				if r.Path == tt.path {
					got = r.Detail
				}
				for _, raw := range []string{"conflicting values", "out of bound", "invalid value", "mismatched types", "incompatible list lengths", "%!", "requires _", "=~", "!~"} {
					if strings.Contains(r.Detail, raw) {
						t.Errorf("reason %s: %q is CUE's text", r.Path, r.Detail)
					}
				}
			}
			if got != tt.want {
				t.Errorf("reason at %s = %q, want %q (all: %+v)", tt.path, got, tt.want, o.Reasons)
			}
		})
	}
}

// TestListLengthBesideEntryReason: where a check allows an empty list or
// entries of a form, a failing entry is the reason given, not the list's
// length, which the check allows too.
func TestListLengthBesideEntryReason(t *testing.T) {
	cat := &Catalog{Controls: []*Control{{ID: "T-1", Subject: "server", Check: `linked: gateway: *[] | [...{mode: !="none"}]`, Message: "m"}}}
	plan, err := NewPlan(cat)
	if err != nil {
		t.Fatal(err)
	}
	s, err := DecodeJSON([]byte(`{"kind":"server","linked":{"gateway":[{"mode":"none"}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	o := plan.NewEvaluator().Evaluate(0, s)
	if o.Result != ResultFail {
		t.Fatalf("result %s", o.Result)
	}
	for _, r := range o.Reasons {
		if r.Path == "linked.gateway" {
			t.Errorf("reason at the list itself: %+v (all: %+v)", r, o.Reasons)
		}
	}
}
