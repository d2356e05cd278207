package cli

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"
	"github.com/tollgate-dev/tollgate/internal/version"
)

func newVersionCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the Tollgate version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintf(app.Out, "tollgate %s", app.Version)
			if c := version.Commit(); c != "" {
				fmt.Fprintf(app.Out, " (%s)", c)
			}
			fmt.Fprintf(app.Out, " %s/%s %s\n", runtime.GOOS, runtime.GOARCH, runtime.Version())
			return nil
		},
	}
}
