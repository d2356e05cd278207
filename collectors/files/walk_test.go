package files

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/evidence"
)

// testAnalyzer reads files named .mcp.json (strongly) and other JSON files
// that mention mcpServers.
type testAnalyzer struct{}

func (testAnalyzer) Label() Label { return Label{Format: "test/mcp.json", Collector: "test"} }

func (testAnalyzer) Match(p string) Strength {
	switch {
	case filepath.Base(p) == ".mcp.json":
		return Strong
	case strings.HasSuffix(p, ".json"):
		return Content
	}
	return None
}

func (a testAnalyzer) Analyze(_ context.Context, f *File, by Strength) *Analysis {
	if by != Strong && !bytes.Contains(f.Data, []byte("mcpServers")) {
		return nil
	}
	src := f.NewSource(a.Label())
	src.Status = evidence.StatusOK
	return &Analysis{Source: src, Store: true}
}

var testNow = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// walk collects opts with the test analyzer, failing the test if the walk
// does not end within a few seconds (a read that blocks would hang it).
func walk(t *testing.T, opts Options) (*Output, map[string]*evidence.Source) {
	t.Helper()
	opts.Now = testNow
	type result struct {
		out *Output
		err error
	}
	done := make(chan result, 1)
	go func() {
		out, err := Collect(context.Background(), opts, []Analyzer{testAnalyzer{}})
		done <- result{out, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("collection did not finish: a read blocked")
	}
	if r.err != nil {
		t.Fatal(r.err)
	}
	sources := map[string]*evidence.Source{}
	for _, s := range r.out.Subjects {
		if src, ok := s.(*evidence.Source); ok {
			sources[src.Name] = src
		}
	}
	return r.out, sources
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symbolic links unavailable: %v", err)
	}
}

// wantStatus checks that rel was reported with status and a diagnostic
// containing msg, and that nothing of it was stored.
func wantStatus(t *testing.T, out *Output, sources map[string]*evidence.Source, rel, status, format, msg string) {
	t.Helper()
	src := sources[rel]
	if src == nil {
		t.Errorf("%s: not reported", rel)
		return
	}
	if src.Status != status || src.Format != format || len(src.Diagnostics) != 1 || !strings.Contains(src.Diagnostics[0].Message, msg) {
		t.Errorf("%s: status %s format %s diagnostics %+v; want %s, %s and %q", rel, src.Status, src.Format, src.Diagnostics, status, format, msg)
	}
	for _, a := range out.Artifacts {
		if a.Path == rel {
			t.Errorf("%s: stored as an artifact", rel)
		}
	}
}

// TestSymlinksOutOfTheRootAreNotFollowed checks that a link in the scanned
// tree to a file or folder elsewhere is reported and its target never read:
// a pull request must not be able to copy a file of the machine that runs
// the scan into the evidence bundle.
func TestSymlinksOutOfTheRootAreNotFollowed(t *testing.T) {
	base := t.TempDir()
	root, outside := filepath.Join(base, "repo"), filepath.Join(base, "outside")
	secret := `{"mcpServers": {}, "token": "CANARY-OUTSIDE-THE-ROOT"}`
	write(t, filepath.Join(outside, "netrc.json"), secret)
	write(t, filepath.Join(outside, "nested", ".mcp.json"), secret)
	write(t, filepath.Join(root, "ok", ".mcp.json"), `{"mcpServers": {}}`)
	symlink(t, "../outside/netrc.json", filepath.Join(root, ".mcp.json"))
	symlink(t, filepath.Join(outside, "netrc.json"), filepath.Join(root, "copied.json"))
	symlink(t, "../../outside", filepath.Join(root, "sub", "linkdir"))
	symlink(t, filepath.Join(outside, "netrc.json"), filepath.Join(root, "README.md"))

	for _, tt := range []struct {
		name string
		opts Options
	}{
		{"walked", Options{Root: root, Paths: []string{root}}},
		{"named", Options{Root: root, Paths: []string{filepath.Join(root, ".mcp.json"), filepath.Join(root, "copied.json"), filepath.Join(root, "ok")}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, sources := walk(t, tt.opts)
			wantStatus(t, out, sources, ".mcp.json", evidence.StatusSymlinkOutsideRoot, "test/mcp.json", "outside the scanned folder")
			wantStatus(t, out, sources, "copied.json", evidence.StatusSymlinkOutsideRoot, "unknown", "outside the scanned folder")
			if tt.name == "walked" {
				wantStatus(t, out, sources, "sub/linkdir", evidence.StatusSymlinkOutsideRoot, "directory", "a folder outside")
			}
			if src := sources["ok/.mcp.json"]; src == nil || src.Status != evidence.StatusOK {
				t.Errorf("ok/.mcp.json inside the root: %+v", src)
			}
			for name := range sources {
				if strings.HasPrefix(name, "sub/linkdir/") || name == "README.md" {
					t.Errorf("%s reported: the walk followed a link out of the root", name)
				}
			}
			for name, content := range out.Files {
				if bytes.Contains(content, []byte("CANARY")) {
					t.Errorf("%s holds the content of a file outside the root", name)
				}
			}
		})
	}
}

