package clientconfig

import (
	"github.com/tollgate-dev/tollgate/collectors/files"
	"github.com/tollgate-dev/tollgate/collectors/internal/postree"
	"github.com/tollgate-dev/tollgate/evidence"
)

// document is one parsed file handed to a format.
type document struct {
	file *files.File
	// path is the file's provenance path: relative to the scan root,
	// slash-separated, or "~/…" / absolute for per-user and system files.
	path string
	// location says where the file sits: a project tree, a user's home or a
	// system-wide (managed) location.
	location files.Location
	root     *postree.Node
	sourceID string
	// strayKeys are top-level keys under which server entries were found
	// where the client does not read them (reported as ignored entries).
	strayKeys map[string]bool
	// credentials are credentials a format found outside server entries
	// (a password input's default), by the pointer of their node.
	credentials map[string]evidence.Credential
}

// addCredential records a credential written at n outside any server entry.
func (d *document) addCredential(n *postree.Node, v evidence.Value) {
	if d.credentials == nil {
		d.credentials = map[string]evidence.Credential{}
	}
	d.credentials[n.Pointer] = evidence.Credential{Setting: settingPath(n.Pointer), Line: n.Line, Value: v}
}

// scope returns the scope for a format whose files are project files unless
// they sit in the user's home or a system location.
func (d *document) scope() string {
	switch d.location {
	case files.User:
		return evidence.ScopeUser
	case files.System:
		return evidence.ScopeManaged
	}
	return evidence.ScopeProject
}

// diag returns a diagnostic at n's position.
func (d *document) diag(severity string, n *postree.Node, msg string) evidence.Diagnostic {
	return d.file.Diag(severity, n, msg)
}
