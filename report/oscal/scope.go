package oscal

import (
	"fmt"
	"slices"
	"strings"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/words"
	"github.com/tollgate-dev/tollgate/mappings"
	"github.com/tollgate-dev/tollgate/policy"
)

// scopeStatement says, in a paragraph, what the assessment covered: the
// MCP slice of the deployment, which paths, how many subjects of each kind,
// and that a requirement is judged only for what its mapped controls
// examine.
func (b *builder) scopeStatement() string {
	kinds := map[evidence.Kind]int{}
	for _, s := range b.r.Subjects {
		m := s.Metadata()
		if srv, ok := s.(*evidence.Server); ok && srv.Ignored {
			continue
		}
		kinds[m.Kind]++
	}
	var counted []string
	for _, k := range evidence.Kinds {
		if n := kinds[k]; n > 0 {
			counted = append(counted, words.Count(n, kindNoun(k)))
		}
	}
	where := "the evidence bundle it was given"
	if len(b.eng.Scope) > 0 {
		where = strings.Join(b.eng.Scope, ", ")
	}
	what := "nothing"
	if len(counted) > 0 {
		what = strings.Join(counted, ", ")
	}
	// The organisation policy is an artifact of the run, not a file of
	// the configuration assessed.
	files := 0
	for i := range b.r.Artifacts {
		if b.r.Artifacts[i].Format != policy.Format {
			files++
		}
	}
	return fmt.Sprintf("Scope: the Model Context Protocol (MCP) configuration of %s, as found under %s: %s, from %s. "+
		"Every applicable subject was judged (no sampling). Each framework requirement is judged only for its MCP scope, "+
		"that is what the MCP controls mapped to it examine; a requirement reported as \"MCP scope met\" is not thereby met as a whole, "+
		"and requirements no MCP control maps to were not assessed.",
		b.subjectName(), where, what, words.Count(files, "configuration file"))
}

func kindNoun(k evidence.Kind) string {
	switch k {
	case evidence.KindServer:
		return "MCP server declaration"
	case evidence.KindSource:
		return "configuration source"
	case evidence.KindGateway:
		return "gateway"
	case evidence.KindWorkload:
		return "workload"
	case evidence.KindEndpoint:
		return "live endpoint"
	case evidence.KindTool:
		return "tool definition"
	}
	return string(k)
}

// isNIST reports whether requirement ids of the framework are SP 800-53
// control ids, which NIST's OSCAL catalog defines.
func isNIST(fw *mappings.Framework) bool { return strings.HasPrefix(fw.ID, "nist-800-53") }

// target is what a finding about a requirement points at: an assessment
// objective when the links into the requirement judge exactly one, the
// requirement's statement otherwise.
type target struct {
	kind, id   string
	objectives []string
}

// targetOf resolves the finding target of a requirement. For SP 800-53 the
// ids are those of NIST's catalog: the control's statement ("ac-3_smt") or,
// where every mapped control judges the same single SP 800-53A objective,
// that objective ("sc-8.1_obj"). Other frameworks publish no OSCAL catalog
// Tollgate can cite, so the requirement's own id (as an OSCAL token) names
// its statement, and the finding links the framework's publication.
func targetOf(fw *mappings.Framework, req mappings.Requirement, links []mappings.Link) target {
	tok := Token(fw.ID, req.ID)
	t := target{kind: "statement-id", id: tok}
	if !isNIST(fw) {
		return t
	}
	t.id = tok + "_smt"
	precise := len(links) > 0
	for _, l := range links {
		if len(l.Objectives) == 0 {
			precise = false
		}
		t.objectives = append(t.objectives, l.Objectives...)
	}
	slices.Sort(t.objectives)
	t.objectives = slices.Compact(t.objectives)
	if precise && len(t.objectives) == 1 {
		t.kind, t.id = "objective-id", t.objectives[0]
	}
	return t
}

// Requirement groups of a framework in the reviewed controls.
const (
	groupAssessed    = "assessed"     // concluded: a finding says met, not met or deviation approved
	groupManual      = "manual"       // in scope, awaiting an attestation
	groupNotAssessed = "not-assessed" // in scope, nothing applicable was found
	groupError       = "error"        // in scope, could not be evaluated
)

var groupText = map[string]string{
	groupAssessed:    "requirements whose MCP scope was assessed; a finding records each",
	groupManual:      "requirements in the MCP scope that only manual controls cover, awaiting a valid attestation; not concluded",
	groupNotAssessed: "requirements in the MCP scope for which no applicable subject was found; not concluded",
	groupError:       "requirements in the MCP scope that could not be evaluated (evidence missing); not concluded",
}

