package view

import (
	"time"

	"github.com/tollgate-dev/tollgate/report/engagement"
)

// Plan-of-action statuses of a finding.
const (
	PlanOpen         = "open"          // to be remediated by its deadline
	PlanRiskAccepted = "risk-accepted" // accepted under a waiver until it expires
)

// PlanItem is what a plan of action and milestones says about one finding:
// when it was first detected, who owns it, by when it is due and how risky
// it is. The OSCAL POA&M and the workbook's POA&M sheet read the same items,
// so they list the same findings with the same dates and owners.
type PlanItem struct {
	Finding
	// Detected is when the finding was first known: its first run in the
	// history store or the baseline, else this assessment's time.
	Detected time.Time
	// Deadline is when it is due: the waiver's expiry for an accepted risk,
	// else detection plus the policy's days for its severity. HasDeadline
	// is false when the policy sets none.
	Deadline    time.Time
	HasDeadline bool
	// Status is PlanOpen or PlanRiskAccepted.
	Status string
	// Owner is the waiver's owner for an accepted risk, else the policy's
	// point of contact, else the assessed organisation (possibly unnamed).
	Owner engagement.Party
	// Rating is the likelihood, impact and risk its severity stands for.
	Rating engagement.Rating
}

// Detected is when a finding was first known: the first run of the history
// store that had it (by fingerprint), else the time of the baseline run when
// the baseline already had it, else this assessment's time.
func (x *Index) Detected(f Finding) time.Time {
	at := x.R.Timestamp.UTC()
	if seen := x.R.History.FirstSeenOf(f.Fingerprint()); !seen.IsZero() && seen.Before(at) {
		at = seen.UTC()
	}
	if b := x.R.Baseline; b != nil && !b.Timestamp.IsZero() && b.Known[f.Fingerprint()] && b.Timestamp.Before(at) {
		at = b.Timestamp.UTC()
	}
	return at
}

// PlanItems returns a plan item for every finding (failing and waived
// pairs), in the order of Findings.
func (x *Index) PlanItems(eng engagement.Engagement) []PlanItem {
	policy := eng.Remediation
	if policy.Days == nil {
		policy = engagement.DefaultPolicy()
	}
	fs := x.Findings()
	out := make([]PlanItem, 0, len(fs))
	for _, f := range fs {
		it := PlanItem{Finding: f, Detected: x.Detected(f), Status: PlanOpen, Owner: policy.PointOfContact}
		if !it.Owner.Named() {
			it.Owner = eng.Organization
		}
		it.Rating, _ = engagement.RatingFor(f.Control.Severity)
		if f.Waived() {
			it.Status = PlanRiskAccepted
			if f.Waiver != nil {
				it.Owner = engagement.ParseParty(f.Waiver.Owner)
				if !f.Waiver.Expires.IsZero() {
					it.Deadline, it.HasDeadline = f.Waiver.Expires.UTC(), true
				}
			}
		} else {
			it.Deadline, it.HasDeadline = policy.Deadline(f.Control.Severity, it.Detected)
		}
		out = append(out, it)
	}
	return out
}
