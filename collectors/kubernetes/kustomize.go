package kubernetes

import (
	"context"
	"fmt"
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
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
)

// kustomizationNames are the file names kustomize reads in a folder.
var kustomizationNames = []string{"kustomization.yaml", "kustomization.yml", "Kustomization"}

// kustomization builds kustomizations with kustomize's own API, offline and
// confined to the scanned folders. Kustomizations that another one in the
// scan uses (bases, components) are judged through it, not on their own.
type kustomization struct {
	opts Options
}

// Label describes kustomizations.
func (k *kustomization) Label() files.Label {
	return files.Label{Format: FormatKustomization, Collector: Collector}
}

// Match owns kustomization files.
func (k *kustomization) Match(p string) files.Strength {
	for _, n := range kustomizationNames {
		if path.Base(p) == n {
			return files.Strong
		}
	}
	return files.None
}

// Analyze parses the kustomization; Group builds it.
func (k *kustomization) Analyze(_ context.Context, f *files.File, _ files.Strength) *files.Analysis {
	src := f.NewSource(k.Label())
	parsed := f.Parse(postree.YAML)
	if parsed.Err != nil {
		src.Status = evidence.StatusParseError
		src.Diagnostics = []evidence.Diagnostic{{Severity: "error", File: f.Path, Line: parsed.Err.Line, Column: parsed.Err.Col, Message: parsed.Err.Msg}}
	} else {
		src.Status = evidence.StatusOK
	}
	return &files.Analysis{Source: src, Store: true}
}

// Group builds every kustomization no other kustomization of the scan uses.
func (k *kustomization) Group(ctx context.Context, members []files.Member) {
	used := map[string]string{} // folder → folder of the kustomization using it
	for _, m := range members {
		if m.Analysis.Source.Status != evidence.StatusOK || m.File.Abs == "" {
			continue
		}
		dir := filepath.Dir(m.File.Abs)
		for _, ref := range localRefs(m.File.Parse(postree.YAML).Root) {
			target := filepath.Clean(filepath.Join(dir, ref))
			if _, seen := used[target]; !seen {
				used[target] = path.Dir(m.File.Path)
			}
		}
	}
	for _, m := range members {
		if ctx.Err() != nil {
			return
		}
		src := m.Analysis.Source
		if src.Status != evidence.StatusOK {
			continue
		}
		if by, ok := used[filepath.Dir(m.File.Abs)]; ok && m.File.Abs != "" {
			src.Diagnostics = append(src.Diagnostics, evidence.Diagnostic{Severity: "info", File: m.File.Path, Message: fmt.Sprintf(
				"used by the kustomization in %s: judged as built there", by)})
			continue
		}
		k.build(ctx, m)
	}
}

// build runs kustomize on one kustomization and judges what it builds.
func (k *kustomization) build(ctx context.Context, m files.Member) {
	f, a := m.File, m.Analysis
	src := a.Source
	fail := func(msg string) {
		src.Status = evidence.StatusSchemaError
		src.Diagnostics = append(src.Diagnostics, evidence.Diagnostic{Severity: "error", File: f.Path, Message: msg})
	}
	if f.Abs == "" {
		fail("kustomization not on disk: it cannot be built")
		return
	}
	dir := filepath.Dir(f.Abs)
	if why := offlineCheck(f, dir, map[string]bool{}); why != "" {
		fail(why)
		return
	}
	fs := confinedFS{FileSystem: filesys.MakeFsOnDisk(), f: f}
	resMap, err := krusty.MakeKustomizer(krusty.MakeDefaultOptions()).Run(fs, dir)
	if err != nil {
		fail("kustomize build: " + f.RedactString(err.Error()))
		return
	}
	text, err := resMap.AsYaml()
	if err != nil {
		fail("kustomize build: " + err.Error())
		return
	}
	docs, perr := postree.ParseYAMLDocuments(text)
	if perr != nil {
		fail("kustomize output: " + perr.Msg)
		return
	}
	origin := kubeobj.Origin{Kind: kubeobj.OriginKustomization, Path: path.Dir(f.Path), SourceID: f.SourceID(),
		Collected: f.Now, Version: f.Version, Secret: f.Secret}
	objs, _ := kubeobj.FromDocuments(docs, f.Path)
	set := kubeobj.NewSet(origin)
	set.Add(objs...)
	red := secrets.NewRedactor()
	b := build(ctx, set, k.opts, red)
	f.Redactor().Merge(red)
	a.Subjects = append(a.Subjects, b.subjects...)
	src.Diagnostics = append(src.Diagnostics, b.diagnostics...)
	src.Servers = b.workloads
	sortDiagnostics(src.Diagnostics)
}

// kustomizationFields are the fields whose entries name other files,
// folders or kustomizations.
var kustomizationFields = []string{"resources", "bases", "components", "crds", "configurations", "generators",
	"transformers", "validators", "patchesStrategicMerge"}

