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
	// Encoders is how many goroutines encode a large document: 0 for one
	// per core, as when results.json is the only report written; 1 to
	// encode it on the calling goroutine, as when other reports written at
	// the same time keep the cores busy.
	Encoders int
}

// Write writes r as results.json to w.
func Write(w io.Writer, r *assess.Results, opts Options) error {
	if r == nil {
		return fmt.Errorf("write results.json: no results")
	}
	doc, later := build(r)
	if err := encodeDocument(w, doc, opts.Compact, later, encoders(r, opts.Encoders)); err != nil {
		return fmt.Errorf("write results.json: %w", err)
	}
	return nil
}

// Build converts r into the results.json document.
func Build(r *assess.Results) *Document {
	doc, later := build(r)
	doc.Controls = all[Control](later["controls"])
	doc.Findings = all[Finding](later["findings"])
	doc.Errors = all[Finding](later["errors"])
	doc.Subjects = all[Subject](later["subjects"])
	return doc
}

// all builds every element of d, whose elements are *T.
func all[T any](d deferred) []T {
	out := make([]T, 0, d.n)
	for i := range d.n {
		out = append(out, *d.at(i).(*T))
	}
	return out
}

// deferred is a top-level array of the document whose n elements are
// built only when at asks for them: the controls with their evaluations
// (a verdict per applicable subject), the findings, the errors and the
// subjects, the arrays that grow with the fleet, are built one element at
// a time as results.json is written, so the document never holds them all.
type deferred struct {
	n  int
	at func(i int) any
	// evaluations, set for the controls, is element i without its
	// evaluations, which it returns apart, so that they are converted and
	// encoded a few at a time instead of all at once.
	evaluations func(i int) (*Control, evalList)
	// appendAt, when set, appends element i's encoding (compact, or
	// indented with prefix starting each line but the first) without
	// building it as a value to encode: the findings, one per failing or
	// waived pair, are encoded this way.
	appendAt func(dst []byte, i int, prefix string, compact bool) []byte
}

// evalList is a control's evaluations as the engine records them; they are
// converted as they are encoded.
type evalList struct {
	x     *view.Index
	evals []assess.Evaluation
}

// at converts evaluation k, its reasons into buf (reused when it holds
// them) unless it has none.
func (l evalList) at(k int, buf []Reason) Evaluation {
	e := &l.evals[k]
	var rs []Reason
	if len(e.Reasons) > 0 {
		rs = appendReasonsOf(buf[:0], e.Reasons)
	}
	return evaluation(l.x, e, rs)
}

// findingList defers the findings fs: each is converted as it is encoded,
// into a value that does not outlive the encoding.
func findingList(x *view.Index, fs []view.Finding) deferred {
	reqs := requirementLists(x, fs)
	return deferred{
		n:  len(fs),
		at: func(i int) any { f := finding(x, fs[i], reqs); return &f },
		appendAt: func(dst []byte, i int, prefix string, compact bool) []byte {
			f := finding(x, fs[i], reqs)
			if compact {
				return appendFinding(dst, &f)
			}
			return appendFindingIndented(dst, &f, prefix)
		},
	}
}

// build converts r into the results.json document without its controls,
// findings, errors and subjects, which it returns deferred, by JSON member
// name. The deferred elements may be built on several goroutines at once.
func build(r *assess.Results) (*Document, map[string]deferred) {
	x := view.For(r)
	doc := &Document{
		SchemaVersion:     SchemaVersion,
		Tool:              Tool{Name: orDefault(r.Tool, "tollgate"), Version: r.Version},
		Timestamp:         r.Timestamp.UTC().Format(time.RFC3339),
		FingerprintRecipe: assess.FingerprintRecipe,
		Frameworks:        []Framework{},
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
	found, errs := x.Findings(), x.Errors()
	for _, f := range found {
		switch f.Eval.Verdict {
		case assess.VerdictFail:
			doc.Summary.Failures++
			doc.Summary.BySeverity[orDefault(f.Control.Severity, "unknown")]++
		case assess.VerdictWaived:
			doc.Summary.Waived++
		}
	}
	doc.Summary.Errors = len(errs)
	subjects := make([]evidence.Subject, 0, len(r.Subjects))
	for _, s := range r.Subjects {
		if s != nil {
			subjects = append(subjects, s)
		}
	}
	doc.Artifacts = make([]Artifact, 0, len(r.Artifacts))
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
	doc.Baseline = baseline(r.Baseline, found)
	doc.Policy = policyDoc(r.Policy)
	for _, rk := range r.Risks {
		doc.Risks = append(doc.Risks, Risk{ID: rk.ID, Title: rk.Title, Description: rk.Description})
	}
	return doc, map[string]deferred{
		"controls": {n: len(judged), at: func(i int) any { c := control(x, *judged[i]); return &c },
			evaluations: func(i int) (*Control, evalList) {
				c := controlHead(x, *judged[i])
				return &c, evalList{x: x, evals: judged[i].Evaluations}
			}},
		"findings": findingList(x, found),
		"errors":   findingList(x, errs),
		"subjects": {n: len(subjects), at: func(i int) any { s := subject(x, subjects[i]); return &s },
			appendAt: func(dst []byte, i int, prefix string, compact bool) []byte {
				s := subject(x, subjects[i])
				if compact {
					return appendSubject(dst, &s)
				}
				return appendSubjectIndented(dst, &s, prefix)
			}},
	}
}
