package markdown

import (
	"bytes"
	"flag"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/report/engagement"
	"github.com/tollgate-dev/tollgate/report/internal/fixture"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func render(t *testing.T, r *assess.Results, opts Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r, opts); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestGolden(t *testing.T) {
	tests := []struct {
		file string
		opts Options
	}{
		{"summary.md", Options{}},
		{"summary-top2.md", Options{Top: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := render(t, fixture.Results(), tt.opts)
			if got != render(t, fixture.Results(), tt.opts) {
				t.Fatal("two renders differ")
			}
			fixture.Golden(t, tt.file, []byte(got), *update)
		})
	}
}

func TestContent(t *testing.T) {
	r := fixture.Results()
	tests := []struct {
		name string
		opts Options
		want []string
		not  []string
	}{
		{"default", Options{}, []string{
			"**5 failures** (1 critical, 2 high, 1 low, 1 info)",
			"| NIST SP 800-53 Rev. 5 (5.1.1) | 2 | 3 | 1 | 1 | 1 | 0 |",
			"`repo-a/.cursor/mcp.json:4`",
			"<details><summary>Waived failures (2)</summary>",
			"<details><summary>Evaluation errors (1)</summary>",
			`root directory \| pipe`,
		}, []string{"…and", "All 5 failures"}},
		{"top two", Options{Top: 2}, []string{"…and 3 more.", "<details><summary>All 5 failures</summary>"}, nil},
		{"gate failed", Options{Engagement: engagement.Engagement{Gate: &engagement.Gate{Reasons: []string{"2 unwaived failures at or above severity high"}, FailOn: "high"}}},
			[]string{"**Gate failed**: 2 unwaived failures at or above severity high (fails on an unwaived failure of severity high or higher)"}, []string{"Gate passed"}},
		{"gate passed", Options{Engagement: engagement.Engagement{Gate: &engagement.Gate{Passed: true, FailOn: "critical"}}},
			[]string{"**Gate passed** (fails on an unwaived failure of severity critical or higher)"}, []string{"Gate failed"}},
		{"gate off", Options{Engagement: engagement.Engagement{Gate: &engagement.Gate{Passed: true, FailOn: "none"}}},
			[]string{"**Gate passed**\n"}, []string{"or higher"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := render(t, r, tt.opts)
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("summary lacks %q", w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(out, n) {
					t.Errorf("summary has %q", n)
				}
			}
		})
	}
	// Most severe first: the critical failure is the first row of the table.
	out := render(t, r, Options{})
	first := strings.Index(out, "| critical |")
	high := strings.Index(out, "| high |")
	if first < 0 || high < 0 || first > high {
		t.Errorf("failures not sorted by severity (critical at %d, high at %d)", first, high)
	}
}

func TestNoFailures(t *testing.T) {
	r := fixture.Results()
	for i := range r.Controls {
		for j := range r.Controls[i].Evaluations {
			r.Controls[i].Evaluations[j].Verdict = assess.VerdictPass
		}
	}
	out := render(t, r, Options{})
	for _, w := range []string{"**No failures**", "No failing controls."} {
		if !strings.Contains(out, w) {
			t.Errorf("summary lacks %q:\n%s", w, out)
		}
	}
}

func TestFoldedListsAreCapped(t *testing.T) {
	r := fixture.Results()
	// Five failing pairs in the fixture: with one row open and two folded,
	// the folded list must stop after two and point to the full lists.
	got := render(t, r, Options{Top: 1, Detail: 2})
	if !strings.Contains(got, "…and 3 more: see results.json or tollgate.sarif") {
		t.Errorf("folded list is not capped:\n%s", got)
	}
	if !strings.Contains(got, "| Severity | Control | Failing subjects |") {
		t.Errorf("no per-control counts:\n%s", got)
	}
}
