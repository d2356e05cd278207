package staging

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// previous is an output folder as an earlier run left it, with files of the
// user's own next to the outputs.
var previous = map[string]string{
	"a.json":                "old a",
	"b.json":                "old b",
	"bundle/manifest.json":  "old manifest",
	"bundle/artifacts/x":    "old x",
	"bundle/artifacts/d/z":  "old z",
	"mine.txt":              "the user's own",
	"bundle/notes.txt":      "the user's notes",
	"other/unrelated.json":  "untouched",
	".hidden-of-the-user":   "untouched",
	"bundle/artifacts-keep": "untouched",
}

// next is the set a new run writes.
func next() Set {
	return Set{
		Files: map[string][]byte{
			"a.json":               []byte("new a"),
			"b.json":               []byte("new b"),
			"c.json":               []byte("new c"),
			"bundle/manifest.json": []byte("new manifest"),
			"bundle/artifacts/y":   []byte("new y"),
		},
		Folders: []string{"bundle/artifacts"},
	}
}

// after is the folder once next() was written over previous.
func after() map[string]string {
	want := map[string]string{}
	for k, v := range previous {
		want[k] = v
	}
	delete(want, "bundle/artifacts/x")
	delete(want, "bundle/artifacts/d/z")
	for k, v := range next().Files {
		want[k] = string(v)
	}
	return want
}

func populate(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, body := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// snapshot returns every regular file under dir with its content.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = string(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// assertNoStaging fails when a staging folder is left beside or in dir.
func assertNoStaging(t *testing.T, dir string) {
	t.Helper()
	for _, d := range []string{filepath.Dir(dir), dir} {
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), Prefix) {
				t.Errorf("staging folder left behind: %s", filepath.Join(d, e.Name()))
			}
		}
	}
}

func assertTree(t *testing.T, dir string, want map[string]string) {
	t.Helper()
	if got := snapshot(t, dir); !reflect.DeepEqual(got, want) {
		t.Errorf("output folder holds\n%v\nwant\n%v", got, want)
	}
}

// TestWriteReplacesOnlyItsOwnEntries checks a successful write: the set's
// files replace the previous ones, a folder unit loses what the new run
// does not write, and everything else in the folder stays.
func TestWriteReplacesOnlyItsOwnEntries(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	populate(t, dir, previous)
	if err := Write(dir, next()); err != nil {
		t.Fatal(err)
	}
	assertTree(t, dir, after())
	assertNoStaging(t, dir)

	fresh := filepath.Join(t.TempDir(), "a", "b", "out")
	if err := Write(fresh, next()); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for k, v := range next().Files {
		want[k] = string(v)
	}
	assertTree(t, fresh, want)
	assertNoStaging(t, fresh)
}

// TestWriteThroughLinkedOutputFolder checks that an output folder named by
// a symbolic link is written in place, staged beside the real folder.
func TestWriteThroughLinkedOutputFolder(t *testing.T) {
	base := t.TempDir()
	real := filepath.Join(base, "real")
	populate(t, real, previous)
	link := filepath.Join(base, "elsewhere", "link")
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		t.Skipf("symbolic links unavailable: %v", err)
	}
	if err := Write(link, next()); err != nil {
		t.Fatal(err)
	}
	assertTree(t, real, after())
	assertNoStaging(t, real)
	assertNoStaging(t, link)
}

// errDiskFull is what a full disk returns.
var errDiskFull = &fs.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}

// fullAfter returns a create that accepts limit bytes in all, then fails.
func fullAfter(limit int) func(string) (io.WriteCloser, error) {
	var mu sync.Mutex
	written := 0
	return func(name string) (io.WriteCloser, error) {
		f, err := osFS.create(name)
		if err != nil {
			return nil, err
		}
		return writerFunc{f, func(p []byte) (int, error) {
			mu.Lock()
			defer mu.Unlock()
			if written+len(p) > limit {
				n := limit - written
				written = limit
				f.Write(p[:n])
				return n, errDiskFull
			}
			written += len(p)
			return f.Write(p)
		}}, nil
	}
}

type writerFunc struct {
	io.Closer
	write func([]byte) (int, error)
}

func (w writerFunc) Write(p []byte) (int, error) { return w.write(p) }

// failingRename returns a rename that fails on call number n (from 1) and
// on every later call when sticky, counting calls in *calls.
func failingRename(n int, sticky bool, calls *int) func(string, string) error {
	return func(from, to string) error {
		*calls++
		if *calls == n || (sticky && *calls > n) {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: syscall.EIO}
		}
		return os.Rename(from, to)
	}
}

