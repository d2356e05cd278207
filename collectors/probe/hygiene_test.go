package probe

import (
	"context"
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
	"github.com/tollgate-dev/tollgate/internal/mcptest"
)

// runErrors probes the targets with the error probe on.
func runErrors(t *testing.T, targets ...Target) (*evidence.Endpoint, map[string]*evidence.Tool, []byte) {
	t.Helper()
	res, err := Run(context.Background(), targets, Options{Now: testNow, Version: "test", RequestTimeout: 5 * time.Second, ProbeErrors: true})
	if err != nil {
		t.Fatal(err)
	}
	var ep *evidence.Endpoint
	tools := map[string]*evidence.Tool{}
	for _, s := range res.Subjects {
		if err := evidence.ValidateSubject(s); err != nil {
			t.Errorf("schema: %v", err)
		}
		switch v := s.(type) {
		case *evidence.Endpoint:
			ep = v
		case *evidence.Tool:
			tools[v.Name] = v
		}
	}
	var record []byte
	for _, data := range res.Files {
		record = data
	}
	return ep, tools, record
}

// TestUnhygienicServer: served under a name that is not loopback, the
// server lists its tools without credentials, asks for a token as a
// parameter, accepts anything, takes free SQL, and its error discloses a
// stack trace, internal paths, a private address and a connection string —
// whose password reaches no evidence.
func TestUnhygienicServer(t *testing.T) {
	srv := mcptest.Unhygienic(t)
	mcptest.ResolveToLoopback(t, "orders.mcp.test")
	u, _ := url.Parse(srv.URL)
	u.Host = "orders.mcp.test:" + u.Port()
	ep, tools, record := runErrors(t, URLTarget(u.String()+"/mcp", nil))
	if ep == nil || !ep.Reachable || ep.Loopback || !ep.UnauthenticatedList || ep.Tools != 3 {
		t.Fatalf("endpoint: %+v", ep)
	}
	probe := ep.ErrorProbe
	if probe == nil || probe.Outcome != evidence.ErrorOutcomeError || probe.Code != -32603 || probe.Tool != ErrorProbeTool {
		t.Fatalf("error probe: %+v", probe)
	}
	rules := map[string]bool{}
	for _, l := range probe.Leaks {
		rules[l.Rule] = true
	}
	for _, want := range []string{leakStackTrace, leakFilePath, leakPrivateAddress, leakConnectionString, leakCredential} {
		if !rules[want] {
			t.Errorf("no %s leak in %+v", want, probe.Leaks)
		}
	}
	if !strings.Contains(probe.Message, "orders-db.prod.internal") || !strings.Contains(probe.Message, "Traceback") {
		t.Errorf("message does not keep the error: %q", probe.Message)
	}
	subject, _ := json.Marshal(ep)
	for what, data := range map[string][]byte{"endpoint": subject, "record": record} {
		if strings.Contains(string(data), mcptest.DatabasePassword) {
			t.Errorf("%s holds the database password", what)
		}
	}
	if !strings.Contains(string(record), `"step": "`+errorProbeStep+`"`) || !strings.Contains(string(record), ErrorProbeTool) {
		t.Error("the error probe's request is not in the record")
	}
	calls := strings.Count(string(record), `\"method\":\"tools/call\"`)
	if calls != 1 {
		t.Errorf("%d tools/call requests recorded, want exactly one", calls)
	}

	if got := tools["create_issue"].CredentialParameters; len(got) != 1 || got[0].Parameter != "github_token" || got[0].Rule != "name" {
		t.Errorf("create_issue credential parameters: %+v", got)
	}
	if got := tools["run_report"].LooseSchema; len(got) != 1 || got[0].Rule != ruleNoPropertiesForTest {
		t.Errorf("run_report loose schema: %+v", got)
	}
	if got := tools["query_orders"].UnconstrainedInputs; len(got) != 1 || got[0].Parameter != "sql" || got[0].Rule != "sql" {
		t.Errorf("query_orders unconstrained inputs: %+v", got)
	}
}

// ruleNoPropertiesForTest is the loose_schema rule of a schema without properties.
const ruleNoPropertiesForTest = "no-properties"

// TestCleanServer: a server that requires a token, asks for no credential,
// constrains its arguments and answers an unknown tool plainly shows none
// of the faults.
func TestCleanServer(t *testing.T) {
	srv := mcptest.Clean(t)
	mcptest.ResolveToLoopback(t, "tickets.mcp.test")
	u, _ := url.Parse(srv.URL)
	u.Host = "tickets.mcp.test:" + u.Port()
	ep, tools, _ := runErrors(t, URLTarget(u.String(), bearer()))
	if ep == nil || ep.Authentication != evidence.EndpointAuthRequired || ep.UnauthenticatedList || ep.UnauthenticatedInit || ep.Tools != 3 {
		t.Fatalf("endpoint: %+v", ep)
	}
	if p := ep.ErrorProbe; p == nil || p.Outcome != evidence.ErrorOutcomeError || len(p.Leaks) > 0 || !strings.Contains(p.Message, "unknown tool") {
		t.Errorf("error probe: %+v", p)
	}
	for name, tool := range tools {
		if n := len(tool.CredentialParameters) + len(tool.LooseSchema) + len(tool.UnconstrainedInputs); n > 0 {
			t.Errorf("%s flagged: %+v %+v %+v", name, tool.CredentialParameters, tool.LooseSchema, tool.UnconstrainedInputs)
		}
	}
}

