package assess

import (
	"cmp"
	"slices"
	"time"

	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/evidence"
)

// applyWaivers turns failures matched by a valid waiver into waived
// verdicts (the first matching waiver by ID wins) and reports every waiver
// with its status and match count.
func applyWaivers(cat *controls.Catalog, evals [][]Evaluation, subjects []evidence.Subject, waivers []Waiver, now time.Time) []WaiverRecord {
	if len(waivers) == 0 {
		return nil
	}
	sorted := slices.Clone(waivers)
	slices.SortFunc(sorted, func(a, b Waiver) int { return cmp.Compare(a.ID, b.ID) })
	records := make([]WaiverRecord, len(sorted))
	byControl := map[string][]activeWaiver{}
	for i, w := range sorted {
		records[i] = WaiverRecord{
			ID: w.ID, Control: w.Control, Subjects: w.Subjects, Justification: w.Justification,
			Owner: w.Owner, ApprovedBy: w.ApprovedBy, Expires: w.Expires, File: w.File, Line: w.Line,
			Status: WaiverUnused, Reasons: w.Reasons,
		}
		if w.Expired(now) {
			records[i].Status = WaiverExpired
			continue
		}
		a := activeWaiver{idx: i, waiver: &sorted[i]}
		for _, p := range w.Subjects {
			a.selectors = append(a.selectors, newSelector(p))
		}
		for _, p := range w.Reasons {
			a.reasons = append(a.reasons, newSelector(p))
		}
		byControl[w.Control] = append(byControl[w.Control], a)
	}
	names := make(map[string]string, len(subjects))
	for _, s := range subjects {
		names[s.Metadata().ID] = s.Metadata().Name
	}
	for ci, c := range cat.Controls {
		ws := byControl[c.ID]
		if len(ws) == 0 {
			continue
		}
		for ei := range evals[ci] {
			e := &evals[ci][ei]
			if e.Verdict != VerdictFail {
				continue
			}
			for _, w := range ws {
				if !w.covers(e, names[e.SubjectID]) {
					continue
				}
				e.Verdict, e.Waiver = VerdictWaived, records[w.idx].ID
				records[w.idx].Matched++
				records[w.idx].Status = WaiverActive
				break
			}
		}
	}
	return records
}

// activeWaiver is a waiver in force, compiled.
type activeWaiver struct {
	idx       int
	selectors []selector
	waiver    *Waiver
	reasons   []selector
}

// covers reports whether an active waiver covers the failure e of the
// subject named name: it selects the subject, and, when it lists reasons,
// every failing fact is one of them.
func (a activeWaiver) covers(e *Evaluation, name string) bool {
	selected := false
	if a.waiver.Select != nil {
		selected = a.waiver.Select(e.SubjectID)
	} else {
		for _, sel := range a.selectors {
			if sel.match(e.SubjectID, name) {
				selected = true
				break
			}
		}
	}
	if !selected || len(a.reasons) == 0 {
		return selected
	}
	if len(e.Reasons) == 0 {
		return false
	}
	for _, r := range e.Reasons {
		if !slices.ContainsFunc(a.reasons, func(sel selector) bool { return sel.re.MatchString(r.Path) }) {
			return false
		}
	}
	return true
}

// attestationsByControl reports every attestation with its status and
// returns, per manual control, the valid attestation that counts (the one
// expiring last; ties by ID) and the IDs of its expired attestations. An
// attestation of a control the catalog judges automatically (a control an
// organisation policy automates) is superseded: reported, not counted.
func attestationsByControl(cat *controls.Catalog, atts []Attestation, now time.Time) ([]AttestationRecord, map[string]*AttestationRecord, map[string][]string) {
	var records []AttestationRecord
	for _, a := range atts {
		r := AttestationRecord{
			ID: a.ID, Control: a.Control, Statement: a.Statement, AttestedBy: a.AttestedBy,
			Evidence: a.Evidence, EvidenceSHA256: a.EvidenceSHA256, EvidencePath: a.EvidencePath, Expires: a.Expires,
			Status: AttestationValid, File: a.File, Line: a.Line,
		}
		if a.Expired(now) {
			r.Status = AttestationExpired
		}
		if c := cat.Control(a.Control); c != nil && !c.Manual {
			r.Status = AttestationSuperseded
		}
		records = append(records, r)
	}
	slices.SortFunc(records, func(a, b AttestationRecord) int { return cmp.Compare(a.ID, b.ID) })
	best := map[string]*AttestationRecord{}
	expiredIDs := map[string][]string{}
	for i := range records {
		r := &records[i]
		if r.Status == AttestationSuperseded {
			continue
		}
		if r.Status != AttestationValid {
			expiredIDs[r.Control] = append(expiredIDs[r.Control], r.ID)
			continue
		}
		if cur, ok := best[r.Control]; !ok || r.Expires.After(cur.Expires) {
			best[r.Control] = r
		}
	}
	return records, best, expiredIDs
}
