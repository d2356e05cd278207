package view

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/assess/assesstest"
	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/evidence"
)

// TestJudgedIsTheSubjectOfItsID checks that the subject an evaluation
// judged, found where the engine recorded it, is the one its ID names,
// also when the results' subjects moved since or two share an ID.
func TestJudgedIsTheSubjectOfItsID(t *testing.T) {
	cat, err := controls.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	r, err := assess.Run(context.Background(), assess.Input{Subjects: assesstest.Fleet(40, 1), Catalog: cat,
		Now: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	recorded := 0
	for _, cr := range r.Controls {
		for _, e := range cr.Evaluations {
			if e.SubjectIndex() >= 0 {
				recorded++
			}
		}
	}
	if recorded == 0 {
		t.Fatal("the engine recorded no subject positions")
	}
	check := func(name string, r *assess.Results) {
		t.Helper()
		x := New(r)
		for _, cr := range r.Controls {
			for i := range cr.Evaluations {
				e := &cr.Evaluations[i]
				j := x.Judged(e)
				got, want := j.Meta(), x.metaRef(e.SubjectID)
				same := got == want
				if x.Subject(e.SubjectID) == nil { // a Meta holding only the ID
					same = got.ID == want.ID && got.Name == want.Name
				}
				if !same || j.Location() != x.Location(e.SubjectID) || j.Artifact() != x.SubjectArtifact(e.SubjectID) {
					t.Fatalf("%s: the subject of %s/%s is not the one its ID names", name, e.ControlID, e.SubjectID)
				}
				if n := j.Ordinal(); n >= 0 && r.Subjects[n] != x.Subject(e.SubjectID) {
					t.Fatalf("%s: %s is numbered %d, which is another subject", name, e.SubjectID, n)
				}
			}
		}
	}
	check("as judged", r)
	moved := *r
	moved.Subjects = slices.Clone(r.Subjects)
	slices.Reverse(moved.Subjects)
	check("subjects reversed", &moved)
	// A later subject with the ID of the first shadows it.
	twin := *r.Subjects[0].(*evidence.Server)
	twin.Meta.Name = "twin"
	shadowed := *r
	shadowed.Subjects = append(slices.Clone(r.Subjects), &twin)
	check("an ID twice", &shadowed)
	if x := New(&shadowed); x.Meta(twin.ID).Name != "twin" {
		t.Error("the later subject of an ID is not the one it names")
	}
}

// TestReasonLinesIsJoin compares ReasonLines with joining the lines it
// stands for, empty ones included.
func TestReasonLinesIsJoin(t *testing.T) {
	reasons := [][]assess.Reason{nil, {{Detail: "d"}}, {{Path: "p", Detail: "d"}, {}, {Path: "q"}}, {{}, {Detail: "x"}}}
	for _, head := range []string{"", "head", "two\nlines"} {
		for _, prefix := range []string{"", "- "} {
			for _, rs := range reasons {
				for _, tail := range [][]string{nil, {""}, {"Declared at ", "f.json:3", "."}} {
					var lines []string
					if head != "" {
						lines = append(lines, head)
					}
					for _, r := range rs {
						lines = append(lines, prefix+ReasonText(r))
					}
					if t := strings.Join(tail, ""); t != "" {
						lines = append(lines, t)
					}
					want := strings.Join(lines, "\n")
					if got := ReasonLines(head, prefix, rs, tail...); got != want {
						t.Errorf("ReasonLines(%q, %q, %v, %q) = %q, want %q", head, prefix, rs, tail, got, want)
					}
				}
			}
		}
	}
}
