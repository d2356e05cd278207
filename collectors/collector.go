// Package collectors defines how Tollgate gathers evidence: a Collector turns
// sources into subjects plus the redacted artifacts they were read from, and
// Collectors is the registry of built-in collectors.
//
// Files are collected by one walk (package files) that offers each file to
// an ordered registry of analyzers (Analyzers): the client configuration
// formats (clientconfig), saved tool listings (definitions), Kubernetes
// sources (kubernetes), gateway configurations (gateway), then recognisers
// for families not collected yet (pending). After collection, servers
// clients reach through a gateway are linked to it (gateway.Front). Shared
// packages: launch analyses how a server is started or
// reached, internal/postree parses JSON, YAML and TOML with positions.
package collectors

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/gateway"
	"github.com/tollgate-dev/tollgate/evidence"
)

// DefaultMaxFileSize is the largest file a collector reads into memory when a
// Request does not set MaxFileSize. Larger files are reported, not read.
const DefaultMaxFileSize = files.DefaultMaxFileSize

// Request says what to collect: the fields every collector reads, then one
// options struct per collector family.
type Request struct {
	// Root is the scan root: subject file paths are relative to it. When empty,
	// a single directory in Paths is its own root; otherwise the working
	// directory is.
	Root string
	// Paths are the files and directories to scan. When empty, Root is
	// scanned, unless ClientConfigs.UserConfigs is set: then only the
	// per-user locations are.
	Paths []string
	// Include and Exclude are glob patterns matched against the slash-separated
	// path relative to the root (and against the base name). A file is read
	// when it matches no Exclude pattern and, if Include is set, an Include
	// pattern. "**" matches any number of directories. See CheckGlobs.
	Include, Exclude []string
	// MaxFileSize caps how many bytes of one file are read (0 means
	// DefaultMaxFileSize).
	MaxFileSize int64
	// Workers bounds how many files are read in parallel (0 means GOMAXPROCS).
	Workers int
	// Now is the collection time recorded in every subject's provenance.
	Now time.Time
	// Version is the Tollgate version recorded as the collector version.
	Version string

	// ClientConfigs are the options of the client configuration collector.
	ClientConfigs ClientConfigOptions
	// Kubernetes are the options of the Kubernetes collector: Helm values
	// and label selectors for files, and the cluster to read live.
	Kubernetes KubernetesOptions
}

// ClientConfigOptions are the options of the client configuration collector.
type ClientConfigOptions struct {
	// UserConfigs adds every client's well-known per-user and system
	// configuration paths on this machine.
	UserConfigs bool
}

// KubernetesOptions are the options of the Kubernetes collector.
type KubernetesOptions struct {
	// HelmValues are values files applied over every chart's defaults.
	HelmValues []string
	// Selectors are label selectors that add workloads as MCP workloads.
	Selectors []string
	// Kubeconfig and Context name a cluster to read live; InCluster reads
	// the cluster Tollgate runs in. Namespaces limits what is read.
	Kubeconfig string
	Context    string
	InCluster  bool
	Namespaces []string
}

// Live reports whether a cluster is to be read.
func (k KubernetesOptions) Live() bool { return k.Kubeconfig != "" || k.Context != "" || k.InCluster }

// Files reports whether the request names files to walk.
func (r Request) Files() bool { return len(r.Paths) > 0 || r.ClientConfigs.UserConfigs }

// CheckGlobs reports the first include or exclude pattern that is not a
// valid glob, naming it.
func (r Request) CheckGlobs() error {
	for _, set := range []struct {
		name     string
		patterns []string
	}{{"include", r.Include}, {"exclude", r.Exclude}} {
		for _, p := range set.patterns {
			if err := files.CompileGlob(p); err != nil {
				return fmt.Errorf("%s %w", set.name, err)
			}
		}
	}
	return nil
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
	// Name is the collector family, e.g. "files".
	Name() string
	// Collect reads the sources the request names. Problems with one input
	// become evidence (a source subject with a diagnostic); an error is
	// returned only when collection as a whole cannot proceed.
	Collect(ctx context.Context, req Request) (*Result, error)
}

// Collect runs every built-in collector over the request and merges what
// they produced.
func Collect(ctx context.Context, req Request) (*Result, error) {
	all := &Result{}
	cs, err := CollectorsFor(req)
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		res, err := c.Collect(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("collect with %s: %w", c.Name(), err)
		}
		all.Merge(res)
	}
	all.Sort()
	// Servers clients reach through a gateway found in any of the sources
	// are linked to it, across files and collectors.
	gateway.Front(all.Subjects)
	return all, nil
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
