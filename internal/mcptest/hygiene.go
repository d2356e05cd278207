package mcptest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/auth"
	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	"github.com/modelcontextprotocol/go-sdk/mcp"
	"golang.org/x/net/dns/dnsmessage"
)

// DatabasePassword is the password in the connection string the leaky
// server's errors disclose: a canary no output may contain.
const DatabasePassword = "Pg-canary-5d1e7a93c4b2"

// LeakedConnectionString is the connection string the leaky server's error
// message carries.
const LeakedConnectionString = "postgres://orders_app:" + DatabasePassword + "@orders-db.prod.internal:5432/orders?sslmode=disable"

// LeakedTrace is the stack trace the leaky server's error data carries: a
// Python traceback with internal paths and a private address.
const LeakedTrace = `Traceback (most recent call last):
  File "/srv/mcp/app/handlers.py", line 88, in call_tool
    conn = psycopg.connect(DSN)
  File "/usr/lib/python3.12/site-packages/psycopg/connection.py", line 119, in connect
psycopg.OperationalError: connection to server at "10.20.30.40", port 5432 failed: password authentication failed for user "orders_app"`

// Unhygienic serves, without any authentication, the faults the enterprise
// server requirements rule out: a tool that asks for a token, a tool whose
// schema accepts anything, a free-form SQL parameter, and errors that
// disclose a stack trace, internal paths, a private address and a
// connection string with its password (DatabasePassword).
func Unhygienic(t testing.TB) *httptest.Server {
	build := func() *mcp.Server {
		s := mcp.NewServer(&mcp.Implementation{Name: "orders", Version: "0.4.0"}, nil)
		s.AddTool(&mcp.Tool{Name: "create_issue", Description: "Creates an issue in the tracker.",
			InputSchema: map[string]any{"type": "object", "additionalProperties": false, "required": []string{"title", "github_token"},
				"properties": map[string]any{
					"title":        map[string]any{"type": "string", "maxLength": 200, "description": "Issue title."},
					"github_token": str("GitHub personal access token with repo scope."),
				}},
			Annotations: &mcp.ToolAnnotations{DestructiveHint: new(false)}}, okTool)
		s.AddTool(&mcp.Tool{Name: "run_report", Description: "Runs a report.", InputSchema: map[string]any{"type": "object"},
			Annotations: &mcp.ToolAnnotations{DestructiveHint: new(false)}}, okTool)
		s.AddTool(&mcp.Tool{Name: "query_orders", Description: "Runs a read-only SQL query against the orders database.",
			InputSchema: map[string]any{"type": "object", "additionalProperties": false, "required": []string{"sql"},
				"properties": map[string]any{"sql": str("The query.")}},
			Annotations: &mcp.ToolAnnotations{ReadOnlyHint: true}}, okTool)
		s.AddReceivingMiddleware(leakyErrors)
		return s
	}
	return serve(t, build, remote(), originCheck)
}

// remote are the handler options of a server that stands for one deployed
// beyond loopback: the SDK's protection of loopback servers against DNS
// rebinding (a Host other than localhost is refused) would refuse the names
// ResolveToLoopback gives it.
func remote() *mcp.StreamableHTTPOptions {
	return &mcp.StreamableHTTPOptions{DisableLocalhostProtection: true}
}

// leakyErrors answers a call of an unknown tool the way a careless server
// does: the database driver's error with its connection string, and the
// traceback as error data.
func leakyErrors(next mcp.MethodHandler) mcp.MethodHandler {
	return func(ctx context.Context, method string, req mcp.Request) (mcp.Result, error) {
		if method == "tools/call" {
			if p, ok := req.GetParams().(*mcp.CallToolParamsRaw); ok && !strings.Contains("create_issue run_report query_orders", p.Name) {
				data, _ := json.Marshal(map[string]any{"traceback": LeakedTrace})
				return nil, &jsonrpc.Error{Code: jsonrpc.CodeInternalError,
					Message: fmt.Sprintf("internal error: cannot open %s: password authentication failed", LeakedConnectionString),
					Data:    data}
			}
		}
		return next(ctx, method, req)
	}
}

