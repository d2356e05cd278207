package html

import (
	htmltemplate "html/template"
	"iter"
	"net/url"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/controls"
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/internal/words"
	"github.com/tollgate-dev/tollgate/report/console"
	"github.com/tollgate-dev/tollgate/report/internal/view"
)

// model is everything the template shows, computed once and in a fixed
// order, so the same results give the same bytes.
type model struct {
	// rows is where the template's row functions write (see rowSink).
	rows *rowSink

	Tool, Version, Timestamp string
	Gate                     *console.Gate

	Subjects, Controls, FrameworkCount int
	Failures, Waived, Errors           int
	BySeverity                         []severityCount
	SeverityChart                      barChart

	Baseline *baselineView
	History  *historyView
	Trend    *trendView

	Statuses   []statusView
	Frameworks []frameworkView

	Groups []controlGroup
	// FindingCount is the number of finding rows over all groups.
	FindingCount int
	Severities   []string
	FindingKinds []string

	Inventory    []kindTable
	Waivers      []waiverView
	Attestations []attestationView
	// Artifacts counts the stored files; ArtifactRows makes their rows
	// one at a time as the report is written.
	Artifacts    int
	ArtifactRows iter.Seq[artifactView]
	ManifestHref string

	CSS htmltemplate.CSS
	JS  htmltemplate.JS
	CSP string

	// bySeverity counts the failures by severity, and baseline the
	// findings by baseline state.
	bySeverity, baseline map[string]int
}

type severityCount struct {
	Severity string
	Count    int
}

type baselineView struct {
	Source, Timestamp     string
	New, Unchanged, Fixed int
	FixedRows             []assess.BaselineFinding
}

type historyView struct {
	Scope, Previous string
	New, Fixed      int
}

// statusView is one requirement status, in the order charts stack them.
type statusView struct {
	Status assess.Status
	Class  string
	Label  string
}

// statuses are the requirement statuses, in chart order.
var statuses = []assess.Status{assess.StatusSatisfied, assess.StatusNotSatisfied, assess.StatusWaived,
	assess.StatusNotAssessed, assess.StatusManual, assess.StatusError}

type frameworkView struct {
	ID, Title, Version, Anchor string
	Total                      int
	AssessedPct, SatisfiedPct  string
	ChartLabel                 string
	Segments                   []segment
	Requirements               []requirementView
}

// segment is one status's share of a framework's stacked bar.
type segment struct {
	Status       string
	Class, Label string
	Count        int
	X, W         string
}

type requirementView struct {
	ID, Title, Group string
	Class, Label     string
	Reason           string
	Controls         []controlRef
}

// controlRef is a control mapped to a requirement; Anchor is empty when the
// report has no findings section of the control to link to.
type controlRef struct{ ID, Anchor string }

type controlGroup struct {
	ID, Title, Family, Severity, Anchor string
	Remediation                         string
	Requirements                        []string
	Fail, Waived, Error                 int
	// Rows are made one at a time as the report is written, so that the
	// rows of every finding are never held at once.
	Rows iter.Seq[findingRow]
}

type findingRow struct {
	ID                    string
	Verdict, VerdictLabel string
	Severity              string
	Subject, Kind         string
	Location, Href        string
	Message               string
	Reasons               []string
	Waiver, WaiverAnchor  string
	Baseline, FirstSeen   string
	Search                string
	// search, when set, is the search text in place of Search, valid
	// until the next row is made.
	search []byte
	// reasons, when set, are the reasons in place of Reasons, each shown
	// as its view.ReasonText.
	reasons []assess.Reason
}

type waiverView struct {
	ID, Anchor, Control, Subjects, Justification string
	Owner, ApprovedBy, Expires, Status, Source   string
	Matched                                      int
}

type attestationView struct {
	ID, Control, Statement, AttestedBy, Evidence string
	SHA256, Expires, Status, Source              string
}

type artifactView struct {
	Path, Href, Format, SHA256, RedactedSHA256 string
	Size                                       int64
}

