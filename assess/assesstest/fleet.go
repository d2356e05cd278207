// Package assesstest generates realistic evidence for tests and benchmarks
// of the engine and the reports: fleets of varied MCP server declarations.
package assesstest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/tollgate-dev/tollgate/evidence"
)

// Fleet returns n varied server subjects, deterministically from seed:
// different clients, scopes, names, packages, versions and pinning, runners
// and container flags, environment variables with literal secrets and
// references, remote URLs with and without TLS and authentication, approval
// settings and filesystem roots. IDs are unique.
func Fleet(n int, seed uint64) []evidence.Subject {
	g := &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	out := make([]evidence.Subject, n)
	for i := range n {
		out[i] = g.server(i)
	}
	return out
}

type gen struct {
	r *rand.Rand
}

type clientFormat struct{ client, format, file string }

var (
	clients = []clientFormat{
		{"claude-desktop", "claude-desktop/claude_desktop_config.json", "Library/Application Support/Claude/claude_desktop_config.json"},
		{"claude-code", "claude-code/.mcp.json", ".mcp.json"},
		{"cursor", "cursor/mcp.json", ".cursor/mcp.json"},
		{"vscode", "vscode/mcp.json", ".vscode/mcp.json"},
		{"windsurf", "windsurf/mcp_config.json", ".codeium/windsurf/mcp_config.json"},
		{"cline", "cline/cline_mcp_settings.json", "cline_mcp_settings.json"},
		{"gemini-cli", "gemini-cli/settings.json", ".gemini/settings.json"},
		{"codex", "codex/config.toml", ".codex/config.toml"},
		{"zed", "zed/settings.json", ".config/zed/settings.json"},
		{"continue", "continue/config.yaml", ".continue/config.yaml"},
	}
	scopes   = []string{evidence.ScopeUser, evidence.ScopeProject, evidence.ScopeProject, evidence.ScopeLocal, evidence.ScopeManaged}
	npmPkgs  = []string{"@modelcontextprotocol/server-filesystem", "@modelcontextprotocol/server-github", "@upstash/context7-mcp", "@playwright/mcp", "@notionhq/notion-mcp-server", "@supabase/mcp-server-supabase", "firecrawl-mcp", "@browserbasehq/mcp", "mcp-remote", "@sentry/mcp-server", "@stripe/mcp", "@eslint/mcp", "tavily-mcp", "@modelcontextprotocol/server-puppeteer", "@modelcontextprotocol/server-memory", "@cloudflare/mcp-server-cloudflare", "@azure/mcp", "@hubspot/mcp-server", "linear-mcp", "@heroku/mcp-server"}
	pypiPkgs = []string{"mcp-server-time", "mcp-server-fetch", "mcp-server-git", "mcp-server-sqlite", "awslabs.core-mcp-server", "mcp-server-kubernetes", "serena", "mcp-atlassian", "mcp-proxy", "zen-mcp-server"}
	images   = []string{"mcp/github", "ghcr.io/github/github-mcp-server", "mcp/postgres", "mcp/fetch", "mcp/slack", "mcp/sqlite", "docker/mcp-gateway", "ghcr.io/sooperset/mcp-atlassian", "mcp/puppeteer", "mcp/filesystem"}
	envNames = []string{"GITHUB_PERSONAL_ACCESS_TOKEN", "GITHUB_TOKEN", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "SLACK_BOT_TOKEN", "NOTION_API_KEY", "DATABASE_URL", "POSTGRES_PASSWORD", "LOG_LEVEL", "NODE_ENV", "AWS_REGION", "AWS_ACCESS_KEY_ID", "BRAVE_API_KEY", "SUPABASE_ACCESS_TOKEN", "JIRA_URL", "CONFLUENCE_USERNAME", "DEBUG", "HOME", "TZ", "SENTRY_DSN"}
	hosts    = []string{"mcp.example.com", "api.githubcopilot.com", "mcp.notion.com", "mcp.linear.app", "mcp.atlassian.com", "localhost", "127.0.0.1", "10.0.3.17", "mcp.internal.corp", "tools.acme.io", "mcp.sentry.dev", "gateway.svc.cluster.local"}
	words    = []string{"github", "files", "search", "notes", "db", "browser", "jira", "docs", "memory", "time", "fetch", "slack", "linear", "sentry", "postgres", "k8s", "aws", "stripe", "crm", "wiki"}
	tools    = []string{"read_file", "write_file", "list_issues", "create_issue", "search", "execute_sql", "run_command", "fetch", "delete_branch", "get_weather"}
)

