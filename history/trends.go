package history

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/tollgate-dev/tollgate/assess"
	"github.com/tollgate-dev/tollgate/controls"
	resultsjson "github.com/tollgate-dev/tollgate/report/json"
)

// DefaultExpiring is how many days ahead a waiver's expiry is reported.
const DefaultExpiring = 30

// TrendOptions say which trends to compute.
type TrendOptions struct {
	// Scope is the history to read (DefaultScope when "").
	Scope string
	// Now is the time ages and waiver expiries are measured at (zero: the
	// latest run's assessment time).
	Now time.Time
	// Expiring is how many days ahead a waiver's expiry is reported (0:
	// only waivers expired or expiring today; see DefaultExpiring).
	Expiring int
	// Current, when set, is a run not recorded yet (the assessment being
	// reported) that the trends include as if it were; CurrentSource names it.
	Current       *resultsjson.Document
	CurrentSource string
}

// Trends is what a scope's history shows. Every list is present, possibly empty.
type Trends struct {
	// Store and Scope say which history this is.
	Store string `json:"store"`
	Scope string `json:"scope"`
	// Now is the time ages and expiries are measured at.
	Now time.Time `json:"now"`
	// Runs are the recorded runs, newest last, with their numbers.
	Runs []RunPoint `json:"runs"`
	// Frameworks gives each framework's satisfied share run by run.
	Frameworks []FrameworkTrend `json:"frameworks"`
	// OpenBySeverity counts the latest run's open (failing, unwaived)
	// findings per severity, most severe first.
	OpenBySeverity []SeverityCount `json:"open_by_severity"`
	// Open are the latest run's failing findings, oldest first.
	Open []OpenFinding `json:"open"`
	// Waived are the latest run's waived findings (accepted risks), oldest first.
	Waived []OpenFinding `json:"waived"`
	// Fixed are findings that stopped failing, with how long that took, in
	// the order they were fixed. A finding fixed, back and fixed again is
	// listed once per fix.
	Fixed []FixedFinding `json:"fixed"`
	// TimeToFix summarises Fixed.
	TimeToFix FixStats `json:"time_to_fix"`
	// ExpiringWaivers are the latest run's waivers that expired or expire
	// within the expiry window, soonest first.
	ExpiringWaivers []WaiverExpiry `json:"expiring_waivers"`
	// SincePrevious compares the latest run with the one before, when there is one.
	SincePrevious *Change `json:"since_previous,omitempty"`
}

// RunPoint is one run with its numbers.
type RunPoint struct {
	Run
	// Recorded is false for the run being reported, which is not in the store yet.
	Recorded bool `json:"recorded"`
	// FailuresBySeverity counts failing (unwaived) findings per severity.
	FailuresBySeverity map[string]int   `json:"failures_by_severity"`
	Frameworks         []FrameworkPoint `json:"frameworks"`
}

// FrameworkPoint is one framework's requirement tally in one run.
type FrameworkPoint struct {
	ID           string `json:"id"`
	Title        string `json:"title"`
	Requirements int    `json:"requirements"`
	Satisfied    int    `json:"satisfied"`
	NotSatisfied int    `json:"not_satisfied"`
	Waived       int    `json:"waived"`
	NotAssessed  int    `json:"not_assessed"`
	Manual       int    `json:"manual"`
	Error        int    `json:"error"`
	// SatisfiedPercent is Satisfied over Requirements, in percent.
	SatisfiedPercent float64 `json:"satisfied_percent"`
	// MetOfAssessedPercent is Satisfied over the requirements assessed (satisfied, not satisfied or waived),
	// in percent: the measure the workbook's Summary and the HTML report show.
	MetOfAssessedPercent float64 `json:"met_of_assessed_percent"`
}

// assessed counts the requirements with a conclusion: satisfied, not satisfied or waived.
func (p FrameworkPoint) assessed() int { return p.Satisfied + p.NotSatisfied + p.Waived }

// FrameworkTrend is one framework's satisfied share over the runs.
type FrameworkTrend struct {
	ID     string       `json:"id"`
	Title  string       `json:"title"`
	Points []TrendPoint `json:"points"`
}

