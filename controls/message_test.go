package controls

import (
	"strings"
	"testing"
	"text/template/parse"
)

// TestMessagesPrintNoListsOrObjects: a message or credit template of the
// shipped catalog never prints a list or an object field as it is, which
// text/template writes in Go's syntax ([a b c], map[k:v]); a list is
// written with join or range. The fields are resolved against the evidence
// schema, inside range and with blocks too.
func TestMessagesPrintNoListsOrObjects(t *testing.T) {
	cat, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := subjectSchemas()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cat.Controls {
		for _, tm := range []struct{ name, text string }{{"message", c.Message}, {"credit", c.Credit}} {
			if tm.text == "" {
				continue
			}
			tmpl, err := newTemplate(c.ID, tm.text)
			if err != nil {
				t.Fatalf("%s %s: %v", c.ID, tm.name, err)
			}
			for _, field := range printedComposites(tmpl.Root, schemas[c.Subject]) {
				t.Errorf("%s %s prints {{%s}}, a list or an object: Go's syntax reaches the report (use join, or range)", c.ID, tm.name, field)
			}
		}
	}
}

// TestJoin: join writes a list's entries for people, separated by commas
// or the separator given, and anything else as text.
func TestJoin(t *testing.T) {
	join := templateFuncs["join"].(func(any, ...string) string)
	tests := []struct {
		in   any
		sep  []string
		want string
	}{
		{[]any{"delete_contact", "export_contacts"}, nil, "delete_contact, export_contacts"},
		{[]any{"kubernetes/*"}, nil, "kubernetes/*"},
		{[]any{"name is not a reverse-DNS namespace", "packages[0]: unknown key"}, []string{"; "}, "name is not a reverse-DNS namespace; packages[0]: unknown key"},
		{[]any{}, nil, ""},
		{[]string{"a", "b"}, nil, "a, b"},
		{"one", nil, "one"},
		{nil, nil, ""},
	}
	for _, tt := range tests {
		if got := join(tt.in, tt.sep...); got != tt.want {
			t.Errorf("join(%#v, %q) = %q, want %q", tt.in, tt.sep, got, tt.want)
		}
	}
}

// printedComposites returns the fields an action of the template tree
// prints directly whose schema is a list or an object. dot is the schema
// of the template's dot; nil where it is not known.
func printedComposites(list *parse.ListNode, dot *schemaNode) []string {
	if list == nil {
		return nil
	}
	var out []string
	for _, n := range list.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			if len(n.Pipe.Decl) > 0 || len(n.Pipe.Cmds) != 1 || len(n.Pipe.Cmds[0].Args) != 1 {
				continue
			}
			if f, ok := n.Pipe.Cmds[0].Args[0].(*parse.FieldNode); ok {
				if s := resolveField(dot, f.Ident); s != nil && composite(s) {
					out = append(out, "."+strings.Join(f.Ident, "."))
				}
			}
		case *parse.IfNode:
			out = append(out, printedComposites(n.List, dot)...)
			out = append(out, printedComposites(n.ElseList, dot)...)
		case *parse.RangeNode:
			var inner *schemaNode
			if s := pipeField(n.Pipe, dot); s != nil {
				inner = s.elem
				if inner == nil {
					inner = s.pattern
				}
			}
			out = append(out, printedComposites(n.List, inner)...)
			out = append(out, printedComposites(n.ElseList, dot)...)
		case *parse.WithNode:
			out = append(out, printedComposites(n.List, pipeField(n.Pipe, dot))...)
			out = append(out, printedComposites(n.ElseList, dot)...)
		}
	}
	return out
}

// pipeField resolves a pipeline that is a single field (.a.b) against dot.
func pipeField(p *parse.PipeNode, dot *schemaNode) *schemaNode {
	if p == nil || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return nil
	}
	if f, ok := p.Cmds[0].Args[0].(*parse.FieldNode); ok {
		return resolveField(dot, f.Ident)
	}
	return nil
}

// resolveField walks a field path down the schema; nil where the schema
// does not say (an open value, or a field the engine adds).
func resolveField(s *schemaNode, path []string) *schemaNode {
	for _, name := range path {
		if s == nil || s.open {
			return nil
		}
		s = s.child(name)
	}
	if s != nil && s.open {
		return nil
	}
	return s
}

// composite reports whether a schema node is a list or an object rather
// than a scalar.
func composite(s *schemaNode) bool {
	return s.elem != nil || s.pattern != nil || len(s.fields) > 0
}

