package cli

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/collectors/probe"
	"github.com/tollgate-dev/tollgate/collectors/tooldef"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/pipeline"
	"github.com/tollgate-dev/tollgate/report/inventory"
)

// probeFlags are the flags that control live probing.
type probeFlags struct {
	configured   bool
	urls         []string
	headers      []string
	allowPrivate bool
	allowExec    bool
	probeErrors  bool
	timeout      time.Duration
}

// addErrorProbeFlag adds --probe-errors, which commands that judge what
// they probe (probe, assess) offer.
func addErrorProbeFlag(f *pflag.FlagSet, pf *probeFlags) {
	f.BoolVar(&pf.probeErrors, "probe-errors", false, "after listing, send each probed server one tools/call for a tool name no server offers, and judge what its error discloses (never calls a real tool)")
}

// addProbeFlags adds the probe flags; withConfigured adds --probe (probe
// the servers found in configs), which only commands reading configs have.
func addProbeFlags(f *pflag.FlagSet, pf *probeFlags, withConfigured bool) {
	if withConfigured {
		f.BoolVar(&pf.configured, "probe", false, "also probe every remote server found in the configs (touches the network)")
		f.StringArrayVar(&pf.urls, "probe-url", nil, "probe this MCP endpoint too (repeatable)")
	}
	f.StringArrayVar(&pf.headers, "header", nil, "header NAME=VALUE sent to --probe-url endpoints (repeatable); VALUE env:VAR reads the variable VAR")
	f.BoolVar(&pf.allowPrivate, "probe-private", false, "allow probing private network addresses (10/8, 172.16/12, 192.168/16, fc00::/7)")
	f.BoolVar(&pf.allowExec, "allow-exec", false, "start configured stdio servers to list their tools (clean environment, timeout, killed afterwards)")
	f.DurationVar(&pf.timeout, "probe-timeout", probe.DefaultTimeout, "overall time limit of the probe")
}

// options turns the flags into pipeline probe options (nil when nothing is
// to be probed).
func (pf *probeFlags) options() (*pipeline.ProbeOptions, error) {
	headers := http.Header{}
	for _, h := range pf.headers {
		name, value, err := probe.ParseHeader(h)
		if err != nil {
			return nil, usageError("%v", err)
		}
		headers.Add(name, value)
	}
	for _, u := range pf.urls {
		if err := checkProbeURL(u); err != nil {
			return nil, err
		}
	}
	if !pf.configured && len(pf.urls) == 0 && !pf.allowExec {
		if len(pf.headers) > 0 {
			return nil, usageError("--header applies to --probe-url endpoints; name one")
		}
		if pf.probeErrors {
			return nil, usageError("--probe-errors applies to probed endpoints; use --probe or --probe-url")
		}
		return nil, nil
	}
	if len(headers) == 0 {
		headers = nil
	}
	return &pipeline.ProbeOptions{
		Configured: pf.configured || pf.allowExec,
		URLs:       pf.urls,
		Headers:    headers,
		Options: probe.Options{
			Policy:      probe.Policy{AllowPrivate: pf.allowPrivate},
			AllowExec:   pf.allowExec,
			Timeout:     pf.timeout,
			ProbeErrors: pf.probeErrors,
		},
	}, nil
}

func checkProbeURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return usageError("%q is not an http(s) URL", redactURLArg(raw))
	}
	return nil
}

// redactURLArg hides a URL argument's query and userinfo in messages.
func redactURLArg(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "the URL given"
	}
	u.User = nil
	if u.RawQuery != "" {
		u.RawQuery = "…"
	}
	return u.String()
}

type probeOptions struct {
	flags     probeFlags
	format    string
	output    string
	timestamp string
}

