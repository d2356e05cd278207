package controls

import (
	"reflect"
	"testing"
)

func TestObservedPaths(t *testing.T) {
	tests := []snippetTest{
		{"empty", ``, `{}`},
		{"field", `disabled: false`, `{disabled:*}`},
		{"nested", "remote: scheme: \"https\"\nremote: port?: int", `{remote:{port:*,scheme:*}}`},
		{"pattern", `env: [string]: secret: false`, `{env:{[_]:{secret:*}}}`},
		{"pattern and field merge", "env: [string]: secret: false\nenv: HOME: kind: string", `{env:{HOME:{kind:*,secret:*},[_]:{secret:*}}}`},
		{"regexp pattern", `env: [=~"^GH"]: kind: "env-reference"`, `{env:{[re]:{kind:*}}}`},
		{"regexp and any-key pattern", "env: [=~\"^GH\"]: kind: string\nenv: [string]: secret: bool", `{env:{[re]:{kind:*,secret:*}}}`},
		{"disjunction of structs", `env: [string]: {secret: false} | {kind: "env-reference"}`, `{env:{[_]:{kind:*,secret:*}}}`},
		{"conjunction", `remote: {scheme: "https"} & {loopback: false}`, `{remote:{loopback:*,scheme:*}}`},
		{"default marker", `approvals: *{mode: "ask"} | {mode: "never"}`, `{approvals:{mode:*}}`},
		{"quoted label", `"auto-approve": false`, `{auto-approve:*}`},
		{"open list constraint observes its elements", `filesystem_roots: [...{broad: false}]`, `{filesystem_roots:[...{broad:*}]}`},
		{"open list of lists", `a: [...[...{b: 1}]]`, `{a:[...[...{b:*}]]}`},
		{"open list in when and check merge", "containers?: [...{privileged: false}]\ncontainers?: [...{name: string}]", `{containers:[...{name:*,privileged:*}]}`},
		{"list and struct constraints keep subtree", "a: [...{b: 1}]\na: c: 1", `{a:*}`},
		{"open list of a type keeps elements", `args: [...string]`, `{args:[...*]}`},
		{"list with fixed elements observes its elements", `args: ["-y", ...string]`, `{args:[...*]}`},
		{"open list of anything observes its elements", `args: [...]`, `{args:[...*]}`},
		{"empty closed list in a check keeps subtree", `rules: []`, `{rules:*}`},
		{"type in a check keeps subtree", `remote: url: string`, `{remote:{url:*}}`},
		{"bound keeps subtree", `launch: args: !~"curl"`, `{launch:{args:*}}`},
		{"close keeps subtree", `remote: close({scheme: string})`, `{remote:*}`},
		{"pure definition keeps subtree", "#Ref: {kind: \"env-reference\"}\nenv: [string]: #Ref", `{env:{[_]:*}}`},
		{"import call keeps subtree", "import \"strings\"\nname: strings.HasPrefix(\"mcp-\")", `{name:*}`},
		{"reference to a field is the whole subject", `remote: port: launch.port`, `<subject>`},
		{"impure definition is the whole subject", "#P: remote.port\nlaunch: port: #P", `<subject>`},
		{"comprehension over an undeclared field is the whole subject", `if disabled { ignored: true }`, `<subject>`},
		{"top-level let and comprehension observe what they select",
			"linked: gateway: *[] | [...]\nlet open = [for g in linked.gateway if g.authentication.mode == \"none\" {g}]\nif len(open) == 0 {\n  auth: kind: !=\"none\"\n}",
			`{auth:{kind:*},linked:{gateway:*}}`},
		{"top-level condition on a declared field", "disabled: bool\nif disabled { ignored: true }", `{disabled:*,ignored:*}`},
		{"top-level for over a declared field", "env: [string]: _\nfor k, v in env { (k): _ }", `<subject>`},
		{"reference in a comprehension body is the whole subject", "a: int\nif a > 1 { b: a }", `<subject>`},
		{"let over a hidden impure field is the whole subject", "_x: remote.port\nremote: port: int\nlet y = _x\nif y > 1 { b: 1 }", `<subject>`},
		{"let is the whole subject", "let x = 1\nport: x", `<subject>`},
		{"alias is the whole subject", `remote: R=scheme: "https"`, `<subject>`},
		{"dynamic label is the whole subject", `(name): true`, `<subject>`},
		{"open struct", `env: {HOME: kind: string, ...}`, `{env:{HOME:{kind:*}}}`},
		{"hidden field skipped", "_x: 1\ndisabled: false", `{disabled:*}`},
	}
	testPaths(t, snippetPaths, tests)
}

