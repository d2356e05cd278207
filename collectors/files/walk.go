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
	"github.com/tollgate-dev/tollgate/progress"
)

// skipDirs are directories never descended into: version control metadata,
// dependency trees and caches hold other projects' files, not this one's
// configuration.
var skipDirs = map[string]bool{
	".git": true, ".hg": true, ".svn": true, "node_modules": true, "vendor": true, ".venv": true,
	"venv": true, "__pycache__": true, ".tox": true, ".mypy_cache": true, ".pytest_cache": true,
	".terraform": true, ".gradle": true, ".next": true, ".nuxt": true, "bower_components": true,
}

// candidate is one file (or walk finding) discovery found.
type candidate struct {
	abs string
	// real is the file's path with every symbolic link resolved: the file
	// read, and the key under which a file reached by several paths is
	// read once. Empty for findings.
	real string
	// viaLink is true when the path reaches the file through a symbolic
	// link of its own (the file's own name is preferred).
	viaLink bool
	// rel is the provenance path.
	rel string
	// explicit is true for files named directly in the request and for
	// walk findings: they are always reported, whatever they hold.
	explicit bool
	location Location
	// status is preset for entries that are not read at all (symbolic link
	// loops and links out of the scanned area, folders that cannot be
	// listed, special files); detail says why.
	status, detail string
	// dir is true when the finding is about a folder.
	dir bool
	// area is the scanned area the file was found in: analyzers that read
	// further files (a chart's templates, a kustomization's resources) stay
	// inside it.
	area area
}

// walker discovers candidate files.
type walker struct {
	ctx              context.Context
	root, home       string
	include, exclude globSet
	// strength reports how strongly the analyzers match a path: files no
	// analyzer matches are not read.
	strength func(rel string) Strength
	// considered reports whether any analyzer matches a path (cheaper than
	// strength when the strength does not matter).
	considered func(rel string) bool
	visited    map[string]bool
	out        []candidate
	// found counts the candidates as they are found.
	found progress.Task
}

// area is the set of real folders one walk may read from. A symbolic link
// whose target lies outside every one of them is reported and not followed:
// a link in a scanned repository must not carry a file from elsewhere on
// the machine into the evidence bundle.
type area []string

// contains reports whether real (a resolved path) lies in the area.
func (a area) contains(real string) bool {
	for _, dir := range a {
		if real == dir || strings.HasPrefix(real, dir+string(filepath.Separator)) || dir == string(filepath.Separator) {
			return true
		}
	}
	return false
}

// realPath resolves every symbolic link in p; a path that cannot be
// resolved is returned as it is.
func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

// discover lists the files the options cover, sorted by provenance path.
// Each named folder is walked within the scan root and the folder itself;
// each named file is read unless it is a symbolic link out of the scan root
// and its own folder. Per-user places are confined to the home directory,
// system places to their own folder.
func discover(ctx context.Context, opts Options, strength func(rel string) Strength, considered func(rel string) bool) ([]candidate, error) {
	inc, err := compileGlobs(opts.Include)
	if err != nil {
		return nil, fmt.Errorf("include %w", err)
	}
	exc, err := compileGlobs(opts.Exclude)
	if err != nil {
		return nil, fmt.Errorf("exclude %w", err)
	}
	root, err := scanRoot(opts)
	if err != nil {
		return nil, err
	}
	home, _ := os.UserHomeDir()
	found := progress.Start(ctx, "Finding files", 0)
	defer found.Done()
	w := &walker{ctx: ctx, root: root, home: home, include: inc, exclude: exc, strength: strength,
		considered: considered, visited: map[string]bool{}, found: found}
	realRoot := realPath(root)
	for _, p := range opts.Paths {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, fmt.Errorf("resolve %s: %w", p, err)
		}
		w.named(abs, area{realRoot}, Project, true)
	}
	for _, pl := range opts.Places {
		confine := area{realPath(filepath.Dir(pl.Path))}
		if pl.Location == User && home != "" {
			confine = area{realPath(home)}
		}
		if _, err := os.Lstat(pl.Path); err != nil {
			continue
		}
		w.named(pl.Path, confine, pl.Location, false)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return w.unique(), nil
}

// named adds a path named in the request (explicit) or a well-known place:
// a folder is walked within confine and the folder itself, a file is a
// candidate when its real path lies within confine or its own folder.
func (w *walker) named(abs string, confine area, loc Location, explicit bool) {
	rel := w.relPath(abs)
	info, err := os.Stat(abs)
	switch {
	case err != nil && !explicit:
		// A well-known place that is a broken link: nothing to read.
	case err != nil:
		// A named path that cannot be read is still reported (the read
		// says why: a loop, a broken link, permissions).
		w.add(candidate{abs: abs, rel: rel, explicit: true, location: loc})
	case info.IsDir():
		start := len(w.out)
		real := realPath(abs)
		inside := append(confine, real)
		w.walkDir(abs, real, inside, map[string]bool{})
		for i := start; i < len(w.out); i++ {
			w.out[i].location = loc
			w.out[i].area = inside
		}
	default:
		real := realPath(abs)
		if !append(confine, realPath(filepath.Dir(abs))).contains(real) {
			w.add(outsideRoot(abs, rel, false))
			return
		}
		w.add(candidate{abs: abs, real: real, viaLink: real != abs, rel: rel, explicit: explicit, location: loc,
			area: append(confine, realPath(filepath.Dir(abs)))})
	}
}