// TrendPoint is a framework's satisfied share in one run.
type TrendPoint struct {
	RunID            int64     `json:"run_id"`
	AssessedAt       time.Time `json:"assessed_at"`
	Requirements     int       `json:"requirements"`
	Satisfied        int       `json:"satisfied"`
	SatisfiedPercent float64   `json:"satisfied_percent"`
	// Assessed counts the requirements with a conclusion: satisfied, not satisfied or waived.
	Assessed             int     `json:"assessed"`
	MetOfAssessedPercent float64 `json:"met_of_assessed_percent"`
}

// SeverityCount is a number of findings of one severity.
type SeverityCount struct {
	Severity string `json:"severity"`
	Count    int    `json:"count"`
}

// Finding is a tracked finding as last seen.
type Finding struct {
	ID          string `json:"id"`
	Fingerprint string `json:"fingerprint"`
	Control     string `json:"control"`
	Title       string `json:"title"`
	Severity    string `json:"severity"`
	Subject     string `json:"subject"`
	SubjectName string `json:"subject_name"`
	Location    string `json:"location"`
}

// OpenFinding is a finding failing (or waived) in the latest run.
type OpenFinding struct {
	Finding
	// FirstSeen is the first run the finding was in; OpenSince the first run
	// of its current stretch (later when it was fixed and came back).
	FirstSeen time.Time `json:"first_seen"`
	OpenSince time.Time `json:"open_since"`
	// AgeDays is the whole days from FirstSeen to Now.
	AgeDays int `json:"age_days"`
	// Runs counts the runs it was in.
	Runs int `json:"runs"`
}

// FixedFinding is a finding that was failing (or waived) and then was not.
type FixedFinding struct {
	Finding
	// FirstSeen is the first run of the stretch that was fixed; FixedAt the
	// first run without the finding after it.
	FirstSeen time.Time `json:"first_seen"`
	FixedAt   time.Time `json:"fixed_at"`
	// DaysToFix is FixedAt − FirstSeen in days.
	DaysToFix float64 `json:"days_to_fix"`
}

// FixStats summarises the time findings took to be fixed.
type FixStats struct {
	Count      int     `json:"count"`
	MedianDays float64 `json:"median_days"`
	MeanDays   float64 `json:"mean_days"`
}

// WaiverExpiry is a waiver of the latest run that expired or expires soon.
type WaiverExpiry struct {
	ID      string `json:"id"`
	Control string `json:"control"`
	Owner   string `json:"owner"`
	Expires string `json:"expires"`
	Status  string `json:"status"`
	// DaysLeft is whole days from Now to the expiry (negative once expired).
	DaysLeft int `json:"days_left"`
}

// Change compares the latest run with the one before.
type Change struct {
	Previous time.Time `json:"previous"`
	New      int       `json:"new"`
	Fixed    int       `json:"fixed"`
}

// presence is a finding in one run.
type presence struct {
	run     int // index in the ordered runs
	verdict string
	Finding
}

// Trends computes the trends of a scope's history.
func (s *Store) Trends(ctx context.Context, opts TrendOptions) (*Trends, error) {
	t, err := s.trends(ctx, opts)
	if err != nil {
		return nil, s.clean(fmt.Errorf("history %s: %w", s.name, err))
	}
	return t, nil
}

