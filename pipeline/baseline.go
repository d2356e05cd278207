package pipeline

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/tollgate-dev/tollgate/assess"
	resultsjson "github.com/tollgate-dev/tollgate/report/json"
)

// ApplyBaseline compares r with a baseline run and records the comparison
// in r.Baseline: which findings the baseline already had (by fingerprint)
// and which of its findings neither fail nor are waived any more. source
// names the baseline for reports.
func ApplyBaseline(r *assess.Results, base *resultsjson.Document, source string) error {
	ts, err := time.Parse(time.RFC3339, base.Timestamp)
	if err != nil {
		return fmt.Errorf("baseline %s: timestamp %q: %w", source, base.Timestamp, err)
	}
	b := &assess.Baseline{Source: source, Timestamp: ts.UTC(), Known: map[string]bool{}, Fixed: []assess.BaselineFinding{}}
	for _, f := range base.Findings {
		if isFinding(f.Verdict) {
			b.Known[f.Fingerprint] = true
		}
	}
	current := map[string]bool{}
	for _, cr := range r.Controls {
		for _, e := range cr.Evaluations {
			if isFinding(string(e.Verdict)) {
				current[e.Fingerprint()] = true
			}
		}
	}
	for _, f := range base.Findings {
		if !isFinding(f.Verdict) || current[f.Fingerprint] {
			continue
		}
		b.Fixed = append(b.Fixed, assess.BaselineFinding{ID: f.ID, Fingerprint: f.Fingerprint, Control: f.Control,
			Title: f.Title, Severity: f.Severity, Subject: f.Subject, SubjectName: f.SubjectName,
			Location: f.Location.Text, Verdict: f.Verdict})
	}
	slices.SortStableFunc(b.Fixed, func(x, y assess.BaselineFinding) int {
		return cmp.Or(cmp.Compare(x.Control, y.Control), cmp.Compare(x.Subject, y.Subject), cmp.Compare(x.Fingerprint, y.Fingerprint))
	})
	r.Baseline = b
	return nil
}

// isFinding reports whether a verdict makes a finding a baseline tracks.
func isFinding(verdict string) bool {
	return verdict == string(assess.VerdictFail) || verdict == string(assess.VerdictWaived)
}
