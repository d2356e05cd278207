package xlsx

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/words"
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
	*setEvidence
}

type findingRow struct {
	view.PlanItem
	reqs []view.ReqRef
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

// coverRow is one line of the cover: what it states, and the statement.
type coverRow struct {
	item      any
	statement string
}

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
// the controls mapped to each (see setEvidence).
func (b *book) requirementRows(fw assess.FrameworkResult) []any {
	out := make([]any, 0, len(fw.Requirements))
	for _, rr := range fw.Requirements {
		out = append(out, requirementRow{fw: fw.Framework.ID, framework: fw.Framework, rr: rr, setEvidence: b.setEvidence(rr.Links)})
	}
	return out
}

// setEvidence is the evidence behind a set of controls, as the rows of the
// requirements mapped to them show it: the artifacts their subjects came
// from, as stored in the evidence bundle (with the SHA-256 of the stored
// copy, which an auditor can recompute), the waivers applied, and the
// findings, linked to their rows on the findings sheet. Requirements of
// every framework share sets of controls, so it is gathered once per set.
type setEvidence struct {
	// evidence says how many subjects in how many files the controls
	// judged, then names the stored files behind the subjects that did not
	// pass; hashes are the SHA-256 of those stored copies.
	evidence, hashes shortList
	waivers          []string
	// findings are the finding IDs of the controls, and findingsLink
	// where the first of them is on the findings sheet.
	findings     shortList
	findingsLink string
}

// setEvidence returns the evidence of the controls links map to.
func (b *book) setEvidence(links []mappings.Link) *setEvidence {
	var evs []*controlEvidence
	var ids []string
	for _, l := range links {
		if ce := b.controlEvidence(l.Control); ce != nil {
			evs = append(evs, ce)
			ids = append(ids, l.Control)
		}
	}
	key := strings.Join(slices.Compact(slices.Sorted(slices.Values(ids))), "\x00")
	if se, ok := b.evidenceOfSet[key]; ok {
		return se
	}
	se := &setEvidence{}
	waivers := map[string]bool{}
	firstRow := 0
	arts := make([][]*evidence.Artifact, len(evs))
	findings := make([][]string, len(evs))
	for i, ce := range evs {
		arts[i], findings[i] = ce.arts, ce.findings
		for _, w := range ce.waivers {
			waivers[w] = true
		}
		if ce.firstRow > 0 && (firstRow == 0 || ce.firstRow < firstRow) {
			firstRow = ce.firstRow
		}
	}
	se.waivers = slices.Sorted(maps.Keys(waivers))
	se.findings.items, se.findings.total = firstDistinct(findings, func(id string) string { return id }, maxListed)
	if firstRow > 0 {
		cell, _ := excelize.CoordinatesToCellName(1, firstRow)
		se.findingsLink = quoteSheet(b.findingsSheet) + "!" + cell
	}
	stored, files := firstDistinct(arts, func(a *evidence.Artifact) string { return a.Path }, maxListed)
	se.hashes.total = files
	for _, a := range stored {
		se.hashes.items = append(se.hashes.items, storedHash(a))
	}
	if judged, judgedFiles := unionSizes(evs); judged > 0 {
		se.evidence.items = append(se.evidence.items, fmt.Sprintf("%s judged in %s (Evidence sheet)", words.Count(judged, "subject"), words.Count(judgedFiles, "file")))
		se.evidence.total = 1
	}
	se.evidence.total += files
	for _, a := range stored[:min(len(stored), maxListed-len(se.evidence.items))] {
		se.evidence.items = append(se.evidence.items, a.Path)
	}
	b.evidenceOfSet[key] = se
	return se
}

// controlEvidence is what the evaluations of one control contribute to
// the evidence of the sets of controls it is in, gathered once per
// control: many requirements share a control, and a control of a large
// fleet has tens of thousands of evaluations.
type controlEvidence struct {
	// judged are the subjects judged, and files the artifacts they were
	// read from (by their numbers in book.subjects and book.files).
	judged, files bitset
	// arts are the artifacts of the subjects that did not pass, sorted
	// by path, each once.
	arts    []*evidence.Artifact
	waivers []string
	// findings are the finding IDs, sorted, each once.
	findings []string
	// firstRow is the first row of its findings on the findings sheet.
	firstRow int
}

// controlEvidence returns the evidence of the control with the given ID,
// or nil when the results have no such control.
func (b *book) controlEvidence(id string) *controlEvidence {
	if ce, ok := b.evidenceOf[id]; ok {
		return ce
	}
	cr := b.x.Control(id)
	if cr == nil {
		b.evidenceOf[id] = nil
		return nil
	}
	ce := &controlEvidence{}
	arts := map[string]*evidence.Artifact{}
	waivers := map[string]bool{}
	for i := range cr.Evaluations {
		e := &cr.Evaluations[i]
		subject := b.x.Judged(e)
		if e.SubjectID != "" {
			// The results' subjects are numbered by their position, others
			// after them.
			n := subject.Ordinal()
			if n < 0 {
				n = len(b.r.Subjects) + b.subjects.index(e.SubjectID)
			}
			ce.judged.add(n)
		}
		a := subject.Artifact()
		if a != nil {
			ce.files.add(b.files.index(a.Path))
		}
		if a != nil && e.Verdict != assess.VerdictPass {
			arts[a.Path] = a
		}
		if e.Waiver != "" {
			waivers[e.Waiver] = true
		}
		if e.Verdict == assess.VerdictFail || e.Verdict == assess.VerdictWaived {
			ce.findings = append(ce.findings, e.FindingID())
			if row := b.findingRow[e.Fingerprint()]; row > 0 && (ce.firstRow == 0 || row < ce.firstRow) {
				ce.firstRow = row
			}
		}
	}
	for _, p := range slices.Sorted(maps.Keys(arts)) {
		ce.arts = append(ce.arts, arts[p])
	}
	slices.Sort(ce.findings)
	ce.findings = slices.Compact(ce.findings)
	ce.waivers = slices.Sorted(maps.Keys(waivers))
	b.evidenceOf[id] = ce
	return ce
}

// unionSizes counts the distinct subjects and files judged by the
// controls whose evidence is evs.
func unionSizes(evs []*controlEvidence) (subjects, files int) {
	if len(evs) == 1 {
		return evs[0].judged.len(), evs[0].files.len()
	}
	var judged, paths bitset
	for _, ce := range evs {
		judged.union(ce.judged)
		paths.union(ce.files)
	}
	return judged.len(), paths.len()
}

// firstDistinct merges lists, each sorted by key with no key twice, and
// returns the first n items of the merged list, sorted by key with no key
// twice (of items with the same key, the one of the last list), and how
// many items the merged list has.
func firstDistinct[T any](lists [][]T, key func(T) string, n int) (first []T, total int) {
	if len(lists) == 1 {
		l := lists[0]
		return l[:min(n, len(l))], len(l)
	}
	at := make([]int, len(lists))
	for {
		// The least key at the head of a list, and the last list it heads.
		least := -1
		for i, l := range lists {
			if at[i] < len(l) && (least < 0 || key(l[at[i]]) <= key(lists[least][at[least]])) {
				least = i
			}
		}
		if least < 0 {
			return first, total
		}
		item := lists[least][at[least]]
		k := key(item)
		for i, l := range lists {
			if at[i] < len(l) && key(l[at[i]]) == k {
				at[i]++
			}
		}
		total++
		if len(first) < n {
			first = append(first, item)
		}
	}
}

// storedHash is the SHA-256 of the file the workbook names for an
// artifact: its redacted copy in the bundle, or the original when none is
// stored.
func storedHash(a *evidence.Artifact) string {
	if a.BundlePath != "" {
		return a.RedactedSHA256
	}
	return a.SHA256
}

// findingRows are the plan items: the failing and waived findings with
// their owners and deadlines, in the order poam.json lists them.
func (b *book) findingRows() sheetRows {
	today := b.r.Timestamp.UTC().Format("2006-01-02")
	source := strings.TrimSpace(orDefault(b.r.Tool, "tollgate") + " " + b.r.Version)
	row := &findingRow{}
	return sheetRows{n: b.items.Len(), at: func(i int) any {
		it := b.items.Item(i)
		*row = findingRow{PlanItem: it, reqs: b.x.Requirements(it.Control.ID), statusDate: today,
			baseline: b.r.Baseline.State(*it.Eval), source: source}
		return row
	}}
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

func subjectRows(x *view.Index) sheetRows {
	failures := map[string]int{}
	for _, cr := range x.R.Controls {
		for i := range cr.Evaluations {
			if e := &cr.Evaluations[i]; cr.Control != nil && e.Verdict == assess.VerdictFail {
				failures[e.SubjectID]++
			}
		}
	}
	var subjects []evidence.Subject
	for _, s := range x.R.Subjects {
		if s != nil {
			subjects = append(subjects, s)
		}
	}
	row := &subjectRow{}
	return sheetRows{n: len(subjects), at: func(i int) any {
		f := x.Facts(subjects[i])
		*row = subjectRow{f: f, failures: failures[f.ID]}
		return row
	}}
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
	return shortList{items: items, total: len(items)}.cell()
}

// shortList is the start of a list of total items: at least the first
// maxListed items, or all of them.
type shortList struct {
	items []string
	total int
}

// cell is listCell of the whole list.
func (l shortList) cell() string {
	items := l.items
	if l.total > maxListed {
		items = append(slices.Clip(items[:maxListed]), fmt.Sprintf("and %d more", l.total-maxListed))
	}
	return strings.Join(items, "\n")
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
