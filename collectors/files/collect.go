package files

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
	"github.com/tollgate-dev/tollgate/internal/parallel"
	"github.com/tollgate-dev/tollgate/progress"
)

// DefaultMaxFileSize is the largest file read into memory when Options do
// not set MaxFileSize. Larger files are reported, not read.
const DefaultMaxFileSize int64 = 10 << 20

// Options say what to walk.
type Options struct {
	// Root is the scan root: provenance paths are relative to it. When
	// empty, a single directory in Paths is its own root; otherwise the
	// working directory is.
	Root string
	// Paths are the files and directories to walk.
	Paths []string
	// Places are well-known per-user and system locations read as well.
	Places []Place
	// Include and Exclude are glob patterns (see CompileGlob) matched
	// against the slash-separated path relative to the root and against the
	// base name. A walked file is read when it matches no Exclude pattern
	// and, if Include is set, an Include pattern.
	Include, Exclude []string
	// MaxFileSize caps how many bytes of one file are read (0 means
	// DefaultMaxFileSize).
	MaxFileSize int64
	// Workers bounds how many files are read in parallel (0 means
	// GOMAXPROCS).
	Workers int
	// Now is the collection time (zero: the current time); Version the
	// Tollgate version. Both go into every subject's provenance.
	Now     time.Time
	Version string
}

// limit returns the effective per-file size limit.
func (o Options) limit() int64 {
	if o.MaxFileSize > 0 {
		return o.MaxFileSize
	}
	return DefaultMaxFileSize
}

// Output is what a walk produced.
type Output struct {
	// Subjects are sorted by ID.
	Subjects []evidence.Subject
	// Artifacts describe the files read, sorted by path.
	Artifacts []evidence.Artifact
	// Files maps a bundle path (artifacts/<relpath>) to the redacted content.
	Files map[string][]byte
}

// walkerLabel describes files no analyzer describes: the walk's own
// findings and files named explicitly that nothing recognises.
var walkerLabel = Label{Format: "unknown", Collector: "files"}

// Collect walks the paths and places once and reads every file some
// analyzer matches (and every file named explicitly), in parallel. Each file
// read is offered to the analyzers in this order: the first that matches its
// path strongly owns it; otherwise those that match weakly, then those that
// match by syntax, are asked in the order of the analyzers slice, and the
// first to return a firm analysis wins (a tentative one stands only if no
// other claims the file). Every file considered becomes a source subject;
// files that cannot be read become source subjects with a status. Output is
// sorted.
func Collect(ctx context.Context, opts Options, analyzers []Analyzer) (*Output, error) {
	c := &collection{opts: opts, analyzers: analyzers}
	if c.opts.Now.IsZero() {
		c.opts.Now = time.Now()
	}
	c.opts.Now = c.opts.Now.UTC()
	cands, err := discover(ctx, opts, c.strength, c.considered)
	if err != nil {
		return nil, err
	}
	task := progress.Start(ctx, "Reading files", len(cands))
	defer task.Done()
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	results := make([]fileResult, len(cands))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = c.process(ctx, cands[i])
				task.Add(1)
			}
		}()
	}
feed:
	for i := range cands {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	c.group(ctx, results)

	out := &Output{Files: map[string][]byte{}}
	for _, r := range results {
		out.Subjects = append(out.Subjects, r.subjects...)
		if r.artifact != nil {
			out.Artifacts = append(out.Artifacts, *r.artifact)
			out.Files[r.artifact.BundlePath] = r.content
		}
	}
	sort.SliceStable(out.Subjects, func(i, j int) bool {
		return out.Subjects[i].Metadata().ID < out.Subjects[j].Metadata().ID
	})
	sort.SliceStable(out.Artifacts, func(i, j int) bool {
		return out.Artifacts[i].Path < out.Artifacts[j].Path
	})
	return out, nil
}

