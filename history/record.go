package history

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tollgate-dev/tollgate/assess"
	resultsjson "github.com/tollgate-dev/tollgate/report/json"
)

// DefaultScope is the scope runs are recorded in when none is named.
// Scopes keep apart the histories of different estates (repositories, teams,
// fleets) that share one store.
const DefaultScope = "default"

// timeFormat is how times are stored: RFC 3339 in UTC, which sorts as text.
const timeFormat = "2006-01-02T15:04:05Z"

// Run is one recorded assessment.
type Run struct {
	ID int64 `json:"id"`
	// Key identifies the assessment: the sha256 of its results (see RunKey).
	Key         string    `json:"key"`
	Scope       string    `json:"scope"`
	AssessedAt  time.Time `json:"assessed_at"`
	RecordedAt  time.Time `json:"recorded_at"`
	ToolVersion string    `json:"tool_version"`
	// Source is what the run was recorded from (a path).
	Source   string `json:"source"`
	Subjects int    `json:"subjects"`
	Failures int    `json:"failures"`
	Waived   int    `json:"waived"`
	Errors   int    `json:"errors"`
}

// RunKey identifies an assessment by its results: the hex sha256 of the
// results.json document, leaving out what only a baseline added. The same
// results recorded twice (from the output folder, or by assess and then by
// hand) have the same key.
func RunKey(doc *resultsjson.Document) (string, error) {
	plain := *doc
	plain.Baseline = nil
	plain.Findings = make([]resultsjson.Finding, len(doc.Findings))
	for i, f := range doc.Findings {
		f.Baseline = ""
		plain.Findings[i] = f
	}
	data, err := json.Marshal(&plain)
	if err != nil {
		return "", fmt.Errorf("run key: %w", err)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}

// beforeCommit, when set (by tests), runs just before a recording commits;
// an error it returns aborts the recording.
var beforeCommit func() error

// Record stores the run doc describes, in scope (DefaultScope when ""), as
// recorded from source at recordedAt. Recording a run the scope already
// holds changes nothing and returns the stored run with added false. The
// run is written in one transaction: a failure leaves the store as it was.
func (s *Store) Record(ctx context.Context, doc *resultsjson.Document, source, scope string, recordedAt time.Time) (Run, bool, error) {
	if scope == "" {
		scope = DefaultScope
	}
	assessed, err := time.Parse(time.RFC3339, doc.Timestamp)
	if err != nil {
		return Run{}, false, fmt.Errorf("record %s: timestamp %q: %w", source, doc.Timestamp, err)
	}
	key, err := RunKey(doc)
	if err != nil {
		return Run{}, false, err
	}
	run := Run{Key: key, Scope: scope, AssessedAt: assessed.UTC(), RecordedAt: recordedAt.UTC(), ToolVersion: doc.Tool.Version,
		Source: source, Subjects: doc.Summary.Subjects, Failures: doc.Summary.Failures, Waived: doc.Summary.Waived, Errors: doc.Summary.Errors}
	added, err := s.record(ctx, doc, &run)
	if err != nil {
		return Run{}, false, s.clean(fmt.Errorf("record %s in %s: %w", source, s.name, err))
	}
	if !added {
		stored, err := s.run(ctx, scope, key)
		if err != nil {
			return Run{}, false, s.clean(fmt.Errorf("record %s in %s: %w", source, s.name, err))
		}
		return stored, false, nil
	}
	return run, true, nil
}

func (s *Store) record(ctx context.Context, doc *resultsjson.Document, run *Run) (bool, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	err = tx.QueryRowContext(ctx, s.rebind(`INSERT INTO runs
		(run_key, scope, assessed_at, recorded_at, tool_version, source, subjects, failures, waived, errors)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (scope, run_key) DO NOTHING RETURNING id`),
		run.Key, run.Scope, run.AssessedAt.Format(timeFormat), run.RecordedAt.Format(timeFormat), run.ToolVersion, run.Source,
		run.Subjects, run.Failures, run.Waived, run.Errors).Scan(&run.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil // already recorded
	}
	if err != nil {
		return false, err
	}
	var fws, findings, waivers [][]any
	for _, fw := range doc.Frameworks {
		t := fw.Tally
		fws = append(fws, []any{run.ID, fw.ID, fw.Title, len(fw.Requirements), t.Satisfied, t.NotSatisfied, t.Waived, t.NotAssessed, t.Manual, t.Error})
	}
	for _, f := range doc.Findings {
		if f.Verdict != string(assess.VerdictFail) && f.Verdict != string(assess.VerdictWaived) {
			continue
		}
		findings = append(findings, []any{run.ID, f.Fingerprint, f.ID, f.Control, f.Title, f.Severity, f.Verdict, f.Subject,
			f.SubjectName, f.Location.Text, f.Waiver})
	}
	for _, w := range doc.Waivers {
		waivers = append(waivers, []any{run.ID, w.ID, w.Control, w.Owner, w.Expires, w.Status, w.Matched})
	}
	for _, ins := range []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"run_frameworks", []string{"run_id", "framework", "title", "requirements", "satisfied", "not_satisfied", "waived", "not_assessed", "manual", "error"}, fws},
		{"run_findings", []string{"run_id", "fingerprint", "finding_id", "control", "title", "severity", "verdict", "subject", "subject_name", "location", "waiver"}, findings},
		{"run_waivers", []string{"run_id", "waiver", "control", "owner", "expires", "status", "matched"}, waivers},
	} {
		if err := s.insertRows(ctx, tx, ins.table, ins.cols, ins.rows); err != nil {
			return false, err
		}
	}
	if beforeCommit != nil {
		if err := beforeCommit(); err != nil {
			return false, err
		}
	}
	return true, tx.Commit()
}