// groupOf places a requirement status in a reviewed-controls group.
func groupOf(s assess.Status) string {
	switch {
	case s.Assessed():
		return groupAssessed
	case s == assess.StatusManual:
		return groupManual
	case s == assess.StatusError:
		return groupError
	}
	return groupNotAssessed
}

// reviewedControls lists, per framework, the requirements in the MCP scope
// (those some control of the catalog maps to), grouped by whether they were
// concluded, with the SP 800-53A objectives judged exactly. Requirements no
// control maps to are not reviewed; the remarks name them.
func (b *builder) reviewedControls() oscalTypes.ReviewedControls {
	var selections []oscalTypes.AssessedControls
	var objectives []oscalTypes.ReferencedControlObjectives
	var outOfScope []string
	var outProps []oscalTypes.Property
	for _, fw := range b.r.Frameworks {
		f := fw.Framework
		if f == nil {
			continue
		}
		groups := map[string][]oscalTypes.AssessedControlsSelectControlById{}
		var objs []oscalTypes.SelectObjectiveById
		var unmapped []string
		for _, rr := range fw.Requirements {
			if len(rr.Links) == 0 {
				unmapped = append(unmapped, rr.Requirement.ID)
				if p, ok := prop("out-of-scope", rr.Requirement.ID); ok {
					p.Class = tokenize(f.ID)
					outProps = append(outProps, p)
				}
				continue
			}
			g := groupOf(rr.Status)
			groups[g] = append(groups[g], oscalTypes.AssessedControlsSelectControlById{ControlId: Token(f.ID, rr.Requirement.ID)})
			for _, o := range targetOf(f, rr.Requirement, rr.Links).objectives {
				objs = append(objs, oscalTypes.SelectObjectiveById{ObjectiveId: o})
			}
		}
		for _, g := range []string{groupAssessed, groupManual, groupNotAssessed, groupError} {
			if len(groups[g]) == 0 {
				continue
			}
			include := groups[g]
			selections = append(selections, oscalTypes.AssessedControls{
				Description:     fmt.Sprintf("%s: %s.", frameworkName(f), groupText[g]),
				Props:           props("framework", f.ID, "group", g),
				IncludeControls: &include,
				Links:           &[]oscalTypes.Link{{Href: "#" + frameworkResourceID(f.ID), Rel: "reference", Text: frameworkName(f)}},
			})
		}
		if len(objs) > 0 {
			objectives = append(objectives, oscalTypes.ReferencedControlObjectives{
				Description:       fmt.Sprintf("%s: the SP 800-53A assessment objectives some mapped MCP control judges exactly.", frameworkName(f)),
				Props:             props("framework", f.ID),
				IncludeObjectives: &objs,
			})
		}
		if len(unmapped) > 0 {
			outOfScope = append(outOfScope, fmt.Sprintf("%s: %s.", frameworkName(f), strings.Join(unmapped, ", ")))
		}
	}
	rc := oscalTypes.ReviewedControls{
		Description: "The framework requirements in the MCP scope of this assessment, by framework and by whether they were concluded. " +
			"A requirement is reviewed only for what the MCP controls mapped to it examine.",
		ControlSelections:          selections,
		ControlObjectiveSelections: list(objectives),
		Props:                      list(outProps),
	}
	if len(outOfScope) > 0 {
		rc.Remarks = "Not in the MCP scope and not reviewed (no MCP control maps to them):\n\n- " + strings.Join(outOfScope, "\n- ")
	}
	if len(selections) == 0 {
		rc.ControlSelections = b.catalogSelection()
	}
	return rc
}

// catalogSelection reviews the MCP controls themselves when no framework is
// assessed (the ids are those of 'tollgate export catalog').
func (b *builder) catalogSelection() []oscalTypes.AssessedControls {
	var include []oscalTypes.AssessedControlsSelectControlById
	for _, cr := range b.r.Controls {
		if cr.Control != nil {
			include = append(include, oscalTypes.AssessedControlsSelectControlById{ControlId: tokenize(cr.Control.ID)})
		}
	}
	if len(include) == 0 {
		return []oscalTypes.AssessedControls{{Description: "No control was judged.", IncludeAll: &oscalTypes.IncludeAll{}}}
	}
	return []oscalTypes.AssessedControls{{
		Description:     "No framework was assessed: the MCP controls of Tollgate's catalog (tollgate export catalog) are reviewed directly.",
		Props:           props("framework", catalogFramework),
		IncludeControls: &include,
	}}
}

// catalogFramework stands for Tollgate's own control catalog when no
// framework is assessed.
const catalogFramework = "tollgate-controls"

// frameworkName is "Title Version".
func frameworkName(f *mappings.Framework) string {
	title := orDefault(f.Title, f.ID)
	if v := f.VersionBeyondTitle(); v != "" {
		return title + " " + v
	}
	return title
}
