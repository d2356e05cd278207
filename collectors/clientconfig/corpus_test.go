package clientconfig

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
)

// corpusDir is the shared corpus of real MCP configuration files.
const corpusDir = "../../../shared/corpus"

// corpusRoot returns the corpus directory or skips the test.
func corpusRoot(t testing.TB) string {
	t.Helper()
	if _, err := os.Stat(filepath.Join(corpusDir, "INDEX.md")); err != nil {
		t.Skip("corpus not present at ../shared/corpus")
	}
	return corpusDir
}

// readElsewhere are corpus files other collectors read, each checked by
// that collector's corpus test.
var readElsewhere = map[string]string{
	"contextforge/IBM__mcp-context-forge__charts_mcp-stack_profiles_ocp_values-pgo.yaml":             "collectors/kubernetes",
	"kubernetes/Flux159__mcp-server-kubernetes__helm-chart_examples_secure-networkpolicy.yaml":       "collectors/kubernetes",
	"kubernetes/IBM__mcp-context-forge__charts_mcp-stack_values.yaml":                                "collectors/kubernetes",
	"kubernetes/kagent-dev__kmcp__helm_kmcp_values.yaml":                                             "collectors/kubernetes",
	"kubernetes/microsoft__mcp-gateway__deployment_k8s_local-deployment.yml":                         "collectors/kubernetes",
	"toolhive/stacklok__toolhive__deploy_keycloak_mcpserver-with-auth.yaml":                          "collectors/kubernetes",
	"toolhive/stacklok__toolhive__examples_operator_mcp-servers_mcpserver_mkp.yaml":                  "collectors/kubernetes",
	"toolhive/stacklok__toolhive__examples_operator_mcp-servers_mcpserver_with_kubernetes_oidc.yaml": "collectors/kubernetes",
}

