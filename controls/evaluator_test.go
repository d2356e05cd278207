package controls

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestRunExamplesValid(t *testing.T) {
	cat := loadValid(t)
	results, err := RunExamples(cat)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 7 {
		t.Errorf("got %d example results, want 7 (manual controls have none)", len(results))
	}
	for _, r := range results {
		if !r.OK() {
			t.Errorf("%s %q (%s:%d): expected %s, got %s %v", r.Control, r.Example, r.File, r.Line, r.Expect, r.Got, r.Reasons)
		}
	}
	data, err := json.MarshalIndent(results, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "examples.golden.json", append(data, '\n'))
}

// TestRunExamplesBuiltin runs every example of the shipped catalog, as
// `tollgate controls test` does.
func TestRunExamplesBuiltin(t *testing.T) {
	assertBuiltinExamplesPass(t)
}

// assertBuiltinExamplesPass loads the built-in catalog and runs its examples.
func assertBuiltinExamplesPass(t *testing.T) {
	t.Helper()
	cat, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	results, err := RunExamples(cat)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if !r.OK() {
			t.Errorf("%s %q (%s:%d): expected %s, got %s %v", r.Control, r.Example, r.File, r.Line, r.Expect, r.Got, r.Reasons)
		}
	}
}

// TestRunExamplesDetectsWrongExpectation checks that a wrong expectation is
// reported rather than passing silently.
func TestRunExamplesDetectsWrongExpectation(t *testing.T) {
	cat := loadValid(t)
	c := *cat.Control("TEST-TLS-01")
	c.Examples = append([]Example(nil), c.Examples...)
	c.Examples[0].Expect = ExpectPass // an http remote really fails
	results, err := RunExamples(&Catalog{Controls: []*Control{&c}})
	if err != nil {
		t.Fatal(err)
	}
	if results[0].OK() || results[0].Got != ResultFail {
		t.Errorf("result = %+v, want a mismatch with got=fail", results[0])
	}
}

// TestProjectionKeepsOutcomes evaluates every example of the shipped and the
// test catalog with and without projection and requires identical outcomes.
func TestProjectionKeepsOutcomes(t *testing.T) {
	builtin, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, cat := range []*Catalog{builtin, loadValid(t)} {
		plan, err := NewPlan(cat)
		if err != nil {
			t.Fatal(err)
		}
		projected, whole := plan.NewEvaluator(), plan.NewEvaluator()
		whole.SetProjection(false)
		for i, c := range cat.Controls {
			for _, ctl := range cat.Controls { // every control's examples against every control
				for _, ex := range ctl.Examples {
					s, err := ExampleSubject(c, ex)
					if err != nil {
						t.Fatal(err)
					}
					a, b := projected.Evaluate(i, s), whole.Evaluate(i, s)
					if !reflect.DeepEqual(a, b) {
						t.Errorf("%s on %s/%q: projected %+v, whole %+v", c.ID, ctl.ID, ex.Name, a, b)
					}
				}
			}
		}
	}
}

