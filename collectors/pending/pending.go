// Package pending recognises MCP files that belong to collector families
// this version does not include yet (gateways, Kubernetes manifests and Helm
// values), so that they are reported as unsupported sources instead of
// being skipped. Each family is one analyzer; when a family's collector is
// built, its analyzers replace the matching ones here in the registry
// (collectors.Analyzers).
//
// Rules look at the text, not a parse, so that even a file that does not
// parse is recognised.
package pending

import (
	"bytes"
	"context"
	"fmt"
	"path"

	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/evidence"
)

// family recognises one kind of MCP file another collector family reads.
type family struct {
	// format names what the file is, e.g. "agentgateway/config".
	format string
	// collector is the collector family that reads it.
	collector string
	// match looks at the provenance path, the text and its lower-case form.
	match func(p string, data, lower []byte) bool
}

// families lists the recognisers in the order they are tried.
// Every family once listed here now has a collector; a new family awaiting
// one is added here first.
var families = []family{}

// Analyzers returns one analyzer per pending family, in recognition order.
func Analyzers() []files.Analyzer {
	out := make([]files.Analyzer, len(families))
	for i := range families {
		out[i] = &families[i]
	}
	return out
}

// Label describes a recognised file: its format, read by no collector.
func (fm *family) Label() files.Label {
	return files.Label{Format: fm.format, Collector: "files"}
}

// Match looks at YAML and JSON files; the text decides.
func (fm *family) Match(p string) files.Strength {
	switch path.Ext(p) {
	case ".yaml", ".yml", ".json":
		return files.Content
	}
	return files.None
}

// Analyze reports f as unsupported when its text is this family's.
func (fm *family) Analyze(_ context.Context, f *files.File, _ files.Strength) *files.Analysis {
	if !fm.match(f.Path, f.Data, bytes.ToLower(f.Data)) {
		return nil
	}
	src := f.NewSource(fm.Label())
	src.Status = evidence.StatusUnsupported
	src.Diagnostics = []evidence.Diagnostic{{Severity: "info", File: f.Path, Message: fmt.Sprintf(
		"%s is not a client configuration; it belongs to the %s collector family, which this version does not include", fm.format, fm.collector)}}
	return &files.Analysis{Source: src}
}
