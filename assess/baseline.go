package assess

import "time"

// Baseline marks, in Results, which findings an earlier run (the baseline)
// already had: a team that adopts Tollgate on a legacy fleet gates only on
// failures absent from it, and sees which of its findings are gone.
// Findings are matched by fingerprint.
type Baseline struct {
	// Source names the baseline, as the user gave it.
	Source string `json:"source"`
	// Timestamp is the baseline run's assessment time.
	Timestamp time.Time `json:"timestamp"`
	// Known holds the fingerprints of the baseline's failing and waived findings.
	Known map[string]bool `json:"-"`
	// Fixed are the baseline's findings that neither fail nor are waived now,
	// sorted by control and subject.
	Fixed []BaselineFinding `json:"fixed"`
}

// BaselineFinding is one finding of a baseline run.
type BaselineFinding struct {
	ID          string `json:"id"`
	Fingerprint string `json:"fingerprint"`
	Control     string `json:"control"`
	Title       string `json:"title"`
	Severity    string `json:"severity"`
	Subject     string `json:"subject"`
	SubjectName string `json:"subject_name"`
	Location    string `json:"location"`
	// Verdict is the finding's verdict in the baseline: fail or waived.
	Verdict string `json:"verdict"`
}

// Baseline states of a finding.
const (
	BaselineNew       = "new"      // absent from the baseline
	BaselineUnchanged = "baseline" // already in the baseline
)

// State returns BaselineNew or BaselineUnchanged for a failing or waived
// evaluation, and "" for any other verdict or when there is no baseline.
func (b *Baseline) State(e Evaluation) string {
	switch {
	case b == nil || (e.Verdict != VerdictFail && e.Verdict != VerdictWaived):
		return ""
	case b.Known[e.Fingerprint()]:
		return BaselineUnchanged
	default:
		return BaselineNew
	}
}
