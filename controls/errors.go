package controls

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// Problem is one thing wrong with a catalog, located in its file.
type Problem struct {
	File string `json:"file"`
	Line int    `json:"line"`
	// Msg says what is wrong, naming the control or risk involved.
	Msg string `json:"message"`
}

// String renders the problem as file:line: message.
func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

// Errors is every problem found while loading catalogs, sorted by file and
// line. Loading collects all problems rather than stopping at the first.
type Errors []Problem

// Error joins the problems, one per line.
func (e Errors) Error() string {
	lines := make([]string, len(e))
	for i, p := range e {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// problems accumulates catalog problems.
type problems struct {
	list Errors
}

// addf records a problem at file:line.
func (ps *problems) addf(file string, line int, format string, args ...any) {
	ps.list = append(ps.list, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// addDiags records HCL diagnostics of error severity, prefixed with context.
func (ps *problems) addDiags(prefix string, diags hcl.Diagnostics) {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		if prefix != "" {
			msg = prefix + ": " + msg
		}
		p := Problem{Msg: msg}
		if d.Subject != nil {
			p.File, p.Line = d.Subject.Filename, d.Subject.Start.Line
		}
		ps.list = append(ps.list, p)
	}
}

// err returns the sorted problems as an error, or nil when there are none.
func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	out := slices.Clone(ps.list)
	slices.SortStableFunc(out, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Msg, b.Msg))
	})
	out = slices.Compact(out)
	return out
}
