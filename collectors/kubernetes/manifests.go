package kubernetes

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/kubeobj"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
	"github.com/tollgate-dev/tollgate/internal/parallel"
)

// Formats of the files the Kubernetes collector reads.
const (
	FormatManifest      = "kubernetes/manifest"
	FormatTemplate      = "helm/template"
	FormatChart         = "helm/chart"
	FormatValues        = "helm/values"
	FormatKustomization = "kubernetes/kustomization"
	FormatCluster       = "kubernetes/cluster"
)

var (
	reAPIVersion = regexp.MustCompile(`(?m)^\s*"?apiVersion"?\s*:\s*\S`)
	reKind       = regexp.MustCompile(`(?m)^\s*"?kind"?\s*:\s*\S`)
	reTemplate   = regexp.MustCompile(`\{\{-?\s*[^}]*\}\}`)
)

// manifests reads Kubernetes manifest files (YAML streams and JSON, List
// kinds included). The manifests of one folder are judged together, since
// a Deployment, its ServiceAccount and its RoleBindings are often in
// different files of one folder.
type manifests struct {
	opts Options
}

// Label describes manifest files.
func (m *manifests) Label() files.Label {
	return files.Label{Format: FormatManifest, Collector: Collector}
}

// Match looks at YAML and JSON files (and Helm template helpers); the
// content decides.
func (m *manifests) Match(p string) files.Strength {
	switch path.Ext(p) {
	case ".yaml", ".yml", ".json":
		return files.Content
	case ".tpl":
		if inTemplates(p) {
			return files.Content
		}
	}
	return files.None
}

// inTemplates reports whether p lies in a chart's templates folder.
func inTemplates(p string) bool {
	dir := path.Dir(p)
	for dir != "." && dir != "/" && dir != "" {
		if path.Base(dir) == "templates" {
			return true
		}
		dir = path.Dir(dir)
	}
	return false
}

// Analyze reads f when it holds Kubernetes objects, or is a Helm template.
func (m *manifests) Analyze(_ context.Context, f *files.File, _ files.Strength) *files.Analysis {
	if isTemplate(f) {
		return templateAnalysis(f)
	}
	looksKube := reAPIVersion.Match(f.Data) && reKind.Match(f.Data)
	if !looksKube {
		return nil
	}
	stream := f.ParseYAMLStream()
	if stream.Err != nil {
		if !mentionsMCP(string(f.Data)) {
			return nil
		}
		src := f.NewSource(m.Label())
		src.Status = evidence.StatusParseError
		d := evidence.Diagnostic{Severity: "error", File: f.Path, Line: stream.Err.Line, Column: stream.Err.Col, Message: stream.Err.Msg}
		src.Diagnostics = []evidence.Diagnostic{d}
		return &files.Analysis{Source: src, Store: true}
	}
	objs, _ := kubeobj.FromDocuments(stream.Docs, f.Path)
	if len(objs) == 0 {
		return nil
	}
	src := f.NewSource(m.Label())
	src.Status = evidence.StatusOK
	return &files.Analysis{Source: src, Store: true}
}

// isTemplate reports whether f is a Helm template: a file of a chart's
// templates folder written with {{ }} actions, or any YAML that uses them
// and does not parse.
func isTemplate(f *files.File) bool {
	if !bytes.Contains(f.Data, []byte("{{")) || !reTemplate.Match(f.Data) {
		return false
	}
	if path.Ext(f.Path) == ".tpl" || inTemplates(f.Path) {
		return true
	}
	return f.ParseYAMLStream().Err != nil && reAPIVersion.Match(f.Data)
}

// templateAnalysis reports a Helm template: part of a chart (rendered with
// it, where it is judged) or met without its chart.
func templateAnalysis(f *files.File) *files.Analysis {
	src := f.NewSource(files.Label{Format: FormatTemplate, Collector: Collector})
	if chart := chartAbove(f); chart != "" {
		src.Status = evidence.StatusOK
		src.Diagnostics = []evidence.Diagnostic{{Severity: "info", File: f.Path, Message: fmt.Sprintf(
			"Helm template of the chart in %s: judged as rendered with the chart", chart)}}
		return &files.Analysis{Source: src, Store: true}
	}
	src.Status = evidence.StatusUnsupported
	src.Diagnostics = []evidence.Diagnostic{{Severity: "warning", File: f.Path, Message: "Helm template ({{ }} actions) " +
		"without its chart: Tollgate judges templates only rendered with their chart; name the chart folder (with Chart.yaml) to assess it"}}
	return &files.Analysis{Source: src, Store: true}
}

