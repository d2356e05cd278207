package jsonvalue_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/assess/assesstest"
	"github.com/tollgate-dev/tollgate/collectors"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/jsonvalue"
	"github.com/tollgate-dev/tollgate/pipeline"
)

// collected returns the subjects collected from dir, as a run over it
// collects them.
func collected(t *testing.T, dir string) []evidence.Subject {
	t.Helper()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	b, err := pipeline.Collect(t.Context(), collectors.Request{Paths: []string{dir}, Root: dir, Now: now, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return b.Subjects
}

// TestSubjectsConvertAsJSON converts every subject collected from the
// example, the corpus (where ../shared is present) and a generated fleet
// of servers, workloads and gateways, and the generated servers the engine's
// benchmarks judge, and requires each to equal its JSON round trip.
func TestSubjectsConvertAsJSON(t *testing.T) {
	fleet := filepath.Join(t.TempDir(), "fleet")
	if _, err := assesstest.WriteFleetFiles(fleet, assesstest.FilesSpec{Servers: 300, Workloads: 200, Gateways: 4, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	sets := map[string]string{
		"example": filepath.Join("..", "..", "examples", "acme"),
		"corpus":  filepath.Join("..", "..", "..", "shared", "corpus"),
		"fleet":   fleet,
	}
	for name, dir := range sets {
		t.Run(name, func(t *testing.T) {
			if _, err := os.Stat(dir); err != nil {
				t.Skipf("%s is absent: %v", dir, err)
			}
			checkSubjects(t, collected(t, dir))
		})
	}
	t.Run("generated", func(t *testing.T) { checkSubjects(t, assesstest.Fleet(500, 3)) })
}

// checkSubjects requires every subject to convert to its JSON round trip,
// also with a Converter that recycles the maps of the subject before, and
// counts them by kind.
func checkSubjects(t *testing.T, subjects []evidence.Subject) {
	t.Helper()
	var c, recycling jsonvalue.Converter
	kinds := map[evidence.Kind]int{}
	for _, s := range subjects {
		kinds[s.Metadata().Kind]++
		sameAsJSON(t, &c, s.Metadata().ID, s)
		if _, err := c.Map(s); err != nil {
			t.Errorf("%s: %v", s.Metadata().ID, err)
		}
		recycling.Recycle()
		sameAsJSON(t, &recycling, s.Metadata().ID+" (recycled maps)", s)
	}
	if len(subjects) == 0 {
		t.Fatal("no subjects collected")
	}
	t.Logf("%d subjects: %v", len(subjects), kinds)
}