func build(r *assess.Results, opts Options) *model {
	x := view.For(r)
	m := &model{
		Tool:      orDefault(r.Tool, "tollgate"),
		Version:   r.Version,
		Timestamp: r.Timestamp.UTC().Format("2006-01-02 15:04:05 UTC"),
		Gate:      opts.Gate,
		Subjects:  len(r.Subjects),
	}
	for _, cr := range r.Controls {
		if cr.Control != nil {
			m.Controls++
		}
	}
	for _, s := range statuses {
		m.Statuses = append(m.Statuses, statusView{Status: s, Class: string(s), Label: view.RequirementLabel(s)})
	}
	failing := map[string]int{}
	m.findings(x, opts, failing)
	grouped := make(map[string]bool, len(m.Groups))
	for _, g := range m.Groups {
		grouped[g.ID] = true
	}
	for _, fw := range r.Frameworks {
		if fw.Framework != nil {
			m.Frameworks = append(m.Frameworks, frameworkOf(fw, grouped))
		}
	}
	m.FrameworkCount = len(m.Frameworks)

	m.overview()
	m.Inventory = inventory(x, failing)
	m.policy(r)
	m.evidence(r, opts.EvidenceBase)
	if b := r.Baseline; b != nil {
		bv := &baselineView{Source: b.Source, Timestamp: stamp(b.Timestamp), Fixed: len(b.Fixed), FixedRows: b.Fixed,
			New: m.baseline[assess.BaselineNew], Unchanged: m.baseline[assess.BaselineUnchanged]}
		m.Baseline = bv
	}
	if h := r.History; h != nil {
		hv := &historyView{Scope: h.Scope, New: h.New, Fixed: h.Fixed}
		if !h.Previous.IsZero() {
			hv.Previous = stamp(h.Previous)
		}
		m.History = hv
		m.Trend = trendOf(h)
	}
	return m
}

// frameworkOf computes a framework's chart, tally and requirement rows. A
// mapped control links to its findings when grouped (the controls with a
// findings group) holds it; the others have no section to link to.
func frameworkOf(fw assess.FrameworkResult, grouped map[string]bool) frameworkView {
	f := fw.Framework
	t := fw.Tally
	v := frameworkView{ID: f.ID, Title: orDefault(f.Title, f.ID), Version: f.VersionBeyondTitle(), Anchor: anchor(f.ID), Total: t.Total()}
	counts := map[assess.Status]int{
		assess.StatusSatisfied: t.Satisfied, assess.StatusNotSatisfied: t.NotSatisfied, assess.StatusWaived: t.Waived,
		assess.StatusNotAssessed: t.NotAssessed, assess.StatusManual: t.Manual, assess.StatusError: t.Error,
	}
	var labels []string
	x := 0.0
	for _, s := range statuses {
		n := counts[s]
		w := 0.0
		if v.Total > 0 {
			w = float64(n) * 1000 / float64(v.Total)
		}
		v.Segments = append(v.Segments, segment{Status: string(s), Class: string(s), Label: view.RequirementLabel(s), Count: n,
			X: num(x), W: num(w)})
		x += w
		labels = append(labels, view.RequirementLabel(s)+" "+itoa(n))
	}
	v.AssessedPct = percent(t.Assessed(), v.Total)
	v.SatisfiedPct = percent(t.Satisfied, t.Assessed())
	v.ChartLabel = v.Title + ": " + strings.Join(labels, ", ") + " of " + words.Count(v.Total, "requirement")
	for _, rr := range fw.Requirements {
		req := requirementView{ID: rr.Requirement.ID, Title: rr.Requirement.Title, Group: rr.Requirement.Group,
			Class: string(rr.Status), Label: view.RequirementLabel(rr.Status), Reason: rr.Reason}
		seen := map[string]bool{}
		for _, l := range rr.Links {
			if !seen[l.Control] {
				seen[l.Control] = true
				ref := controlRef{ID: l.Control}
				if grouped[l.Control] {
					ref.Anchor = anchor(l.Control)
				}
				req.Controls = append(req.Controls, ref)
			}
		}
		v.Requirements = append(v.Requirements, req)
	}
	return v
}

