package reporttest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// golden is a results.json of the report fixture, kept by report/json.
var golden = filepath.Join("..", "json", "testdata", "results.json")

func load(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func encode(t *testing.T, doc map[string]any) []byte {
	t.Helper()
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestSchemaJudgesResults: the golden file is valid, fields added later are
// accepted (the format evolves by addition), and documents that break the
// stable core are rejected with the place named.
func TestSchemaJudgesResults(t *testing.T) {
	if err := CheckResults(encode(t, load(t))); err != nil {
		t.Fatalf("the golden results.json is not valid: %v", err)
	}
	first := func(doc map[string]any, list string) map[string]any {
		items := doc[list].([]any)
		if len(items) == 0 {
			t.Fatalf("the golden file has no %s; the test would prove nothing", list)
		}
		return items[0].(map[string]any)
	}
	tests := []struct {
		name   string
		change func(doc map[string]any)
		want   string // "" = valid
	}{
		{"a new top-level field", func(d map[string]any) { d["history"] = map[string]any{"new": 1} }, ""},
		{"a new finding field", func(d map[string]any) { first(d, "findings")["first_seen"] = "2026-01-01T00:00:00Z" }, ""},
		{"a new subject kind", func(d map[string]any) { first(d, "subjects")["kind"] = "client" }, ""},
		{"no summary", func(d map[string]any) { delete(d, "summary") }, "summary"},
		{"another schema version", func(d map[string]any) { d["schema_version"] = "1" }, "schema_version"},
		{"an unknown verdict", func(d map[string]any) { first(d, "findings")["verdict"] = "maybe" }, "verdict"},
		{"an error among findings", func(d map[string]any) { first(d, "findings")["verdict"] = "error" }, "verdict"},
		{"a short fingerprint", func(d map[string]any) { first(d, "findings")["fingerprint"] = "abc" }, "fingerprint"},
		{"a null list", func(d map[string]any) { d["waivers"] = nil }, "waivers"},
		{"a negative count", func(d map[string]any) { d["summary"].(map[string]any)["failures"] = -1 }, "failures"},
		{"a local timestamp", func(d map[string]any) { d["timestamp"] = "2026-03-14T10:26:53+01:00" }, "timestamp"},
		{"an unknown status", func(d map[string]any) { first(d, "controls")["status"] = "fine" }, "status"},
		{"a missing location", func(d map[string]any) { delete(first(d, "findings"), "location") }, "location"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := load(t)
			tt.change(doc)
			err := CheckResults(encode(t, doc))
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("rejected: %v", err)
			case tt.want != "" && err == nil:
				t.Error("accepted")
			case tt.want != "" && !strings.Contains(err.Error(), tt.want):
				t.Errorf("error does not name %q: %v", tt.want, err)
			}
		})
	}
}
