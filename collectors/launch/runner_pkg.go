package launch

import (
	"strings"

	"github.com/tollgate-dev/tollgate/evidence"
)

// npmExec handles npx, npm exec, pnpm dlx, yarn dlx and bunx: flags, then a
// package spec, then the package's arguments. alwaysInstalls is true for
// runners that fetch without asking.
func (a *analyzer) npmExec(runner string, argv []string, start int, alwaysInstalls bool) {
	l := a.l
	l.Runner = runner
	l.AutoInstall = l.AutoInstall || alwaysInstalls
	spec, i := "", start
loop:
	for ; i < len(argv); i++ {
		w := argv[i]
		flag, val, hasEq := strings.Cut(w, "=")
		switch {
		case w == "--no" || flag == "--yes" && val == "false":
			l.AutoInstall = false
		case w == "-y" || w == "--yes" || flag == "--yes":
			l.AutoInstall = true
		case flag == "-p" || flag == "--package":
			if hasEq {
				spec = val
			} else if i+1 < len(argv) {
				spec = argv[i+1]
				i++
			}
		case flag == "--registry" || flag == "--cache" || flag == "--userconfig" || flag == "-c" || flag == "--call" || flag == "--cwd":
			if !hasEq {
				i++
			}
		case w == "--":
			i++
			break loop
		case strings.HasPrefix(w, "-"):
		default:
			break loop
		}
	}
	var rest []string
	if i < len(argv) {
		if spec == "" {
			spec = argv[i]
		}
		rest = argv[i+1:]
	}
	if spec == "" {
		return
	}
	l.Package = parseNPM(spec)
	a.serverFacts(l.Package.Name, rest)
}

// uvTool handles uvx and uv tool run: flags, then a command or spec.
func (a *analyzer) uvTool(argv []string, start int) {
	l := a.l
	l.Runner = RunnerUVX
	l.AutoInstall = true
	from := ""
	i := uvOptions(argv, start, func(flag, val string) bool {
		if flag != "--from" {
			return false
		}
		from = val
		return true
	})
	var rest []string
	spec := from
	if i < len(argv) {
		if spec == "" {
			spec = argv[i]
		}
		rest = argv[i+1:]
	}
	if spec == "" {
		return
	}
	l.Package = parsePyPI(spec)
	a.serverFacts(l.Package.Name, rest)
}

// uvOptions skips the options of a uv command line from start and returns
// the index of the first operand (after "--" when present). Each option
// that takes a value is offered to want with its value ("--flag value" or
// "--flag=value"); want reports whether it used it. Options it does not
// want are skipped with their values.
func uvOptions(argv []string, start int, want func(flag, val string) bool) int {
	i := start
	for ; i < len(argv); i++ {
		w := argv[i]
		flag, val, hasEq := strings.Cut(w, "=")
		if !hasEq && i+1 < len(argv) && want(flag, argv[i+1]) {
			i++
			continue
		}
		if hasEq && want(flag, val) {
			continue
		}
		if uvValueFlags[flag] {
			if !hasEq {
				i++
			}
			continue
		}
		if w == "--" {
			return i + 1
		}
		if !strings.HasPrefix(w, "-") {
			break
		}
	}
	return i
}

// uvValueFlags are uv/uvx flags that take a value.
var uvValueFlags = map[string]bool{
	"--with": true, "--with-editable": true, "--with-requirements": true, "--python": true, "-p": true,
	"--index-url": true, "--extra-index-url": true, "--index": true, "--default-index": true, "-i": true,
	"--directory": true, "--project": true, "--cache-dir": true, "--constraints": true, "-c": true,
	"--overrides": true, "--build-constraints": true, "--env-file": true, "--extra": true, "--group": true,
	"--only-group": true, "--config-file": true, "--color": true, "--find-links": true, "-f": true,
	"--python-preference": true, "--exclude-newer": true, "--prerelease": true, "--resolution": true,
	"--link-mode": true, "--refresh-package": true, "--reinstall-package": true, "--upgrade-package": true,
	"-P": true, "--keyring-provider": true, "--index-strategy": true, "--script": true, "--package": true,
}

// uv handles uv [global flags] run … and uv tool run ….
func (a *analyzer) uv(argv []string) {
	l := a.l
	l.Runner = RunnerUV
	directory := ""
	for i := 1; i < len(argv); i++ {
		w := argv[i]
		flag, val, hasEq := strings.Cut(w, "=")
		switch {
		case w == "tool" && i+1 < len(argv) && argv[i+1] == "run":
			a.uvTool(argv, i+2)
			return
		case w == "tx":
			a.uvTool(argv, i+1)
			return
		case w == "run":
			a.uvRun(argv, i+1, directory)
			return
		case flag == "--directory" || flag == "--project":
			if !hasEq && i+1 < len(argv) {
				val = argv[i+1]
				i++
			}
			directory = val
		case uvValueFlags[flag] && !hasEq:
			i++
		}
	}
}

