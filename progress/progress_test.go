package progress

import (
	"context"
	"sync"
	"testing"
)

func TestContextCarriesTheReporter(t *testing.T) {
	if FromContext(context.Background()) != Discard {
		t.Fatal("a context without a reporter does not discard")
	}
	// Discarded tasks accept every call.
	task := Start(context.Background(), "nothing", 3)
	task.Add(1)
	task.SetTotal(4)
	task.Done()

	var c Counter
	ctx := WithReporter(context.Background(), &c)
	task = Start(ctx, "Reading files", 0)
	task.SetTotal(100)
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 10; j++ {
				task.Add(1)
			}
		}()
	}
	wg.Wait()
	task.Done()
	task.Add(5) // after Done: ignored
	got := c.Tasks()
	if len(got) != 1 || got[0].Name != "Reading files" || got[0].Total() != 100 || got[0].Count() != 100 || !got[0].Finished() {
		t.Fatalf("counted %+v", got)
	}
}
