package policy

import (
	"fmt"
	"time"

	"github.com/tollgate-dev/tollgate/internal/diag"
)

// reviewAge is how long after its last review an entry is reported as due
// for another.
const reviewAge = 365 * 24 * time.Hour

// Warnings lists what is valid but weak in the policy at now, each at its
// file and line: owners still TODO, approvals that allow every version of a
// package or image, reviews more than a year old, and exceptions that have
// expired (they no longer apply).
func (p *Policy) Warnings(now time.Time) diag.List {
	var ps diag.Collector
	file := ""
	if len(p.Files) > 0 {
		file = p.Files[0].Path
	}
	if p.Owner == TODO {
		ps.Addf(file, 0, "owner is %s: name who answers for the policy", TODO)
	}
	if t, ok := parseDate(p.Reviewed); ok && now.Sub(t) > reviewAge {
		ps.Addf(file, 0, "the policy was last reviewed on %s, more than a year ago", p.Reviewed)
	}
	for _, a := range p.Approved {
		ctx := "approved." + a.Key
		if a.Owner == TODO {
			ps.Addf(a.File, a.Line, "%s: owner is %s: name who answers for the server", ctx, TODO)
		}
		switch {
		case a.Package != nil && len(a.Package.Versions) == 0:
			ps.Addf(a.File, a.Line, "%s: every version of %s is approved: list the reviewed versions", ctx, a.Package.Name)
		case a.Image != nil && len(a.Image.Digests) == 0 && len(a.Image.Tags) == 0:
			ps.Addf(a.File, a.Line, "%s: every digest of %s is approved: list the reviewed digests", ctx, a.Image.Name)
		}
		if t, ok := parseDate(a.Reviewed); ok && now.Sub(t) > reviewAge {
			ps.Addf(a.File, a.Line, "%s: last reviewed on %s, more than a year ago", ctx, a.Reviewed)
		}
	}
	for _, x := range p.Exceptions {
		if !x.expires.IsZero() && now.After(x.expires.AddDate(0, 0, 1)) {
			ps.Addf(x.File, x.Line, "exceptions.%s expired on %s and no longer applies", x.ID, x.Expires)
		}
	}
	var list diag.List
	if err := ps.Err(); err != nil {
		list, _ = err.(diag.List)
	}
	return list
}

// parseDate parses a YYYY-MM-DD date.
func parseDate(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

// Summary describes the policy in a line: its files and entries.
func (p *Policy) Summary() string {
	return fmt.Sprintf("%d file(s): %d approved, %d denied, %d required, %d exception(s)",
		len(p.Files), len(p.Approved), len(p.Denied), len(p.Required), len(p.Exceptions))
}
