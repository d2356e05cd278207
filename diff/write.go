package diff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/internal/mdtext"
)

// Formats are the output formats of a comparison.
var Formats = []string{"text", "json", "md"}

// Write renders r in the named format (text, json or md) to w.
func Write(w io.Writer, r *Result, format string) error {
	var b bytes.Buffer
	switch format {
	case "text":
		writeText(&b, r)
	case "json":
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			return fmt.Errorf("encode diff: %w", err)
		}
	case "md", "markdown":
		writeMarkdown(&b, r, mdRows)
	default:
		return fmt.Errorf("unknown diff format %q (want %s)", format, strings.Join(Formats, ", "))
	}
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("write diff: %w", err)
	}
	return nil
}

// section is one list of findings with its heading.
type section struct {
	title   string
	entries []Entry
	note    func(Entry) string
}

func (r *Result) sections() []section {
	return []section{
		{title: "New failures", entries: r.New},
		{title: "Fixed", entries: r.Fixed},
		{title: "Newly waived", entries: r.Waived, note: func(e Entry) string {
			if e.Previous == "absent" {
				return "new, waived by " + e.Waiver
			}
			return "waived by " + e.Waiver
		}},
		{title: "No longer waived", entries: r.Unwaived, note: func(e Entry) string {
			return fmt.Sprintf("waiver %s %s", e.Waiver, e.WaiverStatus)
		}},
		{title: "Still failing", entries: r.StillFailing},
	}
}

func writeText(b *bytes.Buffer, r *Result) {
	fmt.Fprintf(b, "Comparing %s (%s) with %s (%s)\n", r.From.Source, r.From.Timestamp, r.To.Source, r.To.Timestamp)
	fmt.Fprintf(b, "%s\n", r.Counts())
	for _, s := range r.sections() {
		if len(s.entries) == 0 {
			continue
		}
		fmt.Fprintf(b, "\n%s (%d):\n", s.title, len(s.entries))
		for _, e := range s.entries {
			fmt.Fprintf(b, "  %-8s %s  %-16s %s  %s\n", strings.ToUpper(e.Severity), e.ID, e.Control, e.SubjectName, e.Location)
			if s.note != nil {
				fmt.Fprintf(b, "      %s\n", s.note(e))
			}
		}
	}
	if len(r.SeverityChanged) > 0 {
		fmt.Fprintf(b, "\nSeverity changed (%d):\n", len(r.SeverityChanged))
		for _, c := range r.SeverityChanged {
			fmt.Fprintf(b, "  %s  %-16s %s  %s → %s\n", c.ID, c.Control, c.SubjectName, c.From, c.To)
		}
	}
	if len(r.Controls) > 0 {
		fmt.Fprintf(b, "\nControls (%d changed):\n", len(r.Controls))
		for _, c := range r.Controls {
			fmt.Fprintf(b, "  %-16s %s → %s\n", c.ID, controlWords(c.From), controlWords(c.To))
		}
	}
	if len(r.Requirements) > 0 {
		fmt.Fprintf(b, "\nFramework requirements (%d changed):\n", len(r.Requirements))
		for _, c := range r.Requirements {
			fmt.Fprintf(b, "  %-18s %-12s %s → %s\n", c.Framework, c.ID, requirementWords(c.From), requirementWords(c.To))
		}
	}
	if len(r.Frameworks) > 0 {
		b.WriteString("\nFrameworks:\n")
		for _, f := range r.Frameworks {
			fmt.Fprintf(b, "  %-18s MCP scope met %d → %d of %d (%.1f%% → %.1f%%), not met %d → %d\n", f.ID,
				f.From.Satisfied, f.To.Satisfied, f.Requirements, f.FromPercent, f.ToPercent, f.From.NotSatisfied, f.To.NotSatisfied)
		}
	}
}

// mdRows caps each Markdown table, so the comment stays within a pull
// request comment's size limit on a large fleet; the JSON has every entry.
const mdRows = 100

