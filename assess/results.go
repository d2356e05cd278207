// Package assess is the engine: it judges every applicable control against
// every subject with CUE, applies waivers and attestations, and rolls verdicts
// up per control and per framework requirement. It knows nothing of report
// formats: every report reads the one Results value it returns.
package assess

import (
	"strings"
	"time"

	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/mappings"
)

// Verdict is the outcome of one control against one subject.
type Verdict string

// Verdicts.
const (
	VerdictPass          Verdict = "pass"
	VerdictFail          Verdict = "fail"
	VerdictNotApplicable Verdict = "not-applicable"
	VerdictError         Verdict = "error"  // the evidence or the check could not be evaluated
	VerdictWaived        Verdict = "waived" // a fail under a valid waiver
	VerdictManual        Verdict = "manual" // a manual control awaiting (or with) an attestation
)

// Status is the rolled-up state of a control or a framework requirement.
type Status string

// Statuses.
const (
	StatusSatisfied    Status = "satisfied"
	StatusNotSatisfied Status = "not-satisfied"
	// StatusWaived: no unwaived failure, but failures accepted under
	// waivers (approved deviations). The requirement is not met; the risk
	// is accepted until the waiver expires.
	StatusWaived      Status = "waived"
	StatusNotAssessed Status = "not-assessed" // nothing maps to it, or no applicable subject
	StatusManual      Status = "manual"       // only manual controls map to it and none is attested
	StatusError       Status = "error"        // an evaluation error left it undecided
)

// Label renders a control's roll-up status for people: "Not satisfied",
// "Waived (deviation approved)".
func (s Status) Label() string {
	switch s {
	case StatusSatisfied:
		return "Satisfied"
	case StatusNotSatisfied:
		return "Not satisfied"
	case StatusWaived:
		return "Waived (deviation approved)"
	case StatusNotAssessed:
		return "Not assessed"
	case StatusManual:
		return "Manual"
	case StatusError:
		return "Error"
	}
	return string(s)
}

// RequirementLabel renders a framework requirement's status for people. A
// requirement is judged only for its MCP scope (what the controls mapped to
// it examine), and the label says so: never "satisfied" alone.
func (s Status) RequirementLabel() string {
	switch s {
	case StatusSatisfied:
		return "MCP scope met"
	case StatusNotSatisfied:
		return "MCP scope not met"
	case StatusWaived:
		return "Not met, deviation approved"
	case StatusNotAssessed:
		return "Not assessed"
	case StatusManual:
		return "Awaiting attestation"
	case StatusError:
		return "Undecided (error)"
	}
	return string(s)
}

// Assessed reports whether the status was decided by evidence: satisfied,
// not satisfied, or not satisfied with the deviation approved (waived).
func (s Status) Assessed() bool {
	return s == StatusSatisfied || s == StatusNotSatisfied || s == StatusWaived
}

// Reason is one cause of a failure: where in the subject, and what is wrong.
type Reason struct {
	Path   string `json:"path"`   // CUE path in the subject, e.g. env.GITHUB_TOKEN.kind
	Detail string `json:"detail"` // CUE's explanation, with no secret value
}

// Evaluation is one control judged against one subject.
type Evaluation struct {
	ControlID string  `json:"control"`
	SubjectID string  `json:"subject"`
	Verdict   Verdict `json:"verdict"`
	// Message is the control's message filled from the subject (fail, waived,
	// error), or its credit for a pass (what a linked subject contributed).
	Message string   `json:"message,omitempty"`
	Reasons []Reason `json:"reasons,omitempty"`
	// Waiver names the waiver that turned a fail into waived.
	Waiver string `json:"waiver,omitempty"`
	// Attestation names the attestation that satisfied a manual control.
	Attestation string `json:"attestation,omitempty"`
	// fingerprint is Fingerprint, computed once when the engine records a
	// failure or an error, so that the reports, which each quote it, do not
	// hash the same pair again and again.
	fingerprint string
	// subject is one more than the position of the judged subject among
	// the run's subjects, when the engine recorded it (see SubjectIndex).
	subject int32
}

// SubjectIndex is where the evaluation's subject is in the Subjects of the
// results the engine judged it for, or -1 when the evaluation does not
// record it (it was made elsewhere, or read from a file). It lets a report
// find the subject without looking its ID up; the subject there must have
// the evaluation's SubjectID, or the position is not the evaluation's.
func (e *Evaluation) SubjectIndex() int { return int(e.subject) - 1 }

