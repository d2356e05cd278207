package history

// migration is one step of the store's schema. Steps are applied in order,
// each in its own transaction together with the row that records it, and are
// never changed once released: a change of schema is a new step.
type migration struct {
	version int
	name    string
	// sqlite and postgres hold the statements for each database.
	sqlite, postgres []string
}

// migrations is the store's schema history. SchemaVersion is the last one.
var migrations = []migration{
	{
		version: 1,
		name:    "runs, framework tallies, findings and waivers",
		sqlite: []string{
			runsTable("INTEGER PRIMARY KEY AUTOINCREMENT"),
			`CREATE INDEX runs_scope_assessed ON runs (scope, assessed_at)`,
			frameworksTable("INTEGER"),
			findingsTable("INTEGER"),
			`CREATE INDEX run_findings_fingerprint ON run_findings (fingerprint)`,
			waiversTable("INTEGER"),
		},
		postgres: []string{
			runsTable("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"),
			`CREATE INDEX runs_scope_assessed ON runs (scope, assessed_at)`,
			frameworksTable("BIGINT"),
			findingsTable("BIGINT"),
			`CREATE INDEX run_findings_fingerprint ON run_findings (fingerprint)`,
			waiversTable("BIGINT"),
		},
	},
}

// SchemaVersion is the schema version this Tollgate writes and reads.
var SchemaVersion = migrations[len(migrations)-1].version

// runsTable is one row per recorded run; idColumn declares its key.
func runsTable(idColumn string) string {
	return `CREATE TABLE runs (
		id           ` + idColumn + `,
		run_key      TEXT NOT NULL,
		scope        TEXT NOT NULL,
		assessed_at  TEXT NOT NULL,
		recorded_at  TEXT NOT NULL,
		tool_version TEXT NOT NULL,
		source       TEXT NOT NULL,
		subjects     INTEGER NOT NULL,
		failures     INTEGER NOT NULL,
		waived       INTEGER NOT NULL,
		errors       INTEGER NOT NULL,
		UNIQUE (scope, run_key)
	)`
}

func frameworksTable(idType string) string {
	return `CREATE TABLE run_frameworks (
		run_id        ` + idType + ` NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
		framework     TEXT NOT NULL,
		title         TEXT NOT NULL,
		requirements  INTEGER NOT NULL,
		satisfied     INTEGER NOT NULL,
		not_satisfied INTEGER NOT NULL,
		waived        INTEGER NOT NULL,
		not_assessed  INTEGER NOT NULL,
		manual        INTEGER NOT NULL,
		error         INTEGER NOT NULL,
		PRIMARY KEY (run_id, framework)
	)`
}

func findingsTable(idType string) string {
	return `CREATE TABLE run_findings (
		run_id       ` + idType + ` NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
		fingerprint  TEXT NOT NULL,
		finding_id   TEXT NOT NULL,
		control      TEXT NOT NULL,
		title        TEXT NOT NULL,
		severity     TEXT NOT NULL,
		verdict      TEXT NOT NULL,
		subject      TEXT NOT NULL,
		subject_name TEXT NOT NULL,
		location     TEXT NOT NULL,
		waiver       TEXT NOT NULL,
		PRIMARY KEY (run_id, fingerprint)
	)`
}

func waiversTable(idType string) string {
	return `CREATE TABLE run_waivers (
		run_id  ` + idType + ` NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
		waiver  TEXT NOT NULL,
		control TEXT NOT NULL,
		owner   TEXT NOT NULL,
		expires TEXT NOT NULL,
		status  TEXT NOT NULL,
		matched INTEGER NOT NULL,
		PRIMARY KEY (run_id, waiver)
	)`
}
