package progressbar

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/progress"
)

// syncBuffer is a buffer the bars write to while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// TestBars draws a known-total task, an unknown-total task whose total
// arrives later, and a task left running, and checks each line's name,
// counts and elapsed time; Stop ends every task and returns.
func TestBars(t *testing.T) {
	var out syncBuffer
	bars := New(&out, Options{Always: true, Refresh: 10 * time.Millisecond})
	var r progress.Reporter = bars

	files := r.Start("Reading files", 3)
	for range 3 {
		files.Add(1)
	}
	files.Done()
	files.Add(7) // after Done: ignored

	objects := r.Start("Listing cluster", 0)
	objects.Add(5)
	objects.SetTotal(12)
	objects.Add(7)
	objects.Done()

	probes := r.Start("Probing endpoints", 4)
	probes.Add(1) // never finished by its worker

	done := make(chan struct{})
	go func() {
		bars.Stop()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Stop did not return")
	}
	bars.Stop() // a second Stop is harmless
	if task := r.Start("Late", 1); task == nil {
		t.Fatal("a task after Stop is nil")
	}

	got := out.String()
	for _, want := range []string{"Reading files", "3/3", "Listing cluster", "12/12", "Probing endpoints", "1/1", "0s"} {
		if !strings.Contains(got, want) {
			t.Errorf("bars lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "10/3") {
		t.Error("an Add after Done was counted")
	}
}
