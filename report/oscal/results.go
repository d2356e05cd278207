package oscal

import (
	"fmt"
	"io"
	"sort"
	"time"

	oscalTypes "github.com/defenseunicorns/go-oscal/src/types/oscal-1-1-3"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/mappings"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// Options configure the assessment results.
type Options struct {
	// Title is the document title; empty means "Tollgate assessment results".
	Title string
	// EvidenceBase is the folder, relative to the OSCAL file, where the
	// evidence bundle sits (e.g. "evidence/"). Evidence hrefs are written as
	// EvidenceBase followed by the artifact's path inside the bundle
	// ("evidence/artifacts/<path>"), and the bundle manifest as
	// EvidenceBase followed by "manifest.json"; empty leaves them relative
	// to the bundle root ("artifacts/<path>", "manifest.json").
	EvidenceBase string
}

// Write writes r as OSCAL 1.1.3 assessment results to w. The document is
// validated first; nothing is written when it is not valid.
func Write(w io.Writer, r *assess.Results, opts Options) error {
	data, err := Marshal(r, opts)
	if err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		return fmt.Errorf("write OSCAL assessment results: %w", err)
	}
	return nil
}

// Marshal renders r as validated OSCAL 1.1.3 assessment-results JSON.
func Marshal(r *assess.Results, opts Options) ([]byte, error) {
	ar, err := Build(r, opts)
	if err != nil {
		return nil, err
	}
	data, err := encode(oscalTypes.OscalModels{AssessmentResults: ar})
	if err != nil {
		return nil, fmt.Errorf("assessment results: %w", err)
	}
	return data, nil
}

// Build assembles the assessment-results model for r without validating it.
func Build(r *assess.Results, opts Options) (*oscalTypes.AssessmentResults, error) {
	if r == nil {
		return nil, fmt.Errorf("build OSCAL assessment results: no results")
	}
	ts, err := stamp(r.Timestamp)
	if err != nil {
		return nil, fmt.Errorf("build OSCAL assessment results: %w", err)
	}
	b := &arBuilder{x: view.New(r), ts: ts, opts: opts}
	var results []oscalTypes.Result
	for _, fw := range r.Frameworks {
		if fw.Framework == nil || len(fw.Requirements) == 0 {
			continue
		}
		results = append(results, b.frameworkResult(fw))
	}
	if len(results) == 0 {
		results = append(results, b.catalogResult())
	}
	ar := &oscalTypes.AssessmentResults{
		Metadata: metadata(orDefault(opts.Title, "Tollgate assessment results"), r.Version, ts),
		ImportAp: oscalTypes.ImportAp{
			Href:    "#" + planResourceID(),
			Remarks: "Tollgate assesses against its control catalog and framework mappings; the back-matter resource referenced here describes them.",
		},
		Results:    results,
		BackMatter: b.backMatter(),
	}
	if ar.UUID, err = contentUUID("assessment-results", ar); err != nil {
		return nil, fmt.Errorf("build OSCAL assessment results: %w", err)
	}
	return ar, nil
}

// arBuilder holds what every part of the assessment results needs.
type arBuilder struct {
	x    *view.Index
	ts   time.Time
	opts Options
}

// target is one thing a result reviews: a framework requirement, or a
// control when no framework is assessed.
type target struct {
	id     string
	token  string
	title  string
	status assess.Status
	reason string
	links  []mappings.Link
}

func (b *arBuilder) frameworkResult(fw assess.FrameworkResult) oscalTypes.Result {
	f := fw.Framework
	targets := make([]target, 0, len(fw.Requirements))
	for _, rr := range fw.Requirements {
		targets = append(targets, target{
			id: rr.Requirement.ID, token: Token(f.ID, rr.Requirement.ID), title: rr.Requirement.Title,
			status: rr.Status, reason: rr.Reason, links: rr.Links,
		})
	}
	t := fw.Tally
	desc := fmt.Sprintf("Tollgate judged the MCP controls mapped to %s %s and rolled their verdicts up to %d requirements: "+
		"%d satisfied, %d not satisfied, %d not assessed, %d manual, %d error.",
		f.Title, f.Version, len(fw.Requirements), t.Satisfied, t.NotSatisfied, t.NotAssessed, t.Manual, t.Error)
	p := props("framework", f.ID, "framework-title", f.Title, "framework-version", f.Version,
		"satisfied", fmt.Sprint(t.Satisfied), "not-satisfied", fmt.Sprint(t.NotSatisfied),
		"not-assessed", fmt.Sprint(t.NotAssessed), "manual", fmt.Sprint(t.Manual), "error", fmt.Sprint(t.Error))
	return b.result(f.ID, orDefault(f.Title, f.ID)+": Tollgate assessment", desc, p, targets)
}