// uvRun handles the arguments of uv run.
func (a *analyzer) uvRun(argv []string, start int, directory string) {
	l := a.l
	var with string
	i := uvOptions(argv, start, func(flag, val string) bool {
		switch flag {
		case "--with":
			if with == "" {
				with = val
			}
		case "--directory", "--project":
			directory = val
		default:
			return false
		}
		return true
	})
	var rest []string
	target := ""
	if i < len(argv) {
		target, rest = argv[i], argv[i+1:]
	}
	if with != "" {
		l.AutoInstall = true
		l.Package = parsePyPI(with)
	}
	if target != "" && isRelativePath(target) && (directory == "" || isRelativePath(directory) || !strings.ContainsAny(directory, `/\`)) {
		l.RelativeScript = true
	}
	if target != "" && target != "python" && target != "python3" {
		a.serverFacts(target, rest)
	}
}

// pipx handles pipx run [--spec X] package ….
func (a *analyzer) pipx(argv []string) {
	l := a.l
	l.Runner = RunnerPipx
	if len(argv) < 2 || argv[1] != "run" {
		return
	}
	l.AutoInstall = true
	spec := ""
	i := 2
	for ; i < len(argv); i++ {
		w := argv[i]
		flag, val, hasEq := strings.Cut(w, "=")
		if flag == "--spec" {
			if !hasEq && i+1 < len(argv) {
				val = argv[i+1]
				i++
			}
			spec = val
			continue
		}
		if flag == "--python" || flag == "--index-url" || flag == "--pip-args" {
			if !hasEq {
				i++
			}
			continue
		}
		if !strings.HasPrefix(w, "-") {
			break
		}
	}
	var rest []string
	if i < len(argv) {
		if spec == "" {
			spec = argv[i]
		}
		rest = argv[i+1:]
	}
	if spec != "" {
		l.Package = parsePyPI(spec)
		a.serverFacts(l.Package.Name, rest)
	}
}

// container handles docker/podman [global flags] [container] run ….
func (a *analyzer) container(base string, argv []string) {
	l := a.l
	l.Runner = RunnerDocker
	if base == "podman" {
		l.Runner = RunnerPodman
	}
	sub := -1
	for i := 1; i < len(argv); i++ {
		w := argv[i]
		if strings.HasPrefix(w, "-") {
			if flag, _, hasEq := strings.Cut(w, "="); dockerGlobalValueFlags[flag] && !hasEq {
				i++
			}
			continue
		}
		if w == "container" {
			continue
		}
		sub = i
		break
	}
	if sub < 0 || argv[sub] != "run" {
		return
	}
	run := parseDockerRun(argv, sub+1, a.syn)
	c := run.c
	if run.imageIndex >= 0 {
		c.Image = argv[run.imageIndex]
		l.Package = parseImage(c.Image)
	}
	for _, e := range run.envValues {
		if c.Env == nil {
			c.Env = map[string]evidence.Value{}
		}
		if e.hasValue {
			c.Env[e.key] = a.classify(e.key, e.value)
		} else {
			c.Env[e.key] = evidence.Value{Kind: evidence.ValueEnvReference, Ref: e.key, Text: e.key,
				Secret: isCredential(e.key), Reason: credReason(e.key)}
		}
	}
	for _, m := range c.Mounts {
		if m.HostPath {
			a.res.Roots = append(a.res.Roots, classifyRoot(m.Source))
		}
	}
	for i, m := range c.Mounts {
		c.Mounts[i].Source = a.redact(m.Source)
	}
	l.Container = c
	if l.Package != nil {
		a.res.Archived = a.res.Archived || isArchived(l.Package.Ecosystem, l.Package.Name)
	}
}

// interpreter handles node and bun: flags (some with values), then a script.
func (a *analyzer) interpreter(runner string, argv []string, valueFlags map[string]bool) {
	a.l.Runner = runner
	for i := 1; i < len(argv); i++ {
		w := argv[i]
		flag, _, hasEq := strings.Cut(w, "=")
		if valueFlags[flag] {
			if !hasEq {
				i++
			}
			continue
		}
		if w == "run" && runner == RunnerBun {
			continue
		}
		if strings.HasPrefix(w, "-") {
			continue
		}
		a.script(w, argv[i+1:])
		return
	}
}

// script records a script an interpreter runs.
func (a *analyzer) script(path string, rest []string) {
	if isRelativePath(path) {
		a.l.RelativeScript = true
	}
	a.serverFacts(path, rest)
}

// python handles python [-m module | script] ….
func (a *analyzer) python(argv []string) {
	a.l.Runner = RunnerPython
	for i := 1; i < len(argv); i++ {
		w := argv[i]
		switch {
		case w == "-m" && i+1 < len(argv):
			a.serverFacts(strings.ReplaceAll(argv[i+1], "_", "-"), argv[i+2:])
			return
		case strings.HasPrefix(w, "-m") && len(w) > 2:
			a.serverFacts(strings.ReplaceAll(w[2:], "_", "-"), argv[i+1:])
			return
		case w == "-c":
			return
		case w == "-W" || w == "-X" || w == "--check-hash-based-pycs":
			i++
		case strings.HasPrefix(w, "-"):
		default:
			a.script(w, argv[i+1:])
			return
		}
	}
}

// deno handles deno run [flags] npm:pkg | jsr:pkg | URL | script.
func (a *analyzer) deno(argv []string) {
	l := a.l
	l.Runner = RunnerDeno
	for i := 1; i < len(argv); i++ {
		w := argv[i]
		if w == "run" || strings.HasPrefix(w, "-") {
			if w == "--config" || w == "-c" || w == "--import-map" || w == "--env-file" || w == "--location" {
				i++
			}
			continue
		}
		switch {
		case strings.HasPrefix(w, "npm:"):
			l.Package = parseNPM(w)
		case strings.HasPrefix(w, "jsr:"):
			p := parseNPM(strings.TrimPrefix(w, "jsr:"))
			p.Ecosystem = EcosystemJSR
			l.Package = p
		case strings.Contains(w, "://"):
			l.Package = pinned(&evidence.Package{Ecosystem: EcosystemUnknown, Name: w, Pinning: evidence.PinNone})
		default:
			a.script(w, argv[i+1:])
			return
		}
		a.serverFacts(l.Package.Name, argv[i+1:])
		return
	}
}

// java handles java [-jar x.jar | class] ….
func (a *analyzer) java(argv []string) {
	a.l.Runner = RunnerJava
	for i := 1; i < len(argv); i++ {
		switch w := argv[i]; {
		case w == "-jar" && i+1 < len(argv):
			a.script(argv[i+1], argv[i+2:])
			return
		case w == "-cp" || w == "-classpath" || w == "--class-path" || w == "-p" || w == "--module-path":
			i++
		case strings.HasPrefix(w, "-"):
		default:
			a.serverFacts(w, argv[i+1:])
			return
		}
	}
}

// goRun handles go run module/path@version ….
func (a *analyzer) goRun(argv []string) {
	a.l.Runner = RunnerGo
	if len(argv) < 2 || argv[1] != "run" {
		return
	}
	for i := 2; i < len(argv); i++ {
		if w := argv[i]; !strings.HasPrefix(w, "-") {
			a.l.Package = parseGo(w)
			if a.l.Package.Pinning == evidence.PinLocal && isRelativePath(w) {
				a.l.RelativeScript = true
			}
			if a.l.Package.Pinning != evidence.PinLocal {
				a.l.AutoInstall = true
			}
			a.serverFacts(a.l.Package.Name, argv[i+1:])
			return
		}
	}
}

// dotnet handles dnx Package and dotnet tool exec / dnx.
func (a *analyzer) dotnet(base string, argv []string) {
	l := a.l
	l.Runner = RunnerDotnet
	start := 1
	if base == "dotnet" {
		switch {
		case len(argv) > 1 && argv[1] == "dnx":
			start = 2
		case len(argv) > 2 && argv[1] == "tool" && (argv[2] == "exec" || argv[2] == "run"):
			start = 3
		default:
			return
		}
	}
	for i := start; i < len(argv); i++ {
		w := argv[i]
		if w == "--yes" || w == "-y" {
			l.AutoInstall = true
			continue
		}
		if strings.HasPrefix(w, "-") {
			if w == "--version" || w == "--source" || w == "--add-source" {
				i++
			}
			continue
		}
		l.Package = parseNuGet(w)
		a.serverFacts(l.Package.Name, argv[i+1:])
		return
	}
}

// serverFacts records what a package name and its arguments say about the
// server: archived reference servers, filesystem roots and bridges.
func (a *analyzer) serverFacts(name string, rest []string) {
	if p := a.l.Package; p != nil {
		a.res.Archived = a.res.Archived || isArchived(p.Ecosystem, p.Name)
	} else {
		a.res.Archived = a.res.Archived || isArchived(EcosystemPyPI, name)
	}
	if isFilesystemServer(name, rest) {
		a.res.Roots = append(a.res.Roots, filesystemRoots(rest)...)
	}
	if b := bridgeName(name); b != "" {
		a.bridge(b, rest)
	}
}
