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
	if h := x.R.History; h != nil {
		if seen := h.FirstSeenOf(f.Fingerprint()); !seen.IsZero() && seen.Before(at) {
			at = seen.UTC()
		}
	}
	if b := x.R.Baseline; b != nil && !b.Timestamp.IsZero() && b.Known[f.Fingerprint()] && b.Timestamp.Before(at) {
		at = b.Timestamp.UTC()
	}
	return at
}

// Plan is the plan items of the findings, each made when it is asked for:
// a report that lists them one at a time holds only the findings, not an
// item per finding (at fleet scale, two reports writing at once held tens
// of MB of items).
type Plan struct {
	x        *Index
	policy   engagement.Policy
	org      engagement.Party
	findings []Finding
}

// Plan returns the plan of every finding (failing and waived pairs), in
// the order of Findings.
func (x *Index) Plan(eng engagement.Engagement) Plan {
	policy := eng.Remediation
	if policy.Days == nil {
		policy = engagement.DefaultPolicy()
	}
	return Plan{x: x, policy: policy, org: eng.Organization, findings: x.Findings()}
}

// Len is the number of plan items.
func (p Plan) Len() int { return len(p.findings) }

// Finding returns finding i, without making its plan item.
func (p Plan) Finding(i int) Finding { return p.findings[i] }

// Item returns the plan item of finding i.
func (p Plan) Item(i int) PlanItem {
	f := p.findings[i]
	it := PlanItem{Finding: f, Detected: p.x.Detected(f), Status: PlanOpen, Owner: p.policy.PointOfContact}
	if !it.Owner.Named() {
		it.Owner = p.org
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
		it.Deadline, it.HasDeadline = p.policy.Deadline(f.Control.Severity, it.Detected)
	}
	return it
}

// PlanItems returns a plan item for every finding (failing and waived
// pairs), in the order of Findings.
func (x *Index) PlanItems(eng engagement.Engagement) []PlanItem {
	p := x.Plan(eng)
	out := make([]PlanItem, p.Len())
	for i := range out {
		out[i] = p.Item(i)
	}
	return out
}
