package cli

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// flagSet is the flag set commands bind to configuration keys.
type flagSet = *pflag.FlagSet

// NewRootCommand builds the tollgate command tree.
func NewRootCommand(app *App) *cobra.Command {
	root := &cobra.Command{
		Use:   "tollgate",
		Short: "Compliance-as-code for MCP deployments",
		Long: `Tollgate finds the MCP servers an organisation runs or lets its people run — in
client configs (Claude, Cursor, VS Code, Windsurf, Cline, Continue, Zed, Gemini
CLI, Codex), MCP registry server.json files and MCPB manifests — judges each
against a catalog of MCP security controls, and maps the verdicts onto NIST SP
800-53 Rev. 5, ISO/IEC 27001:2022, NIST SSDF 1.1 and GDPR.

Start here:
  tollgate init                      set this repository up: tollgate.yaml, waivers, CI workflow
  tollgate collect .                 list every MCP server declared under this folder
  tollgate assess examples/acme      assess the bundled example and write reports
  tollgate controls list             the controls Tollgate checks

Configuration comes from flags, then TOLLGATE_* environment variables, then
tollgate.yaml in the working directory (or --config FILE).`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       app.Version,
	}
	root.SetIn(app.In)
	root.SetOut(app.Out)
	root.SetErr(app.Err)
	root.SetVersionTemplate("tollgate {{.Version}}\n")
	root.PersistentFlags().StringVar(&app.ConfigPath, "config", "", "configuration file (default ./tollgate.yaml when present)")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &ExitError{Code: 2, Err: fmt.Errorf("%w\nRun '%s --help' for usage.", err, c.CommandPath())}
	})

	for _, add := range subcommands {
		root.AddCommand(add(app))
	}
	return root
}

// subcommands are the constructors of the top-level commands, in help order.
var subcommands = []func(*App) *cobra.Command{
	newAssessCommand,
	newCollectCommand,
	newControlsCommand,
	newDiffCommand,
	newEvaluateCommand,
	newExportCommand,
	newFrameworksCommand,
	newHistoryCommand,
	newInitCommand,
	newLockCommand,
	newPolicyCommand,
	newProbeCommand,
	newVersionCommand,
}
