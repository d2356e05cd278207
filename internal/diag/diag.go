// Package diag collects problems found while reading Tollgate's own HCL files
// (catalogs, mappings, waivers, attestations), each located at file:line, so
// that a loader can report every problem at once rather than the first.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// Problem is one thing wrong in a file, with its position.
type Problem struct {
	File string `json:"file"`
	Line int    `json:"line"`
	// Message says what is wrong, naming the block involved.
	Message string `json:"message"`
}

// String renders the problem as file:line: message.
func (p Problem) String() string {
	switch {
	case p.File != "" && p.Line > 0:
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
	case p.File != "":
		return fmt.Sprintf("%s: %s", p.File, p.Message)
	}
	return p.Message
}

// List is every problem found, sorted by file and line. It is an error.
type List []Problem

// Error lists the problems, one per line.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, p := range l {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Collector accumulates problems. Its zero value is ready to use.
type Collector struct {
	list List
}

// Addf records a problem at file:line.
func (c *Collector) Addf(file string, line int, format string, args ...any) {
	c.list = append(c.list, Problem{File: file, Line: line, Message: fmt.Sprintf(format, args...)})
}

// AddDiags records the HCL diagnostics of error severity, each prefixed with
// context when prefix is set, and reports whether there was any.
func (c *Collector) AddDiags(prefix string, diags hcl.Diagnostics) bool {
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
		p := Problem{Message: msg}
		if d.Subject != nil {
			p.File, p.Line = d.Subject.Filename, d.Subject.Start.Line
		}
		c.list = append(c.list, p)
	}
	return diags.HasErrors()
}

// Len is the number of problems recorded so far.
func (c *Collector) Len() int { return len(c.list) }

// Err returns the problems sorted by file, line and message, without
// duplicates, as a List; or nil when there are none.
func (c *Collector) Err() error {
	if len(c.list) == 0 {
		return nil
	}
	out := slices.Clone(c.list)
	slices.SortStableFunc(out, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Message, b.Message))
	})
	return slices.Compact(out)
}
