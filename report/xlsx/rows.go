package xlsx

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/mappings"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// maxListed bounds the items a list cell shows before "and N more".
const maxListed = 20

type summaryRow struct{ fw assess.FrameworkResult }

type requirementRow struct {
	fw        string
	framework *mappings.Framework
	rr        assess.RequirementResult
	evidence  []string
	hashes    []string
	waivers   []string
}

type findingRow struct {
	view.Finding
	reqs     []view.ReqRef
	detected string
	// statusDate is the run's date; baseline is "new" or "baseline" against a baseline.
	statusDate, baseline string
	source               string
}

type artifactRow struct {
	a        evidence.Artifact
	subjects int
}

type subjectRow struct {
	f        view.Facts
	failures int
}

type waiverRow struct{ w assess.WaiverRecord }

func summaryRows(r *assess.Results) []any {
	var out []any
	for _, fw := range r.Frameworks {
		if fw.Framework != nil {
			out = append(out, summaryRow{fw: fw})
		}
	}
	return out
}

// requirementRows lists a framework's requirements with the evidence behind
// the controls mapped to each: the artifacts their subjects came from, the
// artifacts' hashes and the waivers applied.
func requirementRows(x *view.Index, fw assess.FrameworkResult) []any {
	var out []any
	for _, rr := range fw.Requirements {
		arts := map[string]*evidence.Artifact{}
		waivers := map[string]bool{}
		for _, l := range rr.Links {
			cr := x.Control(l.Control)
			if cr == nil {
				continue
			}
			for _, e := range cr.Evaluations {
				if a := x.SubjectArtifact(e.SubjectID); a != nil {
					arts[a.Path] = a
				}
				if e.Waiver != "" {
					waivers[e.Waiver] = true
				}
			}
		}
		row := requirementRow{fw: fw.Framework.ID, framework: fw.Framework, rr: rr, waivers: slices.Sorted(maps.Keys(waivers))}
		for _, p := range slices.Sorted(maps.Keys(arts)) {
			row.evidence = append(row.evidence, p)
			row.hashes = append(row.hashes, arts[p].SHA256)
		}
		out = append(out, row)
	}
	return out
}

func findingRows(x *view.Index) []any {
	var out []any
	today := x.R.Timestamp.UTC().Format("2006-01-02")
	source := strings.TrimSpace(orDefault(x.R.Tool, "tollgate") + " " + x.R.Version)
	for _, f := range x.Findings() {
		// With a history, a finding was detected when it was first seen.
		detected := today
		if first := x.R.History.FirstSeenOf(f.Fingerprint()); !first.IsZero() {
			detected = first.UTC().Format("2006-01-02")
		}
		out = append(out, findingRow{Finding: f, reqs: x.Requirements(f.Control.ID), detected: detected, statusDate: today,
			baseline: x.R.Baseline.State(f.Eval), source: source})
	}
	return out
}

func artifactRows(x *view.Index) []any {
	counts := map[string]int{}
	for _, s := range x.R.Subjects {
		if s != nil {
			counts[s.Metadata().Provenance.File]++
		}
	}
	arts := append([]evidence.Artifact(nil), x.R.Artifacts...)
	sort.SliceStable(arts, func(i, j int) bool { return arts[i].Path < arts[j].Path })
	var out []any
	for _, a := range arts {
		out = append(out, artifactRow{a: a, subjects: counts[a.Path]})
	}
	return out
}

func subjectRows(x *view.Index) []any {
	failures := map[string]int{}
	for _, f := range x.Failures() {
		failures[f.Subject.ID]++
	}
	var out []any
	for _, s := range x.R.Subjects {
		if s == nil {
			continue
		}
		f := view.SubjectFacts(s)
		out = append(out, subjectRow{f: f, failures: failures[f.ID]})
	}
	return out
}

func waiverRows(r *assess.Results) []any {
	var out []any
	for _, w := range r.Waivers {
		out = append(out, waiverRow{w: w})
	}
	return out
}

// listCell joins items one per line, naming how many were left out.
func listCell(items []string) string {
	if len(items) > maxListed {
		rest := len(items) - maxListed
		items = append(append([]string(nil), items[:maxListed]...), fmt.Sprintf("and %d more", rest))
	}
	return strings.Join(items, "\n")
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
