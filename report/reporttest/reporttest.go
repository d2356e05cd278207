// Package reporttest holds checks that tests of every package apply to the
// reports they produce: above all, that each results.json is valid against
// the published schema, docs/results.schema.json.
package reporttest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// SchemaPath is where the results.json schema lies, relative to the
// repository root.
const SchemaPath = "docs/results.schema.json"

var (
	schemaOnce sync.Once
	schema     *jsonschema.Schema
	schemaErr  error
)

// RepoRoot returns the repository root: the nearest folder above the
// working directory holding go.mod.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// ResultsSchema compiles docs/results.schema.json once per test binary.
func ResultsSchema() (*jsonschema.Schema, error) {
	schemaOnce.Do(func() {
		root, err := RepoRoot()
		if err != nil {
			schemaErr = err
			return
		}
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		schema, schemaErr = c.Compile(filepath.Join(root, filepath.FromSlash(SchemaPath)))
		if schemaErr != nil {
			schemaErr = fmt.Errorf("compile %s: %w", SchemaPath, schemaErr)
		}
	})
	return schema, schemaErr
}

// CheckResults returns why data is not a results.json valid against the
// schema, or nil.
func CheckResults(data []byte) error {
	s, err := ResultsSchema()
	if err != nil {
		return err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("results.json is not JSON: %w", err)
	}
	if err := s.Validate(doc); err != nil {
		return fmt.Errorf("results.json is not valid against %s: %w", SchemaPath, err)
	}
	return nil
}

// ValidateResults fails t when data is not a valid results.json.
func ValidateResults(t testing.TB, data []byte) {
	t.Helper()
	if err := CheckResults(data); err != nil {
		t.Error(err)
	}
}

// ValidateOutputDir validates dir/results.json when the folder holds one,
// and reports whether it did.
func ValidateOutputDir(t testing.TB, dir string) bool {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "results.json"))
	if err != nil {
		return false
	}
	if err := CheckResults(data); err != nil {
		t.Errorf("%s: %v", filepath.Join(dir, "results.json"), err)
	}
	return true
}
