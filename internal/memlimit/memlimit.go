// Package memlimit gives a run a default soft memory limit that holds the
// peak memory of a large assessment near what its live data needs, and
// gets out of the way of a run whose live data would not fit under it.
//
// Go's garbage collector lets the heap grow to twice the live data
// (GOGC=100) before it collects. At fleet scale the live data of an
// assessment is a few hundred MiB while its reports are written, so most of
// its peak is that headroom. Under a soft limit the collector runs more
// often as the heap nears the limit, trading some CPU for memory; a run
// whose heap stays well below the limit, any small one, never reaches it
// and runs exactly as without it. When the live data itself nears the
// limit, collecting more often can no longer keep the heap under it and
// would only cost CPU, so the limit is lifted for the rest of the run.
package memlimit

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// Default is the soft memory limit a run keeps to unless GOMEMLIMIT sets
// one. Resident memory is the limit plus up to about 100 MiB outside the Go
// heap (the program's code, among others), so a 50,000-server fleet peaks
// at about 0.86 GiB; its largest live heap, at most about 565 MiB, stays
// below the three quarters of the limit (600 MiB) at which the limit is
// lifted.
const Default = 800 << 20

// Env is the environment variable that overrides the default: a size such
// as 2GiB, or "off" for no limit (see the runtime package).
const Env = "GOMEMLIMIT"

// liveHeapMetric is the heap the last garbage collection found reachable.
const liveHeapMetric = "/gc/heap/live:bytes"

// Lifting: the limit is lifted once the live heap has been above
// liftNum/liftDen of it after liftAfter collections in a row. At three
// quarters, the collector collects at most every third of the live heap
// allocated, three times as often as without the limit.
const (
	liftNum   = 3
	liftDen   = 4
	liftAfter = 3
)

// Apply sets the soft memory limit to limit bytes and watches it (see the
// package documentation), unless the environment sets GOMEMLIMIT, which
// the Go runtime has then applied (an empty value is unset, as for the
// runtime). It reports whether it set the limit.
func Apply(limit int64) bool {
	if os.Getenv(Env) != "" || limit <= 0 {
		return false
	}
	w := &watcher{limit: limit, samples: []metrics.Sample{{Name: liveHeapMetric}}}
	debug.SetMemoryLimit(limit)
	w.arm()
	return true
}

// watcher looks at the live heap after every garbage collection.
type watcher struct {
	limit   int64
	high    int // collections in a row with the live heap above the mark
	samples []metrics.Sample
	// lifted, when set, is called once the limit is lifted.
	lifted func()
}

// sentinel is garbage from the moment it is armed: its finalizer runs
// after the next garbage collection.
type sentinel struct{ w *watcher }

// arm has the watcher called after the next garbage collection.
func (w *watcher) arm() {
	runtime.SetFinalizer(&sentinel{w: w}, func(s *sentinel) {
		if s.w.afterGC() {
			s.w.arm()
		}
	})
}

// afterGC checks the live heap, lifts the limit when it has stayed too
// close to it, and reports whether to keep watching.
func (w *watcher) afterGC() bool {
	if debug.SetMemoryLimit(-1) != w.limit {
		return false // changed since: not ours to manage
	}
	metrics.Read(w.samples)
	if w.samples[0].Value.Kind() != metrics.KindUint64 {
		return false
	}
	live := w.samples[0].Value.Uint64()
	if live*liftDen <= uint64(w.limit)*liftNum {
		w.high = 0
		return true
	}
	w.high++
	if w.high < liftAfter {
		return true
	}
	debug.SetMemoryLimit(math.MaxInt64)
	if w.lifted != nil {
		w.lifted()
	}
	return false
}
