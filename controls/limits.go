package controls

import (
	"fmt"
	"runtime/metrics"
	"time"
)

// Limits bound the CUE of a control that does not ship with Tollgate. A
// catalog is code-like input: a comprehension over a few nested lists can
// build millions of values, and CUE offers no way to interrupt it.
type Limits struct {
	// Time bounds one compilation of a control's when or check, and one
	// evaluation of a control against one subject.
	Time time.Duration
	// Memory bounds how far the Go heap may grow during one of them.
	Memory uint64
	// SourceSize bounds the length of a when or check snippet, in bytes.
	SourceSize int
}

// CustomLimits are the limits applied to the controls of user catalogs
// (--catalog). Built-in controls are not bounded: they are part of the
// program, tested, and run inline at full speed.
var CustomLimits = Limits{Time: 5 * time.Second, Memory: 1 << 30, SourceSize: 64 << 10}

// LimitError reports a control whose CUE exceeded a limit. The run must
// stop: the evaluation could not be finished, and what it was doing goes
// on in the background until the process exits.
type LimitError struct {
	Control string
	File    string
	Line    int
	// Step is what exceeded the limit ("check", "when" or "evaluation of
	// subject X").
	Step string
	// Exceeded names the limit, e.g. "5s".
	Exceeded string
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%s:%d: control %q: %s exceeded the limit of %s for custom controls; simplify its CUE (for example, no nested comprehensions over long lists)",
		e.File, e.Line, e.Control, e.Step, e.Exceeded)
}

// heapMetric is the runtime metric the memory bound watches: bytes held by
// heap objects, reachable or not yet swept.
const heapMetric = "/memory/classes/heap/objects:bytes"

// watchInterval is how often the memory bound is checked.
const watchInterval = 20 * time.Millisecond

// Run calls f within the limits, as run does; it is how inputs that are
// CUE but not catalogs (an organisation policy) are bounded too.
func (l Limits) Run(f func()) (exceeded string, recovered any) { return l.run(f) }

// run calls f in a goroutine of its own and waits until it returns, its
// time is up, or the heap has grown by more than the memory bound (a zero
// bound is no bound). It
// returns "" when f returned, else the limit exceeded; f is then abandoned
// and may still be running, so nothing it uses may be used again. A panic
// in f is recovered and reported through recovered.
func (l Limits) run(f func()) (exceeded string, recovered any) {
	done := make(chan any, 1)
	go func() {
		defer func() { done <- recover() }()
		f()
	}()
	var timeUp, tick <-chan time.Time
	if l.Time > 0 {
		timer := time.NewTimer(l.Time)
		defer timer.Stop()
		timeUp = timer.C
	}
	var base uint64
	if l.Memory > 0 {
		t := time.NewTicker(watchInterval)
		defer t.Stop()
		tick, base = t.C, heapBytes()
	}
	for {
		select {
		case p := <-done:
			return "", p
		case <-timeUp:
			return l.Time.String(), nil
		case <-tick:
			if heapBytes() > base+l.Memory {
				return fmt.Sprintf("%d MiB of memory", l.Memory>>20), nil
			}
		}
	}
}

// heapBytes samples the heap size.
func heapBytes() uint64 {
	s := []metrics.Sample{{Name: heapMetric}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