// pick returns a random element.
func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func (g *gen) server(i int) *evidence.Server {
	r := g.r
	cf := pick(r, clients)
	name := fmt.Sprintf("%s-%s", pick(r, words), pick(r, words))
	if r.IntN(3) == 0 {
		name = fmt.Sprintf("%s-%d", name, r.IntN(100))
	}
	file := fmt.Sprintf("repos/team-%02d/project-%03d/%s", r.IntN(40), i/8, cf.file)
	origin := fmt.Sprintf("%s#%d", file, i)
	s := &evidence.Server{
		Meta: evidence.Meta{
			Kind: evidence.KindServer,
			ID:   evidence.MakeID(evidence.KindServer, origin, name),
			Name: name,
			Provenance: evidence.Provenance{
				Collector: "clientconfig/" + cf.client, File: file, Line: 2 + r.IntN(200),
				SHA256:    digest(fmt.Sprint("artifact", i/8)),
				Collected: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC),
			},
		},
		Client:   cf.client,
		Format:   cf.format,
		Scope:    pick(r, scopes),
		Disabled: r.IntN(20) == 0,
		Ignored:  r.IntN(40) == 0,
		Archived: r.IntN(50) == 0,
	}
	if s.Ignored {
		s.IgnoredReason = "entry under an unknown root key"
	}
	if r.IntN(15) == 0 {
		s.UnknownKeys = []string{pick(r, []string{"autoApprove", "alwaysAllow", "trust", "disabledTools", "timeout"})}
	}
	switch p := r.IntN(100); {
	case p < 70:
		s.Transport = evidence.TransportStdio
		s.Launch = g.launch()
		s.Auth = evidence.Auth{Kind: evidence.AuthLocal}
	case p < 95:
		s.Transport = evidence.TransportStreamableHTTP
		s.Remote, s.Auth = g.remote(false)
	default:
		s.Transport = evidence.TransportSSE
		s.Remote, s.Auth = g.remote(true)
	}
	if k := r.IntN(5); k > 0 {
		s.Env = map[string]evidence.Value{}
		for range k {
			s.Env[pick(r, envNames)] = g.value()
		}
	}
	switch r.IntN(10) {
	case 0:
		s.Approvals.AutoApproveAll = true
		s.Approvals.Trust = r.IntN(2) == 0
	case 1, 2:
		for range 1 + r.IntN(3) {
			s.Approvals.AutoApprove = append(s.Approvals.AutoApprove, pick(r, tools))
		}
	case 3:
		s.Approvals.Mode = pick(r, []string{"auto", "prompt", "writes"})
	}
	if s.Launch != nil && strings.Contains(s.Launch.Args[len(s.Launch.Args)-1], "filesystem") {
		for range 1 + r.IntN(2) {
			root := pick(r, []evidence.FSRoot{
				{Path: "/", Broad: true, Reason: "root"},
				{Path: "/Users/dev", Broad: true, Reason: "home"},
				{Path: "/Users/dev/.ssh", Broad: true, Reason: "dotfiles"},
				{Path: fmt.Sprintf("/Users/dev/src/project-%d", r.IntN(500))},
				{Path: "/tmp/work"},
			})
			s.FilesystemRoots = append(s.FilesystemRoots, root)
		}
	}
	return s
}

