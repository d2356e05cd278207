package clientconfig

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// Canary secrets. Every one contains "CANARY", so the check below is simply
// that the word appears nowhere in the output.
const (
	canaryGitHub   = "ghp_CANARY0123456789abcdefghijklmnopqrstu"
	canaryOpenAI   = "sk-CANARYabcdefghijklmnopqrstuvwxyz0123456789AB"
	canaryArg      = "sk-CANARYarg0123456789abcdefghijklmnopqrstuvwx"
	canaryPassword = "CANARYpassw0rdXyZ12345"
	canaryQuery    = "sk-CANARYquery0123456789abcdefghijklmnopqrstu"
	canaryHeader   = "ghp_CANARYheader0123456789abcdefghijklmnop"
)

// canaryFixtures plants the canaries in env values, arguments, headers, URL
// userinfo and URL queries, in every format.
func canaryFixtures() map[string]string {
	r := strings.NewReplacer(
		"$GH", canaryGitHub, "$SK", canaryOpenAI, "$ARG", canaryArg,
		"$PW", canaryPassword, "$Q", canaryQuery, "$HDR", canaryHeader)
	url := "https://admin:$PW@mcp.example.com/mcp?api_key=$Q"
	jsonServers := func(urlKey string, extra string) string {
		return `{
  "mcpServers": {
    "local": {"command": "npx", "args": ["-y", "some-server@1.0.0", "--api-key", "$ARG"],
              "env": {"GITHUB_TOKEN": "$GH", "OPENAI_API_KEY": "$SK", "DB_PASSWORD": "$PW"}` + extra + `},
    "remote": {"` + urlKey + `": "` + url + `", "headers": {"Authorization": "Bearer $HDR"}` + extra + `}
  }
}`
	}
	files := map[string]string{
		"claude_desktop_config.json":                          jsonServers("url", ""),
		".mcp.json":                                           strings.Replace(jsonServers("url", ""), `"remote": {`, `"remote": {"type": "http", `, 1),
		".cursor/mcp.json":                                    jsonServers("url", ""),
		".codeium/windsurf/mcp_config.json":                   jsonServers("serverUrl", ""),
		".gemini/antigravity/mcp_config.json":                 jsonServers("serverUrl", ""),
		"cline_mcp_settings.json":                             jsonServers("url", `, "autoApprove": []`),
		".gemini/settings.json":                               jsonServers("httpUrl", ""),
		".continue/mcpServers/claude.json":                    jsonServers("url", ""),
		"notes/copied-config.json":                            jsonServers("url", ""),
		".claude.json":                                        strings.Replace(jsonServers("url", ""), `"remote": {`, `"remote": {"type": "http", `, 1),
		"managed-mcp.json":                                    jsonServers("url", ""),
		".vscode/mcp.json":                                    strings.Replace(jsonServers("url", ""), "mcpServers", "servers", 1),
		"Library/Application Support/Code/User/settings.json": `{"mcp": ` + strings.Replace(jsonServers("url", ""), "mcpServers", "servers", 1) + `}`,
		".zed/settings.json":                                  strings.Replace(jsonServers("url", ""), "mcpServers", "context_servers", 1),
		".continue/config.yaml": `mcpServers:
  - name: local
    command: npx
    args: ["-y", "some-server@1.0.0", "--api-key", "$ARG"]
    env:
      GITHUB_TOKEN: $GH
      OPENAI_API_KEY: "$SK"
      DB_PASSWORD: $PW
  - name: remote
    type: streamable-http
    url: ` + url + `
    requestOptions:
      headers:
        Authorization: Bearer $HDR
`,
		".codex/config.toml": `[mcp_servers.local]
command = "npx"
args = ["-y", "some-server@1.0.0", "--api-key", "$ARG"]
env = { GITHUB_TOKEN = "$GH", OPENAI_API_KEY = "$SK", DB_PASSWORD = "$PW" }

[mcp_servers.remote]
url = "` + url + `"
http_headers = { Authorization = "Bearer $HDR" }
`,
		"server.json": `{
  "$schema": "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",
  "name": "io.github.example/canary",
  "version": "1.0.0",
  "packages": [{"registryType": "npm", "identifier": "canary-server", "version": "1.0.0",
    "packageArguments": [{"type": "named", "name": "--api-key", "value": "$ARG"}],
    "environmentVariables": [{"name": "GITHUB_TOKEN", "value": "$GH"}, {"name": "DB_PASSWORD", "isSecret": true, "default": "$PW"}]}],
  "remotes": [{"type": "streamable-http", "url": "` + url + `",
    "headers": [{"name": "Authorization", "value": "Bearer $HDR", "isSecret": true}]}]
}`,
		"bundle/manifest.json": `{
  "manifest_version": "0.3", "name": "canary", "version": "1.0.0", "description": "d", "author": {"name": "a"},
  "server": {"type": "node", "entry_point": "index.js",
    "mcp_config": {"command": "node", "args": ["index.js", "--api-key", "$ARG"], "env": {"GITHUB_TOKEN": "$GH", "OPENAI_API_KEY": "$SK"}}},
  "user_config": {"db_password": {"type": "string", "sensitive": true, "default": "$PW"}}
}`,
		// Broken files still carry secrets: they must not leak through parse
		// errors or the stored artifact.
		"broken/.cursor/mcp.json":      `{"mcpServers": {"x": {"command": "npx", "env": {"GITHUB_TOKEN": $GH}}}}`,
		"broken/.continue/config.yaml": "mcpServers:\n  - name: x\n    env: {OPENAI_API_KEY: $SK\n  bad: [\n",
		"broken/.codex/config.toml":    "[mcp_servers.x]\nenv = { DB_PASSWORD = $PW }\n",
		"comment/.vscode/mcp.json":     "{\n  // old token: $GH\n  \"servers\": {}\n}\n",
	}
	out := make(map[string]string, len(files))
	for k, v := range files {
		out[k] = r.Replace(v)
	}
	return out
}

func TestCanarySecretsNeverLeak(t *testing.T) {
	dir := t.TempDir()
	fixtures := canaryFixtures()
	writeFiles(t, dir, fixtures)
	res := collect(t, dir)

	_, servers := index(res)
	if len(servers) < 2*14 {
		t.Fatalf("only %d servers read from the canary fixtures; every format should yield two", len(servers))
	}
	out, err := json.Marshal(res.Subjects)
	if err != nil {
		t.Fatal(err)
	}
	art, err := json.Marshal(res.Artifacts)
	if err != nil {
		t.Fatal(err)
	}
	for _, blob := range [][]byte{out, art} {
		if i := bytes.Index(blob, []byte("CANARY")); i >= 0 {
			lo, hi := max(0, i-200), min(len(blob), i+60)
			t.Errorf("canary in subjects/artifacts JSON: …%s…", blob[lo:hi])
		}
	}
	if len(res.Files) != len(fixtures) {
		t.Errorf("bundle holds %d files, want %d", len(res.Files), len(fixtures))
	}
	for name, content := range res.Files {
		if i := bytes.Index(content, []byte("CANARY")); i >= 0 {
			lo, hi := max(0, i-80), min(len(content), i+40)
			t.Errorf("canary in bundle file %s: …%s…", name, content[lo:hi])
		}
	}
}
