package files

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/tollgate-dev/tollgate/progress"
)

// TestReportsProgress: a walk says how many files it found and counts each
// file read, ending both tasks.
func TestReportsProgress(t *testing.T) {
	root := t.TempDir()
	for i := range 25 {
		dir := filepath.Join(root, "repo"+strconv.Itoa(i))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, ".mcp.json"), []byte(`{"mcpServers": {}}`), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var c progress.Counter
	ctx := progress.WithReporter(context.Background(), &c)
	if _, err := Collect(ctx, Options{Paths: []string{root}, Now: testNow}, []Analyzer{testAnalyzer{}}); err != nil {
		t.Fatal(err)
	}
	tasks := c.Tasks()
	if len(tasks) != 2 || tasks[0].Name != "Finding files" || tasks[1].Name != "Reading files" {
		t.Fatalf("tasks %v", tasks)
	}
	found, read := tasks[0], tasks[1]
	if found.Count() != 25 || !found.Finished() {
		t.Errorf("found %d files (finished %v), want 25", found.Count(), found.Finished())
	}
	if read.Total() != 25 || read.Count() != 25 || !read.Finished() {
		t.Errorf("read %d of %d (finished %v), want 25 of 25", read.Count(), read.Total(), read.Finished())
	}
}
