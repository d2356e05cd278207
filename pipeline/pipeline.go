// Package pipeline joins Tollgate's stages: collect (sources → evidence),
// evaluate (evidence → results) and gate (results → pass or fail). Commands
// call it; it owns no format of its own.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/collectors/tooldef"
	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/mappings"
	"github.com/tollgate-dev/tollgate/policy"
)

// Tool is the producer name written into bundles and results.
const Tool = "tollgate"

// Extra is what collection adds to the collectors' evidence: live probing
// (which needs the servers the collectors found) and the lockfile every
// tool definition is compared with.
type Extra struct {
	// Probe, when enabled, adds live endpoints to the evidence.
	Probe *ProbeOptions
	// Lock, when set, is compared with every tool definition collected.
	Lock *tooldef.Lock
}

// Collect runs every collector over the sources the request names, then the
// probe and the lock comparison extra asks for, and returns the evidence as
// a bundle (not yet written anywhere).
func Collect(ctx context.Context, req collectors.Request, extra ...Extra) (*evidence.Bundle, error) {
	var x Extra
	if len(extra) > 0 {
		x = extra[0]
	}
	probing := x.Probe.Enabled()
	if !req.Files() && !req.Kubernetes.Live() && !probing {
		return nil, fmt.Errorf("collect: no sources: name files or directories, a cluster (--kubeconfig, --in-cluster), or use --user-configs")
	}
	for _, p := range req.Paths {
		if _, err := os.Lstat(p); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("collect: %s: no such file or folder", p)
			}
			return nil, fmt.Errorf("collect: %w", err)
		}
	}
	if err := req.CheckGlobs(); err != nil {
		return nil, fmt.Errorf("collect: %w", err)
	}
	all := &collectors.Result{}
	if req.Files() || req.Kubernetes.Live() {
		var err error
		if all, err = collectors.Collect(ctx, req); err != nil {
			return nil, err
		}
	}
	if probing {
		po := x.Probe.Options
		po.Now, po.Version = req.Now, req.Version
		if err := runProbe(ctx, x.Probe, po, all); err != nil {
			return nil, err
		}
	}
	keepUnobservedLocked(all)
	correlate(all)
	if x.Lock != nil {
		applyLock(x.Lock, all)
	}
	return &evidence.Bundle{
		FormatVersion: evidence.BundleFormatVersion,
		Tool:          Tool,
		ToolVersion:   req.Version,
		Created:       req.Now,
		Subjects:      all.Subjects,
		Artifacts:     all.Artifacts,
		Files:         all.Files,
	}, nil
}

// EvaluateOptions say how to judge the evidence.
type EvaluateOptions struct {
	// Catalogs are extra control catalog directories, judged like the built-in one.
	Catalogs []string
	// Frameworks limits the framework roll-up (empty: every framework).
	Frameworks []string
	// Waivers and Attestations are HCL files.
	Waivers, Attestations []string
	// Policy is an organisation policy: a folder of .cue files or one file
	// ("" for none).
	Policy  string
	Now     time.Time
	Version string
}

// Evaluate judges a bundle's subjects with the built-in catalog plus any extra
// catalogs, the built-in mappings, the given waivers and attestations, and
// the organisation policy when one is named; the policy's files are added to
// the bundle as evidence, so that writing it afterwards stores them.
func Evaluate(ctx context.Context, b *evidence.Bundle, opts EvaluateOptions) (*assess.Results, error) {
	cat, err := LoadCatalog(opts.Catalogs)
	if err != nil {
		return nil, err
	}
	maps, err := mappings.Builtin()
	if err != nil {
		return nil, fmt.Errorf("load built-in mappings: %w", err)
	}
	waivers, err := assess.LoadWaivers(displayPaths(opts.Waivers)...)
	if err != nil {
		return nil, fmt.Errorf("load waivers: %w", err)
	}
	attestations, err := assess.LoadAttestations(displayPaths(opts.Attestations)...)
	if err != nil {
		return nil, fmt.Errorf("load attestations: %w", err)
	}
	var pol *policy.Policy
	if opts.Policy != "" {
		if pol, err = policy.Load(displayPaths([]string{opts.Policy})[0]); err != nil {
			return nil, fmt.Errorf("load policy: %w", err)
		}
		pol.AddToBundle(b)
	}
	return assess.Run(ctx, assess.Input{
		Policy:       pol,
		Subjects:     b.Subjects,
		Artifacts:    b.Artifacts,
		Catalog:      cat,
		Mappings:     maps,
		Frameworks:   opts.Frameworks,
		Waivers:      waivers,
		Attestations: attestations,
		Now:          opts.Now,
		Tool:         Tool,
		Version:      opts.Version,
	})
}

// DisplayPaths makes paths relative to the working directory where they lie
// under it, so that the file names reports record (waivers, attestations,
// the scope assessed) are the same on every machine that checks out the
// same repository.
func DisplayPaths(paths []string) []string { return displayPaths(paths) }

func displayPaths(paths []string) []string {
	wd, err := os.Getwd()
	if err != nil {
		return paths
	}
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = p
		abs, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		if rel, err := filepath.Rel(wd, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			out[i] = rel
		}
	}
	return out
}

// LoadCatalog returns the built-in catalog merged with the catalogs in dirs.
func LoadCatalog(dirs []string) (*controls.Catalog, error) {
	builtin, err := controls.Builtin()
	if err != nil {
		return nil, fmt.Errorf("load built-in catalog: %w", err)
	}
	cats := []*controls.Catalog{builtin}
	for _, dir := range dirs {
		c, err := controls.LoadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("load catalog %s: %w", dir, err)
		}
		cats = append(cats, c)
	}
	if len(cats) == 1 {
		return builtin, nil
	}
	merged, err := controls.Merge(cats...)
	if err != nil {
		return nil, fmt.Errorf("merge catalogs: %w", err)
	}
	return merged, nil
}
