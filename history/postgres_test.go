package history

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/tollgate-dev/tollgate/internal/pgtest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

func newPostgresStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(t.Context(), pgtest.DSN(t), false)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestTrendsOverThreeRunsPostgreSQL(t *testing.T) {
	s := newPostgresStore(t)
	recordAll(t, s, threeRuns())
	checkThreeRunTrends(t, s)
	if v, err := s.Version(t.Context()); err != nil || v != SchemaVersion {
		t.Errorf("schema version %d, %v", v, err)
	}
}

func TestFailedRecordingLosesNothingPostgreSQL(t *testing.T) {
	s := newPostgresStore(t)
	docs := threeRuns()
	recordAll(t, s, docs[:2])
	rows := countRows(t, s, "run_findings")
	beforeCommit = func() error { return errors.New("connection lost") }
	_, _, err := s.Record(t.Context(), docs[2], "run3", "", recorded)
	beforeCommit = nil
	if err == nil {
		t.Fatal("the failure must be reported")
	}
	if got := countRows(t, s, "run_findings"); got != rows || countRows(t, s, "runs") != 2 {
		t.Errorf("a failed recording left rows behind: %d findings, want %d", got, rows)
	}
}

func TestConcurrentRecordersPostgreSQL(t *testing.T) {
	checkConcurrentRecorders(t, pgtest.DSN(t), false)
}

func TestPostgreSQLErrorsHideThePassword(t *testing.T) {
	_, err := Open(t.Context(), "postgres://tollgate:hunter2-secret@127.0.0.1:1/history?sslmode=disable&connect_timeout=2", false)
	if err == nil {
		t.Fatal("nothing listens on port 1")
	}
	if strings.Contains(err.Error(), "hunter2-secret") {
		t.Errorf("the password leaked: %v", err)
	}
	if !strings.Contains(err.Error(), "127.0.0.1") {
		t.Errorf("the error should name the server: %v", err)
	}
}
