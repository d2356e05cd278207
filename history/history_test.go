package history

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	resultsjson "github.com/tollgate-dev/tollgate/report/json"
)

// finding is a results.json finding for tests; fp doubles as subject name.
func finding(fp, control, severity, verdict string) resultsjson.Finding {
	return resultsjson.Finding{ID: "TG-" + strings.ToUpper(fp), Fingerprint: fp, Control: control, Title: control + " title",
		Severity: severity, Verdict: verdict, Subject: "server:a/.mcp.json#" + fp, SubjectName: fp,
		Location: resultsjson.Location{Text: "a/.mcp.json:3"}}
}

// document is a run with the given findings, satisfied requirements (of 10,
// the last two of which are not assessed unless satisfied) and waivers.
func document(ts string, satisfied int, waivers []resultsjson.Waiver, fs ...resultsjson.Finding) *resultsjson.Document {
	doc := &resultsjson.Document{SchemaVersion: "1", Tool: resultsjson.Tool{Name: "tollgate", Version: "1.0.0"}, Timestamp: ts,
		Findings: fs, Waivers: waivers}
	fw := resultsjson.Framework{ID: "nist-800-53-rev5", Title: "NIST SP 800-53 Rev. 5"}
	for i := range 10 {
		status := "not-satisfied"
		if i < satisfied {
			status = "satisfied"
			fw.Tally.Satisfied++
		} else if i >= 8 {
			status = "not-assessed"
			fw.Tally.NotAssessed++
		} else {
			fw.Tally.NotSatisfied++
		}
		fw.Requirements = append(fw.Requirements, resultsjson.Requirement{ID: "R-" + string(rune('0'+i)), Status: status})
	}
	doc.Frameworks = []resultsjson.Framework{fw}
	for _, f := range fs {
		switch f.Verdict {
		case "fail":
			doc.Summary.Failures++
		case "waived":
			doc.Summary.Waived++
		}
	}
	return doc
}

// threeRuns is a small estate over three months: a high failure that stays,
// a medium one fixed in February and back in March, a low one waived until
// its waiver expired, a critical one that came in February and was fixed in
// March, and a waived one new in March.
func threeRuns() []*resultsjson.Document {
	w1 := resultsjson.Waiver{ID: "W-1", Control: "MCP-AUTH-02", Owner: "web", Expires: "2026-01-31", Status: "active"}
	w1expired := w1
	w1expired.Status = "expired"
	w2 := resultsjson.Waiver{ID: "W-2", Control: "MCP-CONSENT-02", Owner: "data", Expires: "2026-03-20", Status: "active"}
	w3 := resultsjson.Waiver{ID: "W-3", Control: "MCP-SUPPLY-03", Owner: "ops", Expires: "2027-01-01", Status: "unused"}
	return []*resultsjson.Document{
		document("2026-01-01T00:00:00Z", 2, []resultsjson.Waiver{w1},
			finding("aaaa", "MCP-SECRETS-01", "high", "fail"), finding("bbbb", "MCP-SUPPLY-01", "medium", "fail"),
			finding("cccc", "MCP-AUTH-02", "low", "waived")),
		document("2026-02-01T00:00:00Z", 3, []resultsjson.Waiver{w1expired},
			finding("aaaa", "MCP-SECRETS-01", "high", "fail"), finding("cccc", "MCP-AUTH-02", "low", "fail"),
			finding("dddd", "MCP-SANDBOX-01", "critical", "fail")),
		document("2026-03-01T00:00:00Z", 5, []resultsjson.Waiver{w1expired, w2, w3},
			finding("aaaa", "MCP-SECRETS-01", "high", "fail"), finding("bbbb", "MCP-SUPPLY-01", "medium", "fail"),
			finding("cccc", "MCP-AUTH-02", "low", "fail"), finding("eeee", "MCP-CONSENT-02", "medium", "waived")),
	}
}

var recorded = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

func newSQLiteStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(t.Context(), filepath.Join(t.TempDir(), ".tollgate", "history.db"), true)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func recordAll(t *testing.T, s *Store, docs []*resultsjson.Document) {
	t.Helper()
	for i, doc := range docs {
		if _, added, err := s.Record(t.Context(), doc, "run"+string(rune('1'+i)), "", recorded); err != nil || !added {
			t.Fatalf("record run %d: added %v, %v", i+1, added, err)
		}
	}
}