// TestNoErrorProbeUnlessAsked: without ProbeErrors no tool is ever called.
func TestNoErrorProbeUnlessAsked(t *testing.T) {
	srv := mcptest.Unhygienic(t)
	eps, _, files := run(t, URLTarget(srv.URL, nil))
	if eps[0].ErrorProbe != nil {
		t.Errorf("error probe without the option: %+v", eps[0].ErrorProbe)
	}
	for _, data := range files {
		if strings.Contains(string(data), "tools/call") {
			t.Error("a tools/call was sent without the option")
		}
	}
}

func TestErrorLeaks(t *testing.T) {
	tests := []struct {
		text string
		want []string // rules
	}{
		{"unknown tool \"x\"", nil},
		{"Tool x not found. See https://docs.example.com/errors/42 for help.", nil},
		{`Traceback (most recent call last):
  File "/app/server.py", line 12, in handle`, []string{leakStackTrace, leakFilePath}},
		{"java.lang.IllegalStateException: boom\n\tat com.acme.mcp.ToolRouter.route(ToolRouter.java:57)", []string{leakStackTrace}},
		{"TypeError: x is undefined\n    at callTool (/home/node/app/dist/index.js:120:15)\n    at async Server.handle (file:///srv/app/node_modules/@mcp/sdk/server.mjs:88:3)",
			[]string{leakStackTrace, leakFilePath}},
		{"panic: nil map\n\ngoroutine 7 [running]:\nmain.call(...)\n\t/go/src/app/main.go:42 +0x1d", []string{leakStackTrace, leakFilePath}},
		{`   at Acme.Mcp.Tools.Run(String name) in C:\build\src\Tools.cs:line 31`, []string{leakStackTrace, leakFilePath}},
		{"dial tcp 10.0.4.17:6379: connect: connection refused", []string{leakPrivateAddress}},
		{"upstream redis-master.cache.svc.cluster.local unreachable", []string{leakPrivateAddress}},
		{"connect to 127.0.0.1:5432 failed", nil},
		{"mongodb://reader:s3cretPassw0rd@mongo-0:27017/admin failed", []string{leakConnectionString, leakCredential}},
		{"Server=sql01;Database=crm;User Id=svc;Password=Sup3rS3cret!;", []string{leakConnectionString, leakCredential}},
		{"redis://cache:6379/0 timed out", []string{leakConnectionString}},
	}
	for _, tt := range tests {
		red := secrets.NewRedactor()
		var got []string
		for _, m := range errorLeaks("error.message", tt.text, "mcp.example.com", red) {
			if !slices.Contains(got, m.Rule) {
				got = append(got, m.Rule)
			}
			for _, pw := range []string{"s3cretPassw0rd", "Sup3rS3cret!"} {
				if strings.Contains(m.Excerpt, pw) {
					t.Errorf("%q: excerpt %q holds the password", tt.text, m.Excerpt)
				}
			}
		}
		slices.Sort(got)
		want := slices.Clone(tt.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%q: rules %v, want %v", tt.text, got, want)
		}
	}
}

// TestPasswordEncodingsRemembered: a password is redacted in every form an
// error and its raw response can carry it.
func TestPasswordEncodingsRemembered(t *testing.T) {
	red := secrets.NewRedactor()
	rememberPasswords(`postgres://app:p%40ss<&>w0rd@db:5432/x`, red)
	for _, form := range []string{`p%40ss<&>w0rd`, `p@ss<&>w0rd`, `p@ss\u003c\u0026\u003ew0rd`} {
		if got := red.RedactString("x " + form + " y"); strings.Contains(got, "w0rd") {
			t.Errorf("%s not redacted: %s", form, got)
		}
	}
}

// TestRecordRedactsBeforeCutting: a secret the 2 KiB cut would split is
// still recognised and redacted whole.
func TestRecordRedactsBeforeCutting(t *testing.T) {
	red := secrets.NewRedactor()
	const pw = "Canary-0123456789abcdef"
	body := strings.Repeat("x", recordedBody-20) + " postgres://u:" + pw + "@db/x"
	rec := &recorder{red: red}
	rec.exchanges = []*Exchange{{Step: "s", ResponseBody: body}}
	out := rec.record()
	if strings.Contains(out[0].ResponseBody, pw[:6]) {
		t.Errorf("part of the password survived the cut: %q", out[0].ResponseBody[len(out[0].ResponseBody)-60:])
	}
}
