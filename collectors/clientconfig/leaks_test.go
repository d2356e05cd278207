package clientconfig

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
)

// leakCase is a secret written in one placement of one file. Nothing of
// gone may reach the subjects, the artifact records or the stored copy, and
// the stored copy must still parse.
type leakCase struct {
	name, file, content string
	gone                []string
}

// leakCases are secrets written the ways people and tools write them: in
// encoded forms that differ from their value, under key names and in
// formats that do not look like credentials at first sight, and in places
// other than a value.
var leakCases = []leakCase{
	// Encoded forms: the stored copy is redacted where the scalar is
	// written, whatever escapes or style it uses.
	{"json unicode escape", ".mcp.json",
		`{"mcpServers":{"a":{"command":"node","args":["s.js"],"env":{"NOTES":"ghp_\u0041bcdefghijklmnopLkA1uvwxyz0123456789"}}}}`,
		[]string{"bcdefghijklmnopLkA1", "ghp_Abcdefghijklmnop"}},
	{"json escape in a random value", ".mcp.json",
		`{"mcpServers":{"a":{"command":"node","env":{"CONFIG_JSON":"Ab\u0078Kp2Lm9Qr4Tz8Wv3LkA2Ny6Zs1Xc5Vb7"}}}}`,
		[]string{"Kp2Lm9Qr4Tz8Wv3LkA2"}},
	{"yaml folded block", ".continue/config.yaml",
		"mcpServers:\n  - name: a\n    command: node\n    env:\n      DB_PASSWORD: >-\n        correct horse\n        battery LkA3staple\n",
		[]string{"correct horse", "LkA3staple"}},
	{"yaml literal block", ".continue/config.yaml",
		"mcpServers:\n  - name: a\n    command: node\n    env:\n      SECRET_BLOCK: |\n        line one LkA4\n        line two secret\n",
		[]string{"line one LkA4", "line two secret"}},
	{"yaml literal block with CRLF", ".continue/config.yaml",
		"mcpServers:\r\n  - name: a\r\n    command: node\r\n    env:\r\n      token: |\r\n        LkA5first\r\n        LkA5second\r\n",
		[]string{"LkA5first", "LkA5second"}},
	{"yaml doubled single quote", ".continue/config.yaml",
		"mcpServers:\n  - name: a\n    command: node\n    env:\n      PLAIN_TOKEN: 'it''s a LkA6 pass'\n",
		[]string{"s a LkA6 pass"}},
	{"yaml hex escape", ".continue/config.yaml",
		"mcpServers:\n  - name: a\n    command: node\n    env:\n      GH: \"ghp_\\x4cbcdefghijklmnopLkA7uvwxyz0123456789\"\n",
		[]string{"bcdefghijklmnopLkA7"}},
	{"yaml escaped line break", ".continue/config.yaml",
		"mcpServers:\n  - name: a\n    command: node\n    env:\n      WRAPPED_KEY: \"abcLkA8\\\n        defcontinued\"\n",
		[]string{"abcLkA8", "defcontinued"}},
	{"yaml plain scalar over lines", ".continue/config.yaml",
		"mcpServers:\n  - name: a\n    command: node\n    env:\n      API_KEY: first LkA9part\n        second part\n",
		[]string{"LkA9part", "second part"}},
	{"toml line continuation", ".codex/config.toml",
		"[mcp_servers.b]\ncommand = \"node\"\n[mcp_servers.b.env]\nMULTI = \"\"\"ghp_abcdefghijkLkB1\\\n  qrstuvwxyz0123456789ABCD\"\"\"\n",
		[]string{"abcdefghijkLkB1", "qrstuvwxyz0123456789ABCD"}},
	{"toml unicode escape", ".codex/config.toml",
		"[mcp_servers.b]\ncommand = \"node\"\nenv = { OPENAI_API_KEY = \"sk-\\u0041bcLkB2defghijklmnopqrstuvwxyz\" }\n",
		[]string{"bcLkB2defghijklmnopqrstuvwxyz"}},

	// Under a credential key, the value is the credential whatever it
	// looks like.
	{"all digits", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"API_TOKEN":"8423917650"}}}}`, []string{"8423917650"}},
	{"pin", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"ADMIN_PASSWORD":"4815162342"}}}}`, []string{"4815162342"}},
	{"leading slash", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"SECRET_KEY":"/8fK2mQ9zR4tY7wE1uIo3LkB3sD6fG7hJ8kL9=="}}}}`, []string{"8fK2mQ9zR4tY7wE1uIo3LkB3"}},
	{"version-shaped", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"API_PASSWORD":"1.0-Xq7LkB4secret"}}}}`, []string{"Xq7LkB4secret"}},
	{"dsn user", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"SENTRY_DSN":"https://a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6@o1.ingest.sentry.io/1"}}}}`, []string{"a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"}},

	// Key names as people write them.
	{"libpq", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"PGPASSWORD":"SummerLkC1"}}}}`, []string{"SummerLkC1"}},
	{"numbered password", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"DB_PASSWORD3":"SummerLkC2"}}}}`, []string{"SummerLkC2"}},
	{"numbered word", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"PASSWORD2":"SummerLkC3"}}}}`, []string{"SummerLkC3"}},
	{"numbered token", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"GITHUB_TOKEN2":"SummerLkC4"}}}}`, []string{"SummerLkC4"}},
	{"run together secret", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"CLIENTSECRET":"SummerLkC5"}}}}`, []string{"SummerLkC5"}},
	{"abbreviated", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"DBPASS":"SummerLkC6"}}}}`, []string{"SummerLkC6"}},
	{"run together token", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"GITHUBTOKEN":"SummerLkC7"}}}}`, []string{"SummerLkC7"}},

	// Known formats, whatever the key.
	{"azure storage", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"AZURE_STORAGE_CONNECTION_STRING":"DefaultEndpointsProtocol=https;AccountName=a;AccountKey=Zm9vYmFy+/LkD1Zm9vYmFyZm9vYmFyZm9vYmE=;EndpointSuffix=core.windows.net"}}}}`,
		[]string{"Zm9vYmFy+/LkD1", "LkD1Zm9v"}},
	{"service bus", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"SB":"Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=Qm9vYmFy+/LkD2Zm9vYmFyZm9vYmE="}}}}`,
		[]string{"LkD2Zm9vYmFy"}},
	{"token as url user", ".mcp.json", `{"mcpServers":{"s":{"command":"node","env":{"GIT_REMOTE":"https://x7Kp2Lm9Qr4Tz8Wv3LkD3aB3dE5fG@git.example.com/repo"}}}}`,
		[]string{"x7Kp2Lm9Qr4Tz8Wv3LkD3"}},
	{"slack webhook", ".mcp.json", `{"mcpServers":{"slack":{"type":"http","url":"https://hooks.slack.com/services/T0001/B0002/slackLkD4mark0123456789"}}}`,
		[]string{"slackLkD4mark"}},
	{"telegram bot path", ".mcp.json", `{"mcpServers":{"tg":{"type":"http","url":"https://api.telegram.org/bot123456789:AAtelegramLkD5mark0123456789abcdef/mcp"}}}`,
		[]string{"AAtelegramLkD5mark"}},
	{"oauth code", ".mcp.json", `{"mcpServers":{"oauth":{"type":"http","url":"https://mcp.example.com/cb?code=oauthLkD6mark0123"}}}`,
		[]string{"oauthLkD6mark"}},

	// Odd places.
	{"server name", ".mcp.json", `{"mcpServers":{"ghp_abcdefghijklmnopLkE1uvwxyz0123456789":{"command":"node"}}}`,
		[]string{"abcdefghijklmnopLkE1"}},
	{"env var name", ".mcp.json", `{"mcpServers":{"envname":{"command":"node","env":{"ghp_bbcdefghijklmnopLkE2uvwxyz0123456789":"1"}}}}`,
		[]string{"bbcdefghijklmnopLkE2"}},
	{"header split across args", ".mcp.json", `{"mcpServers":{"split":{"command":"npx","args":["s.js","--header","Authorization:","Bearer","tokLkE3low"]}}}`,
		[]string{"tokLkE3low"}},
	{"password input default", ".vscode/mcp.json",
		`{"inputs": [{"type":"promptString","id":"tok","password":true,"default":"hunterLkE4low"}], "servers": {"a": {"command":"node","env":{"T":"${input:tok}"}}}}`,
		[]string{"hunterLkE4low"}},
	{"token as remote url user", ".mcp.json", `{"mcpServers":{"u3":{"type":"http","url":"https://x7Kp2Lm9Qr4Tz8Wv3LkE5aB3dE5fGh@mcp.example.com/mcp"}}}`,
		[]string{"x7Kp2Lm9Qr4Tz8Wv3LkE5"}},
}