// chartAbove returns the provenance path of the chart folder a template
// belongs to (the nearest folder above it with a Chart.yaml, inside the
// scanned area), or "".
func chartAbove(f *files.File) string {
	if f.Abs == "" {
		return ""
	}
	dir, rel := filepath.Dir(f.Abs), path.Dir(f.Path)
	for i := 0; i < 8; i++ {
		chart := filepath.Join(dir, "Chart.yaml")
		if info, err := os.Stat(chart); err == nil && info.Mode().IsRegular() && f.InScannedArea(chart) {
			return rel
		}
		parent := filepath.Dir(dir)
		if parent == dir || !f.InScannedArea(parent) {
			return ""
		}
		dir, rel = parent, path.Dir(rel)
	}
	return ""
}

// kustomizationIn returns the name of the kustomization file beside f
// (inside the scanned area), or "".
func kustomizationIn(f *files.File) string {
	if f.Abs == "" {
		return ""
	}
	for _, n := range kustomizationNames {
		p := filepath.Join(filepath.Dir(f.Abs), n)
		if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() && f.InScannedArea(p) {
			return n
		}
	}
	return ""
}

// Group judges the manifests of each folder together.
func (m *manifests) Group(ctx context.Context, members []files.Member) {
	folders := files.ByFolder(members, func(mb files.Member) bool {
		return mb.Analysis.Source.Format == FormatManifest && mb.Analysis.Source.Status == evidence.StatusOK
	})
	// Each folder is judged on its own and writes only into its own
	// members, so the folders are judged on every core.
	parallel.Each(len(folders), 0, func() bool { return ctx.Err() != nil }, func(i int) {
		m.folder(ctx, folders[i].Dir, folders[i].Members)
	})
}

// folder judges the manifests of one folder as one set. The manifests of
// a kustomization's folder are judged as the kustomization builds them.
func (m *manifests) folder(ctx context.Context, dir string, members []files.Member) {
	if k := kustomizationIn(members[0].File); k != "" {
		for _, mb := range members {
			mb.Analysis.Source.Diagnostics = append(mb.Analysis.Source.Diagnostics, evidence.Diagnostic{Severity: "info",
				File: mb.File.Path, Message: "in the folder of " + path.Join(dir, k) + ": judged as the kustomization builds it"})
		}
		return
	}
	byPath := map[string]files.Member{}
	for _, mb := range members {
		byPath[mb.File.Path] = mb
	}
	origin := kubeobj.Origin{
		Kind: kubeobj.OriginManifests, Path: dir,
		Secret: func(raw string) {
			for _, mb := range members {
				mb.File.Secret(raw)
			}
		},
		SHA256: func(file string) string {
			if mb, ok := byPath[file]; ok {
				return mb.File.SHA256
			}
			return ""
		},
	}
	if len(members) > 0 {
		origin.Collected, origin.Version = members[0].File.Now, members[0].File.Version
	}
	set := kubeobj.NewSet(origin)
	for _, mb := range members {
		objs, problems := kubeobj.FromDocuments(mb.File.ParseYAMLStream().Docs, mb.File.Path)
		for _, o := range objs {
			o.Source = mb.File.SourceID()
		}
		set.Add(objs...)
		for _, p := range problems {
			mb.Analysis.Source.Diagnostics = append(mb.Analysis.Source.Diagnostics, mb.File.Diag("warning", p.Node, p.Msg))
		}
	}
	red := secrets.NewRedactor()
	b := build(ctx, set, m.opts, red)
	for _, mb := range members {
		mb.File.Redactor().Merge(red)
	}
	place := func(file string) files.Member {
		if mb, ok := byPath[file]; ok {
			return mb
		}
		return members[0]
	}
	for _, s := range b.subjects {
		mb := place(s.Metadata().Provenance.File)
		mb.Analysis.Subjects = append(mb.Analysis.Subjects, s)
		if w, ok := s.(*evidence.Workload); ok && w != nil {
			mb.Analysis.Source.Servers++
		}
	}
	for _, d := range b.diagnostics {
		mb := place(d.File)
		mb.Analysis.Source.Diagnostics = append(mb.Analysis.Source.Diagnostics, d)
	}
	if len(b.subjects) > 0 || len(b.diagnostics) > 0 {
		for _, mb := range members {
			sortDiagnostics(mb.Analysis.Source.Diagnostics)
		}
		return
	}
	// Nothing MCP in the folder: its manifests are not Tollgate's, unless
	// they speak of MCP themselves.
	for _, mb := range members {
		if !mentionsMCP(string(mb.File.Data)) {
			mb.Analysis.Discard = true
		}
	}
}
