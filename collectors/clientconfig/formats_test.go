package clientconfig

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
)

var update = flag.Bool("update", false, "rewrite golden files")

const formatsDir = "testdata/formats"

func TestFormats(t *testing.T) {
	res := collect(t, formatsDir)
	_, servers := index(res)
	type want struct {
		client, format, scope, transport, auth string
		line                                   int
		ignored, disabled                      bool
		unknown                                []string
		approvals                              evidence.Approvals
	}
	local, oauthCap, none := evidence.AuthLocal, evidence.AuthOAuthCapable, evidence.AuthNone
	stdio, http, sse := evidence.TransportStdio, evidence.TransportStreamableHTTP, evidence.TransportSSE
	tests := []struct {
		key string
		want
	}{
		{"desktop/claude_desktop_config.json#fs", want{client: "claude-desktop", scope: "user", transport: stdio, auth: local, line: 3}},
		{"desktop/claude_desktop_config.json#remote", want{client: "claude-desktop", scope: "user", transport: http, auth: none, line: 8, ignored: true, unknown: []string{"url"}}},
		{"desktop/claude_desktop_config.json#stray", want{client: "claude-desktop", scope: "user", transport: stdio, auth: local, line: 10, ignored: true}},
		{"proj/.mcp.json#github", want{client: "claude-code", format: "claude-code/.mcp.json", scope: "project", transport: http, line: 3}},
		{"proj/.mcp.json#events", want{client: "claude-code", scope: "project", transport: sse, auth: oauthCap, line: 8}},
		{"proj/.mcp.json#bare", want{client: "claude-code", scope: "project", transport: http, line: 9, ignored: true}},
		{"proj/.mcp.json#local", want{client: "claude-code", scope: "project", transport: stdio, auth: local, line: 10, unknown: []string{"timeout"}}},
		{"proj/.cursor/mcp.json#docs", want{client: "cursor", scope: "project", transport: http, auth: oauthCap, line: 3}},
		{"proj/.cursor/mcp.json#legacy", want{client: "cursor", transport: sse, auth: oauthCap, line: 4}},
		{"proj/.cursor/mcp.json#tool", want{client: "cursor", transport: stdio, auth: local, line: 5}},
		{"proj/.cursor/mcp.json#misplaced", want{client: "cursor", transport: stdio, auth: local, line: 8, ignored: true}},
		{"proj/.vscode/mcp.json#api", want{client: "vscode", format: "vscode/mcp.json", scope: "project", transport: http, line: 7}},
		{"proj/.vscode/mcp.json#events", want{client: "vscode", transport: sse, auth: oauthCap, line: 12}},
		{"proj/.vscode/mcp.json#local", want{client: "vscode", transport: stdio, auth: local, line: 13, unknown: []string{"sandbox"}}},
		{"proj/.vscode/mcp.json#ignored", want{client: "vscode", transport: stdio, auth: local, line: 16, ignored: true}},
		{"proj/.zed/settings.json#flat", want{client: "zed", transport: stdio, auth: local, line: 5, approvals: evidence.Approvals{AutoApproveAll: true, Mode: "always_allow_tool_actions"}}},
		{"proj/.zed/settings.json#nested", want{client: "zed", transport: stdio, auth: local, line: 6, unknown: []string{"command.extra"}, approvals: evidence.Approvals{AutoApproveAll: true, Mode: "always_allow_tool_actions"}}},
		{"proj/.zed/settings.json#remote", want{client: "zed", transport: http, auth: evidence.AuthOAuthCapable, line: 7, approvals: evidence.Approvals{AutoApproveAll: true, Mode: "always_allow_tool_actions"}}},
		{"proj/.zed/settings.json#vscode-shaped", want{client: "zed", transport: stdio, auth: local, line: 9, ignored: true, approvals: evidence.Approvals{AutoApproveAll: true, Mode: "always_allow_tool_actions"}}},
		{"proj/.gemini/settings.json#stream", want{client: "gemini-cli", transport: http, auth: oauthCap, line: 4, approvals: evidence.Approvals{AutoApproveAll: true, Trust: true}}},
		{"proj/.gemini/settings.json#legacy", want{client: "gemini-cli", transport: sse, auth: oauthCap, line: 5, approvals: evidence.Approvals{IncludeTools: []string{"read"}, ExcludeTools: []string{"delete", "write"}}}},
		{"proj/.gemini/settings.json#local", want{client: "gemini-cli", transport: stdio, auth: local, line: 6}},
		{"proj/.gemini/settings.json#off", want{client: "gemini-cli", transport: stdio, auth: local, line: 7, disabled: true}},
		{"proj/.codex/config.toml#docs", want{client: "codex", format: "codex/config.toml", transport: http, auth: evidence.AuthReference, line: 3, approvals: evidence.Approvals{IncludeTools: []string{"search"}}}},
		{"proj/.codex/config.toml#local", want{client: "codex", transport: stdio, auth: local, line: 8, disabled: true, approvals: evidence.Approvals{AutoApproveAll: true, Mode: "approve"}}},
		{"proj/.codex/config.toml#headers", want{client: "codex", transport: http, line: 18, unknown: []string{"unknown_field"}, approvals: evidence.Approvals{AutoApprove: []string{"delete"}}}},
		{"proj/.continue/config.yaml#browser", want{client: "continue", format: "continue/config.yaml", transport: stdio, auth: local, line: 6}},
		{"proj/.continue/config.yaml#remote", want{client: "continue", transport: http, auth: none, line: 10}},
		{"proj/.continue/config.yaml#events", want{client: "continue", transport: sse, auth: none, line: 16}},
		{"proj/.continue/mcpServers/block.json#json-block", want{client: "continue", format: "continue/mcpServers.json", transport: stdio, auth: local, line: 3}},
		{"windsurf/.codeium/windsurf/mcp_config.json#remote", want{client: "windsurf", scope: "user", transport: http, auth: oauthCap, line: 3, approvals: evidence.Approvals{ExcludeTools: []string{"dangerous"}}}},
		{"windsurf/.codeium/windsurf/mcp_config.json#wrong", want{client: "windsurf", transport: http, line: 4, ignored: true, unknown: []string{"url"}}},
		{"windsurf/.codeium/windsurf/mcp_config.json#local", want{client: "windsurf", transport: stdio, auth: local, line: 5, disabled: true}},
		{"antigravity/.gemini/antigravity/mcp_config.json#bridge", want{client: "antigravity", format: "antigravity/mcp_config.json", scope: "user", transport: stdio, line: 3}},
		{"cline/cline_mcp_settings.json#db", want{client: "cline", scope: "user", transport: stdio, auth: local, line: 3, approvals: evidence.Approvals{AutoApprove: []string{"list", "query"}}}},
		{"cline/cline_mcp_settings.json#stream", want{client: "cline", transport: http, auth: none, line: 12, approvals: evidence.Approvals{AutoApprove: []string{"*"}, AutoApproveAll: true}}},
		{"cline/cline_mcp_settings.json#events", want{client: "cline", transport: sse, auth: none, line: 13, disabled: true}},
		{"home/.claude.json#user-server", want{client: "claude-code", format: "claude-code/.claude.json", scope: "user", transport: stdio, auth: local, line: 4}},
		{"home/.claude.json#local-server", want{client: "claude-code", scope: "local", transport: stdio, auth: local, line: 9}},
		{"home/managed-mcp.json#company", want{client: "claude-code", format: "claude-code/managed-mcp.json", scope: "managed", transport: http, auth: oauthCap, line: 3}},
		{"bundle/manifest.json#notes", want{client: "mcpb", scope: "bundle", transport: stdio, auth: local, line: 7}},
		{"vscode-user/Code/User/settings.json#legacy", want{client: "vscode", format: "vscode/settings.json", scope: "user", transport: stdio, auth: local, line: 5}},
		{"generic/team-mcp-servers.json#shared", want{client: "unknown", format: "generic/mcpServers.json", scope: "project", transport: stdio, auth: local, line: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			s := servers[tt.key]
			if s == nil {
				t.Fatalf("server %s not found", tt.key)
			}
			check := func(field string, got, want any) {
				t.Helper()
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s = %#v, want %#v", field, got, want)
				}
			}
			check("client", s.Client, tt.client)
			if tt.format != "" {
				check("format", s.Format, tt.format)
			}
			if tt.scope != "" {
				check("scope", s.Scope, tt.scope)
			}
			check("transport", s.Transport, tt.transport)
			if tt.auth != "" {
				check("auth", s.Auth.Kind, tt.auth)
			}
			check("line", s.Provenance.Line, tt.line)
			check("ignored", s.Ignored, tt.ignored)
			if s.Ignored && s.IgnoredReason == "" {
				t.Error("ignored without a reason")
			}
			check("disabled", s.Disabled, tt.disabled)
			check("unknown keys", s.UnknownKeys, tt.unknown)
			check("approvals", s.Approvals, tt.approvals)
			if len(s.Links) != 1 || s.Links[0] != evidence.MakeID(evidence.KindSource, s.Provenance.File, "") {
				t.Errorf("links = %v, want the source", s.Links)
			}
			if s.Provenance.SHA256 == "" || !s.Provenance.Collected.Equal(fixedNow) || s.Provenance.Collector != "clientconfig/"+s.Client {
				t.Errorf("provenance incomplete: %+v", s.Provenance)
			}
		})
	}
}

