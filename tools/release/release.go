package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

// DefaultPackage is the command released.
const DefaultPackage = "./cmd/tollgate"

// VersionVar is the variable the version is stamped into.
const VersionVar = "github.com/tollgate-dev/tollgate/internal/version.Version"

// Target is one platform.
type Target struct{ OS, Arch string }

func (t Target) String() string { return t.OS + "/" + t.Arch }

// DefaultTargets are the platforms released.
var DefaultTargets = []Target{
	{"linux", "amd64"}, {"linux", "arm64"},
	{"darwin", "amd64"}, {"darwin", "arm64"},
	{"windows", "amd64"}, {"windows", "arm64"},
}

func targetNames(ts []Target) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.String()
	}
	return out
}

var platform = regexp.MustCompile(`^([a-z0-9]+)/([a-z0-9]+)$`)

// ParseTargets reads GOOS/GOARCH pairs separated by commas.
func ParseTargets(s string) ([]Target, error) {
	var out []Target
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		m := platform.FindStringSubmatch(part)
		if m == nil {
			return nil, fmt.Errorf("target %q: want GOOS/GOARCH, e.g. linux/amd64", part)
		}
		t := Target{m[1], m[2]}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no target")
	}
	return out, nil
}

// Options say what to release.
type Options struct {
	Version   string
	Out       string
	Targets   []Target
	BuildOnly bool
	// Package is the main package to build (default DefaultPackage).
	Package string
	// Extra are files packed beside the binary (default README.md).
	Extra []string
	// Log reports each step; nil is quiet.
	Log func(format string, args ...any)
}

