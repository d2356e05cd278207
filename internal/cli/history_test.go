package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/internal/pgtest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

// historyJSON is the part of 'history show --format json' the tests read.
type historyJSON struct {
	Scope string `json:"scope"`
	Runs  []struct {
		AssessedAt string `json:"assessed_at"`
		Failures   int    `json:"failures"`
	} `json:"runs"`
	Open []struct {
		Control     string `json:"control"`
		SubjectName string `json:"subject_name"`
		FirstSeen   string `json:"first_seen"`
		AgeDays     int    `json:"age_days"`
	} `json:"open"`
	Fixed []struct {
		Control, Subject string
		DaysToFix        float64 `json:"days_to_fix"`
	} `json:"fixed"`
	SincePrevious *struct{ New, Fixed int } `json:"since_previous"`
}

// threeExampleRuns assesses the example three times: as it is, after the
// fix of alice's workstation and the new analytics server, and once more.
func threeExampleRuns(t *testing.T) []string {
	t.Helper()
	acme := copyExample(t)
	tmp := t.TempDir()
	var outs []string
	for i, ts := range []string{"2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"} {
		if i == 1 {
			fixAliceAddAnalytics(t, acme)
		}
		out := filepath.Join(tmp, "run"+string(rune('1'+i)))
		if run := runTollgate(t, "assess", acme, "-o", out, "--timestamp", ts, "--fail-on", "none", "-q"); run.code != 0 {
			t.Fatalf("assess: exit %d: %v", run.code, run.err)
		}
		outs = append(outs, out)
	}
	return outs
}

func checkHistoryCommands(t *testing.T, outs []string, store string) {
	t.Helper()
	run := runTollgate(t, append([]string{"history", "record", "--store", store, "--scope", "acme"}, outs...)...)
	if run.code != 0 || strings.Count(run.stdout, "recorded as run") != 3 {
		t.Fatalf("record: exit %d, %v\n%s", run.code, run.err, run.stdout)
	}
	run = runTollgate(t, "history", "record", "--store", store, "--scope", "acme", filepath.Join(outs[0], "results.json"))
	if run.code != 0 || !strings.Contains(run.stdout, "already recorded as run 1 of acme") {
		t.Errorf("recording again: exit %d, %v\n%s", run.code, run.err, run.stdout)
	}
	run = runTollgate(t, "history", "show", "--store", store, "--scope", "acme", "--format", "json", "--timestamp", "2026-03-11T00:00:00Z")
	if run.code != 0 {
		t.Fatalf("show: exit %d, %v", run.code, run.err)
	}
	var h historyJSON
	if err := json.Unmarshal([]byte(run.stdout), &h); err != nil {
		t.Fatalf("show --format json: %v\n%s", err, run.stdout)
	}
	if h.Scope != "acme" || len(h.Runs) != 3 || h.Runs[0].AssessedAt != "2026-01-01T00:00:00Z" || h.Runs[2].AssessedAt != "2026-03-01T00:00:00Z" {
		t.Fatalf("runs = %+v, want three, newest last", h.Runs)
	}
	if len(h.Open) != 67 {
		t.Errorf("%d open findings, want 67", len(h.Open))
	}
	for _, f := range h.Open {
		want, age := "2026-01-01T00:00:00Z", 69
		if f.SubjectName == "analytics" {
			want, age = "2026-02-01T00:00:00Z", 38
		}
		if f.FirstSeen != want || f.AgeDays != age {
			t.Errorf("%s %s: first seen %s, age %d; want %s, %d", f.Control, f.SubjectName, f.FirstSeen, f.AgeDays, want, age)
		}
	}
	if len(h.Fixed) != 3 || h.Fixed[0].DaysToFix != 31 {
		t.Errorf("fixed = %+v, want alice's three, fixed in 31 days", h.Fixed)
	}
	if h.SincePrevious == nil || h.SincePrevious.New != 0 || h.SincePrevious.Fixed != 0 {
		t.Errorf("since previous = %+v", h.SincePrevious)
	}
	text := runTollgate(t, "history", "show", "--store", store, "--scope", "acme", "--timestamp", "2026-03-11T00:00:00Z")
	for _, want := range []string{"3 runs, 2026-01-01 to 2026-03-01", "nist-800-53-rev5", "Open findings (67)", "Fixed (3); time to fix: median 31.0 days"} {
		if !strings.Contains(text.stdout, want) {
			t.Errorf("show lacks %q:\n%s", want, text.stdout)
		}
	}
}

func TestHistoryCommandsSQLite(t *testing.T) {
	outs := threeExampleRuns(t)
	store := filepath.Join(t.TempDir(), "state", "history.db")
	checkHistoryCommands(t, outs, store)
	// Another scope of the same store has no runs.
	run := runTollgate(t, "history", "show", "--store", store, "--scope", "other")
	if run.code != 0 || !strings.Contains(run.stdout, "No runs recorded") {
		t.Errorf("empty scope: exit %d\n%s", run.code, run.stdout)
	}
}

func TestHistoryCommandsPostgreSQL(t *testing.T) {
	dsn := pgtest.DSN(t)
	checkHistoryCommands(t, threeExampleRuns(t), dsn)
}

func TestHistoryShowWithoutStore(t *testing.T) {
	run := runTollgate(t, "history", "show", "--store", filepath.Join(t.TempDir(), "none.db"))
	if run.code != 2 || !strings.Contains(run.err.Error(), "history record") {
		t.Errorf("exit %d, %v; want 2 saying how to record", run.code, run.err)
	}
}

func TestAssessRecordsHistoryAndReportsIt(t *testing.T) {
	acme := copyExample(t)
	tmp := t.TempDir()
	store := filepath.Join(tmp, "history.db")
	var outs []string
	for i, ts := range []string{"2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"} {
		if i == 1 {
			fixAliceAddAnalytics(t, acme)
		}
		out := filepath.Join(tmp, "run"+string(rune('1'+i)))
		run := runTollgate(t, "assess", acme, "-o", out, "--timestamp", ts, "--fail-on", "none", "--history", store, "--history-scope", "acme")
		if run.code != 0 {
			t.Fatalf("assess: exit %d: %v", run.code, run.err)
		}
		want := "the first run recorded"
		if i == 1 {
			want = "3 new, 3 fixed since 2026-01-01T00:00:00Z"
		}
		if !strings.Contains(run.stdout, "History acme of "+store) || !strings.Contains(run.stdout, want) {
			t.Errorf("run %d: console lacks %q:\n%s", i+1, want, run.stdout)
		}
		outs = append(outs, out)
	}
	summary, err := os.ReadFile(filepath.Join(outs[1], "summary.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(summary), "**3 new, 3 fixed** since the previous run (2026-01-01T00:00:00Z) of the history `acme`.") {
		t.Errorf("summary.md lacks the history line:\n%.600s", summary)
	}
	// assess recorded exactly what its results.json holds.
	run := runTollgate(t, "history", "record", "--store", store, "--scope", "acme", outs[0], outs[1])
	if run.code != 0 || strings.Count(run.stdout, "already recorded") != 2 {
		t.Errorf("recording assess's outputs again must change nothing: exit %d\n%s", run.code, run.stdout)
	}
}
