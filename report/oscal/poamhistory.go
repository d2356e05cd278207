package oscal

import (
	"fmt"
	"time"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// withHistory carries a history across runs into the POA&M risk of a
// finding and its item: the date the finding was first seen (a first-seen
// prop on the item, the item's original detection), and a risk log whose
// milestones are that first sighting and this assessment, which still finds
// it. It changes nothing when the run has no history.
func withHistory(h *assess.History, it view.PlanItem, rk *oscalTypes.Risk, item *oscalTypes.PoamItem, ts time.Time) {
	if h == nil {
		return
	}
	first := h.FirstSeenOf(it.Fingerprint())
	if first.IsZero() || first.After(ts) {
		first = ts
	}
	first = first.UTC().Truncate(time.Second)
	if item.Props == nil {
		item.Props = &[]oscalTypes.Property{}
	}
	if p, ok := prop("first-seen", first.Format(time.RFC3339)); ok {
		*item.Props = append(*item.Props, p)
	}
	status := "open"
	if it.Waived() {
		status = "deviation-approved"
	}
	entries := []oscalTypes.RiskLogEntry{{
		UUID: id("risk-log", rk.UUID, "first-seen"), Title: "First seen", Start: first, StatusChange: "open",
		Description: fmt.Sprintf("Finding %s was first seen by the assessment of %s (history %s).",
			it.ID(), first.Format(time.RFC3339), h.Scope),
	}}
	if first.Before(ts) {
		entries = append(entries, oscalTypes.RiskLogEntry{
			UUID: id("risk-log", rk.UUID, "assessed", ts.Format(time.RFC3339)), Title: "Still found", Start: ts, StatusChange: status,
			Description: fmt.Sprintf("The assessment of %s still finds %s, first seen %s.",
				ts.Format(time.RFC3339), it.ID(), first.Format("2006-01-02")),
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
