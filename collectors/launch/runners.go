package launch

import (
	"path"
	"strings"
)

// Runners: how a server's process is started.
const (
	RunnerNPX     = "npx"
	RunnerNPM     = "npm"
	RunnerUVX     = "uvx"
	RunnerUV      = "uv"
	RunnerBunx    = "bunx"
	RunnerPipx    = "pipx"
	RunnerPnpmDlx = "pnpm-dlx"
	RunnerYarnDlx = "yarn-dlx"
	RunnerDocker  = "docker"
	RunnerPodman  = "podman"
	RunnerNode    = "node"
	RunnerPython  = "python"
	RunnerDeno    = "deno"
	RunnerBun     = "bun"
	RunnerJava    = "java"
	RunnerGo      = "go"
	RunnerDotnet  = "dotnet"
	RunnerBinary  = "binary"
	RunnerShell   = "shell"
)

// exeBase returns the lower-case program name of a command: its last path
// element without a Windows executable extension ("/opt/homebrew/bin/npx",
// "npx.cmd" and "C:\\nodejs\\npx.exe" are all "npx").
func exeBase(cmd string) string {
	cmd = strings.ReplaceAll(strings.TrimSpace(cmd), `\`, "/")
	base := strings.ToLower(path.Base(cmd))
	for _, ext := range []string{".exe", ".cmd", ".bat", ".ps1", ".com"} {
		base = strings.TrimSuffix(base, ext)
	}
	return base
}

// posixShells are shells that run a script given with -c.
var posixShells = map[string]bool{"bash": true, "sh": true, "zsh": true, "dash": true, "ksh": true, "fish": true, "ash": true}

// isPythonExe reports whether base names a Python interpreter (python,
// python3, python3.12, py, pythonw).
func isPythonExe(base string) bool {
	if base == "py" || base == "pythonw" {
		return true
	}
	if rest, ok := strings.CutPrefix(base, "python"); ok {
		return strings.Trim(rest, "0123456789.") == ""
	}
	return false
}

// downloaders fetch content from the network.
var downloaders = map[string]bool{"curl": true, "wget": true, "iwr": true, "irm": true,
	"invoke-webrequest": true, "invoke-restmethod": true, "fetch": true}

// interpreters run what they read on standard input.
var interpreters = map[string]bool{"sh": true, "bash": true, "zsh": true, "dash": true, "ksh": true,
	"python": true, "python3": true, "node": true, "iex": true, "invoke-expression": true,
	"pwsh": true, "powershell": true, "perl": true, "ruby": true, "sudo": true}

// scriptExts are extensions of scripts an interpreter runs.
var scriptExts = []string{".js", ".mjs", ".cjs", ".ts", ".mts", ".py", ".sh", ".ps1", ".jar", ".rb", ".pl", ".bash"}

// isRelativePath reports whether p is a relative path to a program or script
// (resolved against the working directory): "./x", "bin/x", "server.py".
func isRelativePath(p string) bool {
	if p == "" || strings.HasPrefix(p, "-") || strings.Contains(p, "://") {
		return false
	}
	if strings.HasPrefix(p, "/") || strings.HasPrefix(p, `\`) || strings.HasPrefix(p, "~") ||
		strings.HasPrefix(p, "$") || strings.HasPrefix(p, "%") ||
		len(p) >= 2 && p[1] == ':' && isASCIILetter(p[0]) {
		return false
	}
	if strings.ContainsAny(p, `/\`) {
		return true
	}
	lp := strings.ToLower(p)
	for _, ext := range scriptExts {
		if strings.HasSuffix(lp, ext) {
			return true
		}
	}
	return false
}

// bridgeName reports whether a package is a local bridge to a remote server.
func bridgeName(name string) string {
	n := strings.ToLower(name)
	if i := strings.LastIndexByte(n, '/'); i >= 0 {
		n = n[i+1:]
	}
	switch n {
	case "mcp-remote", "supergateway", "mcp-proxy", "mcp-remote-client":
		return n
	}
	return ""
}