// Counts tallies verdicts.
type Counts struct {
	Pass          int `json:"pass"`
	Fail          int `json:"fail"`
	NotApplicable int `json:"not_applicable"`
	Error         int `json:"error"`
	Waived        int `json:"waived"`
	Manual        int `json:"manual"`
}

// Add counts one verdict.
func (c *Counts) Add(v Verdict) {
	switch v {
	case VerdictPass:
		c.Pass++
	case VerdictFail:
		c.Fail++
	case VerdictNotApplicable:
		c.NotApplicable++
	case VerdictError:
		c.Error++
	case VerdictWaived:
		c.Waived++
	case VerdictManual:
		c.Manual++
	}
}

// ControlResult is one control's verdicts and roll-up.
type ControlResult struct {
	Control *controls.Control `json:"control"`
	Status  Status            `json:"status"`
	// Reason explains the status in a sentence.
	Reason string `json:"reason"`
	Counts Counts `json:"counts"`
	// Evaluations are sorted by subject ID; not-applicable ones are omitted.
	Evaluations []Evaluation `json:"evaluations"`
}

// RequirementResult is one framework requirement's roll-up.
type RequirementResult struct {
	Requirement mappings.Requirement `json:"requirement"`
	Status      Status               `json:"status"`
	// Reason explains the status in a sentence.
	Reason string `json:"reason"`
	// Links are the controls mapped to the requirement, with their provenance.
	Links []mappings.Link `json:"links"`
}

// FrameworkTally counts requirement statuses.
type FrameworkTally struct {
	Satisfied    int `json:"satisfied"`
	NotSatisfied int `json:"not_satisfied"`
	Waived       int `json:"waived"`
	NotAssessed  int `json:"not_assessed"`
	Manual       int `json:"manual"`
	Error        int `json:"error"`
}

// Assessed is the number of requirements decided by evidence (satisfied,
// not satisfied or waived).
func (t FrameworkTally) Assessed() int { return t.Satisfied + t.NotSatisfied + t.Waived }

// Total is the number of requirements counted.
func (t FrameworkTally) Total() int { return t.Assessed() + t.NotAssessed + t.Manual + t.Error }

// Add counts one status.
func (t *FrameworkTally) Add(s Status) {
	switch s {
	case StatusSatisfied:
		t.Satisfied++
	case StatusNotSatisfied:
		t.NotSatisfied++
	case StatusWaived:
		t.Waived++
	case StatusNotAssessed:
		t.NotAssessed++
	case StatusManual:
		t.Manual++
	case StatusError:
		t.Error++
	}
}

// FrameworkResult is one framework's roll-up.
type FrameworkResult struct {
	Framework *mappings.Framework `json:"framework"`
	// Requirements are in the framework's own order.
	Requirements []RequirementResult `json:"requirements"`
	Tally        FrameworkTally      `json:"tally"`
}

// Results is everything one assessment found. Reports read only this.
type Results struct {
	// Tool and Version identify the producer.
	Tool    string `json:"tool"`
	Version string `json:"version"`
	// Timestamp is the assessment time (pinned by --timestamp / SOURCE_DATE_EPOCH).
	Timestamp time.Time `json:"timestamp"`
	// Subjects are all subjects assessed, sorted by ID.
	Subjects []evidence.Subject `json:"subjects"`
	// Artifacts are the evidence files behind the subjects (path in the bundle and hash).
	Artifacts []evidence.Artifact `json:"artifacts"`
	// Controls are sorted by control ID.
	Controls []ControlResult `json:"controls"`
	// Frameworks are sorted by framework ID.
	Frameworks []FrameworkResult `json:"frameworks"`
	// Risks is the taxonomy the controls refer to.
	Risks []controls.Risk `json:"risks"`
	// Waivers are the waivers loaded for the run, sorted by ID, including
	// expired and unused ones, so reports can show who accepted which risk
	// and until when.
	Waivers []WaiverRecord `json:"waivers,omitempty"`
	// Attestations are the attestations loaded for the run, sorted by ID,
	// including expired ones.
	Attestations []AttestationRecord `json:"attestations,omitempty"`
	// Counts tallies every evaluation of every control.
	Counts Counts `json:"counts"`
	// Baseline, when set, says which findings an earlier run already had.
	Baseline *Baseline `json:"baseline,omitempty"`
	// History, when set, is what the history store knows about the run.
	History *History `json:"history,omitempty"`
	// Policy, when set, is the organisation policy the subjects were
	// judged against.
	Policy *PolicyRecord `json:"policy,omitempty"`
}

