package files

import (
	"context"
	"path"

	"github.com/tollgate-dev/tollgate/evidence"
)

// Strength says how strongly a path alone points at an analyzer.
type Strength uint8

const (
	// None: the analyzer has nothing to do with the path.
	None Strength = iota
	// Content: the path's syntax is one the analyzer reads (a .yaml file
	// for a YAML format); the content decides.
	Content
	// Weak: the path is a generic name the format uses (settings.json,
	// server.json, config.yaml); the content decides.
	Weak
	// Strong: the path is the format's own file name (.cursor/mcp.json);
	// the file is this format even when it cannot be parsed.
	Strong
)

// Label says how a file an analyzer reads is described in its source
// subject.
type Label struct {
	// Format identifies the file format, e.g. "cursor/mcp.json".
	Format string
	// Client is the MCP client the file configures, "" when none.
	Client string
	// Collector is recorded as the provenance collector of the source and
	// of every subject read from it, e.g. "clientconfig/cursor".
	Collector string
}

// Analyzer reads one format of file. The walk offers each file it reads to
// the analyzers in registry order, strongest path match first; see Collect.
type Analyzer interface {
	// Label describes the files the analyzer reads; a file named strongly
	// for the analyzer that cannot be read is reported under this label.
	Label() Label
	// Match reports how strongly path (slash-separated, relative to the scan
	// root, or "~/…" or absolute for per-user and system files) points at
	// the analyzer. Files no analyzer matches are not read (unless named
	// explicitly).
	Match(path string) Strength
	// Analyze reads f, which matched with strength by. It returns nil when
	// the file is not the analyzer's (allowed only below Strong: a strong
	// match must be reported whatever the file holds). Problems with the
	// file are evidence: a status and diagnostics on the source subject,
	// never an error.
	Analyze(ctx context.Context, f *File, by Strength) *Analysis
}

// Analysis is what an analyzer read from one file.
type Analysis struct {
	// Source is the file's source subject, made with File.NewSource: its
	// status, diagnostics and counts.
	Source *evidence.Source
	// Subjects are the other subjects read from the file, each linked to
	// Source (File.SourceID).
	Subjects []evidence.Subject
	// Store keeps a redacted copy of the file in the bundle with an
	// artifact record. Set it whenever the analysis read the content; a
	// file only recognised (not read) is not stored.
	Store bool
	// Tentative marks an analysis that stands only if no analyzer after this
	// one claims the file (a generic name that fails to parse, reported as a
	// parse error unless another format recognises it).
	Tentative bool
	// Discard, set by a Grouper's Group, drops the analysis: the file turned
	// out not to be the analyzer's (a Kubernetes manifest with nothing MCP
	// in its folder). It is then reported only if named explicitly.
	Discard bool
}

// Grouper is an analyzer whose files are judged together once the walk is
// over, because they refer to each other (the Kubernetes manifests of one
// folder: a Deployment in one file, its ServiceAccount and RoleBinding in
// another). The walk keeps every file a Grouper analyzed, calls Group once
// with all of them, and only then redacts and stores them, so secrets that
// Group hands to a file (File.Secret, File.Redactor) are still removed from
// its stored copy.
type Grouper interface {
	Analyzer
	// Group completes the analyses of the files the analyzer read in this
	// walk, in path order: it may add subjects, complete source subjects and
	// set Discard. It must not keep the files after it returns.
	Group(ctx context.Context, members []Member)
}

// Member is one file a Grouper analyzed, with its analysis.
type Member struct {
	File     *File
	Analysis *Analysis
}

// Folder is the members of one folder, for Groupers that judge the files of
// a folder together.
type Folder struct {
	// Dir is the folder's provenance path.
	Dir     string
	Members []Member
}

// ByFolder groups the members keep accepts by folder, in the order their
// folders first appear.
func ByFolder(members []Member, keep func(Member) bool) []Folder {
	index := map[string]int{}
	var out []Folder
	for _, mb := range members {
		if !keep(mb) {
			continue
		}
		dir := path.Dir(mb.File.Path)
		i, ok := index[dir]
		if !ok {
			i = len(out)
			index[dir] = i
			out = append(out, Folder{Dir: dir})
		}
		out[i].Members = append(out[i].Members, mb)
	}
	return out
}