func TestSecretPlacementsNeverLeak(t *testing.T) {
	for _, tc := range leakCases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{tc.file: tc.content})
			res := collect(t, dir)
			subjects, err := json.Marshal(res.Subjects)
			if err != nil {
				t.Fatal(err)
			}
			records, err := json.Marshal(res.Artifacts)
			if err != nil {
				t.Fatal(err)
			}
			stored := res.Files["artifacts/"+tc.file]
			if stored == nil {
				t.Fatalf("%s was not stored; files: %v", tc.file, len(res.Files))
			}
			for _, g := range tc.gone {
				for what, blob := range map[string][]byte{"subjects": subjects, "artifact records": records, "stored copy": stored} {
					if bytes.Contains(blob, []byte(g)) {
						t.Errorf("%q survives in the %s:\n%s", g, what, blob)
					}
				}
			}
			if bytes.Contains(stored, []byte("[REDACTED:[REDACTED")) {
				t.Errorf("nested redaction in the stored copy:\n%s", stored)
			}
			syn, _ := postree.SyntaxOfPath(tc.file)
			var perr *postree.SyntaxError
			switch syn {
			case postree.JSON:
				_, _, perr = postree.ParseJSON(stored, postree.NewLines(stored))
			case postree.YAML:
				_, perr = postree.ParseYAML(stored)
			case postree.TOML:
				_, perr = postree.ParseTOML(stored, postree.NewLines(stored))
			}
			if perr != nil {
				t.Errorf("the stored copy no longer parses (%v):\n%s", perr, stored)
			}
		})
	}
}

// TestCredentialKeysClassifyAnyValue: the values under credential-named
// keys are literal secrets in the evidence, not printed literals.
func TestCredentialKeysClassifyAnyValue(t *testing.T) {
	for _, tc := range leakCases {
		if tc.file != ".mcp.json" || !strings.Contains(tc.content, `"env":{"`) {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			for _, s := range analyze(tc.file, []byte(tc.content)) {
				srv, ok := s.(*evidence.Server)
				if !ok {
					continue
				}
				for k, v := range srv.Env {
					if k != "1" && v.Kind != evidence.ValueLiteralSecret && v.Text != "1" {
						t.Errorf("%s = %+v, want a literal secret", k, v)
					}
				}
			}
		})
	}
}
