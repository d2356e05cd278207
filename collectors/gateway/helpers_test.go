package gateway

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/golden"
)

// fixedNow is the collection time of every test, so output is reproducible.
var fixedNow = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// read is what one file yielded.
type read struct {
	src      *evidence.Source
	gateways []*evidence.Gateway
	servers  map[string]*evidence.Server
	out      *files.Output
}

// gateway returns the only gateway read, failing the test otherwise.
func (r read) gateway(t *testing.T) *evidence.Gateway {
	t.Helper()
	if len(r.gateways) != 1 {
		t.Fatalf("%d gateways, want 1 (source %s %v)", len(r.gateways), r.src.Status, r.src.Diagnostics)
	}
	return r.gateways[0]
}

// analyze reads data as the file at path with the gateway analyzers, and
// checks what every read must satisfy: subjects validate against the
// evidence schema, and servers link to their source, then to gateways read
// from the same file.
func analyze(t *testing.T, path, data string) read {
	t.Helper()
	out := files.CollectData(context.Background(), path, []byte(data), files.Options{Now: fixedNow, Version: "test"}, Analyzers())
	r := read{servers: map[string]*evidence.Server{}, out: out}
	for _, s := range out.Subjects {
		if err := evidence.ValidateSubject(s); err != nil {
			t.Errorf("%s: %v", s.Metadata().ID, err)
		}
		switch v := s.(type) {
		case *evidence.Source:
			r.src = v
		case *evidence.Gateway:
			r.gateways = append(r.gateways, v)
		case *evidence.Server:
			r.servers[v.Name] = v
		}
	}
	if r.src == nil {
		t.Fatalf("%s: no source subject", path)
	}
	gateways := map[string]bool{}
	for _, gw := range r.gateways {
		gateways[gw.ID] = true
	}
	for _, s := range r.servers {
		if len(s.Links) == 0 || s.Links[0] != r.src.ID {
			t.Errorf("server %s: links %v, want its source first", s.Name, s.Links)
		}
		for _, l := range s.Links[1:] {
			if !gateways[l] {
				t.Errorf("server %s: link %s is no gateway of the file", s.Name, l)
			}
		}
	}
	return r
}

// checkGolden compares got with testdata/golden/name (-update rewrites it).
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", "golden", name), got)
}

// filesCollect reads data as the file at path with the gateway analyzers,
// without the checks of analyze (for recognition tests).
func filesCollect(path, data string) *files.Output {
	return files.CollectData(context.Background(), path, []byte(data), files.Options{Now: fixedNow, Version: "test"}, Analyzers())
}

// formatOf returns the format a file is read as ("" when no gateway
// analyzer reads it) and whether a copy of it is stored.
func formatOf(path, data string) (format string, stored bool) {
	out := filesCollect(path, data)
	for _, s := range out.Subjects {
		if src, ok := s.(*evidence.Source); ok {
			format = src.Format
		}
	}
	return format, len(out.Files) > 0
}
