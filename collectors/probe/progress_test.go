package probe

import (
	"context"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/internal/mcptest"
	"github.com/tollgate-dev/tollgate/progress"
)

// TestReportsProgress: a probe run counts each endpoint probed, including
// one it may not contact, and ends its task.
func TestReportsProgress(t *testing.T) {
	srv := mcptest.Benign(t)
	var c progress.Counter
	ctx := progress.WithReporter(context.Background(), &c)
	targets := []Target{URLTarget(srv.URL, nil), URLTarget("http://169.254.169.254/mcp", nil)}
	if _, err := Run(ctx, targets, Options{Now: testNow, Version: "test", RequestTimeout: 5 * time.Second}); err != nil {
		t.Fatal(err)
	}
	tasks := c.Tasks()
	if len(tasks) != 1 || tasks[0].Name != "Probing endpoints" || tasks[0].Total() != 2 || tasks[0].Count() != 2 || !tasks[0].Finished() {
		t.Fatalf("tasks %+v", tasks)
	}
}
