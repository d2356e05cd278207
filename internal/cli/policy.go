package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tollgate-dev/tollgate/pipeline"
	"github.com/tollgate-dev/tollgate/policy"
	"github.com/tollgate-dev/tollgate/policy/export"
	"github.com/tollgate-dev/tollgate/templates/scaffold"
)

func newPolicyCommand(app *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policy",
		Short: "Write, check and export the organisation policy of approved MCP servers",
		Long: `An organisation policy is a folder of .cue files: the servers the organisation
approves (by package, image, URL or command, with the versions or digests
allowed, their owners, tools, transports and authentication), the servers and
publishers it denies, the settings it requires and time-bound exceptions.
'tollgate assess --policy DIR' judges every server, tool and workload against
it (MCP-GOV-01 and the MCP-POLICY controls).`,
	}
	cmd.AddCommand(newPolicyCheckCommand(app), newPolicyInitCommand(app), newPolicyExportCommand(app))
	return cmd
}

type policyCheckOptions struct {
	timestamp string
}

func newPolicyCheckCommand(app *App) *cobra.Command {
	var opts policyCheckOptions
	cmd := &cobra.Command{
		Use:   "check POLICY",
		Short: "Validate a policy: every problem at its file and line",
		Long: `Check reads a policy (a folder of .cue files, or one) against Tollgate's policy
schema and prints every problem at its file and line: fields the schema does
not have (with the closest it has), missing or malformed values, requirements
naming fields their subjects lack. It also warns about what is valid but weak:
owners still TODO, approvals that allow every version, reviews more than a year
old, expired exceptions.

Exit codes: 0 the policy is valid (warnings or not); 1 it has problems; 2 it
could not be read.`,
		Example: `  tollgate policy check policy/
  tollgate policy check policy/servers.cue`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPolicyCheck(app, args[0], opts)
		},
	}
	cmd.Flags().StringVar(&opts.timestamp, "timestamp", "", "the date to judge reviews and expiries at (RFC 3339; default SOURCE_DATE_EPOCH or now)")
	return cmd
}

func runPolicyCheck(app *App, path string, opts policyCheckOptions) error {
	now, err := resolveTimestamp(opts.timestamp)
	if err != nil {
		return err
	}
	if _, err := os.Stat(path); err != nil {
		return usageError("policy %s: no such file or folder", path)
	}
	p, err := policy.Load(path)
	if err != nil {
		app.printf(app.Err, "%v\n", err)
		return &ExitError{Code: 1, Silent: true, Err: fmt.Errorf("policy %s is not valid", path)}
	}
	for _, w := range p.Warnings(now) {
		app.printf(app.Err, "warning: %s\n", w)
	}
	app.printf(app.Out, "policy %s is valid: %s\n", path, p.Summary())
	return nil
}

type policyInitOptions struct {
	output    string
	force     bool
	timestamp string
}

