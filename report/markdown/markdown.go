// Package markdown writes summary.md: a short account of the assessment fit
// for a pull-request comment — the per-framework table, the most severe
// failures with subject and file:line, and the full lists folded away in
// <details> blocks.
package markdown

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/internal/mdtext"
	"github.com/tollgate-dev/tollgate/internal/words"
	"github.com/tollgate-dev/tollgate/report/engagement"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// DefaultTop is how many failures are shown before the rest is folded away.
const DefaultTop = 10

// DefaultDetail is how many rows a folded list shows at most. A pull-request
// comment is limited in size (GitHub allows 65,536 characters), so a large
// fleet's full list belongs in results.json and SARIF, not here.
const DefaultDetail = 100

// Options configure the summary.
type Options struct {
	// Top is the number of failures listed in the open ("" or 0 = DefaultTop).
	Top int
	// Detail caps the rows of each folded list (0 = DefaultDetail).
	Detail int
	// Engagement is what the summary states about the assessment (scope).
	Engagement engagement.Engagement
}

// Write writes r as Markdown to w.
func Write(w io.Writer, r *assess.Results, opts Options) error {
	if r == nil {
		return fmt.Errorf("write Markdown summary: no results")
	}
	top := opts.Top
	if top <= 0 {
		top = DefaultTop
	}
	detail := opts.Detail
	if detail <= 0 {
		detail = DefaultDetail
	}
	x := view.For(r)
	var b bytes.Buffer
	failures := view.BySeverity(x.Failures())
	findings := x.Findings()
	var waived []view.Finding
	for _, f := range findings {
		if f.Waived() {
			waived = append(waived, f)
		}
	}
	errs := x.Errors()

	b.WriteString("## Tollgate assessment\n\n")
	fmt.Fprintf(&b, "%s · %d waived · %s · %s · %s  \n", headline(failures), len(waived),
		words.Count(len(errs), "evaluation error"), words.Count(len(r.Subjects), "subject"), words.Count(len(r.Controls), "control"))
	fmt.Fprintf(&b, "<sub>%s %s · %s</sub>\n\n", orDefault(r.Tool, "tollgate"), r.Version, r.Timestamp.UTC().Format("2006-01-02T15:04:05Z"))
	if g := opts.Engagement.Gate; g != nil {
		// The verdict the exit code gives, stated where a pull request's
		// reviewer reads the summary.
		if g.Passed {
			b.WriteString("**Gate passed**")
		} else {
			fmt.Fprintf(&b, "**Gate failed**: %s", mdtext.Cell(strings.Join(g.Reasons, "; ")))
		}
		if g.FailOn != "" && g.FailOn != "none" {
			fmt.Fprintf(&b, " (fails on an unwaived failure of severity %s or higher)", g.FailOn)
		}
		b.WriteString("\n\n")
	}
	if h := r.History; h != nil && !h.Previous.IsZero() {
		fmt.Fprintf(&b, "**%d new, %d fixed** since the previous run (%s) of the history %s.\n\n", h.New, h.Fixed,
			h.Previous.UTC().Format("2006-01-02T15:04:05Z"), code(h.Scope))
	}
	if bl := r.Baseline; bl != nil {
		fresh := countNew(bl, findings)
		fmt.Fprintf(&b, "**%d new, %d fixed** since the baseline %s (%s); %d already in it.\n\n", fresh, len(bl.Fixed),
			code(bl.Source), bl.Timestamp.UTC().Format("2006-01-02T15:04:05Z"), len(findings)-fresh)
	}

	frameworks(&b, r, opts.Engagement.Scope)

	b.WriteString("### Failing controls\n\n")
	if len(failures) == 0 {
		b.WriteString("No failing controls.\n\n")
	} else {
		byControl(&b, failures)
		shown := failures
		if len(shown) > top {
			shown = shown[:top]
		}
		findingTable(&b, r.Baseline, shown, false)
		if rest := len(failures) - len(shown); rest > 0 {
			fmt.Fprintf(&b, "\n…and %d more.\n", rest)
		}
		b.WriteString("\n")
		if len(failures) > len(shown) {
			details(&b, fmt.Sprintf("All %d failures", len(failures)), func() { cappedTable(&b, r.Baseline, failures, true, detail) })
		}
	}
	if len(waived) > 0 {
		details(&b, fmt.Sprintf("Waived failures (%d)", len(waived)), func() { cappedTable(&b, r.Baseline, waived, true, detail) })
	}
	if len(errs) > 0 {
		details(&b, fmt.Sprintf("Evaluation errors (%d)", len(errs)), func() { cappedTable(&b, r.Baseline, errs, false, detail) })
	}
	if bl := r.Baseline; bl != nil && len(bl.Fixed) > 0 {
		details(&b, fmt.Sprintf("Fixed since the baseline (%d)", len(bl.Fixed)), func() { fixedTable(&b, bl.Fixed, detail) })
	}
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("write Markdown summary: %w", err)
	}
	return nil
}

