package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/history"
	"github.com/tollgate-dev/tollgate/internal/config"
	"github.com/tollgate-dev/tollgate/pipeline"
	"github.com/tollgate-dev/tollgate/report"
	"github.com/tollgate-dev/tollgate/report/console"
)

type assessOptions struct {
	timestamp string
	quiet     bool
	summary   string
	probe     probeFlags
	lock      string
}

// assessBindings maps configuration keys to the evaluate/report flags.
var assessBindings = map[string]string{
	"output.dir":              "output",
	"output.formats":          "format",
	"output.workbook_profile": "workbook-profile",
	"frameworks":              "frameworks",
	"catalogs":                "catalog",
	"waivers":                 "waivers",
	"attestations":            "attestations",
	"policy":                  "policy",
	"gate.fail_on":            "fail-on",
	"gate.min_coverage":       "min-coverage",
	"gate.baseline":           "baseline",
	"history.store":           "history",
	"history.scope":           "history-scope",
	"assessment.ssp":          "ssp",
	"output.sarif_root":       "sarif-root",
}

func newAssessCommand(app *App) *cobra.Command {
	var opts assessOptions
	cmd := &cobra.Command{
		Use:   "assess PATH...",
		Short: "Collect, evaluate every control, write every report, and gate",
		Long: `Assess collects the MCP configs and manifests under the given paths, judges
every control of the catalog against every server, maps the verdicts onto the
frameworks, and writes the reports (OSCAL assessment results, the auditor
workbook, SARIF, JUnit, results.json, summary.md and the HTML report) plus the redacted evidence
they point to, into the output folder.

With --baseline (an earlier run's results.json, output folder or evidence
bundle), only failures absent from the baseline fail the gate, and every report
marks each finding new or baseline.

With --policy (or policy in tollgate.yaml), every server, tool and workload is
judged against the organisation policy: servers it does not approve, other
versions, denied servers, tools it does not allow and settings it requires
fail (MCP-GOV-01, MCP-POLICY-01 to -08), and the policy's files go into the
evidence. See 'tollgate policy'.

With --probe, every remote server found in the configs is probed too (each
with only the credentials its own entry references, resolved from the
environment), and --probe-url adds endpoints; see 'tollgate probe'. When the
assessed folder holds tollgate.lock (or --lock names one), every tool
definition is compared with it: any change fails MCP-TOOL-01. With
--probe-errors, each probed server also gets one tools/call for a tool name no
server offers, and what its error discloses is judged (MCP-ENDPOINT-12, -13).

Exit codes: 0 the gate passed; 1 the gate failed (an unwaived failure at or
above --fail-on, absent from the baseline when one is given, or coverage below
--min-coverage); 2 a usage or internal error.
Malformed inputs are findings, not errors.

Memory: a large run keeps to a soft limit of 800 MiB by collecting garbage more
often (a small run never reaches it); GOMEMLIMIT overrides it, for example
GOMEMLIMIT=4GiB, or GOMEMLIMIT=off for none.`,
		Example: `  tollgate assess examples/acme
  tollgate assess . --fail-on critical --format sarif,json -o out/
  tollgate assess repos/ --frameworks nist-800-53-rev5,iso-27001-2022 --timestamp 2026-01-01T00:00:00Z
  tollgate assess . --baseline main-out/results.json
  tollgate assess . --probe --lock tollgate.lock
  tollgate assess . --probe --probe-errors`,
		RunE: withProgress(app, func(cmd *cobra.Command, args []string) error {
			po, err := opts.probe.options()
			if err != nil {
				return err
			}
			lock, err := lockFor(opts.lock, args)
			if err != nil {
				return err
			}
			loaded, bundle, now, err := collectSources(cmd, app, mergeBindings(sourceBindings, assessBindings), args, opts.timestamp,
				pipeline.Extra{Probe: po, Lock: lock})
			if err != nil {
				return err
			}
			return evaluateAndReport(cmd, app, bundle, loaded, now, opts)
		}),
	}
	addProgressFlag(cmd)
	f := cmd.Flags()
	addSourceFlags(f)
	addEvaluateFlags(f, &opts)
	addProbeFlags(f, &opts.probe, true)
	addErrorProbeFlag(f, &opts.probe)
	f.StringVar(&opts.lock, "lock", "", "lockfile to compare tool definitions with (default: tollgate.lock in the assessed folder, when present)")
	registerEvaluateCompletions(cmd)
	return cmd
}