// CollectData analyzes data as the content of a file named explicitly at
// path (a provenance path), without touching the file system: what Collect
// does once a file is read. Fuzz targets and tests of analyzers use it.
func CollectData(ctx context.Context, path string, data []byte, opts Options, analyzers []Analyzer) *Output {
	c := &collection{opts: opts, analyzers: analyzers}
	c.opts.Now = c.opts.Now.UTC()
	results := []fileResult{c.analyze(ctx, candidate{rel: path, explicit: true}, readOutcome{data: data, size: int64(len(data))})}
	c.group(ctx, results)
	r := results[0]
	out := &Output{Subjects: r.subjects, Files: map[string][]byte{}}
	if r.artifact != nil {
		out.Artifacts = []evidence.Artifact{*r.artifact}
		out.Files[r.artifact.BundlePath] = r.content
	}
	return out
}

// collection is one run of Collect.
type collection struct {
	opts      Options
	analyzers []Analyzer
}

// fileResult is what one file produced.
type fileResult struct {
	subjects []evidence.Subject
	artifact *evidence.Artifact
	content  []byte
	// pending is a file a Grouper analyzed, finished after Group.
	pending *Member
	owner   Grouper
}

// group hands each Grouper the files it analyzed, in path order, then
// finishes them.
func (c *collection) group(ctx context.Context, results []fileResult) {
	var order []Grouper
	byOwner := map[Grouper][]int{}
	for i, r := range results {
		if r.pending == nil {
			continue
		}
		if _, seen := byOwner[r.owner]; !seen {
			order = append(order, r.owner)
		}
		byOwner[r.owner] = append(byOwner[r.owner], i)
	}
	for _, g := range order {
		idx := byOwner[g]
		members := make([]Member, len(idx))
		for j, i := range idx {
			members[j] = *results[i].pending
		}
		g.Group(ctx, members)
		c.finishMembers(members, idx, results)
	}
}

// finishMembers finishes the members a Grouper has seen, members[j] into
// results[idx[j]], on every worker: finishing a file (redacting its stored
// copy) takes as long as it does for the files no Grouper holds, which the
// workers finish as they read them.
func (c *collection) finishMembers(members []Member, idx []int, results []fileResult) {
	parallel.Each(len(members), c.opts.Workers, nil, func(j int) {
		m := members[j]
		switch {
		case !m.Analysis.Discard:
			results[idx[j]] = finish(m.File, m.Analysis)
		case m.File.Explicit:
			results[idx[j]] = finish(m.File, unrecognised(m.File))
		default:
			results[idx[j]] = fileResult{}
		}
	})
}

// unrecognised is the analysis of a file named explicitly that no
// analyzer reads.
func unrecognised(f *File) *Analysis {
	src := f.NewSource(walkerLabel)
	src.Status = evidence.StatusUnsupported
	src.Diagnostics = []evidence.Diagnostic{{Severity: "info", File: f.Path, Message: "not recognised as an MCP client configuration or server manifest"}}
	return &Analysis{Source: src}
}

// considered reports whether some analyzer matches rel.
func (c *collection) considered(rel string) bool {
	for _, a := range c.analyzers {
		if a.Match(rel) != None {
			return true
		}
	}
	return false
}

// strength returns the strongest match of rel by any analyzer.
func (c *collection) strength(rel string) Strength {
	best := None
	for _, a := range c.analyzers {
		if m := a.Match(rel); m > best {
			best = m
			if best == Strong {
				break
			}
		}
	}
	return best
}

// match is one analyzer's match of a path.
type match struct {
	a  Analyzer
	by Strength
}

// matches returns the analyzers that match rel, in registry order, and the
// first that matches strongly (or nil).
func (c *collection) matches(rel string) (all []match, strong Analyzer) {
	for _, a := range c.analyzers {
		by := a.Match(rel)
		if by == None {
			continue
		}
		all = append(all, match{a, by})
		if by == Strong && strong == nil {
			strong = a
		}
	}
	return all, strong
}

// process reads and analyzes one candidate.
func (c *collection) process(ctx context.Context, cand candidate) fileResult {
	if cand.status != "" {
		l := walkerLabel
		if _, strong := c.matches(cand.rel); strong != nil {
			l = strong.Label()
		}
		if cand.dir {
			l = Label{Format: "directory", Collector: walkerLabel.Collector}
		}
		return c.fail(cand, l, cand.status, cand.detail, 0)
	}
	name := cand.real
	if name == "" {
		name = cand.abs
	}
	return c.analyze(ctx, cand, readFile(name, c.opts.limit()))
}