func writeMarkdown(b *bytes.Buffer, r *Result, limit int) {
	b.WriteString("## Tollgate: changes since the base\n\n")
	fmt.Fprintf(b, "**%d new** · %d fixed · %d still failing · %d newly waived · %d no longer waived · %d severity changed  \n",
		len(r.New), len(r.Fixed), len(r.StillFailing), len(r.Waived), len(r.Unwaived), len(r.SeverityChanged))
	fmt.Fprintf(b, "<sub>%s → %s</sub>\n\n", mdtext.Cell(r.From.Timestamp), mdtext.Cell(r.To.Timestamp))
	for i, s := range r.sections() {
		if len(s.entries) == 0 {
			continue
		}
		body := func() { entryTable(b, s, limit) }
		if i < 2 { // new and fixed are what a reviewer came for
			fmt.Fprintf(b, "### %s (%d)\n\n", s.title, len(s.entries))
			body()
			b.WriteString("\n")
			continue
		}
		details(b, fmt.Sprintf("%s (%d)", s.title, len(s.entries)), body)
	}
	if len(r.SeverityChanged) > 0 {
		details(b, fmt.Sprintf("Severity changed (%d)", len(r.SeverityChanged)), func() {
			b.WriteString("| Finding | Control | Subject | Was | Now |\n|---|---|---|---|---|\n")
			capped(b, len(r.SeverityChanged), limit, func(i int) {
				c := r.SeverityChanged[i]
				fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", mdtext.Code(c.ID), mdtext.Cell(c.Control), mdtext.Cell(c.SubjectName), c.From, c.To)
			})
		})
	}
	if len(r.Requirements) > 0 {
		details(b, fmt.Sprintf("Framework requirements that changed status (%d)", len(r.Requirements)), func() {
			b.WriteString("| Framework | Requirement | Was | Now |\n|---|---|---|---|\n")
			capped(b, len(r.Requirements), limit, func(i int) {
				c := r.Requirements[i]
				fmt.Fprintf(b, "| %s | **%s** %s | %s | %s |\n", mdtext.Cell(c.Framework), mdtext.Cell(c.ID), mdtext.Cell(c.Title),
					requirementWords(c.From), requirementWords(c.To))
			})
		})
	}
	if len(r.Frameworks) > 0 {
		b.WriteString("| Framework | MCP scope met | MCP scope not met |\n|---|---:|---:|\n")
		for _, f := range r.Frameworks {
			fmt.Fprintf(b, "| %s | %d → %d of %d (%.1f%% → %.1f%%) | %d → %d |\n", mdtext.Cell(f.Title),
				f.From.Satisfied, f.To.Satisfied, f.Requirements, f.FromPercent, f.ToPercent, f.From.NotSatisfied, f.To.NotSatisfied)
		}
		b.WriteString("\n")
	}
}

func entryTable(b *bytes.Buffer, s section, limit int) {
	b.WriteString("| Severity | Finding | Control | Subject | Location | Message |\n|---|---|---|---|---|---|\n")
	capped(b, len(s.entries), limit, func(i int) {
		e := s.entries[i]
		msg := e.Message
		if s.note != nil {
			msg = strings.TrimSpace(msg + " — " + s.note(e))
		}
		fmt.Fprintf(b, "| %s | %s | **%s** %s | %s | %s | %s |\n", mdtext.Cell(e.Severity), mdtext.Code(e.ID),
			mdtext.Cell(e.Control), mdtext.Cell(e.Title), mdtext.Cell(e.SubjectName), mdtext.Code(e.Location), mdtext.Cell(msg))
	})
}

// capped writes the first limit of n rows, then says how many were left out.
func capped(b *bytes.Buffer, n, limit int, row func(i int)) {
	for i := range min(n, limit) {
		row(i)
	}
	if n > limit {
		fmt.Fprintf(b, "\n…and %d more: run `tollgate diff --format json` for the complete list.\n", n-limit)
	}
}

func details(b *bytes.Buffer, summary string, body func()) {
	fmt.Fprintf(b, "<details><summary>%s</summary>\n\n", mdtext.Cell(summary))
	body()
	b.WriteString("\n</details>\n\n")
}

// controlWords renders a control status of a diff for people ("Not
// satisfied"); "absent" stands for a run without the control.
func controlWords(s string) string {
	if s == absent {
		return s
	}
	return assess.Status(s).Label()
}

// requirementWords renders a requirement status of a diff for people, for
// its MCP scope only ("MCP scope not met", "Not met, deviation approved");
// "absent" stands for a run without the requirement.
func requirementWords(s string) string {
	if s == absent {
		return s
	}
	return assess.Status(s).RequirementLabel()
}
