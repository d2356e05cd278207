package mappings

import (
	"fmt"
	"sort"

	"github.com/tollgate-dev/tollgate/internal/diag"
)

// Framework returns the framework with the given id, or nil.
func (s *Set) Framework(id string) *Framework {
	for _, fw := range s.Frameworks {
		if fw.ID == id {
			return fw
		}
	}
	return nil
}

// Requirement returns the framework's requirement with the given id, or nil.
func (f *Framework) Requirement(id string) *Requirement {
	for i := range f.Requirements {
		if f.Requirements[i].ID == id {
			return &f.Requirements[i]
		}
	}
	return nil
}

// LinksFor returns the links of one control, sorted by framework and then
// in declaration order.
func (s *Set) LinksFor(controlID string) []Link {
	var out []Link
	for _, l := range s.Links {
		if l.Control == controlID {
			out = append(out, l)
		}
	}
	return out
}

// LinksTo returns the links into one requirement of one framework, sorted by
// control id.
func (s *Set) LinksTo(frameworkID, requirementID string) []Link {
	var out []Link
	for _, l := range s.Links {
		if l.Framework == frameworkID && l.Requirement == requirementID {
			out = append(out, l)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Control < out[j].Control })
	return out
}

// ExclusionFor returns the declared absence of a mapping of the control into
// the framework, if there is one.
func (s *Set) ExclusionFor(controlID, frameworkID string) (Exclusion, bool) {
	for _, e := range s.Exclusions {
		if e.Control == controlID && e.Framework == frameworkID {
			return e, true
		}
	}
	return Exclusion{}, false
}

// Check reports links and exclusions that name controls not in known (the
// ids of the loaded control catalog), each with its file and line.
func (s *Set) Check(known map[string]bool) error {
	ps := &diag.Collector{}
	for _, l := range s.Links {
		if !known[l.Control] {
			ps.Addf(l.File, l.Line, "control %s is not in the catalog (mapped to %s %s)", l.Control, l.Framework, l.Requirement)
		}
	}
	for _, e := range s.Exclusions {
		if !known[e.Control] {
			ps.Addf(e.File, e.Line, "control %s is not in the catalog (excluded from %s)", e.Control, e.Framework)
		}
	}
	return ps.Err()
}

// Unmapped returns, for each main framework, the ids in controls that
// neither map into it nor carry an explicit exclusion, sorted. An empty
// result means every control is accounted for in every main framework.
func (s *Set) Unmapped(controls []string) map[string][]string {
	out := map[string][]string{}
	for _, fw := range s.Frameworks {
		if !fw.Main {
			continue
		}
		linked := map[string]bool{}
		for _, l := range s.Links {
			if l.Framework == fw.ID {
				linked[l.Control] = true
			}
		}
		for _, e := range s.Exclusions {
			if e.Framework == fw.ID {
				linked[e.Control] = true
			}
		}
		for _, id := range controls {
			if !linked[id] {
				out[fw.ID] = append(out[fw.ID], id)
			}
		}
		sort.Strings(out[fw.ID])
	}
	return out
}

// Merge combines sets (the built-in one and users' own). Framework ids must
// be unique across the sets.
func Merge(sets ...*Set) (*Set, error) {
	out := &Set{}
	seen := map[string]*Framework{}
	for _, s := range sets {
		if s == nil {
			continue
		}
		for _, fw := range s.Frameworks {
			if prev, dup := seen[fw.ID]; dup {
				return nil, fmt.Errorf("%s:%d: framework %s is already declared in %s:%d", fw.File, fw.Line, fw.ID, prev.File, prev.Line)
			}
			seen[fw.ID] = fw
			out.Frameworks = append(out.Frameworks, fw)
		}
		out.Links = append(out.Links, s.Links...)
		out.Exclusions = append(out.Exclusions, s.Exclusions...)
	}
	out.sort()
	return out, nil
}

// Basis says, for people, what a link rests on: "asserted" (Tollgate's own
// reasoned judgement, see the rationale) or, for an official link, the
// published crosswalk and the SP 800-53 control it relates the requirement
// to. fw is the link's framework (nil: the crosswalk is not named).
func (l Link) Basis(fw *Framework) string {
	if l.Provenance != ProvenanceOfficial {
		return orDefault(l.Provenance, ProvenanceAsserted)
	}
	basis := "official via SP 800-53 " + l.Via
	if fw != nil && fw.Crosswalk != nil && fw.Crosswalk.Title != "" {
		basis += " (" + fw.Crosswalk.Title + ")"
	}
	return basis
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