// findings groups the findings and errors by control, most severe control
// first, counts them (by verdict, severity and baseline state), and counts
// each subject's failures for the inventory. The rows of each group are
// made as the report is written (see controlGroup.Rows).
func (m *model) findings(x *view.Index, opts Options, failing map[string]int) {
	all := view.BySeverity(x.Findings(), x.Errors())
	kinds := map[string]bool{}
	sevs := map[string]bool{}
	m.bySeverity = map[string]int{}
	m.baseline = map[string]int{}
	start := 0
	for i, f := range all {
		if i == 0 || all[i-1].Control.ID != f.Control.ID {
			start = i
			m.Groups = append(m.Groups, controlGroup{ID: f.Control.ID, Title: f.Control.Title, Family: f.Control.Family,
				Severity: orDefault(f.Control.Severity, "unrated"), Anchor: anchor(f.Control.ID), Remediation: f.Control.Remediation})
			for _, ref := range x.Requirements(f.Control.ID) {
				m.Groups[len(m.Groups)-1].Requirements = append(m.Groups[len(m.Groups)-1].Requirements, ref.String())
			}
		}
		cur := &m.Groups[len(m.Groups)-1]
		if i+1 == len(all) || all[i+1].Control.ID != f.Control.ID {
			cur.Rows = groupRows(x, opts, cur, all[start:i+1])
		}
		switch f.Eval.Verdict {
		case assess.VerdictFail:
			cur.Fail++
			failing[f.Subject.ID]++
			m.Failures++
			m.bySeverity[cur.Severity]++
		case assess.VerdictWaived:
			cur.Waived++
			m.Waived++
		default:
			cur.Error++
			if f.Eval.Verdict == assess.VerdictError {
				m.Errors++
			}
		}
		m.baseline[x.R.Baseline.State(*f.Eval)]++
		m.FindingCount++
		kinds[findingKind(f)] = true
		sevs[cur.Severity] = true
	}
	for _, s := range controls.Severities {
		if sevs[s] {
			m.Severities = append(m.Severities, s)
			delete(sevs, s)
		}
	}
	m.Severities = append(m.Severities, sortedKeys(sevs)...)
	m.FindingKinds = orderKinds(sortedKeys(kinds))
}

// groupRows makes the rows of the findings of group g as they are asked
// for.
func groupRows(x *view.Index, opts Options, g *controlGroup, findings []view.Finding) iter.Seq[findingRow] {
	id, title, severity := g.ID, g.Title, g.Severity
	return func(yield func(findingRow) bool) {
		var search []byte
		for _, f := range findings {
			if !yield(findingRowOf(x, opts, f, id, title, severity, &search)) {
				return
			}
		}
	}
}

// findingKind is the kind of subject a finding is about, "deployment" for
// a manual control judged for the deployment as a whole.
func findingKind(f view.Finding) string {
	return orDefault(string(f.Subject.Kind), "deployment")
}

// findingRowOf is the row of finding f of the control with the given ID,
// title and severity; its search text is made in *scratch, which the next
// row reuses.
func findingRowOf(x *view.Index, opts Options, f view.Finding, control, title, severity string, scratch *[]byte) findingRow {
	row := findingRow{
		ID: f.ID(), Verdict: string(f.Eval.Verdict), VerdictLabel: view.VerdictLabel(f.Eval.Verdict),
		Severity: severity, Subject: f.Subject.Name, Kind: findingKind(f),
		Location: f.Location, Message: f.Eval.Message, reasons: f.Eval.Reasons,
		Waiver: f.Eval.Waiver, WaiverAnchor: anchor(f.Eval.Waiver), Baseline: x.R.Baseline.State(*f.Eval),
	}
	if row.Subject == "" {
		row.Subject = "the deployment as a whole"
	}
	if f.Artifact != nil {
		row.Href = evidenceHref(opts.EvidenceBase, f.Artifact.BundlePath)
	}
	if seen := x.R.History.FirstSeenOf(f.Fingerprint()); !seen.IsZero() {
		row.FirstSeen = seen.UTC().Format("2006-01-02")
	}
	// The reasons are parts of their own, each its view.ReasonText.
	b := searchBuilder{buf: (*scratch)[:0]}
	for _, p := range [...]string{row.ID, control, title, severity, row.Subject, f.Subject.ID, row.Kind, row.Location, row.Message} {
		b.part(p)
	}
	for _, r := range row.reasons {
		if r.Path == "" {
			b.part(r.Detail)
			continue
		}
		b.part(r.Path)
		b.add(": ")
		b.add(r.Detail)
	}
	b.part(row.Waiver)
	b.part(row.VerdictLabel)
	*scratch = b.buf
	row.search = *scratch
	return row
}

// overview counts the headline numbers and draws the severity chart.
func (m *model) overview() {
	bySev := m.bySeverity
	for _, s := range controls.Severities {
		if bySev[s] > 0 {
			m.BySeverity = append(m.BySeverity, severityCount{s, bySev[s]})
			delete(bySev, s)
		}
	}
	rest := map[string]bool{}
	for s := range bySev {
		rest[s] = true
	}
	for _, s := range sortedKeys(rest) {
		m.BySeverity = append(m.BySeverity, severityCount{s, bySev[s]})
	}
	m.SeverityChart = severityChart(m.BySeverity)
}