func (s *Store) trends(ctx context.Context, opts TrendOptions) (*Trends, error) {
	scope := opts.Scope
	if scope == "" {
		scope = DefaultScope
	}
	stored, err := s.Runs(ctx, scope)
	if err != nil {
		return nil, err
	}
	runs := make([]RunPoint, 0, len(stored)+1)
	for _, r := range stored {
		runs = append(runs, RunPoint{Run: r, Recorded: true, FailuresBySeverity: map[string]int{}, Frameworks: []FrameworkPoint{}})
	}
	current, err := currentRun(opts, scope, stored)
	if err != nil {
		return nil, err
	}
	if current != nil {
		runs = append(runs, *current)
		// Keep the order by assessment time; a run being reported comes
		// after stored runs of the same time.
		sort.SliceStable(runs, func(i, j int) bool { return runs[i].AssessedAt.Before(runs[j].AssessedAt) })
	}
	index := make(map[int64]int, len(runs))
	for i, r := range runs {
		index[r.ID] = i
	}
	if err := s.loadFrameworks(ctx, scope, runs, index); err != nil {
		return nil, err
	}
	if err := s.loadSeverities(ctx, scope, runs, index); err != nil {
		return nil, err
	}
	if current != nil {
		addDocument(runs, index[current.ID], opts.Current)
	}
	t := &Trends{Store: s.name, Scope: scope, Runs: runs, Frameworks: frameworkTrends(runs), OpenBySeverity: []SeverityCount{},
		Open: []OpenFinding{}, Waived: []OpenFinding{}, Fixed: []FixedFinding{}, ExpiringWaivers: []WaiverExpiry{}}
	if len(runs) == 0 {
		return t, nil
	}
	latest := len(runs) - 1
	t.Now = opts.Now.UTC()
	if opts.Now.IsZero() {
		t.Now = runs[latest].AssessedAt
	}
	var currentFindings map[string]presence
	if current != nil {
		currentFindings = documentFindings(opts.Current, index[current.ID])
	}
	change := &Change{}
	err = s.eachFinding(ctx, scope, index, currentFindings, func(ps []presence) {
		track(t, runs, ps, change)
	})
	if err != nil {
		return nil, err
	}
	if latest > 0 {
		change.Previous = runs[latest-1].AssessedAt
		t.SincePrevious = change
	}
	t.OpenBySeverity = bySeverity(runs[latest].FailuresBySeverity)
	finish(t)
	waivers, err := s.latestWaivers(ctx, runs[latest], opts.Current)
	if err != nil {
		return nil, err
	}
	t.ExpiringWaivers = expiring(waivers, t.Now, opts.Expiring)
	return t, nil
}

// currentID stands for the run being reported, which has no row yet.
const currentID = -1

// currentRun describes the run being reported, or nil when there is none
// or the scope already holds it.
func currentRun(opts TrendOptions, scope string, stored []Run) (*RunPoint, error) {
	doc := opts.Current
	if doc == nil {
		return nil, nil
	}
	key, err := RunKey(doc)
	if err != nil {
		return nil, err
	}
	for _, r := range stored {
		if r.Key == key {
			return nil, nil
		}
	}
	assessed, err := time.Parse(time.RFC3339, doc.Timestamp)
	if err != nil {
		return nil, fmt.Errorf("current run: timestamp %q: %w", doc.Timestamp, err)
	}
	return &RunPoint{Run: Run{ID: currentID, Key: key, Scope: scope, AssessedAt: assessed.UTC(), ToolVersion: doc.Tool.Version,
		Source: opts.CurrentSource, Subjects: doc.Summary.Subjects, Failures: doc.Summary.Failures, Waived: doc.Summary.Waived,
		Errors: doc.Summary.Errors}, FailuresBySeverity: map[string]int{}, Frameworks: []FrameworkPoint{}}, nil
}

func (s *Store) loadFrameworks(ctx context.Context, scope string, runs []RunPoint, index map[int64]int) error {
	rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT f.run_id, f.framework, f.title, f.requirements, f.satisfied, f.not_satisfied,
		f.waived, f.not_assessed, f.manual, f.error
		FROM run_frameworks f JOIN runs r ON r.id = f.run_id WHERE r.scope = ? ORDER BY f.run_id, f.framework`), scope)
	if err != nil {
		return fmt.Errorf("read framework tallies: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var p FrameworkPoint
		if err := rows.Scan(&id, &p.ID, &p.Title, &p.Requirements, &p.Satisfied, &p.NotSatisfied, &p.Waived, &p.NotAssessed, &p.Manual, &p.Error); err != nil {
			return fmt.Errorf("read framework tallies: %w", err)
		}
		p.SatisfiedPercent = percent(p.Satisfied, p.Requirements)
		p.MetOfAssessedPercent = percent(p.Satisfied, p.assessed())
		i := index[id]
		runs[i].Frameworks = append(runs[i].Frameworks, p)
	}
	return rows.Err()
}

func (s *Store) loadSeverities(ctx context.Context, scope string, runs []RunPoint, index map[int64]int) error {
	rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT f.run_id, f.severity, COUNT(*)
		FROM run_findings f JOIN runs r ON r.id = f.run_id WHERE r.scope = ? AND f.verdict = ?
		GROUP BY f.run_id, f.severity`), scope, string(assess.VerdictFail))
	if err != nil {
		return fmt.Errorf("read failures: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var severity string
		var n int
		if err := rows.Scan(&id, &severity, &n); err != nil {
			return fmt.Errorf("read failures: %w", err)
		}
		runs[index[id]].FailuresBySeverity[severity] = n
	}
	return rows.Err()
}

