// Package parallel runs independent pieces of work on every core.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls f(i) for every i from 0 to n-1, on at most workers goroutines
// at once (0 or less: GOMAXPROCS), and returns when every call has
// returned. Calls run in no particular order, so f must write only what
// belongs to its i. Once stop (when not nil) reports true, no further call
// starts.
func Each(n, workers int, stop func() bool, f func(i int)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n && (stop == nil || !stop()); i = int(next.Add(1) - 1) {
				f(i)
			}
		}()
	}
	wg.Wait()
}
