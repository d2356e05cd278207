package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"

	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/collectors/probe"
	"github.com/tollgate-dev/tollgate/collectors/tooldef"
	"github.com/tollgate-dev/tollgate/evidence"
)

// ProbeOptions say which live endpoints to probe during collection.
type ProbeOptions struct {
	// Configured probes every remote server found in the collected configs
	// (and, with Options.AllowExec, starts their stdio servers).
	Configured bool
	// URLs are endpoints to probe directly, with Headers.
	URLs    []string
	Headers http.Header
	// Options bound and police the probe.
	Options probe.Options
}

// Enabled reports whether anything is to be probed.
func (p *ProbeOptions) Enabled() bool {
	return p != nil && (p.Configured || len(p.URLs) > 0)
}

// probeTargets lists what to probe: configured servers (each with only its
// own configuration's credentials), then the URLs given.
func (p *ProbeOptions) targets(subjects []evidence.Subject) []probe.Target {
	var out []probe.Target
	if p.Configured {
		out = append(out, probe.ServerTargets(subjects, p.Options.AllowExec)...)
	}
	for _, u := range p.URLs {
		out = append(out, probe.URLTarget(u, p.Headers))
	}
	return out
}

// runProbe probes the targets and links each configured server to its
// endpoint subject.
func runProbe(ctx context.Context, p *ProbeOptions, opts probe.Options, res *collectors.Result) error {
	targets := p.targets(res.Subjects)
	if len(targets) == 0 {
		return nil
	}
	out, err := probe.Run(ctx, targets, opts)
	if err != nil {
		return fmt.Errorf("probe: %w", err)
	}
	servers := map[string]*evidence.Server{}
	for _, s := range res.Subjects {
		if srv, ok := s.(*evidence.Server); ok {
			servers[srv.ID] = srv
		}
	}
	for _, s := range out.Subjects {
		ep, ok := s.(*evidence.Endpoint)
		if !ok {
			continue
		}
		for _, l := range ep.Links {
			if srv := servers[l]; srv != nil && !slices.Contains(srv.Links, ep.ID) {
				srv.Links = append(srv.Links, ep.ID)
				// What the probe found settles whether the server asks
				// for authentication, which the configuration alone
				// cannot tell when no credential is configured.
				srv.Auth.Probed = ep.Authentication
			}
		}
	}
	res.Merge(out)
	return nil
}

// LoadLock reads the lockfile to compare definitions against: path when
// given, else tollgate.lock in dir (the single folder assessed) when it
// exists. It returns nil, "" when there is none.
func LoadLock(path, dir string) (*tooldef.Lock, string, error) {
	if path == "" {
		if dir == "" {
			return nil, "", nil
		}
		candidate := filepath.Join(dir, tooldef.LockFile)
		if _, err := os.Stat(candidate); err != nil {
			return nil, "", nil
		}
		path = candidate
	}
	l, err := tooldef.ReadLock(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, "", fmt.Errorf("lock %s: no such file", path)
		}
		return nil, "", err
	}
	return l, path, nil
}

// applyLock compares the collected tool subjects with the lock, adding
// subjects for definitions that disappeared.
func applyLock(l *tooldef.Lock, res *collectors.Result) {
	var tools []*evidence.Tool
	for _, s := range res.Subjects {
		if t, ok := s.(*evidence.Tool); ok && t.Lock != evidence.LockLocked {
			tools = append(tools, t)
		}
	}
	for _, t := range l.Apply(tools) {
		res.Subjects = append(res.Subjects, t)
	}
	res.Sort()
}

// correlate sets the cross-server facts (collisions, shadowing) over every
// tool collected, from files and live endpoints alike.
func correlate(res *collectors.Result) {
	var tools []*evidence.Tool
	for _, s := range res.Subjects {
		if t, ok := s.(*evidence.Tool); ok {
			tools = append(tools, t)
		}
	}
	if len(tools) > 0 {
		tooldef.Correlate(tools)
	}
}

// keepUnobservedLocked drops the definitions read from lockfiles for
// servers the run observed itself (live, or in definition files): those
// servers' own definitions are judged and compared with the lock instead.
// What remains stands in for servers the run could not reach.
func keepUnobservedLocked(res *collectors.Result) {
	type serverKey struct{ server, endpoint string }
	observed := map[serverKey]bool{}
	locked := false
	for _, s := range res.Subjects {
		if t, ok := s.(*evidence.Tool); ok {
			if t.Lock == evidence.LockLocked {
				locked = true
			} else {
				observed[serverKey{t.Server, t.Endpoint}] = true
			}
		}
	}
	if !locked || len(observed) == 0 {
		return
	}
	kept := res.Subjects[:0]
	for _, s := range res.Subjects {
		if t, ok := s.(*evidence.Tool); ok && t.Lock == evidence.LockLocked && observed[serverKey{t.Server, t.Endpoint}] {
			continue
		}
		kept = append(kept, s)
	}
	clear(res.Subjects[len(kept):])
	res.Subjects = kept
}
