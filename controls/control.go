// Package controls holds the control catalog: the MCP risk taxonomy, the
// built-in controls (HCL files with CUE checks, embedded), and the loader that
// reads and validates them together with users' own catalogs.
package controls

import "github.com/tollgate-dev/tollgate/evidence"

// Severities, most severe first.
var Severities = []string{"critical", "high", "medium", "low", "info"}

// SeverityRank returns 0 for critical … 4 for info, and -1 for an unknown severity.
func SeverityRank(s string) int {
	for i, known := range Severities {
		if s == known {
			return i
		}
	}
	return -1
}

// Control is one declarative check.
type Control struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Family   string   `json:"family"`
	Severity string   `json:"severity"`
	Risks    []string `json:"risks"`
	// Subject is the subject kind the control judges.
	Subject     evidence.Kind `json:"subject"`
	Description string        `json:"description"`
	Remediation string        `json:"remediation"`
	// Manual is true for controls no machine can check: they are satisfied
	// only by a valid attestation.
	Manual bool `json:"manual"`
	// Guidance says what an attestation of a manual control must show.
	Guidance string `json:"guidance,omitempty"`
	// When is CUE that selects applicable subjects ("" = every subject of the kind).
	When string `json:"when,omitempty"`
	// Check is CUE every applicable subject must unify with to pass.
	Check string `json:"check,omitempty"`
	// Message is a text/template filled from the subject for a failure.
	Message string `json:"message,omitempty"`
	// References are links to specs, advisories or docs.
	References []string  `json:"references,omitempty"`
	Examples   []Example `json:"examples"`
	// File and Line locate the control block in its catalog file.
	File string `json:"file"`
	Line int    `json:"line"`
	// Builtin is true for controls shipped with Tollgate.
	Builtin bool `json:"builtin"`
}

// Example is a subject with the verdict the control must give it.
type Example struct {
	Name string `json:"name"`
	// Expect is pass, fail or not-applicable.
	Expect string `json:"expect"`
	// Subject is the example subject as JSON (the subject's JSON encoding).
	Subject map[string]any `json:"subject"`
	Line    int            `json:"line"`
}

// Risk is one entry of the MCP risk taxonomy.
type Risk struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
	// File and Line locate the risk block in its catalog file.
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
}