// addDocument fills in the numbers of the run being reported from its results.
func addDocument(runs []RunPoint, i int, doc *resultsjson.Document) {
	for _, fw := range doc.Frameworks {
		t := fw.Tally
		runs[i].Frameworks = append(runs[i].Frameworks, FrameworkPoint{ID: fw.ID, Title: fw.Title, Requirements: len(fw.Requirements),
			Satisfied: t.Satisfied, NotSatisfied: t.NotSatisfied, Waived: t.Waived, NotAssessed: t.NotAssessed, Manual: t.Manual,
			Error: t.Error, SatisfiedPercent: percent(t.Satisfied, len(fw.Requirements)),
			MetOfAssessedPercent: percent(t.Satisfied, t.Satisfied+t.NotSatisfied+t.Waived)})
	}
	slices.SortFunc(runs[i].Frameworks, func(a, b FrameworkPoint) int { return cmp.Compare(a.ID, b.ID) })
	for _, f := range doc.Findings {
		if f.Verdict == string(assess.VerdictFail) {
			runs[i].FailuresBySeverity[f.Severity]++
		}
	}
}

// documentFindings indexes the findings of the run being reported.
func documentFindings(doc *resultsjson.Document, run int) map[string]presence {
	out := map[string]presence{}
	for _, f := range doc.Findings {
		if f.Verdict != string(assess.VerdictFail) && f.Verdict != string(assess.VerdictWaived) {
			continue
		}
		out[f.Fingerprint] = presence{run: run, verdict: f.Verdict, Finding: Finding{ID: f.ID, Fingerprint: f.Fingerprint,
			Control: f.Control, Title: f.Title, Severity: f.Severity, Subject: f.Subject, SubjectName: f.SubjectName, Location: f.Location.Text}}
	}
	return out
}

