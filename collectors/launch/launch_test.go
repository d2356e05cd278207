package launch

import (
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// want is the subset of a Result a test case checks ("" and nil mean "do not check"
// for strings and the package; booleans are always checked).
type want struct {
	runner, wrapper           string
	eco, name, version, pin   string
	auto, pipe, relative, arc bool
	secretArgs                int
	roots                     []string // "path:reason" ("path:" for not broad)
	bridgeHost                string
}

func TestAnalyzeCommandLines(t *testing.T) {
	tests := []struct {
		name    string
		client  string
		command string
		args    []string
		want    want
	}{
		// real command lines from ../shared/corpus
		{"cline cmd.exe wrapper", "cline", "cmd.exe", []string{"/c", "npx.cmd", "-y", "@executeautomation/playwright-mcp-server"},
			want{runner: "npx", wrapper: "cmd /c", eco: "npm", name: "@executeautomation/playwright-mcp-server", pin: "none", auto: true}},
		{"cline archived brave", "cline", "cmd.exe", []string{"/c", "npx.cmd", "-y", "@modelcontextprotocol/server-brave-search"},
			want{runner: "npx", wrapper: "cmd /c", eco: "npm", name: "@modelcontextprotocol/server-brave-search", pin: "none", auto: true, arc: true}},
		{"cline python module", "cline", "python", []string{"-m", "mcp_server_time", "--local-timezone=Asia/Taipei"},
			want{runner: "python"}},
		{"npx --no does not install", "cursor", "npx", []string{"--no", "@eslint/mcp@1.2.0"},
			want{runner: "npx", eco: "npm", name: "@eslint/mcp", version: "1.2.0", pin: "exact", auto: false}},
		{"cursor latest", "cursor", "npx", []string{"@eslint/mcp@latest"},
			want{runner: "npx", eco: "npm", name: "@eslint/mcp", version: "latest", pin: "latest", auto: true}},
		{"windsurf bridge abs npx", "windsurf", "/opt/homebrew/bin/npx", []string{"mcp-remote", "https://main.insightfulmcp.com"},
			want{runner: "npx", eco: "npm", name: "mcp-remote", pin: "none", auto: true, bridgeHost: "main.insightfulmcp.com"}},
		{"windsurf docker publish", "windsurf", "docker", []string{"run", "--rm", "-p", "8080:8080", "mcp/sql-lite:latest"},
			want{runner: "docker", eco: "oci", name: "mcp/sql-lite", version: "latest", pin: "latest"}},
		{"claude-desktop docker network", "claude-desktop", "docker", []string{"run", "--rm", "-i", "--network", "book-api-mcp-bundle_default", "-e", "BookApi__BaseUrl=http://bookapi:8080", "book-api-mcp-bundle-bookapi-mcp-server:latest"},
			want{runner: "docker", eco: "oci", name: "book-api-mcp-bundle-bookapi-mcp-server", version: "latest", pin: "latest"}},
		{"zed relative launcher", "zed", "node", []string{".ai/mcp/launchers/github.mjs"},
			want{runner: "node", relative: true}},
		{"continue relative python", "continue", `C:\Users\ABDELLAHI\OneDrive\Desktop\mon_server_mcp\venv\Scripts\python.exe`, []string{"network_server.py"},
			want{runner: "python", relative: true}},
		{"continue bunx", "continue", "bunx", []string{"-y", "@executeautomation/playwright-mcp-server"},
			want{runner: "bunx", eco: "npm", name: "@executeautomation/playwright-mcp-server", pin: "none", auto: true}},
		{"codex filesystem home", "codex", "npx", []string{"-y", "@modelcontextprotocol/server-filesystem", "/Users/zhuyao/dotfiles", "/Users/zhuyao"},
			want{runner: "npx", eco: "npm", name: "@modelcontextprotocol/server-filesystem", pin: "none", auto: true,
				roots: []string{"/Users/zhuyao/dotfiles:dotfiles", "/Users/zhuyao:home"}}},
		{"vscode uvx", "vscode", "uvx", []string{"gis-mcp"}, want{runner: "uvx", eco: "pypi", name: "gis-mcp", pin: "none", auto: true}},
		// runners and pinning
		{"npx exact scoped", "cursor", "npx", []string{"-y", "@scope/n@1.2.3"}, want{runner: "npx", eco: "npm", name: "@scope/n", version: "1.2.3", pin: "exact", auto: true}},
		{"npx range", "cursor", "npx", []string{"--yes", "pkg@^1"}, want{runner: "npx", eco: "npm", name: "pkg", version: "^1", pin: "range", auto: true}},
		{"npx package flag", "cursor", "npx", []string{"-y", "--package=@a/b@2.0.0", "b-cli"}, want{runner: "npx", eco: "npm", name: "@a/b", version: "2.0.0", pin: "exact", auto: true}},
		{"npm exec", "cursor", "npm", []string{"exec", "--yes", "--", "pkg@1.0.0"}, want{runner: "npx", eco: "npm", name: "pkg", version: "1.0.0", pin: "exact", auto: true}},
		{"pnpm dlx", "cursor", "pnpm", []string{"dlx", "pkg"}, want{runner: "pnpm-dlx", eco: "npm", name: "pkg", pin: "none", auto: true}},
		{"yarn dlx", "cursor", "yarn", []string{"dlx", "pkg@1.2.3"}, want{runner: "yarn-dlx", eco: "npm", name: "pkg", version: "1.2.3", pin: "exact", auto: true}},
		{"bun x", "cursor", "bun", []string{"x", "pkg"}, want{runner: "bunx", eco: "npm", name: "pkg", pin: "none", auto: true}},
		{"uvx from", "cursor", "uvx", []string{"--from", "mcp-server-git==0.6.2", "mcp-server-git"}, want{runner: "uvx", eco: "pypi", name: "mcp-server-git", version: "0.6.2", pin: "exact", auto: true}},
		{"uvx at version", "cursor", "uvx", []string{"mcp-server-fetch@2025.1.1"}, want{runner: "uvx", eco: "pypi", name: "mcp-server-fetch", version: "2025.1.1", pin: "exact", auto: true}},
		{"uvx range", "cursor", "uvx", []string{"pkg>=1.0"}, want{runner: "uvx", eco: "pypi", name: "pkg", version: ">=1.0", pin: "range", auto: true}},
		{"uvx archived sqlite", "cursor", "uvx", []string{"mcp-server-sqlite", "--db-path", "/tmp/x.db"}, want{runner: "uvx", eco: "pypi", name: "mcp-server-sqlite", pin: "none", auto: true, arc: true}},
		{"uv run with", "cursor", "uv", []string{"run", "--with", "mcp[cli]==1.2.0", "mcp", "run", "server.py"}, want{runner: "uv", eco: "pypi", name: "mcp", version: "1.2.0", pin: "exact", auto: true}},
		{"uv run relative", "cursor", "uv", []string{"run", "server.py"}, want{runner: "uv", relative: true}},
		{"uv run abs directory", "cursor", "uv", []string{"--directory", "/opt/srv", "run", "server.py"}, want{runner: "uv"}},
		{"uv tool run", "cursor", "uv", []string{"tool", "run", "pkg"}, want{runner: "uvx", eco: "pypi", name: "pkg", pin: "none", auto: true}},
		{"pipx run", "cursor", "pipx", []string{"run", "pkg==1.0.0"}, want{runner: "pipx", eco: "pypi", name: "pkg", version: "1.0.0", pin: "exact", auto: true}},
		{"docker digest ghcr", "cursor", "docker", []string{"run", "-i", "--rm", "ghcr.io/github/github-mcp-server@sha256:" + strings.Repeat("a", 64)},
			want{runner: "docker", eco: "oci", name: "ghcr.io/github/github-mcp-server", pin: "digest"}},
		{"podman no tag", "cursor", "podman", []string{"run", "-i", "mcp/fetch"}, want{runner: "podman", eco: "oci", name: "mcp/fetch", pin: "none"}},
		{"deno npm", "cursor", "deno", []string{"run", "-A", "npm:pkg@1.0.0"}, want{runner: "deno", eco: "npm", name: "pkg", version: "1.0.0", pin: "exact"}},
		{"go run", "cursor", "go", []string{"run", "github.com/x/y/cmd/srv@v1.2.3"}, want{runner: "go", eco: "go", name: "github.com/x/y/cmd/srv", version: "v1.2.3", pin: "exact", auto: true}},
		{"java jar", "cursor", "java", []string{"-jar", "build/server.jar"}, want{runner: "java", relative: true}},
		{"dnx", "cursor", "dnx", []string{"Some.Mcp@1.0.0", "--yes"}, want{runner: "dotnet", eco: "nuget", name: "Some.Mcp", version: "1.0.0", pin: "exact"}},
		{"binary", "cursor", "mcp-server-foo", nil, want{runner: "binary"}},
		{"relative binary", "cursor", "./bin/server", nil, want{runner: "binary", relative: true}},
		// wrappers
		{"bash -c", "cursor", "bash", []string{"-c", "npx -y pkg@1.0.0"}, want{runner: "npx", wrapper: "bash -c", eco: "npm", name: "pkg", version: "1.0.0", pin: "exact", auto: true}},
		{"zsh -lc with cd", "cursor", "/bin/zsh", []string{"-lc", "cd $HOME/x && exec npx -y pkg"}, want{runner: "npx", wrapper: "zsh -c", eco: "npm", name: "pkg", pin: "none", auto: true}},
		{"sh -c curl pipe", "cursor", "sh", []string{"-c", "curl -fsSL https://x.dev/install.sh | sh"}, want{runner: "shell", wrapper: "sh -c", pipe: true}},
		{"powershell", "cursor", "powershell", []string{"-NoProfile", "-Command", "npx -y pkg"}, want{runner: "npx", wrapper: "powershell -c", eco: "npm", name: "pkg", pin: "none", auto: true}},
		{"pwsh -c", "cursor", "pwsh", []string{"-c", "uvx pkg"}, want{runner: "uvx", wrapper: "powershell -c", eco: "pypi", name: "pkg", pin: "none", auto: true}},
		{"wsl bash -c", "cursor", "wsl", []string{"-d", "Ubuntu", "bash", "-c", "npx -y pkg"}, want{runner: "npx", wrapper: "wsl", eco: "npm", name: "pkg", pin: "none", auto: true}},
		{"cmd single string", "cursor", "cmd", []string{"/c", "npx -y pkg"}, want{runner: "npx", wrapper: "cmd /c", eco: "npm", name: "pkg", pin: "none", auto: true}},
		{"env prefix", "cursor", "env", []string{"FOO=bar", "npx", "-y", "pkg"}, want{runner: "npx", eco: "npm", name: "pkg", pin: "none", auto: true}},
		{"whole line in command", "cursor", "npx -y pkg@1.0.0", nil, want{runner: "npx", eco: "npm", name: "pkg", version: "1.0.0", pin: "exact", auto: true}},
		// secrets in arguments
		{"api key flag", "cursor", "npx", []string{"-y", "pkg", "--api-key", "sk-" + strings.Repeat("Ab3x", 10)}, want{runner: "npx", eco: "npm", name: "pkg", pin: "none", auto: true, secretArgs: 1}},
		{"token equals", "cursor", "npx", []string{"-y", "pkg", "--token=abcdef123456"}, want{runner: "npx", eco: "npm", name: "pkg", pin: "none", auto: true, secretArgs: 1}},
		{"connection string", "cursor", "npx", []string{"-y", "@modelcontextprotocol/server-postgres", "postgresql://u:pw123456@db/x"}, want{runner: "npx", eco: "npm", name: "@modelcontextprotocol/server-postgres", pin: "none", auto: true, arc: true, secretArgs: 1}},
		{"bridge header", "cursor", "npx", []string{"mcp-remote", "https://x.example.com/mcp", "--header", "Authorization: Bearer tok_abcdef123456"}, want{runner: "npx", eco: "npm", name: "mcp-remote", pin: "none", auto: true, secretArgs: 1, bridgeHost: "x.example.com"}},
		{"query api key", "cursor", "npx", []string{"mcp-remote", "https://x.example.com/mcp?api_key=abcdef123456"}, want{runner: "npx", eco: "npm", name: "mcp-remote", pin: "none", auto: true, secretArgs: 1, bridgeHost: "x.example.com"}},
		{"secret in bash -c", "cursor", "bash", []string{"-c", "API_KEY=abcdef123456 npx -y pkg"}, want{runner: "npx", wrapper: "bash -c", eco: "npm", name: "pkg", pin: "none", auto: true, secretArgs: 1}},
		{"reference arg not literal", "claude-code", "npx", []string{"-y", "pkg", "--token", "${GH_TOKEN}"}, want{runner: "npx", eco: "npm", name: "pkg", pin: "none", auto: true, secretArgs: 1}},
		// roots
		{"allowed dirs flag", "cursor", "mcp-fs", []string{"--allowed-dirs=/,~/.ssh,/srv/data"}, want{runner: "binary", roots: []string{"/:root", "~/.ssh:dotfiles", "/srv/data:"}}},
		{"windows roots", "cursor", "npx", []string{"-y", "@modelcontextprotocol/server-filesystem", `C:\`, `C:\Users\bob`, `D:\work\proj`}, want{runner: "npx", eco: "npm", name: "@modelcontextprotocol/server-filesystem", pin: "none", auto: true, roots: []string{`C:\:drive-root`, `C:\Users\bob:home`, `D:\work\proj:`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Analyze(tt.command, tt.args, "", secrets.SyntaxFor(tt.client), secrets.NewRedactor())
			l := res.Launch
			w := tt.want
			if l.Runner != w.runner || l.ShellWrapper != w.wrapper || l.AutoInstall != w.auto || l.PipeToShell != w.pipe || l.RelativeScript != w.relative || res.Archived != w.arc {
				t.Errorf("got runner=%q wrapper=%q auto=%v pipe=%v relative=%v archived=%v; want %+v",
					l.Runner, l.ShellWrapper, l.AutoInstall, l.PipeToShell, l.RelativeScript, res.Archived, w)
			}
			if w.eco == "" {
				if l.Package != nil && w.runner != "python" && w.runner != "node" && w.runner != "binary" {
					t.Errorf("unexpected package %+v", l.Package)
				}
			} else if p := l.Package; p == nil || p.Ecosystem != w.eco || p.Name != w.name || p.Version != w.version || p.Pinning != w.pin ||
				p.Pinned != (w.pin == "exact" || w.pin == "digest") {
				t.Errorf("package = %+v; want eco=%s name=%s version=%s pin=%s", p, w.eco, w.name, w.version, w.pin)
			}
			if len(l.SecretArgs) != w.secretArgs {
				t.Errorf("secret args = %+v; want %d", l.SecretArgs, w.secretArgs)
			}
			var roots []string
			for _, r := range res.Roots {
				roots = append(roots, r.Path+":"+r.Reason)
				if r.Broad != (r.Reason != "") {
					t.Errorf("root %+v: Broad and Reason disagree", r)
				}
			}
			if strings.Join(roots, "|") != strings.Join(w.roots, "|") {
				t.Errorf("roots = %v; want %v", roots, w.roots)
			}
			if w.bridgeHost != "" && (res.Bridge == nil || res.Bridge.Host != w.bridgeHost || !res.Bridge.ViaBridge) {
				t.Errorf("bridge = %+v; want host %s", res.Bridge, w.bridgeHost)
			}
			if w.bridgeHost == "" && res.Bridge != nil {
				t.Errorf("unexpected bridge %+v", res.Bridge)
			}
		})
	}
}

func TestAnalyzeRedactsArgs(t *testing.T) {
	canary := "sk-ant-api03-CANARYcanaryCANARY0123456789"
	red := secrets.NewRedactor()
	args := []string{"-y", "pkg", "--api-key", canary, "--header=Authorization: Bearer " + canary,
		"-e", "K=" + canary, "postgres://u:" + canary + "@h/db", "https://x.dev/?token=" + canary}
	res := Analyze("npx", args, "", secrets.SyntaxFor("cursor"), red)
	for i, a := range res.Launch.Args {
		if strings.Contains(a, canary) || strings.Contains(a, "CANARYcanary") {
			t.Errorf("arg %d still holds the canary: %q", i, a)
		}
	}
	if got := red.RedactString("x " + canary); strings.Contains(got, canary) {
		t.Errorf("shared redactor does not know the canary")
	}
	for _, s := range res.Launch.SecretArgs {
		if strings.Contains(s.Value.Text, canary) {
			t.Errorf("secret arg Text reveals the canary: %+v", s)
		}
	}
	if res.Launch.Args[1] != "pkg" || res.Launch.Args[2] != "--api-key" {
		t.Errorf("non-secret args changed: %q", res.Launch.Args)
	}
}

func TestAnalyzeContainer(t *testing.T) {
	args := []string{"run", "-i", "--rm", "--privileged", "--network=host", "--pid", "host", "-u", "0:0",
		"--cap-add", "sys_admin", "--read-only", "-v", "/var/run/docker.sock:/var/run/docker.sock",
		"-v", "/Users/me:/home/me:ro", "-v", "data:/data", "--mount", "type=bind,src=/srv/x,dst=/x,readonly",
		"-p", "127.0.0.1:8080:80", "-p", "9090:90", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", "-e", "LOG=debug",
		"--env-file", ".env", "ghcr.io/github/github-mcp-server:0.4.0", "stdio"}
	res := Analyze("docker", args, "", secrets.SyntaxFor("cursor"), nil)
	c := res.Launch.Container
	if c == nil {
		t.Fatal("no container")
	}
	if !c.Privileged || !c.HostNetwork || c.Network != "host" || !c.HostPID || c.User != "0:0" || !c.ReadOnlyRoot || !c.Remove || !c.DockerSocket || !c.PublishedAllInterfaces {
		t.Errorf("flags wrong: %+v", c)
	}
	if strings.Join(c.CapAdd, ",") != "SYS_ADMIN" || c.Image != "ghcr.io/github/github-mcp-server:0.4.0" {
		t.Errorf("cap/image wrong: %+v", c)
	}
	if len(c.Mounts) != 4 || !c.Mounts[1].ReadOnly || !c.Mounts[1].Broad || c.Mounts[2].HostPath || !c.Mounts[3].ReadOnly || !c.Mounts[3].HostPath {
		t.Errorf("mounts wrong: %+v", c.Mounts)
	}
	if len(c.Ports) != 2 || c.Ports[0].HostIP != "127.0.0.1" || c.Ports[1].HostPort != "9090" {
		t.Errorf("ports wrong: %+v", c.Ports)
	}
	if v := c.Env["GITHUB_PERSONAL_ACCESS_TOKEN"]; v.Kind != evidence.ValueEnvReference || !v.Secret {
		t.Errorf("env passthrough wrong: %+v", v)
	}
	if v := c.Env["LOG"]; v.Kind != evidence.ValueLiteral || v.Text != "debug" {
		t.Errorf("env literal wrong: %+v", v)
	}
	if p := res.Launch.Package; p.Registry != "ghcr.io" || p.Pinning != evidence.PinTag || p.Version != "0.4.0" {
		t.Errorf("image package wrong: %+v", p)
	}
	if len(res.Roots) != 3 || !res.Roots[1].Broad {
		t.Errorf("roots = %+v", res.Roots)
	}
}

// TestSecretsSplitOrPackedInArgs: a credential is found however the command
// line spreads it over arguments, and container variables are judged by
// their name exactly as an env map is.
func TestSecretsSplitOrPackedInArgs(t *testing.T) {
	tests := []struct {
		name   string
		cmd    string
		args   []string
		secret string // must be a literal secret arg and gone from Args
		flag   string
	}{
		{"header name, scheme and token apart", "npx", []string{"s.js", "--header", "Authorization:", "Bearer", "tok123low"}, "tok123low", "--header"},
		{"header with the scheme, token apart", "npx", []string{"mcp-remote", "https://x.dev/mcp", "--header", "Authorization: Bearer", "tok123low"}, "tok123low", "--header"},
		{"header name alone, then the value", "npx", []string{"mcp-remote", "https://x.dev/mcp", "-H", "X-API-Key:", "k3y4low"}, "k3y4low", "-H"},
		{"bare header name and bearer", "node", []string{"s.js", "Authorization:", "Bearer", "tok123low"}, "tok123low", ""},
		{"bare bearer", "node", []string{"s.js", "Bearer", "tok123low"}, "tok123low", ""},
		{"--env=KEY=value by key", "docker", []string{"run", "-i", "--env=API_TOKEN=8423917650", "img"}, "8423917650", "--env"},
		{"-eKEY=value by key", "docker", []string{"run", "-i", "-eDB_PASSWORD=Summer2024", "img"}, "Summer2024", "-e"},
		{"-e KEY=value by key", "docker", []string{"run", "-i", "-e", "PGPASSWORD=Summer2024", "img"}, "Summer2024", "-e"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			red := secrets.NewRedactor()
			res := Analyze(tt.cmd, tt.args, "", secrets.SyntaxFor("cursor"), red)
			found := false
			for _, s := range res.Launch.SecretArgs {
				if s.Value.Kind == evidence.ValueLiteralSecret && s.Flag == tt.flag {
					found = true
				}
			}
			if !found {
				t.Errorf("no literal secret arg with flag %q: %+v", tt.flag, res.Launch.SecretArgs)
			}
			for i, a := range res.Launch.Args {
				if strings.Contains(a, tt.secret) {
					t.Errorf("arg %d keeps the secret: %q", i, a)
				}
			}
			if c := res.Launch.Container; c != nil {
				for k, v := range c.Env {
					if v.Kind != evidence.ValueLiteralSecret {
						t.Errorf("container env %s = %+v, want a literal secret", k, v)
					}
				}
			}
		})
	}
	// A subcommand named like a scheme is not a header.
	res := Analyze("gh", []string{"auth", "token", "list"}, "", secrets.SyntaxFor("cursor"), nil)
	if len(res.Launch.SecretArgs) != 0 {
		t.Errorf("gh auth token list: %+v", res.Launch.SecretArgs)
	}
}