// policy lists the waivers and attestations.
func (m *model) policy(r *assess.Results) {
	for _, w := range r.Waivers {
		m.Waivers = append(m.Waivers, waiverView{ID: w.ID, Anchor: anchor(w.ID), Control: w.Control,
			Subjects: strings.Join(w.Subjects, ", "), Justification: w.Justification, Owner: w.Owner,
			ApprovedBy: w.ApprovedBy, Expires: date(w.Expires), Status: w.Status, Matched: w.Matched,
			Source: position(w.File, w.Line)})
	}
	for _, a := range r.Attestations {
		m.Attestations = append(m.Attestations, attestationView{ID: a.ID, Control: a.Control, Statement: a.Statement,
			AttestedBy: a.AttestedBy, Evidence: a.Evidence, SHA256: a.EvidenceSHA256, Expires: date(a.Expires),
			Status: a.Status, Source: position(a.File, a.Line)})
	}
}

// evidence lists the stored files with links into the bundle.
func (m *model) evidence(r *assess.Results, base string) {
	if base != "" {
		m.ManifestHref = evidenceHref(base, evidence.ManifestFile)
	}
	m.Artifacts = len(r.Artifacts)
	m.ArtifactRows = func(yield func(artifactView) bool) {
		for _, a := range r.Artifacts {
			if !yield(artifactView{Path: a.Path, Href: evidenceHref(base, a.BundlePath), Format: a.Format,
				SHA256: a.SHA256, RedactedSHA256: a.RedactedSHA256, Size: a.Size}) {
				return
			}
		}
	}
}

// evidenceHref is a relative link to a file of the bundle, each path
// segment escaped (a file may be named "a#b?.json"); "" without a base.
func evidenceHref(base, bundlePath string) string {
	if base == "" || bundlePath == "" {
		return ""
	}
	return strings.TrimSuffix(base, "/") + "/" + escapePath(bundlePath)
}

// escapePath escapes each segment of a slash-separated path with
// url.PathEscape.
func escapePath(p string) string {
	if view.PlainPath(p) {
		return p
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// searchText is what the search box matches a row against: the parts
// joined by a space, every run of white space made one space, trimmed,
// lower case, as its definition says (searchTextOf).
func searchText(parts ...string) string { return string(appendSearchText(nil, parts...)) }

// appendSearchText appends searchText(parts...) to dst in one pass over
// the parts, ASCII a byte at a time: every finding and inventory row has
// a search text.
func appendSearchText(dst []byte, parts ...string) []byte {
	b := searchBuilder{buf: dst, start: len(dst)}
	for _, p := range parts {
		b.part(p)
	}
	return b.buf
}

// searchBuilder makes a search text a piece at a time: a part is what
// searchText joins to the others with a space, and may be added in pieces.
type searchBuilder struct {
	buf   []byte
	start int  // where the text starts in buf
	space bool // white space since the last word
}

// part starts a new part with s.
func (b *searchBuilder) part(s string) {
	b.space = true
	b.add(s)
}

// add adds s to the current part.
func (b *searchBuilder) add(s string) {
	for j := 0; j < len(s); {
		if c := s[j]; c < utf8.RuneSelf {
			j++
			switch {
			case c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
				b.space = true
				continue
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			}
			b.word()
			b.buf = append(b.buf, c)
			continue
		}
		// A byte that is not UTF-8 decodes as U+FFFD, which is what
		// strings.ToLower writes for it.
		r, size := utf8.DecodeRuneInString(s[j:])
		j += size
		if unicode.IsSpace(r) {
			b.space = true
			continue
		}
		b.word()
		b.buf = utf8.AppendRune(b.buf, unicode.ToLower(r))
	}
}

// word is called before a character of a word: it writes the space that
// separates the word from the one before, if any.
func (b *searchBuilder) word() {
	if b.space && len(b.buf) > b.start {
		b.buf = append(b.buf, ' ')
	}
	b.space = false
}

// searchTextOf is searchText by its definition.
func searchTextOf(parts []string) string {
	return strings.ToLower(strings.Join(strings.Fields(strings.Join(parts, " ")), " "))
}

// anchor turns an id into a fragment-safe element id.
func anchor(id string) string {
	var b strings.Builder
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") }

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}

func position(file string, line int) string {
	if file == "" {
		return ""
	}
	if line > 0 {
		return file + ":" + itoa(line)
	}
	return file
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
