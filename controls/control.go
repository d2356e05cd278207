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
	// AutomatedBy names the input that turns a manual control into an
	// automated one: "policy" (an organisation policy). Such a control has
	// both guidance and checks; an assessment given that input judges it
	// by its checks (see Automate), any other by attestation.
	AutomatedBy string `json:"automated_by,omitempty"`
	// When is CUE that selects applicable subjects ("" = every subject of the kind).
	When string `json:"when,omitempty"`
	// Check is CUE every applicable subject must unify with to pass.
	Check string `json:"check,omitempty"`
	// Message is a text/template filled from the subject for a failure.
	Message string `json:"message,omitempty"`
	// Credit is a text/template filled from the subject for a pass, saying
	// what another subject contributed to it (e.g. the gateway in front of a
	// server); empty output gives the pass no message.
	Credit string `json:"credit,omitempty"`
	// References are links to specs, advisories or docs.
	References []string  `json:"references,omitempty"`
	Examples   []Example `json:"examples"`
	// File and Line locate the control block in its catalog file.
	File string `json:"file"`
	Line int    `json:"line"`
	// Builtin is true for controls shipped with Tollgate.
	Builtin bool `json:"builtin"`
}

// AutomatedByPolicy is the AutomatedBy value of controls an organisation
// policy automates.
const AutomatedByPolicy = "policy"

// Evaluable reports whether the control has checks to evaluate: every
// automated control, and a manual one that an input can automate.
func (c *Control) Evaluable() bool { return !c.Manual || c.AutomatedBy != "" }

// Automate returns a copy of the catalog in which the manual controls
// automated by input (e.g. AutomatedByPolicy) are automated: judged by their
// checks, not by attestation. The catalog itself is not changed.
func (c *Catalog) Automate(input string) *Catalog {
	out := &Catalog{Controls: make([]*Control, len(c.Controls)), Risks: c.Risks}
	for i, ctl := range c.Controls {
		out.Controls[i] = ctl
		if ctl.Manual && ctl.AutomatedBy == input {
			auto := *ctl
			auto.Manual = false
			out.Controls[i] = &auto
		}
	}
	return out
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
