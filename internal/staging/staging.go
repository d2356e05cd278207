// Package staging writes a set of files into an output folder all or
// nothing. Everything is first written to a staging folder beside the output
// folder; only when every file is written are the entries swapped in by
// renames, the entries they replace moved aside until the swap is complete.
// Runs writing one output folder at once swap in turn, under an advisory
// lock on the folder, so the last to swap leaves a complete set.
// A failure at any point, while writing or while swapping, puts the previous
// entries back and removes the staging folder, so the output folder holds
// either all of the previous outputs or all of the new ones. Entries of the
// output folder that the set does not name are never touched.
package staging

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Set is what to write into an output folder.
type Set struct {
	// Files maps slash-separated paths relative to the output folder to
	// their content.
	Files map[string][]byte
	// Streams maps slash-separated paths relative to the output folder to
	// functions that write their content, so that large files go to disk
	// as they are produced instead of being held in memory. They run
	// concurrently, at most Workers at a time, while the Files are written
	// beside them; a function that fails fails the whole set.
	// A path is in Files or in Streams, not both.
	Streams map[string]func(io.Writer) error
	// Workers bounds how many Streams run at once (0: GOMAXPROCS).
	Workers int
	// Order is the order Streams start in, the longest first so that the
	// workers finish together; streams it does not name start after, in
	// name order. It never changes what is written.
	Order []string
	// Folders are paths (relative, slash-separated) replaced as a whole:
	// the files under one are written together, and whatever the folder
	// held before is replaced, also when the set has no file in it. Every
	// file outside these folders replaces just the file of its name.
	Folders []string
}

// Prefix starts the names of staging folders, so that nobody mistakes a
// leftover of an interrupted run for an output.
const Prefix = ".tollgate-staging-"

// previousDir is where, inside the staging folder, replaced entries wait
// until the swap is complete.
const previousDir = ".previous"

// Write writes set into dir all or nothing (see the package documentation).
// dir and its parents are created when missing, and removed again when the
// write fails. An existing entry of another kind than the one replacing it
// (a folder where the set has a file, a file where it has a folder) is an
// error before anything is written.
func Write(dir string, set Set) error {
	return osFS.write(dir, set)
}

// fileSystem is the operating system calls Write makes, replaceable in
// tests to simulate a full disk or a failing rename.
type fileSystem struct {
	create func(name string) (io.WriteCloser, error)
	rename func(from, to string) error
	// flush waits until what was written to a file created by create is
	// on disk.
	flush func(io.WriteCloser) error
}

var osFS = fileSystem{
	create: func(name string) (io.WriteCloser, error) {
		return os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	},
	rename: os.Rename,
	flush:  syncFile,
}

// syncFile flushes an operating system file to disk; other writers have
// nothing to flush.
func syncFile(w io.WriteCloser) error {
	if f, ok := w.(*os.File); ok {
		return f.Sync()
	}
	return nil
}

// unit is one entry of the output folder that is replaced as a whole.
type unit struct {
	path   string // slash-separated, relative to the output folder
	folder bool
}

func (fsys fileSystem) write(dir string, set Set) (err error) {
	units, err := unitsOf(set)
	if err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	target, created, err := prepareDir(dir)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			removeCreated(created)
		}
	}()
	if err := checkReplaceable(target, units); err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	stage, err := makeStage(target)
	if err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	if err := fsys.fill(stage, set, units); err != nil {
		os.RemoveAll(stage)
		return fmt.Errorf("write %s: %w", dir, err)
	}
	unlock, err := lockDir(target)
	if err != nil {
		os.RemoveAll(stage)
		return fmt.Errorf("write %s: %w", dir, err)
	}
	defer unlock()
	if err := fsys.swap(stage, target, units); err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	return nil
}

