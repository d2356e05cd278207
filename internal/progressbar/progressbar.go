// Package progressbar shows progress.Reporter tasks as bars on a terminal:
// one line per task with what it does, a bar (a spinner while the total is
// unknown), the count done out of the total, and the time elapsed. The
// command line uses it on standard error when that is a terminal.
package progressbar

import (
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/tollgate-dev/tollgate/progress"
)

// Bars is a progress.Reporter drawing bars. Stop must be called when the
// work is over, before anything else is printed to the same terminal.
type Bars struct {
	p *mpb.Progress

	mu      sync.Mutex
	tasks   []*task
	stopped bool
}

// Options shape the bars.
type Options struct {
	// Width is the width of a line when it cannot be asked of the
	// terminal (0: 100 columns).
	Width int
	// Refresh is how often the bars are redrawn (0: 150ms).
	Refresh time.Duration
	// Always draws even when w is not a terminal (then at the bars' width
	// and without asking the terminal its size).
	Always bool
}

// New draws bars on w.
func New(w io.Writer, opts Options) *Bars {
	if opts.Width <= 0 {
		opts.Width = 100
	}
	if opts.Refresh <= 0 {
		opts.Refresh = 150 * time.Millisecond
	}
	return &Bars{p: mpb.New(
		mpb.WithOutput(w),
		mpb.WithWidth(opts.Width),
		mpb.WithRefreshRate(opts.Refresh),
		mpb.ContainerOptional(mpb.WithAutoRefresh(), opts.Always),
	)}
}

// nameWidth aligns the task names; barWidth is the width of the bar.
const (
	nameWidth = 18
	barWidth  = 40
)

// Start adds a bar for the task.
func (b *Bars) Start(name string, total int) progress.Task {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.stopped {
		return progress.Discard.Start(name, total)
	}
	t := &task{total: int64(total), start: time.Now()}
	decorators := []mpb.BarOption{
		mpb.BarWidth(barWidth),
		mpb.PrependDecorators(decor.Name(name, decor.WC{C: decor.DindentRight, W: nameWidth})),
		mpb.AppendDecorators(
			decor.Any(func(s decor.Statistics) string { return counts(s) }, decor.WC{W: 14}),
			decor.Any(func(decor.Statistics) string { return t.elapsed() }, decor.WC{W: 8}),
		),
	}
	if total > 0 {
		t.bar = b.p.AddBar(int64(total), decorators...)
	} else {
		t.bar = b.p.AddSpinner(0, append(decorators, mpb.BarFillerOnComplete(strings.Repeat(" ", barWidth)))...)
	}
	b.tasks = append(b.tasks, t)
	return t
}

// counts renders "done/total", or "done" while the total is unknown.
func counts(s decor.Statistics) string {
	if s.Total <= 0 && !s.Completed {
		return itoa(s.Current)
	}
	return itoa(s.Current) + "/" + itoa(s.Total)
}

// Stop ends every task still running and waits until the bars are drawn
// for the last time. It may be called more than once.
func (b *Bars) Stop() {
	b.mu.Lock()
	if b.stopped {
		b.mu.Unlock()
		return
	}
	b.stopped = true
	tasks := b.tasks
	b.mu.Unlock()
	for _, t := range tasks {
		t.Done()
	}
	b.p.Wait()
}

// task is one bar. Its state is guarded by mu, which is never held while
// calling the bar: the bar's goroutine reads elapsed while drawing.
type task struct {
	bar   *mpb.Bar
	mu    sync.Mutex
	total int64
	done  bool
	// start and took time the task: took is set when it is done.
	start time.Time
	took  time.Duration
}

// elapsed renders the time the task has taken so far, or took.
func (t *task) elapsed() string {
	t.mu.Lock()
	d := t.took
	if !t.done {
		d = time.Since(t.start)
	}
	t.mu.Unlock()
	if d < 10*time.Second {
		return d.Round(100 * time.Millisecond).String()
	}
	return d.Round(time.Second).String()
}

// running reports whether the task is not done yet.
func (t *task) running() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return !t.done
}

func (t *task) Add(n int) {
	if t.running() {
		t.bar.IncrBy(n)
	}
}

func (t *task) SetTotal(total int) {
	t.mu.Lock()
	running := !t.done
	if running {
		t.total = int64(total)
	}
	t.mu.Unlock()
	if running {
		t.bar.SetTotal(int64(total), false)
	}
}

// Done completes the bar at its current count: work that ends early (an
// error, a cancelled run) shows how far it got.
func (t *task) Done() {
	t.mu.Lock()
	if t.done {
		t.mu.Unlock()
		return
	}
	t.done = true
	t.took = time.Since(t.start)
	t.mu.Unlock()
	t.bar.SetTotal(-1, true)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
