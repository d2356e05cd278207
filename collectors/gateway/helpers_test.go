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
// evidence schema, and servers link to their source and gateway.
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
	for _, s := range r.servers {
		if len(s.Links) < 2 || s.Links[0] != r.src.ID {
			t.Errorf("server %s: links %v, want its source then its gateway", s.Name, s.Links)
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