// TestExampleMessagesArePunctuated: the message of every failing example
// of the shipped catalog renders (no template error, such as comparing a
// JSON number with an int) and reads as a sentence: no separator left
// dangling after the last entry of a list, no empty brackets, no list in
// Go's syntax.
func TestExampleMessagesArePunctuated(t *testing.T) {
	cat, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	results, err := RunExamples(cat)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, r := range results {
		if r.Message == "" {
			continue
		}
		checked++
		for _, bad := range []string{"; )", ";)", ", )", " ;", ",)", "[]", "map[", "<no value>", "%!", "template failed"} {
			if strings.Contains(r.Message, bad) {
				t.Errorf("%s %q: message %q contains %q", r.Control, r.Example, r.Message, bad)
			}
		}
		if m := strings.TrimSpace(r.Message); strings.HasSuffix(m, ";") || strings.HasSuffix(m, ",") || strings.HasSuffix(m, ":") {
			t.Errorf("%s %q: message %q ends with a separator", r.Control, r.Example, r.Message)
		}
	}
	if checked == 0 {
		t.Fatal("no example has a message")
	}
}

// TestMessagesSeparateListEntries: where a failure names several entries
// (containers, bindings, listeners, mounts), the message separates them
// with commas, and a gateway's host-level access names only what it has.
func TestMessagesSeparateListEntries(t *testing.T) {
	plan, index := builtinPlan(t)
	tests := []struct {
		control, subject, want string
	}{
		{"MCP-WORKLOAD-04", `{"kind":"workload","object":"Deployment/mcp","containers":[{"name":"server","run_as_non_root":false},{"name":"sidecar","run_as_non_root":false}]}`,
			"may run container(s) as root: server, sidecar"},
		{"MCP-RBAC-03", `{"kind":"workload","object":"Deployment/mcp","service_account":"mcp","rbac":{"secrets_read":true,"bindings":["ClusterRoleBinding/a","RoleBinding/b"]}}`,
			"may read Secrets through ClusterRoleBinding/a, RoleBinding/b (service account mcp)"},
		{"MCP-GATEWAY-28", `{"kind":"gateway","name":"gw","product":"docker-mcp-gateway","container":{"image":"docker/mcp-gateway","privileged":false,"docker_socket":true,"host_network":false}}`,
			"runs in a container with host-level access (the Docker API)"},
		{"MCP-GATEWAY-28", `{"kind":"gateway","name":"gw","product":"docker-mcp-gateway","container":{"image":"docker/mcp-gateway","privileged":true,"docker_socket":true,"host_network":true}}`,
			"runs in a container with host-level access (privileged, the Docker API, the host network)"},
	}
	ev := plan.NewEvaluator()
	for _, tt := range tests {
		i, ok := index[tt.control]
		if !ok {
			t.Fatalf("no control %s", tt.control)
		}
		s, err := DecodeJSON([]byte(tt.subject))
		if err != nil {
			t.Fatal(err)
		}
		o := ev.Evaluate(i, s)
		if o.Result != ResultFail {
			t.Errorf("%s: result %s, want fail (%+v)", tt.control, o.Result, o.Reasons)
			continue
		}
		if msg := plan.Message(i, s, o.Reasons); !strings.Contains(msg, tt.want) {
			t.Errorf("%s: message %q, want it to contain %q", tt.control, msg, tt.want)
		}
	}
}

// TestClientMessagesNameTheLine: a client-wide setting is reported with the
// line it is on, since the finding's location is the whole settings file.
func TestClientMessagesNameTheLine(t *testing.T) {
	plan, index := builtinPlan(t)
	tests := []struct{ control, subject, want string }{
		{"MCP-CLIENT-02", `{"kind":"client","client":"codex","format":"codex/config.toml","scope":"project","auto_approve_all":false,"sandbox_disabled":true,"project_servers_trusted":false,` +
			`"settings":[{"key":"sandbox_mode","value":"danger-full-access","effect":"sandbox-off","line":2}]}`,
			"switch the sandbox off: sandbox_mode = danger-full-access at line 2."},
		{"MCP-CLIENT-03", `{"kind":"client","client":"claude-code","format":"claude-code/settings.json","scope":"project","auto_approve_all":false,"sandbox_disabled":false,"project_servers_trusted":true,` +
			`"settings":[{"key":"enableAllProjectMcpServers","value":"true","effect":"project-servers-trusted","line":5}]}`,
			"without review: enableAllProjectMcpServers = true at line 5."},
	}
	ev := plan.NewEvaluator()
	for _, tt := range tests {
		i := index[tt.control]
		s, err := DecodeJSON([]byte(tt.subject))
		if err != nil {
			t.Fatal(err)
		}
		o := ev.Evaluate(i, s)
		if o.Result != ResultFail {
			t.Fatalf("%s: result %s, want fail (%+v)", tt.control, o.Result, o.Reasons)
		}
		if msg := plan.Message(i, s, o.Reasons); !strings.HasSuffix(msg, tt.want) {
			t.Errorf("%s: message %q, want it to end with %q", tt.control, msg, tt.want)
		}
	}
}

// builtinPlan plans the shipped catalog and indexes its controls by ID.
func builtinPlan(t *testing.T) (*Plan, map[string]int) {
	t.Helper()
	cat, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	plan, err := NewPlan(cat)
	if err != nil {
		t.Fatal(err)
	}
	index := map[string]int{}
	for i, c := range cat.Controls {
		index[c.ID] = i
	}
	return plan, index
}
