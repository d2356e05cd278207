package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/collectors/kubernetes"
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

	"sources.kubernetes.kubeconfig":  "kubeconfig",
	"sources.kubernetes.context":     "context",
	"sources.kubernetes.in_cluster":  "in-cluster",
	"sources.kubernetes.namespaces":  "namespace",
	"sources.kubernetes.selectors":   "kube-selector",
	"sources.kubernetes.helm_values": "helm-values",
}

// addSourceFlags adds the flags that say what to collect.
func addSourceFlags(f *pflag.FlagSet) {
	f.StringSlice("include", nil, "only read files matching these globs (relative paths; ** matches folders)")
	f.StringSlice("exclude", nil, "skip files matching these globs")
	f.Bool("user-configs", false, "also read this machine's per-user client configs (Claude, Cursor, VS Code, …)")
	f.String("max-file-size", "10MB", "larger files are reported, not read")
	f.String("origin", "", "label the evidence with where it was collected, for evaluating many bundles together (default: the repository the paths lie in, else the host name)")
	f.String("kubeconfig", "", "read the cluster of this kubeconfig live, with get and list only (see deploy/kubernetes for the read-only ClusterRole)")
	f.String("context", "", "kubeconfig context of the cluster to read (default: its current context)")
	f.Bool("in-cluster", false, "read the cluster Tollgate runs in, with its pod's service account")
	f.StringArray("namespace", nil, "read only these namespaces of the cluster (repeatable; default: all)")
	f.StringArray("kube-selector", nil, "also treat workloads whose labels match this selector as MCP workloads (repeatable, e.g. 'app.kubernetes.io/part-of=mcp')")
	f.StringArray("helm-values", nil, "values file applied over every Helm chart's defaults (repeatable, in order)")
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
	k := src.Kubernetes
	kube := collectors.KubernetesOptions{HelmValues: k.HelmValues, Selectors: k.Selectors, Kubeconfig: k.Kubeconfig,
		Context: k.Context, InCluster: k.InCluster, Namespaces: k.Namespaces}
	if len(paths) == 0 && !src.UserConfigs && !probing && !kube.Live() {
		return collectors.Request{}, usageError("name at least one file or folder to read, a cluster (--kubeconfig, --in-cluster), or use --user-configs")
	}
	if kube.InCluster && (kube.Kubeconfig != "" || kube.Context != "") {
		return collectors.Request{}, usageError("--in-cluster reads the cluster Tollgate runs in: leave out --kubeconfig and --context")
	}
	if _, err := kubernetes.ParseSelectors(kube.Selectors); err != nil {
		return collectors.Request{}, usageError("--kube-selector: %v", err)
	}
	for _, vf := range kube.HelmValues {
		if _, err := os.Stat(vf); err != nil {
			return collectors.Request{}, usageError("--helm-values %s: no such file", vf)
		}
	}
	req := collectors.Request{
		Paths:         paths,
		Include:       src.Include,
		Exclude:       src.Exclude,
		MaxFileSize:   limit,
		Now:           now,
		Version:       version,
		ClientConfigs: collectors.ClientConfigOptions{UserConfigs: src.UserConfigs},
		Kubernetes:    kube,
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
	loaded.Scope = scopeOf(req.Paths)
	if len(req.Paths) == 1 && req.Root == "" {
		if info, err := os.Stat(req.Paths[0]); err == nil && info.IsDir() {
			if rel := loaded.Scope[0]; !filepath.IsAbs(rel) && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				loaded.ScanRoot = filepath.ToSlash(rel)
			}
		}
	}
	if req.ClientConfigs.UserConfigs {
		loaded.Scope = append(loaded.Scope, "this machine's MCP client configurations (--user-configs)")
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
	bundle.Scope = loaded.Scope
	return loaded, bundle, req.Now, nil
}

// scopeOf names the paths collected for reports: relative to the working
// directory where they lie under it, else by their last element, so two
// checkouts of one repository describe the same scope.
func scopeOf(paths []string) []string {
	out := pipeline.DisplayPaths(paths)
	for i, p := range out {
		if filepath.IsAbs(p) {
			out[i] = filepath.Base(p)
		}
		out[i] = filepath.ToSlash(out[i])
	}
	return out
}