// catalogResult reviews the MCP controls themselves; it keeps the document
// meaningful (and valid: a document needs one result) when no framework is
// assessed.
func (b *arBuilder) catalogResult() oscalTypes.Result {
	var targets []target
	for _, cr := range b.x.R.Controls {
		c := cr.Control
		if c == nil {
			continue
		}
		targets = append(targets, target{
			id: c.ID, token: tokenize(c.ID), title: c.Title, status: cr.Status,
			reason: fmt.Sprintf("%s rolled up from %d evaluated subjects.", view.StatusLabel(cr.Status), len(cr.Evaluations)),
			links:  []mappings.Link{{Control: c.ID, Requirement: c.ID, Provenance: mappings.ProvenanceOfficial}},
		})
	}
	desc := fmt.Sprintf("No framework was assessed; this result reviews the %d MCP controls directly.", len(targets))
	return b.result("tollgate-controls", "MCP controls: Tollgate assessment", desc, props("framework", "tollgate-controls"), targets)
}

// result assembles one result: observations per linked control, risks for
// failures and waivers, and a finding per target.
func (b *arBuilder) result(key, title, desc string, p *[]oscalTypes.Property, targets []target) oscalTypes.Result {
	controlIDs := linkedControls(targets)
	obs := map[string]string{}
	risks := map[string][]string{}
	var observations []oscalTypes.Observation
	var riskList []oscalTypes.Risk
	for _, cid := range controlIDs {
		cr := b.x.Control(cid)
		if cr == nil {
			continue
		}
		o := b.observation(key, cr)
		obs[cid] = o.UUID
		observations = append(observations, o)
		for _, rk := range b.risks(key, cr, o.UUID) {
			risks[cid] = append(risks[cid], rk.UUID)
			riskList = append(riskList, rk)
		}
	}
	var findings []oscalTypes.Finding
	selected := map[string]bool{}
	var include []oscalTypes.AssessedControlsSelectControlById
	for _, t := range targets {
		findings = append(findings, b.finding(key, t, obs, risks))
		if !selected[t.token] {
			selected[t.token] = true
			include = append(include, oscalTypes.AssessedControlsSelectControlById{ControlId: t.token})
		}
	}
	return oscalTypes.Result{
		UUID:             id("result", key),
		Title:            title,
		Description:      desc,
		Start:            b.ts,
		End:              &b.ts,
		Props:            p,
		LocalDefinitions: b.localDefinitions(key, controlIDs),
		ReviewedControls: oscalTypes.ReviewedControls{
			Description:       "The requirements in scope of this result.",
			ControlSelections: []oscalTypes.AssessedControls{selection(include)},
		},
		Observations: list(observations),
		Findings:     list(findings),
		Risks:        list(riskList),
	}
}

// linkedControls returns the sorted, distinct control IDs the targets link to.
func linkedControls(targets []target) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range targets {
		for _, l := range t.links {
			if !seen[l.Control] {
				seen[l.Control] = true
				out = append(out, l.Control)
			}
		}
	}
	sort.Strings(out)
	return out
}

// selection lists the reviewed controls, or selects all of them when there
// is none to list (an empty list is not valid OSCAL).
func selection(include []oscalTypes.AssessedControlsSelectControlById) oscalTypes.AssessedControls {
	if len(include) == 0 {
		return oscalTypes.AssessedControls{IncludeAll: &oscalTypes.IncludeAll{}}
	}
	return oscalTypes.AssessedControls{IncludeControls: &include}
}
