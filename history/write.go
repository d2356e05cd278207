package history

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/tollgate-dev/tollgate/internal/words"
)

// Formats are the output formats of Write.
var Formats = []string{"text", "json"}

// WriteOptions shape the text output.
type WriteOptions struct {
	// Columns is how many of the latest runs the text tables show (0: 8).
	Columns int
	// Rows caps each list of findings in the text (0: 50).
	Rows int
}

// Write renders t as text or JSON (the runs, newest last, and every trend).
func Write(w io.Writer, t *Trends, format string, opts WriteOptions) error {
	var b bytes.Buffer
	switch format {
	case "json":
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(t); err != nil {
			return fmt.Errorf("encode history: %w", err)
		}
	case "text":
		writeText(&b, t, opts)
	default:
		return fmt.Errorf("unknown history format %q (want %s)", format, strings.Join(Formats, ", "))
	}
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("write history: %w", err)
	}
	return nil
}

func day(r RunPoint) string { return r.AssessedAt.Format("2006-01-02") }

func writeText(b *bytes.Buffer, t *Trends, opts WriteOptions) {
	columns, rows := opts.Columns, opts.Rows
	if columns <= 0 {
		columns = 8
	}
	if rows <= 0 {
		rows = 50
	}
	if len(t.Runs) == 0 {
		fmt.Fprintf(b, "No runs recorded in %s (scope %s). Record one with 'tollgate history record OUT'.\n", t.Store, t.Scope)
		return
	}
	first, last := t.Runs[0], t.Runs[len(t.Runs)-1]
	fmt.Fprintf(b, "History of %s in %s: %d %s, %s to %s\n", t.Scope, t.Store, len(t.Runs), words.Plural(len(t.Runs), "run", "runs"), day(first), day(last))
	if c := t.SincePrevious; c != nil {
		fmt.Fprintf(b, "Latest run: %d new, %d fixed since %s\n", c.New, c.Fixed, c.Previous.Format("2006-01-02"))
	}
	shown := t.Runs[max(0, len(t.Runs)-columns):]
	header := func(title string) {
		fmt.Fprintf(b, "\n%-20s", title)
		for _, r := range shown {
			fmt.Fprintf(b, "  %10s", day(r))
		}
		b.WriteString("\n")
	}
	if len(t.Frameworks) > 0 {
		header("MET OF ASSESSED")
		for _, fw := range t.Frameworks {
			byRun := map[int64]TrendPoint{}
			for _, p := range fw.Points {
				byRun[p.RunID] = p
			}
			fmt.Fprintf(b, "%-20s", fw.ID)
			for _, r := range shown {
				if p, ok := byRun[r.ID]; ok && p.Assessed > 0 {
					fmt.Fprintf(b, "  %9.1f%%", p.MetOfAssessedPercent)
				} else {
					fmt.Fprintf(b, "  %10s", "-")
				}
			}
			b.WriteString("\n")
		}
	}
	header("OPEN FAILURES")
	severities := map[string]bool{}
	for _, r := range shown {
		for s := range r.FailuresBySeverity {
			severities[s] = true
		}
	}
	for _, sc := range bySeverity(boolCounts(severities)) {
		fmt.Fprintf(b, "%-20s", sc.Severity)
		for _, r := range shown {
			fmt.Fprintf(b, "  %10d", r.FailuresBySeverity[sc.Severity])
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(b, "%-20s", "total")
	for _, r := range shown {
		fmt.Fprintf(b, "  %10d", r.Failures)
	}
	b.WriteString("\n")

	fmt.Fprintf(b, "\nOpen findings (%d), oldest first:\n", len(t.Open))
	for i, f := range t.Open {
		if i == rows {
			fmt.Fprintf(b, "  … and %d more (--format json lists all)\n", len(t.Open)-rows)
			break
		}
		since := ""
		if !f.OpenSince.Equal(f.FirstSeen) {
			since = ", back since " + f.OpenSince.Format("2006-01-02")
		}
		fmt.Fprintf(b, "  %-8s %s  %-16s %s  %s  first seen %s (%d %s%s)\n", strings.ToUpper(f.Severity), f.ID, f.Control, f.SubjectName,
			f.Location, f.FirstSeen.Format("2006-01-02"), f.AgeDays, words.Plural(f.AgeDays, "day", "days"), since)
	}
	if len(t.Waived) > 0 {
		fmt.Fprintf(b, "\nWaived findings (%d), oldest first:\n", len(t.Waived))
		for i, f := range t.Waived {
			if i == rows {
				fmt.Fprintf(b, "  … and %d more (--format json lists all)\n", len(t.Waived)-rows)
				break
			}
			fmt.Fprintf(b, "  %-8s %s  %-16s %s  %s  first seen %s (%d %s)\n", strings.ToUpper(f.Severity), f.ID, f.Control, f.SubjectName,
				f.Location, f.FirstSeen.Format("2006-01-02"), f.AgeDays, words.Plural(f.AgeDays, "day", "days"))
		}
	}
	if n := t.TimeToFix.Count; n > 0 {
		fmt.Fprintf(b, "\nFixed (%d); time to fix: median %.1f days, mean %.1f days:\n", n, t.TimeToFix.MedianDays, t.TimeToFix.MeanDays)
		for i, f := range t.Fixed {
			if i == rows {
				fmt.Fprintf(b, "  … and %d more (--format json lists all)\n", len(t.Fixed)-rows)
				break
			}
			fmt.Fprintf(b, "  %-8s %s  %-16s %s  first seen %s, fixed %s (%.1f days)\n", strings.ToUpper(f.Severity), f.ID, f.Control,
				f.SubjectName, f.FirstSeen.Format("2006-01-02"), f.FixedAt.Format("2006-01-02"), f.DaysToFix)
		}
	}
	if len(t.ExpiringWaivers) > 0 {
		fmt.Fprintf(b, "\nWaivers expired or expiring soon (%d):\n", len(t.ExpiringWaivers))
		for _, w := range t.ExpiringWaivers {
			when := fmt.Sprintf("in %d %s", w.DaysLeft, words.Plural(w.DaysLeft, "day", "days"))
			switch {
			case w.DaysLeft == 0:
				when = "today"
			case w.DaysLeft < 0:
				when = fmt.Sprintf("%d %s ago", -w.DaysLeft, words.Plural(-w.DaysLeft, "day", "days"))
			}
			fmt.Fprintf(b, "  %-14s %-16s owner %s, expires %s (%s)\n", w.ID, w.Control, w.Owner, w.Expires, when)
		}
	}
}

func boolCounts(m map[string]bool) map[string]int {
	out := make(map[string]int, len(m))
	for k := range m {
		out[k] = 1
	}
	return out
}
