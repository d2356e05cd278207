package secrets

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/tollgate-dev/tollgate/evidence"
)

// corpusDir is the shared corpus of real MCP configuration files.
const corpusDir = "../../../shared/corpus"

func corpusFile(t *testing.T, pattern string) []byte {
	t.Helper()
	matches, _ := filepath.Glob(filepath.Join(corpusDir, pattern))
	if len(matches) == 0 {
		t.Skipf("corpus file %s not present", pattern)
	}
	data, err := os.ReadFile(matches[0])
	if err != nil {
		t.Fatalf("read %s: %v", matches[0], err)
	}
	return data
}

// serverEnv decodes {"<root>": {"name": {"env": {...}, "headers": {...}}}}.
func serverEnv(t *testing.T, data []byte, root string) map[string]map[string]string {
	t.Helper()
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		t.Skipf("corpus file is not strict JSON: %v", err)
	}
	var servers map[string]struct {
		Env     map[string]string `json:"env"`
		Headers map[string]string `json:"headers"`
	}
	if err := json.Unmarshal(top[root], &servers); err != nil {
		t.Fatalf("decode %s: %v", root, err)
	}
	out := map[string]map[string]string{}
	for name, s := range servers {
		m := map[string]string{}
		for k, v := range s.Env {
			m[k] = v
		}
		for k, v := range s.Headers {
			m[k] = v
		}
		out[name] = m
	}
	return out
}

func TestCorpusValues(t *testing.T) {
	type want struct {
		server, key, kind, reason string
		secret                    bool
	}
	tests := []struct {
		file, client, root string
		want               []want
		canaries           []string
	}{
		{"cline/datar-ai__*.json", "cline", "mcpServers", []want{
			{"github.com/modelcontextprotocol/servers/tree/main/src/brave-search", "BRAVE_API_KEY", evidence.ValueLiteralSecret, "key-name", true},
			{"mssql", "MSSQL_PASSWORD", evidence.ValueLiteralSecret, "key-name", true},
			{"mssql", "MSSQL_USER", evidence.ValueLiteral, "", false},
			{"mssql", "MSSQL_DRIVER", evidence.ValueLiteral, "", false},
			{"excel", "PATH", evidence.ValueUnexpandedReference, "", false},
			{"excel", "EXCEL_FILES_PATH", evidence.ValueLiteral, "", false},
		}, []string{"BSAFk3eXmpl0Dummy00KeyNotReal12", "FakeP4sswordNotReal0000"}},
		{"gemini-cli/AHartTN__*.json", "gemini-cli", "mcpServers", []want{
			{"qdrant", "OPENAI_API_KEY", evidence.ValueLiteralSecret, "key-name", true},
			{"pinecone", "PINECONE_API_KEY", evidence.ValueLiteralSecret, "key-name", true},
			{"qdrant", "QDRANT_URL", evidence.ValueLiteral, "", false},
			{"qdrant", "COLLECTION_NAME", evidence.ValueLiteral, "", false},
		}, []string{"Example!000"}},
		{"claude-code/01Vishwa__*.json", "claude-code", "mcpServers", []want{
			{"notion", "NOTION_API_TOKEN", evidence.ValuePlaceholder, "", true},
		}, nil},
		{"vscode/220631948__*.json", "vscode", "mcpServers", []want{
			{"context7", "CONTEXT7_API_KEY", evidence.ValueInputReference, "key-name", true},
			{"github", "Authorization", evidence.ValueInputReference, "key-name", true},
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data := corpusFile(t, tt.file)
			env := serverEnv(t, data, tt.root)
			syn := SyntaxFor(tt.client)
			for _, w := range tt.want {
				val, ok := env[w.server][w.key]
				if !ok {
					t.Fatalf("%s/%s missing from corpus file", w.server, w.key)
				}
				got := Classify(w.key, val, syn)
				if got.Kind != w.kind || got.Reason != w.reason || got.Secret != w.secret {
					t.Errorf("%s %s = %+v; want kind=%s reason=%q secret=%v", w.server, w.key, got, w.kind, w.reason, w.secret)
				}
			}
			out := NewRedactor().RedactString(string(data))
			for _, c := range tt.canaries {
				if strings.Contains(out, c) {
					t.Errorf("redacted artifact still holds %q", c)
				}
			}
		})
	}
}

func TestCorpusHelmWeakDefaults(t *testing.T) {
	data := corpusFile(t, "kubernetes/IBM__*values.yaml")
	var doc struct {
		MCPContextForge struct {
			Secret map[string]string `yaml:"secret"`
		} `yaml:"mcpContextForge"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("parse values.yaml: %v", err)
	}
	sec := doc.MCPContextForge.Secret
	if len(sec) == 0 {
		t.Skip("values.yaml layout changed: no mcpContextForge.secret block")
	}
	wants := map[string]struct{ kind, reason string }{
		"BASIC_AUTH_PASSWORD":    {evidence.ValueLiteralSecret, "weak-default"},
		"JWT_SECRET_KEY":         {evidence.ValueLiteralSecret, "key-name"},
		"AUTH_ENCRYPTION_SECRET": {evidence.ValueEmpty, ""},
		"TOKEN_EXPIRY":           {evidence.ValueLiteral, ""},
		"JWT_ALGORITHM":          {evidence.ValueLiteral, ""},
		"BASIC_AUTH_USER":        {evidence.ValueLiteral, ""},
	}
	for key, w := range wants {
		got := Classify(key, sec[key], Syntax{})
		if got.Kind != w.kind || got.Reason != w.reason {
			t.Errorf("%s=%q → %+v; want %s/%s", key, sec[key], got, w.kind, w.reason)
		}
	}
	out := NewRedactor().RedactString(string(data))
	for _, weak := range []string{"BASIC_AUTH_PASSWORD: changeme", "my-test-key-but-now-longer-than-32-bytes", "password: test123", "change-me-redis", "admin123", "minioadminchangeme"} {
		if strings.Contains(out, weak) {
			t.Errorf("redacted values.yaml still holds %q", weak)
		}
	}
}
