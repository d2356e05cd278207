package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/report/oscal"
)

// TestWriteOutputsCitesWhatItWrites checks that the reports written
// together cite the evidence manifest and the assessment plan by the
// SHA-256 of the bytes written, though they are rendered concurrently.
func TestWriteOutputsCitesWhatItWrites(t *testing.T) {
	r, b := assessed(t)
	dir := filepath.Join(t.TempDir(), "out")
	if _, err := WriteOutputs(dir, r, b, nil, Options{}); err != nil {
		t.Fatal(err)
	}
	files := tree(t, dir)
	digest := func(name string) string {
		data, ok := files[name]
		if !ok {
			t.Fatalf("%s not written", name)
		}
		sum := sha256.Sum256([]byte(data))
		return hex.EncodeToString(sum[:])
	}
	manifest, plan := digest(EvidenceDir+"/"+evidence.ManifestFile), digest(oscal.PlanFile)
	for _, c := range []struct{ file, digest string }{
		{oscal.PlanFile, manifest}, {oscal.ResultsFile, manifest}, {oscal.POAMFile, manifest}, {oscal.ResultsFile, plan},
	} {
		if !strings.Contains(files[c.file], `"value": "`+c.digest+`"`) {
			t.Errorf("%s does not cite the digest %s of what was written", c.file, c.digest)
		}
	}
	var want bytes.Buffer
	opts := Options{}
	opts.XLSX.ManifestSHA256 = manifest
	if err := Render(&want, "xlsx", r, opts); err != nil {
		t.Fatal(err)
	}
	if files["tollgate-report.xlsx"] != want.String() {
		t.Error("the workbook written is not the one citing the manifest written")
	}
}

// TestUncitingReportsDoNotWait checks that a report citing neither the
// manifest nor the plan is written while the manifest is not yet
// encoded, and that a failure to encode the manifest fails the reports
// that cite it with its cause.
func TestUncitingReportsDoNotWait(t *testing.T) {
	r, _ := assessed(t)
	fs, err := resolve(nil)
	if err != nil {
		t.Fatal(err)
	}
	broken := errors.New("manifest broken")
	set := stagedReports(r, fs, Options{}.withEngagement(), "evidence/manifest.json", func(io.Writer) error { return broken })
	for _, f := range fs {
		if !f.citesManifest && !f.citesPlan {
			// Run on this goroutine before the manifest: waiting would block forever.
			if err := set.Streams[f.File](io.Discard); err != nil {
				t.Errorf("%s: %v", f.File, err)
			}
		}
	}
	if err := set.Streams["evidence/manifest.json"](io.Discard); !errors.Is(err, broken) {
		t.Fatalf("manifest: err = %v", err)
	}
	for _, f := range fs {
		if f.citesManifest || f.citesPlan {
			if err := set.Streams[f.File](io.Discard); !errors.Is(err, broken) {
				t.Errorf("%s: err = %v, want the manifest's", f.File, err)
			}
		}
	}
}

// TestStartOrder checks the order the streams start in: every stream
// after those it waits for (so that none waits for one not started, with
// any number of workers), the reports that cite nothing beside the
// manifest, and the costliest first.
func TestStartOrder(t *testing.T) {
	all, err := resolve(nil)
	if err != nil {
		t.Fatal(err)
	}
	jsonOnly, err := resolve([]string{"json", "sarif"})
	if err != nil {
		t.Fatal(err)
	}
	const m = "evidence/manifest.json"
	tests := []struct {
		name    string
		fs      []Format
		lead    []string
		workers int
		want    []string
	}{
		{"two workers", all, []string{m, oscal.PlanFile}, 2, []string{m, "results.json", oscal.PlanFile, oscal.POAMFile,
			oscal.ResultsFile, "tollgate-report.xlsx", "junit.xml", "tollgate-report.html", "tollgate.sarif", "summary.md"}},
		{"one worker", all, []string{m, oscal.PlanFile}, 1, []string{m, oscal.PlanFile, oscal.POAMFile,
			oscal.ResultsFile, "tollgate-report.xlsx", "results.json", "junit.xml", "tollgate-report.html", "tollgate.sarif", "summary.md"}},
		{"three workers", all, []string{m, oscal.PlanFile}, 3, []string{m, "results.json", "junit.xml", oscal.PlanFile, oscal.POAMFile,
			oscal.ResultsFile, "tollgate-report.xlsx", "tollgate-report.html", "tollgate.sarif", "summary.md"}},
		{"no manifest", all, []string{oscal.PlanFile}, 2, []string{oscal.PlanFile, "results.json", oscal.POAMFile,
			oscal.ResultsFile, "tollgate-report.xlsx", "junit.xml", "tollgate-report.html", "tollgate.sarif", "summary.md"}},
		{"nothing cited", jsonOnly, nil, 2, []string{"results.json", "tollgate.sarif"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := startOrder(tt.fs, tt.lead, tt.workers)
			if !slices.Equal(got, tt.want) {
				t.Fatalf("order:\n got %v\nwant %v", got, tt.want)
			}
			at := func(p string) int { return slices.Index(got, p) }
			for _, f := range tt.fs {
				if f.citesManifest && slices.Contains(tt.lead, m) && at(f.File) < at(m) {
					t.Errorf("%s starts before the manifest it waits for", f.File)
				}
				if f.citesPlan && at(f.File) < at(oscal.PlanFile) {
					t.Errorf("%s starts before the plan it waits for", f.File)
				}
			}
		})
	}
}
