package oscal

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
)

func TestPOAMCarriesFirstSeenDatesAcrossRuns(t *testing.T) {
	r := fixture.Results()
	first := time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC)
	h := &assess.History{Store: "history.db", Scope: "default", FirstSeen: map[string]time.Time{}}
	var failing assess.Evaluation
	for _, cr := range r.Controls {
		for _, e := range cr.Evaluations {
			if e.Verdict == assess.VerdictFail && failing.ControlID == "" {
				failing = e
			}
		}
	}
	h.FirstSeen[failing.Fingerprint()] = first
	r.History = h
	data, err := MarshalPOAM(r, Options{}) // validated against the OSCAL schema
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		POAM oscalTypes.PlanOfActionAndMilestones `json:"plan-of-action-and-milestones"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var firstSeen []string
	for _, item := range doc.POAM.PoamItems {
		for _, p := range *item.Props {
			if p.Name == "first-seen" {
				firstSeen = append(firstSeen, p.Value)
			}
		}
	}
	if len(firstSeen) != len(doc.POAM.PoamItems) {
		t.Errorf("%d of %d items have a first-seen date", len(firstSeen), len(doc.POAM.PoamItems))
	}
	if !strings.Contains(strings.Join(firstSeen, " "), "2025-11-03T09:00:00Z") {
		t.Errorf("the item of %s must say it was first seen on 2025-11-03: %v", failing.ControlID, firstSeen)
	}
	milestones := 0
	for _, rk := range *doc.POAM.Risks {
		if rk.RiskLog == nil {
			t.Errorf("risk %q has no risk log", rk.Title)
			continue
		}
		for _, e := range rk.RiskLog.Entries {
			if e.Title == "Still found" {
				milestones++
				if !e.Start.Equal(r.Timestamp.UTC().Truncate(time.Second)) {
					t.Errorf("the milestone of this assessment starts %s", e.Start)
				}
			}
		}
	}
	if milestones != 1 {
		t.Errorf("%d risks carry the milestone of an earlier first sighting, want 1", milestones)
	}
	// The assessment results mark the finding too.
	ar, err := Marshal(r, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(ar), `"first-seen"`) || !strings.Contains(string(ar), "2025-11-03T09:00:00Z") {
		t.Error("the assessment results must say when the finding was first seen")
	}
	// Without a history nothing changes.
	r.History = nil
	plain, err := MarshalPOAM(r, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(plain), "first-seen") || strings.Contains(string(plain), "risk-log") {
		t.Error("a run without history has no first-seen dates")
	}
}