// unitsOf returns the entries the set replaces, sorted, checking that every
// path is a clean relative path and that no file or folder lies inside
// another file.
func unitsOf(set Set) ([]unit, error) {
	folders := map[string]bool{}
	for _, f := range set.Folders {
		if err := checkPath(f); err != nil {
			return nil, err
		}
		folders[f] = true
	}
	seen := map[string]unit{}
	paths := make([]string, 0, len(set.Files)+len(set.Streams))
	for p := range set.Files {
		paths = append(paths, p)
	}
	for p := range set.Streams {
		if _, ok := set.Files[p]; ok {
			return nil, fmt.Errorf("%s is written twice", p)
		}
		paths = append(paths, p)
	}
	for _, p := range paths {
		if err := checkPath(p); err != nil {
			return nil, err
		}
		u := unit{path: p}
		for f := range folders {
			if strings.HasPrefix(p, f+"/") {
				u = unit{path: f, folder: true}
			}
		}
		if folders[p] {
			return nil, fmt.Errorf("%s is both a file and a folder of the output", p)
		}
		seen[u.path] = u
	}
	for f := range folders {
		seen[f] = unit{path: f, folder: true}
	}
	units := make([]unit, 0, len(seen))
	for _, u := range seen {
		units = append(units, u)
	}
	sort.Slice(units, func(i, j int) bool { return units[i].path < units[j].path })
	for i := range units {
		for j := range units {
			if i != j && strings.HasPrefix(units[j].path, units[i].path+"/") {
				return nil, fmt.Errorf("%s lies inside %s", units[j].path, units[i].path)
			}
		}
	}
	return units, nil
}

