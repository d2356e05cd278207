package secrets

import (
	"strings"
	"sync"
	"testing"
)

func TestRedactor(t *testing.T) {
	ghp := "ghp_" + strings.Repeat("Zq9", 12)
	tests := []struct {
		name     string
		remember []string
		in       string
		gone     []string // must not survive
		kept     []string // must survive
	}{
		{"remembered", []string{"FakeP4sswordNotReal0000"}, `{"MSSQL_PASSWORD": "FakeP4sswordNotReal0000", "user": "cepm_ro"}`,
			[]string{"FakeP4sswordNotReal0000"}, []string{"cepm_ro", "MSSQL_PASSWORD"}},
		{"short ignored", []string{"abc"}, "abc abc", nil, []string{"abc abc"}},
		{"token shape unseen", nil, "export GITHUB=" + ghp, []string{ghp}, []string{"[REDACTED:ghp_…(40)]"}},
		{"key value json", nil, `{"env": {"OPENAI_API_KEY": "Example!000", "LOG": "debug"}}`,
			[]string{"Example!000"}, []string{"debug", "OPENAI_API_KEY"}},
		{"key value yaml", nil, "secret:\n  BASIC_AUTH_PASSWORD: changeme   # default\n  BASIC_AUTH_USER: admin\n",
			[]string{"changeme "}, []string{"admin", "# default"}},
		{"bearer header", nil, `"Authorization": "Bearer abcdefghijkl1234"`, []string{"abcdefghijkl1234"}, []string{"Bearer [REDACTED:"}},
		{"flag equals", nil, `"args": ["--api-key=s3cr3tkeyvalue"]`, []string{"s3cr3tkeyvalue"}, []string{"--api-key="}},
		{"flag pair", nil, `"args": ["--token", "s3cr3tkeyvalue", "--port", "8080"]`, []string{"s3cr3tkeyvalue"}, []string{"8080"}},
		{"url password", nil, `postgres://app:pw12345678@db:5432/x`, []string{"pw12345678"}, []string{"postgres://app:", "@db:5432/x"}},
		{"ado password", nil, `Server=x;Password=Sup3rS3cret!;Database=d`, []string{"Sup3rS3cret!"}, []string{"Database=d"}},
		{"pem", nil, "k: |\n  -----BEGIN PRIVATE KEY-----\n  MIIEvQIBADANBg\n  -----END PRIVATE KEY-----\n", []string{"MIIEvQIBADANBg"}, nil},
		{"references kept", nil, `{"GITHUB_TOKEN": "${GITHUB_TOKEN}", "Authorization": "Bearer ${input:tok}"}`,
			nil, []string{"${GITHUB_TOKEN}", "${input:tok}"}},
		{"placeholders kept", nil, `{"API_KEY": "<your-key>", "TOKEN_EXPIRY": "1440", "PWD": "/home/x"}`,
			nil, []string{"<your-key>", "1440", "/home/x"}},
		{"yaml block header under a credential key", nil, "token: |\n  line\npassword: >-\n  x\n", nil, []string{"token: |\n", "password: >-\n"}},
		{"header name alone in an argument", nil, `"args": ["--header", "Authorization:", "Bearer", "x"]`, nil, []string{`"Authorization:", "Bearer"`}},
		{"azure storage key", nil, `AccountName=a;AccountKey=Zm9vYmFy+/Zm9vYmFyZm9vYmE=;EndpointSuffix=core.windows.net`,
			[]string{"Zm9vYmFy+/Zm9vYmFyZm9vYmE="}, []string{"AccountName=a;AccountKey=[REDACTED:", ";EndpointSuffix=core.windows.net"}},
		{"service bus key", nil, `Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=Qm9vYmFyZm9v+/==`,
			[]string{"Qm9vYmFyZm9v+/=="}, []string{"SharedAccessKeyName=Root;SharedAccessKey=[REDACTED:"}},
		{"slack webhook", nil, `"url": "https://hooks.slack.com/services/T0001/B0002/slackwebhooksecret0123"`,
			[]string{"slackwebhooksecret0123", "B0002"}, []string{"https://hooks.slack.com/services/[REDACTED:"}},
		{"telegram bot path", nil, `https://api.telegram.org/bot123456789:AAtelegramsecret0123456789abc/mcp`,
			[]string{"AAtelegramsecret0123456789abc"}, []string{"https://api.telegram.org/bot[REDACTED:", "]/mcp"}},
		{"oauth code in a query", nil, `https://mcp.example.com/cb?state=xyz&code=oauthcode0123&lang=en`,
			[]string{"oauthcode0123"}, []string{"state=xyz", "&code=[REDACTED:", "&lang=en"}},
		{"signature in a query", nil, `https://a.blob.core.windows.net/c?sv=2020-08-04&sig=AbCdEf0123%2Bxyz`,
			[]string{"AbCdEf0123"}, []string{"sv=2020-08-04", "&sig=[REDACTED:"}},
		{"token as a url user", nil, `git clone https://x7Kp2Lm9Qr4Tz8Wv3Ny6aB3dE5fG@git.example.com/repo`,
			[]string{"x7Kp2Lm9Qr4Tz8Wv3Ny6aB3dE5fG"}, []string{"https://[REDACTED:…(28)]@git.example.com/repo"}},
		{"name as a url user", nil, `ssh://git@github.com/o/r`, nil, []string{"ssh://git@github.com/o/r"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewRedactor()
			for _, s := range tt.remember {
				r.Add(s)
			}
			out := r.RedactString(tt.in)
			for _, g := range tt.gone {
				if strings.Contains(out, g) {
					t.Errorf("%q survived: %s", g, out)
				}
			}
			for _, k := range tt.kept {
				if !strings.Contains(out, k) {
					t.Errorf("%q lost: %s", k, out)
				}
			}
			if again := r.RedactString(out); again != out {
				t.Errorf("redaction is not idempotent:\n%s\n%s", out, again)
			}
		})
	}
}