// Clean serves tools that meet the requirements the others fail: it
// requires a bearer token (Token) for every request, asks for no
// credential, declares and constrains every argument, and answers an
// unknown tool with the SDK's plain error.
func Clean(t testing.TB) *httptest.Server {
	build := func() *mcp.Server {
		s := mcp.NewServer(&mcp.Implementation{Name: "tickets", Version: "3.1.0"}, nil)
		s.AddTool(&mcp.Tool{Name: "create_ticket", Description: "Opens a support ticket.",
			InputSchema: map[string]any{"type": "object", "additionalProperties": false, "required": []string{"title", "priority"},
				"properties": map[string]any{
					"title":    map[string]any{"type": "string", "maxLength": 200, "description": "Ticket title."},
					"priority": map[string]any{"type": "string", "enum": []string{"low", "normal", "high"}},
				}},
			Annotations: &mcp.ToolAnnotations{DestructiveHint: new(false)}}, okTool)
		s.AddTool(&mcp.Tool{Name: "list_tickets", Description: "Lists open tickets.",
			InputSchema: map[string]any{"type": "object", "additionalProperties": false,
				"properties": map[string]any{"pageToken": str("Token for the next page of results.")}},
			Annotations: &mcp.ToolAnnotations{ReadOnlyHint: true}}, okTool)
		s.AddTool(&mcp.Tool{Name: "read_doc", Description: "Reads a help-centre article.",
			InputSchema: map[string]any{"type": "object", "additionalProperties": false, "required": []string{"path"},
				"properties": map[string]any{"path": map[string]any{"type": "string", "pattern": "^articles/[a-z0-9-]+\\.md$"}}},
			Annotations: &mcp.ToolAnnotations{ReadOnlyHint: true}}, okTool)
		return s
	}
	verify := func(_ context.Context, tok string, _ *http.Request) (*auth.TokenInfo, error) {
		if tok != Token {
			return nil, auth.ErrInvalidToken
		}
		return &auth.TokenInfo{Expiration: time.Now().Add(time.Hour)}, nil
	}
	return serve(t, build, remote(), func(h http.Handler) http.Handler {
		return originCheck(auth.RequireBearerToken(verify, nil)(h))
	})
}

// ResolveToLoopback makes the names resolve to 127.0.0.1 for the rest of
// the test, through a resolver that answers only them, so that a server
// bound to loopback can be probed as if it were reachable beyond it. Other
// names do not resolve. The default resolver is restored when the test ends;
// tests using it must not run in parallel.
func ResolveToLoopback(t testing.TB, names ...string) {
	t.Helper()
	known := map[string]bool{}
	for _, n := range names {
		known[strings.ToLower(strings.TrimSuffix(n, "."))+"."] = true
	}
	saved := net.DefaultResolver
	t.Cleanup(func() { net.DefaultResolver = saved })
	net.DefaultResolver = &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
		client, server := net.Pipe()
		go answerDNS(server, known)
		return client, nil
	}}
}

// answerDNS serves DNS over a stream connection (two-byte length prefix):
// A queries for known names get 127.0.0.1, other queries for known names
// get no records, and unknown names NXDOMAIN.
func answerDNS(conn net.Conn, known map[string]bool) {
	defer conn.Close()
	for {
		var size [2]byte
		if _, err := io.ReadFull(conn, size[:]); err != nil {
			return
		}
		msg := make([]byte, int(size[0])<<8|int(size[1]))
		if _, err := io.ReadFull(conn, msg); err != nil {
			return
		}
		var p dnsmessage.Parser
		h, err := p.Start(msg)
		if err != nil {
			return
		}
		q, err := p.Question()
		if err != nil {
			return
		}
		resp := dnsmessage.Message{Header: dnsmessage.Header{ID: h.ID, Response: true, Authoritative: true, RecursionAvailable: true},
			Questions: []dnsmessage.Question{q}}
		switch {
		case !known[strings.ToLower(q.Name.String())]:
			resp.RCode = dnsmessage.RCodeNameError
		case q.Type == dnsmessage.TypeA:
			resp.Answers = []dnsmessage.Resource{{
				Header: dnsmessage.ResourceHeader{Name: q.Name, Type: dnsmessage.TypeA, Class: dnsmessage.ClassINET, TTL: 60},
				Body:   &dnsmessage.AResource{A: [4]byte{127, 0, 0, 1}},
			}}
		}
		out, err := resp.Pack()
		if err != nil {
			return
		}
		if _, err := conn.Write(append([]byte{byte(len(out) >> 8), byte(len(out))}, out...)); err != nil {
			return
		}
	}
}
