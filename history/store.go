// Package history keeps assessments over time in a store — an embedded
// SQLite file by default, or a PostgreSQL database shared by a team — and
// computes trends from them: the satisfied share of each framework, open
// failures by severity, the age of open findings, the time it took to fix
// closed ones, and waivers about to expire. Runs are recorded from their
// results.json documents; findings are tracked by fingerprint.
package history

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	_ "modernc.org/sqlite"             // database/sql driver "sqlite"
)

// DefaultPath is the SQLite store used when none is named.
const DefaultPath = ".tollgate/history.db"

// ErrNoStore is returned by Open when a SQLite store that must exist does not.
var ErrNoStore = errors.New("no history store")

type dialect int

const (
	sqliteDialect dialect = iota
	postgresDialect
)

// Store is an open history store.
type Store struct {
	db      *sql.DB
	dialect dialect
	// name is the store as shown to people: a path, or a URL without its password.
	name string
	// password is removed from every error, should a driver repeat it.
	password string
}

// IsPostgres reports whether target names a PostgreSQL database
// (postgres://… or postgresql://…) rather than a SQLite file.
func IsPostgres(target string) bool {
	lower := strings.ToLower(target)
	return strings.HasPrefix(lower, "postgres://") || strings.HasPrefix(lower, "postgresql://")
}

// Open opens the store named by target — a PostgreSQL URL, or the path of a
// SQLite file ("" means DefaultPath) — and brings its schema up to date.
// A SQLite file that does not exist is created (with its folder) when create
// is true, and is ErrNoStore otherwise.
func Open(ctx context.Context, target string, create bool) (*Store, error) {
	if target == "" {
		target = DefaultPath
	}
	var s *Store
	var err error
	if IsPostgres(target) {
		s, err = openPostgres(ctx, target)
	} else {
		s, err = openSQLite(ctx, target, create)
	}
	if err != nil {
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, s.clean(fmt.Errorf("history store %s: %w", s.name, err))
	}
	return s, nil
}

func openSQLite(ctx context.Context, path string, create bool) (*Store, error) {
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("history store %s: a file name may not hold ? or #", path)
	}
	switch _, err := os.Stat(path); {
	case errors.Is(err, fs.ErrNotExist) && !create:
		return nil, fmt.Errorf("%w at %s: record runs with 'tollgate history record'", ErrNoStore, path)
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("history store %s: %w", path, err)
		}
	case err != nil:
		return nil, fmt.Errorf("history store %s: %w", path, err)
	}
	// Transactions take the write lock when they begin, so concurrent
	// recorders queue (up to the busy timeout) instead of failing half way.
	db, err := sql.Open("sqlite", path+"?_busy_timeout=10000&_foreign_keys=1&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("history store %s: %w", path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("history store %s: %w", path, err)
	}
	return &Store{db: db, dialect: sqliteDialect, name: path}, nil
}

func openPostgres(ctx context.Context, target string) (*Store, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, fmt.Errorf("history store: not a PostgreSQL URL: %w", errors.Unwrap(err))
	}
	s := &Store{dialect: postgresDialect, name: u.Redacted()}
	if p, ok := u.User.Password(); ok {
		s.password = p
	}
	db, err := sql.Open("pgx", target)
	if err != nil {
		return nil, s.clean(fmt.Errorf("history store %s: %w", s.name, err))
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, s.clean(fmt.Errorf("history store %s: %w", s.name, err))
	}
	s.db = db
	return s, nil
}

// Name is the store as shown to people (a URL's password is hidden).
func (s *Store) Name() string { return s.name }

// Close closes the store.
func (s *Store) Close() error { return s.db.Close() }

// clean removes the store's password from an error, should a driver have
// repeated it.
func (s *Store) clean(err error) error {
	if err == nil || s.password == "" || !strings.Contains(err.Error(), s.password) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), s.password, "xxxxx"))
}

// rebind turns ? placeholders into PostgreSQL's $1, $2, ….
func (s *Store) rebind(query string) string {
	if s.dialect != postgresDialect {
		return query
	}
	var b strings.Builder
	n := 0
	for _, c := range query {
		if c == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// migrate applies the schema steps the store has not had yet, each in its
// own transaction with the row that records it, and refuses a store written
// by a newer Tollgate.
func (s *Store) migrate(ctx context.Context) error {
	// An up-to-date store is only read: no lock is taken.
	switch v, err := s.Version(ctx); {
	case err == nil && v == SchemaVersion:
		return nil
	case err == nil && v > SchemaVersion:
		return newerSchema(v)
	}
	for _, m := range migrations {
		if err := s.apply(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

func newerSchema(v int) error {
	return fmt.Errorf("schema version %d is newer than this Tollgate knows (%d): upgrade Tollgate", v, SchemaVersion)
}

func (s *Store) apply(ctx context.Context, m migration) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("schema %d: %w", m.version, err)
	}
	defer tx.Rollback()
	if s.dialect == postgresDialect {
		// One migrator at a time across every client of the database.
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7243010001)`); err != nil {
			return fmt.Errorf("schema %d: lock: %w", m.version, err)
		}
	}
	// Under the lock (SQLite: the write lock the transaction began with), so
	// that concurrent first openings create the schema once.
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS tollgate_schema (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TEXT NOT NULL
	)`); err != nil {
		return fmt.Errorf("schema table: %w", err)
	}
	var current int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM tollgate_schema`).Scan(&current); err != nil {
		return fmt.Errorf("schema version: %w", err)
	}
	if current > SchemaVersion {
		return newerSchema(current)
	}
	if current >= m.version {
		return nil
	}
	stmts := m.sqlite
	if s.dialect == postgresDialect {
		stmts = m.postgres
	}
	for _, stmt := range stmts {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("schema %d (%s): %w", m.version, m.name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, s.rebind(`INSERT INTO tollgate_schema (version, name, applied_at) VALUES (?, ?, ?)`),
		m.version, m.name, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return fmt.Errorf("schema %d: %w", m.version, err)
	}
	return tx.Commit()
}

// Version returns the store's schema version.
func (s *Store) Version(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM tollgate_schema`).Scan(&v)
	return v, s.clean(err)
}
