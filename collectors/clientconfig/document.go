package clientconfig

import (
	"time"

	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// document is one parsed file handed to a format.
type document struct {
	// path is the file's provenance path: relative to the scan root,
	// slash-separated, or "~/…" / absolute for per-user and system files.
	path string
	// data is the raw content; it never leaves the collector unredacted.
	data []byte
	li   lineIndex
	// sha256 is the hex sha256 of data.
	sha256 string
	// location says where the file sits: a project tree, a user's home or a
	// system-wide (managed) location.
	location location
	root     *node
	now      time.Time
	version  string
	red      *secrets.Redactor
	sourceID string
}

// location is where a configuration file sits, which decides its scope.
type location uint8

const (
	locProject location = iota
	locUser
	locSystem
)

// scope returns the scope for a format whose files are project files unless
// they sit in the user's home or a system location.
func (d *document) scope() string {
	switch d.location {
	case locUser:
		return evidence.ScopeUser
	case locSystem:
		return evidence.ScopeManaged
	}
	return evidence.ScopeProject
}

// diag returns a diagnostic at n's position.
func (d *document) diag(severity string, n *node, msg string) evidence.Diagnostic {
	dg := evidence.Diagnostic{Severity: severity, File: d.path, Message: msg}
	if n != nil {
		dg.Line, dg.Column = n.line, n.col
	}
	return dg
}
