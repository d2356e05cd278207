package kubernetes

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/collectors/kubeobj"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/chartutil"
	"helm.sh/helm/v3/pkg/engine"
)

// Limits on what a chart may make the collector read.
const (
	maxChartFiles = 2000
	maxChartBytes = 32 << 20
)

// chart renders Helm charts (a folder with Chart.yaml) with their default
// values and the --helm-values files, using Helm's own engine, and judges
// the objects they render.
type chart struct {
	opts Options
}

// Label describes charts.
func (c *chart) Label() files.Label {
	return files.Label{Format: FormatChart, Collector: Collector}
}

// Match owns Chart.yaml.
func (c *chart) Match(p string) files.Strength {
	if path.Base(p) == "Chart.yaml" {
		return files.Strong
	}
	return files.None
}

// Analyze loads the chart around f, renders it and builds its workloads.
func (c *chart) Analyze(ctx context.Context, f *files.File, _ files.Strength) *files.Analysis {
	src := f.NewSource(c.Label())
	a := &files.Analysis{Source: src, Store: true}
	fail := func(status, msg string) *files.Analysis {
		src.Status = status
		src.Diagnostics = append(src.Diagnostics, evidence.Diagnostic{Severity: "error", File: f.Path, Message: msg})
		return a
	}
	if f.Abs == "" {
		return fail(evidence.StatusUnreadable, "chart folder not on disk: only Chart.yaml was given")
	}
	dir := filepath.Dir(f.Abs)
	bufs, skipped, err := chartFiles(f, dir)
	if err != nil {
		return fail(evidence.StatusUnreadable, err.Error())
	}
	for _, s := range skipped {
		src.Diagnostics = append(src.Diagnostics, evidence.Diagnostic{Severity: "warning", File: f.Path, Message: s})
	}
	ch, err := loader.LoadFiles(bufs)
	if err != nil {
		return fail(evidence.StatusSchemaError, "chart does not load: "+err.Error())
	}
	user := map[string]any{}
	for _, vf := range c.opts.HelmValues {
		vals, err := chartutil.ReadValuesFile(vf)
		if err != nil {
			return fail(evidence.StatusSchemaError, fmt.Sprintf("--helm-values %s: %v", vf, err))
		}
		user = chartutil.CoalesceTables(vals.AsMap(), user)
	}
	opts := chartutil.ReleaseOptions{Name: ch.Name(), Namespace: "default", Revision: 1, IsInstall: true}
	vals, err := chartutil.ToRenderValues(ch, user, opts, chartutil.DefaultCapabilities)
	if err != nil {
		return fail(evidence.StatusSchemaError, "chart values: "+err.Error())
	}
	rendered, err := engine.Render(ch, vals)
	if err != nil {
		return fail(evidence.StatusSchemaError, "chart does not render with its default values"+
			withValues(c.opts.HelmValues)+": "+err.Error())
	}
	chartDir := path.Dir(f.Path)
	origin := kubeobj.Origin{Kind: kubeobj.OriginChart, Path: chartDir, SourceID: f.SourceID(), Collected: f.Now, Version: f.Version,
		Secret: f.Secret}
	set := kubeobj.NewSet(origin)
	names := make([]string, 0, len(rendered))
	for name := range rendered {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		text := rendered[name]
		if !isManifestName(name) || strings.TrimSpace(text) == "" {
			continue
		}
		file := path.Join(chartDir, strings.TrimPrefix(name, ch.Name()+"/"))
		docs, perr := postree.ParseYAMLDocuments([]byte(text))
		if perr != nil {
			src.Diagnostics = append(src.Diagnostics, evidence.Diagnostic{Severity: "error", File: file, Message: "rendered template is not valid YAML: " + perr.Msg})
			continue
		}
		objs, problems := kubeobj.FromDocuments(docs, file)
		set.Add(objs...)
		for _, p := range problems {
			src.Diagnostics = append(src.Diagnostics, evidence.Diagnostic{Severity: "warning", File: file, Message: p.Msg})
		}
	}
	red := secrets.NewRedactor()
	b := build(ctx, set, c.opts, red)
	f.Redactor().Merge(red)
	var in kubeobj.Interpretation
	if root := kubeobj.NodeOf(vals["Values"]); root.IsObject() {
		v := &kubeobj.Values{Chart: ch.Name(), Root: root, File: path.Join(chartDir, "values.yaml"), Rendered: set, Origin: origin}
		for _, vi := range c.opts.ValuesInterpreters {
			in.Merge(vi.InterpretValues(ctx, v))
		}
	}
	a.Subjects = append(append(a.Subjects, b.subjects...), in.Subjects...)
	src.Diagnostics = append(src.Diagnostics, b.diagnostics...)
	src.Diagnostics = append(src.Diagnostics, in.Diagnostics...)
	src.Servers = b.workloads
	src.Status = evidence.StatusOK
	if hasErrors(src.Diagnostics) {
		src.Status = evidence.StatusSchemaError
	}
	sortDiagnostics(src.Diagnostics)
	return a
}

// withValues names the --helm-values files in a message.
func withValues(vfs []string) string {
	if len(vfs) == 0 {
		return " (give the values it requires with --helm-values)"
	}
	return " and " + strings.Join(vfs, ", ")
}

// isManifestName reports whether a rendered template name holds manifests
// (not NOTES.txt, partials or tests' helpers).
func isManifestName(name string) bool {
	base := path.Base(name)
	ext := path.Ext(base)
	return !strings.HasPrefix(base, "_") && (ext == ".yaml" || ext == ".yml" || ext == ".json")
}

// hasErrors reports whether any diagnostic is an error.
func hasErrors(ds []evidence.Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == "error" {
			return true
		}
	}
	return false
}

// chartFiles reads the files of the chart in dir for Helm's loader: regular
// files inside the scanned area only (a link out of it is skipped and
// reported), within the count and size limits.
func chartFiles(f *files.File, dir string) ([]*loader.BufferedFile, []string, error) {
	var out []*loader.BufferedFile
	var skipped []string
	total := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." && (d.Name() == ".git" || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !f.InScannedArea(p) {
			skipped = append(skipped, rel+": link out of the scanned folder, not read")
			return nil
		}
		info, err := os.Stat(p)
		if err != nil || !info.Mode().IsRegular() {
			return nil
		}
		if len(out) >= maxChartFiles || total+int(info.Size()) > maxChartBytes {
			return fmt.Errorf("chart %s is larger than %d files or %d MB", filepath.Base(dir), maxChartFiles, maxChartBytes>>20)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			skipped = append(skipped, rel+": "+err.Error())
			return nil
		}
		total += len(data)
		out = append(out, &loader.BufferedFile{Name: rel, Data: data})
		return nil
	})
	return out, skipped, err
}
