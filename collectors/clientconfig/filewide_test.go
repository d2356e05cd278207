package clientconfig

import (
	"reflect"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
)

// TestCredentialsOutsideServerEntries: a credential anywhere in a client's
// file is evidence of the file, located by the keys it is written under,
// and gone from the stored copy; what server entries hold is left to the
// servers.
func TestCredentialsOutsideServerEntries(t *testing.T) {
	tests := []struct {
		file, content string
		settings      []string
		gone          string
	}{
		{".continue/config.yaml", "models:\n  - name: gpt\n    provider: openai\n    apiKey: sk-proj-abcdefghijklmnopqrstuvwxyz0123456789\n  - name: local\n    provider: ollama\nmcpServers:\n  - name: a\n    command: node\n    env:\n      API_KEY: Summer2030pw\n",
			[]string{"models[0].apiKey"}, "abcdefghijklmnopqrstuvwxyz0123456789"},
		{".zed/settings.json", `{"language_models": {"openai": {"api_url": "https://api.openai.com/v1", "api_key": "Summer2029pw"}}, "context_servers": {"a": {"command": "node", "env": {"TOKEN": "Summer2031pw"}}}}`,
			[]string{"language_models.openai.api_key"}, "Summer2029pw"},
		{".codex/config.toml", "[model_providers.acme]\nname = \"acme\"\nhttp_headers = { \"X-Api-Key\" = \"k3yValue2029\" }\n[mcp_servers.a]\ncommand = \"node\"\n",
			[]string{"model_providers.acme.http_headers.X-Api-Key"}, "k3yValue2029"},
		{".vscode/mcp.json", `{"inputs": [{"type":"promptString","id":"tok","password":true,"default":"hunter2low"}, {"type":"promptString","id":"region","default":"eu-west-1"}], "servers": {"a": {"command":"node","env":{"T":"${input:tok}"}}}}`,
			[]string{"inputs[0].default"}, "hunter2low"},
		{".mcp.json", `{"mcpServers": {"a": {"command": "node", "env": {"GITHUB_TOKEN": "Summer2032pw"}}}}`, nil, "Summer2032pw"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{tt.file: tt.content})
			res := collect(t, dir)
			sources, _ := index(res)
			src := sources[tt.file]
			if src == nil {
				t.Fatalf("no source for %s", tt.file)
			}
			var got []string
			for _, c := range src.Credentials {
				if c.Value.Kind != evidence.ValueLiteralSecret || !strings.HasPrefix(c.Value.Text, "[REDACTED:") || c.Line == 0 {
					t.Errorf("credential %+v is not a located, redacted literal secret", c)
				}
				got = append(got, c.Setting)
			}
			if !reflect.DeepEqual(got, tt.settings) {
				t.Errorf("credentials at %v, want %v", got, tt.settings)
			}
			if strings.Contains(string(res.Files["artifacts/"+tt.file]), tt.gone) {
				t.Errorf("the stored copy keeps %q", tt.gone)
			}
		})
	}
}

// TestCleartextURLsHandedToServers: URLs without TLS to other hosts that a
// server is given in its arguments or environment are evidence, with
// whether the server also holds credentials; loopback and templated hosts
// are not.
func TestCleartextURLsHandedToServers(t *testing.T) {
	content := `{"mcpServers": {
  "odoo": {"command": "uvx", "args": ["mcp-odoo==1.0", "--server", "http://10.1.2.3:8069", "--cache=http://cache.internal/x"],
           "env": {"ODOO_URL": "http://10.1.2.3:8069", "ODOO_PASSWORD": "${ODOO_PASSWORD}", "LOCAL": "http://localhost:8080", "TPL": "http://${HOST}:8080"}},
  "book": {"command": "docker", "args": ["run", "-i", "--rm", "-e", "BookApi__BaseUrl=http://bookapi:8080", "book:1.0"]},
  "bridge": {"command": "npx", "args": ["mcp-remote@0.1.30", "http://mcp.example.com/mcp"]}
}}`
	servers := map[string]*evidence.Server{}
	for _, s := range analyze(".mcp.json", []byte(content)) {
		if v, ok := s.(*evidence.Server); ok {
			servers[v.Name] = v
		}
	}
	var got []string
	for _, c := range servers["odoo"].CleartextURLs {
		got = append(got, c.In+" "+c.URL)
		if !c.Private || !c.WithCredentials {
			t.Errorf("odoo %+v: want private, with credentials", c)
		}
	}
	want := []string{"--cache http://cache.internal/x", "--server http://10.1.2.3:8069", "env.ODOO_URL http://10.1.2.3:8069"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("odoo cleartext URLs %v, want %v", got, want)
	}
	if b := servers["book"].CleartextURLs; len(b) != 1 || b[0].In != "env.BookApi__BaseUrl" || b[0].Host != "bookapi" || b[0].WithCredentials {
		t.Errorf("book: %+v", b)
	}
	if b := servers["bridge"].CleartextURLs; len(b) != 0 {
		t.Errorf("the bridged remote is the server's own URL, judged by MCP-TRANSPORT-01: %+v", b)
	}
}

// TestFilesDeclaringNothingTheClientReads: top-level content of a file
// dedicated to MCP servers that its client does not read is listed; keys
// that hold server entries under the wrong name are reported as ignored
// entries instead, and settings files are not dedicated.
func TestFilesDeclaringNothingTheClientReads(t *testing.T) {
	tests := []struct {
		file, content string
		unread        []string
	}{
		{".mcp.json", `{"tools": [{"name": "search"}]}`, []string{"tools"}},
		{".mcp.json", `{"$schema": "x", "mcpServers": {"a": {"command": "node"}}, "permissions": {"allow": ["mcp__a"]}}`, []string{"permissions"}},
		{".vscode/mcp.json", `{"mcpServers": {"a": {"command": "node"}}}`, nil},
		{".cursor/mcp.json", `{}`, nil},
		{".gemini/settings.json", `{"theme": "dark", "mcpServers": {"a": {"command": "node"}}}`, nil},
	}
	for _, tt := range tests {
		for _, s := range analyze(tt.file, []byte(tt.content)) {
			if src, ok := s.(*evidence.Source); ok && !reflect.DeepEqual(src.UnreadKeys, tt.unread) {
				t.Errorf("%s %s: unread keys %v, want %v", tt.file, tt.content, src.UnreadKeys, tt.unread)
			}
		}
	}
}
