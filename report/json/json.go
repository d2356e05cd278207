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
	if err := encodeStreaming(w, Build(r), opts.Compact); err != nil {
		return fmt.Errorf("write results.json: %w", err)
	}
	return nil
}

// Build converts r into the results.json document.
func Build(r *assess.Results) *Document {
	x := view.New(r)
	doc := &Document{
		SchemaVersion:     SchemaVersion,
		Tool:              Tool{Name: orDefault(r.Tool, "tollgate"), Version: r.Version},
		Timestamp:         r.Timestamp.UTC().Format(time.RFC3339),
		FingerprintRecipe: assess.FingerprintRecipe,
		Frameworks:        []Framework{},
		Controls:          []Control{},
		Findings:          findings(x, x.Findings()),
		Errors:            findings(x, x.Errors()),
		Subjects:          []Subject{},
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
	for _, cr := range r.Controls {
		if cr.Control == nil {
			continue
		}
		c := control(x, cr)
		doc.Controls = append(doc.Controls, c)
		doc.Summary.Controls++
		addVerdicts(&doc.Summary.Verdicts, c.Counts)
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
	for _, s := range r.Subjects {
		if s != nil {
			doc.Subjects = append(doc.Subjects, subject(s))
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
	return doc
}
