package cli

import (
	"errors"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tollgate-dev/tollgate/templates/scaffold"
)

type initOptions struct {
	ci        string
	force     bool
	timestamp string
}

func newInitCommand(app *App) *cobra.Command {
	var opts initOptions
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Set a repository up: tollgate.yaml, a waiver file and a CI workflow",
		Long: `Init writes into DIR (default: the current folder) a commented tollgate.yaml,
policy/waivers.hcl with one example waiver to replace, and a CI workflow:
.github/workflows/tollgate.yml for GitHub Actions (--ci github, the default) or
.gitlab/tollgate.yml for GitLab CI (--ci gitlab). It prints what it wrote.

It never overwrites a file: when one of them exists, it writes nothing and says
which, unless --force is given.`,
		Example: `  tollgate init
  tollgate init repos/api --ci gitlab
  tollgate init --force`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			return runInit(app, dir, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.ci, "ci", scaffold.GitHub, "CI workflow to write: "+strings.Join(scaffold.CIs, ", "))
	f.BoolVar(&opts.force, "force", false, "overwrite files that exist")
	f.StringVar(&opts.timestamp, "timestamp", "", "the time to date the example waiver from (RFC 3339; default SOURCE_DATE_EPOCH or now)")
	_ = cmd.RegisterFlagCompletionFunc("ci", cobra.FixedCompletions(scaffold.CIs, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runInit(app *App, dir string, opts initOptions) error {
	now, err := resolveTimestamp(opts.timestamp)
	if err != nil {
		return err
	}
	files, err := scaffold.Files(scaffold.Options{CI: opts.ci, Now: now})
	if err != nil {
		return usageError("--ci: %v", err)
	}
	if err := scaffold.Write(dir, files, opts.force); err != nil {
		var exists *scaffold.ExistsError
		if errors.As(err, &exists) {
			return usageError("%v", err)
		}
		return &ExitError{Code: 2, Err: err}
	}
	for _, f := range files {
		app.printf(app.Out, "wrote %-32s %s\n", filepath.Join(dir, filepath.FromSlash(f.Path)), f.Description)
	}
	app.printf(app.Out, "\nNext: edit %s and %s, then run 'tollgate assess %s'.\n",
		filepath.Join(dir, scaffold.ConfigPath), filepath.Join(dir, filepath.FromSlash(scaffold.WaiversPath)), dir)
	if opts.ci == scaffold.GitLab {
		app.printf(app.Out, "Add to .gitlab-ci.yml:\n  include:\n    - local: %s\n", scaffold.GitLabJobPath)
	}
	return nil
}
