package launch

import (
	"regexp"
	"strings"

	"github.com/tollgate-dev/tollgate/evidence"
)

// Reasons a root is broad.
const (
	BroadRoot      = "root"
	BroadDriveRoot = "drive-root"
	BroadHome      = "home"
	BroadDotfiles  = "dotfiles"
)

var (
	reDriveRoot = regexp.MustCompile(`^[A-Za-z]:[\\/]?$`)
	reWinHome   = regexp.MustCompile(`(?i)^[A-Za-z]:[\\/]+users[\\/]+[^\\/]+[\\/]*$`)
	reWinUsers  = regexp.MustCompile(`(?i)^[A-Za-z]:[\\/]+users[\\/]*$`)
	reUnixHome  = regexp.MustCompile(`^/(?:Users|home)/[^/]+/?$`)
)

// homeForms are the ways a home directory is written, in lower case:
// Windows variable names are case-insensitive (%userprofile%), and Cursor and
// VS Code expand ${env:HOME} and ${env:USERPROFILE}.
var homeForms = map[string]bool{
	"~": true, "$home": true, "${home}": true, "${userhome}": true, "${env:home}": true,
	"%userprofile%": true, "%homepath%": true, "%homedrive%%homepath%": true, "$userprofile": true,
	"${userprofile}": true, "${env:userprofile}": true, "$env:userprofile": true, "$env:home": true,
	"/root": true, "/users": true, "/home": true,
}

// credentialDirs are dotfile and credential directories.
var credentialDirs = map[string]bool{
	".ssh": true, ".aws": true, ".config": true, ".kube": true, ".gnupg": true, ".gpg": true,
	".docker": true, ".azure": true, ".gcloud": true, ".netrc": true, ".git-credentials": true,
	".password-store": true, ".vault-token": true, ".npmrc": true, ".pypirc": true, "dotfiles": true,
	".dotfiles": true,
}

// ClassifyRoot returns the FSRoot for a path: Broad for /, drive roots, home
// directories and dotfile or credential directories.
func ClassifyRoot(path string) evidence.FSRoot { return classifyRoot(path) }

// classifyRoot is ClassifyRoot.
func classifyRoot(path string) evidence.FSRoot {
	r := evidence.FSRoot{Path: path}
	p := strings.TrimSpace(path)
	trimmed := strings.TrimRight(p, `/\`)
	switch {
	case p == "/" || p == `\` || p == "/." || trimmed == "" && p != "":
		r.Broad, r.Reason = true, BroadRoot
	case reDriveRoot.MatchString(p):
		r.Broad, r.Reason = true, BroadDriveRoot
	case homeForms[strings.ToLower(trimmed)] || reUnixHome.MatchString(p) || reWinHome.MatchString(p) || reWinUsers.MatchString(p):
		r.Broad, r.Reason = true, BroadHome
	default:
		for _, part := range strings.FieldsFunc(p, func(c rune) bool { return c == '/' || c == '\\' }) {
			if credentialDirs[strings.ToLower(part)] {
				r.Broad, r.Reason = true, BroadDotfiles
				break
			}
		}
	}
	return r
}

// looksLikePath reports whether an argument is a filesystem path.
func looksLikePath(a string) bool {
	if a == "" || strings.HasPrefix(a, "-") || strings.Contains(a, "://") {
		return false
	}
	return strings.ContainsAny(a, `/\`) || strings.HasPrefix(a, "~") || strings.HasPrefix(a, "$") ||
		strings.HasPrefix(a, "%") || a == "." || reDriveRoot.MatchString(a)
}

// rootFlags are the flags of filesystem-like servers whose values are roots.
var rootFlags = map[string]bool{
	"--allowed-dir": true, "--allowed-dirs": true, "--allowed-directory": true,
	"--allowed-directories": true, "--root": true, "--roots": true, "--dir": true,
	"--directory": true, "--allow-dir": true, "--workspace": true,
}

// isFilesystemServer reports whether a package or its arguments make a
// server filesystem-like.
func isFilesystemServer(name string, args []string) bool {
	if strings.Contains(strings.ToLower(name), "filesystem") {
		return true
	}
	for _, a := range args {
		flag, _, _ := strings.Cut(a, "=")
		if rootFlags[flag] && flag != "--dir" && flag != "--directory" && flag != "--workspace" {
			return true
		}
	}
	return false
}

// filesystemRoots returns the roots handed to a filesystem-like server: path
// arguments and the values of root flags (comma-separated lists allowed).
func filesystemRoots(args []string) []evidence.FSRoot {
	var roots []evidence.FSRoot
	add := func(v string) {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				roots = append(roots, classifyRoot(p))
			}
		}
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if flag, val, ok := strings.Cut(a, "="); ok && rootFlags[flag] {
			add(val)
			continue
		}
		if rootFlags[a] {
			if i+1 < len(args) {
				add(args[i+1])
				i++
			}
			continue
		}
		if looksLikePath(a) {
			add(a)
		}
	}
	return roots
}
