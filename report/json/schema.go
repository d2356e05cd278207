package json

// SchemaVersion is the version of the results.json format. It changes only
// when a field is removed or changes meaning; new fields may be added within
// a version. The format is documented in docs/results-json.md.
const SchemaVersion = "2"

// Document is results.json.
type Document struct {
	SchemaVersion string `json:"schema_version"`
	Tool          Tool   `json:"tool"`
	Timestamp     string `json:"timestamp"`
	// FingerprintRecipe names how the findings' fingerprints were made.
	FingerprintRecipe string        `json:"fingerprint_recipe"`
	Summary           Summary       `json:"summary"`
	Frameworks        []Framework   `json:"frameworks"`
	Controls          []Control     `json:"controls"`
	Findings          []Finding     `json:"findings"`
	Errors            []Finding     `json:"errors"`
	Subjects          []Subject     `json:"subjects"`
	Artifacts         []Artifact    `json:"artifacts"`
	Waivers           []Waiver      `json:"waivers"`
	Attestations      []Attestation `json:"attestations"`
	Risks             []Risk        `json:"risks"`
	// Baseline compares the run with a baseline run; absent without one.
	Baseline *Baseline `json:"baseline,omitempty"`
	// Policy is the organisation policy the run was given; absent without one.
	Policy *Policy `json:"policy,omitempty"`
}

// Policy is the organisation policy an assessment was given.
type Policy struct {
	Owner      string       `json:"owner"`
	Reviewed   string       `json:"reviewed"`
	Files      []PolicyFile `json:"files"`
	Approved   int          `json:"approved"`
	Denied     int          `json:"denied"`
	Required   int          `json:"required"`
	Exceptions int          `json:"exceptions"`
}

// PolicyFile is one file of the policy, as stored in the evidence bundle.
type PolicyFile struct {
	Path     string `json:"path"`
	Artifact string `json:"artifact"`
	SHA256   string `json:"sha256"`
	Size     int64  `json:"size"`
}

// Baseline says how the run compares with the baseline it was gated against.
type Baseline struct {
	Source    string `json:"source"`
	Timestamp string `json:"timestamp"`
	// New and Unchanged count this run's findings (failing or waived) absent
	// from the baseline and already in it.
	New       int `json:"new"`
	Unchanged int `json:"unchanged"`
	// Fixed are the baseline's findings that neither fail nor are waived now.
	Fixed []BaselineFinding `json:"fixed"`
}

// BaselineFinding is one finding of the baseline run.
type BaselineFinding struct {
	ID          string `json:"id"`
	Fingerprint string `json:"fingerprint"`
	Control     string `json:"control"`
	Title       string `json:"title"`
	Severity    string `json:"severity"`
	Subject     string `json:"subject"`
	SubjectName string `json:"subject_name"`
	Location    string `json:"location"`
	Verdict     string `json:"verdict"`
}

// Tool identifies the producer.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Summary holds the run's headline numbers.
type Summary struct {
	Subjects      int            `json:"subjects"`
	Controls      int            `json:"controls"`
	Verdicts      Verdicts       `json:"verdicts"`
	ControlStatus Tally          `json:"control_status"`
	Failures      int            `json:"failures"`
	Waived        int            `json:"waived"`
	Errors        int            `json:"errors"`
	BySeverity    map[string]int `json:"failures_by_severity"`
	Frameworks    []FrameworkSum `json:"frameworks"`
}

// Verdicts counts control × subject verdicts.
type Verdicts struct {
	Pass          int `json:"pass"`
	Fail          int `json:"fail"`
	NotApplicable int `json:"not_applicable"`
	Error         int `json:"error"`
	Waived        int `json:"waived"`
	Manual        int `json:"manual"`
}

// Tally counts roll-up statuses.
type Tally struct {
	Satisfied    int `json:"satisfied"`
	NotSatisfied int `json:"not_satisfied"`
	Waived       int `json:"waived"`
	NotAssessed  int `json:"not_assessed"`
	Manual       int `json:"manual"`
	Error        int `json:"error"`
}

// FrameworkSum is one framework's line in the summary.
type FrameworkSum struct {
	ID           string `json:"id"`
	Title        string `json:"title"`
	Requirements int    `json:"requirements"`
	Tally        Tally  `json:"tally"`
}

// Framework is one framework with every requirement's status.
type Framework struct {
	ID           string        `json:"id"`
	Title        string        `json:"title"`
	Version      string        `json:"version"`
	Main         bool          `json:"main"`
	Tally        Tally         `json:"tally"`
	Requirements []Requirement `json:"requirements"`
}

// Requirement is one framework requirement's roll-up.
type Requirement struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Group    string `json:"group"`
	Status   string `json:"status"`
	Reason   string `json:"reason"`
	Controls []Link `json:"controls"`
}

