package clientconfig

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/evidence"
)

// fixedNow is the collection time used by tests, so output is reproducible.
var fixedNow = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// collect runs the collector over paths with root as the scan root.
func collect(t testing.TB, root string, paths ...string) *collectors.Result {
	t.Helper()
	res, err := New().Collect(context.Background(), collectors.Request{Root: root, Paths: paths, Now: fixedNow, Version: "test"})
	if err != nil {
		t.Fatalf("Collect: %v", err)
	}
	return res
}

// index splits a result into sources by file and servers by "file#name".
func index(res *collectors.Result) (map[string]*evidence.Source, map[string]*evidence.Server) {
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

// analyze recognises and parses the content of one file, as processFile does
// once the file is read.
func analyze(c candidate, req collectors.Request, src *evidence.Source, raw []byte) fileResult {
	strong, weak := nameCandidates(c.rel)
	return analyzeNamed(c, strong, weak, req, src, raw)
}
