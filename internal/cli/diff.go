package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/diff"
	"github.com/tollgate-dev/tollgate/internal/words"
	"github.com/tollgate-dev/tollgate/pipeline"
)

type diffOptions struct {
	format    string
	failOnNew string
	timestamp string
}

// diffBindings maps configuration keys to the flags that evaluate bundles.
var diffBindings = pickBindings(assessBindings, "frameworks", "catalogs", "waivers", "attestations", "policy")

func newDiffCommand(app *App) *cobra.Command {
	var opts diffOptions
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Compare two assessments: new, fixed and still failing findings",
		Long: `Diff compares an earlier assessment (OLD) with a later one (NEW). Each is a
results.json file, an output folder holding one, or an evidence bundle, which is
evaluated first (with the catalogs, waivers and attestations of the
configuration and flags).

Findings are matched by their fingerprint (control, subject and failing facts;
never line numbers), so moved lines and reordered entries change nothing. It
prints the new failures, the fixed ones, those still failing, newly waived ones
and those whose waiver expired or was removed, severity changes, and the
controls and framework requirements whose status changed.

Exit codes: 0; 1 with --fail-on-new when a new failure at or above that
severity appears; 2 a usage or internal error.`,
		Example: `  tollgate diff base/results.json tollgate-out/
  tollgate diff main-out/ pr-out/ --format md > comment.md
  tollgate diff yesterday/ today/ --format json --fail-on-new high`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDiff(cmd, app, args[0], args[1], opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.format, "format", "text", "output format: "+strings.Join(diff.Formats, ", "))
	f.StringVar(&opts.failOnNew, "fail-on-new", "", "exit 1 when a new failure at or above this severity appears (critical, high, medium, low, info)")
	f.StringVar(&opts.timestamp, "timestamp", "", "assessment time for evidence bundles that are evaluated (RFC 3339)")
	addBundleEvaluateFlags(f)
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(diff.Formats, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("fail-on-new", cobra.FixedCompletions(controls.Severities, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("frameworks", completeFrameworkIDs)
	return cmd
}

func runDiff(cmd *cobra.Command, app *App, oldPath, newPath string, opts diffOptions) error {
	if !slices.Contains(diff.Formats, opts.format) {
		return usageError("--format %q: want %s", opts.format, strings.Join(diff.Formats, ", "))
	}
	if opts.failOnNew != "" && controls.SeverityRank(opts.failOnNew) < 0 {
		return usageError("--fail-on-new %q: want %s", opts.failOnNew, strings.Join(controls.Severities, ", "))
	}
	_, eval, err := runConfig(cmd, app, diffBindings, opts.timestamp)
	if err != nil {
		return err
	}
	before, err := pipeline.LoadResults(cmd.Context(), oldPath, eval)
	if err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	after, err := pipeline.LoadResults(cmd.Context(), newPath, eval)
	if err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	res := diff.Compare(before, after, oldPath, newPath)
	if err := diff.Write(app.Out, res, opts.format); err != nil {
		return err
	}
	if opts.failOnNew != "" {
		if n := len(res.Blocking(opts.failOnNew)); n > 0 {
			return &ExitError{Code: 1, Err: fmt.Errorf("%d new %s at or above severity %s", n, words.Plural(n, "failure", "failures"), opts.failOnNew)}
		}
	}
	return nil
}

// pickBindings returns the bindings of the given configuration keys.
func pickBindings(from map[string]string, keys ...string) map[string]string {
	out := make(map[string]string, len(keys))
	for _, k := range keys {
		out[k] = from[k]
	}
	return out
}