// snippetTest is a snippet and what a test expects of it.
type snippetTest struct{ name, src, want string }

// testPaths checks the paths analyse finds in each snippet.
func testPaths(t *testing.T, analyse func(string) (*pathNode, error), tests []snippetTest) {
	t.Helper()
	testSnippets(t, analyse, (*pathNode).String, tests)
}

// testProjections checks the projection of subject onto the paths analyse
// finds in each snippet.
func testProjections(t *testing.T, analyse func(string) (*pathNode, error), subject map[string]any, tests []snippetTest) {
	t.Helper()
	testSnippets(t, analyse, func(n *pathNode) string {
		var p projector
		p.project(subject, n)
		return string(p.buf)
	}, tests)
}

// testSnippets checks what show makes of the paths analyse finds in each
// snippet.
func testSnippets(t *testing.T, analyse func(string) (*pathNode, error), show func(*pathNode) string, tests []snippetTest) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := analyse(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if got := show(n); got != tt.want {
				t.Errorf("%s =\n%s\nwant\n%s", tt.src, got, tt.want)
			}
		})
	}
}

// TestWhenObservedPaths checks the paths a when observes, where a path
// constrained by a type alone observes only the value's kind.
func TestWhenObservedPaths(t *testing.T) {
	tests := []snippetTest{
		{"type", `remote: url: string`, `{remote:{url:kind}}`},
		{"top", `env: _`, `{env:kind}`},
		{"non-empty list", `images: [_, ...]`, `{images:[...kind]}`},
		{"empty list", `rbac: rules?: []`, `{rbac:{rules:[...kind]}}`},
		{"bounded type judges the value", `port: uint8`, `{port:*}`},
		{"type and bound judge the value", `host: string & !=""`, `{host:*}`},
		{"value", `transport: "sse" | "streamable-http"`, `{transport:*}`},
		{"kind and more merge to more", "remote: url: string\nremote: url: =~\"^https\"", `{remote:{url:*}}`},
		{"kind and fields merge to fields", "auth: string | {kind: string}", `{auth:{kind:kind}}`},
		{"field named like a type is data", "string: 1\nx: string", `{string:*,x:*}`},
	}
	testPaths(t, whenSnippetPaths, tests)
}