func TestTrendsOverThreeRunsSQLite(t *testing.T) {
	s := newSQLiteStore(t)
	recordAll(t, s, threeRuns())
	checkThreeRunTrends(t, s)
}

// checkThreeRunTrends checks the trends of threeRuns, however stored.
func checkThreeRunTrends(t *testing.T, s *Store) {
	t.Helper()
	tr, err := s.Trends(t.Context(), TrendOptions{Now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC), Expiring: DefaultExpiring})
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Runs) != 3 || day(tr.Runs[0]) != "2026-01-01" || day(tr.Runs[2]) != "2026-03-01" {
		t.Fatalf("runs = %+v, want three, newest last", tr.Runs)
	}
	if len(tr.Frameworks) != 1 {
		t.Fatalf("frameworks = %+v", tr.Frameworks)
	}
	var pct, met []float64
	for _, p := range tr.Frameworks[0].Points {
		pct = append(pct, p.SatisfiedPercent)
		met = append(met, p.MetOfAssessedPercent)
	}
	if !slices.Equal(pct, []float64{20, 30, 50}) {
		t.Errorf("satisfied %% = %v, want [20 30 50]", pct)
	}
	// Eight of the ten requirements are assessed in each run: the share the workbook and HTML report show.
	if !slices.Equal(met, []float64{25, 37.5, 62.5}) {
		t.Errorf("met of assessed %% = %v, want [25 37.5 62.5]", met)
	}
	bySev := []map[string]int{{"high": 1, "medium": 1}, {"critical": 1, "high": 1, "low": 1}, {"high": 1, "medium": 1, "low": 1}}
	for i, r := range tr.Runs {
		if !mapsEqual(r.FailuresBySeverity, bySev[i]) {
			t.Errorf("run %d failures by severity = %v, want %v", i+1, r.FailuresBySeverity, bySev[i])
		}
	}
	if got := tr.OpenBySeverity; len(got) != 3 || got[0] != (SeverityCount{"high", 1}) || got[2] != (SeverityCount{"low", 1}) {
		t.Errorf("open by severity = %+v", got)
	}

	type open struct {
		fp, first, since string
		age, runs        int
	}
	var gotOpen []open
	for _, f := range tr.Open {
		gotOpen = append(gotOpen, open{f.Fingerprint, f.FirstSeen.Format("2006-01-02"), f.OpenSince.Format("2006-01-02"), f.AgeDays, f.Runs})
	}
	wantOpen := []open{
		{"aaaa", "2026-01-01", "2026-01-01", 59, 3},
		{"bbbb", "2026-01-01", "2026-03-01", 59, 2},
		{"cccc", "2026-01-01", "2026-01-01", 59, 3},
	}
	if !slices.Equal(gotOpen, wantOpen) {
		t.Errorf("open = %+v, want %+v", gotOpen, wantOpen)
	}

	if len(tr.Waived) != 1 || tr.Waived[0].Fingerprint != "eeee" || tr.Waived[0].FirstSeen.Format("2006-01-02") != "2026-03-01" {
		t.Errorf("waived = %+v, want eeee, first seen 2026-03-01", tr.Waived)
	}
	rep := tr.ForReports()
	if len(rep.Runs) != 3 || rep.Runs[1].Satisfied["nist-800-53-rev5"] != 30 || rep.Runs[1].Failures["critical"] != 1 ||
		len(rep.FirstSeen) != 4 || rep.FirstSeen["bbbb"].Format("2006-01-02") != "2026-01-01" || rep.New != 1 || rep.Fixed != 1 {
		t.Errorf("for reports = %+v", rep)
	}

	type fixed struct {
		fp, first, at string
		days          float64
	}
	var gotFixed []fixed
	for _, f := range tr.Fixed {
		gotFixed = append(gotFixed, fixed{f.Fingerprint, f.FirstSeen.Format("2006-01-02"), f.FixedAt.Format("2006-01-02"), f.DaysToFix})
	}
	wantFixed := []fixed{{"bbbb", "2026-01-01", "2026-02-01", 31}, {"dddd", "2026-02-01", "2026-03-01", 28}}
	if !slices.Equal(gotFixed, wantFixed) {
		t.Errorf("fixed = %+v, want %+v", gotFixed, wantFixed)
	}
	if tr.TimeToFix != (FixStats{Count: 2, MedianDays: 29.5, MeanDays: 29.5}) {
		t.Errorf("time to fix = %+v", tr.TimeToFix)
	}
	if c := tr.SincePrevious; c == nil || c.New != 1 || c.Fixed != 1 || c.Previous.Format("2006-01-02") != "2026-02-01" {
		t.Errorf("since previous = %+v, want 1 new (bbbb back), 1 fixed (dddd) since 2026-02-01", c)
	}
	var ws []string
	for _, w := range tr.ExpiringWaivers {
		ws = append(ws, w.ID+" "+w.Status+" "+itoa(w.DaysLeft))
	}
	if want := []string{"W-1 expired -29", "W-2 active 19"}; !slices.Equal(ws, want) {
		t.Errorf("expiring waivers = %q, want %q", ws, want)
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func TestRecordingTwiceIsANoOp(t *testing.T) {
	s := newSQLiteStore(t)
	docs := threeRuns()
	first, added, err := s.Record(t.Context(), docs[0], "out/", "", recorded)
	if err != nil || !added {
		t.Fatalf("first record: added %v, %v", added, err)
	}
	again, added, err := s.Record(t.Context(), docs[0], "out/results.json", "", recorded.Add(time.Hour))
	if err != nil || added {
		t.Fatalf("second record: added %v, %v", added, err)
	}
	if again.ID != first.ID || again.Source != "out/" || !again.RecordedAt.Equal(first.RecordedAt) {
		t.Errorf("the stored run must be returned unchanged: %+v vs %+v", again, first)
	}
	// The same results marked against a baseline are still the same run.
	marked := *docs[0]
	marked.Baseline = &resultsjson.Baseline{Source: "base.json", Timestamp: "2025-12-01T00:00:00Z"}
	if _, added, err := s.Record(t.Context(), &marked, "out/", "", recorded); err != nil || added {
		t.Errorf("a baseline does not make another run: added %v, %v", added, err)
	}
	// Another scope keeps its own history.
	if _, added, err := s.Record(t.Context(), docs[0], "out/", "team-b", recorded); err != nil || !added {
		t.Errorf("another scope: added %v, %v", added, err)
	}
	runs, err := s.Runs(t.Context(), "")
	if err != nil || len(runs) != 1 {
		t.Errorf("runs = %d, %v; want 1", len(runs), err)
	}
	if n := countRows(t, s, "run_findings"); n != 6 {
		t.Errorf("%d finding rows, want 6 (3 per scope)", n)
	}
}

func countRows(t *testing.T, s *Store, table string) int {
	t.Helper()
	var n int
	if err := s.db.QueryRowContext(t.Context(), "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestFailedRecordingLosesNothing(t *testing.T) {
	s := newSQLiteStore(t)
	docs := threeRuns()
	recordAll(t, s, docs[:2])
	before := map[string]int{}
	for _, table := range []string{"runs", "run_frameworks", "run_findings", "run_waivers"} {
		before[table] = countRows(t, s, table)
	}
	beforeCommit = func() error { return errors.New("disk full") }
	_, _, err := s.Record(t.Context(), docs[2], "run3", "", recorded)
	beforeCommit = nil
	if err == nil || !strings.Contains(err.Error(), "disk full") || !strings.Contains(err.Error(), "run3") {
		t.Fatalf("want the failure, naming the run: %v", err)
	}
	for table, n := range before {
		if got := countRows(t, s, table); got != n {
			t.Errorf("%s: %d rows after a failed recording, want %d", table, got, n)
		}
	}
	// The run can be recorded once the problem is gone.
	if _, added, err := s.Record(t.Context(), docs[2], "run3", "", recorded); err != nil || !added {
		t.Errorf("retry: added %v, %v", added, err)
	}
	checkThreeRunTrends(t, s)
}

func TestCurrentRunJoinsTheTrends(t *testing.T) {
	s := newSQLiteStore(t)
	docs := threeRuns()
	recordAll(t, s, docs[:2])
	tr, err := s.Trends(t.Context(), TrendOptions{Current: docs[2], CurrentSource: "tollgate-out", Now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Runs) != 3 || tr.Runs[2].Recorded || tr.Runs[2].Source != "tollgate-out" {
		t.Fatalf("runs = %+v", tr.Runs)
	}
	if len(tr.Open) != 3 || len(tr.Fixed) != 2 || tr.SincePrevious == nil || tr.SincePrevious.New != 1 {
		t.Errorf("open %d, fixed %d, since previous %+v", len(tr.Open), len(tr.Fixed), tr.SincePrevious)
	}
	if runs, _ := s.Runs(t.Context(), ""); len(runs) != 2 {
		t.Errorf("computing trends must not record the current run")
	}
	// A current run that is already recorded is not counted twice.
	if _, _, err := s.Record(t.Context(), docs[2], "run3", "", recorded); err != nil {
		t.Fatal(err)
	}
	tr, err = s.Trends(t.Context(), TrendOptions{Current: docs[2]})
	if err != nil || len(tr.Runs) != 3 || !tr.Runs[2].Recorded {
		t.Errorf("runs = %d, %v", len(tr.Runs), err)
	}
}

func TestEmptyAndMissingStores(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none", "history.db")
	if _, err := Open(t.Context(), path, false); !errors.Is(err, ErrNoStore) {
		t.Errorf("a missing store opened for reading: %v", err)
	}
	s, err := Open(t.Context(), path, true)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tr, err := s.Trends(t.Context(), TrendOptions{})
	if err != nil || len(tr.Runs) != 0 || tr.Open == nil || tr.Fixed == nil {
		t.Errorf("empty history: %+v, %v", tr, err)
	}
}

func TestSchemaVersions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")
	s, err := Open(t.Context(), path, true)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := s.Version(t.Context()); err != nil || v != SchemaVersion {
		t.Errorf("version %d, %v; want %d", v, err, SchemaVersion)
	}
	// Opening again applies nothing twice.
	s.Close()
	if s, err = Open(t.Context(), path, false); err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, s, "tollgate_schema"); n != len(migrations) {
		t.Errorf("%d schema rows, want %d", n, len(migrations))
	}
	// A store written by a newer Tollgate is refused, not damaged.
	if _, err := s.db.ExecContext(context.Background(), `INSERT INTO tollgate_schema (version, name, applied_at) VALUES (99, 'future', 'x')`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(t.Context(), path, false); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("a newer schema: %v", err)
	}
}

func TestConcurrentRecordersSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")
	checkConcurrentRecorders(t, path, true)
}

