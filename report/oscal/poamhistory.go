package oscal

import (
	"fmt"
	"time"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/assess"
)

// withHistory carries a history across runs into a POA&M risk and its item:
// the date the earliest of its findings was first seen (a first-seen prop on
// the item, the item's original detection), and a risk log whose milestones
// are that first sighting and this assessment, which still finds it. It
// changes nothing when the run has no history.
func withHistory(r *assess.Results, cr *assess.ControlResult, rk *oscalTypes.Risk, item *oscalTypes.PoamItem, ts time.Time) {
	h := r.History
	if h == nil {
		return
	}
	accepted := rk.Status == "deviation-approved"
	var first time.Time
	older := 0
	count := 0
	for _, e := range cr.Evaluations {
		if (e.Verdict == assess.VerdictWaived) != accepted || (accepted && !riskHasWaiver(rk, e.Waiver)) {
			continue
		}
		count++
		seen := h.FirstSeenOf(e.Fingerprint())
		if seen.IsZero() {
			seen = ts
		}
		seen = seen.UTC().Truncate(time.Second)
		if seen.Before(ts) {
			older++
		}
		if first.IsZero() || seen.Before(first) {
			first = seen
		}
	}
	if count == 0 {
		return
	}
	if item.Props == nil {
		item.Props = &[]oscalTypes.Property{}
	}
	if p, ok := prop("first-seen", first.Format(time.RFC3339)); ok {
		*item.Props = append(*item.Props, p)
	}
	status := "open"
	if accepted {
		status = "deviation-approved"
	}
	entries := []oscalTypes.RiskLogEntry{{
		UUID: id("risk-log", rk.UUID, "first-seen"), Title: "First seen", Start: first, StatusChange: "open",
		Description: fmt.Sprintf("The earliest of these findings was first seen by the assessment of %s (history %s).",
			first.Format(time.RFC3339), h.Scope),
	}}
	if first.Before(ts) {
		entries = append(entries, oscalTypes.RiskLogEntry{
			UUID: id("risk-log", rk.UUID, "assessed", ts.Format(time.RFC3339)), Title: "Still found", Start: ts, StatusChange: status,
			Description: fmt.Sprintf("The assessment of %s still finds %d of these findings: %d seen before, %d new since.",
				ts.Format(time.RFC3339), count, older, count-older),
		})
	}
	rk.RiskLog = &oscalTypes.RiskLog{Entries: entries}
}

// firstSeen is when the history first saw a failing or waived pair
// (RFC 3339), or "" without a history or for other verdicts.
func firstSeen(h *assess.History, e assess.Evaluation) string {
	if e.Verdict != assess.VerdictFail && e.Verdict != assess.VerdictWaived {
		return ""
	}
	if t := h.FirstSeenOf(e.Fingerprint()); !t.IsZero() {
		return t.UTC().Truncate(time.Second).Format(time.RFC3339)
	}
	return ""
}

// riskHasWaiver reports whether a deviation-approved risk stands for the
// given waiver.
func riskHasWaiver(rk *oscalTypes.Risk, waiver string) bool {
	if rk.Props == nil {
		return false
	}
	for _, p := range *rk.Props {
		if p.Name == "waiver" && p.Value == waiver {
			return true
		}
	}
	return false
}