// localRefs returns the local folders and files a kustomization refers to.
func localRefs(root *postree.Node) []string {
	var out []string
	for _, key := range kustomizationFields {
		list, _ := root.Strings(key)
		out = append(out, list...)
	}
	for _, key := range []string{"patches", "patchesJson6902"} {
		for _, p := range items(root.Get(key)) {
			if s, ok := p.Str("path"); ok {
				out = append(out, s)
			}
		}
	}
	for _, key := range []string{"configMapGenerator", "secretGenerator"} {
		for _, g := range items(root.Get(key)) {
			for _, field := range []string{"files", "envs"} {
				list, _ := g.Strings(field)
				for _, s := range list {
					if _, file, ok := strings.Cut(s, "="); ok {
						s = file
					}
					out = append(out, s)
				}
			}
			if env, ok := g.Str("env"); ok {
				out = append(out, env)
			}
		}
	}
	if p, ok := root.Lookup("openapi").Str("path"); ok {
		out = append(out, p)
	}
	return out
}

// remoteRef reports a reference kustomize would fetch over the network (a
// URL or a git repository).
func remoteRef(s string) bool {
	return strings.Contains(s, "://") || strings.HasPrefix(s, "git@") || strings.Contains(s, "?ref=") ||
		strings.HasPrefix(s, "github.com/") || strings.HasPrefix(s, "gitlab.com/") || strings.HasPrefix(s, "bitbucket.org/") ||
		strings.Contains(s, ".git//")
}

// offlineCheck walks the kustomization in dir and those it uses, and says
// why it cannot be built offline inside the scanned folders ("" when it
// can): a remote base or file, a Helm chart to inflate, a path outside.
func offlineCheck(f *files.File, dir string, seen map[string]bool) string {
	if seen[dir] || len(seen) > 200 {
		return ""
	}
	seen[dir] = true
	var data []byte
	for _, n := range kustomizationNames {
		if b, err := os.ReadFile(filepath.Join(dir, n)); err == nil {
			data = b
			break
		}
	}
	if data == nil {
		return ""
	}
	root, perr := postree.ParseYAML(data)
	if perr != nil {
		return ""
	}
	if root.Has("helmCharts") || root.Has("helmChartInflationGenerator") {
		return "kustomization inflates Helm charts (helmCharts), which needs the helm program: assess the chart folder instead"
	}
	refs := localRefs(root)
	sort.Strings(refs)
	for _, ref := range refs {
		if remoteRef(ref) {
			return fmt.Sprintf("kustomization uses the remote resource %q, which Tollgate does not fetch (it works offline): vendor it into the repository", ref)
		}
		target := filepath.Clean(filepath.Join(dir, ref))
		if !f.InScannedArea(target) {
			return fmt.Sprintf("kustomization uses %q, outside the scanned folders: not read", ref)
		}
		if info, err := os.Stat(target); err == nil && info.IsDir() {
			if why := offlineCheck(f, target, seen); why != "" {
				return why
			}
		}
	}
	return ""
}

// confinedFS is kustomize's view of the disk: reads only inside the
// scanned folders, never a write.
type confinedFS struct {
	filesys.FileSystem
	f *files.File
}

func (c confinedFS) inside(p string) error {
	if abs, err := filepath.Abs(p); err != nil || !c.f.InScannedArea(abs) {
		return fmt.Errorf("%s: outside the scanned folders", filepath.Base(p))
	}
	return nil
}

func (c confinedFS) Open(p string) (filesys.File, error) {
	if err := c.inside(p); err != nil {
		return nil, err
	}
	return c.FileSystem.Open(p)
}

func (c confinedFS) ReadFile(p string) ([]byte, error) {
	if err := c.inside(p); err != nil {
		return nil, err
	}
	return c.FileSystem.ReadFile(p)
}

func (c confinedFS) ReadDir(p string) ([]string, error) {
	if err := c.inside(p); err != nil {
		return nil, err
	}
	return c.FileSystem.ReadDir(p)
}

func (c confinedFS) Exists(p string) bool { return c.inside(p) == nil && c.FileSystem.Exists(p) }

func (c confinedFS) IsDir(p string) bool { return c.inside(p) == nil && c.FileSystem.IsDir(p) }

func (c confinedFS) Walk(p string, fn filepath.WalkFunc) error {
	if err := c.inside(p); err != nil {
		return err
	}
	return c.FileSystem.Walk(p, fn)
}

func (c confinedFS) Create(p string) (filesys.File, error) { return nil, errReadOnly }

func (c confinedFS) Mkdir(string) error { return errReadOnly }

func (c confinedFS) MkdirAll(string) error { return errReadOnly }

func (c confinedFS) RemoveAll(string) error { return errReadOnly }

func (c confinedFS) WriteFile(string, []byte) error { return errReadOnly }

var errReadOnly = fmt.Errorf("kustomize may not write")
