// Package progress lets long work — walking many files, listing a cluster,
// probing endpoints, judging thousands of subjects — say how far it is,
// without knowing how, or whether, that is shown. Work asks the context for
// its Reporter and starts a Task; the command line decides what a Reporter
// does (bars on a terminal, nothing otherwise). Library code never imports a
// progress-bar library.
package progress

import (
	"context"
	"sync"
	"sync/atomic"
)

// Reporter starts tasks. Implementations are safe for concurrent use.
type Reporter interface {
	// Start begins a task: name says what it does, in a few words ("Reading
	// files"), and total is the number of steps, 0 when not yet known.
	Start(name string, total int) Task
}

// Task is one running piece of work. Its methods are safe for concurrent
// use and may be called after Done (they then do nothing).
type Task interface {
	// Add records n more steps done.
	Add(n int)
	// SetTotal sets the number of steps once it is known.
	SetTotal(total int)
	// Done ends the task.
	Done()
}

type key struct{}

// WithReporter returns a context whose work reports to r.
func WithReporter(ctx context.Context, r Reporter) context.Context {
	return context.WithValue(ctx, key{}, r)
}

// FromContext returns the context's Reporter, or Discard when it has none.
func FromContext(ctx context.Context) Reporter {
	if r, ok := ctx.Value(key{}).(Reporter); ok && r != nil {
		return r
	}
	return Discard
}

// Start starts a task with the context's Reporter.
func Start(ctx context.Context, name string, total int) Task {
	return FromContext(ctx).Start(name, total)
}

// Discard is a Reporter that shows nothing.
var Discard Reporter = discard{}

type discard struct{}

func (discard) Start(string, int) Task { return nopTask{} }

type nopTask struct{}

func (nopTask) Add(int)      {}
func (nopTask) SetTotal(int) {}
func (nopTask) Done()        {}

// Counter is a Reporter that keeps the count of each task, for tests and
// for callers that want the numbers without a display.
type Counter struct {
	mu    sync.Mutex
	tasks []*CountedTask
}

// CountedTask is a task a Counter started.
type CountedTask struct {
	Name        string
	total, done atomic.Int64
	finished    atomic.Bool
}

// Start begins a counted task.
func (c *Counter) Start(name string, total int) Task {
	t := &CountedTask{Name: name}
	t.total.Store(int64(total))
	c.mu.Lock()
	defer c.mu.Unlock()
	c.tasks = append(c.tasks, t)
	return t
}

// Tasks returns the tasks started so far, in order.
func (c *Counter) Tasks() []*CountedTask {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]*CountedTask(nil), c.tasks...)
}

// Add records n steps.
func (t *CountedTask) Add(n int) {
	if !t.finished.Load() {
		t.done.Add(int64(n))
	}
}

// SetTotal sets the total.
func (t *CountedTask) SetTotal(total int) { t.total.Store(int64(total)) }

// Done ends the task.
func (t *CountedTask) Done() { t.finished.Store(true) }

// Total is the task's number of steps (0 when unknown).
func (t *CountedTask) Total() int { return int(t.total.Load()) }

// Count is the number of steps recorded.
func (t *CountedTask) Count() int { return int(t.done.Load()) }

// Finished reports whether Done was called.
func (t *CountedTask) Finished() bool { return t.finished.Load() }
