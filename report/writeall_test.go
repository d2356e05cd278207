package report

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
)

func TestWriteAllWritesEveryFormat(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tollgate-out")
	files, err := WriteAll(dir, fixture.Results(), nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"assessment-plan.json", "assessment-results.json", "poam.json", "tollgate-report.xlsx", "tollgate.sarif", "junit.xml", "results.json", "summary.md", "tollgate-report.html"}
	if len(files) != len(want) {
		t.Fatalf("files = %v", files)
	}
	for i, f := range files {
		if filepath.Base(f) != want[i] {
			t.Errorf("file %d = %s, want %s", i, filepath.Base(f), want[i])
		}
		var buf bytes.Buffer
		if err := Render(&buf, Formats[i], fixture.Results(), Options{}); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, buf.Bytes()) {
			t.Errorf("%s differs from Render's output", f)
		}
	}
	assertOnly(t, dir, want)
}

func TestWriteAllTwiceIsByteIdentical(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if _, err := WriteAll(a, fixture.Results(), nil, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteAll(b, fixture.Results(), nil, Options{}); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(a)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		x, _ := os.ReadFile(filepath.Join(a, e.Name()))
		y, _ := os.ReadFile(filepath.Join(b, e.Name()))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", e.Name())
		}
	}
}

func TestWriteAllSelection(t *testing.T) {
	dir := t.TempDir()
	files, err := WriteAll(dir, fixture.Results(), []string{"markdown", "SARIF", "md"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Written in registry order, duplicates and aliases folded.
	if len(files) != 2 || filepath.Base(files[0]) != "tollgate.sarif" || filepath.Base(files[1]) != "summary.md" {
		t.Fatalf("files = %v", files)
	}
	assertOnly(t, dir, []string{"summary.md", "tollgate.sarif"})
}

func TestWriteAllFailuresLeaveNothing(t *testing.T) {
	blocker := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(blocker, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		dir     string
		formats []string
		mutate  func(*assess.Results)
		want    string
	}{
		{name: "unknown format", dir: t.TempDir(), formats: []string{"json", "pdf"}, want: `unknown report format "pdf"`},
		{name: "folder under a file", dir: filepath.Join(blocker, "out"), want: "create output folder"},
		{name: "a format fails to render", dir: t.TempDir(), mutate: func(r *assess.Results) { r.Timestamp = time.Time{} }, want: "render ap report"},
		{name: "unknown workbook profile", dir: t.TempDir(), want: "render xlsx report"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := fixture.Results()
			if tt.mutate != nil {
				tt.mutate(r)
			}
			opts := Options{}
			if tt.name == "unknown workbook profile" {
				opts.XLSX.Profile = "nope"
			}
			files, err := WriteAll(tt.dir, r, tt.formats, opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one containing %q", err, tt.want)
			}
			if len(files) != 0 {
				t.Errorf("files reported written: %v", files)
			}
			if entries, err := os.ReadDir(tt.dir); err == nil && len(entries) != 0 {
				t.Errorf("folder holds %d entries after a failure", len(entries))
			}
		})
	}
}

func assertOnly(t *testing.T, dir string, want []string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	sort.Strings(got)
	sorted := append([]string(nil), want...)
	sort.Strings(sorted)
	if strings.Join(got, ",") != strings.Join(sorted, ",") {
		t.Errorf("folder holds %v, want exactly %v (no temporary files)", got, sorted)
	}
}

// TestFormatDescriptionsReadInParentheses: the console lists each report
// written as "path  (description)", so a description holds no parentheses
// of its own, which would nest.
func TestFormatDescriptionsReadInParentheses(t *testing.T) {
	for _, f := range registry {
		if strings.ContainsAny(f.Description, "()") {
			t.Errorf("%s: description %q has parentheses of its own", f.Name, f.Description)
		}
	}
}
