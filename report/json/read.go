package json

import (
	"bufio"
	stdjson "encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/tollgate-dev/tollgate/assess"
)

// readableVersions are the schema versions Read accepts. Version 1 differs
// from 2 only in meaning: a requirement or control whose failures were all
// waived was "satisfied" in version 1 and is "waived" in version 2, so a
// comparison across the change shows it moving from one to the other.
var readableVersions = []string{"1", SchemaVersion}

// ReadFile reads a results.json file (see Read).
func ReadFile(path string) (*Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read results %s: %w", path, err)
	}
	defer f.Close()
	doc, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("read results %s: %w", path, err)
	}
	return doc, nil
}

// Read decodes a results.json document. It refuses documents that are not
// Tollgate results or whose schema version it does not know, ignores fields
// it does not know (a later version may add some), and gives every finding
// the fingerprint and ID of the current recipe (assess.Fingerprint) when the
// document was written with another, so findings from any version match.
func Read(r io.Reader) (*Document, error) {
	var doc Document
	dec := stdjson.NewDecoder(bufio.NewReader(r))
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("not a Tollgate results.json: %w", err)
	}
	switch {
	case doc.SchemaVersion == "":
		return nil, fmt.Errorf("not a Tollgate results.json: no schema_version")
	case !slices.Contains(readableVersions, doc.SchemaVersion):
		return nil, fmt.Errorf("results.json schema_version %q is not supported (this Tollgate reads %s)", doc.SchemaVersion, strings.Join(readableVersions, " and "))
	}
	if doc.FingerprintRecipe != assess.FingerprintRecipe {
		refingerprint(doc.Findings)
		refingerprint(doc.Errors)
		doc.FingerprintRecipe = assess.FingerprintRecipe
	}
	return &doc, nil
}

// refingerprint recomputes the fingerprint and ID of every finding from its
// control, subject and reasons.
func refingerprint(fs []Finding) {
	for i := range fs {
		var reasons []assess.Reason
		for _, r := range fs[i].Reasons {
			reasons = append(reasons, assess.Reason{Path: r.Path, Detail: r.Detail})
		}
		fs[i].Fingerprint = assess.Fingerprint(fs[i].Control, fs[i].Subject, reasons)
		fs[i].ID = assess.FindingID(fs[i].Fingerprint)
	}
}