var safeVersion = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._+-]*$`)

// ChecksumFile is the name of the checksum list.
const ChecksumFile = "SHA256SUMS"

// Run builds every target into opts.Out and, unless BuildOnly, packs and
// checksums them. It returns the files written, relative to opts.Out.
func Run(ctx context.Context, opts Options) ([]string, error) {
	if !safeVersion.MatchString(opts.Version) {
		return nil, fmt.Errorf("version %q: want letters, digits and . _ + - only", opts.Version)
	}
	if opts.Package == "" {
		opts.Package = DefaultPackage
	}
	if opts.Extra == nil {
		opts.Extra = []string{"README.md"}
	}
	if opts.Log == nil {
		opts.Log = func(string, ...any) {}
	}
	if err := clean(opts.Out, opts.Package, opts.Targets); err != nil {
		return nil, err
	}
	var written []string
	sums := map[string]string{}
	for _, t := range opts.Targets {
		dir := filepath.Join(opts.Out, t.OS+"_"+t.Arch)
		bin := filepath.Join(dir, binaryName(opts.Package, t))
		opts.Log("build %s %s", t, opts.Version)
		if err := Build(ctx, opts.Package, t, opts.Version, bin); err != nil {
			return nil, err
		}
		if opts.BuildOnly {
			written = append(written, filepath.ToSlash(mustRel(opts.Out, bin)))
			continue
		}
		name := ArchiveName(opts.Package, opts.Version, t)
		data, err := Archive(t, bin, opts.Extra)
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(opts.Out, name), data, 0o644); err != nil {
			return nil, err
		}
		if err := os.RemoveAll(dir); err != nil {
			return nil, err
		}
		sum := sha256.Sum256(data)
		sums[name] = hex.EncodeToString(sum[:])
		written = append(written, name)
	}
	if !opts.BuildOnly {
		if err := os.WriteFile(filepath.Join(opts.Out, ChecksumFile), Checksums(sums), 0o644); err != nil {
			return nil, err
		}
		written = append(written, ChecksumFile)
	}
	return written, nil
}

// clean creates out, or removes from it what an earlier release of pkg
// wrote there: the checksum list, pkg's archives and the per-target build
// folders. Nothing else in out is touched.
func clean(out, pkg string, targets []Target) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	dirs := map[string]bool{}
	for _, t := range append(slices.Clone(DefaultTargets), targets...) {
		dirs[t.OS+"_"+t.Arch] = true
	}
	prefix := filepath.Base(filepath.Clean(pkg)) + "_"
	for _, e := range entries {
		n := e.Name()
		archive := strings.HasPrefix(n, prefix) && (strings.HasSuffix(n, ".tar.gz") || strings.HasSuffix(n, ".zip"))
		if n == ChecksumFile || archive || (e.IsDir() && dirs[n]) {
			if err := os.RemoveAll(filepath.Join(out, n)); err != nil {
				return err
			}
		}
	}
	return nil
}

func mustRel(base, p string) string {
	rel, err := filepath.Rel(base, p)
	if err != nil {
		return p
	}
	return rel
}

// binaryName is the executable's file name on t.
func binaryName(pkg string, t Target) string {
	name := filepath.Base(filepath.Clean(pkg))
	if t.OS == "windows" {
		name += ".exe"
	}
	return name
}

// ArchiveName is the archive of a target: NAME_VERSION_OS_ARCH.tar.gz, or
// .zip for windows.
func ArchiveName(pkg, version string, t Target) string {
	ext := ".tar.gz"
	if t.OS == "windows" {
		ext = ".zip"
	}
	return fmt.Sprintf("%s_%s_%s_%s%s", filepath.Base(filepath.Clean(pkg)), version, t.OS, t.Arch, ext)
}

// Build compiles pkg for t into bin: static (no cgo), without local paths
// or build ids, with the version stamped.
func Build(ctx context.Context, pkg string, t Target, version, bin string) error {
	ldflags := fmt.Sprintf("-s -w -buildid= -X %s=%s", VersionVar, version)
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-buildvcs=false", "-ldflags", ldflags, "-o", bin, pkg)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+t.OS, "GOARCH="+t.Arch, "GOFLAGS=-mod=readonly")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("build %s for %s: %w\n%s", pkg, t, err, stderr.String())
	}
	return nil
}

// epoch is the time recorded in archives: SOURCE_DATE_EPOCH when set, else
// a fixed date, so archives do not depend on when they were made.
func epoch() time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		var secs int64
		if _, err := fmt.Sscan(s, &secs); err == nil {
			return time.Unix(secs, 0).UTC()
		}
	}
	return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
}

// Archive packs the binary and the extra files, in that order, into a
// tar.gz (a zip for windows) whose bytes depend only on their contents.
func Archive(t Target, bin string, extra []string) ([]byte, error) {
	type entry struct {
		name string
		mode fs.FileMode
		data []byte
	}
	var entries []entry
	for i, p := range append([]string{bin}, extra...) {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("pack %s: %w", p, err)
		}
		mode := fs.FileMode(0o644)
		if i == 0 {
			mode = 0o755
		}
		entries = append(entries, entry{filepath.Base(p), mode, data})
	}
	mtime := epoch()
	var buf bytes.Buffer
	if t.OS == "windows" {
		zw := zip.NewWriter(&buf)
		for _, e := range entries {
			h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: mtime}
			h.SetMode(e.mode)
			w, err := zw.CreateHeader(h)
			if err != nil {
				return nil, err
			}
			if _, err := w.Write(e.data); err != nil {
				return nil, err
			}
		}
		if err := zw.Close(); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	}
	gz, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	gz.ModTime = mtime
	tw := tar.NewWriter(gz)
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Mode: int64(e.mode), Size: int64(len(e.data)), ModTime: mtime,
			Typeflag: tar.TypeReg, Format: tar.FormatPAX, Uname: "root", Gname: "root"}
		if err := tw.WriteHeader(h); err != nil {
			return nil, err
		}
		if _, err := tw.Write(e.data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := gz.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Checksums renders the sha256 list in the format of sha256sum, sorted by
// file name.
func Checksums(sums map[string]string) []byte {
	names := make([]string, 0, len(sums))
	for n := range sums {
		names = append(names, n)
	}
	slices.Sort(names)
	var b bytes.Buffer
	for _, n := range names {
		fmt.Fprintf(&b, "%s  %s\n", sums[n], n)
	}
	return b.Bytes()
}