func newPolicyInitCommand(app *App) *cobra.Command {
	var opts policyInitOptions
	cmd := &cobra.Command{
		Use:   "init PATH...",
		Short: "Write a starting policy that approves what is deployed today",
		Long: `Init collects the MCP servers and workloads under the paths, as 'tollgate
collect' does, and writes a starting policy (policy.cue in the output folder)
that approves every one of them by what identifies it, pinned to the versions,
digests and tags found, with the tools seen for each, and TODO owners. Assessing
the same estate with it passes the allowlist control (MCP-GOV-01); a server
added afterwards fails it. Give each entry its owner, remove what should not be
there, and tighten from there.

It never overwrites a file unless --force is given.`,
		Example: `  tollgate policy init . -o policy/
  tollgate policy init repos/ --user-configs -o policy/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPolicyInit(cmd, app, args, opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.output, "output", "o", "policy", "folder to write policy.cue into")
	f.BoolVar(&opts.force, "force", false, "overwrite a policy.cue that exists")
	f.StringVar(&opts.timestamp, "timestamp", "", "collection time to record (RFC 3339; default SOURCE_DATE_EPOCH or now)")
	addSourceFlags(f)
	return cmd
}

func runPolicyInit(cmd *cobra.Command, app *App, args []string, opts policyInitOptions) error {
	_, bundle, _, err := collectSources(cmd, app, sourceBindings, args, opts.timestamp, pipeline.Extra{})
	if err != nil {
		return err
	}
	data := policy.Init(bundle.Subjects)
	p, err := policy.Parse([]policy.File{{Path: filepath.ToSlash(filepath.Join(opts.output, "policy.cue")), Data: data}})
	if err != nil {
		return &ExitError{Code: 2, Err: fmt.Errorf("the starting policy does not validate: %w", err)}
	}
	file := scaffold.File{Path: "policy.cue", Description: "starting policy", Data: data}
	if err := scaffold.Write(opts.output, []scaffold.File{file}, opts.force); err != nil {
		var exists *scaffold.ExistsError
		if errors.As(err, &exists) {
			return usageError("%v", err)
		}
		return &ExitError{Code: 2, Err: err}
	}
	app.printf(app.Out, "wrote %s: %d approved entries, owners TODO\n", filepath.Join(opts.output, "policy.cue"), len(p.Approved))
	app.printf(app.Out, "Next: name the owners, review every entry, then 'tollgate assess %s --policy %s'.\n",
		strings.Join(args, " "), opts.output)
	return nil
}

type policyExportOptions struct {
	output  string
	targets []string
	force   bool
}

func newPolicyExportCommand(app *App) *cobra.Command {
	var opts policyExportOptions
	cmd := &cobra.Command{
		Use:   "export POLICY",
		Short: "Write what clients and gateways enforce from the policy",
		Long: `Export turns the policy into what the products enforce themselves, one folder
per product in the output folder:

  claude-code   managed-mcp.json (the approved servers every user gets) and
                managed-settings.json (allowedMcpServers, deniedMcpServers and
                allowManagedMcpServersOnly)
  docker        docker-mcp-catalog.yaml, a Docker MCP Gateway catalog of the
                approved images and remote servers, with their tools
  agentgateway  agentgateway.yaml, targets for the approved servers and an
                mcpAuthorization rule per target allowing only its tools

Servers are pinned to the first exact version or digest their entry allows.
What a product cannot express (a URL pattern where it needs one server, an
entry approved only for some folders, a package a gateway cannot run) is left
out and listed. It never overwrites a file unless --force is given.`,
		Example: `  tollgate policy export policy/ -o enforce/
  tollgate policy export policy/ --to claude-code -o /etc/claude-code-staging/`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPolicyExport(app, args[0], opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.output, "output", "o", "policy-export", "folder to write into")
	f.StringSliceVar(&opts.targets, "to", []string{"all"}, "products to export for: "+strings.Join(export.Names(), ", ")+" or all")
	f.BoolVar(&opts.force, "force", false, "overwrite files that exist")
	_ = cmd.RegisterFlagCompletionFunc("to", cobra.FixedCompletions(append(export.Names(), "all"), cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runPolicyExport(app *App, path string, opts policyExportOptions) error {
	p, err := policy.Load(path)
	if err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	files, skipped, err := export.Export(p, opts.targets)
	if err != nil {
		return usageError("--to: %v", err)
	}
	out := make([]scaffold.File, len(files))
	for i, f := range files {
		out[i] = scaffold.File{Path: f.Path, Description: f.Description, Data: f.Data}
	}
	if err := scaffold.Write(opts.output, out, opts.force); err != nil {
		var exists *scaffold.ExistsError
		if errors.As(err, &exists) {
			return usageError("%v", err)
		}
		return &ExitError{Code: 2, Err: err}
	}
	for _, f := range files {
		app.printf(app.Out, "wrote %-48s %s\n", filepath.Join(opts.output, filepath.FromSlash(f.Path)), f.Description)
	}
	for _, s := range skipped {
		app.printf(app.Err, "note: %s\n", s)
	}
	return nil
}
