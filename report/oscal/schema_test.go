package oscal

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaDir holds NIST's OSCAL 1.1.3 release schemas when the shared data
// folder is present.
var schemaDir = filepath.Join("..", "..", "..", "shared", "data", "oscal-schemas", "1.1.3")

// validateNIST validates data against one of NIST's own OSCAL 1.1.3 schemas,
// independently of go-oscal; it skips where the schemas are absent.
func validateNIST(t *testing.T, schemaFile string, data []byte) {
	t.Helper()
	path, err := filepath.Abs(filepath.Join(schemaDir, schemaFile))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Skipf("NIST OSCAL schemas not present: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	schema, err := c.Compile(path)
	if err != nil {
		t.Fatalf("compile %s: %v", schemaFile, err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("not valid against NIST's %s: %v", schemaFile, err)
	}
}
