package export

import (
	"context"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/pipeline"
	"github.com/tollgate-dev/tollgate/policy"
)

const exportPolicy = `package policy

approved: github: {
	package: {ecosystem: "npm", name: "@modelcontextprotocol/server-github", versions: ["2025.4.8", "2025.5.*"]}
	owner: "platform"
	tools: ["get_*", "create_issue", "*_comment"]
}
approved: time: {
	package: {ecosystem: "pypi", name: "mcp-server-time", versions: ["0.6.2"]}
	owner: "it"
}
approved: fetch: {
	image: {name: "mcp/fetch", digests: ["sha256:2222222222222222222222222222222222222222222222222222222222222222"]}
	owner: "platform"
	tools: ["fetch"]
}
approved: sentry: {
	url:   "https://mcp.sentry.dev/mcp"
	owner: "web"
}
approved: legacy: {
	command: ["/opt/mcp/legacy", "--stdio"]
	owner: "ops"
}
approved: docs: {
	url:   "https://docs.internal.example/sse"
	owner: "docs"
	transports: ["sse"]
}
approved: internal: {
	url:   "https://*.internal.example/*"
	owner: "platform"
}
approved: warehouse: {
	image: {name: "ghcr.io/acme/warehouse-mcp", digests: ["sha256:4444444444444444444444444444444444444444444444444444444444444444"]}
	owner: "data"
	paths: ["repos/data/**"]
}
approved: unpinned: {
	package: {ecosystem: "npm", name: "@acme/unpinned"}
	owner: "TODO"
}
approved: refs: {
	name:  "docker-enabled"
	owner: "platform"
}
denied: evil: {
	package: {ecosystem: "npm", name: "@evil/*"}
	reason:  "malicious publisher"
}
denied: "bad-release": {
	package: {ecosystem: "npm", name: "@modelcontextprotocol/server-github", versions: ["2025.1.0"]}
	reason:  "compromised"
}
denied: "evil-host": {
	url:    "https://*.evil.example/*"
	reason: "exfiltrates"
}
`

func loadPolicy(t *testing.T) (*policy.Policy, string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "policy.cue"), []byte(exportPolicy), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := policy.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return p, dir
}