func TestMemoisation(t *testing.T) {
	cat := loadValid(t)
	plan, err := NewPlan(cat)
	if err != nil {
		t.Fatal(err)
	}
	ev := plan.NewEvaluator()
	i := 0 // TEST-GOV-01 (manual) sorts first
	for cat.Controls[i].ID != "TEST-SECRETS-01" {
		i++
	}
	mk := func(name string, secret bool) map[string]any {
		s, err := DecodeJSON([]byte(`{"kind":"server","ignored":false,"name":"` + name + `","env":{"T":{"kind":"x","secret":` + map[bool]string{true: "true", false: "false"}[secret] + `}}}`))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, name := range []string{"a", "b", "c"} {
		if got := ev.Evaluate(i, mk(name, true)).Result; got != ResultFail {
			t.Errorf("%s: %s, want fail", name, got)
		}
	}
	if got := ev.Evaluate(i, mk("d", false)).Result; got != ResultPass {
		t.Errorf("pass case: %s", got)
	}
	if st := ev.Stats(); st.Misses != 2 || st.Hits != 2 {
		t.Errorf("stats = %+v, want 2 misses (one per distinct projection) and 2 hits", st)
	}
}

func TestReasonsHideValues(t *testing.T) {
	cat := &Catalog{Controls: []*Control{{
		ID: "T-1", Subject: "server", Check: "env: [string]: text: =~\"^\\\\$\"\nremote: true", Message: "{{.control}} {{.failing}} at {{.location}}",
	}}}
	plan, err := NewPlan(cat)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := DecodeJSON([]byte(`{"kind":"server","provenance":{"file":"a/.mcp.json","line":4},
		"env":{"K":{"kind":"literal-secret","text":"[REDACTED:sk-…(51)]","fingerprint":"abcdef012345"}},"remote":{"url":"http://x"}}`))
	o := plan.NewEvaluator().Evaluate(0, s)
	if o.Result != ResultFail {
		t.Fatalf("result %s", o.Result)
	}
	all, _ := json.Marshal(o.Reasons)
	for _, leak := range []string{"REDACTED", "sk-", "abcdef", "http://x"} {
		if strings.Contains(string(all), leak) {
			t.Errorf("reasons reveal %q: %s", leak, all)
		}
	}
	want := []Reason{
		{Path: "env.K.text", Detail: "the value does not satisfy the check (value not shown)"},
		{Path: "remote", Detail: "is {…}; the check requires true"},
	}
	if !reflect.DeepEqual(o.Reasons, want) {
		t.Errorf("reasons = %+v\nwant %+v", o.Reasons, want)
	}
	if msg := plan.Message(0, s, o.Reasons); msg != "T-1 env.K, remote at a/.mcp.json:4" {
		t.Errorf("message = %q", msg)
	}
}

// TestAnonymousKeysExpand checks that reasons found through placeholder
// keys name every real key they stand for, and that key names do not split
// the memo.
func TestAnonymousKeysExpand(t *testing.T) {
	cat := &Catalog{Controls: []*Control{{ID: "T-1", Subject: "server", Check: `env: [string]: kind: !="literal-secret"`, Message: "{{.failing}}"}}}
	plan, err := NewPlan(cat)
	if err != nil {
		t.Fatal(err)
	}
	ev := plan.NewEvaluator()
	a, _ := DecodeJSON([]byte(`{"kind":"server","env":{"TOKEN":{"kind":"literal-secret"},"KEY":{"kind":"literal-secret"},"HOME":{"kind":"literal"}}}`))
	b, _ := DecodeJSON([]byte(`{"kind":"server","env":{"X":{"kind":"literal-secret"},"Y":{"kind":"literal"}}}`))
	oa, ob := ev.Evaluate(0, a), ev.Evaluate(0, b)
	want := []Reason{
		{Path: "env.KEY.kind", Detail: `is "literal-secret", which the check does not allow`},
		{Path: "env.TOKEN.kind", Detail: `is "literal-secret", which the check does not allow`},
	}
	if !reflect.DeepEqual(oa.Reasons, want) {
		t.Errorf("reasons = %+v\nwant %+v", oa.Reasons, want)
	}
	if len(ob.Reasons) != 1 || ob.Reasons[0].Path != "env.X.kind" {
		t.Errorf("second subject reasons = %+v", ob.Reasons)
	}
	if st := ev.Stats(); st.Misses != 1 || st.Hits != 1 {
		t.Errorf("stats = %+v, want one miss and one hit", st)
	}
	if msg := plan.Message(0, a, oa.Reasons); msg != "env.KEY, env.TOKEN" {
		t.Errorf("message = %q", msg)
	}
}

func TestIncompleteCheckFails(t *testing.T) {
	cat := &Catalog{Controls: []*Control{{ID: "T-1", Subject: "server", When: "remote: url: string", Check: "auth: kind: string", Message: "m"}}}
	plan, err := NewPlan(cat)
	if err != nil {
		t.Fatal(err)
	}
	ev := plan.NewEvaluator()
	remote, _ := DecodeJSON([]byte(`{"kind":"server","remote":{"url":"https://a"}}`))
	stdio, _ := DecodeJSON([]byte(`{"kind":"server","launch":{"command":"npx"}}`))
	o := ev.Evaluate(0, remote)
	if o.Result != ResultFail || len(o.Reasons) != 1 || o.Reasons[0].Detail != "missing: the check requires text" {
		t.Errorf("remote: %+v", o)
	}
	if o := ev.Evaluate(0, stdio); o.Result != ResultNotApplicable {
		t.Errorf("stdio (when incomplete): %+v", o)
	}
}

// TestNumberKinds checks that subjects reach CUE with JSON's number kinds:
// integers as int, decimals as float.
func TestNumberKinds(t *testing.T) {
	tests := []struct {
		check, subject, want string
	}{
		{"port: int", `{"kind":"server","port":8080}`, ResultPass},
		{"port: int & <1024", `{"kind":"server","port":8080}`, ResultFail},
		{"ratio: float", `{"kind":"server","ratio":0.5}`, ResultPass},
		{"ratio: int", `{"kind":"server","ratio":0.5}`, ResultFail},
		{"big: number", `{"kind":"server","big":1e400}`, ResultPass},
	}
	for _, tt := range tests {
		cat := &Catalog{Controls: []*Control{{ID: "T-1", Subject: "server", Check: tt.check, Message: "m"}}}
		plan, err := NewPlan(cat)
		if err != nil {
			t.Fatal(err)
		}
		s, err := DecodeJSON([]byte(tt.subject))
		if err != nil {
			t.Fatal(err)
		}
		if got := plan.NewEvaluator().Evaluate(0, s); got.Result != tt.want {
			t.Errorf("%s on %s: %+v, want %s", tt.check, tt.subject, got, tt.want)
		}
	}
}

// TestBuiltinMessages checks messages of the shipped catalog that people act
// on: they must carry what the subject says, not just a status word.
func TestBuiltinMessages(t *testing.T) {
	cat, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	results, err := RunExamples(cat)
	if err != nil {
		t.Fatal(err)
	}
	want := map[[2]string]string{
		{"MCP-CONFIG-01", "malformed JSON fails"}: "agentgateway.yaml (agentgateway/config.yaml) could not be read as a valid configuration (parse-error): line 12: mapping values are not allowed in this context",
		{"MCP-CONFIG-01", "wrong shape fails"}:    "server.json (mcp-registry/server.json) could not be read as a valid configuration (schema-error)",
	}
	for _, r := range results {
		if w, ok := want[[2]string{r.Control, r.Example}]; ok {
			if r.Message != w {
				t.Errorf("%s %q: message %q, want %q", r.Control, r.Example, r.Message, w)
			}
			delete(want, [2]string{r.Control, r.Example})
		}
	}
	for k := range want {
		t.Errorf("no example %s %q", k[0], k[1])
	}
}
