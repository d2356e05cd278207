package clientconfig

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/gateway"
	"github.com/tollgate-dev/tollgate/collectors/pending"
	"github.com/tollgate-dev/tollgate/evidence"
)

// fixedNow is the collection time used by tests, so output is reproducible.
var fixedNow = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// testAnalyzers are the analyzers collection runs over files: the client
// formats, then the recognisers of families not collected yet (so that the
// corpus's gateway and cluster files are reported as unsupported).
func testAnalyzers() []files.Analyzer {
	all := append(Analyzers(), gateway.Analyzers()...)
	return append(all, pending.Analyzers()...)
}

// collect walks paths (root itself when none) with root as the scan root.
func collect(t testing.TB, root string, paths ...string) *files.Output {
	t.Helper()
	if len(paths) == 0 {
		paths = []string{root}
	}
	res, err := files.Collect(context.Background(), files.Options{Root: root, Paths: paths, Now: fixedNow, Version: "test"}, testAnalyzers())
	if err != nil {
		t.Fatalf("Collect: %v", err)
	}
	return res
}

// index splits a result into sources by file and servers by "file#name".
func index(res *files.Output) (map[string]*evidence.Source, map[string]*evidence.Server) {
	sources := map[string]*evidence.Source{}
	servers := map[string]*evidence.Server{}
	for _, s := range res.Subjects {
		switch v := s.(type) {
		case *evidence.Source:
			sources[v.Name] = v
		case *evidence.Server:
			servers[v.Provenance.File+"#"+v.Name] = v
		}
	}
	return sources, servers
}

// writeFiles creates files (relative path → content) under dir.
func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for rel, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// analyze recognises and parses data as the content of a file named
// explicitly at name, as collection does once the file is read.
func analyze(name string, data []byte) []evidence.Subject {
	return files.CollectData(context.Background(), name, data, files.Options{Now: fixedNow}, testAnalyzers()).Subjects
}
