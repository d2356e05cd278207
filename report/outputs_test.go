package report

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
)

// assessed returns results and a one-artifact bundle to write.
func assessed(t *testing.T) (*assess.Results, *evidence.Bundle) {
	t.Helper()
	body := []byte(`{"mcpServers": {"gh": {"command": "npx"}}}`)
	b := &evidence.Bundle{
		FormatVersion: evidence.BundleFormatVersion, Tool: "tollgate", Created: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC),
		Artifacts: []evidence.Artifact{{Path: ".mcp.json", BundlePath: "artifacts/.mcp.json", SHA256: strings.Repeat("0", 64), Size: int64(len(body))}},
		Files:     map[string][]byte{"artifacts/.mcp.json": body},
	}
	return fixture.Results(), b
}

// tree returns every regular file under dir with its content.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestWriteOutputsAllOrNothing guards that writing the reports and the
// evidence bundle is one all-or-nothing step: whichever part fails, every
// file already in the output folder (earlier reports, an earlier bundle,
// the user's own files) is left exactly as it was, and nothing is added.
func TestWriteOutputsAllOrNothing(t *testing.T) {
	r, b := assessed(t)
	previousRun := func(t *testing.T, dir string) {
		if _, err := WriteOutputs(dir, r, b, nil, Options{}); err != nil {
			t.Fatal(err)
		}
		for name, body := range map[string]string{"mine.txt": "the user's own", "evidence/notes.txt": "notes"} {
			if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		// break a copy of the inputs
		results func(*assess.Results) *assess.Results
		bundle  func(*evidence.Bundle) *evidence.Bundle
		want    string
	}{
		{name: "evidence folder that is not a bundle, next to the user's own reports", setup: func(t *testing.T, dir string) {
			for name, body := range map[string]string{"results.json": "MY OWN RESULTS", "summary.md": "my summary", "evidence/notes.txt": "mine"} {
				p := filepath.Join(dir, filepath.FromSlash(name))
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}, want: "not an evidence bundle"},
		{name: "a report's file name taken by a folder", setup: func(t *testing.T, dir string) {
			previousRun(t, dir)
			if err := os.Remove(filepath.Join(dir, "tollgate.sarif")); err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Join(dir, "tollgate.sarif", "kept"), 0o755); err != nil {
				t.Fatal(err)
			}
		}, want: "it is a folder"},
		{name: "a report fails to render", setup: previousRun, results: func(r *assess.Results) *assess.Results {
			c := *r
			c.Timestamp = time.Time{}
			return &c
		}, want: "render ap report"},
		{name: "the bundle cannot be encoded", setup: previousRun, bundle: func(b *evidence.Bundle) *evidence.Bundle {
			c := *b
			c.Files = map[string][]byte{"artifacts/stray": []byte("x")}
			for p, data := range b.Files {
				c.Files[p] = data
			}
			return &c
		}, want: "not referenced by any artifact"},
		{name: "the evidence folder is a file", setup: func(t *testing.T, dir string) {
			previousRun(t, dir)
			if err := os.RemoveAll(filepath.Join(dir, "evidence")); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "evidence"), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, want: "not a directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			tt.setup(t, dir)
			before := tree(t, dir)
			rr, bb := r, b
			if tt.results != nil {
				rr = tt.results(r)
			}
			if tt.bundle != nil {
				bb = tt.bundle(b)
			}
			_, err := WriteOutputs(dir, rr, bb, nil, Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one saying %q", err, tt.want)
			}
			if after := tree(t, dir); !reflect.DeepEqual(after, before) {
				t.Errorf("output folder changed by a failed write:\nbefore %v\nafter  %v", keys(before), keys(after))
			}
			entries, _ := os.ReadDir(filepath.Dir(dir))
			if len(entries) != 1 {
				t.Errorf("left beside the output folder: %v", entries)
			}
		})
	}

	t.Run("success keeps the user's files", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "out")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		previousRun(t, dir)
		files, err := WriteOutputs(dir, r, b, []string{"json", "md"}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(files) != 3 || filepath.Base(files[0].Path) != "results.json" || files[2].Description == "" {
			t.Errorf("files = %+v", files)
		}
		got := tree(t, dir)
		for name, body := range map[string]string{"mine.txt": "the user's own", "evidence/notes.txt": "notes"} {
			if got[name] != body {
				t.Errorf("%s = %q after a successful write", name, got[name])
			}
		}
		if _, err := evidence.ReadBundle(filepath.Join(dir, EvidenceDir)); err != nil {
			t.Errorf("bundle written does not read back: %v", err)
		}
	})
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
