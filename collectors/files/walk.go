package files

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/evidence"
)

// skipDirs are directories never descended into: version control metadata,
// dependency trees and caches hold other projects' files, not this one's
// configuration.
var skipDirs = map[string]bool{
	".git": true, ".hg": true, ".svn": true, "node_modules": true, "vendor": true, ".venv": true,
	"venv": true, "__pycache__": true, ".tox": true, ".mypy_cache": true, ".pytest_cache": true,
	".terraform": true, ".gradle": true, ".next": true, ".nuxt": true, "bower_components": true,
}

// candidate is one file (or loop) discovery found.
type candidate struct {
	abs string
	// rel is the provenance path.
	rel string
	// explicit is true for files named directly in the request: they are
	// always reported, whatever they hold.
	explicit bool
	location Location
	// status is preset for entries that cannot be read at all (symlink loops).
	status, detail string
}

// walker discovers candidate files.
type walker struct {
	ctx              context.Context
	root, home       string
	include, exclude globSet
	// consider reports whether a walked file is worth reading: some
	// analyzer matches its path.
	consider  func(rel string) bool
	visited   map[string]bool
	seenFiles map[string]bool
	out       []candidate
}

// discover lists the files the options cover, sorted by provenance path.
func discover(ctx context.Context, opts Options, consider func(rel string) bool) ([]candidate, error) {
	inc, err := compileGlobs(opts.Include)
	if err != nil {
		return nil, fmt.Errorf("include: %w", err)
	}
	exc, err := compileGlobs(opts.Exclude)
	if err != nil {
		return nil, fmt.Errorf("exclude: %w", err)
	}
	root, err := scanRoot(opts)
	if err != nil {
		return nil, err
	}
	home, _ := os.UserHomeDir()
	w := &walker{ctx: ctx, root: root, home: home, include: inc, exclude: exc, consider: consider,
		visited: map[string]bool{}, seenFiles: map[string]bool{}}
	for _, p := range opts.Paths {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, fmt.Errorf("resolve %s: %w", p, err)
		}
		info, err := os.Stat(abs)
		switch {
		case err != nil:
			// A named path that cannot be read is still reported.
			w.add(candidate{abs: abs, rel: w.relPath(abs), explicit: true})
		case info.IsDir():
			w.walkDir(abs, map[string]bool{})
		default:
			w.add(candidate{abs: abs, rel: w.relPath(abs), explicit: true})
		}
	}
	for _, pl := range opts.Places {
		info, err := os.Stat(pl.Path)
		if err != nil {
			continue
		}
		if info.IsDir() {
			w.walkDirAt(pl.Path, pl.Location)
			continue
		}
		w.add(candidate{abs: pl.Path, rel: w.relPath(pl.Path), location: pl.Location})
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sort.Slice(w.out, func(i, j int) bool { return w.out[i].rel < w.out[j].rel })
	return w.out, nil
}

// scanRoot decides the directory provenance paths are relative to.
func scanRoot(opts Options) (string, error) {
	root := opts.Root
	if root == "" && len(opts.Paths) == 1 {
		if info, err := os.Stat(opts.Paths[0]); err == nil && info.IsDir() {
			root = opts.Paths[0]
		}
	}
	if root == "" {
		root = "."
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return "", fmt.Errorf("resolve scan root %s: %w", root, err)
	}
	return abs, nil
}