// TestWriteFailureKeepsPreviousOutputs guards that a failure at any point,
// while staging or at any step of the swap, leaves every previous output
// and every file of the user as it was, and removes the staging folder.
func TestWriteFailureKeepsPreviousOutputs(t *testing.T) {
	// Count the renames of a successful write, to fail each one in turn.
	renames := map[bool]int{} // by whether the output folder is new
	for _, fresh := range []bool{false, true} {
		dir := filepath.Join(t.TempDir(), "out")
		if !fresh {
			populate(t, dir, previous)
		}
		var n int
		fsys := fileSystem{create: osFS.create, rename: failingRename(-1, false, &n), flush: syncFile}
		if err := fsys.write(dir, next()); err != nil {
			t.Fatal(err)
		}
		renames[fresh] = n
	}
	if renames[false] < 8 {
		t.Fatalf("a write made only %d renames", renames[false])
	}
	type failure struct {
		name string
		fsys func(calls *int) fileSystem
		want string
		// renames is the rename that fails (0 for none).
		renames int
	}
	var cases []failure
	total := 0
	for _, data := range next().Files {
		total += len(data)
	}
	for _, limit := range []int{0, 5, total / 2, total - 1} {
		cases = append(cases, failure{fmt.Sprintf("disk full after %d of %d bytes", limit, total), func(*int) fileSystem {
			return fileSystem{create: fullAfter(limit), rename: os.Rename, flush: syncFile}
		}, "no space left on device", 0})
	}
	for n := 1; n <= renames[false]; n++ {
		cases = append(cases, failure{fmt.Sprintf("rename %d fails", n), func(calls *int) fileSystem {
			return fileSystem{create: osFS.create, rename: failingRename(n, false, calls), flush: syncFile}
		}, "input/output error", n})
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			for _, fresh := range []bool{false, true} {
				if tt.renames > renames[fresh] {
					continue
				}
				dir := filepath.Join(t.TempDir(), "out")
				if !fresh {
					populate(t, dir, previous)
				}
				var calls int
				err := tt.fsys(&calls).write(dir, next())
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("err = %v, want one saying %q", err, tt.want)
				}
				if fresh {
					if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
						t.Errorf("a failed write into a new folder left it behind (%v)", err)
					}
				} else {
					assertTree(t, dir, previous)
				}
				assertNoStaging(t, dir)
			}
		})
	}
}

// TestWriteRollbackFailureKeepsPrevious checks the worst case: when putting
// the previous outputs back fails too, they are kept in the staging folder
// and the error says where, rather than being deleted.
func TestWriteRollbackFailureKeepsPrevious(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	populate(t, dir, previous)
	var calls int
	fsys := fileSystem{create: osFS.create, rename: failingRename(4, true, &calls), flush: syncFile}
	err := fsys.write(dir, next())
	if err == nil || !strings.Contains(err.Error(), "could not be restored is in") {
		t.Fatalf("err = %v", err)
	}
	kept := strings.TrimSpace(err.Error()[strings.LastIndex(err.Error(), " in ")+4:])
	got := snapshot(t, dir)
	for p, body := range snapshot(t, kept) {
		got[p] = body
	}
	for p, body := range previous {
		if got[p] != body {
			t.Errorf("%s: %q is lost (folder plus %s hold %v)", p, body, kept, got)
		}
	}
}

// TestWriteRefusesBeforeWriting checks the conditions found before anything
// is written: an entry of another kind, or a path through something other
// than a folder.
func TestWriteRefusesBeforeWriting(t *testing.T) {
	outside := t.TempDir()
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		want  string
	}{
		{"a folder where a file goes", func(t *testing.T, dir string) {
			populate(t, dir, map[string]string{"c.json/inside": "the user's"})
		}, "it is a folder"},
		{"a file where a folder goes", func(t *testing.T, dir string) {
			populate(t, dir, map[string]string{"bundle/artifacts": "a file"})
		}, "it is not a folder"},
		{"a file where a parent folder goes", func(t *testing.T, dir string) {
			populate(t, dir, map[string]string{"bundle": "a file"})
		}, "is not a folder"},
		{"a link where a parent folder goes", func(t *testing.T, dir string) {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(outside, filepath.Join(dir, "bundle")); err != nil {
				t.Skipf("symbolic links unavailable: %v", err)
			}
		}, "is not a folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			tt.setup(t, dir)
			before := snapshot(t, dir)
			err := Write(dir, next())
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one saying %q", err, tt.want)
			}
			assertTree(t, dir, before)
			assertNoStaging(t, dir)
			if got := snapshot(t, outside); len(got) != 0 {
				t.Errorf("wrote outside the output folder: %v", got)
			}
		})
	}

	file := filepath.Join(t.TempDir(), "file")
	populate(t, filepath.Dir(file), map[string]string{"file": "x"})
	if err := Write(file, next()); err == nil || !strings.Contains(err.Error(), "create output folder") {
		t.Errorf("writing into a file: %v", err)
	}
	if err := Write(filepath.Join(file, "out"), next()); err == nil || !strings.Contains(err.Error(), "create output folder") {
		t.Errorf("writing under a file: %v", err)
	}
	for _, bad := range []string{"../x", "/abs", "a/../b", ""} {
		if err := Write(t.TempDir(), Set{Files: map[string][]byte{bad: nil}}); err == nil {
			t.Errorf("path %q accepted", bad)
		}
	}
}