// maxParams keeps a statement under the smallest limit on bound parameters
// of the databases supported (999 in older SQLite builds).
const maxParams = 999

// insertRows inserts rows into table, many rows per statement.
func (s *Store) insertRows(ctx context.Context, tx *sql.Tx, table string, cols []string, rows [][]any) error {
	per := max(1, maxParams/len(cols))
	tuple := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	for start := 0; start < len(rows); start += per {
		batch := rows[start:min(start+per, len(rows))]
		var b strings.Builder
		b.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
		args := make([]any, 0, len(batch)*len(cols))
		for i, r := range batch {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(tuple)
			args = append(args, r...)
		}
		if _, err := tx.ExecContext(ctx, s.rebind(b.String()), args...); err != nil {
			return fmt.Errorf("insert into %s: %w", table, err)
		}
	}
	return nil
}

const runColumns = `id, run_key, scope, assessed_at, recorded_at, tool_version, source, subjects, failures, waived, errors`

// scanRun reads one row of runColumns.
func scanRun(row interface{ Scan(...any) error }) (Run, error) {
	var r Run
	var assessed, recorded string
	if err := row.Scan(&r.ID, &r.Key, &r.Scope, &assessed, &recorded, &r.ToolVersion, &r.Source,
		&r.Subjects, &r.Failures, &r.Waived, &r.Errors); err != nil {
		return Run{}, err
	}
	var err error
	if r.AssessedAt, err = time.Parse(timeFormat, assessed); err != nil {
		return Run{}, fmt.Errorf("run %d: assessed_at: %w", r.ID, err)
	}
	if r.RecordedAt, err = time.Parse(timeFormat, recorded); err != nil {
		return Run{}, fmt.Errorf("run %d: recorded_at: %w", r.ID, err)
	}
	return r, nil
}

// run returns the stored run of scope with the given key.
func (s *Store) run(ctx context.Context, scope, key string) (Run, error) {
	return scanRun(s.db.QueryRowContext(ctx, s.rebind(`SELECT `+runColumns+` FROM runs WHERE scope = ? AND run_key = ?`), scope, key))
}

// Runs returns the runs of a scope (DefaultScope when ""), oldest first:
// by assessment time, then in the order they were recorded.
func (s *Store) Runs(ctx context.Context, scope string) ([]Run, error) {
	if scope == "" {
		scope = DefaultScope
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT `+runColumns+` FROM runs WHERE scope = ? ORDER BY assessed_at, id`), scope)
	if err != nil {
		return nil, s.clean(fmt.Errorf("read runs from %s: %w", s.name, err))
	}
	defer rows.Close()
	var out []Run
	for rows.Next() {
		r, err := scanRun(rows)
		if err != nil {
			return nil, s.clean(fmt.Errorf("read runs from %s: %w", s.name, err))
		}
		out = append(out, r)
	}
	return out, s.clean(rows.Err())
}