func (g *gen) launch() *evidence.Launch {
	r := g.r
	l := &evidence.Launch{}
	switch p := r.IntN(100); {
	case p < 45:
		pkg := pick(r, npmPkgs)
		l.Runner, l.Command = "npx", "npx"
		l.AutoInstall = r.IntN(3) > 0
		l.Package = g.pkg("npm", pkg)
		l.Args = []string{pkg + versionSuffix(l.Package, "@")}
		if l.AutoInstall {
			l.Args = append([]string{"-y"}, l.Args...)
		}
	case p < 65:
		pkg := pick(r, pypiPkgs)
		l.Runner, l.Command = "uvx", "uvx"
		l.Package = g.pkg("pypi", pkg)
		l.Args = []string{pkg + versionSuffix(l.Package, "==")}
	case p < 85:
		img := pick(r, images)
		l.Runner, l.Command = "docker", "docker"
		l.Package = g.pkg("oci", img)
		c := &evidence.Container{Image: img, Remove: true, Privileged: r.IntN(25) == 0, HostNetwork: r.IntN(20) == 0,
			DockerSocket: r.IntN(30) == 0, ReadOnlyRoot: r.IntN(4) == 0, PublishedAllInterfaces: r.IntN(10) == 0}
		if r.IntN(4) == 0 {
			c.Mounts = append(c.Mounts, evidence.Mount{Source: fmt.Sprintf("/Users/dev/data-%d", r.IntN(50)), Target: "/data", ReadOnly: r.IntN(2) == 0, HostPath: true})
		}
		if r.IntN(12) == 0 {
			c.CapAdd = []string{pick(r, []string{"SYS_ADMIN", "NET_ADMIN", "CHOWN"})}
		}
		if r.IntN(3) == 0 {
			c.Env = map[string]evidence.Value{pick(r, envNames): g.value()}
		}
		l.Container = c
		l.Args = []string{"run", "-i", "--rm", img + versionSuffix(l.Package, ":")}
	case p < 93:
		l.Runner, l.Command = "node", "node"
		l.Args = []string{fmt.Sprintf("./servers/%s/dist/index.js", pick(r, words))}
		l.RelativeScript = true
	default:
		l.Runner, l.Command = "binary", fmt.Sprintf("/usr/local/bin/%s-mcp", pick(r, words))
		l.Args = []string{"--stdio"}
	}
	if r.IntN(25) == 0 {
		l.ShellWrapper = pick(r, []string{"bash -c", "sh -c", "cmd /c"})
		l.PipeToShell = r.IntN(5) == 0
	}
	if r.IntN(12) == 0 {
		l.Args = append(l.Args, "--api-key", "[REDACTED:sk-…(51)]")
		l.SecretArgs = []evidence.SecretArg{{Index: len(l.Args) - 1, Flag: "--api-key", Value: g.secret()}}
	}
	return l
}

func (g *gen) pkg(eco, name string) *evidence.Package {
	r := g.r
	p := &evidence.Package{Ecosystem: eco, Name: name}
	switch k := r.IntN(10); {
	case k < 3:
		p.Pinning = evidence.PinNone
	case k < 6:
		p.Pinning, p.Version, p.Pinned = evidence.PinExact, fmt.Sprintf("%d.%d.%d", r.IntN(3), r.IntN(20), r.IntN(30)), true
	case k < 7:
		p.Pinning, p.Version = evidence.PinLatest, "latest"
	case k < 8:
		p.Pinning, p.Version = evidence.PinRange, fmt.Sprintf("^%d.%d", r.IntN(3), r.IntN(20))
	default:
		if eco == "oci" {
			p.Pinning, p.Digest, p.Pinned = evidence.PinDigest, "sha256:"+digest(fmt.Sprint(name, r.IntN(40))), true
		} else {
			p.Pinning, p.Version, p.Pinned = evidence.PinExact, fmt.Sprintf("%d.%d.%d", r.IntN(3), r.IntN(20), r.IntN(30)), true
		}
	}
	if eco == "oci" {
		if p.Pinning == evidence.PinExact {
			p.Pinning, p.Pinned = evidence.PinTag, false
		}
		if strings.HasPrefix(name, "ghcr.io/") {
			p.Registry = "ghcr.io"
		} else {
			p.Registry = "docker.io"
		}
	}
	return p
}

