package tooldef

import (
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
)

// toolWith builds the subject of a tool with one parameter.
func toolWith(name string, param map[string]any, annotations map[string]any) *evidence.Tool {
	raw := map[string]any{"name": "t", "description": "A tool.", "inputSchema": map[string]any{
		"type": "object", "properties": map[string]any{name: param}, "additionalProperties": false,
	}}
	if annotations != nil {
		raw["annotations"] = annotations
	}
	return Subject(Definition{Type: evidence.DefinitionTool, Raw: raw}, Origin{Server: "s"}, nil)
}

func TestCredentialParameters(t *testing.T) {
	str := func(desc string) map[string]any { return map[string]any{"type": "string", "description": desc} }
	tests := []struct {
		name  string
		param map[string]any
		want  string // rule, "" for none
	}{
		// names
		{"token", str("Token."), "name"},
		{"api_key", str("Key for the weather API."), "name"},
		{"apiKey", str(""), "name"},
		{"password", str(""), "name"},
		{"db_password", str(""), "name"},
		{"githubToken", str(""), "name"},
		{"client_secret", str(""), "name"},
		{"X-API-Key", str(""), "name"},
		{"auth", map[string]any{"type": []any{"string", "null"}}, "name"},
		{"connection_string", str("Database to connect to."), "name"},
		{"apiKeys", map[string]any{"type": "array", "items": map[string]any{"type": "string"}}, "name"},
		// formats and descriptions
		{"pwd", map[string]any{"type": "string", "format": "password"}, "format"},
		{"value", str("GitHub personal access token with repo scope."), "description"},
		{"credential", str("Your OpenAI API key"), "name"},
		{"secret_value", str("The secret value to store."), "name"},
		{"value", str("The secret value to store."), "description"},
		{"db", str("Password for the database user"), "description"},
		{"login", str("Your Jira password, or an API token"), "description"},
		{"bearer", str("Bearer token used to call the upstream API."), "name"},
		{"gh", str("GitHub PAT"), "description"},
		{"cred", str("OAuth access token (from the authorization step)."), "description"},
		// not credentials
		{"max_tokens", map[string]any{"type": "integer", "description": "Maximum number of tokens to generate."}, ""},
		{"pageToken", str("A page token, received from a previous list call."), ""},
		{"next_token", str("The token for the next set of results."), ""},
		{"cursor", str("Token for the next page of results."), ""},
		{"nextPageToken", str(""), ""},
		{"issue_key", str("Jira issue key, e.g. PROJ-123."), ""},
		{"project_key", str("Project key."), ""},
		{"key", str("Key to read from the store."), ""},
		{"session", str("Name of the tmux session."), ""},
		{"key_name", str("Name of the API key to revoke."), ""},
		{"token_id", str("ID of the access token to revoke."), ""},
		{"use_auth", map[string]any{"type": "boolean", "description": "Whether to send the API key."}, ""},
		{"auth_type", map[string]any{"type": "string", "enum": []any{"basic", "bearer"}}, ""},
		{"auth", map[string]any{"type": "string", "enum": []any{"oauth", "none"}}, ""},
		{"repo", str("Repository; the server's token must be allowed to read it."), ""},
		{"text", str("Text to count tokens in."), ""},
		{"expiry", str("Token expiry in days."), ""},
		{"length", str("Password length to generate."), ""},
		{"query", str("Search query."), ""},
		{"prompt", str("Number of tokens is limited to 4096."), ""},
		{"scope", str("Scopes the new API key is granted."), ""},
		{"tokenizer", str("Tokenizer to use."), ""},
		{"note", str("Never put a password here."), ""},
	}
	for _, tt := range tests {
		tl := toolWith(tt.name, tt.param, nil)
		got := ""
		if len(tl.CredentialParameters) > 0 {
			got = tl.CredentialParameters[0].Rule
			if p := tl.CredentialParameters[0].Parameter; p != tt.name {
				t.Errorf("%s: parameter %q", tt.name, p)
			}
		}
		if got != tt.want {
			t.Errorf("%s %v: rule %q, want %q", tt.name, tt.param["description"], got, tt.want)
		}
	}
}

func TestCredentialParameterExcerptIsRedacted(t *testing.T) {
	canary := "ghp_" + strings.Repeat("Z", 36)
	tl := toolWith("token", map[string]any{"type": "string", "description": "GitHub token, e.g. " + canary}, nil)
	if len(tl.CredentialParameters) != 1 {
		t.Fatalf("credential parameters %v", tl.CredentialParameters)
	}
	if m := tl.CredentialParameters[0]; strings.Contains(m.Excerpt, canary) || !strings.HasPrefix(m.Excerpt, "token (string): GitHub token") {
		t.Errorf("excerpt %q", m.Excerpt)
	}
}

func TestNestedAndPromptCredentials(t *testing.T) {
	raw := map[string]any{"name": "connect", "inputSchema": map[string]any{"type": "object", "properties": map[string]any{
		"auth": map[string]any{"type": "object", "properties": map[string]any{
			"username": map[string]any{"type": "string"}, "password": map[string]any{"type": "string"},
		}},
	}}}
	tl := Subject(Definition{Type: evidence.DefinitionTool, Raw: raw}, Origin{Server: "s"}, nil)
	if len(tl.CredentialParameters) != 1 || tl.CredentialParameters[0].Parameter != "auth.password" {
		t.Errorf("nested: %v", tl.CredentialParameters)
	}
	prompt := Subject(Definition{Type: evidence.DefinitionPrompt, Raw: map[string]any{"name": "deploy", "arguments": []any{
		map[string]any{"name": "environment"}, map[string]any{"name": "api_token", "required": true},
	}}}, Origin{Server: "s"}, nil)
	if len(prompt.CredentialParameters) != 1 || prompt.CredentialParameters[0].Parameter != "api_token" {
		t.Errorf("prompt: %v", prompt.CredentialParameters)
	}
	if len(prompt.LooseSchema)+len(prompt.UnconstrainedInputs) > 0 {
		t.Errorf("prompt arguments judged as tool inputs: %v %v", prompt.LooseSchema, prompt.UnconstrainedInputs)
	}
}