// PolicyRecord is the organisation policy an assessment was given, as
// reports cite it: its files with their hashes (stored in the evidence
// bundle) and what it holds.
type PolicyRecord struct {
	// Owner answers for the policy; Reviewed is its last review date.
	Owner    string `json:"owner,omitempty"`
	Reviewed string `json:"reviewed,omitempty"`
	// Files are the policy's files, with their hashes and, once the
	// evidence bundle holds them, their path in it.
	Files []PolicyFile `json:"files"`
	// Approved, Denied, Required and Exceptions count the policy's entries.
	Approved   int `json:"approved"`
	Denied     int `json:"denied"`
	Required   int `json:"required"`
	Exceptions int `json:"exceptions"`
}

// PolicyFile is one file of an organisation policy.
type PolicyFile struct {
	// Path is the file's path as given to the assessment.
	Path string `json:"path"`
	// Artifact is the artifact path that stores the file in the evidence
	// bundle (evidence.Artifact.Path), when it is stored there.
	Artifact string `json:"artifact,omitempty"`
	SHA256   string `json:"sha256"`
	Size     int64  `json:"size"`
}

// Attestation statuses.
const (
	AttestationValid   = "valid"   // unexpired: it satisfies its manual control
	AttestationExpired = "expired" // past its expiry: it no longer counts
	// AttestationSuperseded marks an attestation of a control that the
	// assessment judged automatically (MCP-GOV-01 with an organisation
	// policy): it is reported and does not count.
	AttestationSuperseded = "superseded"
)

// AttestationRecord is one attestation as reports show it (Evaluation.Attestation holds its ID).
type AttestationRecord struct {
	ID         string `json:"id"`
	Control    string `json:"control"`
	Statement  string `json:"statement"`
	AttestedBy string `json:"attested_by"`
	// Evidence is the path (relative to the attestation file) or URL given.
	Evidence string `json:"evidence"`
	// EvidenceSHA256 is the hex sha256 of the evidence file (empty for URLs).
	EvidenceSHA256 string `json:"evidence_sha256,omitempty"`
	// EvidencePath is where the evidence file was read (not recorded in
	// results.json: the bundle an assessment writes holds a copy of it, at
	// BundlePath).
	EvidencePath string    `json:"-"`
	Expires      time.Time `json:"expires"`
	// Status is one of the Attestation* constants.
	Status string `json:"status"`
	// File and Line locate the attestation block.
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
}

// Waiver statuses.
const (
	WaiverActive  = "active"  // valid and matched at least one failure
	WaiverUnused  = "unused"  // valid but matched no failure
	WaiverExpired = "expired" // past its expiry: it no longer applies
)

// WaiverRecord is one waiver as reports show it (Evaluation.Waiver holds its ID).
type WaiverRecord struct {
	ID      string `json:"id"`
	Control string `json:"control"`
	// Subjects are the subject selectors as written in the waiver file.
	Subjects      []string  `json:"subjects,omitempty"`
	Justification string    `json:"justification"`
	Owner         string    `json:"owner"`
	ApprovedBy    string    `json:"approved_by"`
	Expires       time.Time `json:"expires"`
	// Status is one of the Waiver* constants.
	Status string `json:"status"`
	// Matched is the number of failures the waiver turned into waived.
	Matched int `json:"matched"`
	// Reasons, when set, are the failing facts the waiver is limited to
	// (waivers made from an organisation policy's exceptions).
	Reasons []string `json:"reasons,omitempty"`
	// File and Line locate the waiver block.
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
}

// AttestationsDir is the folder of an evidence bundle written with reports
// that holds copies of the attestations' evidence files.
const AttestationsDir = "attestations"

// BundlePath is where the copy of the attestation's evidence file sits in
// the evidence bundle an assessment writes, slash-separated and relative to
// the bundle: attestations/<id>/<file name>. It is "" when the evidence is
// a URL. The attestation ID and file name are reduced to letters, digits,
// '.', '-' and '_', so the path stays inside its folder.
func (a AttestationRecord) BundlePath() string {
	if a.EvidenceSHA256 == "" || a.Evidence == "" {
		return ""
	}
	base := a.Evidence
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	return AttestationsDir + "/" + safeName(a.ID) + "/" + safeName(base)
}

// safeName keeps letters, digits, '.', '-' and '_' and replaces anything
// else with '-'; a name of dots only becomes "_".
func safeName(s string) string {
	out := []rune(s)
	for i, r := range out {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_') {
			out[i] = '-'
		}
	}
	name := string(out)
	if strings.Trim(name, ".") == "" {
		return "_"
	}
	return name
}