func TestFormatDetails(t *testing.T) {
	res := collect(t, formatsDir)
	sources, servers := index(res)

	if src := sources["proj/.vscode/mcp.json"]; src == nil || !src.JSONC || src.Status != evidence.StatusOK || src.Servers != 3 || src.IgnoredEntries != 1 {
		t.Errorf("vscode source = %+v, want ok, JSONC, 3 live, 1 ignored", src)
	}
	if v := servers["proj/.vscode/mcp.json#api"].Remote.Headers["Authorization"]; v.Kind != evidence.ValueInputReference || !v.Secret {
		t.Errorf("password input reference = %+v, want a secret input-reference", v)
	}
	docs := servers["proj/.codex/config.toml#docs"]
	if docs.Auth.Value == nil || docs.Auth.Value.Ref != "DOCS_TOKEN" || docs.Auth.Value.Kind != evidence.ValueEnvReference {
		t.Errorf("codex bearer_token_env_var auth = %+v", docs.Auth)
	}
	if v := servers["proj/.codex/config.toml#headers"].Remote.Headers["X-Api-Key"]; v.Kind != evidence.ValueEnvReference || v.Ref != "H_KEY" {
		t.Errorf("codex env_http_headers = %+v", v)
	}

	reg := map[string]*evidence.Server{}
	for _, subj := range res.Subjects {
		if s, ok := subj.(*evidence.Server); ok && s.Client == "mcp-registry" {
			reg[s.Provenance.Pointer] = s
		}
	}
	if len(reg) != 3 {
		t.Fatalf("registry servers = %d, want 3 (two packages, one remote)", len(reg))
	}
	npm := reg["/packages/0"]
	if m := npm.Manifest; m == nil || !m.ReverseDNSName || !m.ExplicitVersion || m.SchemaVersion != "2025-12-11" ||
		!reflect.DeepEqual(m.UnmarkedSecrets, []string{"WEATHER_API_KEY"}) || len(m.SchemaErrors) != 1 {
		t.Errorf("npm package manifest = %+v", npm.Manifest)
	}
	if p := npm.Launch.Package; p.Ecosystem != "npm" || p.Name != "@example/weather-mcp" || p.Pinning != evidence.PinExact || !p.Pinned {
		t.Errorf("npm package = %+v", p)
	}
	if v := npm.Env["WEATHER_TOKEN"]; !v.Secret || v.Kind != evidence.ValueInputReference {
		t.Errorf("declared secret = %+v", v)
	}
	if !reg["/packages/1"].Manifest.MissingFileSHA256 {
		t.Error("mcpb package without fileSha256 not flagged")
	}
	remote := reg["/remotes/0"]
	if remote.Transport != evidence.TransportStreamableHTTP || remote.Auth.Kind != evidence.AuthAPIKey || remote.Auth.Header != "X-API-Key" {
		t.Errorf("registry remote = %s %+v", remote.Transport, remote.Auth)
	}

	bundle := servers["bundle/manifest.json#notes"]
	m := bundle.Manifest
	if m.Type != "mcpb" || m.SchemaVersion != "0.3" || m.PrivacyPolicies != 1 ||
		!reflect.DeepEqual(m.Tools, []string{"read_note", "write_note"}) ||
		!reflect.DeepEqual(m.UnmarkedSecrets, []string{"api_secret"}) ||
		!reflect.DeepEqual(m.SchemaErrors, []string{`unknown key "telemetry"`}) {
		t.Errorf("mcpb manifest = %+v", m)
	}
	if v := bundle.Env["NOTES_TOKEN"]; !v.Secret {
		t.Errorf("sensitive user_config reference = %+v, want secret", v)
	}
}

func TestGolden(t *testing.T) {
	res := collect(t, formatsDir)
	got, err := json.MarshalIndent(struct {
		Subjects  any `json:"subjects"`
		Artifacts any `json:"artifacts"`
	}{res.Subjects, res.Artifacts}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden := filepath.Join("testdata", "golden", "formats.json")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden (run with -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s; run go test -run TestGolden -update and review the diff", golden)
	}
	// A second run gives byte-identical output.
	again := collect(t, formatsDir)
	b2, _ := json.MarshalIndent(struct {
		Subjects  any `json:"subjects"`
		Artifacts any `json:"artifacts"`
	}{again.Subjects, again.Artifacts}, "", "  ")
	if !bytes.Equal(append(b2, '\n'), got) {
		t.Error("two runs over the same input differ")
	}
}