func newEvaluateCommand(app *App) *cobra.Command {
	var opts assessOptions
	cmd := &cobra.Command{
		Use:   "evaluate BUNDLE...",
		Short: "Evaluate evidence bundles collected elsewhere and write the reports",
		Long: `Evaluate reads evidence bundles written by 'tollgate collect -o DIR' (for
example in CI jobs, MDM jobs or cluster CronJobs, on other machines), judges
them with the control catalog, and writes the same reports and exit code as
'tollgate assess'. Every artifact's hash is checked first.

Several bundles are evaluated as one fleet: each bundle's subjects and files
are qualified by its origin (the --origin label given at collect time, by
default the repository or host name), as if each bundle were a folder named
after it, so the reports say which machine or repository each finding comes
from. Bundles of the same origin that overlap are merged: the copy collected
last is used, and differing copies are reported.`,
		Example: `  tollgate collect repos/ -o bundle/
  tollgate evaluate bundle/ -o out/
  tollgate evaluate fleet/*/ -o fleet-out/`,
		Args: cobra.MinimumNArgs(1),
		RunE: withProgress(app, func(cmd *cobra.Command, args []string) error {
			loaded, err := app.Config(cmd.Flags(), assessBindings)
			if err != nil {
				return err
			}
			now, err := resolveTimestamp(opts.timestamp)
			if err != nil {
				return err
			}
			bundle, err := readBundles(app, args)
			if err != nil {
				return err
			}
			if err := checkEmpty(cmd, app, pipeline.CheckBundleRead(bundle, args...)); err != nil {
				return err
			}
			loaded.Scope = bundle.Scope
			return evaluateAndReport(cmd, app, bundle, loaded, now, opts)
		}),
	}
	addProgressFlag(cmd)
	addEvaluateFlags(cmd.Flags(), &opts)
	addAllowEmptyFlag(cmd.Flags())
	registerEvaluateCompletions(cmd)
	return cmd
}

// readBundles reads every bundle (checking every artifact's hash) and
// merges them into one, printing where overlapping copies differed.
func readBundles(app *App, dirs []string) (*evidence.Bundle, error) {
	parts := make([]evidence.Part, 0, len(dirs))
	for _, dir := range dirs {
		b, err := evidence.ReadBundle(dir)
		if err != nil {
			return nil, &ExitError{Code: 2, Err: err}
		}
		parts = append(parts, evidence.Part{Path: dir, Bundle: b})
	}
	merged, notes, err := evidence.Merge(parts)
	if err != nil {
		return nil, &ExitError{Code: 2, Err: err}
	}
	for _, n := range notes {
		app.printf(app.Err, "note: %s\n", n)
	}
	return merged, nil
}