// eachFinding calls fn with every finding's presences in the runs, in run
// order, one fingerprint at a time. It streams the stored findings in
// fingerprint order and adds those of the run being reported.
func (s *Store) eachFinding(ctx context.Context, scope string, index map[int64]int, current map[string]presence, fn func([]presence)) error {
	rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT f.run_id, f.fingerprint, f.finding_id, f.control, f.title, f.severity,
		f.verdict, f.subject, f.subject_name, f.location
		FROM run_findings f JOIN runs r ON r.id = f.run_id WHERE r.scope = ? ORDER BY f.fingerprint`), scope)
	if err != nil {
		return fmt.Errorf("read findings: %w", err)
	}
	defer rows.Close()
	var group []presence
	flush := func() {
		if len(group) == 0 {
			return
		}
		if p, ok := current[group[0].Fingerprint]; ok {
			group = append(group, p)
			delete(current, group[0].Fingerprint)
		}
		slices.SortFunc(group, func(a, b presence) int { return cmp.Compare(a.run, b.run) })
		fn(group)
		group = group[:0]
	}
	for rows.Next() {
		var id int64
		var p presence
		if err := rows.Scan(&id, &p.Fingerprint, &p.ID, &p.Control, &p.Title, &p.Severity, &p.verdict, &p.Subject, &p.SubjectName, &p.Location); err != nil {
			return fmt.Errorf("read findings: %w", err)
		}
		p.run = index[id]
		if len(group) > 0 && group[0].Fingerprint != p.Fingerprint {
			flush()
		}
		group = append(group, p)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read findings: %w", err)
	}
	flush()
	// Findings only the run being reported has.
	for _, fp := range sortedKeys(current) {
		fn([]presence{current[fp]})
	}
	return nil
}

// track adds one finding's history to the trends: its open stretch, if the
// latest run has it failing, and every stretch that ended with a fix.
func track(t *Trends, runs []RunPoint, ps []presence, change *Change) {
	latest := len(runs) - 1
	start := 0
	for i := 1; i <= len(ps); i++ {
		if i < len(ps) && ps[i].run == ps[i-1].run+1 {
			continue
		}
		first, last := ps[start], ps[i-1]
		if last.run == latest {
			f := OpenFinding{Finding: last.Finding, FirstSeen: runs[ps[0].run].AssessedAt, OpenSince: runs[first.run].AssessedAt, Runs: len(ps)}
			if last.verdict == string(assess.VerdictFail) {
				t.Open = append(t.Open, f)
			} else {
				t.Waived = append(t.Waived, f)
			}
			// New means failing now and absent before, as in a diff.
			if first.run == latest && latest > 0 && last.verdict == string(assess.VerdictFail) {
				change.New++
			}
		} else {
			fixedAt := runs[last.run+1].AssessedAt
			from := runs[first.run].AssessedAt
			t.Fixed = append(t.Fixed, FixedFinding{Finding: last.Finding, FirstSeen: from, FixedAt: fixedAt,
				DaysToFix: fixedAt.Sub(from).Hours() / 24})
			if last.run == latest-1 {
				change.Fixed++
			}
		}
		start = i
	}
}

// finish orders the lists and computes ages and the time to fix.
func finish(t *Trends) {
	for _, list := range [][]OpenFinding{t.Open, t.Waived} {
		for i := range list {
			list[i].AgeDays = int(t.Now.Sub(list[i].FirstSeen).Hours() / 24)
		}
		slices.SortFunc(list, func(a, b OpenFinding) int {
			return cmp.Or(a.FirstSeen.Compare(b.FirstSeen), compareFindings(a.Finding, b.Finding))
		})
	}
	slices.SortFunc(t.Fixed, func(a, b FixedFinding) int {
		return cmp.Or(a.FixedAt.Compare(b.FixedAt), compareFindings(a.Finding, b.Finding), a.FirstSeen.Compare(b.FirstSeen))
	})
	days := make([]float64, len(t.Fixed))
	sum := 0.0
	for i, f := range t.Fixed {
		days[i] = f.DaysToFix
		sum += f.DaysToFix
	}
	t.TimeToFix.Count = len(days)
	if len(days) > 0 {
		slices.Sort(days)
		mid := len(days) / 2
		t.TimeToFix.MedianDays = days[mid]
		if len(days)%2 == 0 {
			t.TimeToFix.MedianDays = (days[mid-1] + days[mid]) / 2
		}
		t.TimeToFix.MeanDays = sum / float64(len(days))
	}
}

func compareFindings(a, b Finding) int {
	return cmp.Or(cmp.Compare(severityOrder(a.Severity), severityOrder(b.Severity)), cmp.Compare(a.Control, b.Control),
		cmp.Compare(a.Subject, b.Subject), cmp.Compare(a.Fingerprint, b.Fingerprint))
}

func severityOrder(s string) int {
	if r := controls.SeverityRank(s); r >= 0 {
		return r
	}
	return len(controls.Severities)
}

// bySeverity lists counts most severe first, unknown severities last.
func bySeverity(counts map[string]int) []SeverityCount {
	out := []SeverityCount{}
	for _, sev := range sortedKeys(counts) {
		out = append(out, SeverityCount{Severity: sev, Count: counts[sev]})
	}
	slices.SortStableFunc(out, func(a, b SeverityCount) int { return cmp.Compare(severityOrder(a.Severity), severityOrder(b.Severity)) })
	return out
}

// frameworkTrends regroups the runs' framework tallies by framework.
func frameworkTrends(runs []RunPoint) []FrameworkTrend {
	byID := map[string]*FrameworkTrend{}
	for _, r := range runs {
		for _, p := range r.Frameworks {
			ft, ok := byID[p.ID]
			if !ok {
				ft = &FrameworkTrend{ID: p.ID, Title: p.Title}
				byID[p.ID] = ft
			}
			ft.Title = p.Title
			ft.Points = append(ft.Points, TrendPoint{RunID: r.ID, AssessedAt: r.AssessedAt, Requirements: p.Requirements,
				Satisfied: p.Satisfied, SatisfiedPercent: p.SatisfiedPercent, Assessed: p.assessed(),
				MetOfAssessedPercent: p.MetOfAssessedPercent})
		}
	}
	out := []FrameworkTrend{}
	for _, id := range sortedKeys(byID) {
		out = append(out, *byID[id])
	}
	return out
}

// latestWaivers returns the waivers of the latest run.
func (s *Store) latestWaivers(ctx context.Context, latest RunPoint, current *resultsjson.Document) ([]WaiverExpiry, error) {
	var out []WaiverExpiry
	if !latest.Recorded {
		for _, w := range current.Waivers {
			out = append(out, WaiverExpiry{ID: w.ID, Control: w.Control, Owner: w.Owner, Expires: w.Expires, Status: w.Status})
		}
		return out, nil
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT waiver, control, owner, expires, status FROM run_waivers WHERE run_id = ? ORDER BY waiver`), latest.ID)
	if err != nil {
		return nil, fmt.Errorf("read waivers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var w WaiverExpiry
		if err := rows.Scan(&w.ID, &w.Control, &w.Owner, &w.Expires, &w.Status); err != nil {
			return nil, fmt.Errorf("read waivers: %w", err)
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// expiring keeps the waivers that expired or expire within days of now,
// soonest first.
func expiring(ws []WaiverExpiry, now time.Time, days int) []WaiverExpiry {
	out := []WaiverExpiry{}
	for _, w := range ws {
		exp, err := time.Parse("2006-01-02", w.Expires)
		if err != nil {
			continue
		}
		// Calendar days from now's date: 0 expires today, -1 expired yesterday.
		today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
		left := int(exp.Sub(today).Hours() / 24)
		if left > days {
			continue
		}
		w.DaysLeft = left
		out = append(out, w)
	}
	slices.SortFunc(out, func(a, b WaiverExpiry) int { return cmp.Or(cmp.Compare(a.Expires, b.Expires), cmp.Compare(a.ID, b.ID)) })
	return out
}

func percent(part, total int) float64 {
	if total == 0 {
		return 0
	}
	return float64(part) * 100 / float64(total)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// ForReports is what reports show of the trends of the run being reported
// (the latest run).
func (t *Trends) ForReports() *assess.History {
	h := &assess.History{Store: t.Store, Scope: t.Scope, FirstSeen: map[string]time.Time{}, Runs: []assess.HistoryRun{}}
	if c := t.SincePrevious; c != nil {
		h.Previous, h.New, h.Fixed = c.Previous, c.New, c.Fixed
	}
	for _, list := range [][]OpenFinding{t.Open, t.Waived} {
		for _, f := range list {
			h.FirstSeen[f.Fingerprint] = f.FirstSeen
		}
	}
	for _, r := range t.Runs {
		p := assess.HistoryRun{AssessedAt: r.AssessedAt, Failures: map[string]int{}, Satisfied: map[string]float64{},
			MetOfAssessed: map[string]float64{}}
		for sev, n := range r.FailuresBySeverity {
			p.Failures[sev] = n
		}
		for _, fw := range r.Frameworks {
			p.Satisfied[fw.ID] = fw.SatisfiedPercent
			if fw.assessed() > 0 {
				p.MetOfAssessed[fw.ID] = percent(fw.Satisfied, fw.assessed())
			}
		}
		h.Runs = append(h.Runs, p)
	}
	return h
}