// TestWriteConcurrentRuns checks that runs writing the same output folder
// at once all succeed and leave one complete set.
func TestWriteConcurrentRuns(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	populate(t, dir, previous)
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = Write(dir, next())
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("run %d: %v", i, err)
		}
	}
	assertTree(t, dir, after())
	assertNoStaging(t, dir)
}

// streamed turns next() into a set whose report files are streamed.
func streamed(fail string) Set {
	set := next()
	set.Streams = map[string]func(io.Writer) error{}
	for _, p := range []string{"a.json", "c.json", "bundle/artifacts/y"} {
		data := set.Files[p]
		delete(set.Files, p)
		set.Streams[p] = func(w io.Writer) error {
			if p == fail {
				if _, err := w.Write([]byte("half")); err != nil {
					return err
				}
				return errors.New("render failed")
			}
			_, err := w.Write(data)
			return err
		}
	}
	return set
}

func TestWriteStreams(t *testing.T) {
	for _, workers := range []int{1, 2, 8} {
		t.Run(fmt.Sprint(workers), func(t *testing.T) {
			dir := t.TempDir()
			populate(t, dir, previous)
			set := streamed("")
			set.Workers = workers
			if err := Write(dir, set); err != nil {
				t.Fatal(err)
			}
			assertTree(t, dir, after())
			assertNoStaging(t, dir)
		})
	}
}

func TestFailingStreamKeepsPreviousOutputs(t *testing.T) {
	for _, fail := range []string{"a.json", "bundle/artifacts/y"} {
		t.Run(fail, func(t *testing.T) {
			dir := t.TempDir()
			populate(t, dir, previous)
			err := Write(dir, streamed(fail))
			if err == nil || !strings.Contains(err.Error(), fail) || !strings.Contains(err.Error(), "render failed") {
				t.Fatalf("a failing stream must fail the write, naming the file: got %v", err)
			}
			assertTree(t, dir, previous)
			assertNoStaging(t, dir)
		})
	}
}

func TestStreamFullDisk(t *testing.T) {
	dir := t.TempDir()
	populate(t, dir, previous)
	fsys := osFS
	fsys.create = fullAfter(20) // the files fit; the streams do not
	if err := fsys.write(dir, streamed("")); err == nil || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("a full disk while streaming must fail the write, got %v", err)
	}
	assertTree(t, dir, previous)
	assertNoStaging(t, dir)
}

func TestStreamAndFileOfTheSamePath(t *testing.T) {
	set := streamed("")
	set.Files["a.json"] = []byte("twice")
	if err := Write(t.TempDir(), set); err == nil || !strings.Contains(err.Error(), "a.json") {
		t.Fatalf("a path both in Files and Streams must be refused, got %v", err)
	}
}

// TestStreamsStartInOrder checks that streams start in the set's order,
// then the others in name order, and that a name the order repeats or
// that is not a stream is ignored.
func TestStreamsStartInOrder(t *testing.T) {
	var started []string
	set := Set{Streams: map[string]func(io.Writer) error{}, Workers: 1, Order: []string{"c", "missing", "a", "c"}}
	for _, name := range []string{"a", "b", "c", "d"} {
		set.Streams[name] = func(w io.Writer) error {
			started = append(started, name)
			_, err := io.WriteString(w, name)
			return err
		}
	}
	if err := Write(t.TempDir(), set); err != nil {
		t.Fatal(err)
	}
	if want := []string{"c", "a", "b", "d"}; !slices.Equal(started, want) {
		t.Errorf("streams started in order %v, want %v", started, want)
	}
}

// TestFilesAreWrittenBesideStreams checks that the set's files are written
// beside the workers running the streams, also when there is only one:
// here a file's creation waits for a stream to have started, which never
// happens when the streams wait for the files.
func TestFilesAreWrittenBesideStreams(t *testing.T) {
	for _, workers := range []int{1, 2} {
		t.Run(fmt.Sprint(workers), func(t *testing.T) { testFilesAreWrittenBesideStreams(t, workers) })
	}
}

