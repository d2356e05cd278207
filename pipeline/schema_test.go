package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/evidence"
)

// TestCollectedSubjectsMatchTheSchema holds every subject the collectors
// produce, over the bundled example and the shared corpus, to the evidence
// CUE schema: the contract the control catalog's checks are written against.
func TestCollectedSubjectsMatchTheSchema(t *testing.T) {
	roots := []string{filepath.Join("..", "examples", "acme"), corpusDir}
	for _, root := range roots {
		t.Run(filepath.Base(root), func(t *testing.T) {
			if _, err := os.Stat(root); err != nil {
				t.Skipf("%s not present", root)
			}
			b, err := Collect(context.Background(), collectors.Request{
				Paths: []string{root}, Now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Version: "test",
			})
			if err != nil {
				t.Fatal(err)
			}
			kinds := map[evidence.Kind]int{}
			for _, s := range b.Subjects {
				kinds[s.Metadata().Kind]++
				if err := evidence.ValidateSubject(s); err != nil {
					t.Errorf("%s does not match the schema: %v", s.Metadata().ID, err)
				}
			}
			if kinds[evidence.KindServer] == 0 || kinds[evidence.KindSource] == 0 {
				t.Errorf("want servers and sources, got %v", kinds)
			}
		})
	}
}
