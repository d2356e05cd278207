package cli

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/config"
	"github.com/tollgate-dev/tollgate/pipeline"
)

// sourceBindings maps configuration keys to the source flags.
var sourceBindings = map[string]string{
	"sources.include":       "include",
	"sources.exclude":       "exclude",
	"sources.user_configs":  "user-configs",
	"sources.max_file_size": "max-file-size",
	"sources.origin":        "origin",
}

// addSourceFlags adds the flags that say what to collect.
func addSourceFlags(f *pflag.FlagSet) {
	f.StringSlice("include", nil, "only read files matching these globs (relative paths; ** matches folders)")
	f.StringSlice("exclude", nil, "skip files matching these globs")
	f.Bool("user-configs", false, "also read this machine's per-user client configs (Claude, Cursor, VS Code, …)")
	f.String("max-file-size", "10MB", "larger files are reported, not read")
	f.String("origin", "", "label the evidence with where it was collected, for evaluating many bundles together (default: the repository the paths lie in, else the host name)")
	addAllowEmptyFlag(f)
}

// addAllowEmptyFlag adds --allow-empty: a run that reads no file is an
// error (exit 2) without it.
func addAllowEmptyFlag(f *pflag.FlagSet) {
	f.Bool("allow-empty", false, "accept a run that reads no file (otherwise exit 2)")
}

// checkEmpty turns the error of a run that read no file into an exit-2
// error, or, with --allow-empty, into a warning.
func checkEmpty(cmd *cobra.Command, app *App, err error) error {
	var empty *pipeline.EmptyError
	if !errors.As(err, &empty) {
		return err
	}
	if allow, _ := cmd.Flags().GetBool("allow-empty"); allow {
		app.printf(app.Err, "warning: %s; continuing because of --allow-empty\n", empty.Reason)
		return nil
	}
	return &ExitError{Code: 2, Err: err}
}

// collectRequestFrom turns the resolved source configuration and positional
// paths into a collection request. Paths on the command line replace
// sources.paths from the configuration file.
// With probing set, no paths are needed: the probe is a source of its own.
func collectRequestFrom(src config.Sources, args []string, timestamp, version string, probing bool) (collectors.Request, error) {
	now, err := resolveTimestamp(timestamp)
	if err != nil {
		return collectors.Request{}, err
	}
	limit, err := parseSize(src.MaxFileSize)
	if err != nil {
		return collectors.Request{}, usageError("--max-file-size: %v", err)
	}
	paths := args
	if len(paths) == 0 {
		paths = src.Paths
	}
	if len(paths) == 0 && !src.UserConfigs && !probing {
		return collectors.Request{}, usageError("name at least one file or folder to read (or use --user-configs)")
	}
	req := collectors.Request{
		Paths:         paths,
		Include:       src.Include,
		Exclude:       src.Exclude,
		MaxFileSize:   limit,
		Now:           now,
		Version:       version,
		ClientConfigs: collectors.ClientConfigOptions{UserConfigs: src.UserConfigs},
	}
	if err := req.CheckGlobs(); err != nil {
		return collectors.Request{}, usageError("%v", err)
	}
	return req, nil
}

// printf writes to w, ignoring errors (diagnostic output).
func (a *App) printf(w io.Writer, format string, args ...any) {
	fmt.Fprintf(w, format, args...)
}

// collectSources loads the configuration (flags bound by bindings) and
// collects the sources it and args name, as of the --timestamp given. A
// collection failure is an internal error (exit 2). extra adds live probing
// and the lockfile to the collection.
func collectSources(cmd *cobra.Command, app *App, bindings map[string]string, args []string, timestamp string, extra pipeline.Extra) (*config.Loaded, *evidence.Bundle, time.Time, error) {
	loaded, err := app.Config(cmd.Flags(), bindings, args...)
	if err != nil {
		return nil, nil, time.Time{}, err
	}
	req, err := collectRequestFrom(loaded.Config.Sources, args, timestamp, app.Version, extra.Probe.Enabled())
	if err != nil {
		return nil, nil, time.Time{}, err
	}
	origin := loaded.Config.Sources.Origin
	if origin == "" {
		origin = pipeline.DetectOrigin(req)
	} else if err := evidence.ValidOrigin(origin); err != nil {
		return nil, nil, time.Time{}, usageError("--origin: %v", err)
	}
	bundle, err := pipeline.Collect(cmd.Context(), req, extra)
	if err != nil {
		return nil, nil, time.Time{}, &ExitError{Code: 2, Err: err}
	}
	bundle.Origin = origin
	if err := checkEmpty(cmd, app, pipeline.CheckCollected(bundle, req)); err != nil {
		return nil, nil, time.Time{}, err
	}
	return loaded, bundle, req.Now, nil
}
