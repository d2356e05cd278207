package policy

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/tollgate-dev/tollgate/evidence"
)

// What an exception may allow.
const (
	AllowUnapproved   = "unapproved"
	AllowVersion      = "version"
	AllowTools        = "tools"
	AllowTransport    = "transport"
	AllowAuth         = "auth"
	AllowRequirements = "requirements"
)

// The built-in controls that judge the policy's facts.
const (
	ControlApproved            = "MCP-GOV-01"    // servers are on the approved list
	ControlVersion             = "MCP-POLICY-01" // approved servers run an allowed version or digest
	ControlDenied              = "MCP-POLICY-02" // no denied server or publisher
	ControlUsage               = "MCP-POLICY-03" // approved servers use the transport and authentication allowed
	ControlTools               = "MCP-POLICY-04" // tools of approved servers are allowed
	ControlImages              = "MCP-POLICY-05" // workloads run approved images at allowed digests
	ControlServerRequirements  = "MCP-POLICY-06"
	ControlGatewayRequirement  = "MCP-POLICY-07"
	ControlWorkloadRequirement = "MCP-POLICY-08"
)

// Cover is what an exception excuses for one control: the failures of the
// subjects it selects whose every failing fact matches Reasons. The engine
// turns each into a waiver, so an excused failure is reported as waived,
// with the exception's owner, approver and expiry.
type Cover struct {
	// ID is the waiver's ID: the exception's name, followed by the
	// control's ID when the exception excuses failures of several controls.
	ID        string
	Exception *Exception
	Control   string
	// Reasons are globs on the failing facts' paths ("policy.version").
	Reasons []string
	// Selected holds the IDs of the subjects the exception selects.
	Selected map[string]bool
	// Expires is the exception's expiry date.
	Expires time.Time
}

// Covers returns what the policy's exceptions excuse, sorted by ID.
func (j *Judge) Covers() []Cover { return j.covers }

// cover works out, for every exception, the controls and facts it excuses
// and the subjects it selects.
func (p *Policy) cover(subjects []evidence.Subject, servers map[string]*evidence.Server) []Cover {
	var out []Cover
	for _, x := range p.Exceptions {
		byControl := map[string][]string{}
		add := func(control string, reasons ...string) {
			byControl[control] = append(byControl[control], reasons...)
		}
		for _, a := range x.Allow {
			switch a {
			case AllowUnapproved:
				add(ControlApproved, "policy.approval")
				add(ControlImages, "policy.images.*.approved")
			case AllowVersion:
				add(ControlVersion, "policy.version")
				add(ControlImages, "policy.images.*.version")
			case AllowTools:
				add(ControlTools, "policy.tool")
			case AllowTransport:
				add(ControlUsage, "policy.transport")
			case AllowAuth:
				add(ControlUsage, "policy.auth")
			case AllowRequirements:
				reasons := []string{"policy.requirements.*"}
				if len(x.Requirements) > 0 {
					reasons = nil
					for _, id := range x.Requirements {
						reasons = append(reasons, "policy.requirements."+id)
					}
				}
				for _, c := range []string{ControlServerRequirements, ControlGatewayRequirement, ControlWorkloadRequirement} {
					add(c, reasons...)
				}
			}
		}
		selected := x.selects(subjects, servers)
		controls := make([]string, 0, len(byControl))
		for c := range byControl {
			controls = append(controls, c)
		}
		slices.Sort(controls)
		for _, c := range controls {
			id := x.ID
			if len(controls) > 1 {
				id += "/" + c
			}
			reasons := slices.Compact(slices.Sorted(slices.Values(byControl[c])))
			out = append(out, Cover{ID: id, Exception: x, Control: c, Reasons: reasons, Selected: selected, Expires: x.expires})
		}
	}
	slices.SortFunc(out, func(a, b Cover) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// selects returns the IDs of the subjects the exception selects: declared
// in a file its paths match (when it has paths) and named like its servers
// (when it has servers; a tool by its server's name).
func (x *Exception) selects(subjects []evidence.Subject, servers map[string]*evidence.Server) map[string]bool {
	paths, _ := compileGlobs(x.Paths)
	names := patterns(x.Servers)
	out := map[string]bool{}
	for _, s := range subjects {
		m := s.Metadata()
		if m.Kind == evidence.KindSource || m.Kind == evidence.KindEndpoint {
			continue
		}
		if len(paths) > 0 && !paths.match(m.Provenance.File) {
			continue
		}
		if len(names) > 0 && !anyMatch(names, m.Name) && !toolOfNamedServer(s, names, servers) {
			continue
		}
		out[m.ID] = true
	}
	return out
}

// toolOfNamedServer reports whether s is a tool whose server is named like
// one of names.
func toolOfNamedServer(s evidence.Subject, names []pattern, servers map[string]*evidence.Server) bool {
	t, ok := s.(*evidence.Tool)
	if !ok {
		return false
	}
	if anyMatch(names, t.Server) {
		return true
	}
	for _, l := range t.Links {
		if srv := servers[l]; srv != nil && anyMatch(names, srv.Name) {
			return true
		}
	}
	return false
}

// Describe renders what an exception selects, for the reports' waiver
// lists: "paths repos/data-*/**; servers sqlite".
func (x *Exception) Describe() []string {
	var out []string
	if len(x.Paths) > 0 {
		out = append(out, "paths: "+strings.Join(x.Paths, ", "))
	}
	if len(x.Servers) > 0 {
		out = append(out, "servers: "+strings.Join(x.Servers, ", "))
	}
	return out
}
