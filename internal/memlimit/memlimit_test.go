package memlimit

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

// restoreLimit puts back the memory limit the test process had.
func restoreLimit(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })
}

func TestApplyRespectsTheEnvironment(t *testing.T) {
	tests := []struct {
		name    string
		env     *string
		limit   int64
		applied bool
	}{
		{name: "unset", limit: 1 << 40, applied: true},
		{name: "set", env: ptr("2GiB"), limit: 1 << 40},
		{name: "off", env: ptr("off"), limit: 1 << 40},
		{name: "empty", env: ptr(""), limit: 1 << 40, applied: true},
		{name: "no default", limit: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			restoreLimit(t)
			if tt.env != nil {
				t.Setenv(Env, *tt.env)
			} else {
				t.Setenv(Env, "") // restored after the test
				os.Unsetenv(Env)
			}
			before := debug.SetMemoryLimit(-1)
			got := Apply(tt.limit)
			if got != tt.applied {
				t.Fatalf("Apply = %v, want %v", got, tt.applied)
			}
			want := before
			if tt.applied {
				want = tt.limit
			}
			if now := debug.SetMemoryLimit(-1); now != want {
				t.Errorf("limit %d after Apply, want %d", now, want)
			}
		})
	}
}

// TestLiftedWhenLiveHeapStaysNearTheLimit keeps more live data than three
// quarters of the limit through several collections, and expects the
// limit to be lifted rather than the collector to keep running.
func TestLiftedWhenLiveHeapStaysNearTheLimit(t *testing.T) {
	restoreLimit(t)
	live := make([][]byte, 0, 64)
	for range 64 {
		live = append(live, make([]byte, 1<<20))
	}
	runtime.GC()
	limit := int64(48 << 20) // the 64 MiB held is above three quarters
	lifted := make(chan struct{})
	w := &watcher{limit: limit, samples: sampleLive(), lifted: func() { close(lifted) }}
	debug.SetMemoryLimit(limit)
	w.arm()
	deadline := time.After(30 * time.Second)
	for {
		runtime.GC()
		select {
		case <-lifted:
			if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
				t.Errorf("limit %d after lifting, want none", got)
			}
			runtime.KeepAlive(live)
			return
		case <-deadline:
			t.Fatal("the limit was not lifted")
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// TestKeptWhileLiveHeapIsSmall expects the limit to stay while the live
// heap is far below it.
func TestKeptWhileLiveHeapIsSmall(t *testing.T) {
	restoreLimit(t)
	limit := int64(1 << 40)
	w := &watcher{limit: limit, samples: sampleLive()}
	debug.SetMemoryLimit(limit)
	for range 2 * liftAfter {
		runtime.GC()
		if !w.afterGC() {
			t.Fatal("watching stopped while the live heap is small")
		}
	}
	if got := debug.SetMemoryLimit(-1); got != limit {
		t.Errorf("limit %d, want %d", got, limit)
	}
}

// TestLeftAloneOnceChanged expects a limit changed by someone else to be
// left as it is.
func TestLeftAloneOnceChanged(t *testing.T) {
	restoreLimit(t)
	w := &watcher{limit: 1 << 20, samples: sampleLive()}
	debug.SetMemoryLimit(1 << 41)
	if w.afterGC() {
		t.Error("still watching a limit set by someone else")
	}
	if got := debug.SetMemoryLimit(-1); got != 1<<41 {
		t.Errorf("limit %d, want the one set", got)
	}
}

func sampleLive() []metrics.Sample { return []metrics.Sample{{Name: liveHeapMetric}} }

func ptr(s string) *string { return &s }