// TestWhenProjection checks the stand-ins a when's projection writes for
// values observed by kind alone.
func TestWhenProjection(t *testing.T) {
	subject, err := DecodeJSON([]byte(`{"kind":"server","name":"gh","disabled":true,"port":8080,"ratio":0.5,
		"env":{"A":{"secret":true}},"launch":{"args":["-y","pkg"]},"remote":null}`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []snippetTest{
		{"string", `name: string`, `{"name":""}`},
		{"bool", `disabled: bool`, `{"disabled":false}`},
		{"numbers as they are", "port: int\nratio: number", `{"port":8080,"ratio":0.5}`},
		{"object", `env: _`, `{"env":{}}`},
		{"list elements", `launch: args: [_, ...]`, `{"launch":{"args":["",""]}}`},
		{"null", `remote: _`, `{"remote":null}`},
		{"absent", `auth: string`, `{}`},
	}
	testProjections(t, whenSnippetPaths, subject, tests)
}

func TestAppendProjection(t *testing.T) {
	subject, err := DecodeJSON([]byte(`{"kind":"server","name":"gh","disabled":false,"port":8080,"ratio":0.5,
		"env":{"B":{"kind":"literal","secret":false,"text":"x"},"A":{"kind":"literal-secret","secret":true}},
		"launch":{"args":["-y","pkg"],"command":"npx"},"remote":null,"note":"a\"b\u00e9",
		"containers":[{"name":"a","privileged":true},{"name":"b"},"x"]}`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []snippetTest{
		{"whole", `port: launch.port`, `{"containers":[{"name":"a","privileged":true},{"name":"b"},"x"],"disabled":false,"env":{"A":{"kind":"literal-secret","secret":true},"B":{"kind":"literal","secret":false,"text":"x"}},"kind":"server","launch":{"args":["-y","pkg"],"command":"npx"},"name":"gh","note":"a\"bé","port":8080,"ratio":0.5,"remote":null}`},
		{"any-key pattern anonymises keys", `env: [string]: secret: false`, `{"env":{"~~0":{"secret":false},"~~1":{"secret":true}}}`},
		{"any-key pattern keeps each value once", `env: [string]: launch: _`, `{"env":{"~~0":{}}}`},
		{"regexp pattern keeps keys", `env: [=~"^[AB]$"]: secret: false`, `{"env":{"A":{"secret":true},"B":{"secret":false}}}`},
		{"named field keeps keys", "env: [string]: secret: false\nenv: A: kind: string", `{"env":{"A":{"kind":"literal-secret","secret":true},"B":{"secret":false}}}`},
		{"present but unobserved children", `launch: runner: "npx"`, `{"launch":{}}`},
		{"absent field omitted", `auth: kind: "oauth"`, `{}`},
		{"non-struct value kept", `remote: scheme: "https"`, `{"remote":null}`},
		{"numbers keep their form", "port: int\nratio: float", `{"port":8080,"ratio":0.5}`},
		{"open list projects each element", `containers: [...{privileged: false}]`, `{"containers":[{"privileged":true},{},"x"]}`},
		{"open list constraint on a non-list", `remote: [...{a: 1}]`, `{"remote":null}`},
	}
	testProjections(t, snippetPaths, subject, tests)
}

// TestBuiltinControlsAreProjected guards fleet-scale evaluation: a control
// whose CUE observes the whole subject is evaluated anew for every subject,
// since no two subjects are equal, which costs seconds on a fleet of tens of
// thousands. References belong at the top level of a snippet (let clauses,
// if and for comprehensions over fields the snippet declares), where the
// paths they select are known.
func TestBuiltinControlsAreProjected(t *testing.T) {
	cat, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewPlan(cat)
	if err != nil {
		t.Fatal(err)
	}
	for i := range p.Len() {
		if c := p.Control(i); c.Evaluable() && p.Observes(i) == "<subject>" {
			t.Errorf("%s (%s:%d) observes the whole subject", c.ID, c.File, c.Line)
		}
	}
}

// TestAnonymousProjectionGroupsKeys checks that a map projected under
// placeholders keeps each distinct value once, in the order of the values'
// projections, and that each placeholder stands for its keys in order, so
// reasons about a placeholder expand to every key behind it; also for two
// such maps in one subject and for a projector reused.
func TestAnonymousProjectionGroupsKeys(t *testing.T) {
	subject, err := DecodeJSON([]byte(`{"env":{"C":{"secret":true},"A":{"secret":true},"B":{"secret":false},"D":{"secret":true}},
		"headers":{"X":{"secret":false},"Y":{"secret":false}}}`))
	if err != nil {
		t.Fatal(err)
	}
	n, err := snippetPaths("env: [string]: secret: false\nheaders: [string]: secret: false")
	if err != nil {
		t.Fatal(err)
	}
	var p projector
	for range 2 {
		p.project(subject, normalize(n))
		if want := `{"env":{"~~0":{"secret":false},"~~1":{"secret":true}},"headers":{"~~2":{"secret":false}}}`; string(p.buf) != want {
			t.Fatalf("projection %s, want %s", p.buf, want)
		}
		if want := [][]string{{"B"}, {"A", "C", "D"}, {"X", "Y"}}; !reflect.DeepEqual(p.anon, want) {
			t.Errorf("placeholders stand for %q, want %q", p.anon, want)
		}
		got := p.expand([]Reason{{Path: "env.~~1.secret", Detail: "d"}, {Path: "headers.~~2", Detail: "e"}})
		want := []Reason{{"env.A.secret", "d"}, {"env.C.secret", "d"}, {"env.D.secret", "d"}, {"headers.X", "e"}, {"headers.Y", "e"}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("expanded reasons %v, want %v", got, want)
		}
	}
}
