package parallel

import (
	"sync/atomic"
	"testing"
)

func TestEachCallsEveryIndexOnce(t *testing.T) {
	for _, tc := range []struct{ n, workers int }{{0, 0}, {1, 0}, {7, 1}, {100, 2}, {100, 0}, {3, 8}} {
		calls := make([]atomic.Int32, tc.n)
		var running, most atomic.Int32
		Each(tc.n, tc.workers, nil, func(i int) {
			if r := running.Add(1); r > most.Load() {
				most.Store(r)
			}
			calls[i].Add(1)
			running.Add(-1)
		})
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Errorf("n=%d workers=%d: index %d called %d times", tc.n, tc.workers, i, c)
			}
		}
		if tc.workers > 0 && int(most.Load()) > tc.workers {
			t.Errorf("n=%d workers=%d: %d calls ran at once", tc.n, tc.workers, most.Load())
		}
	}
}

func TestEachStops(t *testing.T) {
	var calls atomic.Int32
	Each(1000, 1, func() bool { return calls.Load() >= 5 }, func(int) { calls.Add(1) })
	if c := calls.Load(); c != 5 {
		t.Errorf("%d calls after stop reported true at 5", c)
	}
}