// checkConcurrentRecorders has six processes' worth of stores record three
// runs twice each into one new store at once: each run is added once.
func checkConcurrentRecorders(t *testing.T, target string, create bool) {
	t.Helper()
	docs := threeRuns()
	var wg sync.WaitGroup
	added := make([]bool, 6)
	errs := make([]error, 6)
	for i := range added {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := Open(t.Context(), target, create)
			if err != nil {
				errs[i] = err
				return
			}
			defer s.Close()
			_, added[i], errs[i] = s.Record(t.Context(), docs[i%3], "out/", "", recorded)
		}()
	}
	wg.Wait()
	n := 0
	for i := range added {
		if errs[i] != nil {
			t.Errorf("recorder %d: %v", i, errs[i])
		}
		if added[i] {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d runs added by six recorders of three runs, want 3", n)
	}
}

// TestReportsShareOfAssessedRequirements: besides the share of all
// requirements, reports get the met share of the requirements a run
// assessed, and nothing for a framework with none assessed.
func TestReportsShareOfAssessedRequirements(t *testing.T) {
	tr := &Trends{Runs: []RunPoint{{Frameworks: []FrameworkPoint{
		{ID: "some", Requirements: 10, Satisfied: 2, NotSatisfied: 1, Waived: 1, NotAssessed: 5, Manual: 1, SatisfiedPercent: 20},
		{ID: "none", Requirements: 4, NotAssessed: 3, Manual: 1},
	}}}}
	run := tr.ForReports().Runs[0]
	if run.Satisfied["some"] != 20 || run.MetOfAssessed["some"] != 50 {
		t.Errorf("satisfied %v, met of assessed %v; want 20 and 50", run.Satisfied, run.MetOfAssessed)
	}
	if _, ok := run.MetOfAssessed["none"]; ok {
		t.Errorf("a framework with nothing assessed has a share: %v", run.MetOfAssessed)
	}
}
