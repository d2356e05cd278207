package cli

import (
	"github.com/spf13/cobra"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/pipeline"
	"github.com/tollgate-dev/tollgate/report/inventory"
)

type collectOptions struct {
	bundleDir string
	format    string
	timestamp string
}

func newCollectCommand(app *App) *cobra.Command {
	var opts collectOptions
	cmd := &cobra.Command{
		Use:   "collect PATH...",
		Short: "Inventory the MCP servers declared under files and folders",
		Long: `Collect reads MCP client configs (Claude Desktop, Claude Code, Cursor, VS Code,
Windsurf, Antigravity, Cline, Continue, Zed, Gemini CLI, Codex), MCP registry
server.json files and MCPB manifests under the given paths, and prints one line
per declared server with its location. Kubernetes manifests, Helm charts and
values files, kustomizations and, with --kubeconfig or --in-cluster, a live
cluster (get and list only) are read into MCP workloads, listed one per line.
Secrets are never printed: they are shown as [REDACTED:<shape>].

Files that cannot be read cleanly (malformed, empty, binary, too large) are
listed with the reason and line. With -o, the evidence is written as a bundle
(manifest.json plus redacted copies of the files) for 'tollgate evaluate'.`,
		Example: `  tollgate collect .
  tollgate collect ~/src --exclude '**/testdata/**' --format json
  tollgate collect --user-configs -o bundle/
  tollgate collect --kubeconfig ~/.kube/config --context prod -o bundle/`,
		RunE: withProgress(app, func(cmd *cobra.Command, args []string) error {
			return runCollect(cmd, app, args, opts)
		}),
	}
	addProgressFlag(cmd)
	f := cmd.Flags()
	f.StringVarP(&opts.bundleDir, "output", "o", "", "write an evidence bundle to this folder")
	f.StringVar(&opts.format, "format", "table", "output format: table or json")
	f.StringVar(&opts.timestamp, "timestamp", "", "collection time to record (RFC 3339; default SOURCE_DATE_EPOCH or now)")
	addSourceFlags(f)
	return cmd
}

func runCollect(cmd *cobra.Command, app *App, args []string, opts collectOptions) error {
	if opts.format != "table" && opts.format != "json" {
		return usageError("--format %q: want table or json", opts.format)
	}
	_, bundle, _, err := collectSources(cmd, app, sourceBindings, args, opts.timestamp, pipeline.Extra{})
	if err != nil {
		return err
	}
	if opts.bundleDir != "" {
		if err := evidence.WriteBundle(opts.bundleDir, bundle); err != nil {
			return &ExitError{Code: 2, Err: err}
		}
	}
	app.endProgress()
	if opts.format == "json" {
		return inventory.WriteJSON(app.Out, bundle)
	}
	if err := inventory.WriteTable(app.Out, bundle.Subjects); err != nil {
		return err
	}
	if opts.bundleDir != "" {
		app.printf(app.Err, "evidence bundle written to %s\n", opts.bundleDir)
	}
	return nil
}