func testFilesAreWrittenBesideStreams(t *testing.T, workers int) {
	streaming := make(chan struct{})
	set := Set{
		Files:   map[string][]byte{"bundle/a.json": []byte("a"), "bundle/b.json": []byte("b")},
		Folders: []string{"bundle"},
		Streams: map[string]func(io.Writer) error{"report.json": func(w io.Writer) error {
			close(streaming)
			_, err := io.WriteString(w, "report")
			return err
		}},
		Workers: workers,
	}
	fsys := fileSystem{rename: os.Rename, flush: syncFile, create: func(name string) (io.WriteCloser, error) {
		if filepath.Base(name) == "a.json" {
			select {
			case <-streaming:
			case <-time.After(time.Minute):
				return nil, errors.New("the stream did not start while the files were written")
			}
		}
		return osFS.create(name)
	}}
	dir := filepath.Join(t.TempDir(), "out")
	if err := fsys.write(dir, set); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"bundle/a.json": "a", "bundle/b.json": "b", "report.json": "report"}
	if got := snapshot(t, dir); !maps.Equal(got, want) {
		t.Errorf("wrote %v, want %v", got, want)
	}
}

// TestWorkerGoesOnWhileAFileFlushes checks that flushing a finished file to
// disk does not hold up its worker: with one worker, the first file's flush
// waits for the second stream to have started, which never happens when
// the worker flushes before taking its next stream.
func TestWorkerGoesOnWhileAFileFlushes(t *testing.T) {
	second := make(chan struct{})
	set := Set{Streams: map[string]func(io.Writer) error{}, Workers: 1, Order: []string{"a.json", "b.json"}}
	for _, name := range []string{"a.json", "b.json"} {
		set.Streams[name] = func(w io.Writer) error {
			if name == "b.json" {
				close(second)
			}
			_, err := io.WriteString(w, name)
			return err
		}
	}
	fsys := osFS
	fsys.flush = func(w io.WriteCloser) error {
		if f, ok := w.(*os.File); ok && filepath.Base(f.Name()) == "a.json" {
			select {
			case <-second:
			case <-time.After(time.Minute):
				return errors.New("the next stream did not start while a.json was flushed")
			}
		}
		return syncFile(w)
	}
	dir := filepath.Join(t.TempDir(), "out")
	if err := fsys.write(dir, set); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a.json": "a.json", "b.json": "b.json"}
	if got := snapshot(t, dir); !maps.Equal(got, want) {
		t.Errorf("wrote %v, want %v", got, want)
	}
}

// TestFailedFlushFailsTheWrite checks that a file the disk could not take
// in full fails the whole set, naming the file, and leaves the previous
// outputs in place: the flush is the last moment a full disk or an I/O
// error shows.
func TestFailedFlushFailsTheWrite(t *testing.T) {
	for _, fail := range []string{"a.json", "b.json", "c.json"} {
		t.Run(fail, func(t *testing.T) {
			dir := t.TempDir()
			populate(t, dir, previous)
			fsys := osFS
			fsys.flush = func(w io.WriteCloser) error {
				if f, ok := w.(*os.File); ok && filepath.Base(f.Name()) == fail {
					return &fs.PathError{Op: "sync", Path: f.Name(), Err: syscall.EIO}
				}
				return syncFile(w)
			}
			err := fsys.write(dir, streamed(""))
			if err == nil || !errors.Is(err, syscall.EIO) || !strings.Contains(err.Error(), fail+": ") {
				t.Fatalf("a failed flush of %s must fail the write, naming the file: got %v", fail, err)
			}
			assertTree(t, dir, previous)
			assertNoStaging(t, dir)
		})
	}
}

// TestWriteManyNestedFiles writes files that share folders at every depth,
// beside streams into the same folders, and a file under a path that is
// itself a file of the set: every file arrives once, the impossible one
// fails the write with its path.
func TestWriteManyNestedFiles(t *testing.T) {
	set := Set{Files: map[string][]byte{}, Streams: map[string]func(io.Writer) error{}, Folders: []string{"bundle/artifacts"}}
	want := map[string]string{}
	for i := range 60 {
		p := fmt.Sprintf("bundle/artifacts/d%d/e%d/f%d/file%d.json", i%3, i%5, i%7, i)
		set.Files[p] = []byte(p)
		want[p] = p
	}
	for i := range 4 {
		p := fmt.Sprintf("bundle/artifacts/d%d/e%d/stream%d", i%3, i, i)
		set.Streams[p] = func(w io.Writer) error { _, err := io.WriteString(w, p); return err }
		want[p] = p
	}
	dir := filepath.Join(t.TempDir(), "out")
	if err := Write(dir, set); err != nil {
		t.Fatal(err)
	}
	assertTree(t, dir, want)
	assertNoStaging(t, dir)

	set.Files["bundle/artifacts/d0/e0/f0/file0.json/inside"] = []byte("x")
	err := Write(dir, set)
	if err == nil || !strings.Contains(err.Error(), "file0.json") {
		t.Fatalf("a file under a file of the set: err = %v, want one naming the path", err)
	}
	assertTree(t, dir, want)
	assertNoStaging(t, dir)
}