func TestLooseSchema(t *testing.T) {
	readOnly := map[string]any{"readOnlyHint": true}
	tests := []struct {
		name  string
		in    map[string]any
		annot map[string]any
		want  []string // rule:parameter
	}{
		{"empty schema of an acting tool", map[string]any{"type": "object"}, nil, []string{"no-properties:"}},
		{"empty schema, additionalProperties true", map[string]any{"type": "object", "additionalProperties": true}, nil, []string{"no-properties:"}},
		{"closed empty schema", map[string]any{"type": "object", "additionalProperties": false}, nil, nil},
		{"read-only tool without properties", map[string]any{"type": "object"}, readOnly, nil},
		{"open properties", map[string]any{"type": "object", "properties": map[string]any{"a": map[string]any{"type": "number"}}}, nil,
			[]string{"additional-properties:"}},
		{"read-only open properties", map[string]any{"type": "object", "properties": map[string]any{"a": map[string]any{"type": "number"}}}, readOnly, nil},
		{"untyped parameter", map[string]any{"type": "object", "additionalProperties": false, "properties": map[string]any{
			"value": map[string]any{"description": "Anything."}, "mode": map[string]any{"enum": []any{"a", "b"}},
			"choice": map[string]any{"anyOf": []any{map[string]any{"type": "string"}}},
		}}, readOnly, []string{"untyped:value"}},
		{"referenced schema is not judged whole", map[string]any{"$ref": "#/$defs/Args", "$defs": map[string]any{}}, nil, nil},
	}
	for _, tt := range tests {
		raw := map[string]any{"name": "t", "inputSchema": tt.in}
		if tt.annot != nil {
			raw["annotations"] = tt.annot
		}
		tl := Subject(Definition{Type: evidence.DefinitionTool, Raw: raw}, Origin{Server: "s"}, nil)
		var got []string
		for _, m := range tl.LooseSchema {
			got = append(got, m.Rule+":"+m.Parameter)
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestUnconstrainedInputs(t *testing.T) {
	str := func(desc string) map[string]any { return map[string]any{"type": "string", "description": desc} }
	tests := []struct {
		name     string
		param    map[string]any
		toolDesc string
		want     string
	}{
		{"path", str("Path to read."), "", "path"},
		{"file_path", str(""), "", "path"},
		{"target", str("Absolute path of the folder to list."), "", "path"},
		{"directory", map[string]any{"type": "string", "pattern": "^/srv/data/[^.]+$"}, "", ""},
		{"file_id", str("ID of the file."), "", ""},
		{"file_content", str("Content to write."), "", ""},
		{"url", str("Page to fetch."), "", "url"},
		{"target", map[string]any{"type": "string", "format": "uri"}, "", "url"},
		{"webhookUrl", str(""), "", "url"},
		{"url", map[string]any{"type": "string", "enum": []any{"https://a.example", "https://b.example"}}, "", ""},
		{"command", str("Command to run."), "", "command"},
		{"input", str("Shell command to execute in the sandbox."), "", "command"},
		{"cmd", map[string]any{"type": "string", "enum": []any{"status", "log"}}, "", ""},
		{"sql", str("Statement."), "", "sql"},
		{"query", str("Read-only SQL query."), "", "sql"},
		{"query", str("Query to run."), "Runs a query against the Postgres database.", "sql"},
		{"query", str("What to search for."), "Searches the web.", ""},
		{"count", map[string]any{"type": "integer"}, "", ""},
	}
	for _, tt := range tests {
		raw := map[string]any{"name": "t", "description": tt.toolDesc, "inputSchema": map[string]any{
			"type": "object", "properties": map[string]any{tt.name: tt.param}, "additionalProperties": false}}
		tl := Subject(Definition{Type: evidence.DefinitionTool, Raw: raw}, Origin{Server: "s"}, nil)
		got := ""
		if len(tl.UnconstrainedInputs) > 0 {
			got = tl.UnconstrainedInputs[0].Rule
		}
		if got != tt.want {
			t.Errorf("%s %v (tool %q): %q, want %q", tt.name, tt.param, tt.toolDesc, got, tt.want)
		}
	}
}

// TestManifestSummaryNotJudged: a tool without an input schema (an MCPB
// manifest's summary) has no schema facts.
func TestManifestSummaryNotJudged(t *testing.T) {
	tl := Subject(Definition{Type: evidence.DefinitionTool, Raw: map[string]any{"name": "get_token", "description": "Gets a token."}}, Origin{Server: "s"}, nil)
	if len(tl.CredentialParameters)+len(tl.LooseSchema)+len(tl.UnconstrainedInputs) > 0 {
		t.Errorf("summary judged: %v %v %v", tl.CredentialParameters, tl.LooseSchema, tl.UnconstrainedInputs)
	}
}