func TestRedactorLongestFirstAndConcurrent(t *testing.T) {
	r := NewRedactor()
	var wg sync.WaitGroup
	for _, s := range []string{"secretvalue", "secretvalue-extended"} {
		wg.Add(1)
		go func(s string) { defer wg.Done(); r.Add(s) }(s)
	}
	wg.Wait()
	out := r.RedactString("a=secretvalue-extended b=secretvalue")
	if strings.Contains(out, "extended") || strings.Contains(out, "secretvalue") {
		t.Fatalf("not fully redacted: %s", out)
	}
	if r.Len() != 2 {
		t.Fatalf("Len = %d", r.Len())
	}
	if got := string(r.Redact([]byte("x secretvalue"))); strings.Contains(got, "secretvalue") {
		t.Fatalf("Redact: %s", got)
	}
}

func TestClassifyInto(t *testing.T) {
	r := NewRedactor()
	v := ClassifyInto("Authorization", "Bearer tok_abcdefgh12345", SyntaxFor("cursor"), r)
	if !v.Secret {
		t.Fatalf("not secret: %+v", v)
	}
	if out := r.RedactString("curl -H 'x: tok_abcdefgh12345'"); strings.Contains(out, "tok_abcdefgh12345") {
		t.Fatalf("token part not remembered: %s", out)
	}
}

// TestRedactionNeverNests: a value redacted once keeps its marker whole, so
// the shape and length it shows survive every later pass.
func TestRedactionNeverNests(t *testing.T) {
	user := "x7Kp2Lm9Qr4Tz8Wv3Ny6aB3dE5fGh"
	r := NewRedactor()
	r.Add(user)
	for _, in := range []string{
		"https://" + user + "@mcp.example.com/mcp",
		"https://" + user + ":" + user + "@mcp.example.com/mcp",
		"postgres://app:" + user + "@db/x",
		`{"Authorization": "Bearer ` + user + `"}`,
		"token=" + user + "&code=" + user,
	} {
		out := r.RedactString(in)
		if strings.Contains(out, user) || strings.Contains(out, "[REDACTED:[REDACTED") || strings.Count(out, "[REDACTED:") != strings.Count(out, "]") {
			t.Errorf("RedactString(%q) = %q", in, out)
		}
		if !strings.Contains(out, "…(29)]") {
			t.Errorf("RedactString(%q) = %q: the length is lost", in, out)
		}
		if again := r.RedactString(out); again != out {
			t.Errorf("redaction is not idempotent:\n%s\n%s", out, again)
		}
	}
}

// TestRedactNameAndSegments: a credential pasted as a name, or as one
// segment of a path of names, is redacted; ordinary names are kept as
// written.
func TestRedactNameAndSegments(t *testing.T) {
	const tok = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
	for _, tc := range []struct{ in, name, segments string }{
		{"github-mcp", "github-mcp", "github-mcp"},
		{"ai/MCPRoute/tools", "ai/MCPRoute/tools", "ai/MCPRoute/tools"},
		{tok, "[REDACTED:ghp_…(40)]", "[REDACTED:ghp_…(40)]"},
		{"ai/MCPRoute/" + tok, "ai/MCPRoute/[REDACTED:ghp_…(40)]", "ai/MCPRoute/[REDACTED:ghp_…(40)]"},
		{"sk-abcdefghijklmnopqrstuvwx0123/Deployment/web", "[REDACTED:sk-…(31)]/Deployment/web", "[REDACTED:sk-…(31)]/Deployment/web"},
		{"", "", ""},
	} {
		if got := RedactName(tc.in); got != tc.name {
			t.Errorf("RedactName(%q) = %q, want %q", tc.in, got, tc.name)
		}
		if got := RedactSegments(tc.in); got != tc.segments {
			t.Errorf("RedactSegments(%q) = %q, want %q", tc.in, got, tc.segments)
		}
	}
}