// relPath renders abs as a provenance path: relative to the scan root when
// inside it, "~/…" under the home directory, otherwise absolute.
func (w *walker) relPath(abs string) string {
	if rel, err := filepath.Rel(w.root, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		if rel == "." {
			return filepath.Base(abs)
		}
		return filepath.ToSlash(rel)
	}
	if w.home != "" {
		if rel, err := filepath.Rel(w.home, abs); err == nil && !strings.HasPrefix(rel, "..") {
			return "~/" + filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(abs)
}

// add records a candidate once.
func (w *walker) add(c candidate) {
	if w.seenFiles[c.abs] {
		return
	}
	if !c.explicit && (w.exclude.match(c.rel) || (len(w.include) > 0 && !w.include.match(c.rel))) {
		return
	}
	if c.explicit && w.exclude.match(c.rel) {
		return
	}
	w.seenFiles[c.abs] = true
	w.out = append(w.out, c)
}

// walkDirAt walks a per-user directory with the given location.
func (w *walker) walkDirAt(dir string, loc Location) {
	start := len(w.out)
	w.walkDir(dir, map[string]bool{})
	for i := start; i < len(w.out); i++ {
		w.out[i].location = loc
	}
}

// isEvidenceBundle reports whether dir, listed as entries, is an evidence
// bundle Tollgate wrote: a manifest.json naming Tollgate beside an artifacts
// folder.
func isEvidenceBundle(dir string, entries []fs.DirEntry) bool {
	var manifest, artifacts bool
	for _, e := range entries {
		switch {
		case e.Name() == evidence.ManifestFile && e.Type().IsRegular():
			manifest = true
		case e.Name() == evidence.ArtifactsDir && e.IsDir():
			artifacts = true
		}
	}
	if !manifest || !artifacts {
		return false
	}
	f, err := os.Open(filepath.Join(dir, evidence.ManifestFile))
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	return bytes.Contains(head[:n], []byte(`"format_version"`)) && bytes.Contains(head[:n], []byte(`"tool": "tollgate"`))
}

// walkDir walks dir, whose real path's ancestors are in ancestors.
func (w *walker) walkDir(dir string, ancestors map[string]bool) {
	if w.ctx.Err() != nil {
		return
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		real = dir
	}
	if w.visited[real] {
		return
	}
	w.visited[real] = true
	ancestors[real] = true
	defer delete(ancestors, real)
	entries, err := os.ReadDir(dir)
	if err != nil {
		w.add(candidate{abs: dir, rel: w.relPath(dir), explicit: true, status: evidence.StatusUnreadable, detail: "directory cannot be listed: " + describeOpenError(err)})
		return
	}
	if isEvidenceBundle(dir, entries) {
		// Tollgate's own output (tollgate-out/evidence/): redacted copies
		// of files already collected from where they live.
		return
	}
	for _, e := range entries {
		full := filepath.Join(dir, e.Name())
		rel := w.relPath(full)
		mode := e.Type()
		if mode&fs.ModeSymlink != 0 {
			w.symlink(full, rel, ancestors)
			continue
		}
		if e.IsDir() {
			if skipDirs[e.Name()] || w.exclude.match(rel) {
				continue
			}
			w.walkDir(full, ancestors)
			continue
		}
		if mode.IsRegular() && w.consider(rel) {
			w.add(candidate{abs: full, rel: rel})
		}
	}
}

// symlink follows a symbolic link found in a walk: a link to a directory
// that is one of its own ancestors (or a chain of links with no end) is a
// loop and reported; a directory already walked is not walked again.
func (w *walker) symlink(full, rel string, ancestors map[string]bool) {
	info, err := os.Stat(full)
	if err != nil {
		if openStatus(err) == evidence.StatusSymlinkLoop {
			w.add(candidate{abs: full, rel: rel, explicit: true, status: evidence.StatusSymlinkLoop, detail: "symbolic link loop: " + describeOpenError(err)})
		} else if w.consider(rel) {
			w.add(candidate{abs: full, rel: rel})
		}
		return
	}
	if !info.IsDir() {
		if w.consider(rel) {
			w.add(candidate{abs: full, rel: rel})
		}
		return
	}
	if skipDirs[filepath.Base(full)] || w.exclude.match(rel) {
		return
	}
	real, err := filepath.EvalSymlinks(full)
	if err != nil {
		w.add(candidate{abs: full, rel: rel, explicit: true, status: evidence.StatusSymlinkLoop, detail: "symbolic link cannot be resolved: " + describeOpenError(err)})
		return
	}
	if ancestors[real] {
		w.add(candidate{abs: full, rel: rel, explicit: true, status: evidence.StatusSymlinkLoop,
			detail: "symbolic link to a directory that contains it; not followed"})
		return
	}
	w.walkDir(full, ancestors)
}
