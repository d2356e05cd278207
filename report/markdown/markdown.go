// Package markdown writes summary.md: a short account of the assessment fit
// for a pull-request comment — the per-framework table, the most severe
// failures with subject and file:line, and the full lists folded away in
// <details> blocks.
package markdown

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// DefaultTop is how many failures are shown before the rest is folded away.
const DefaultTop = 10

// Options configure the summary.
type Options struct {
	// Top is the number of failures listed in the open ("" or 0 = DefaultTop).
	Top int
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
	x := view.New(r)
	var b bytes.Buffer
	failures := x.Failures()
	view.BySeverity(failures)
	var waived []view.Finding
	for _, f := range x.Findings() {
		if f.Waived() {
			waived = append(waived, f)
		}
	}
	errs := x.Errors()

	b.WriteString("## Tollgate assessment\n\n")
	fmt.Fprintf(&b, "%s · %d waived · %s · %s · %s  \n", headline(failures), len(waived),
		plural(len(errs), "evaluation error"), plural(len(r.Subjects), "subject"), plural(len(r.Controls), "control"))
	fmt.Fprintf(&b, "<sub>%s %s · %s</sub>\n\n", orDefault(r.Tool, "tollgate"), r.Version, r.Timestamp.UTC().Format("2006-01-02T15:04:05Z"))

	frameworks(&b, r)

	b.WriteString("### Failing controls\n\n")
	if len(failures) == 0 {
		b.WriteString("No failing controls.\n\n")
	} else {
		shown := failures
		if len(shown) > top {
			shown = shown[:top]
		}
		findingTable(&b, shown, false)
		if rest := len(failures) - len(shown); rest > 0 {
			fmt.Fprintf(&b, "\n…and %d more.\n", rest)
		}
		b.WriteString("\n")
		if len(failures) > len(shown) {
			details(&b, fmt.Sprintf("All %d failures", len(failures)), func() { findingTable(&b, failures, true) })
		}
	}
	if len(waived) > 0 {
		details(&b, fmt.Sprintf("Waived failures (%d)", len(waived)), func() { findingTable(&b, waived, true) })
	}
	if len(errs) > 0 {
		details(&b, fmt.Sprintf("Evaluation errors (%d)", len(errs)), func() { findingTable(&b, errs, false) })
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
	for _, s := range sortedKeys(count) {
		parts = append(parts, fmt.Sprintf("%d %s", count[s], orDefault(s, "unrated")))
	}
	return fmt.Sprintf("**%s** (%s)", plural(len(failures), "failure"), strings.Join(parts, ", "))
}

func frameworks(b *bytes.Buffer, r *assess.Results) {
	if len(r.Frameworks) == 0 {
		b.WriteString("No framework was assessed.\n\n")
		return
	}
	b.WriteString("| Framework | Satisfied | Not satisfied | Not assessed | Manual | Error |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|\n")
	for _, fw := range r.Frameworks {
		if fw.Framework == nil {
			continue
		}
		t := fw.Tally
		name := orDefault(fw.Framework.Title, fw.Framework.ID)
		if fw.Framework.Version != "" {
			name += " (" + fw.Framework.Version + ")"
		}
		fmt.Fprintf(b, "| %s | %d | %d | %d | %d | %d |\n", cell(name), t.Satisfied, t.NotSatisfied, t.NotAssessed, t.Manual, t.Error)
	}
	b.WriteString("\n")
}

// findingTable lists findings; withDetail names the waiver of waived ones.
func findingTable(b *bytes.Buffer, fs []view.Finding, withDetail bool) {
	b.WriteString("| Severity | Control | Subject | Location | Message |\n|---|---|---|---|---|\n")
	for _, f := range fs {
		msg := f.Eval.Message
		if withDetail && f.Waived() {
			msg = strings.TrimSpace(msg + " — waived by " + orDefault(f.Eval.Waiver, "a waiver"))
		}
		fmt.Fprintf(b, "| %s | **%s** %s | %s | %s | %s |\n",
			cell(f.Control.Severity), cell(f.Control.ID), cell(f.Control.Title), cell(f.Subject.Name), code(f.Location), cell(msg))
	}
}

func details(b *bytes.Buffer, summary string, body func()) {
	fmt.Fprintf(b, "<details><summary>%s</summary>\n\n", cell(summary))
	body()
	b.WriteString("\n</details>\n\n")
}

// cell makes text safe inside a Markdown table cell.
func cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.NewReplacer("|", `\|`, "<", "&lt;", ">", "&gt;").Replace(s)
}

// code renders s as inline code, or plain text when it holds a backtick.
func code(s string) string {
	if s == "" {
		return ""
	}
	if strings.Contains(s, "`") {
		return cell(s)
	}
	return "`" + cell(s) + "`"
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// plural renders a count with its noun, e.g. "1 subject", "2 subjects".
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