// registerEvaluateCompletions completes the values of the evaluate flags.
func registerEvaluateCompletions(cmd *cobra.Command) {
	_ = cmd.RegisterFlagCompletionFunc("frameworks", completeFrameworkIDs)
	_ = cmd.RegisterFlagCompletionFunc("fail-on", cobra.FixedCompletions(append(append([]string{}, controls.Severities...), pipeline.FailOnNone), cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("summary", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("workbook-profile", cobra.FixedCompletions([]string{"default", "poam"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("format", func(_ *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
		done := prefix[:strings.LastIndex(prefix, ",")+1]
		var out []string
		for _, f := range append(append([]string{}, report.Formats...), report.None) {
			out = append(out, done+f)
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
}

func addEvaluateFlags(f *pflag.FlagSet, opts *assessOptions) {
	f.StringP("output", "o", "tollgate-out", "folder for the reports and evidence")
	f.StringSlice("format", report.DefaultFormats, "reports to write, of "+strings.Join(report.Formats, ", ")+"; or "+report.None+" (only gate)")
	f.String("workbook-profile", "default", "column profile of the workbook (default or poam)")
	f.StringSlice("frameworks", nil, "frameworks to report (default: all); see 'tollgate frameworks list'")
	f.StringSlice("catalog", nil, "extra control catalog folders, judged like the built-in one")
	f.StringSlice("waivers", nil, "waiver files (HCL)")
	f.StringSlice("attestations", nil, "attestation files for manual controls (HCL)")
	f.String("policy", "", "organisation policy: a folder of .cue files, or one (approved and denied servers, required settings); automates MCP-GOV-01")
	f.String("fail-on", "high", "fail the gate on an unwaived failure at or above this severity (critical, high, medium, low, info, none)")
	f.Float64("min-coverage", 0, "fail the gate when less than this percentage of framework requirements is assessed")
	f.String("baseline", "", "an earlier run (results.json, output folder or evidence bundle): only failures absent from it fail the gate")
	f.String("history", "", "record the run in this history store (a SQLite file or a postgres:// URL) and carry its trends into the reports")
	f.String("history-scope", history.DefaultScope, "history to record the run in, within the store")
	f.String("sarif-root", "", "path of the scan root in the repository, prefixed to SARIF file paths (default: the folder assessed, when it is inside the working directory; \".\" for none)")
	f.String("ssp", "", "the system security plan (OSCAL file or URL) the assessment plan and POA&M import (default: none, which they say)")
	f.StringVar(&opts.timestamp, "timestamp", "", "assessment time (RFC 3339); pins outputs to be byte-identical (default SOURCE_DATE_EPOCH or now)")
	f.BoolVarP(&opts.quiet, "quiet", "q", false, "print only the gate verdict")
	f.StringVar(&opts.summary, "summary", "text", "console summary: text or json (machine-readable, on standard output)")
}

// evaluateOptions are the evaluation settings of a configuration.
func evaluateOptions(cfg config.Config, now time.Time, version string) pipeline.EvaluateOptions {
	return pipeline.EvaluateOptions{Catalogs: cfg.Catalogs, Frameworks: cfg.Frameworks, Waivers: cfg.Waivers,
		Attestations: cfg.Attestations, Policy: cfg.Policy, Now: now, Version: version}
}

// runConfig loads the configuration (flags bound by bindings) and the run's
// time, with the evaluation settings they give.
func runConfig(cmd *cobra.Command, app *App, bindings map[string]string, timestamp string) (config.Config, pipeline.EvaluateOptions, error) {
	loaded, err := app.Config(cmd.Flags(), bindings)
	if err != nil {
		return config.Config{}, pipeline.EvaluateOptions{}, err
	}
	now, err := resolveTimestamp(timestamp)
	if err != nil {
		return config.Config{}, pipeline.EvaluateOptions{}, err
	}
	return loaded.Config, evaluateOptions(loaded.Config, now, app.Version), nil
}

// addBundleEvaluateFlags adds the flags that say how commands reading
// earlier runs evaluate those given as evidence bundles.
func addBundleEvaluateFlags(f *pflag.FlagSet) {
	f.StringSlice("frameworks", nil, "frameworks to report when evaluating a bundle (default: all)")
	f.StringSlice("catalog", nil, "extra control catalog folders, for bundles")
	f.StringSlice("waivers", nil, "waiver files (HCL), for bundles")
	f.StringSlice("attestations", nil, "attestation files (HCL), for bundles")
	f.String("policy", "", "organisation policy (a folder of .cue files, or one), for bundles")
}

func mergeBindings(maps ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range maps {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// reportFormats checks the --format list. "none" alone writes no report
// and no evidence (write is false); an empty list means the default formats.
func reportFormats(formats []string) (_ []string, write bool, _ error) {
	if len(formats) == 1 && strings.EqualFold(strings.TrimSpace(formats[0]), report.None) {
		return nil, false, nil
	}
	for _, f := range formats {
		if _, ok := report.Lookup(f); !ok {
			return nil, false, usageError("--format %q: want %s alone, or some of %s", f, report.None, strings.Join(report.Formats, ", "))
		}
	}
	return formats, true, nil
}

// evaluateAndReport is the shared tail of assess and evaluate: judge the
// bundle, write the reports and the evidence, print the summary, gate.
func evaluateAndReport(cmd *cobra.Command, app *App, bundle *evidence.Bundle, loaded *config.Loaded, now time.Time, opts assessOptions) error {
	cfg := loaded.Config
	if opts.summary != "text" && opts.summary != "json" {
		return usageError("--summary %q: want text or json", opts.summary)
	}
	gate := pipeline.Gate{FailOn: cfg.Gate.FailOn, MinCoverage: cfg.Gate.MinCoverage}
	if err := gate.Validate(); err != nil {
		return usageError("%v", err)
	}
	formats, write, err := reportFormats(cfg.Output.Formats)
	if err != nil {
		return err
	}
	eval := evaluateOptions(cfg, now, app.Version)
	results, err := pipeline.Evaluate(cmd.Context(), bundle, eval)
	if err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	if path := cfg.Gate.Baseline; path != "" {
		base, err := pipeline.LoadResults(cmd.Context(), path, eval)
		if err != nil {
			return &ExitError{Code: 2, Err: fmt.Errorf("baseline: %w", err)}
		}
		if err := pipeline.ApplyBaseline(results, base, path); err != nil {
			return &ExitError{Code: 2, Err: err}
		}
	}
	var hist *runHistory
	if cfg.History.Store != "" {
		if hist, err = openRunHistory(cmd.Context(), cfg.History, results, cfg.Output.Dir); err != nil {
			return err
		}
		defer hist.store.Close()
	}

	verdict := gate.Judge(results)
	cg := console.Gate{Passed: verdict.Passed, Reasons: verdict.Reasons, Blocking: verdict.Blocking, Baselined: verdict.Baselined,
		Coverage: verdict.Coverage, FailOn: gate.FailOn}
	var ropts report.Options
	ropts.XLSX.Profile = cfg.Output.WorkbookProfile
	ropts.HTML.Gate = &cg
	ropts.SARIF.Root = loaded.ScanRoot
	if r := cfg.Output.SARIFRoot; r != "" {
		ropts.SARIF.Root = r
	}
	var written []report.OutputFile
	if write {
		if ropts.Engagement, err = engagementFrom(loaded, cfg.Output.Dir, gate, verdict); err != nil {
			return err
		}
		if written, err = report.WriteOutputs(cfg.Output.Dir, results, bundle, formats, ropts); err != nil {
			return &ExitError{Code: 2, Err: err}
		}
	}
	if hist != nil {
		if err := hist.record(cmd.Context(), now); err != nil {
			return err
		}
	}
	files := make([]console.File, len(written))
	for i, w := range written {
		files[i] = console.File{Path: w.Path, Description: w.Description}
	}

	app.endProgress()
	summary := console.Summarise(results, cg, files)
	switch {
	case opts.summary == "json":
		if err := console.WriteJSON(app.Out, summary); err != nil {
			return err
		}
	case opts.quiet:
		console.WriteGate(app.Out, cg, console.Options{Color: app.Terminal})
	default:
		if err := console.WriteText(app.Out, summary, console.Options{Color: app.Terminal}); err != nil {
			return err
		}
	}
	if !verdict.Passed {
		return &ExitError{Code: 1, Silent: true, Err: fmt.Errorf("gate failed: %s", strings.Join(verdict.Reasons, "; "))}
	}
	return nil
}
