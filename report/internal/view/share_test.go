package view

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
)

// TestShareHandsOneIndexToEveryReport checks that the reports of one run
// get one index while it is shared, each call to Share holding it until
// its own done, and their own index before and after.
func TestShareHandsOneIndexToEveryReport(t *testing.T) {
	r, other := fixture.Results(), fixture.Results()
	if For(r) == For(r) {
		t.Fatal("an index is shared before Share")
	}
	done := Share(r)
	x := For(r)
	if For(r) != x {
		t.Fatal("two reports of a shared run get two indexes")
	}
	if For(other) == x || For(other) == For(other) {
		t.Fatal("other results get the shared index, or one of their own twice")
	}
	again := Share(r)
	done()
	done() // a second call changes nothing
	if For(r) != x {
		t.Fatal("the index stopped being shared while a Share still holds it")
	}
	again()
	if For(r) == x {
		t.Fatal("the index is still shared after every done")
	}
}

// TestIndexReadConcurrently reads one index from several goroutines at
// once, as the report workers do (run with -race), and checks that each
// reader gets what an index of its own gives, and that what one reader does
// with the lists (append, sort by severity) reaches no other.
func TestIndexReadConcurrently(t *testing.T) {
	r := fixture.Results()
	own := New(r)
	want := [3][]Finding{own.Findings(), own.Failures(), own.Errors()}
	if len(want[0]) == 0 || len(want[1]) == len(want[0]) || len(want[2]) == 0 {
		t.Fatalf("the fixture has %d findings, %d failures and %d errors: want failures, waivers and errors", len(want[0]), len(want[1]), len(want[2]))
	}
	shared := New(r)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, cr := range r.Controls {
				for i := range cr.Evaluations {
					e := &cr.Evaluations[i]
					if j := shared.Judged(e); j.Location() != own.Location(e.SubjectID) || j.Artifact() != own.SubjectArtifact(e.SubjectID) {
						t.Errorf("%s/%s: the shared index locates the subject elsewhere", e.ControlID, e.SubjectID)
					}
				}
			}
			lists := [3][]Finding{shared.Findings(), shared.Failures(), shared.Errors()}
			for k, list := range lists {
				if !sameFindings(list, want[k]) {
					t.Errorf("list %d of the shared index differs from an index's own", k)
				}
				_ = append(list, Finding{})
				BySeverity(list)
			}
			for _, f := range lists[0] {
				if f.ID() != f.Eval.FindingID() || f.Fingerprint() != f.Eval.Fingerprint() {
					t.Errorf("finding %s has ID %s and fingerprint %s", f.Eval.FindingID(), f.ID(), f.Fingerprint())
				}
			}
		}()
	}
	wg.Wait()
	for k, list := range [3][]Finding{shared.Findings(), shared.Failures(), shared.Errors()} {
		if !sameFindings(list, want[k]) {
			t.Errorf("list %d of the shared index changed while it was read", k)
		}
	}
}

// sameFindings reports whether a and b are the same evaluations in the same
// order, with the same subject, location and artifact.
func sameFindings(a, b []Finding) bool {
	return slices.EqualFunc(a, b, func(f, g Finding) bool {
		return f.Eval == g.Eval && f.Subject == g.Subject && f.Location == g.Location && f.Artifact == g.Artifact && f.Waiver == g.Waiver
	})
}

// TestBySeverityLeavesItsListsAlone checks that BySeverity returns the
// findings of its lists, most severe first, without changing the lists
// (which may be an index's shared ones).
func TestBySeverityLeavesItsListsAlone(t *testing.T) {
	x := New(fixture.Results())
	found, errs := x.Findings(), x.Errors()
	before := slices.Concat(found, errs)
	got := BySeverity(found, errs)
	if !sameFindings(slices.Concat(found, errs), before) {
		t.Fatal("BySeverity changed its lists")
	}
	if len(got) != len(before) {
		t.Fatalf("BySeverity returned %d findings of %d", len(got), len(before))
	}
	for i := 1; i < len(got); i++ {
		a, b := got[i-1], got[i]
		if compareFindings(severity(a.Control), severity(b.Control), &a, &b) > 0 {
			t.Fatalf("%s (%s) sorts before %s (%s)", a.Control.ID, a.Control.Severity, b.Control.ID, b.Control.Severity)
		}
	}
	if !slices.ContainsFunc(got, func(f Finding) bool { return f.Eval.Verdict == assess.VerdictError }) {
		t.Fatal("the errors are not among the sorted findings")
	}
}

// severity is a control's rank in BySeverity's order: unknown severities
// last.
func severity(c *controls.Control) int {
	if r := controls.SeverityRank(c.Severity); r >= 0 {
		return r
	}
	return len(controls.Severities)
}

// TestOrderedIsStable compares ordered and BySeverity with a stable sort of
// the same findings, over lists with many equal keys, sorted, reversed and
// shuffled.
func TestOrderedIsStable(t *testing.T) {
	var ctls []*controls.Control
	for _, id := range []string{"A", "B", "C"} {
		for _, sev := range []string{"high", "low", "unknown"} {
			ctls = append(ctls, &controls.Control{ID: id + "-" + sev, Severity: sev})
		}
	}
	subjects := []*evidence.Meta{{ID: "s1"}, {ID: "s2"}, {ID: "s3"}}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 7, 100, 1000} {
		base := make([]Finding, n)
		for i := range base {
			// Eval tells the findings apart: it is what stability keeps in order.
			base[i] = Finding{Control: ctls[rng.IntN(len(ctls))], Subject: subjects[rng.IntN(len(subjects))], Eval: &assess.Evaluation{}}
		}
		sorted := slices.Clone(base)
		slices.SortStableFunc(sorted, func(a, b Finding) int { return compareFindings(0, 0, &a, &b) })
		reversed := slices.Clone(sorted)
		slices.Reverse(reversed)
		for name, in := range map[string][]Finding{"shuffled": base, "sorted": sorted, "reversed": reversed} {
			for _, bySeverity := range []bool{false, true} {
				want := slices.Clone(in)
				var rank func(*controls.Control) int
				key := func(*controls.Control) int { return 0 }
				if bySeverity {
					rank, key = severity, severity
				}
				sort.SliceStable(want, func(i, j int) bool {
					return compareFindings(key(want[i].Control), key(want[j].Control), &want[i], &want[j]) < 0
				})
				var got []Finding
				if bySeverity {
					got = BySeverity(in)
				} else {
					got = ordered([][]Finding{slices.Clone(in)}, nil, true)
				}
				if !sameFindings(got, want) {
					t.Errorf("%d %s findings (by severity: %v) are not in the order of a stable sort", n, name, bySeverity)
				}
				// Two lists are ordered as one list of both.
				half := len(in) / 2
				if two := ordered([][]Finding{in[:half], in[half:]}, rank, false); !sameFindings(two, want) {
					t.Errorf("%d %s findings (by severity: %v) in two lists are not in the order of a stable sort", n, name, bySeverity)
				}
			}
		}
	}
}

// compareFindings orders findings by rank, then by control and subject ID.
func compareFindings(ra, rb int, a, b *Finding) int {
	if c := cmp.Compare(ra, rb); c != 0 {
		return c
	}
	if c := strings.Compare(a.Control.ID, b.Control.ID); c != 0 {
		return c
	}
	return strings.Compare(a.Subject.ID, b.Subject.ID)
}
