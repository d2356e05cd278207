package controls

import (
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
)

func TestUnknownFields(t *testing.T) {
	tests := []struct {
		name string
		kind evidence.Kind
		src  string
		// want is the problems, one per line ("" for none).
		want string
	}{
		{"known fields", evidence.KindServer, "ignored: false\nremote: scheme: \"https\"\nlaunch: package: pinned: true", ""},
		{"optional markers", evidence.KindServer, `launch?: package?: pinned!: true`, ""},
		{"misspelt nested field", evidence.KindServer, `launch: pakage: pinned: true`,
			"launch.pakage, which server subjects do not have (did you mean launch.package?)"},
		{"transposed letters", evidence.KindServer, `remote: shceme: "https"`,
			"remote.shceme, which server subjects do not have (did you mean remote.scheme?)"},
		{"nothing below a missing field", evidence.KindServer, `launch: pakage: pinnd: true`,
			"launch.pakage, which server subjects do not have (did you mean launch.package?)"},
		{"case differs", evidence.KindServer, `Disabled: false`,
			"Disabled, which server subjects do not have (did you mean disabled?)"},
		{"no close sibling", evidence.KindServer, `frobnicate: true`,
			"frobnicate, which server subjects do not have"},
		{"field below a scalar", evidence.KindServer, `remote: scheme: value: "https"`,
			"remote.scheme.value, which server subjects do not have"},
		{"every problem, sorted", evidence.KindServer, "remote: hots: string\nauth: knd: \"none\"",
			"auth.knd, which server subjects do not have (did you mean auth.kind?)\n" +
				"remote.hots, which server subjects do not have (did you mean remote.host?)"},
		{"map key is any name", evidence.KindServer, `env: GITHUB_TOKEN: kind: "env-reference"`, ""},
		{"map value field misspelt", evidence.KindServer, `env: GITHUB_TOKEN: knd: "env-reference"`,
			"env.GITHUB_TOKEN.knd, which server subjects do not have (did you mean env.GITHUB_TOKEN.kind?)"},
		{"any-key pattern", evidence.KindServer, `env: [string]: secret: false`, ""},
		{"any-key pattern misspelt", evidence.KindServer, `remote: headers: [string]: secert: false`,
			"remote.headers.*.secert, which server subjects do not have (did you mean remote.headers.*.secret?)"},
		{"regexp pattern", evidence.KindServer, `launch: container: env: [=~"TOKEN"]: kind: !="literal-secret"`, ""},
		{"pattern over a struct's fields", evidence.KindServer, `remote: [string]: kind: string`, ""},
		{"pattern over a struct's fields misspelt", evidence.KindServer, `launch: [string]: imgae: string`,
			"launch.*.imgae, which server subjects do not have (did you mean launch.*.image?)"},
		{"list constraint", evidence.KindServer, `filesystem_roots: [...{brod: false}]`, ""},
		{"element field named on a list", evidence.KindServer, `filesystem_roots: broad: false`,
			"filesystem_roots.broad, which server subjects do not have (filesystem_roots is a list: constrain its elements with [...{broad: …}])"},
		{"linked subjects", evidence.KindServer, `linked!: gateway!: [...{authentication: mode: "required"}]`, ""},
		{"linked kind misspelt", evidence.KindServer, `linked: gatway: [...]`,
			"linked.gatway, which server subjects do not have (did you mean linked.gateway?)"},
		{"open struct", evidence.KindTool, `annotations: readOnlyHint: true`, ""},
		{"tool field misspelt", evidence.KindTool, `locked_sha265: string`,
			"locked_sha265, which tool subjects do not have (did you mean locked_sha256?)"},
		{"gateway", evidence.KindGateway, "authentication: mode: \"required\"\nlisteners: [...{tls: true}]", ""},
		{"gateway field misspelt", evidence.KindGateway, `token_passtrough: false`,
			"token_passtrough, which gateway subjects do not have (did you mean token_passthrough?)"},
		{"another kind's field", evidence.KindSource, `remote: scheme: "https"`,
			"remote, which source subjects do not have"},
		{"workload", evidence.KindWorkload, `automount_tokens: true`,
			"automount_tokens, which workload subjects do not have (did you mean automount_token?)"},
		{"endpoint", evidence.KindEndpoint, `tls_verifed: true`,
			"tls_verifed, which endpoint subjects do not have (did you mean tls_verified?)"},
		{"definitions and hidden fields skipped", evidence.KindServer, "#Kind: \"none\"\n_x: 1\nauth: kind: !=#Kind", ""},
		{"comprehension body checked", evidence.KindServer, "if true { nope: 1 }\ndisabled: false",
			"nope, which server subjects do not have"},
		{"partly analysable", evidence.KindServer, "let s = \"https\"\nremote: shceme: s",
			"remote.shceme, which server subjects do not have (did you mean remote.scheme?)"},
		{"references are not field names", evidence.KindServer, `remote: port: launch.prot`, ""},
	}
	schemas, err := subjectSchemas()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, _, err := namedPaths(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, u := range unknownFields(n, schemas[tt.kind]) {
				got = append(got, u.describe(tt.kind))
			}
			if g := strings.Join(got, "\n"); g != tt.want {
				t.Errorf("problems =\n%s\nwant\n%s", g, tt.want)
			}
		})
	}
}

func TestClosestName(t *testing.T) {
	names := []string{"kind", "package", "scheme", "secret", "url"}
	tests := []struct{ name, want string }{
		{"pakage", "package"},
		{"shceme", "scheme"},
		{"packgae", "package"},
		{"knd", "kind"},
		{"uri", "url"},
		{"URL", "url"},
		{"ur", "url"},
		{"sceret", "secret"},
		{"pack", ""},
		{"x", ""},
		{"version", ""},
	}
	for _, tt := range tests {
		if got := closestName(tt.name, names); got != tt.want {
			t.Errorf("closestName(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestSchemasCoverEveryKind checks that every subject kind has a schema
// and that each admits the field the engine adds.
func TestSchemasCoverEveryKind(t *testing.T) {
	schemas, err := subjectSchemas()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range evidence.Kinds {
		s := schemas[k]
		if s == nil {
			t.Errorf("no schema for %s", k)
			continue
		}
		for _, f := range []string{"kind", "id", "name", "provenance", "links", linkedField} {
			if s.child(f) == nil {
				t.Errorf("%s schema has no %s", k, f)
			}
		}
	}
}
