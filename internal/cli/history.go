package cli

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/history"
	"github.com/tollgate-dev/tollgate/internal/config"
	"github.com/tollgate-dev/tollgate/internal/words"
	"github.com/tollgate-dev/tollgate/pipeline"
	resultsjson "github.com/tollgate-dev/tollgate/report/json"
)

// historyBindings maps configuration keys to the history commands' flags.
var historyBindings = map[string]string{
	"history.store": "store",
	"history.scope": "scope",
}

func newHistoryCommand(app *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "history",
		Short: "Keep runs over time and show how control gaps trend",
		Long: `History keeps assessments over time in a store: an embedded SQLite file
(` + history.DefaultPath + ` unless --store names another), or a PostgreSQL database
shared by a team (--store postgres://user@host/db; keep the password out of the
URL: PGPASSWORD and ~/.pgpass are read). Findings are tracked by fingerprint.

Scopes (--scope) keep apart the histories of different estates in one store.
With history.store set in tollgate.yaml (or --history), assess and evaluate
record every run and carry the trends into their reports.`,
	}
	cmd.AddCommand(newHistoryRecordCommand(app), newHistoryShowCommand(app))
	return cmd
}

func addHistoryFlags(f *pflag.FlagSet) {
	f.String("store", history.DefaultPath, "history store: a SQLite file or a postgres:// URL")
	f.String("scope", history.DefaultScope, "history to use within the store (one per estate: repository, team, fleet)")
}

type historyRecordOptions struct {
	timestamp string
}

func newHistoryRecordCommand(app *App) *cobra.Command {
	var opts historyRecordOptions
	cmd := &cobra.Command{
		Use:   "record OUT...",
		Short: "Record runs in the history store",
		Long: `Record stores runs in the history store. Each OUT is a results.json file, an
output folder holding one, or an evidence bundle (evaluated first, with the
catalogs, waivers and attestations of the configuration and flags).

Recording a run the store already holds changes nothing. Each run is written
in one transaction: a failure leaves the store as it was.`,
		Example: `  tollgate history record tollgate-out/
  tollgate history record nightly/*/results.json --store postgres://tollgate@db/history --scope fleet`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runHistoryRecord(cmd, app, args, opts)
		},
	}
	f := cmd.Flags()
	addHistoryFlags(f)
	f.StringVar(&opts.timestamp, "timestamp", "", "recording time, and assessment time of bundles evaluated (RFC 3339)")
	addBundleEvaluateFlags(f)
	return cmd
}

func runHistoryRecord(cmd *cobra.Command, app *App, outs []string, opts historyRecordOptions) error {
	cfg, eval, err := runConfig(cmd, app, mergeBindings(historyBindings, diffBindings), opts.timestamp)
	if err != nil {
		return err
	}
	store, err := history.Open(cmd.Context(), cfg.History.Store, true)
	if err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	defer store.Close()
	for _, out := range outs {
		doc, err := pipeline.LoadResults(cmd.Context(), out, eval)
		if err != nil {
			return &ExitError{Code: 2, Err: err}
		}
		run, added, err := store.Record(cmd.Context(), doc, out, cfg.History.Scope, eval.Now)
		if err != nil {
			return &ExitError{Code: 2, Err: err}
		}
		if added {
			app.printf(app.Out, "%s: recorded as run %d of %s (assessed %s; %d %s, %d waived)\n", out, run.ID, run.Scope,
				run.AssessedAt.Format("2006-01-02T15:04:05Z"), run.Failures, words.Plural(run.Failures, "failure", "failures"), run.Waived)
		} else {
			app.printf(app.Out, "%s: already recorded as run %d of %s (from %s); nothing changed\n", out, run.ID, run.Scope, run.Source)
		}
	}
	return nil
}

type historyShowOptions struct {
	format    string
	expiring  int
	columns   int
	timestamp string
}

func newHistoryShowCommand(app *App) *cobra.Command {
	var opts historyShowOptions
	cmd := &cobra.Command{
		Use:   "show",
		Short: "Show how control gaps trend over the recorded runs",
		Long: `Show prints the trends of the recorded runs: per framework, the share of
requirements satisfied run by run; open failures by severity; every open
finding with when it was first seen and its age; the findings fixed and how
long each took (median and mean); and waivers expired or expiring soon.

--format json writes the runs (a "runs" list, newest last) and every trend.`,
		Example: `  tollgate history show
  tollgate history show --store postgres://tollgate@db/history --scope fleet --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runHistoryShow(cmd, app, opts)
		},
	}
	f := cmd.Flags()
	addHistoryFlags(f)
	f.StringVar(&opts.format, "format", "text", "output format: "+strings.Join(history.Formats, ", "))
	f.IntVar(&opts.expiring, "expiring", history.DefaultExpiring, "list waivers expiring within this many days")
	f.IntVar(&opts.columns, "columns", 8, "how many of the latest runs the text tables show")
	f.StringVar(&opts.timestamp, "timestamp", "", "measure ages and expiries at this time (RFC 3339; default SOURCE_DATE_EPOCH or now)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(history.Formats, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runHistoryShow(cmd *cobra.Command, app *App, opts historyShowOptions) error {
	if !slices.Contains(history.Formats, opts.format) {
		return usageError("--format %q: want %s", opts.format, strings.Join(history.Formats, ", "))
	}
	if opts.expiring < 0 {
		return usageError("--expiring %d: want a number of days, 0 or more", opts.expiring)
	}
	loaded, err := app.Config(cmd.Flags(), historyBindings)
	if err != nil {
		return err
	}
	now, err := resolveTimestamp(opts.timestamp)
	if err != nil {
		return err
	}
	store, err := history.Open(cmd.Context(), loaded.Config.History.Store, false)
	if errors.Is(err, history.ErrNoStore) {
		return usageError("%v", err)
	}
	if err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	defer store.Close()
	trends, err := store.Trends(cmd.Context(), history.TrendOptions{Scope: loaded.Config.History.Scope, Now: now, Expiring: opts.expiring})
	if err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	return history.Write(app.Out, trends, opts.format, history.WriteOptions{Columns: opts.columns})
}

// runHistory is the history store of an assessment being reported: its
// trends go into the reports, and the run is recorded once they are written.
type runHistory struct {
	store  *history.Store
	scope  string
	doc    *resultsjson.Document
	source string
}

// openRunHistory opens the store, computes its trends with the run as the
// latest one (not recorded yet) and gives them to the reports (r.History).
func openRunHistory(ctx context.Context, cfg config.History, r *assess.Results, outDir string) (*runHistory, error) {
	store, err := history.Open(ctx, cfg.Store, true)
	if err != nil {
		return nil, &ExitError{Code: 2, Err: err}
	}
	h := &runHistory{store: store, scope: cfg.Scope, doc: resultsjson.Build(r), source: outDir}
	trends, err := store.Trends(ctx, history.TrendOptions{Scope: cfg.Scope, Now: r.Timestamp, Expiring: history.DefaultExpiring,
		Current: h.doc, CurrentSource: outDir})
	if err != nil {
		store.Close()
		return nil, &ExitError{Code: 2, Err: err}
	}
	r.History = trends.ForReports()
	return h, nil
}

// record stores the run, once its reports are written.
func (h *runHistory) record(ctx context.Context, now time.Time) error {
	if _, _, err := h.store.Record(ctx, h.doc, h.source, h.scope, now); err != nil {
		return &ExitError{Code: 2, Err: fmt.Errorf("the reports are written, but the run is not in the history: %w", err)}
	}
	return nil
}
