package assess

import "time"

// History is what a history store knows about the run, for reports: how it
// compares with the run before, when each finding was first seen, and the
// trend the run ends.
type History struct {
	// Store and Scope name the history.
	Store string `json:"store"`
	Scope string `json:"scope"`
	// Previous is the assessment time of the run before this one (zero when
	// this is the first).
	Previous time.Time `json:"previous"`
	// New counts findings failing now and absent from the previous run;
	// Fixed counts the previous run's findings that are gone.
	New   int `json:"new"`
	Fixed int `json:"fixed"`
	// FirstSeen maps the fingerprint of each finding of this run (failing or
	// waived) to the assessment time of the first run it was in.
	FirstSeen map[string]time.Time `json:"first_seen"`
	// Runs are the points of the trend, oldest first; this run is the last.
	Runs []HistoryRun `json:"runs"`
}

// HistoryRun is one run of a trend.
type HistoryRun struct {
	AssessedAt time.Time `json:"assessed_at"`
	// Failures counts failing findings per severity.
	Failures map[string]int `json:"failures"`
	// Satisfied is each framework's satisfied share of requirements, in percent.
	Satisfied map[string]float64 `json:"satisfied"`
	// MetOfAssessed is each framework's share of the requirements assessed
	// in the run (met, not met, or not met with the deviation approved) whose
	// MCP scope was met, in percent; a framework with nothing assessed is
	// absent.
	MetOfAssessed map[string]float64 `json:"met_of_assessed,omitempty"`
}

// FirstSeenOf returns when a finding was first seen, or the zero time when
// there is no history or it does not know the finding.
func (h *History) FirstSeenOf(fingerprint string) time.Time {
	if h == nil {
		return time.Time{}
	}
	return h.FirstSeen[fingerprint]
}