// versionSuffix renders the version part of a package argument.
func versionSuffix(p *evidence.Package, sep string) string {
	switch {
	case p.Digest != "":
		return "@" + p.Digest
	case p.Version != "":
		return sep + p.Version
	}
	return ""
}

func (g *gen) remote(sse bool) (*evidence.Remote, evidence.Auth) {
	r := g.r
	host := pick(r, hosts)
	loopback := host == "localhost" || host == "127.0.0.1"
	scheme := "https"
	if loopback || r.IntN(6) == 0 {
		scheme = "http"
	}
	path := "/mcp"
	if sse {
		path = "/sse"
	}
	rem := &evidence.Remote{Scheme: scheme, Host: host, Path: path, Loopback: loopback,
		Private: strings.HasPrefix(host, "10.") || strings.HasSuffix(host, ".local") || strings.HasSuffix(host, ".corp")}
	if loopback {
		rem.Port = 3000 + r.IntN(100)
	}
	auth := evidence.Auth{}
	switch k := r.IntN(6); k {
	case 0:
		auth.Kind = evidence.AuthNone
	case 1:
		v := g.secret()
		auth = evidence.Auth{Kind: evidence.AuthStaticBearer, Header: "Authorization", Value: &v}
		rem.Headers = map[string]evidence.Value{"Authorization": v}
	case 2:
		v := evidence.Value{Kind: evidence.ValueEnvReference, Secret: true, Ref: pick(r, envNames), Text: "${API_TOKEN}"}
		auth = evidence.Auth{Kind: evidence.AuthReference, Header: "Authorization", Value: &v}
		rem.Headers = map[string]evidence.Value{"Authorization": v}
	case 3:
		v := g.secret()
		auth = evidence.Auth{Kind: evidence.AuthAPIKey, InQuery: true, Value: &v}
		rem.Query = map[string]evidence.Value{"api_key": v}
	default:
		auth.Kind = pick(r, []string{evidence.AuthOAuth, evidence.AuthOAuthCapable})
	}
	u := fmt.Sprintf("%s://%s", scheme, host)
	if rem.Port != 0 {
		u += fmt.Sprintf(":%d", rem.Port)
	}
	rem.URL = u + path
	if rem.Query != nil {
		rem.URL += "?api_key=[REDACTED]"
	}
	if r.IntN(8) == 0 {
		rem.ViaBridge = true
	}
	return rem, auth
}

// value returns a classified env value of a random kind.
func (g *gen) value() evidence.Value {
	r := g.r
	switch r.IntN(6) {
	case 0, 1:
		return g.secret()
	case 2:
		return evidence.Value{Kind: evidence.ValueEnvReference, Secret: true, Ref: pick(r, envNames), Text: "${env:TOKEN}"}
	case 3:
		return evidence.Value{Kind: evidence.ValuePlaceholder, Text: "YOUR_API_KEY"}
	default:
		return evidence.Value{Kind: evidence.ValueLiteral, Text: pick(r, []string{"info", "debug", "production", "us-east-1", "Europe/Paris", "true"})}
	}
}

// secret returns a redacted literal secret with a unique-looking fingerprint.
func (g *gen) secret() evidence.Value {
	r := g.r
	shape := pick(r, []string{"ghp_…(40)", "sk-…(51)", "xoxb-…(57)", "AKIA…(20)", "…(32)"})
	return evidence.Value{Kind: evidence.ValueLiteralSecret, Secret: true, Reason: "token-shape",
		Fingerprint: digest(fmt.Sprint(r.Uint64()))[:12], Shape: shape, Text: "[REDACTED:" + shape + "]"}
}

// digest is a hex sha256.
func digest(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
