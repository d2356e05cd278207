package launch

import (
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// maxDepth bounds the recursion through nested shell wrappers.
const maxDepth = 4

// Result is what Analyze learns about a stdio launch.
type Result struct {
	// Launch is the analysed, redacted command line.
	Launch *evidence.Launch
	// Roots are the filesystem roots handed to a filesystem-like server and
	// the host paths mounted into a container.
	Roots []evidence.FSRoot
	// Bridge is set when a local bridge (mcp-remote, supergateway…) connects
	// to a remote URL.
	Bridge *evidence.Remote
	// BridgeAuth is how the bridge authenticates to the remote URL (set with Bridge).
	BridgeAuth evidence.Auth
	// Archived is true for an archived @modelcontextprotocol reference server.
	Archived bool
}

// analyzer carries the state of one Analyze call.
type analyzer struct {
	syn   secrets.Syntax
	red   *secrets.Redactor // shared with the caller; may be nil
	local *secrets.Redactor // secrets found in this command line
	res   Result
	l     *evidence.Launch
	seen  map[string]bool // dedupes SecretArgs
}

// indexer maps a word's position in the argv being analysed to its position
// in Launch.Args (-1 is the command itself).
type indexer func(i int) int

// Analyze analyses a stdio server's command line. Every raw secret found in
// the command or its arguments is added to red (which may be nil) and
// redacted in the returned Launch.
func Analyze(command string, args []string, cwd string, syn secrets.Syntax, red *secrets.Redactor) Result {
	l := &evidence.Launch{Command: command, Args: append([]string(nil), args...), Cwd: cwd, Runner: RunnerBinary}
	a := &analyzer{syn: syn, red: red, local: secrets.NewRedactor(), l: l, seen: map[string]bool{}}
	a.res.Launch = l

	argv := append([]string{command}, args...)
	idx := func(i int) int { return i - 1 }
	if len(args) == 0 && strings.ContainsAny(strings.TrimSpace(command), " \t") {
		// a whole command line in "command": split it, and report positions
		// against the command itself
		if words := splitShell(command); len(words) > 1 && knownProgram(exeBase(words[0])) {
			argv = words
			idx = func(int) int { return -1 }
		}
	}
	a.scanSecrets(argv, idx)
	a.analyze(argv, idx, 0)

	red.Merge(a.local)
	l.Command = a.redact(command)
	for i := range l.Args {
		l.Args[i] = a.redact(l.Args[i])
	}
	if l.Cwd != "" {
		l.Cwd = a.redact(l.Cwd)
	}
	sort.SliceStable(l.SecretArgs, func(i, j int) bool { return l.SecretArgs[i].Index < l.SecretArgs[j].Index })
	return a.res
}

// knownProgram reports whether a program name is one Analyze recognises.
func knownProgram(base string) bool {
	switch base {
	case "npx", "npm", "pnpm", "pnpx", "yarn", "bunx", "bun", "uvx", "uv", "pipx", "docker", "podman",
		"node", "deno", "java", "go", "dotnet", "dnx", "cmd", "powershell", "pwsh", "wsl", "env":
		return true
	}
	return posixShells[base] || isPythonExe(base)
}

// redact removes every known secret from s.
func (a *analyzer) redact(s string) string {
	s = a.local.RedactString(s)
	if a.red != nil {
		s = a.red.RedactString(s)
	}
	return s
}

// analyze classifies the runner of argv, recursing through shell wrappers.
func (a *analyzer) analyze(argv []string, idx indexer, depth int) {
	argv, idx = stripPrefixes(argv, idx)
	if len(argv) == 0 || depth > maxDepth {
		return
	}
	l := a.l
	base := exeBase(argv[0])
	if isRelativePath(argv[0]) && strings.ContainsAny(argv[0], `/\`) {
		l.RelativeScript = true
	}
	switch {
	case posixShells[base]:
		a.posixShell(base, argv, idx, depth)
	case base == "cmd":
		a.cmdShell(argv, idx, depth)
	case base == "powershell" || base == "pwsh":
		a.powershell(argv, idx, depth)
	case base == "wsl":
		a.wsl(argv, idx, depth)
	case base == "npx":
		// npm assumes --yes when standard input is not a terminal, and MCP
		// clients start stdio servers with piped stdin: npx installs without
		// asking unless told --no.
		a.npmExec(RunnerNPX, argv, 1, true)
	case base == "npm":
		if len(argv) > 1 && (argv[1] == "exec" || argv[1] == "x") {
			a.npmExec(RunnerNPX, argv, 2, true)
		} else {
			l.Runner = RunnerNPM
		}
	case base == "pnpx":
		a.npmExec(RunnerPnpmDlx, argv, 1, true)
	case base == "pnpm":
		if len(argv) > 1 && argv[1] == "dlx" {
			a.npmExec(RunnerPnpmDlx, argv, 2, true)
		} else {
			l.Runner = RunnerNPM
		}
	case base == "yarn":
		if len(argv) > 1 && argv[1] == "dlx" {
			a.npmExec(RunnerYarnDlx, argv, 2, true)
		} else {
			l.Runner = RunnerNPM
		}
	case base == "bunx":
		a.npmExec(RunnerBunx, argv, 1, true)
	case base == "bun":
		if len(argv) > 1 && argv[1] == "x" {
			a.npmExec(RunnerBunx, argv, 2, true)
		} else {
			a.interpreter(RunnerBun, argv, map[string]bool{"--cwd": true, "--config": true, "-c": true})
		}
	case base == "uvx":
		a.uvTool(argv, 1)
	case base == "uv":
		a.uv(argv)
	case base == "pipx":
		a.pipx(argv)
	case base == "docker" || base == "podman":
		a.container(base, argv)
	case base == "node" || base == "nodejs":
		a.interpreter(RunnerNode, argv, map[string]bool{"-r": true, "--require": true, "--import": true,
			"--loader": true, "--experimental-loader": true, "-e": true, "--eval": true, "-p": true, "--print": true,
			"--env-file": true, "--inspect-port": true, "--title": true})
	case isPythonExe(base):
		a.python(argv)
	case base == "deno":
		a.deno(argv)
	case base == "java":
		a.java(argv)
	case base == "go":
		a.goRun(argv)
	case base == "dotnet" || base == "dnx":
		a.dotnet(base, argv)
	default:
		l.Runner = RunnerBinary
		a.serverFacts(base, argv[1:])
	}
}

// stripPrefixes drops leading words that only set up the real command:
// env and VAR=value assignments, exec, nohup, time, command.
func stripPrefixes(argv []string, idx indexer) ([]string, indexer) {
	off := 0
	for off < len(argv) {
		w := argv[off]
		b := exeBase(w)
		switch {
		case b == "env" || b == "exec" || b == "nohup" || b == "time" || b == "command" || b == "call" || w == "&":
			off++
			continue
		case isAssignment(w):
			off++
			continue
		case strings.HasPrefix(w, "-") && off > 0 && exeBase(argv[off-1]) == "env":
			off++
			continue
		}
		break
	}
	if off == 0 {
		return argv, idx
	}
	return argv[off:], func(i int) int { return idx(i + off) }
}

// IsAssignment reports whether w is a NAME=value environment assignment.
func IsAssignment(w string) bool { return isAssignment(w) }

// isAssignment reports whether w is a NAME=value environment assignment.
func isAssignment(w string) bool {
	k, _, ok := strings.Cut(w, "=")
	if !ok || k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c == '_' || isASCIILetter(c) || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// setWrapper records the outermost shell wrapper.
func (a *analyzer) setWrapper(w string) {
	if a.l.ShellWrapper == "" {
		a.l.ShellWrapper = w
	}
	a.l.Runner = RunnerShell
}

// runScript analyses a script given to a shell: pipes into interpreters,
// and the command the script finally runs.
func (a *analyzer) runScript(script string, scriptIdx, depth int) {
	words := splitShell(script)
	at := func(int) int { return scriptIdx }
	a.scanSecrets(append([]string{""}, words...), func(i int) int { return scriptIdx })
	cmds, pipes := splitCommands(words)
	for i := 0; i+1 < len(cmds); i++ {
		if pipes[i] && downloaders[exeBase(cmds[i][0])] && interpreters[exeBase(cmds[i+1][0])] {
			a.l.PipeToShell = true
		}
	}
	if a.l.PipeToShell {
		a.l.Runner = RunnerShell
		return
	}
	// the command that stays running is the last one that is not set-up
	for i := len(cmds) - 1; i >= 0; i-- {
		switch exeBase(cmds[i][0]) {
		case "cd", "source", ".", "export", "set", "echo", "pushd", "popd", "setlocal", "chcp", "true":
			continue
		}
		a.analyze(cmds[i], at, depth+1)
		return
	}
}

// posixShell handles bash -c "…", sh -lc "…", and bash script.sh.
func (a *analyzer) posixShell(base string, argv []string, idx indexer, depth int) {
	for i := 1; i < len(argv); i++ {
		w := argv[i]
		if strings.HasPrefix(w, "-") && !strings.HasPrefix(w, "--") && strings.Contains(w, "c") {
			a.setWrapper(base + " -c")
			if i+1 < len(argv) {
				a.runScript(argv[i+1], idx(i+1), depth)
			}
			return
		}
		if strings.HasPrefix(w, "-") {
			continue
		}
		a.l.Runner = RunnerShell
		if isRelativePath(w) {
			a.l.RelativeScript = true
		}
		return
	}
	a.l.Runner = RunnerShell
}

// cmdShell handles cmd /c … and cmd.exe /k ….
func (a *analyzer) cmdShell(argv []string, idx indexer, depth int) {
	for i := 1; i < len(argv); i++ {
		switch strings.ToLower(argv[i]) {
		case "/c", "/k", "/s/c", "/s /c":
			a.setWrapper("cmd /c")
			a.wrapped(argv, i+1, idx, depth)
			return
		}
	}
	a.l.Runner = RunnerShell
}

// wrapped analyses the words after a wrapper flag: one word is a script to
// re-tokenise, several are the command's own argv.
func (a *analyzer) wrapped(argv []string, start int, idx indexer, depth int) {
	rest := argv[start:]
	switch {
	case len(rest) == 0:
	case len(rest) == 1:
		a.runScript(rest[0], idx(start), depth)
	default:
		a.analyze(rest, func(i int) int { return idx(start + i) }, depth+1)
	}
}

// powershell handles powershell -Command … and pwsh -c ….
func (a *analyzer) powershell(argv []string, idx indexer, depth int) {
	for i := 1; i < len(argv); i++ {
		switch strings.ToLower(argv[i]) {
		case "-command", "-c", "-cmd", "/c", "-encodedcommand", "-ec", "-e":
			a.setWrapper("powershell -c")
			a.wrapped(argv, i+1, idx, depth)
			return
		case "-file", "-f":
			a.l.Runner = RunnerShell
			if i+1 < len(argv) && isRelativePath(argv[i+1]) {
				a.l.RelativeScript = true
			}
			return
		case "-executionpolicy", "-ep", "-windowstyle", "-workingdirectory", "-configurationname", "-version":
			i++
		}
	}
	a.l.Runner = RunnerShell
}

// wsl handles wsl [-d distro] [-e] command ….
func (a *analyzer) wsl(argv []string, idx indexer, depth int) {
	a.setWrapper("wsl")
	for i := 1; i < len(argv); i++ {
		switch argv[i] {
		case "-d", "--distribution", "-u", "--user", "--cd", "--shell-type":
			i++
		case "-e", "--exec", "--":
			a.analyze(argv[i+1:], func(j int) int { return idx(i + 1 + j) }, depth+1)
			return
		default:
			if strings.HasPrefix(argv[i], "-") {
				continue
			}
			a.analyze(argv[i:], func(j int) int { return idx(i + j) }, depth+1)
			return
		}
	}
}
