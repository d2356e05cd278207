// Package collectors defines how Tollgate gathers evidence: a Collector turns
// sources (files, directories, clusters, endpoints) into subjects plus the
// redacted artifacts they were read from. Each family of sources lives in its
// own sub-package (clientconfig, kubernetes, gateway, probe).
package collectors

import (
	"context"
	"sort"
	"time"

	"github.com/tollgate-dev/tollgate/evidence"
)

// DefaultMaxFileSize is the largest file a collector reads into memory when a
// Request does not set MaxFileSize. Larger files are reported, not read.
const DefaultMaxFileSize int64 = 10 << 20

// Request says what to collect.
type Request struct {
	// Root is the scan root: subject file paths are relative to it. When empty,
	// a single directory in Paths is its own root; otherwise the working
	// directory is.
	Root string
	// Paths are the files and directories to scan. When empty, Root is
	// scanned, unless UserConfigs is set: then only the per-user locations are.
	Paths []string
	// Include and Exclude are glob patterns matched against the slash-separated
	// path relative to the root (and against the base name). A file is read
	// when it matches no Exclude pattern and, if Include is set, an Include
	// pattern. "**" matches any number of directories.
	Include, Exclude []string
	// UserConfigs adds every client's well-known per-user and system
	// configuration paths on this machine.
	UserConfigs bool
	// MaxFileSize caps how many bytes of one file are read (0 means
	// DefaultMaxFileSize).
	MaxFileSize int64
	// Workers bounds how many files are read in parallel (0 means GOMAXPROCS).
	Workers int
	// Now is the collection time recorded in every subject's provenance.
	Now time.Time
	// Version is the Tollgate version recorded as the collector version.
	Version string
}

// Limit returns the effective per-file size limit.
func (r Request) Limit() int64 {
	if r.MaxFileSize > 0 {
		return r.MaxFileSize
	}
	return DefaultMaxFileSize
}

// Result is what a collector produced.
type Result struct {
	// Subjects are sorted by ID.
	Subjects []evidence.Subject
	// Artifacts describe the raw inputs, sorted by path.
	Artifacts []evidence.Artifact
	// Files maps a bundle path (artifacts/<relpath>) to the redacted content.
	Files map[string][]byte
}

// Collector gathers evidence from one family of sources.
type Collector interface {
	// Name is the collector family, e.g. "clientconfig".
	Name() string
	// Collect reads the sources the request names. Problems with one input
	// become evidence (a source subject with a diagnostic); an error is
	// returned only when collection as a whole cannot proceed.
	Collect(ctx context.Context, req Request) (*Result, error)
}

// Merge appends other's subjects, artifacts and files to r and re-sorts.
func (r *Result) Merge(other *Result) {
	if other == nil {
		return
	}
	r.Subjects = append(r.Subjects, other.Subjects...)
	r.Artifacts = append(r.Artifacts, other.Artifacts...)
	if len(other.Files) > 0 && r.Files == nil {
		r.Files = make(map[string][]byte, len(other.Files))
	}
	for k, v := range other.Files {
		r.Files[k] = v
	}
	r.Sort()
}

// Sort orders subjects by ID and artifacts by path, so output is deterministic.
func (r *Result) Sort() {
	sort.SliceStable(r.Subjects, func(i, j int) bool {
		return r.Subjects[i].Metadata().ID < r.Subjects[j].Metadata().ID
	})
	sort.SliceStable(r.Artifacts, func(i, j int) bool {
		return r.Artifacts[i].Path < r.Artifacts[j].Path
	})
}