// TestCorpus checks every corpus file is read with the expected number of
// live servers and ignored entries, or the expected status.
//
// Notes on the expert index where a client's own rules decide:
//   - claude-desktop/0x1D… and Adihamad…: Claude Desktop runs only stdio
//     servers from its JSON file, so each url entry is ignored.
//   - claude-code/0X6C7879…: the url entry has no "type"; Claude Code's
//     schema drops it, so it is ignored (the index's MISSING_TYPE).
//   - vscode/220631948…: ten entries under mcpServers, which VS Code does
//     not read; only "Sentry" under servers is live.
//   - windsurf/brandon-powers…: Windsurf documents serverUrl for remote
//     servers; the "url" entry is ignored (the index's FORMAT_NOTE).
//   - windsurf/Abdelghany…: Antigravity's mcp_config.json (same shape).
//   - cline/datar-ai…: six entries, four of them disabled (disabled servers
//     are still declared, not ignored).
func TestCorpus(t *testing.T) {
	root := corpusRoot(t)
	type want struct {
		status        string
		live, ignored int
		format        string
		jsonc         bool
	}
	ok := evidence.StatusOK
	unsup := evidence.StatusUnsupported
	tests := map[string]want{
		"agentgateway/PrateekKumar1709__policyguard__agentgateway_config.yaml":                     {status: evidence.StatusSchemaError, ignored: 1, format: "agentgateway/config"},
		"agentgateway/agentgateway__agentgateway__examples_mcp-basic_config.yaml":                  {status: ok, live: 1, format: "agentgateway/config"},
		"claude-code/01Vishwa__Agentloop__.mcp.json":                                               {status: ok, live: 1, format: "claude-code/.mcp.json"},
		"claude-code/0X6C7879__aegissec__.mcp.json":                                                {status: ok, live: 1, ignored: 1, format: "claude-code/.mcp.json"},
		"claude-desktop/0x1D-1983__book-api-mcp-docker-compose-bundle__claude_desktop_config.json": {status: ok, live: 1, ignored: 1, format: "claude-desktop/claude_desktop_config.json"},
		"claude-desktop/AKI-NANA__n3-frontend_vps__claude_desktop_config.json":                     {status: ok, live: 2, format: "claude-desktop/claude_desktop_config.json"},
		"claude-desktop/Adihamad__wikijs-mcp__claude_desktop_config.json":                          {status: ok, ignored: 1, format: "claude-desktop/claude_desktop_config.json"},
		"cline/Areso__safe-ssh-mcp__cline_mcp_settings.json":                                       {status: ok, live: 1, format: "cline/cline_mcp_settings.json"},
		"cline/datar-ai__py-mcp-mssql__cline_mcp_settings.json":                                    {status: ok, live: 6, format: "cline/cline_mcp_settings.json"},
		"codex/0spura__mcp-tracker__.codex_config.toml":                                            {status: ok, live: 1, format: "codex/config.toml"},
		"codex/1764712542__dotfiles__.codex_config.toml":                                           {status: ok, live: 2, format: "codex/config.toml"},
		"continue/AbdellahiWavi__Serveur-MCP__.continue_config.yaml":                               {status: ok, live: 1, format: "continue/config.yaml"},
		"continue/dianlight__srat__.continue_mcpServers_playwright-mcp.yaml":                       {status: ok, live: 1, format: "continue/config.yaml"},
		"cursor/0-ft__minhome__.cursor_mcp.json":                                                   {status: ok, live: 1, format: "cursor/mcp.json"},
		"cursor/0xJacky__nginx-ui__.cursor_mcp.json":                                               {status: ok, live: 2, format: "cursor/mcp.json"},
		"docker-mcp-gateway/docker__compose-for-agents__agno_compose.yaml":                         {status: ok, live: 1, format: "compose"},
		"docker-mcp-gateway/docker__mcp-gateway__examples_docker-in-docker_compose.yaml":           {status: ok, live: 1, format: "compose"},
		"gemini-cli/1natsu172__dotfiles__.gemini_settings.json":                                    {status: ok, live: 1, format: "gemini-cli/settings.json"},
		"gemini-cli/AHartTN__Hartonomous__.gemini_settings.json":                                   {status: ok, live: 2, format: "gemini-cli/settings.json"},
		"mcp-registry-server-json/0-draft__mcp-opa__server.json":                                   {status: ok, live: 1, format: "mcp-registry/server.json"},
		"mcp-registry-server-json/10205236__rundeck-mcp__server.json":                              {status: ok, live: 1, format: "mcp-registry/server.json"},
		"mcpb-manifest/modelcontextprotocol__mcpb__examples_file-system-node_manifest.json":        {status: ok, live: 1, format: "mcpb/manifest.json"},
		"mcpb-manifest/sandraschi__tapo-camera-mcp__manifest.json":                                 {status: ok, live: 1, format: "mcpb/manifest.json"},
		"vscode/0GiS0__home-assistant-mcp__.vscode_mcp.json":                                       {status: ok, live: 1, format: "vscode/mcp.json", jsonc: true},
		"vscode/12Knocksinna__Office365itpros__.vscode_mcp.json":                                   {status: ok, live: 1, format: "vscode/mcp.json"},
		"vscode/220631948__cape-connect__.vscode_mcp.json":                                         {status: ok, live: 1, ignored: 10, format: "vscode/mcp.json"},
		"windsurf/Abdelghany-Elsiesy__InsightfulPipe-MCP-Antigravity-Setup__mcp_config.json":       {status: ok, live: 1, format: "antigravity/mcp_config.json"},
		"windsurf/brandon-powers__dotfiles__.codeium_windsurf_mcp_config.json":                     {status: ok, live: 1, ignored: 1, format: "windsurf/mcp_config.json"},
		"zed/0xc1x__fudi__.zed_settings.json":                                                      {status: ok, live: 3, format: "zed/settings.json"},
	}

	// Second batch of gateway and cluster files.
	for file, w := range map[string]want{
		"agentgateway/agentgateway__agentgateway__examples_mcp-multiplex_config.yaml":         {status: ok, live: 2, format: "agentgateway/config"},
		"agentgateway/tvprasad__dead-letter-oracle__agentgateway_config.yaml":                 {status: evidence.StatusSchemaError, live: 1, format: "agentgateway/config"},
		"contextforge/IBM__mcp-context-forge__docker-compose.sso.yml":                         {status: evidence.StatusSchemaError, format: "compose"},
		"docker-mcp-gateway/docker__compose-for-agents__langchaingo_compose.yaml":             {status: ok, live: 1, format: "compose"},
		"docker-mcp-gateway/docker__mcp-gateway__examples_secrets_compose.yaml":               {status: ok, live: 1, format: "compose"},
		"litellm/BerriAI__litellm__litellm_proxy_example_config_yaml_builtin_mcp_config.yaml": {status: ok, live: 5, format: "litellm/config"},
		"litellm/BerriAI__litellm__tests_mcp_tests_docs_snippets_config.yaml":                 {status: ok, live: 1, format: "litellm/config"},
		"toolhive/stacklok__toolhive__examples_authz-config.json":                             {status: ok, format: "toolhive/authz-config"},
	} {
		tests[file] = w
	}

	res := collect(t, root)
	sources, servers := index(res)

	// Every corpus file except INDEX.md is reported, and has an expectation,
	// unless another collector's own corpus test reads it.
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "INDEX.md" {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if readElsewhere[rel] != "" {
			return nil
		}
		if sources[rel] == nil {
			t.Errorf("%s: no source subject", rel)
		}
		if _, ok := tests[rel]; !ok {
			t.Errorf("%s: no expectation in the table", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	for file, w := range tests {
		src := sources[file]
		if src == nil {
			t.Errorf("%s: missing from the corpus or not reported", file)
			continue
		}
		if src.Status != w.status || src.Servers != w.live || src.IgnoredEntries != w.ignored || src.Format != w.format || src.JSONC != w.jsonc {
			t.Errorf("%s: status=%s live=%d ignored=%d format=%s jsonc=%v; want %s %d %d %s %v",
				file, src.Status, src.Servers, src.IgnoredEntries, src.Format, src.JSONC, w.status, w.live, w.ignored, w.format, w.jsonc)
		}
		if w.status == unsup && (len(src.Diagnostics) != 1 || src.Diagnostics[0].Message == "") {
			t.Errorf("%s: unsupported file without a diagnostic naming its collector", file)
		}
	}

	// Every server is linked to a reported source and has a line.
	for key, s := range servers {
		if sources[s.Provenance.File] == nil || s.Provenance.Line == 0 {
			t.Errorf("%s: source or line missing (%+v)", key, s.Provenance)
		}
	}
}
