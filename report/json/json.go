// Package json writes results.json, Tollgate's stable machine-readable
// format. It is built from explicit output types (see Document), not from
// the engine's own structures, so the engine may change without breaking
// consumers; docs/results-json.md documents every field.
package json

import (
	"fmt"
	"io"
	"time"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// Options configure results.json.
type Options struct {
	// Compact writes the document without indentation.
	Compact bool
}

// Write writes r as results.json to w.
func Write(w io.Writer, r *assess.Results, opts Options) error {
	if r == nil {
		return fmt.Errorf("write results.json: no results")
	}
	doc, later := build(r)
	if err := encodeStreaming(w, doc, opts.Compact, later); err != nil {
		return fmt.Errorf("write results.json: %w", err)
	}
	return nil
}

// Build converts r into the results.json document.
func Build(r *assess.Results) *Document {
	doc, later := build(r)
	doc.Controls = make([]Control, 0, later["controls"].n)
	for i := range later["controls"].n {
		doc.Controls = append(doc.Controls, *later["controls"].at(i).(*Control))
	}
	doc.Subjects = make([]Subject, 0, later["subjects"].n)
	for i := range later["subjects"].n {
		doc.Subjects = append(doc.Subjects, *later["subjects"].at(i).(*Subject))
	}
	return doc
}

// deferred is a top-level array of the document whose n elements are
// built only when at asks for them: the controls with their evaluations
// (a verdict per applicable subject) and the subjects, the two arrays that
// grow with the fleet, are built one element at a time as results.json is
// written, so the document never holds them all.
type deferred struct {
	n  int
	at func(i int) any
}

// build converts r into the results.json document without its controls
// and subjects, which it returns deferred, by JSON member name.
func build(r *assess.Results) (*Document, map[string]deferred) {
	x := view.New(r)
	doc := &Document{
		SchemaVersion:     SchemaVersion,
		Tool:              Tool{Name: orDefault(r.Tool, "tollgate"), Version: r.Version},
		Timestamp:         r.Timestamp.UTC().Format(time.RFC3339),
		FingerprintRecipe: assess.FingerprintRecipe,
		Frameworks:        []Framework{},
		Findings:          findings(x, x.Findings()),
		Errors:            findings(x, x.Errors()),
		Artifacts:         []Artifact{},
		Waivers:           []Waiver{},
		Attestations:      []Attestation{},
		Risks:             []Risk{},
	}
	doc.Summary = Summary{Subjects: len(r.Subjects), BySeverity: map[string]int{}, Frameworks: []FrameworkSum{}}
	for _, fw := range r.Frameworks {
		if fw.Framework == nil {
			continue
		}
		f := framework(fw)
		doc.Frameworks = append(doc.Frameworks, f)
		doc.Summary.Frameworks = append(doc.Summary.Frameworks, FrameworkSum{ID: f.ID, Title: f.Title, Requirements: len(f.Requirements), Tally: f.Tally})
	}
	var status assess.FrameworkTally
	var judged []*assess.ControlResult
	for i, cr := range r.Controls {
		if cr.Control == nil {
			continue
		}
		judged = append(judged, &r.Controls[i])
		doc.Summary.Controls++
		addVerdicts(&doc.Summary.Verdicts, Verdicts(cr.Counts))
		status.Add(cr.Status)
	}
	doc.Summary.ControlStatus = Tally(status)
	for _, f := range doc.Findings {
		switch f.Verdict {
		case string(assess.VerdictFail):
			doc.Summary.Failures++
			doc.Summary.BySeverity[orDefault(f.Severity, "unknown")]++
		case string(assess.VerdictWaived):
			doc.Summary.Waived++
		}
	}
	doc.Summary.Errors = len(doc.Errors)
	var subjects []evidence.Subject
	for _, s := range r.Subjects {
		if s != nil {
			subjects = append(subjects, s)
		}
	}
	for _, a := range r.Artifacts {
		doc.Artifacts = append(doc.Artifacts, Artifact{Path: a.Path, BundlePath: a.BundlePath, SHA256: a.SHA256,
			RedactedSHA256: a.RedactedSHA256, Format: a.Format, Size: a.Size})
	}
	for _, w := range r.Waivers {
		doc.Waivers = append(doc.Waivers, waiver(w))
	}
	for _, a := range r.Attestations {
		doc.Attestations = append(doc.Attestations, attestation(a))
	}
	doc.Baseline = baseline(r.Baseline, doc.Findings)
	doc.Policy = policyDoc(r.Policy)
	for _, rk := range r.Risks {
		doc.Risks = append(doc.Risks, Risk{ID: rk.ID, Title: rk.Title, Description: rk.Description})
	}
	return doc, map[string]deferred{
		"controls": {n: len(judged), at: func(i int) any { c := control(x, *judged[i]); return &c }},
		"subjects": {n: len(subjects), at: func(i int) any { s := subject(subjects[i]); return &s }},
	}
}