// Link is a control mapped to a requirement.
type Link struct {
	Control    string `json:"control"`
	Provenance string `json:"provenance"`
	Rationale  string `json:"rationale"`
	// Via is the SP 800-53 control an official link's crosswalk row relates
	// the requirement to ("" for asserted links).
	Via string `json:"via"`
	// Crosswalk names the published crosswalk an official link rests on
	// ("" for asserted links).
	Crosswalk string `json:"crosswalk"`
	// Objectives are the assessment objectives the link judges precisely.
	Objectives []string `json:"objectives"`
}

// Control is one control with its verdicts.
type Control struct {
	ID           string       `json:"id"`
	Title        string       `json:"title"`
	Family       string       `json:"family"`
	Severity     string       `json:"severity"`
	Risks        []string     `json:"risks"`
	SubjectKind  string       `json:"subject_kind"`
	Manual       bool         `json:"manual"`
	Builtin      bool         `json:"builtin"`
	Status       string       `json:"status"`
	Reason       string       `json:"reason"`
	Counts       Verdicts     `json:"counts"`
	Remediation  string       `json:"remediation"`
	References   []string     `json:"references"`
	Source       Position     `json:"source"`
	Requirements []string     `json:"requirements"`
	Evaluations  []Evaluation `json:"evaluations"`
}

// Position is a file and line.
type Position struct {
	File string `json:"file"`
	Line int    `json:"line"`
}

// Evaluation is one control × subject verdict.
type Evaluation struct {
	Subject     string   `json:"subject"`
	Verdict     string   `json:"verdict"`
	Message     string   `json:"message"`
	Reasons     []Reason `json:"reasons"`
	Waiver      string   `json:"waiver"`
	Attestation string   `json:"attestation"`
	Location    string   `json:"location"`
}

// Reason is one cause of a failure.
type Reason struct {
	Path   string `json:"path"`
	Detail string `json:"detail"`
}

// Finding is one failing, waived or errored control × subject pair.
type Finding struct {
	ID           string   `json:"id"`
	Fingerprint  string   `json:"fingerprint"`
	Control      string   `json:"control"`
	Title        string   `json:"title"`
	Severity     string   `json:"severity"`
	Verdict      string   `json:"verdict"`
	Subject      string   `json:"subject"`
	SubjectKind  string   `json:"subject_kind"`
	SubjectName  string   `json:"subject_name"`
	Location     Location `json:"location"`
	Message      string   `json:"message"`
	Reasons      []Reason `json:"reasons"`
	Remediation  string   `json:"remediation"`
	Requirements []string `json:"requirements"`
	Waiver       string   `json:"waiver"`
	// Baseline is "new" or "baseline" when the run was compared with a
	// baseline (absent from it, already in it), else "".
	Baseline string `json:"baseline"`
}

// Location says where a subject was declared.
type Location struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	URL    string `json:"url"`
	Object string `json:"object"`
	Text   string `json:"text"`
}

// Subject is one assessed subject's non-secret facts.
type Subject struct {
	ID           string   `json:"id"`
	Kind         string   `json:"kind"`
	Name         string   `json:"name"`
	Client       string   `json:"client"`
	Format       string   `json:"format"`
	Scope        string   `json:"scope"`
	Transport    string   `json:"transport"`
	Location     string   `json:"location"`
	Collector    string   `json:"collector"`
	Package      string   `json:"package"`
	Endpoint     string   `json:"endpoint"`
	SourceStatus string   `json:"source_status"`
	SHA256       string   `json:"sha256"`
	Links        []string `json:"links"`
}

// Artifact is one evidence file.
type Artifact struct {
	Path           string `json:"path"`
	BundlePath     string `json:"bundle_path"`
	SHA256         string `json:"sha256"`
	RedactedSHA256 string `json:"redacted_sha256"`
	Format         string `json:"format"`
	Size           int64  `json:"size"`
}

// Waiver is one waiver and how it was used.
type Waiver struct {
	ID            string   `json:"id"`
	Control       string   `json:"control"`
	Subjects      []string `json:"subjects"`
	Justification string   `json:"justification"`
	Owner         string   `json:"owner"`
	ApprovedBy    string   `json:"approved_by"`
	Expires       string   `json:"expires"`
	Status        string   `json:"status"`
	Matched       int      `json:"matched"`
	// Reasons are the failing facts a waiver made from a policy exception
	// is limited to; empty for other waivers.
	Reasons []string `json:"reasons"`
	Source  Position `json:"source"`
}

// Attestation is one attestation for a manual control.
type Attestation struct {
	ID             string   `json:"id"`
	Control        string   `json:"control"`
	Statement      string   `json:"statement"`
	AttestedBy     string   `json:"attested_by"`
	Evidence       string   `json:"evidence"`
	EvidenceSHA256 string   `json:"evidence_sha256"`
	Expires        string   `json:"expires"`
	Status         string   `json:"status"`
	Source         Position `json:"source"`
}

// Risk is one entry of the MCP risk taxonomy.
type Risk struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
}
