package gateway

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/evidence"
)

// checkFixturesGolden collects every file under testdata/dir with the
// gateway analyzers, validates the subjects against the evidence schema and
// compares them with testdata/golden/golden.
func checkFixturesGolden(t *testing.T, dir, golden string) {
	t.Helper()
	root := filepath.Join("testdata", dir)
	out, err := files.Collect(context.Background(), files.Options{Root: root, Paths: []string{root}, Now: fixedNow, Version: "test"}, Analyzers())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range out.Subjects {
		if err := evidence.ValidateSubject(s); err != nil {
			t.Errorf("%s: %v", s.Metadata().ID, err)
		}
	}
	got, err := json.MarshalIndent(out.Subjects, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, golden, append(got, '\n'))
}

// fixture reads testdata/dir/name as the file at prefix/name.
func fixture(t *testing.T, dir, name, prefix string) read {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return analyze(t, prefix+"/"+name, string(data))
}