// TestSymlinksInsideTheRootAreReadOnce checks that links within the scanned
// tree are followed, and that a file reached by several paths is read once,
// under its own name when the walk reaches it.
func TestSymlinksInsideTheRootAreReadOnce(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "a", ".mcp.json"), `{"mcpServers": {"a": {}}}`)
	write(t, filepath.Join(root, "store", "shared.txt"), `{"mcpServers": {"shared": {}}}`)
	symlink(t, "../a/.mcp.json", filepath.Join(root, "b", ".mcp.json"))
	symlink(t, "a", filepath.Join(root, "c"))
	symlink(t, "a/.mcp.json", filepath.Join(root, "z.json"))
	symlink(t, "../store/shared.txt", filepath.Join(root, "d", ".mcp.json"))

	out, sources := walk(t, Options{Root: root, Paths: []string{root}})
	var names []string
	for name := range sources {
		names = append(names, name)
	}
	if len(sources) != 2 || sources["a/.mcp.json"] == nil || sources["d/.mcp.json"] == nil {
		t.Errorf("sources = %v, want a/.mcp.json (the file under its own name) and d/.mcp.json (reached only by a link)", names)
	}
	if len(out.Artifacts) != 2 {
		t.Errorf("%d artifacts, want 2", len(out.Artifacts))
	}
}

// TestSpecialFilesAreReportedNotOpened checks that named pipes, sockets and
// folders named like a configuration file are reported as not-regular
// sources, and that a pipe never blocks the walk.
func TestSpecialFilesAreReportedNotOpened(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no named pipes in the file system")
	}
	root := t.TempDir()
	mkfifo := func(p string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
	}
	mkfifo(filepath.Join(root, ".mcp.json"))
	mkfifo(filepath.Join(root, "pipes", "other.json")) // named like no format's own file: not read, not reported
	write(t, filepath.Join(root, "conf", ".mcp.json", "inner.json"), `{"mcpServers": {}}`)
	symlink(t, "../.mcp.json", filepath.Join(root, "linked", ".mcp.json"))
	sock := filepath.Join(root, "s", ".mcp.json")
	if err := os.MkdirAll(filepath.Dir(sock), 0o755); err != nil {
		t.Fatal(err)
	}
	if l, err := net.Listen("unix", sock); err == nil {
		defer l.Close()
	} else {
		sock = ""
	}

	out, sources := walk(t, Options{Root: root, Paths: []string{root}})
	wantStatus(t, out, sources, ".mcp.json", evidence.StatusNotRegular, "test/mcp.json", "named pipe")
	wantStatus(t, out, sources, "linked/.mcp.json", evidence.StatusNotRegular, "test/mcp.json", "named pipe")
	wantStatus(t, out, sources, "conf/.mcp.json", evidence.StatusNotRegular, "directory", "folder named like a configuration file")
	if sock != "" {
		wantStatus(t, out, sources, "s/.mcp.json", evidence.StatusNotRegular, "test/mcp.json", "socket")
	}
	if src := sources["conf/.mcp.json/inner.json"]; src == nil || src.Status != evidence.StatusOK {
		t.Errorf("the folder named like a configuration file was not walked: %+v", src)
	}
	if _, ok := sources["pipes/other.json"]; ok {
		t.Error("a pipe no format names was reported")
	}

	// A pipe named on the command line is reported, not opened for reading.
	out, sources = walk(t, Options{Root: root, Paths: []string{filepath.Join(root, "pipes", "other.json")}})
	wantStatus(t, out, sources, "pipes/other.json", evidence.StatusNotRegular, "unknown", "named pipe")
}

func TestGlobs(t *testing.T) {
	tests := []struct {
		pattern, path string
		match         bool
	}{
		{"**/*.json", "a/b/c.json", true},
		{"*.json", "a/b/c.json", true}, // base name
		{"a/*.json", "a/b/c.json", false},
		{"a/**", "a/b/c.json", true},
		{"./a/?.json", "a/b.json", true},
		{"[abc].json", "b.json", true},
		{"[abc].json", "d.json", false},
		{"[a-c].json", "c.json", true},
		{"[!a-c].json", "d.json", true},
		{"[^a-c].json", "a.json", false},
		{"x[!a]y", "x/y", false},
		{"[]].json", "].json", true},
		{`\[id\]/*.json`, "[id]/page.json", true},
		{`app/\*`, "app/*", true},
		{`app/\*`, "app/x", false},
	}
	for _, tt := range tests {
		g, err := compileGlobs([]string{tt.pattern})
		if err != nil {
			t.Errorf("%q: %v", tt.pattern, err)
			continue
		}
		if got := g.match(tt.path); got != tt.match {
			t.Errorf("%q matches %q = %v, want %v", tt.pattern, tt.path, got, tt.match)
		}
	}
	for _, bad := range []struct{ pattern, msg string }{
		{"[", `no "]" closes`},
		{"**/[a-", `no "]" closes`},
		{"[]", `no "]" closes`},
		{"[z-a]", "runs backwards"},
		{`x\`, "nothing to escape"},
		{"", "empty pattern"},
	} {
		err := CompileGlob(bad.pattern)
		if err == nil || !strings.Contains(err.Error(), bad.msg) || !strings.Contains(err.Error(), strconv.Quote(bad.pattern)) {
			t.Errorf("CompileGlob(%q) = %v, want an error naming the pattern and saying %q", bad.pattern, err, bad.msg)
		}
	}
}
