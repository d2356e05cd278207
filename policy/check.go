package policy

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/diag"
)

// requirementID is the form of a requirement's name: it becomes a field
// name in the facts controls judge (policy.requirements.<id>).
var requirementID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)

// prepare checks what the schema cannot (every entry identifies something,
// globs compile, dates exist, exceptions name requirements that exist,
// requirements' CUE names real fields and values subjects can have) and
// compiles the matchers.
func prepare(p *Policy, ps *diag.Collector) {
	checkDate(ps, "", 0, "reviewed", p.Reviewed)
	for _, a := range p.Approved {
		ctx := "approved." + a.Key
		if a.Identity.empty() {
			ps.Addf(a.File, a.Line, "%s: say what identifies the server: package, image, url, command or name", ctx)
		}
		a.m = compileIdentity(a.Identity)
		a.m.paths = pathGlobs(ps, a.File, a.Line, ctx, a.Paths)
		checkDate(ps, a.File, a.Line, ctx+".reviewed", a.Reviewed)
	}
	for _, d := range p.Denied {
		ctx := "denied." + d.Key
		if d.Identity.empty() {
			ps.Addf(d.File, d.Line, "%s: say what identifies the denied servers: package, image, url, command or name", ctx)
		}
		d.m = compileIdentity(d.Identity)
	}
	ids := map[string]bool{}
	var sh *shapes
	for _, r := range p.Required {
		ids[r.ID] = true
		ctx := "required." + r.ID
		if !requirementID.MatchString(r.ID) {
			ps.Addf(r.File, r.Line, "%s: a requirement's name is letters, digits, '-' and '_'", ctx)
			continue
		}
		if r.Check == "" {
			ps.Addf(r.File, r.Line, "%s: missing check (the CUE every subject in scope must satisfy)", ctx)
			continue
		}
		r.paths = pathGlobs(ps, r.File, r.Line, ctx, r.Paths)
		if err := controls.CheckCustom(r.control()); err != nil {
			var list diag.List
			if errors.As(err, &list) {
				for _, pr := range list {
					ps.Addf(pr.File, pr.Line, "%s: %s", ctx, strings.TrimPrefix(pr.Message, fmt.Sprintf("control %q: ", r.control().ID)))
				}
				continue
			}
			ps.Addf(r.File, r.Line, "%s: %v", ctx, err)
			continue
		}
		if sh == nil {
			var err error
			if sh, err = newShapes(); err != nil {
				ps.Addf(r.File, r.Line, "%s: %v", ctx, err)
				continue
			}
		}
		checkStructure(ps, sh, r, ctx)
	}
	for _, x := range p.Exceptions {
		ctx := "exceptions." + x.ID
		if len(x.Paths) == 0 && len(x.Servers) == 0 {
			ps.Addf(x.File, x.Line, "%s: say which subjects it covers: paths, servers, or both", ctx)
		}
		pathGlobs(ps, x.File, x.Line, ctx, x.Paths)
		for _, id := range x.Requirements {
			if !ids[id] {
				ps.Addf(x.File, x.Line, "%s: requirement %q is not in the policy", ctx, id)
			}
		}
		if len(x.Requirements) > 0 && !slices.Contains(x.Allow, AllowRequirements) {
			ps.Addf(x.File, x.Line, "%s: lists requirements but does not allow %q", ctx, AllowRequirements)
		}
		if t, ok := checkDate(ps, x.File, x.Line, ctx+".expires", x.Expires); ok {
			x.expires = t
		}
	}
}

// checkStructure records the values a requirement's when or check demands
// that no subject of its kind can have: a when that selects nothing, or a
// check every subject in scope would fail.
func checkStructure(ps *diag.Collector, sh *shapes, r *Requirement, ctx string) {
	for _, part := range []struct{ name, src, consequence string }{
		{"when", r.When, "it applies to no " + r.Subject},
		{"check", r.Check, "every " + r.Subject + " in scope would fail it"},
	} {
		if part.src == "" {
			continue
		}
		for _, c := range sh.conflicts(r.Subject, part.name, part.src) {
			ps.Addf(r.File, r.Line, "%s: %s asks for %s (%s)", ctx, part.name, c, part.consequence)
		}
	}
}

// pathGlobs compiles an entry's path globs, recording bad ones.
func pathGlobs(ps *diag.Collector, file string, line int, ctx string, list []string) globs {
	g, err := compileGlobs(list)
	if err != nil {
		ps.Addf(file, line, "%s: paths: %v", ctx, err)
	}
	return g
}

// checkDate parses a YYYY-MM-DD date ("" is no date), recording a problem
// when it names no day of the calendar or lies outside the years 1900–2999.
func checkDate(ps *diag.Collector, file string, line int, ctx, s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || t.Year() < 1900 || t.Year() > 2999 {
		ps.Addf(file, line, "%s: %q is not a date between 1900-01-01 and 2999-12-31", ctx, s)
		return time.Time{}, false
	}
	return t, true
}

// control is the requirement as a control of its own, validated and
// evaluated like a custom control's CUE.
func (r *Requirement) control() *controls.Control {
	return &controls.Control{
		ID: "policy:" + r.ID, Title: r.Description, Family: "policy", Severity: "high",
		Subject: evidence.Kind(r.Subject), When: r.When, Check: r.Check, File: r.File, Line: r.Line,
	}
}
