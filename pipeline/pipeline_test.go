package pipeline

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestCollectRejectsMissingPaths(t *testing.T) {
	_, err := Collect(t.Context(), CollectOptions{Paths: []string{filepath.Join(t.TempDir(), "nope")}})
	if err == nil || !strings.Contains(err.Error(), "nope") {
		t.Fatalf("a path named on the command line that does not exist must be an error naming it, got %v", err)
	}
}