// writeExport exports the policy for every target into a new folder.
func writeExport(t *testing.T, p *policy.Policy) (string, []Skipped) {
	t.Helper()
	files, skipped, err := Export(p, []string{"all"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range files {
		path := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, skipped
}

// collect reads a folder with Tollgate's own collectors.
func collect(t *testing.T, dir string) *evidence.Bundle {
	t.Helper()
	b, err := pipeline.Collect(context.Background(), collectors.Request{Paths: []string{dir}, Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sourceOf returns the source subject read from path.
func sourceOf(t *testing.T, b *evidence.Bundle, path string) *evidence.Source {
	t.Helper()
	for _, s := range b.Subjects {
		if src, ok := s.(*evidence.Source); ok && src.Name == path {
			return src
		}
	}
	t.Fatalf("no source %s", path)
	return nil
}

// serversOf returns the servers declared in path, by name.
func serversOf(b *evidence.Bundle, path string) map[string]*evidence.Server {
	out := map[string]*evidence.Server{}
	for _, s := range b.Subjects {
		if srv, ok := s.(*evidence.Server); ok && srv.Provenance.File == path {
			out[srv.Name] = srv
		}
	}
	return out
}

// TestExportsReadBackCleanly: every file an export writes is one Tollgate's
// own collectors read without a problem, as the product would: a clean
// source, every entry read as a live server, no key the product does not
// know, no setting it rejects.
func TestExportsReadBackCleanly(t *testing.T) {
	p, _ := loadPolicy(t)
	dir, _ := writeExport(t, p)
	b := collect(t, dir)
	for _, path := range []string{"claude-code/managed-mcp.json", "claude-code/managed-settings.json", "docker/docker-mcp-catalog.yaml", "agentgateway/agentgateway.yaml"} {
		src := sourceOf(t, b, path)
		if src.Status != evidence.StatusOK || len(src.Diagnostics) != 0 || src.IgnoredEntries != 0 {
			t.Errorf("%s read back as %s (%d ignored entries): %+v", path, src.Status, src.IgnoredEntries, src.Diagnostics)
		}
		for name, s := range serversOf(b, path) {
			if s.Ignored || len(s.UnknownKeys) > 0 {
				t.Errorf("%s: server %s ignored (%s) or with unknown keys %v", path, name, s.IgnoredReason, s.UnknownKeys)
			}
		}
	}
	want := map[string][]string{
		"claude-code/managed-mcp.json":   {"docs", "fetch", "github", "legacy", "sentry", "time"},
		"docker/docker-mcp-catalog.yaml": {"docs", "fetch", "sentry"},
		"agentgateway/agentgateway.yaml": {"docs", "fetch", "github", "legacy", "sentry", "time"},
	}
	for path, names := range want {
		got := slices.Sorted(func(yield func(string) bool) {
			for n := range serversOf(b, path) {
				if !yield(n) {
					return
				}
			}
		})
		if !slices.Equal(got, names) {
			t.Errorf("%s servers %v, want %v", path, got, names)
		}
	}
	for _, s := range b.Subjects {
		if gw, ok := s.(*evidence.Gateway); ok {
			if len(gw.ConfigErrors) > 0 || len(gw.IgnoredSettings) > 0 {
				t.Errorf("%s: settings agentgateway would reject or ignore: %v %v", gw.Name, gw.ConfigErrors, gw.IgnoredSettings)
			}
			if gw.Authorization.Kind != "cel" || !gw.Authorization.PerTool {
				t.Errorf("the exported gateway must authorize tools per tool with CEL: %+v", gw.Authorization)
			}
		}
	}
}

// TestExportsAreApprovedByTheirPolicy: assessing what an export deploys with
// the policy it came from finds every server approved, at an allowed
// version, and denied by nothing.
func TestExportsAreApprovedByTheirPolicy(t *testing.T) {
	p, policyDir := loadPolicy(t)
	dir, _ := writeExport(t, p)
	b := collect(t, dir)
	res, err := pipeline.Evaluate(context.Background(), b, pipeline.EvaluateOptions{Policy: policyDir, Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	judged := 0
	for _, cr := range res.Controls {
		if cr.Control.ID != policy.ControlApproved && cr.Control.ID != policy.ControlVersion && cr.Control.ID != policy.ControlDenied {
			continue
		}
		for _, e := range cr.Evaluations {
			judged++
			if e.Verdict != "pass" {
				t.Errorf("%s %s: %s %s", cr.Control.ID, e.SubjectID, e.Verdict, e.Message)
			}
		}
	}
	if judged < 20 {
		t.Errorf("only %d evaluations: the exports were not judged", judged)
	}
}

// TestClaudeCodeManagedSettingsShape checks managed-settings.json against
// the shape Anthropic documents: allowedMcpServers and deniedMcpServers
// are lists whose entries each have exactly one of serverName (a string),
// serverCommand (the command and its arguments) or serverUrl (a URL
// pattern), and allowManagedMcpServersOnly is a boolean.
func TestClaudeCodeManagedSettingsShape(t *testing.T) {
	p, _ := loadPolicy(t)
	dir, skipped := writeExport(t, p)
	data, err := os.ReadFile(filepath.Join(dir, "claude-code", "managed-settings.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	for k := range doc {
		if k != "allowedMcpServers" && k != "deniedMcpServers" && k != "allowManagedMcpServersOnly" {
			t.Errorf("key %q is not one of the managed MCP settings", k)
		}
	}
	var only bool
	if err := json.Unmarshal(doc["allowManagedMcpServersOnly"], &only); err != nil || !only {
		t.Errorf("allowManagedMcpServersOnly = %s", doc["allowManagedMcpServersOnly"])
	}
	rules := map[string][]string{}
	for _, list := range []string{"allowedMcpServers", "deniedMcpServers"} {
		var entries []map[string]any
		if err := json.Unmarshal(doc[list], &entries); err != nil {
			t.Fatalf("%s: %v", list, err)
		}
		for _, e := range entries {
			if len(e) != 1 {
				t.Errorf("%s entry %v must have exactly one of serverName, serverCommand, serverUrl", list, e)
			}
			for k, v := range e {
				switch k {
				case "serverName", "serverUrl":
					s, ok := v.(string)
					if !ok || s == "" {
						t.Errorf("%s: %s must be a non-empty string: %v", list, k, v)
					}
					rules[list] = append(rules[list], k+" "+s)
				case "serverCommand":
					words, ok := v.([]any)
					if !ok || len(words) == 0 {
						t.Errorf("%s: serverCommand must be the command and its arguments: %v", list, v)
					}
					var parts []string
					for _, w := range words {
						s, ok := w.(string)
						if !ok {
							t.Errorf("%s: serverCommand word %v is not a string", list, w)
						}
						parts = append(parts, s)
					}
					rules[list] = append(rules[list], k+" "+strings.Join(parts, " "))
				default:
					t.Errorf("%s: unknown key %q", list, k)
				}
			}
		}
	}
	want := map[string][]string{
		"allowedMcpServers": {
			"serverUrl https://docs.internal.example/sse",
			"serverCommand docker run -i --rm mcp/fetch@sha256:2222222222222222222222222222222222222222222222222222222222222222",
			"serverCommand npx -y @modelcontextprotocol/server-github@2025.4.8",
			"serverUrl https://*.internal.example/*",
			"serverCommand /opt/mcp/legacy --stdio",
			"serverName docker-enabled",
			"serverUrl https://mcp.sentry.dev/mcp",
			"serverCommand uvx mcp-server-time==0.6.2",
		},
		"deniedMcpServers": {
			"serverCommand npx -y @modelcontextprotocol/server-github@2025.1.0",
			"serverUrl https://*.evil.example/*",
		},
	}
	for list, w := range want {
		if !slices.Equal(rules[list], w) {
			t.Errorf("%s:\n got %q\nwant %q", list, rules[list], w)
		}
	}
	var notes []string
	for _, s := range skipped {
		if s.Target == "claude-code" {
			notes = append(notes, s.Entry)
		}
	}
	wantNotes := []string{"approved.internal (managed-mcp.json)", "approved.refs (managed-mcp.json)", "approved.unpinned (managed-mcp.json)",
		"approved.unpinned (allowedMcpServers)", "approved.warehouse", "denied.evil (deniedMcpServers)"}
	if !slices.Equal(notes, wantNotes) {
		t.Errorf("left out %q, want %q", notes, wantNotes)
	}
}

// TestDockerCatalogShape checks the catalog against the fields the Docker
// MCP Gateway reads: a registry map of servers, each with a name and a
// type (server with an image, remote with a URL and transport), tools
// with names.
func TestDockerCatalogShape(t *testing.T) {
	p, _ := loadPolicy(t)
	dir, _ := writeExport(t, p)
	data, err := os.ReadFile(filepath.Join(dir, "docker", "docker-mcp-catalog.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Name     string                    `yaml:"name"`
		Registry map[string]map[string]any `yaml:"registry"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{"name": true, "type": true, "image": true, "title": true, "description": true, "remote": true, "tools": true}
	for key, s := range doc.Registry {
		for k := range s {
			if !known[k] {
				t.Errorf("%s: field %q", key, k)
			}
		}
		if s["name"] != key {
			t.Errorf("%s: name %v", key, s["name"])
		}
		switch s["type"] {
		case "server":
			if img, _ := s["image"].(string); !strings.Contains(img, "@sha256:") {
				t.Errorf("%s: image %v is not pinned by digest", key, s["image"])
			}
		case "remote":
			r, _ := s["remote"].(map[string]any)
			if u, _ := r["url"].(string); !strings.HasPrefix(u, "https://") || (r["transport_type"] != "streamable-http" && r["transport_type"] != "sse") {
				t.Errorf("%s: remote %v", key, r)
			}
		default:
			t.Errorf("%s: type %v", key, s["type"])
		}
	}
	if tools := doc.Registry["fetch"]["tools"]; len(tools.([]any)) != 1 {
		t.Errorf("fetch tools %v", tools)
	}
	if r := doc.Registry["docs"]["remote"].(map[string]any); r["transport_type"] != "sse" {
		t.Errorf("docs transport %v", r)
	}
}

// TestClaudeCodeManagedMCPShape checks managed-mcp.json against the shape
// Anthropic documents for it, that of a project's .mcp.json: one key,
// mcpServers, mapping names to stdio servers (type, command, args) or
// remote ones (type http or sse, url).
func TestClaudeCodeManagedMCPShape(t *testing.T) {
	p, _ := loadPolicy(t)
	dir, _ := writeExport(t, p)
	data, err := os.ReadFile(filepath.Join(dir, "claude-code", "managed-mcp.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]map[string]map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc) != 1 || doc["mcpServers"] == nil {
		t.Fatalf("top-level keys: want only mcpServers: %s", data)
	}
	types := map[string]string{}
	for name, s := range doc["mcpServers"] {
		typ, _ := s["type"].(string)
		types[name] = typ
		switch typ {
		case "stdio":
			if cmd, _ := s["command"].(string); cmd == "" || s["url"] != nil {
				t.Errorf("%s: a stdio server has a command and no url: %v", name, s)
			}
			if args, ok := s["args"]; ok {
				list, _ := args.([]any)
				for _, a := range list {
					if _, ok := a.(string); !ok {
						t.Errorf("%s: argument %v is not a string", name, a)
					}
				}
			}
		case "http", "sse":
			if u, _ := s["url"].(string); !strings.HasPrefix(u, "https://") || s["command"] != nil || s["args"] != nil {
				t.Errorf("%s: a remote server has an https url and no command: %v", name, s)
			}
		default:
			t.Errorf("%s: type %q is not stdio, http or sse", name, typ)
		}
		for k := range s {
			if !slices.Contains([]string{"type", "command", "args", "url"}, k) {
				t.Errorf("%s: key %q", name, k)
			}
		}
	}
	want := map[string]string{"docs": "sse", "fetch": "stdio", "github": "stdio", "legacy": "stdio", "sentry": "http", "time": "stdio"}
	if !maps.Equal(types, want) {
		t.Errorf("servers %v, want %v", types, want)
	}
}

// agentgatewayTargetName is the pattern agentgateway requires of a target
// name: a Gateway API section name without the '_' and '+' it reserves as
// delimiters of multiplexed tool names.
var agentgatewayTargetName = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`)

// TestAgentgatewayShape checks the configuration against agentgateway's
// simplified mcp form: only mcp at the top, a port, targets each with a
// valid name and exactly one of stdio (cmd, args), mcp or sse (host), and
// an mcpAuthorization rule per target naming it.
func TestAgentgatewayShape(t *testing.T) {
	p, _ := loadPolicy(t)
	dir, _ := writeExport(t, p)
	data, err := os.ReadFile(filepath.Join(dir, "agentgateway", "agentgateway.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]map[string]any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	mcp, ok := doc["mcp"]
	if len(doc) != 1 || !ok {
		t.Fatalf("top-level keys: want only mcp: %s", data)
	}
	for k := range mcp {
		if !slices.Contains([]string{"port", "targets", "policies"}, k) {
			t.Errorf("mcp.%s is not a field of agentgateway's mcp configuration", k)
		}
	}
	if port, _ := mcp["port"].(int); port <= 0 || port > 65535 {
		t.Errorf("port %v", mcp["port"])
	}
	targets, _ := mcp["targets"].([]any)
	var names []string
	for _, x := range targets {
		tg, _ := x.(map[string]any)
		name, _ := tg["name"].(string)
		if !agentgatewayTargetName.MatchString(name) {
			t.Errorf("target name %q is one agentgateway rejects", name)
		}
		names = append(names, name)
		kinds := 0
		for k, v := range tg {
			spec, _ := v.(map[string]any)
			switch k {
			case "name":
			case "stdio":
				kinds++
				if cmd, _ := spec["cmd"].(string); cmd == "" {
					t.Errorf("%s: stdio without cmd: %v", name, spec)
				}
			case "mcp", "sse":
				kinds++
				if host, _ := spec["host"].(string); !strings.HasPrefix(host, "https://") || len(spec) != 1 {
					t.Errorf("%s: %s target %v", name, k, spec)
				}
			default:
				t.Errorf("%s: key %q", name, k)
			}
		}
		if kinds != 1 {
			t.Errorf("%s: %d of stdio, mcp and sse, want exactly one", name, kinds)
		}
	}
	policies, _ := mcp["policies"].(map[string]any)
	authz, _ := policies["mcpAuthorization"].(map[string]any)
	rules, _ := authz["rules"].([]any)
	if len(policies) != 1 || len(authz) != 1 || len(rules) != len(names) {
		t.Fatalf("policies %v: want one mcpAuthorization rule per target", policies)
	}
	for i, r := range rules {
		if rule, _ := r.(string); !strings.HasPrefix(rule, "mcp.tool.target == "+strconv.Quote(names[i])) {
			t.Errorf("rule %d %q does not start with target %s", i, rule, names[i])
		}
	}
}

func TestAgentgatewayTargetNames(t *testing.T) {
	for key, want := range map[string]string{
		"github":                 "github",
		"Ledger_DB":              "ledger-db",
		"docs.v2":                "docs-v2",
		"__internal__":           "internal",
		"tools+extras":           "tools-extras",
		"----":                   "server",
		strings.Repeat("a", 300): strings.Repeat("a", maxTargetName),
	} {
		got := targetName(key)
		if got != want || !agentgatewayTargetName.MatchString(got) {
			t.Errorf("targetName(%q) = %q, want %q", key, got, want)
		}
	}
}

func TestToolRules(t *testing.T) {
	tests := []struct {
		tools []string
		want  string
	}{
		{nil, `mcp.tool.target == "github"`},
		{[]string{"get_issue"}, `mcp.tool.target == "github" && mcp.tool.name == "get_issue"`},
		{[]string{"get_*", "*_comment", "a*b.c"}, `mcp.tool.target == "github" && (mcp.tool.name.startsWith("get_") || mcp.tool.name.endsWith("_comment") || mcp.tool.name.matches("^a.*b\\.c$"))`},
	}
	for _, tt := range tests {
		if got := toolRule("github", tt.tools); got != tt.want {
			t.Errorf("toolRule(%v) = %s, want %s", tt.tools, got, tt.want)
		}
	}
}

func TestUnknownTarget(t *testing.T) {
	p, _ := loadPolicy(t)
	if _, _, err := Export(p, []string{"vscode"}); err == nil || !strings.Contains(err.Error(), "claude-code, docker, agentgateway or all") {
		t.Errorf("error %v", err)
	}
}
