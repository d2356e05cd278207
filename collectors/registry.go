package collectors

import (
	"context"

	"github.com/tollgate-dev/tollgate/collectors/clientconfig"
	"github.com/tollgate-dev/tollgate/collectors/definitions"
	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/gateway"
	"github.com/tollgate-dev/tollgate/collectors/kubernetes"
	"github.com/tollgate-dev/tollgate/collectors/pending"
)

// Collectors returns the built-in collectors, in a fixed order.
func Collectors() []Collector {
	return []Collector{FileCollector{Analyzers: Analyzers()}}
}

// Analyzers returns the registry of file analyzers in recognition order.
// Order matters: a file whose name matches an analyzer strongly goes to the
// first such analyzer; otherwise the analyzers that match its name weakly,
// then those that read its syntax, are asked in this order and the first to
// recognise the content wins. Keep more specific formats before more
// generic ones.
func Analyzers() []files.Analyzer {
	var all []files.Analyzer
	// MCP client configurations and server manifests.
	all = append(all, clientconfig.Analyzers()...)
	// Saved tool, prompt and resource-template listings.
	all = append(all, definitions.Analyzers()...)
	// Kubernetes manifests, Helm charts and values, kustomizations. They
	// claim only files that hold Kubernetes objects, so they come before
	// the gateway formats, whose recognisers look at words.
	all = append(all, kubernetes.Analyzers(kubernetes.Options{})...)
	// MCP gateway configurations.
	all = append(all, gateway.Analyzers()...)
	// Gateway, Kubernetes and Helm files, recognised and reported as
	// unsupported until their collectors replace these entries.
	all = append(all, pending.Analyzers()...)
	return all
}

// FileCollector collects every file source in one walk, offering each file
// to its analyzers (see files.Collect).
type FileCollector struct {
	Analyzers []files.Analyzer
}

// Name returns "files".
func (FileCollector) Name() string { return "files" }

// Collect walks the request's paths (and, with ClientConfigs.UserConfigs,
// the per-user client locations).
func (c FileCollector) Collect(ctx context.Context, req Request) (*Result, error) {
	out, err := files.Collect(ctx, fileOptions(req), c.Analyzers)
	if err != nil {
		return nil, err
	}
	return &Result{Subjects: out.Subjects, Artifacts: out.Artifacts, Files: out.Files}, nil
}

// fileOptions turns a request into the options of one walk.
func fileOptions(req Request) files.Options {
	opts := files.Options{
		Root:        req.Root,
		Paths:       req.Paths,
		Include:     req.Include,
		Exclude:     req.Exclude,
		MaxFileSize: req.MaxFileSize,
		Workers:     req.Workers,
		Now:         req.Now,
		Version:     req.Version,
	}
	if req.ClientConfigs.UserConfigs {
		opts.Places = clientconfig.UserPlaces()
	}
	if len(opts.Paths) == 0 && !req.ClientConfigs.UserConfigs {
		// With neither paths nor user configs, the scan root is the input;
		// --user-configs alone reads only the per-user locations.
		root := req.Root
		if root == "" {
			root = "."
		}
		opts.Paths = []string{root}
	}
	return opts
}
