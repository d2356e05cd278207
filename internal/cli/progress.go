package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tollgate-dev/tollgate/internal/progressbar"
	"github.com/tollgate-dev/tollgate/progress"
)

// Values of --progress.
const (
	progressAuto   = "auto"
	progressAlways = "always"
	progressNever  = "never"
)

var progressModes = []string{progressAuto, progressAlways, progressNever}

// beginProgress shows the progress of the command's work as bars on
// standard error: with --progress=auto (the default) only when standard
// error is a terminal, never with -q or --progress=never. The command's
// context carries the reporter; endProgress must be called before the
// command prints its results.
func (a *App) beginProgress(cmd *cobra.Command) error {
	mode := progressAuto
	if f := cmd.Flags().Lookup("progress"); f != nil {
		mode = f.Value.String()
	}
	if !slices.Contains(progressModes, mode) {
		return usageError("--progress %q: want %s", mode, strings.Join(progressModes, ", "))
	}
	quiet, _ := cmd.Flags().GetBool("quiet")
	if mode == progressNever || quiet || (mode == progressAuto && !a.ErrTerminal) {
		return nil
	}
	a.bars = progressbar.New(a.Err, progressbar.Options{Always: mode == progressAlways})
	cmd.SetContext(progress.WithReporter(cmd.Context(), a.bars))
	return nil
}

// endProgress ends the bars, if any, so that what follows is printed below
// them. It may be called more than once.
func (a *App) endProgress() {
	if a.bars != nil {
		a.bars.Stop()
		a.bars = nil
	}
}

// addProgressFlag adds --progress to the flags of a long-running command.
func addProgressFlag(cmd *cobra.Command) {
	cmd.Flags().String("progress", progressAuto, fmt.Sprintf("progress bars on standard error: %s (when it is a terminal), %s or %s",
		progressAuto, progressAlways, progressNever))
	_ = cmd.RegisterFlagCompletionFunc("progress", cobra.FixedCompletions(progressModes, cobra.ShellCompDirectiveNoFileComp))
}

// withProgress runs a command's work with beginProgress and, whatever
// happens, endProgress.
func withProgress(app *App, run func(cmd *cobra.Command, args []string) error) func(cmd *cobra.Command, args []string) error {
	return func(cmd *cobra.Command, args []string) error {
		if err := app.beginProgress(cmd); err != nil {
			return err
		}
		defer app.endProgress()
		return run(cmd, args)
	}
}
