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

// CollectorsFor returns the collectors a request calls for: the file walk
// when it names files (with the analyzers configured by its options), and
// the Kubernetes cluster collector when it names a cluster.
func CollectorsFor(req Request) ([]Collector, error) {
	kopts, err := kubernetesOptions(req)
	if err != nil {
		return nil, err
	}
	var out []Collector
	if req.Files() || !req.Kubernetes.Live() {
		out = append(out, FileCollector{Analyzers: analyzers(kopts)})
	}
	if req.Kubernetes.Live() {
		out = append(out, ClusterCollector{Options: kopts})
	}
	return out, nil
}

// kubernetesOptions returns the Kubernetes collector's options for req,
// with the gateway collector's interpreters of custom resources.
func kubernetesOptions(req Request) (kubernetes.Options, error) {
	sel, err := kubernetes.ParseSelectors(req.Kubernetes.Selectors)
	if err != nil {
		return kubernetes.Options{}, err
	}
	opts := withInterpreters(kubernetes.Options{})
	opts.Selectors, opts.HelmValues = sel, req.Kubernetes.HelmValues
	return opts, nil
}

// withInterpreters adds the gateway collector's interpreters of custom
// resources and product Helm values to opts.
func withInterpreters(opts kubernetes.Options) kubernetes.Options {
	opts.Interpreters = gateway.Interpreters()
	opts.ValuesInterpreters = gateway.ValuesInterpreters()
	return opts
}

// ClusterCollector reads a live cluster (get and list only).
type ClusterCollector struct {
	Options kubernetes.Options
}

// Name returns "kubernetes".
func (ClusterCollector) Name() string { return "kubernetes" }

// Collect reads the cluster the request names.
func (c ClusterCollector) Collect(ctx context.Context, req Request) (*Result, error) {
	k := req.Kubernetes
	res, err := kubernetes.CollectLive(ctx, kubernetes.LiveOptions{
		Options: c.Options, Kubeconfig: k.Kubeconfig, Context: k.Context, InCluster: k.InCluster,
		Namespaces: k.Namespaces, Now: req.Now, Version: req.Version,
	})
	if err != nil {
		return nil, err
	}
	return &Result{Subjects: res.Subjects, Artifacts: res.Artifacts, Files: res.Files}, nil
}

// Analyzers returns the registry of file analyzers in recognition order.
// Order matters: a file whose name matches an analyzer strongly goes to the
// first such analyzer; otherwise the analyzers that match its name weakly,
// then those that read its syntax, are asked in this order and the first to
// recognise the content wins. Keep more specific formats before more
// generic ones.
func Analyzers() []files.Analyzer { return analyzers(withInterpreters(kubernetes.Options{})) }

// analyzers is Analyzers with the Kubernetes collector's options.
func analyzers(kopts kubernetes.Options) []files.Analyzer {
	var all []files.Analyzer
	// MCP client configurations and server manifests.
	all = append(all, clientconfig.Analyzers()...)
	// Saved tool, prompt and resource-template listings.
	all = append(all, definitions.Analyzers()...)
	// Kubernetes manifests, Helm charts and values, kustomizations. They
	// claim only files that hold Kubernetes objects, so they come before
	// the gateway formats, whose recognisers look at words.
	all = append(all, kubernetes.Analyzers(kopts)...)
	// MCP gateway configurations; the Kubernetes objects of Terraform
	// modules are built by the Kubernetes collector's builder.
	all = append(all, gateway.AnalyzersWith(kubernetes.SetBuilder(kopts))...)
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