// analyze recognises and reads one candidate whose content has been read.
func (c *collection) analyze(ctx context.Context, cand candidate, rd readOutcome) fileResult {
	all, strong := c.matches(cand.rel)
	if rd.status != "" {
		// Only a file named like a known format's own file is worth
		// reporting when its content cannot even be looked at.
		switch {
		case strong != nil:
			return c.fail(cand, strong.Label(), rd.status, rd.detail, rd.size)
		case cand.explicit:
			return c.fail(cand, walkerLabel, rd.status, rd.detail, rd.size)
		}
		return fileResult{}
	}
	sum := sha256.Sum256(rd.data)
	f := &File{
		Path:     cand.rel,
		Data:     bytes.TrimPrefix(rd.data, []byte("\xef\xbb\xbf")),
		SHA256:   hex.EncodeToString(sum[:]),
		Size:     rd.size,
		Location: cand.location,
		Explicit: cand.explicit,
		Now:      c.opts.Now,
		Version:  c.opts.Version,
		Abs:      cand.abs,
		area:     cand.area,
		raw:      rd.data,
		red:      secrets.NewRedactor(),
	}
	a, owner := dispatch(ctx, f, all, strong)
	if a == nil {
		if !cand.explicit {
			return fileResult{}
		}
		a = unrecognised(f)
	}
	if g, ok := owner.(Grouper); ok {
		return fileResult{pending: &Member{File: f, Analysis: a}, owner: g}
	}
	return finish(f, a)
}

// fail reports a candidate that could not be read.
func (c *collection) fail(cand candidate, l Label, status, detail string, size int64) fileResult {
	src := newSource(cand.rel, l, c.opts.Version, c.opts.Now)
	src.Status, src.Size = status, size
	src.Diagnostics = []evidence.Diagnostic{{Severity: "error", File: cand.rel, Message: detail}}
	return fileResult{subjects: []evidence.Subject{src}}
}

// dispatch offers f to the analyzers that match it, in the order Collect
// describes.
// It returns the analysis and the analyzer that made it.
func dispatch(ctx context.Context, f *File, all []match, strong Analyzer) (*Analysis, Analyzer) {
	if strong != nil {
		if a := strong.Analyze(ctx, f, Strong); a != nil {
			return a, strong
		}
	}
	var tentative *Analysis
	var tentativeBy Analyzer
	for _, pass := range []Strength{Weak, Content} {
		for _, m := range all {
			if m.by != pass {
				continue
			}
			a := m.a.Analyze(ctx, f, pass)
			switch {
			case a == nil:
			case a.Tentative:
				if tentative == nil {
					tentative, tentativeBy = a, m.a
				}
			default:
				return a, m.a
			}
		}
	}
	return tentative, tentativeBy
}

// finish redacts the analysis' messages and records the stored copy.
func finish(f *File, a *Analysis) fileResult {
	src := a.Source
	for i := range src.Diagnostics {
		src.Diagnostics[i].Message = f.RedactString(src.Diagnostics[i].Message)
	}
	subjects := make([]evidence.Subject, 0, len(a.Subjects)+1)
	subjects = append(subjects, a.Subjects...)
	subjects = append(subjects, src)
	if !a.Store {
		return fileResult{subjects: subjects}
	}
	redacted := f.redactedCopy()
	rsum := sha256.Sum256(redacted)
	art := &evidence.Artifact{
		Path:           f.Path,
		BundlePath:     BundlePath(f.Path),
		SHA256:         f.SHA256,
		RedactedSHA256: hex.EncodeToString(rsum[:]),
		Format:         src.Format,
		Size:           int64(len(f.raw)),
	}
	return fileResult{subjects: subjects, artifact: art, content: redacted}
}

// BundlePath maps a provenance path to a path inside the bundle's artifacts
// folder that cannot escape it.
func BundlePath(rel string) string {
	p := strings.ReplaceAll(rel, ":", "")
	p = strings.TrimPrefix(p, "~/")
	if rel != p && strings.HasPrefix(rel, "~/") {
		p = "home/" + p
	}
	p = path.Clean("/" + p)
	return "artifacts" + p
}
