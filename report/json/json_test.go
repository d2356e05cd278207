package json

import (
	"bytes"
	stdjson "encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
	"github.com/tollgate-dev/tollgate/report/reporttest"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func render(t *testing.T, r *assess.Results) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r, Options{}); err != nil {
		t.Fatal(err)
	}
	reporttest.ValidateResults(t, buf.Bytes())
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	got := render(t, fixture.Results())
	if !bytes.Equal(got, render(t, fixture.Results())) {
		t.Fatal("two renders differ")
	}
	fixture.Golden(t, "results.json", got, *update)
}

func TestSummaryAgreesWithLists(t *testing.T) {
	r := fixture.Results()
	var doc Document
	if err := stdjson.Unmarshal(render(t, r), &doc); err != nil {
		t.Fatal(err)
	}
	var fail, waived, errs int
	for _, cr := range r.Controls {
		fail += cr.Counts.Fail
		waived += cr.Counts.Waived
		errs += cr.Counts.Error
	}
	checks := []struct {
		name      string
		got, want int
	}{
		{"schema version", len(doc.SchemaVersion), 1},
		{"failures", doc.Summary.Failures, fail},
		{"waived", doc.Summary.Waived, waived},
		{"errors", doc.Summary.Errors, errs},
		{"findings", len(doc.Findings), fail + waived},
		{"verdicts.fail", doc.Summary.Verdicts.Fail, fail},
		{"subjects", doc.Summary.Subjects, len(doc.Subjects)},
		{"high failures", doc.Summary.BySeverity["high"], 2},
		{"critical failures", doc.Summary.BySeverity["critical"], 1},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
	for i, fw := range doc.Frameworks {
		if fw.Tally != Tally(r.Frameworks[i].Tally) {
			t.Errorf("%s tally = %+v, want %+v", fw.ID, fw.Tally, r.Frameworks[i].Tally)
		}
	}
}

func TestEmptyListsAreArrays(t *testing.T) {
	out := string(render(t, &assess.Results{Tool: "tollgate", Timestamp: fixture.Timestamp}))
	if strings.Contains(out, "null") {
		t.Errorf("an empty run has null values:\n%s", out)
	}
}

// TestDocumented checks that docs/results-json.md names every field of the
// format, so the documentation cannot fall behind the code.
func TestDocumented(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", "results-json.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(tp reflect.Type) {
		for tp.Kind() == reflect.Slice || tp.Kind() == reflect.Map || tp.Kind() == reflect.Pointer {
			tp = tp.Elem()
		}
		if tp.Kind() != reflect.Struct || seen[tp] {
			return
		}
		seen[tp] = true
		for i := 0; i < tp.NumField(); i++ {
			f := tp.Field(i)
			name := strings.Split(f.Tag.Get("json"), ",")[0]
			if !strings.Contains(doc, "`"+name+"`") {
				t.Errorf("docs/results-json.md does not document %s.%s (`%s`)", tp.Name(), f.Name, name)
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeOf(Document{}))
	if !strings.Contains(doc, `"`+SchemaVersion+`"`) {
		t.Errorf("docs do not name schema version %q", SchemaVersion)
	}
}
