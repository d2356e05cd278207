package pipeline

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tollgate-dev/tollgate/collectors"
)

func TestRemoteOrigin(t *testing.T) {
	tests := map[string]string{
		"https://github.com/acme/payments-api.git":                  "github.com/acme/payments-api",
		"https://x-access-token:ghs_secret@github.com/acme/api.git": "github.com/acme/api",
		"ssh://git@gitlab.example:2222/team/svc.git":                "gitlab.example/team/svc",
		"git@github.com:acme/payments-api.git":                      "github.com/acme/payments-api",
		"github.com:acme/api":                                       "github.com/acme/api",
		"/srv/git/payments-api.git":                                 "payments-api",
		"file:///srv/git/ledger.git":                                "ledger",
	}
	for remote, want := range tests {
		if got := remoteOrigin(remote); got != want {
			t.Errorf("remoteOrigin(%q) = %q, want %q", remote, got, want)
		}
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestDetectOrigin(t *testing.T) {
	root := t.TempDir()
	repo := filepath.Join(root, "payments-api")
	writeFile(t, filepath.Join(repo, ".git", "config"), "[core]\n\tbare = false\n[remote \"upstream\"]\n\turl = https://github.com/other/fork.git\n"+
		"[remote \"origin\"]\n\turl = https://deploy:s3cr3t@github.com/acme/payments-api.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n")
	writeFile(t, filepath.Join(repo, "svc", ".mcp.json"), "{}")
	// A worktree points at the main repository's folder.
	worktree := filepath.Join(root, "wt")
	writeFile(t, filepath.Join(repo, ".git", "worktrees", "wt", "commondir"), "../..\n")
	writeFile(t, filepath.Join(worktree, ".git"), "gitdir: "+filepath.Join(repo, ".git", "worktrees", "wt")+"\n")
	plain := filepath.Join(root, "plain")
	writeFile(t, filepath.Join(plain, ".git", "HEAD"), "ref: refs/heads/main\n")
	outside := t.TempDir()

	host := hostOrigin()
	tests := []struct {
		name string
		req  collectors.Request
		want string
	}{
		{"repository remote, without credentials", collectors.Request{Paths: []string{filepath.Join(repo, "svc")}}, "github.com/acme/payments-api"},
		{"worktree", collectors.Request{Paths: []string{worktree}}, "github.com/acme/payments-api"},
		{"repository without remote", collectors.Request{Paths: []string{plain}}, "plain"},
		{"paths in two repositories", collectors.Request{Paths: []string{repo, plain}}, host},
		{"no repository", collectors.Request{Paths: []string{outside}}, host},
		{"per-user configs are the host's", collectors.Request{Paths: []string{repo}, ClientConfigs: collectors.ClientConfigOptions{UserConfigs: true}}, host},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DetectOrigin(tt.req); got != tt.want {
				t.Errorf("DetectOrigin = %q, want %q", got, tt.want)
			}
		})
	}
}
