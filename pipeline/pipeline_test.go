package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/collectors"
)

func TestCollectRejectsMissingPaths(t *testing.T) {
	_, err := Collect(t.Context(), collectors.Request{Paths: []string{filepath.Join(t.TempDir(), "nope")}})
	if err == nil || !strings.Contains(err.Error(), "nope") {
		t.Fatalf("a path named on the command line that does not exist must be an error naming it, got %v", err)
	}
}

func TestDisplayPaths(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(filepath.Dir(wd), "elsewhere", "w.hcl")
	got := displayPaths([]string{filepath.Join(wd, "policy", "waivers.hcl"), "rel/a.hcl", outside})
	want := []string{filepath.Join("policy", "waivers.hcl"), filepath.Join("rel", "a.hcl"), outside}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("displayPaths[%d] = %q, want %q", i, got[i], want[i])
		}
	}
}
