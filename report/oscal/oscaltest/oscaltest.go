// Package oscaltest validates OSCAL documents in tests against NIST's own
// OSCAL 1.1.3 release schemas, independently of the go-oscal schema the
// writers validate with. The schemas are shared reference data next to the
// repository; where they are absent the check says so and is not made.
package oscaltest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Schema files of NIST's OSCAL 1.1.3 release, one per model.
const (
	AssessmentPlan      = "oscal_assessment-plan_schema.json"
	AssessmentResults   = "oscal_assessment-results_schema.json"
	POAM                = "oscal_poam_schema.json"
	Catalog             = "oscal_catalog_schema.json"
	ComponentDefinition = "oscal_component_schema.json"
)

// SchemaDir is where NIST's OSCAL 1.1.3 schemas are when the shared data
// folder sits next to the repository.
func SchemaDir() string {
	_, file, _, _ := runtime.Caller(0)
	// report/oscal/oscaltest → repository root → its parent.
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "..", "shared", "data", "oscal-schemas", "1.1.3")
}

var (
	mu       sync.Mutex
	compiled = map[string]*jsonschema.Schema{}
)

// Validate checks data against NIST's schema for its model (one of the
// constants above). It reports false, logging why, when the schema is
// absent; a document that does not validate fails the test.
func Validate(t testing.TB, schemaFile string, data []byte) bool {
	t.Helper()
	path, err := filepath.Abs(filepath.Join(SchemaDir(), schemaFile))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Logf("NIST OSCAL schema %s absent; not validated against it: %v", schemaFile, err)
		return false
	}
	mu.Lock()
	schema, ok := compiled[path]
	if !ok {
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		schema, err = c.Compile(path)
		if err != nil {
			mu.Unlock()
			t.Fatalf("compile %s: %v", schemaFile, err)
		}
		compiled[path] = schema
	}
	mu.Unlock()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("not valid against NIST's %s: %v", schemaFile, err)
	}
	return true
}

// Require is Validate, skipping the test when the schema is absent.
func Require(t testing.TB, schemaFile string, data []byte) {
	t.Helper()
	if !Validate(t, schemaFile, data) {
		t.Skipf("NIST OSCAL schema %s absent", schemaFile)
	}
}

// Tally counts, per framework (the "framework" property), the requirements
// of OSCAL assessment results in each Tollgate status, as the document
// states them: satisfied, not-satisfied and waived from the findings'
// "status" property; manual, error and not-assessed from the groups of the
// reviewed controls, the requirements outside the MCP scope ("out-of-scope"
// properties) counting as not assessed. It fails the test when a finding's
// OSCAL state disagrees with its status (only satisfied is satisfied).
func Tally(t testing.TB, data []byte) map[string]map[string]int {
	t.Helper()
	var doc struct {
		AR struct {
			Results []struct {
				Reviewed struct {
					Props      []Property `json:"props"`
					Selections []struct {
						Props   []Property `json:"props"`
						Include []any      `json:"include-controls"`
					} `json:"control-selections"`
				} `json:"reviewed-controls"`
				Findings []struct {
					Props  []Property `json:"props"`
					Target struct {
						Status struct{ State string } `json:"status"`
					} `json:"target"`
				} `json:"findings"`
			} `json:"results"`
		} `json:"assessment-results"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]int{}
	count := func(fw, status string, n int) {
		if out[fw] == nil {
			out[fw] = map[string]int{"satisfied": 0, "not-satisfied": 0, "waived": 0, "not-assessed": 0, "manual": 0, "error": 0}
		}
		out[fw][status] += n
	}
	for _, res := range doc.AR.Results {
		for _, f := range res.Findings {
			fw, status := Prop(f.Props, "framework"), Prop(f.Props, "status")
			count(fw, status, 1)
			if want := map[bool]string{true: "satisfied", false: "not-satisfied"}[status == "satisfied"]; f.Target.Status.State != want {
				t.Errorf("%s finding with status %s has state %s, want %s", fw, status, f.Target.Status.State, want)
			}
		}
		for _, sel := range res.Reviewed.Selections {
			if g := Prop(sel.Props, "group"); g != "assessed" {
				count(Prop(sel.Props, "framework"), g, len(sel.Include))
			}
		}
		for _, p := range res.Reviewed.Props {
			if p.Name == "out-of-scope" {
				count(p.Class, "not-assessed", 1)
			}
		}
	}
	return out
}

// Property is an OSCAL property as tests read it.
type Property struct {
	Name  string `json:"name"`
	Class string `json:"class"`
	Value string `json:"value"`
}

// Prop returns the value of the first property with the given name.
func Prop(ps []Property, name string) string {
	for _, p := range ps {
		if p.Name == name {
			return p.Value
		}
	}
	return ""
}
