package pipeline_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/tollgate-dev/tollgate/assess/assesstest"
	"github.com/tollgate-dev/tollgate/evidence"
)

// TestGeneratedFleetIsReadAsWritten checks that the generated fleet the
// benchmarks and scale tests use is read as the generator meant it: every
// file parses, every server and workload it declares is collected, and the
// gateway configurations are recognised.
func TestGeneratedFleetIsReadAsWritten(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "fleet")
	spec := assesstest.FilesSpec{Servers: 600, Workloads: 150, Gateways: 4, Seed: 3}
	sum, err := assesstest.WriteFleetFiles(dir, spec)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Servers != spec.Servers || sum.Workloads != spec.Workloads || sum.Gateways != spec.Gateways {
		t.Fatalf("generator wrote %+v, want %+v", sum, spec)
	}
	bundle, r := assessFleet(t, t.Context(), dir, filepath.Join(t.TempDir(), "out"))
	kinds := map[evidence.Kind]int{}
	for _, s := range bundle.Subjects {
		kinds[s.Metadata().Kind]++
		if src, ok := s.(*evidence.Source); ok && src.Status != evidence.StatusOK {
			t.Errorf("%s: status %s %v", src.Name, src.Status, src.Diagnostics)
		}
	}
	// Gateways route to a few servers each, which are servers too.
	if kinds[evidence.KindServer] < spec.Servers || kinds[evidence.KindWorkload] < spec.Workloads || kinds[evidence.KindGateway] < spec.Gateways {
		t.Errorf("collected %v, want at least %d servers, %d workloads and %d gateways", kinds, spec.Servers, spec.Workloads, spec.Gateways)
	}
	if kinds[evidence.KindSource] != sum.Files {
		t.Errorf("%d sources, want one per file written (%d)", kinds[evidence.KindSource], sum.Files)
	}
	if r.Counts.Fail == 0 || r.Counts.Pass == 0 {
		t.Errorf("counts %+v: a varied fleet both passes and fails", r.Counts)
	}
}

// TestFleetOutputsAreReproducible assesses one generated fleet several
// times with different numbers of cores for collection, evaluation and
// report writing, and checks that every output (reports and evidence
// bundle) is byte-identical each time: concurrency never changes an output.
func TestFleetOutputsAreReproducible(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "fleet")
	if _, err := assesstest.WriteFleetFiles(dir, assesstest.FilesSpec{Servers: 300, Workloads: 100, Gateways: 4, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	var first map[string][]byte
	for _, procs := range []int{1, 2, 4} {
		out := filepath.Join(t.TempDir(), "out")
		prev := runtime.GOMAXPROCS(procs)
		assessFleet(t, t.Context(), dir, out)
		runtime.GOMAXPROCS(prev)
		files := readTree(t, out)
		if first == nil {
			first = files
			if len(files) < 10 {
				t.Fatalf("only %d files written", len(files))
			}
			continue
		}
		for name, data := range first {
			if !bytes.Equal(files[name], data) {
				t.Errorf("with %d cores, %s differs from the first run's", procs, name)
			}
		}
		if len(files) != len(first) {
			t.Errorf("with %d cores, %d files written, first run %d", procs, len(files), len(first))
		}
	}
}

// readTree reads every file under dir by its slash-separated relative path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
