// Command release cross-compiles Tollgate for every supported platform:
// static binaries (CGO_ENABLED=0) for linux, darwin and windows on amd64
// and arm64, with the version stamped into internal/version, packed as
// tollgate_VERSION_OS_ARCH.tar.gz (.zip for windows) with a SHA256SUMS file
// that 'sha256sum -c' checks. Archives are reproducible: the same sources
// and version give the same bytes.
//
//	go run ./tools/release                      # version from git describe, into dist/
//	go run ./tools/release -version v1.2.0 -out dist
//	go run ./tools/release -build-only -out /tmp/bin   # binaries only, as CI does
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strings"
)

func main() {
	var opts Options
	var targets string
	flag.StringVar(&opts.Version, "version", "", "version to stamp (default: git describe --tags --always --dirty)")
	flag.StringVar(&opts.Out, "out", "dist", "folder to write into (emptied of earlier release files first)")
	flag.StringVar(&targets, "targets", strings.Join(targetNames(DefaultTargets), ","), "GOOS/GOARCH pairs to build, separated by commas")
	flag.BoolVar(&opts.BuildOnly, "build-only", false, "build the binaries only: no archives, no checksums")
	flag.StringVar(&opts.Package, "package", DefaultPackage, "main package to build")
	flag.Parse()
	if flag.NArg() > 0 {
		fail(fmt.Errorf("unexpected arguments: %s", strings.Join(flag.Args(), " ")))
	}
	var err error
	if opts.Targets, err = ParseTargets(targets); err != nil {
		fail(err)
	}
	if opts.Version == "" {
		if opts.Version, err = gitVersion(); err != nil {
			fail(err)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	opts.Log = func(format string, args ...any) { fmt.Fprintf(os.Stderr, format+"\n", args...) }
	files, err := Run(ctx, opts)
	if err != nil {
		fail(err)
	}
	for _, f := range files {
		fmt.Println(f)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "release:", err)
	os.Exit(1)
}

// gitVersion describes the checkout: the nearest tag, commits since, and
// whether the tree is dirty.
func gitVersion() (string, error) {
	out, err := exec.Command("git", "describe", "--tags", "--always", "--dirty").Output()
	if err != nil {
		return "", fmt.Errorf("git describe (give -version): %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}