// headline names the failures by severity, most severe first.
func headline(failures []view.Finding) string {
	if len(failures) == 0 {
		return "**No failures**"
	}
	count := map[string]int{}
	for _, f := range failures {
		count[f.Control.Severity]++
	}
	var parts []string
	for _, s := range controls.Severities {
		if count[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", count[s], s))
			delete(count, s)
		}
	}
	for _, s := range slices.Sorted(maps.Keys(count)) {
		parts = append(parts, fmt.Sprintf("%d %s", count[s], orDefault(s, "unrated")))
	}
	return fmt.Sprintf("**%s** (%s)", words.Count(len(failures), "failure"), strings.Join(parts, ", "))
}

func frameworks(b *bytes.Buffer, r *assess.Results, scope []string) {
	if len(r.Frameworks) == 0 {
		b.WriteString("No framework was assessed.\n\n")
		return
	}
	b.WriteString("Requirements are judged for their MCP scope only: what the MCP controls mapped to each examine")
	if len(scope) > 0 {
		fmt.Fprintf(b, ", in the MCP configuration under %s", cell(strings.Join(scope, ", ")))
	}
	b.WriteString(". \"MCP scope met\" is not the whole requirement met.\n\n")
	b.WriteString("| Framework | MCP scope met | Not met | Waived (deviation approved) | Not assessed | Manual | Error |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|\n")
	for _, fw := range r.Frameworks {
		if fw.Framework == nil {
			continue
		}
		t := fw.Tally
		name := orDefault(fw.Framework.Title, fw.Framework.ID)
		if v := fw.Framework.VersionBeyondTitle(); v != "" {
			name += " (" + v + ")"
		}
		fmt.Fprintf(b, "| %s | %d | %d | %d | %d | %d | %d |\n", cell(name), t.Satisfied, t.NotSatisfied, t.Waived, t.NotAssessed, t.Manual, t.Error)
	}
	b.WriteString("\n")
}

// byControl counts the failures of each control, most severe first: the
// shape of the problem at a glance, whatever the size of the fleet.
func byControl(b *bytes.Buffer, failures []view.Finding) {
	type row struct {
		f     view.Finding
		count int
	}
	var rows []*row
	seen := map[string]*row{}
	for _, f := range failures {
		if r, ok := seen[f.Control.ID]; ok {
			r.count++
			continue
		}
		r := &row{f: f, count: 1}
		seen[f.Control.ID] = r
		rows = append(rows, r)
	}
	b.WriteString("| Severity | Control | Failing subjects |\n|---|---|---:|\n")
	for _, r := range rows {
		fmt.Fprintf(b, "| %s | **%s** %s | %d |\n", cell(r.f.Control.Severity), cell(r.f.Control.ID), cell(r.f.Control.Title), r.count)
	}
	b.WriteString("\n")
}

// cappedTable is findingTable showing at most limit rows, then a pointer to
// the complete lists.
func cappedTable(b *bytes.Buffer, bl *assess.Baseline, fs []view.Finding, withDetail bool, limit int) {
	if len(fs) <= limit {
		findingTable(b, bl, fs, withDetail)
		return
	}
	findingTable(b, bl, fs[:limit], withDetail)
	fmt.Fprintf(b, "\n…and %d more: see results.json or tollgate.sarif for the complete list.\n", len(fs)-limit)
}

// findingTable lists findings; withDetail names the waiver of waived ones.
func findingTable(b *bytes.Buffer, bl *assess.Baseline, fs []view.Finding, withDetail bool) {
	b.WriteString("| Severity | Control | Subject | Location | Message |\n|---|---|---|---|---|\n")
	for _, f := range fs {
		sev := f.Control.Severity
		if bl.State(*f.Eval) == assess.BaselineNew {
			sev += " · **new**"
		}
		msg := f.Eval.Message
		if withDetail && f.Waived() {
			msg = strings.TrimSpace(msg + " — waived by " + orDefault(f.Eval.Waiver, "a waiver"))
		}
		fmt.Fprintf(b, "| %s | **%s** %s | %s | %s | %s |\n",
			sev, cell(f.Control.ID), cell(f.Control.Title), cell(f.Subject.Name), code(f.Location), cell(msg))
	}
}

// countNew counts the findings absent from the baseline.
func countNew(bl *assess.Baseline, fs []view.Finding) int {
	n := 0
	for _, f := range fs {
		if bl.State(*f.Eval) == assess.BaselineNew {
			n++
		}
	}
	return n
}

// fixedTable lists the baseline's findings that are gone.
func fixedTable(b *bytes.Buffer, fs []assess.BaselineFinding, limit int) {
	b.WriteString("| Severity | Control | Subject | Location (in the baseline) |\n|---|---|---|---|\n")
	for i, f := range fs {
		if i == limit {
			fmt.Fprintf(b, "\n…and %d more: see results.json for the complete list.\n", len(fs)-limit)
			break
		}
		fmt.Fprintf(b, "| %s | **%s** %s | %s | %s |\n", cell(f.Severity), cell(f.Control), cell(f.Title), cell(f.SubjectName), code(f.Location))
	}
}

func details(b *bytes.Buffer, summary string, body func()) {
	fmt.Fprintf(b, "<details><summary>%s</summary>\n\n", cell(summary))
	body()
	b.WriteString("\n</details>\n\n")
}

// cell makes text safe inside a Markdown table cell.
func cell(s string) string { return mdtext.Cell(s) }

// code renders s as inline code, or plain text when it holds a backtick.
func code(s string) string { return mdtext.Code(s) }

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