// outsideRoot is the finding for a symbolic link out of the scanned area.
func outsideRoot(abs, rel string, dir bool) candidate {
	what := "a file"
	if dir {
		what = "a folder"
	}
	return candidate{abs: abs, rel: rel, explicit: true, dir: dir, status: evidence.StatusSymlinkOutsideRoot,
		detail: "symbolic link to " + what + " outside the scanned folder; not followed (name the target itself to read it)"}
}

// unique returns the candidates sorted by provenance path, each file once:
// a file reached by several paths (through symbolic links) is read under
// its own name when the walk saw it, else under the first path.
func (w *walker) unique() []candidate {
	sort.SliceStable(w.out, func(i, j int) bool { return w.out[i].rel < w.out[j].rel })
	best := map[string]int{}
	for i, c := range w.out {
		key := c.real
		if key == "" {
			key = c.abs
		}
		j, seen := best[key]
		if !seen || w.out[j].viaLink && !c.viaLink {
			best[key] = i
		}
	}
	out := make([]candidate, 0, len(best))
	for i, c := range w.out {
		key := c.real
		if key == "" {
			key = c.abs
		}
		if best[key] == i {
			out = append(out, c)
		}
	}
	return out
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

// add records a candidate the include and exclude globs admit.
func (w *walker) add(c candidate) {
	if !c.explicit && len(w.include) > 0 && !w.include.match(c.rel) {
		return
	}
	if w.exclude.match(c.rel) {
		return
	}
	w.out = append(w.out, c)
	w.found.Add(1)
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

// walkDir walks dir, whose real path is real and whose real path's
// ancestors are in ancestors, reading only from confine. A folder listed in
// dir as a folder, not a symbolic link, has dir's real path followed by its
// name, as a file does, so the walk resolves no path but those of links.
func (w *walker) walkDir(dir, real string, confine area, ancestors map[string]bool) {
	if w.ctx.Err() != nil {
		return
	}
	if w.visited[real] {
		return
	}
	w.visited[real] = true
	ancestors[real] = true
	defer delete(ancestors, real)
	entries, err := os.ReadDir(dir)
	if err != nil {
		w.add(candidate{abs: dir, rel: w.relPath(dir), explicit: true, dir: true, status: evidence.StatusUnreadable, detail: "directory cannot be listed: " + describeOpenError(err)})
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
		switch {
		case mode&fs.ModeSymlink != 0:
			w.symlink(full, rel, confine, ancestors)
		case e.IsDir():
			if skipDirs[e.Name()] || w.exclude.match(rel) {
				continue
			}
			if w.strength(rel) == Strong {
				w.add(notRegular(full, rel, fs.ModeDir))
			}
			w.walkDir(full, filepath.Join(real, e.Name()), confine, ancestors)
		case mode.IsRegular():
			if w.considered(rel) {
				w.add(candidate{abs: full, real: filepath.Join(real, e.Name()), rel: rel})
			}
		default:
			// Named pipes, sockets and devices are never opened: reading a
			// pipe would block the walk.
			if w.strength(rel) == Strong {
				w.add(notRegular(full, rel, mode))
			}
		}
	}
}

// notRegular is the finding for an entry named like a configuration file
// that is not a regular file.
func notRegular(abs, rel string, mode fs.FileMode) candidate {
	return candidate{abs: abs, rel: rel, explicit: true, dir: mode.IsDir(), status: evidence.StatusNotRegular,
		detail: describeMode(mode) + ", not a regular file; not read"}
}

// describeMode names a kind of file that is not a regular file.
func describeMode(mode fs.FileMode) string {
	switch {
	case mode.IsDir():
		return "a folder named like a configuration file (its contents are walked)"
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeCharDevice != 0:
		return "a character device"
	case mode&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// symlink follows a symbolic link found in a walk, within confine: a link
// out of it is reported and not followed; a link to a directory that is
// one of its own ancestors (or a chain of links with no end) is a loop and
// reported; a directory already walked is not walked again; a link to a
// file is read under the link's name only if the walk does not reach the
// file under its own.
func (w *walker) symlink(full, rel string, confine area, ancestors map[string]bool) {
	info, err := os.Stat(full)
	if err != nil {
		if openStatus(err) == evidence.StatusSymlinkLoop {
			w.add(candidate{abs: full, rel: rel, explicit: true, status: evidence.StatusSymlinkLoop, detail: "symbolic link loop: " + describeOpenError(err)})
		} else if w.considered(rel) {
			// A broken link: the read reports it.
			w.add(candidate{abs: full, rel: rel})
		}
		return
	}
	real, err := filepath.EvalSymlinks(full)
	if err != nil {
		w.add(candidate{abs: full, rel: rel, explicit: true, dir: info.IsDir(), status: evidence.StatusSymlinkLoop, detail: "symbolic link cannot be resolved: " + describeOpenError(err)})
		return
	}
	if !info.IsDir() {
		switch {
		case !w.considered(rel):
		case !confine.contains(real):
			w.add(outsideRoot(full, rel, false))
		case !info.Mode().IsRegular():
			if w.strength(rel) == Strong {
				w.add(notRegular(full, rel, info.Mode()))
			}
		default:
			w.add(candidate{abs: full, real: real, viaLink: true, rel: rel})
		}
		return
	}
	if skipDirs[filepath.Base(full)] || w.exclude.match(rel) {
		return
	}
	if !confine.contains(real) {
		w.add(outsideRoot(full, rel, true))
		return
	}
	if ancestors[real] {
		w.add(candidate{abs: full, rel: rel, explicit: true, dir: true, status: evidence.StatusSymlinkLoop,
			detail: "symbolic link to a directory that contains it; not followed"})
		return
	}
	w.walkDir(full, real, confine, ancestors)
}
