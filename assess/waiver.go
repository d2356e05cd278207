package assess

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/tollgate-dev/tollgate/internal/diag"
)

// Waiver accepts the failures of one control on the subjects it selects,
// until it expires. Declared in HCL:
//
//	waiver "W-001" {
//	  control       = "MCP-SUPPLY-01"
//	  subjects      = ["server:*#legacy-*"]  # globs on subject ID or name
//	  justification = "Vendor ships no pinned release yet; tracked in SEC-123."
//	  owner         = "platform-team"
//	  approved_by   = "ciso@example.com"
//	  expires       = "2026-12-31"            # valid through that day (UTC)
//	}
type Waiver struct {
	ID            string
	Control       string
	Subjects      []string
	Justification string
	Owner         string
	ApprovedBy    string
	Expires       time.Time
	// dateOnly is true when Expires was given as a date.
	dateOnly bool
	File     string
	Line     int
	// Select, when set, chooses the subjects the waiver covers, and
	// Subjects only describes the choice for people: waivers made from an
	// organisation policy's exceptions.
	Select func(subjectID string) bool
	// Reasons, when set, limits the waiver to failures whose every failing
	// fact (reason path) matches one of these globs ("policy.version",
	// "policy.images.*.approved").
	Reasons []string
}

// Expired reports whether the waiver has expired at now.
func (w Waiver) Expired(now time.Time) bool { return expired(w.Expires, w.dateOnly, now) }

// LoadWaivers reads waiver blocks from HCL files. Every attribute is
// required; all problems are returned together, each with file:line.
func LoadWaivers(paths ...string) ([]Waiver, error) {
	var (
		ps   diag.Collector
		out  []Waiver
		seen = map[string]Waiver{}
	)
	for _, path := range paths {
		blocks, err := parseBlocks(path, "waiver", &ps)
		if err != nil {
			return nil, err
		}
		for _, b := range blocks {
			w := Waiver{ID: b.Labels[0], File: b.DefRange.Filename, Line: b.DefRange.Start.Line}
			ctx := fmt.Sprintf("waiver %q", w.ID)
			attrs, ok := decodeBlock(b, ctx, []string{"control", "justification", "owner", "approved_by", "expires"}, []string{"subjects"}, &ps)
			if prev, dup := seen[w.ID]; dup {
				ps.Addf(w.File, w.Line, "%s is already defined at %s:%d", ctx, prev.File, prev.Line)
				continue
			}
			seen[w.ID] = w
			exp, expErr := time.Time{}, error(nil)
			if raw, has := attrs.strings["expires"]; has {
				if exp, expErr = parseExpiry(raw); expErr != nil {
					ps.Addf(w.File, attrs.lines["expires"], "%s: %v", ctx, expErr)
				}
			}
			if !ok || expErr != nil {
				continue
			}
			w.Control, w.Justification = attrs.strings["control"], attrs.strings["justification"]
			w.Owner, w.ApprovedBy = attrs.strings["owner"], attrs.strings["approved_by"]
			w.Subjects = attrs.lists["subjects"]
			w.Expires, w.dateOnly = exp, len(attrs.strings["expires"]) == len(time.DateOnly)
			out = append(out, w)
		}
	}
	if err := ps.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b Waiver) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}
