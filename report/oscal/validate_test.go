package oscal

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/report/internal/fixture"
)

func TestLayout(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{}`, `{}`},
		{`[]` + "\n", `[]` + "\n"},
		{`{"a":1,"b":"x"}`, `{"a": 1, "b": "x"}`},
		{`{"a":{"b":[1,2],"c":{}},"d":[{"e":null}]}` + "\n",
			"{\n  \"a\": {\n    \"b\": [1, 2],\n    \"c\": {}\n  },\n  \"d\": [\n    {\"e\": null}\n  ]\n}\n"},
		{`{"s":"a\"{[,:]}\\","t":["\\\"",":"],"u":[[true,false]]}`,
			"{\n  \"s\": \"a\\\"{[,:]}\\\\\",\n  \"t\": [\"\\\\\\\"\", \":\"],\n  \"u\": [\n    [true, false]\n  ]\n}"},
	}
	for _, tt := range tests {
		var got bytes.Buffer
		layout(&got, []byte(tt.in))
		if got.String() != tt.want {
			t.Errorf("layout(%s) =\n%s\nwant\n%s", tt.in, got.String(), tt.want)
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, got.Bytes()); err != nil {
			t.Errorf("layout(%s) is not JSON: %v", tt.in, err)
		} else if strings.TrimSpace(compact.String()) != strings.TrimSpace(tt.in) {
			t.Errorf("layout(%s) changed the value: %s", tt.in, compact.String())
		}
	}
}

// TestLayoutKeepsDocuments checks that layout changes only insignificant
// whitespace in a real document.
func TestLayoutKeepsDocuments(t *testing.T) {
	data, err := Marshal(fixture.Results(), Options{EvidenceBase: "evidence/"})
	if err != nil {
		t.Fatal(err)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, data); err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	layout(&again, compact.Bytes())
	if !bytes.Equal(again.Bytes(), bytes.TrimSuffix(data, []byte("\n"))) {
		t.Error("laying out the compacted document does not give the document back")
	}
}

// TestValidateReportsViolations checks that Validate names where a document
// breaks the schema, and rejects what is no single OSCAL model.
func TestValidateReportsViolations(t *testing.T) {
	data, err := Marshal(fixture.Results(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	broken := bytes.Replace(data, []byte(`"state": "satisfied"`), []byte(`"state": ""`), 1)
	err = Validate(broken)
	if err == nil || !strings.Contains(err.Error(), "/assessment-results/results/") {
		t.Errorf("Validate(broken) = %v, want the location of the violation", err)
	}
	// A value that breaks one of OSCAL's long patterns is named without
	// the pattern.
	broken = bytes.Replace(data, []byte(`"end": "2026-`), []byte(`"end": "9999-`), 1)
	err = Validate(broken)
	if err == nil || !strings.Contains(err.Error(), `'9999-`) || strings.Contains(err.Error(), "^(") || len(err.Error()) > 400 {
		t.Errorf("Validate(year 9999) = %v, want the value named without the pattern", err)
	}
	for _, doc := range []string{`[]`, `{}`, `{"catalog":{},"profile":{}}`, `{"catalog":`} {
		if err := Validate([]byte(doc)); err == nil {
			t.Errorf("Validate(%s) accepted it", doc)
		}
	}
}
