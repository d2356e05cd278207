package json

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/report/internal/fixture"
)

func TestReadRoundTrip(t *testing.T) {
	r := fixture.Results()
	doc, err := Read(bytes.NewReader(render(t, r)))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(doc, Build(r)) {
		t.Error("reading results.json back does not give the document written")
	}
}

func TestReadRefingerprintsOlderRecipes(t *testing.T) {
	r := fixture.Results()
	want := Build(r)
	if len(want.Findings) == 0 {
		t.Fatal("the fixture must have findings")
	}
	older := strings.Replace(string(render(t, r)), `"fingerprint_recipe": "tollgateFinding/v2"`, `"fingerprint_recipe": ""`, 1)
	older = strings.ReplaceAll(older, want.Findings[0].Fingerprint, "0123456789abcdef0123456789abcdef")
	doc, err := Read(strings.NewReader(older))
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range doc.Findings {
		if f.Fingerprint != want.Findings[i].Fingerprint || f.ID != want.Findings[i].ID {
			t.Errorf("finding %d: %s %s, want %s %s", i, f.ID, f.Fingerprint, want.Findings[i].ID, want.Findings[i].Fingerprint)
		}
	}
}

func TestReadRejectsOtherDocuments(t *testing.T) {
	for name, input := range map[string]string{
		"not JSON":        "<xml/>",
		"SARIF":           `{"version": "2.1.0", "runs": []}`,
		"a later version": `{"schema_version": "3"}`,
	} {
		if _, err := Read(strings.NewReader(input)); err == nil {
			t.Errorf("%s: read without error", name)
		}
	}
}

func TestReadAcceptsTheVersionBeforeWaivedStatuses(t *testing.T) {
	doc, err := Read(strings.NewReader(`{"schema_version": "1", "frameworks": [{"id": "gdpr", "tally": {"satisfied": 3}}]}`))
	if err != nil {
		t.Fatalf("version 1: %v", err)
	}
	if doc.Frameworks[0].Tally.Satisfied != 3 {
		t.Errorf("tally = %+v", doc.Frameworks[0].Tally)
	}
}
