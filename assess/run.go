package assess

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/diag"
	"github.com/tollgate-dev/tollgate/mappings"
	"github.com/tollgate-dev/tollgate/policy"
)

// Input is everything one assessment needs.
type Input struct {
	// Subjects are the evidence to judge (any order; results are sorted by ID).
	Subjects []evidence.Subject
	// Artifacts are the evidence files behind the subjects.
	Artifacts []evidence.Artifact
	// Catalog is the merged control catalog.
	Catalog *controls.Catalog
	// Mappings carry control verdicts onto frameworks; nil means no framework roll-up.
	Mappings *mappings.Set
	// Frameworks limits the roll-up to these framework IDs (empty: all).
	Frameworks []string
	// Waivers accept failures; Attestations satisfy manual controls.
	Waivers      []Waiver
	Attestations []Attestation
	// Policy, when set, is the organisation policy: the subjects are judged
	// against it (the facts controls read as the field "policy"), the
	// manual controls it automates are judged by their checks, and its
	// exceptions waive the failures they cover.
	Policy *policy.Policy
	// Now is the assessment time, used for expiry and the results timestamp
	// (zero: the current time).
	Now time.Time
	// Tool and Version identify the producer in the results.
	Tool, Version string
}

// Run judges every control against every subject and rolls the verdicts up
// per control and per framework requirement. It is deterministic: the same
// input gives the same Results.
func Run(ctx context.Context, in Input) (*Results, error) {
	res, _, err := run(ctx, in)
	return res, err
}

// run is Run, also returning the evaluators' memo statistics.
func run(ctx context.Context, in Input) (*Results, controls.Stats, error) {
	var stats controls.Stats
	if in.Catalog == nil {
		return nil, stats, fmt.Errorf("assess: no control catalog")
	}
	now := in.Now
	if now.IsZero() {
		now = time.Now()
	}
	now = now.UTC()
	frameworks, err := selectFrameworks(in.Mappings, in.Frameworks)
	if err != nil {
		return nil, stats, err
	}
	if err := checkReferences(in); err != nil {
		return nil, stats, err
	}
	subjects := slices.Clone(in.Subjects)
	slices.SortStableFunc(subjects, func(a, b evidence.Subject) int { return cmp.Compare(a.Metadata().ID, b.Metadata().ID) })
	catalog, waiverList := in.Catalog, in.Waivers
	var judge *policy.Judge
	if in.Policy != nil {
		catalog = catalog.Automate(controls.AutomatedByPolicy)
		if judge, err = in.Policy.Judge(subjects); err != nil {
			return nil, stats, fmt.Errorf("assess: %w", err)
		}
		waiverList = append(slices.Clone(waiverList), exceptionWaivers(judge.Covers())...)
	}
	plan, err := controls.NewPlan(catalog)
	if err != nil {
		return nil, stats, fmt.Errorf("assess: %w", err)
	}

	evals, na, stats, err := evaluate(ctx, plan, subjects, judge)
	if err != nil {
		return nil, stats, err
	}
	waivers := applyWaivers(catalog, evals, subjects, waiverList, now)
	attestations, attested, expiredAtts := attestationsByControl(catalog, in.Attestations, now)

	res := &Results{
		Tool:         in.Tool,
		Version:      in.Version,
		Timestamp:    now,
		Subjects:     subjects,
		Artifacts:    slices.Clone(in.Artifacts),
		Risks:        in.Catalog.Risks,
		Waivers:      waivers,
		Attestations: attestations,
		Policy:       policyRecord(in.Policy),
	}
	slices.SortFunc(res.Artifacts, func(a, b evidence.Artifact) int { return cmp.Compare(a.Path, b.Path) })
	for i, c := range catalog.Controls {
		var cr ControlResult
		if c.Manual {
			cr = manualResult(c, attested[c.ID], expiredAtts[c.ID])
		} else {
			cr = controlResult(c, evals[i], na[i])
		}
		res.Counts = addCounts(res.Counts, cr.Counts)
		res.Controls = append(res.Controls, cr)
	}
	res.Frameworks = rollUpFrameworks(frameworks, in.Mappings, res.Controls)
	return res, stats, nil
}

// selectFrameworks returns the frameworks to report, sorted by ID.
func selectFrameworks(set *mappings.Set, want []string) ([]*mappings.Framework, error) {
	if set == nil {
		if len(want) > 0 {
			return nil, fmt.Errorf("assess: frameworks %s requested but no mappings loaded", strings.Join(want, ", "))
		}
		return nil, nil
	}
	byID := map[string]*mappings.Framework{}
	var known []string
	for _, f := range set.Frameworks {
		byID[f.ID] = f
		known = append(known, f.ID)
	}
	slices.Sort(known)
	var out []*mappings.Framework
	if len(want) == 0 {
		for _, id := range known {
			out = append(out, byID[id])
		}
		return out, nil
	}
	for _, id := range want {
		f, ok := byID[id]
		if !ok {
			return nil, fmt.Errorf("assess: unknown framework %q (known: %s)", id, strings.Join(known, ", "))
		}
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b *mappings.Framework) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// checkReferences rejects waivers and attestations that name no control of
// the catalog, or an attestation of an automated control.
func checkReferences(in Input) error {
	var ps diag.Collector
	for _, w := range in.Waivers {
		c := in.Catalog.Control(w.Control)
		switch {
		case c == nil:
			ps.Addf(w.File, w.Line, "waiver %q: unknown control %q", w.ID, w.Control)
		case c.Manual:
			ps.Addf(w.File, w.Line, "waiver %q: control %s is manual; attest it instead", w.ID, w.Control)
		}
	}
	for _, a := range in.Attestations {
		c := in.Catalog.Control(a.Control)
		switch {
		case c == nil:
			ps.Addf(a.File, a.Line, "attestation %q: unknown control %q", a.ID, a.Control)
		case !c.Manual && c.AutomatedBy == "":
			ps.Addf(a.File, a.Line, "attestation %q: control %s is checked automatically, not by attestation", a.ID, a.Control)
		}
	}
	return ps.Err()
}

// addCounts sums two tallies.
func addCounts(a, b Counts) Counts {
	return Counts{
		Pass: a.Pass + b.Pass, Fail: a.Fail + b.Fail, NotApplicable: a.NotApplicable + b.NotApplicable,
		Error: a.Error + b.Error, Waived: a.Waived + b.Waived, Manual: a.Manual + b.Manual,
	}
}