func newProbeCommand(app *App) *cobra.Command {
	var opts probeOptions
	cmd := &cobra.Command{
		Use:   "probe URL...",
		Short: "Probe live MCP endpoints: authentication, metadata, TLS, Origin, sessions, tools",
		Long: `Probe connects to MCP endpoints (Streamable HTTP, or the legacy SSE transport)
and reports what it sees: whether initialize and tools/list work without
credentials, the 401 challenge and its RFC 9728 protected-resource metadata,
the authorization servers' metadata (RFC 8414 / OpenID discovery, PKCE S256,
dynamic client registration), TLS version and certificate, whether a foreign
Origin is refused, CORS, whether a token is accepted in the query string,
session ids, the negotiated protocol and server version — and every tool,
prompt, resource template and instruction the server serves, with the
poisoning heuristics (hidden instructions, invisible Unicode, encoded text,
shadowing, look-alike names, destructive tools without annotations).

Credentials: --header NAME=VALUE, where VALUE may be env:VAR to read a
variable, so tokens never sit on the command line. Tokens never appear in
the output. No tool is ever called: --probe-errors sends one tools/call for
a tool name no server offers (` + "`" + probe.ErrorProbeTool + "`" + `) and reports
whether the error discloses stack traces, internal paths, private addresses,
connection strings or credentials (kept redacted).

Safety: link-local and cloud metadata addresses are always refused; private
addresses only with --probe-private; loopback is allowed.`,
		Example: `  tollgate probe https://mcp.example.com/mcp
  tollgate probe https://mcp.example.com/mcp --header Authorization=env:MCP_AUTH --format json
  tollgate probe http://10.0.0.5:8080/mcp --probe-private -o bundle/
  tollgate probe https://mcp.example.com/mcp --header Authorization=env:MCP_AUTH --probe-errors`,
		Args: cobra.MinimumNArgs(1),
		RunE: withProgress(app, func(cmd *cobra.Command, args []string) error {
			return runProbe(cmd, app, args, opts)
		}),
	}
	addProgressFlag(cmd)
	f := cmd.Flags()
	f.StringVar(&opts.format, "format", "table", "output format: table or json")
	f.StringVarP(&opts.output, "output", "o", "", "also write an evidence bundle (subjects and the redacted request record) to this folder")
	f.StringVar(&opts.timestamp, "timestamp", "", "collection time to record (RFC 3339; default SOURCE_DATE_EPOCH or now)")
	addProbeFlags(f, &opts.flags, false)
	addErrorProbeFlag(f, &opts.flags)
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"table", "json"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runProbe(cmd *cobra.Command, app *App, args []string, opts probeOptions) error {
	if opts.format != "table" && opts.format != "json" {
		return usageError("--format %q: want table or json", opts.format)
	}
	opts.flags.urls = args
	po, err := opts.flags.options()
	if err != nil {
		return err
	}
	po.Configured = false
	now, err := resolveTimestamp(opts.timestamp)
	if err != nil {
		return err
	}
	bundle, err := pipeline.Collect(cmd.Context(), collectors.Request{Now: now, Version: app.Version}, pipeline.Extra{Probe: po})
	if err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	if opts.output != "" {
		if err := evidence.WriteBundle(opts.output, bundle); err != nil {
			return &ExitError{Code: 2, Err: err}
		}
	}
	app.endProgress()
	if opts.format == "json" {
		return inventory.WriteJSON(app.Out, bundle)
	}
	return inventory.WriteProbe(app.Out, bundle.Subjects)
}

type lockOptions struct {
	flags     probeFlags
	output    string
	timestamp string
}

func newLockCommand(app *App) *cobra.Command {
	var opts lockOptions
	cmd := &cobra.Command{
		Use:   "lock [PATH...]",
		Short: "Record the approved definition of every tool, prompt and resource template",
		Long: `Lock records, per server, the full definition of every tool, prompt, resource
template and server instruction (name, title, description, input and output
schema, annotations) with its sha256, plus the server's name, version and
protocol version, into a lockfile. Commit it: 'tollgate assess' reads
tollgate.lock from the assessed folder (or --lock FILE) and fails MCP-TOOL-01
for every definition that changed, appeared or disappeared since, showing
what changed.

Definitions come from the endpoints given with --probe-url, from every remote
server in the configs under PATH (probed; stdio servers only with
--allow-exec), and from saved definition files under PATH. Secrets are
redacted in the lockfile; hashes are taken over the definitions as served.`,
		Example: `  tollgate lock --probe-url https://mcp.example.com/mcp -o tollgate.lock
  tollgate lock . --header Authorization=env:MCP_AUTH --probe-url https://mcp.example.com/mcp
  tollgate lock . --allow-exec -o tollgate.lock`,
		RunE: withProgress(app, func(cmd *cobra.Command, args []string) error {
			return runLock(cmd, app, args, opts)
		}),
	}
	addProgressFlag(cmd)
	f := cmd.Flags()
	f.StringVarP(&opts.output, "output", "o", tooldef.LockFile, "lockfile to write")
	f.StringVar(&opts.timestamp, "timestamp", "", "collection time (RFC 3339; default SOURCE_DATE_EPOCH or now)")
	f.StringArrayVar(&opts.flags.urls, "probe-url", nil, "probe this MCP endpoint (repeatable)")
	addProbeFlags(f, &opts.flags, false)
	addSourceFlags(f)
	return cmd
}

func runLock(cmd *cobra.Command, app *App, args []string, opts lockOptions) error {
	opts.flags.configured = len(args) > 0
	po, err := opts.flags.options()
	if err != nil {
		return err
	}
	if po == nil {
		return usageError("name folders with MCP configs or definition files, or endpoints with --probe-url")
	}
	_, bundle, _, err := collectSources(cmd, app, sourceBindings, args, opts.timestamp, pipeline.Extra{Probe: po})
	if err != nil {
		return err
	}
	app.endProgress()
	lock := tooldef.BuildLock(bundle.Subjects)
	for _, s := range bundle.Subjects {
		if ep, ok := s.(*evidence.Endpoint); ok && ep.Error != "" {
			app.printf(app.Err, "warning: %s: %s\n", ep.URL, ep.Error)
		}
	}
	if err := tooldef.WriteLock(opts.output, lock); err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	n := 0
	for _, s := range lock.Servers {
		n += len(s.Definitions)
	}
	app.printf(app.Out, "locked %d definitions of %d servers in %s\n", n, len(lock.Servers), opts.output)
	return nil
}

// lockFor loads the lockfile assess compares against.
func lockFor(flag string, args []string) (*tooldef.Lock, error) {
	dir := ""
	if len(args) == 1 {
		if info, err := os.Stat(args[0]); err == nil && info.IsDir() {
			dir = args[0]
		}
	}
	l, _, err := pipeline.LoadLock(flag, dir)
	if err != nil {
		return nil, &ExitError{Code: 2, Err: fmt.Errorf("%w", err)}
	}
	return l, nil
}
