package pipeline

import (
	"bufio"
	"bytes"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/evidence"
)

// DetectOrigin names where a request collects, for bundles whose collector
// gave no --origin: the repository every path lies in (its "origin" remote
// as host/path, without scheme, credentials or ".git", such as
// github.com/acme/payments-api; or the repository's folder name when it has
// no such remote), and otherwise, or when the request reads this machine's
// per-user configs, the host name.
func DetectOrigin(req collectors.Request) string {
	if !req.ClientConfigs.UserConfigs && len(req.Paths) > 0 {
		if repo := repositoryOf(req.Paths); repo != "" {
			return repo
		}
	}
	return hostOrigin()
}

// hostOrigin is the host name as an origin label.
func hostOrigin() string {
	name, err := os.Hostname()
	if o := evidence.SanitizeOrigin(strings.ToLower(name)); err == nil && o != "" {
		return o
	}
	return "localhost"
}

// repositoryOf returns the origin label of the one git repository holding
// every path, or "".
func repositoryOf(paths []string) string {
	var top string
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return ""
		}
		t := gitTop(abs)
		if t == "" || (top != "" && t != top) {
			return ""
		}
		top = t
	}
	if remote := remoteURL(filepath.Join(top, ".git")); remote != "" {
		if o := evidence.SanitizeOrigin(remoteOrigin(remote)); o != "" {
			return o
		}
	}
	return evidence.SanitizeOrigin(filepath.Base(top))
}

// gitTop returns the nearest folder at or above p that holds .git, or "".
func gitTop(p string) string {
	for dir := p; ; {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// remoteURL reads the URL of the "origin" remote from a repository's
// configuration; dotGit is its .git folder, or the .git file of a worktree
// or submodule that points at the real one.
func remoteURL(dotGit string) string {
	gitDir := dotGit
	if info, err := os.Stat(dotGit); err == nil && !info.IsDir() {
		data, err := os.ReadFile(dotGit)
		if err != nil {
			return ""
		}
		dir, ok := strings.CutPrefix(strings.TrimSpace(string(data)), "gitdir:")
		if !ok {
			return ""
		}
		gitDir = strings.TrimSpace(dir)
		if !filepath.IsAbs(gitDir) {
			gitDir = filepath.Join(filepath.Dir(dotGit), gitDir)
		}
		if common, err := os.ReadFile(filepath.Join(gitDir, "commondir")); err == nil {
			c := strings.TrimSpace(string(common))
			if !filepath.IsAbs(c) {
				c = filepath.Join(gitDir, c)
			}
			gitDir = c
		}
	}
	data, err := os.ReadFile(filepath.Join(gitDir, "config"))
	if err != nil {
		return ""
	}
	return originRemote(data)
}

// originRemote finds url in the [remote "origin"] section of a git config.
func originRemote(config []byte) string {
	in := false
	sc := bufio.NewScanner(bytes.NewReader(config))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			in = strings.EqualFold(strings.Join(strings.Fields(line), " "), `[remote "origin"]`)
			continue
		}
		if !in {
			continue
		}
		if key, value, ok := strings.Cut(line, "="); ok && strings.EqualFold(strings.TrimSpace(key), "url") {
			return strings.Trim(strings.TrimSpace(value), `"`)
		}
	}
	return ""
}

// remoteOrigin turns a remote URL into host/path: no scheme, no user or
// password (a token in an HTTPS remote never reaches a label), no port and
// no ".git". A local path gives its last element.
func remoteOrigin(remote string) string {
	trim := func(p string) string {
		return strings.TrimSuffix(strings.Trim(p, "/"), ".git")
	}
	if u, err := url.Parse(remote); err == nil && u.Scheme == "file" {
		return trim(path.Base(u.Path))
	} else if err == nil && u.Scheme != "" && u.Host != "" {
		return u.Hostname() + "/" + trim(u.Path)
	}
	// scp-like syntax: [user@]host:path
	if at, rest, ok := strings.Cut(remote, ":"); ok && !strings.Contains(at, "/") && !filepath.IsAbs(remote) {
		if i := strings.LastIndex(at, "@"); i >= 0 {
			at = at[i+1:]
		}
		return at + "/" + trim(rest)
	}
	return trim(filepath.Base(remote))
}
