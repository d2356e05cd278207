package gateway

import (
	"slices"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
)

// TestLiteLLM checks how a LiteLLM proxy config is read: its MCP servers,
// the master key, the settings LiteLLM does not read, and the grants to
// every key.
func TestLiteLLM(t *testing.T) {
	r := analyze(t, "deploy/litellm/config.yaml", `model_list:
  - model_name: gpt
    litellm_params: {model: openai/gpt-4o, api_key: os.environ/OPENAI_API_KEY}
litellm_settings:
  set_verbose: true
  master_key: sk-should-be-elsewhere-0123456789
general_settings:
  master_key: os.environ/LITELLM_MASTER_KEY
  database_url: postgresql://llm:hunter2hunter2@db:5432/litellm
mcp_servers:
  github:
    url: https://api.githubcopilot.com/mcp
    auth_type: bearer_token
    authentication_token: ghp_0123456789abcdefghijklmnopqrstuvwxyz
    allowed_tools: [list_issues]
    extra_headers: [Authorization]
  internal:
    url: http://tools.internal:8080/mcp
    transport: sse
    allow_all_keys: true
    auth: {token: x}
  local:
    transport: stdio
    command: npx
    args: ["-y", "@modelcontextprotocol/server-filesystem", "/"]
`)
	gw := r.gateway(t)
	a := gw.Authentication
	if a.Mode != "required" || gw.Credentials["general_settings.master_key"].Kind != evidence.ValueEnvReference {
		t.Errorf("authentication %+v credentials %+v", a, gw.Credentials)
	}
	if v := gw.Credentials["general_settings.database_url"]; v.Kind != evidence.ValueLiteralSecret {
		t.Errorf("database_url %+v, want a literal secret (a password in the URL)", v)
	}
	if len(gw.IgnoredSettings) != 2 {
		t.Errorf("ignored settings %v, want the misplaced master_key and the unknown auth key", gw.IgnoredSettings)
	}
	if !gw.Debug || !gw.Audit.Credentials || !gw.Audit.Enabled {
		t.Errorf("set_verbose logs keys: debug %v credentials %v; database spend logs: audit %v", gw.Debug, gw.Audit.Credentials, gw.Audit.Enabled)
	}
	if !gw.TokenPassthrough || !slices.Contains(gw.PassthroughHeaders, "Authorization") {
		t.Errorf("extra_headers Authorization forwards the client's token: %v %v", gw.TokenPassthrough, gw.PassthroughHeaders)
	}
	if !slices.Equal(gw.Authorization.Unrestricted, []string{"MCP server internal (allow_all_keys)"}) || gw.Authorization.PerTool {
		t.Errorf("authorization %+v", gw.Authorization)
	}
	gh := r.servers["github"]
	if gh.Auth.Kind != evidence.AuthStaticBearer || gh.Auth.Value.Kind != evidence.ValueLiteralSecret || !slices.Equal(gh.Approvals.IncludeTools, []string{"list_issues"}) {
		t.Errorf("github %+v", gh)
	}
	if in := r.servers["internal"]; in.Transport != evidence.TransportSSE || in.Remote.Scheme != "http" || !slices.Contains(in.UnknownKeys, "auth") {
		t.Errorf("internal %+v", in)
	}
	if l := r.servers["local"]; l.Launch == nil || len(l.FilesystemRoots) == 0 || !l.FilesystemRoots[0].Broad {
		t.Errorf("local %+v", l.Launch)
	}
	for _, data := range r.out.Files {
		for _, secret := range []string{"ghp_0123456789", "hunter2hunter2", "sk-should-be-elsewhere"} {
			if strings.Contains(string(data), secret) {
				t.Errorf("stored copy keeps %s", secret)
			}
		}
	}
}

// TestLiteLLMWithoutMasterKey checks that a config without a master key
// leaves authentication to the environment, and that the documentation's
// example key is a default credential.
func TestLiteLLMWithoutMasterKey(t *testing.T) {
	r := analyze(t, "litellm.yaml", "model_list: []\nmcp_servers:\n  s: {url: https://s.example.com/mcp}\n")
	if gw := r.gateway(t); gw.Authentication.Mode != "unknown" {
		t.Errorf("mode %s, want unknown: LITELLM_MASTER_KEY may be set", gw.Authentication.Mode)
	}
	r = analyze(t, "litellm.yaml", "general_settings: {master_key: sk-1234}\nmcp_servers:\n  s: {url: https://s.example.com/mcp}\n")
	if gw := r.gateway(t); !slices.Equal(gw.DefaultCredentials, []string{"general_settings.master_key"}) {
		t.Errorf("default credentials %v", gw.DefaultCredentials)
	}
}
