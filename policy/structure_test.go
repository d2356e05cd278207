package policy

import (
	"slices"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/evidence"
)

// requirementPolicy is a policy of one requirement r, declared on line 2.
func requirementPolicy(subject, when, check string) string {
	src := "package policy\nrequired: r: {\n\tdescription: \"d\"\n\tsubject: \"" + subject + "\"\n"
	if when != "" {
		src += "\twhen: {" + when + "}\n"
	}
	return src + "\tcheck: {" + check + "}\n}\n"
}

func TestRequirementsThatNoSubjectCanMeet(t *testing.T) {
	tests := []struct {
		name    string
		subject string
		when    string
		check   string
		want    []string
	}{
		{"value outside an enumeration", "server", "", `auth: kind: "oauht"`,
			[]string{`check asks for auth.kind: "oauht", but on server subjects it is "none" | "static-bearer" | "basic" | "api-key" | "reference" | "oauth" | "oauth-capable" | "mtls" | "local" (every server in scope would fail it)`}},
		{"a when of the wrong type selects nothing", "server", `remote: url: 5`, `transport: "stdio"`,
			[]string{`when asks for remote.url: 5, but on server subjects it is string (it applies to no server)`}},
		{"every element of a list", "workload", "", `images: [...{registry: 3}]`,
			[]string{`check asks for images[].registry: 3, but on workload subjects it is string (every workload in scope would fail it)`}},
		{"a scope that does not exist", "server", `scope: "projects"`, `auth: kind: "oauth"`,
			[]string{`when asks for scope: "projects", but on server subjects it is "user" | "project" | "local" | "managed" | "registry" | "bundle" | "gateway" (it applies to no server)`}},
		{"a number where the schema has a string", "gateway", "", `name: 3`,
			[]string{`check asks for name: 3, but on gateway subjects it is string`}},
		{"a bound on a string", "server", "", `launch: command: >5`,
			[]string{`check asks for launch.command: `}},
		{"two conflicts are both reported", "server", "", `transport: "websocket", disabled: "no"`,
			[]string{`check asks for disabled: "no", but on server subjects it is bool`, `check asks for transport: "websocket"`}},
		{"policy facts", "server", "", `policy: approval: "allowed"`,
			[]string{`check asks for policy.approval: "allowed", but on server subjects it is "approved" | "unapproved" | "denied"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(writePolicy(t, map[string]string{"p.cue": requirementPolicy(tt.subject, tt.when, tt.check)}))
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			for _, want := range tt.want {
				if !strings.Contains(msg, "p.cue:2: required.r: "+want) {
					t.Errorf("error lacks %q:\n%s", want, msg)
				}
			}
			if got := strings.Count(msg, "required.r:"); got != len(tt.want) {
				t.Errorf("%d problems, want %d:\n%s", got, len(tt.want), msg)
			}
		})
	}
}

func TestRequirementsEveryOrSomeSubjectCanMeet(t *testing.T) {
	for _, tt := range []struct{ subject, when, check string }{
		{"server", `scope: "project", remote: url: string`, `auth: kind: "oauth" | "oauth-capable"`},
		{"server", "", `launch: package: pinning: "exact" | "digest"`},
		{"server", "", `env: [string]: kind: !="literal-secret"`},
		{"server", "", `policy: requirements: [string]: "met"`},
		{"server", "", `linked: gateway: [...{authentication: required: true}]`},
		{"workload", "", `images: [...{registry: "registry.acme.internal"}]`},
		{"workload", "", `images: [...{pinned: true}]`},
		{"gateway", "", `listeners: [...{tls: true}]`},
	} {
		if _, err := Load(writePolicy(t, map[string]string{"p.cue": requirementPolicy(tt.subject, tt.when, tt.check)})); err != nil {
			t.Errorf("%s %s: %v", tt.subject, tt.check, err)
		}
	}
}

// TestBuiltinChecksFitTheSchema: every built-in control of a kind a
// requirement may judge is CUE some subject can satisfy, so the structural
// check does not reject the kind of CUE the catalog itself is written in.
func TestBuiltinChecksFitTheSchema(t *testing.T) {
	cat, err := controls.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	sh, err := newShapes()
	if err != nil {
		t.Fatal(err)
	}
	judged := 0
	for _, c := range cat.Controls {
		if !slices.Contains([]evidence.Kind{evidence.KindServer, evidence.KindGateway, evidence.KindWorkload}, c.Subject) {
			continue
		}
		for _, part := range []struct{ name, src string }{{"when", c.When}, {"check", c.Check}} {
			if part.src == "" {
				continue
			}
			judged++
			if got := sh.conflicts(string(c.Subject), part.name, part.src); len(got) > 0 {
				t.Errorf("%s %s: %q", c.ID, part.name, got)
			}
		}
	}
	if judged < 50 {
		t.Errorf("only %d snippets judged", judged)
	}
}
