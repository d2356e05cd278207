package json

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/internal/jsontest"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
)

// sequential is results.json as encodeStreaming writes it on one goroutine.
func sequential(t *testing.T, r *assess.Results, compact bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	doc, later := build(r)
	if err := encodeStreaming(&buf, doc, compact, later); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// parallel is results.json as encodeParallel writes it with n encoders and
// chunks of units.
func parallel(t *testing.T, r *assess.Results, compact bool, n, units int) []byte {
	t.Helper()
	var buf bytes.Buffer
	doc, later := build(r)
	if err := encodeParallel(&buf, doc, compact, later, n, units); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestParallelIsSequential checks that results.json encoded on several
// goroutines is byte for byte what one goroutine writes, compact and
// indented, for the example document, a judged fleet and random documents
// cut from it, with chunks from one unit of work (every element and every
// evaluation a chunk of its own) to whole controls; and that the fleet,
// which Write encodes on every core, is what encoding/json writes.
func TestParallelIsSequential(t *testing.T) {
	fleet := fixture.Fleet(t, 400)
	if encoders(fleet, 0) < 2 && runtime.GOMAXPROCS(0) > 1 {
		t.Fatal("the fleet is too small to be encoded on several goroutines")
	}
	check(t, fleet, false)
	docs := map[string]*assess.Results{"example": fixture.Results(), "fleet": fleet,
		"empty": {Tool: "tollgate", Timestamp: fixture.Timestamp}}
	rnd := rand.New(rand.NewPCG(3, 4))
	for i := range 12 {
		docs["random "+string(rune('a'+i))] = randomResults(rnd, fleet)
	}
	for name, r := range docs {
		for _, compact := range []bool{false, true} {
			want := sequential(t, r, compact)
			for _, c := range []struct{ n, units int }{{2, 1}, {3, 2}, {2, 7}, {4, 100}, {2, chunkUnits}, {5, 1 << 20}} {
				if got := parallel(t, r, compact, c.n, c.units); !bytes.Equal(got, want) {
					t.Errorf("%s, compact=%v, %d encoders, chunks of %d: %d bytes differ from the sequential %d bytes at %d",
						name, compact, c.n, c.units, len(got), len(want), firstDifference(got, want))
				}
			}
		}
	}
}

// randomResults is fleet with a random selection of its controls (in a
// random order), each with a random run of its evaluations (none, one or
// many), awkward messages and reasons, and a random selection of its
// subjects.
func randomResults(rnd *rand.Rand, fleet *assess.Results) *assess.Results {
	r := *fleet
	r.Controls = nil
	for _, cr := range fleet.Controls {
		if rnd.IntN(3) == 0 {
			continue
		}
		lo := rnd.IntN(len(cr.Evaluations) + 1)
		hi := lo + rnd.IntN(len(cr.Evaluations)-lo+1)
		if rnd.IntN(4) == 0 {
			hi = min(lo+1, len(cr.Evaluations))
		}
		cr.Evaluations = slices.Clone(cr.Evaluations[lo:hi])
		for k := range cr.Evaluations {
			e := &cr.Evaluations[k]
			if rnd.IntN(5) == 0 {
				e.Message = jsontest.String(rnd)
				e.Reasons = []assess.Reason{{Path: jsontest.String(rnd), Detail: jsontest.String(rnd)}}
			}
		}
		r.Controls = append(r.Controls, cr)
	}
	rnd.Shuffle(len(r.Controls), func(i, j int) { r.Controls[i], r.Controls[j] = r.Controls[j], r.Controls[i] })
	r.Subjects = nil
	for _, s := range fleet.Subjects {
		if rnd.IntN(4) != 0 {
			r.Subjects = append(r.Subjects, s)
		}
	}
	return &r
}

// firstDifference is the first offset at which a and b differ.
func firstDifference(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestWriteUsesEveryCore checks that a large document is given to an
// encoder per core unless told otherwise, and a small one written on the
// calling goroutine.
func TestWriteUsesEveryCore(t *testing.T) {
	if got := encoders(fixture.Results(), 0); got != 1 {
		t.Errorf("the example is encoded by %d goroutines, want 1", got)
	}
	big := &assess.Results{Controls: []assess.ControlResult{{Evaluations: make([]assess.Evaluation, parallelUnits)}}}
	if got, want := encoders(big, 0), runtime.GOMAXPROCS(0); got != want {
		t.Errorf("%d evaluations are encoded by %d goroutines, want %d", parallelUnits, got, want)
	}
	if got := encoders(big, 1); got != 1 {
		t.Errorf("asked for one encoder, %d evaluations are encoded by %d goroutines", parallelUnits, got)
	}
}

// failingWriter fails after taking n bytes.
type failingWriter struct{ n int }

var errFull = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errFull
	}
	w.n -= len(p)
	return len(p), nil
}

// TestParallelWriteError checks that a write error stops the encoders and
// is returned, wherever in the document it happens.
func TestParallelWriteError(t *testing.T) {
	r := fixture.Fleet(t, 60)
	doc, later := build(r)
	var full bytes.Buffer
	if err := encodeParallel(&full, doc, false, later, 2, 5); err != nil {
		t.Fatal(err)
	}
	for _, at := range []int{0, 1000, full.Len() / 2, full.Len() - 1} {
		doc, later := build(r)
		err := encodeParallel(&failingWriter{n: at}, doc, false, later, 2, 5)
		if !errors.Is(err, errFull) {
			t.Errorf("failing after %d bytes: error %v, want %v", at, err, errFull)
		}
	}
	doc, later = build(r)
	if err := encodeParallel(io.Discard, doc, true, later, 3, 1); err != nil {
		t.Fatal(err)
	}
}

// slowWriter takes its time over each write, so that chunks pile up in
// front of the writer.
type slowWriter struct{}

func (slowWriter) Write(p []byte) (int, error) {
	time.Sleep(50 * time.Microsecond)
	return len(p), nil
}

// TestParallelMemoryIsBounded checks that the chunks in flight are bounded
// whatever the size of the document: written chunks are reused, and no
// more than 3n+2 are ever made for n encoders, even when the writer is the
// slowest.
func TestParallelMemoryIsBounded(t *testing.T) {
	r := fixture.Fleet(t, 60)
	for _, n := range []int{2, 3} {
		doc, later := build(r)
		s := newChunker(n, 4)
		if err := s.run(slowWriter{}, doc, false, later); err != nil {
			t.Fatal(err)
		}
		if s.made > 3*n+2 || s.handed < 20*s.made {
			t.Errorf("%d encoders: %d chunks made for %d handed over, want at most %d made", n, s.made, s.handed, 3*n+2)
		}
	}
}
