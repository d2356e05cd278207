// Package scaffold is what 'tollgate init' writes into a repository: a
// commented tollgate.yaml, policy/waivers.hcl with one example waiver, and
// a CI workflow for GitHub Actions or GitLab CI. The files are embedded
// templates; Write puts them in place all or nothing, and never over an
// existing file unless told to.
package scaffold

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"github.com/tollgate-dev/tollgate/ci"
	"github.com/tollgate-dev/tollgate/internal/staging"
)

//go:embed tollgate.yaml
var configFile []byte

//go:embed waivers.hcl
var waiversFile string

//go:embed github-workflow.yml
var githubWorkflow []byte

// CI systems init can write a workflow for.
const (
	GitHub = "github"
	GitLab = "gitlab"
	NoCI   = "none"
)

// CIs lists the accepted values of Options.CI.
var CIs = []string{GitHub, GitLab, NoCI}

// Paths of the files written, relative to the repository.
const (
	ConfigPath         = "tollgate.yaml"
	WaiversPath        = "policy/waivers.hcl"
	GitHubWorkflowPath = ".github/workflows/tollgate.yml"
	GitLabJobPath      = ".gitlab/tollgate.yml"
)

// Options say what to write.
type Options struct {
	// CI is GitHub, GitLab or NoCI ("" is GitHub).
	CI string
	// Now dates the example waiver: it expires 90 days later.
	Now time.Time
}

// File is one file to write.
type File struct {
	// Path is slash-separated, relative to the repository.
	Path string
	// Description says what the file is for.
	Description string
	Data        []byte
}

// WaiverLifetime is how long the example waiver is valid.
const WaiverLifetime = 90 * 24 * time.Hour

// Files renders the files to write.
func Files(opts Options) ([]File, error) {
	system := opts.CI
	if system == "" {
		system = GitHub
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	var waivers bytes.Buffer
	tmpl, err := template.New("waivers").Parse(waiversFile)
	if err != nil {
		return nil, fmt.Errorf("parse the waiver template: %w", err)
	}
	if err := tmpl.Execute(&waivers, struct{ Expires string }{now.UTC().Add(WaiverLifetime).Format(time.DateOnly)}); err != nil {
		return nil, fmt.Errorf("render the waiver template: %w", err)
	}
	files := []File{
		{Path: ConfigPath, Description: "configuration: what to assess, the gate, waivers, reports", Data: configFile},
		{Path: WaiversPath, Description: "accepted risks, with one example to replace", Data: waivers.Bytes()},
	}
	switch system {
	case GitHub:
		files = append(files, File{Path: GitHubWorkflowPath, Description: "GitHub Actions workflow: SARIF, pull-request comment, reports, gate", Data: githubWorkflow})
	case GitLab:
		files = append(files, File{Path: GitLabJobPath, Description: "GitLab CI job (add 'include: [{local: " + GitLabJobPath + "}]' to .gitlab-ci.yml)", Data: ci.GitLabJob})
	case NoCI:
	default:
		return nil, fmt.Errorf("unknown CI %q (want %s)", opts.CI, strings.Join(CIs, ", "))
	}
	return files, nil
}

// ExistsError lists the files that are already there.
type ExistsError struct {
	Paths []string
}

func (e *ExistsError) Error() string {
	return fmt.Sprintf("%s already %s; nothing was written (use --force to overwrite)", strings.Join(e.Paths, ", "),
		map[bool]string{true: "exists", false: "exist"}[len(e.Paths) == 1])
}

// Write writes the files into dir, all or nothing. Unless force is set, a
// file that already exists stops it before anything is written, with an
// *ExistsError naming every such file.
func Write(dir string, files []File, force bool) error {
	var exists []string
	set := staging.Set{Files: map[string][]byte{}}
	for _, f := range files {
		set.Files[f.Path] = f.Data
		_, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(f.Path)))
		switch {
		case err == nil:
			exists = append(exists, path.Clean(f.Path))
		case !errors.Is(err, os.ErrNotExist):
			return fmt.Errorf("check %s: %w", f.Path, err)
		}
	}
	if len(exists) > 0 && !force {
		return &ExistsError{Paths: exists}
	}
	if err := staging.Write(dir, set); err != nil {
		return fmt.Errorf("write into %s: %w", dir, err)
	}
	return nil
}