func checkPath(p string) error {
	if p == "" || path.Clean(p) != p || path.IsAbs(p) || strings.Contains(p, `\`) ||
		p == ".." || strings.HasPrefix(p, "../") || strings.HasPrefix(path.Base(p), Prefix) {
		return fmt.Errorf("output path %q must be a clean relative path", p)
	}
	return nil
}

// prepareDir resolves dir (following a symbolic link to a folder, so that
// the staging folder sits beside the real one) and creates it and its
// missing parents, returning what it created, deepest last.
func prepareDir(dir string) (string, []string, error) {
	info, err := os.Stat(dir)
	switch {
	case err == nil && !info.IsDir():
		return "", nil, fmt.Errorf("create output folder %s: it exists and is not a folder", dir)
	case err == nil:
		real, err := filepath.EvalSymlinks(dir)
		if err != nil {
			return "", nil, fmt.Errorf("create output folder %s: %w", dir, err)
		}
		return real, nil, nil
	case !errors.Is(err, fs.ErrNotExist):
		return "", nil, fmt.Errorf("create output folder %s: %w", dir, err)
	}
	var missing []string
	for p := filepath.Clean(dir); ; p = filepath.Dir(p) {
		if _, err := os.Lstat(p); err == nil {
			break
		}
		missing = append(missing, p)
		if filepath.Dir(p) == p {
			break
		}
	}
	slices.Reverse(missing)
	var created []string
	for _, p := range missing {
		if err := os.Mkdir(p, 0o755); err != nil {
			removeCreated(created)
			return "", nil, fmt.Errorf("create output folder %s: %w", dir, err)
		}
		created = append(created, p)
	}
	return filepath.Clean(dir), created, nil
}

// removeCreated removes the folders prepareDir created, when still empty.
func removeCreated(created []string) {
	for i := len(created) - 1; i >= 0; i-- {
		os.Remove(created[i])
	}
}

// checkReplaceable refuses, before anything is written, to replace an
// entry with one of another kind, or to write through anything but a real
// folder inside dir (a symbolic link there could lead the write elsewhere).
func checkReplaceable(dir string, units []unit) error {
	for _, u := range units {
		p := filepath.Join(dir, filepath.FromSlash(u.path))
		for parent := filepath.Dir(p); parent != dir && strings.HasPrefix(parent, dir); parent = filepath.Dir(parent) {
			info, err := os.Lstat(parent)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				return err
			}
			if !info.IsDir() {
				return fmt.Errorf("refusing to write %s: %s is not a folder", p, parent)
			}
		}
		info, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		switch {
		case u.folder && !info.IsDir():
			return fmt.Errorf("refusing to replace %s with a folder: it is not a folder", p)
		case !u.folder && info.IsDir():
			return fmt.Errorf("refusing to replace %s with a file: it is a folder", p)
		case !u.folder && !info.Mode().IsRegular() && info.Mode()&fs.ModeSymlink == 0:
			return fmt.Errorf("refusing to replace %s: it is not a regular file", p)
		}
	}
	return nil
}

// makeStage creates the staging folder: beside dir when the two are on one
// file system (so renames between them work), else inside dir.
func makeStage(dir string) (string, error) {
	parent := filepath.Dir(dir)
	if parent != dir && sameDevice(parent, dir) {
		if stage, err := os.MkdirTemp(parent, Prefix+filepath.Base(dir)+"-*"); err == nil {
			return stage, nil
		}
	}
	stage, err := os.MkdirTemp(dir, Prefix+"*")
	if err != nil {
		return "", fmt.Errorf("create a staging folder: %w", err)
	}
	return stage, nil
}

// fill writes every file of the set, and every folder unit, into stage.
// Files that are units themselves are flushed to disk; folder units may
// hold many files and are renamed whole.
func (fsys fileSystem) fill(stage string, set Set, units []unit) error {
	for _, u := range units {
		if u.folder {
			if err := os.MkdirAll(filepath.Join(stage, filepath.FromSlash(u.path)), 0o755); err != nil {
				return err
			}
		}
	}
	isUnit := map[string]bool{}
	for _, u := range units {
		isUnit[u.path] = !u.folder
	}
	fl := &flusher{flush: fsys.flush}
	jobs := streamJobs(set)
	if len(set.Files) > 0 {
		// The files, often many small ones in many folders, are written
		// beside the workers rather than by one of them: creating them is
		// system calls that may wait on the file system, and a worker
		// waiting there would hold up the streams behind it.
		files := set.Files
		jobs = append([]job{{beside: true, run: func() (string, error) {
			return fsys.writeFiles(stage, files, isUnit, fl)
		}}}, jobs...)
	}
	for i, j := range jobs {
		if j.stream != nil {
			p, stream := j.path, j.stream
			jobs[i].run = func() (string, error) {
				full := filepath.Join(stage, filepath.FromSlash(p))
				if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
					return p, err
				}
				return p, fsys.streamFile(p, full, stream, isUnit[p], fl)
			}
		}
	}
	err := runJobs(jobs, set.Workers)
	// Even when a job failed, every file is closed before the caller
	// removes the staging folder.
	if ferr := fl.wait(); err == nil {
		err = ferr
	}
	return err
}

// flusher flushes finished files to disk and closes them in the
// background, so that a worker goes on to its next file while the disk
// catches up with the last one. A flush takes as long as the disk needs to
// write what the file holds (a second or more for the largest reports),
// all of it time the workers would otherwise spend waiting.
type flusher struct {
	flush func(io.WriteCloser) error
	wg    sync.WaitGroup
	mu    sync.Mutex
	at    string // the first path, in sorted order, that failed
	err   error
}

// finish flushes w, the file of the slash-separated path p, when sync is
// set, and closes it, in the background when it has to flush.
func (fl *flusher) finish(p string, w io.WriteCloser, sync bool) {
	if !sync {
		fl.fail(p, w.Close())
		return
	}
	fl.wg.Add(1)
	go func() {
		defer fl.wg.Done()
		fl.fail(p, errors.Join(fl.flush(w), w.Close()))
	}()
}

// fail records err for path p, keeping the first path in sorted order so
// that the message does not depend on scheduling.
func (fl *flusher) fail(p string, err error) {
	if err == nil {
		return
	}
	fl.mu.Lock()
	defer fl.mu.Unlock()
	if fl.err == nil || p < fl.at {
		fl.at, fl.err = p, err
	}
}

// wait waits for every flush and returns the first failure, in path order.
func (fl *flusher) wait() error {
	fl.wg.Wait()
	if fl.err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", fl.at, fl.err)
}

// job is one file to stream, or the set's Files to write.
type job struct {
	path   string // the path a stream writes
	stream func(io.Writer) error
	// run does the job and returns the path it failed on with its error.
	run func() (string, error)
	// beside runs the job on its own goroutine instead of a worker's.
	beside bool
}

// streamJobs returns the set's Streams in the order they start in: those
// named by set.Order, then the rest in name order.
func streamJobs(set Set) []job {
	names := make([]string, 0, len(set.Streams))
	ordered := map[string]bool{}
	for _, p := range set.Order {
		if _, ok := set.Streams[p]; ok && !ordered[p] {
			ordered[p] = true
			names = append(names, p)
		}
	}
	rest := len(names)
	for p := range set.Streams {
		if !ordered[p] {
			names = append(names, p)
		}
	}
	sort.Strings(names[rest:])
	jobs := make([]job, len(names))
	for i, p := range names {
		jobs[i] = job{path: p, stream: set.Streams[p]}
	}
	return jobs
}

// writeFiles writes files into stage in name order, and returns the path
// it failed on with its error.
func (fsys fileSystem) writeFiles(stage string, files map[string][]byte, isUnit map[string]bool, fl *flusher) (string, error) {
	names := make([]string, 0, len(files))
	for p := range files {
		names = append(names, p)
	}
	sort.Strings(names)
	dirs := folderMaker{stage: true}
	for _, p := range names {
		full := filepath.Join(stage, filepath.FromSlash(p))
		if err := dirs.mkdirAll(filepath.Dir(full)); err != nil {
			return p, err
		}
		if err := fsys.writeFile(p, full, files[p], isUnit[p], fl); err != nil {
			return p, err
		}
	}
	return "", nil
}

// folderMaker creates folders in the staging folder, remembering those
// that exist: the set's files, often thousands in as many folders, share
// their parents, and each folder costs a system call or two to make or to
// find made.
type folderMaker map[string]bool

// mkdirAll is os.MkdirAll for dir, a folder under one already in the set;
// each folder is made, or found made, once.
func (made folderMaker) mkdirAll(dir string) error {
	if made[dir] {
		return nil
	}
	if parent := filepath.Dir(dir); parent != dir {
		if err := made.mkdirAll(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		// Made meanwhile by a stream's job, or there already.
		if info, serr := os.Stat(dir); serr != nil || !info.IsDir() {
			return err
		}
	}
	made[dir] = true
	return nil
}

// runJobs runs the jobs, in their order, at most workers at a time
// (0: GOMAXPROCS), and those marked beside at once on goroutines of their
// own. When several fail, the error of the first path in sorted order is
// returned, so the message does not depend on scheduling.
func runJobs(jobs []job, workers int) error {
	if len(jobs) == 0 {
		return nil
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	failed := make([]string, len(jobs))
	errs := make([]error, len(jobs))
	run := func(i int) {
		failed[i], errs[i] = jobs[i].run()
		jobs[i] = job{} // what it wrote need not stay in memory
	}
	var wg sync.WaitGroup
	var pooled []int
	for i, j := range jobs {
		if !j.beside {
			pooled = append(pooled, i)
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			run(i)
		}()
	}
	next := make(chan int)
	for range min(workers, len(pooled)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				run(i)
			}
		}()
	}
	for _, i := range pooled {
		next <- i
	}
	close(next)
	wg.Wait()
	var first error
	at := ""
	for i, err := range errs {
		if err != nil && (first == nil || failed[i] < at) {
			first, at = fmt.Errorf("%s: %w", failed[i], err), failed[i]
		}
	}
	return first
}

// streamBuffer is the size of the buffer between a stream and its file.
const streamBuffer = 256 << 10

// streamFile creates name, the file of the slash-separated path p, lets
// write fill it through a buffer, and hands it to fl to be flushed to disk
// when sync is set, and closed.
func (fsys fileSystem) streamFile(p, name string, write func(io.Writer) error, sync bool, fl *flusher) error {
	w, err := fsys.create(name)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, streamBuffer)
	werr := write(bw)
	if werr == nil {
		werr = bw.Flush()
	}
	if werr != nil {
		return errors.Join(werr, w.Close())
	}
	fl.finish(p, w, sync)
	return nil
}

// writeFile writes data to name, the file of the slash-separated path p,
// and hands it to fl like streamFile.
func (fsys fileSystem) writeFile(p, name string, data []byte, sync bool, fl *flusher) error {
	w, err := fsys.create(name)
	if err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		return errors.Join(err, w.Close())
	}
	fl.finish(p, w, sync)
	return nil
}

// swapped records one unit moved into the output folder.
type swapped struct {
	unit
	// backedUp is true when an entry it replaced waits in the staging folder.
	backedUp bool
	// madeParents are folders created in the output folder to hold it.
	madeParents []string
}

// swap moves every staged unit into dir, moving the entries they replace
// into stage/.previous first. On failure it undoes what it did, in
// reverse, and removes stage unless something could not be put back.
func (fsys fileSystem) swap(stage, dir string, units []unit) error {
	prev := filepath.Join(stage, previousDir)
	if err := os.Mkdir(prev, 0o755); err != nil {
		os.RemoveAll(stage)
		return err
	}
	var done []swapped
	for _, u := range units {
		s, err := fsys.swapOne(stage, prev, dir, u)
		if err != nil {
			if s.backedUp || len(s.madeParents) > 0 {
				done = append(done, s)
			}
			return fsys.rollback(stage, prev, dir, done, err)
		}
		done = append(done, s)
	}
	os.RemoveAll(stage)
	return nil
}

// swapOne moves one unit in. The result says what must be undone, also on
// error.
func (fsys fileSystem) swapOne(stage, prev, dir string, u unit) (swapped, error) {
	s := swapped{unit: u}
	rel := filepath.FromSlash(u.path)
	dst := filepath.Join(dir, rel)
	made, err := mkdirs(dir, filepath.Dir(rel))
	s.madeParents = made
	if err != nil {
		return s, err
	}
	if _, err := os.Lstat(dst); err == nil {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(prev, rel)), 0o755); err != nil {
			return s, err
		}
		if err := fsys.rename(dst, filepath.Join(prev, rel)); err != nil {
			if !errors.Is(err, fs.ErrNotExist) { // gone meanwhile: nothing to keep
				return s, fmt.Errorf("move %s aside: %w", dst, err)
			}
		} else {
			s.backedUp = true
		}
	}
	// A folder cannot be renamed over a folder that is not empty. If one
	// is there again, another run wrote it meanwhile: move it aside too.
	for attempt := 1; ; attempt++ {
		err := fsys.rename(filepath.Join(stage, rel), dst)
		if err == nil {
			return s, nil
		}
		if _, serr := os.Lstat(dst); !u.folder || serr != nil || attempt == maxAttempts {
			return s, fmt.Errorf("move %s into place: %w", dst, err)
		}
		aside := filepath.Join(prev, fmt.Sprintf("%s.%d", rel, attempt))
		if err := fsys.rename(dst, aside); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return s, fmt.Errorf("move %s aside: %w", dst, err)
		}
	}
}

// maxAttempts bounds how often a folder is moved in while other runs keep
// writing the same output folder.
const maxAttempts = 5

// mkdirs creates the folders of rel (relative) under dir that are
// missing, returning those it created, deepest last.
func mkdirs(dir, rel string) ([]string, error) {
	if rel == "." {
		return nil, nil
	}
	var made []string
	p := dir
	for _, part := range strings.Split(rel, string(filepath.Separator)) {
		p = filepath.Join(p, part)
		if err := os.Mkdir(p, 0o755); err == nil {
			made = append(made, p)
		} else if info, serr := os.Stat(p); serr != nil || !info.IsDir() {
			return made, fmt.Errorf("create %s: %w", p, err)
		}
	}
	return made, nil
}

// rollback undoes a partial swap: each unit moved in goes back to the
// staging folder and the entry it replaced returns. It removes the staging
// folder only when everything was put back; otherwise the previous entries
// stay in it and the error says where.
func (fsys fileSystem) rollback(stage, prev, dir string, done []swapped, cause error) error {
	var failed []error
	for i := len(done) - 1; i >= 0; i-- {
		s := done[i]
		rel := filepath.FromSlash(s.path)
		dst := filepath.Join(dir, rel)
		if _, err := os.Lstat(filepath.Join(stage, rel)); errors.Is(err, fs.ErrNotExist) {
			// The unit was moved in: take it out again.
			if err := fsys.rename(dst, filepath.Join(stage, rel)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				failed = append(failed, err)
				continue
			}
		}
		if s.backedUp {
			if err := fsys.rename(filepath.Join(prev, rel), dst); err != nil {
				failed = append(failed, err)
				continue
			}
		}
		removeCreated(s.madeParents)
	}
	if len(failed) > 0 {
		return fmt.Errorf("%w; putting the previous outputs back failed (%w): what could not be restored is in %s", cause, errors.Join(failed...), prev)
	}
	os.RemoveAll(stage)
	return cause
}
